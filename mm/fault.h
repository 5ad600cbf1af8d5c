/*
 * mm/fault.h - the page-fault handler.
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "kernel/arch/ptrace.h"

/* Page-fault error code bits (pushed by the CPU). */
#define PF_PROT 0x1     /* 0: page not present, 1: protection violation */
#define PF_WRITE 0x2    /* the access was a write */
#define PF_USER 0x4     /* the CPU was in user mode */

void do_page_fault(struct pt_regs *regs, unsigned long address);
/* Which part of the address space addr lies in, for reports. */
const char *describe_address(unsigned long addr);

#endif
