/*
 * kernel/idle.h - what a CPU does when it has nothing to do.
 *
 * cpu_idle() is the body of every CPU's idle task (kernel/sched.h): halt
 * until an interrupt, run schedule() when there is work.
 */
#ifndef KERNEL_IDLE_H
#define KERNEL_IDLE_H

void cpu_idle(void) __attribute__((noreturn));

#endif
