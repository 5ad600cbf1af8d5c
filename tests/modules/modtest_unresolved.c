/*
 * tests/modules/modtest_unresolved.c - calls a kernel function that is
 * not exported (do_page_fault is in the kernel, but not in
 * kernel/ksyms.c): the load must be refused, the symbol named.
 * No data; no locking.
 */
#include "kernel/arch/ptrace.h"
#include "kernel/module.h"

void do_page_fault(struct pt_regs *regs, unsigned long address);

static int __init unresolved_init(void)
{
	do_page_fault(NULL, 0);
	return 0;
}

module_init(unresolved_init);
MODULE_LICENSE("GPL");
