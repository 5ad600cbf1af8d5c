/*
 * kernel/idle.h - what a CPU does when it has nothing to do.
 *
 * cpu_idle() is called with local interrupts disabled, after the caller has
 * checked there is no work; it returns after the next interrupt.  Today the
 * monitor's wait for input is the only idle time; the scheduler's idle
 * tasks will call the same function.
 */
#ifndef KERNEL_IDLE_H
#define KERNEL_IDLE_H

void cpu_idle(void);

#endif
