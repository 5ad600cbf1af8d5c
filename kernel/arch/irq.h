/*
 * kernel/arch/irq.h - device interrupt lines.
 *
 * request_irq() attaches a handler to one of the 16 legacy IRQ lines and
 * unmasks it (I/O APIC or PIC); the entry code calls handle_irq() for vectors
 * IRQ_BASE..IRQ_BASE+15.  Per-line counts are kept for the monitor.
 */
#ifndef KERNEL_ARCH_IRQ_H
#define KERNEL_ARCH_IRQ_H

#include "kernel/arch/ptrace.h"
#include "kernel/preempt.h"

#define NR_IRQS 16
#define IRQ_BASE 32

typedef void (*irq_handler_t)(struct pt_regs *regs);

/* Entering and leaving a hardware interrupt handler: the hardirq part of
 * preempt_count, so in_interrupt() is true (and sleeping forbidden) inside. */
static inline void irq_enter(void) { add_preempt_count(HARDIRQ_OFFSET); }
static inline void irq_exit(void) { sub_preempt_count(HARDIRQ_OFFSET); }

int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
void handle_irq(unsigned int irq, struct pt_regs *regs);
unsigned long irq_count(unsigned int irq, int cpu, const char **name);

#endif
