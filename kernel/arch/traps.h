/*
 * kernel/arch/traps.h - the interrupt descriptor table and exception handling.
 *
 * trap_init() fills the IDT, shared by every CPU: the 32 CPU exceptions,
 * the device IRQ vectors and the APIC vectors (stubs in kernel/arch/entry.asm);
 * set_intr_handler() attaches C handlers to the APIC vectors.  On the way
 * out of an interrupt into preemptible code, a pending reschedule is
 * honoured (preemption on return from interrupt).  A kernel-mode exception either resumes at
 * an exception-table fixup, or - for int3 - is reported and resumed, or is
 * an oops: register dump, symbolized backtrace, panic (or, inside
 * call_recoverable, a return with -EFAULT).
 */
#ifndef KERNEL_ARCH_TRAPS_H
#define KERNEL_ARCH_TRAPS_H

#include "kernel/arch/ptrace.h"

void trap_init(void);
void load_idt(void);
typedef void (*vector_handler_t)(struct pt_regs *regs);
void set_intr_handler(unsigned int vector, vector_handler_t fn);
/* Interrupts taken on vector (0xe0..0xff) by cpu, for `irqs`. */
unsigned long apic_vector_count(unsigned int vector, int cpu);
void show_regs(const struct pt_regs *regs);
void do_interrupt(struct pt_regs *regs);
/* Report a kernel exception (registers, call trace) and panic, or leave
 * the call_recoverable call it happened in (kernel/arch/oops_recover.h). */
void die(const char *why, struct pt_regs *regs) __attribute__((noreturn));

struct tss;
/* This CPU's double-fault task (kernel/arch/doublefault.c). */
struct tss *doublefault_tss_of(int cpu);
void doublefault_init(void);
/* NMI: answer trigger_all_cpu_backtrace() (kernel/smp.c). */
bool nmi_backtrace_handler(struct pt_regs *regs);

/* How many int3 traps have been reported (a test probe). */
extern unsigned long int3_count;

#endif
