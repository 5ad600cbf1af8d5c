/*
 * tests/modules/modtest_oopslock.c - a module whose init oopses with a
 * spinlock of its own held: an oops that cannot be left (the lock would
 * stay taken, preemption off), so it stays fatal and says why.
 * Data: oopslock_lock, taken and never released.
 */
#include "kernel/locking/spinlock.h"
#include "kernel/module.h"

static DEFINE_SPINLOCK(oopslock_lock);

static int __attribute__((noinline)) oopslock_read(volatile int *p)
{
	return *p;
}

static int __init oopslock_init(void)
{
	spin_lock(&oopslock_lock);
	return oopslock_read((volatile int *)16);
}

module_init(oopslock_init);
MODULE_LICENSE("GPL");
