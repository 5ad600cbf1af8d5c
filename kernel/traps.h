/*
 * kernel/traps.h - the interrupt descriptor table and exception handling.
 *
 * trap_init() fills the IDT: the 32 CPU exceptions and the 16 IRQ vectors
 * (stubs in kernel/entry.asm).  A kernel-mode exception either resumes at
 * an exception-table fixup, or - for int3 - is reported and resumed, or is
 * an oops: register dump, symbolized backtrace, panic.
 */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include "kernel/ptrace.h"

void trap_init(void);
void show_regs(const struct pt_regs *regs);
void do_interrupt(struct pt_regs *regs);
/* Report a fatal kernel exception (registers, call trace) and panic. */
void die(const char *why, struct pt_regs *regs) __attribute__((noreturn));

struct tss;
extern struct tss doublefault_tss;
void doublefault_init(void);

/* How many int3 traps have been reported (a test probe). */
extern unsigned long int3_count;

#endif
