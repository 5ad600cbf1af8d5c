/*
 * kernel/irq.h - device interrupt lines.
 *
 * request_irq() attaches a handler to one of the 16 legacy IRQ lines and
 * unmasks it at the PIC; the entry code calls handle_irq() for vectors
 * IRQ_BASE..IRQ_BASE+15.  Per-line counts are kept for the monitor.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/ptrace.h"

#define NR_IRQS 16
#define IRQ_BASE 32

typedef void (*irq_handler_t)(struct pt_regs *regs);

/* Nesting depth of hardware interrupt handlers on this CPU (one CPU runs
 * today; this becomes per-CPU with SMP).  Code that may sleep - kmap(),
 * later mutexes - must not run while it is non-zero. */
extern int hardirq_depth;
static inline bool in_interrupt(void) { return hardirq_depth != 0; }

int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
void handle_irq(unsigned int irq, struct pt_regs *regs);
unsigned long irq_count(unsigned int irq, const char **name);

#endif
