/*
 * tests/modules/modtest_oops.c - a module whose init oopses (a read of
 * address 16, in a function of its own): the oops report names the
 * function with the module's name, from the module's own symbol table,
 * and the loader, back from the oops, unloads it: insmod gets -EFAULT.
 * No data; no locking.
 */
#include "kernel/module.h"

static int __attribute__((noinline)) modtest_oops_read(volatile int *p)
{
	return *p;
}

static int __init oops_init(void)
{
	return modtest_oops_read((volatile int *)16);
}

module_init(oops_init);
MODULE_LICENSE("GPL");
