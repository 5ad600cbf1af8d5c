/*
 * kernel/profile.h - the kernel profiler: with `profile` on the command
 * line every CPU's timer tick counts the kernel function it interrupted
 * (or user mode), and /proc/profile lists the counts (kernel/profile.c).
 */
#ifndef KERNEL_PROFILE_H
#define KERNEL_PROFILE_H

#include "kernel/arch/ptrace.h"
#include "lib/types.h"

struct seq_file;

/* Allocate the counters if profiling was asked for (after kmalloc works). */
void profile_init(void);
/* Start counting now (the boot option's work; the ktests' way in): 0 or
 * -ENOMEM.  Counting, once on, stays on. */
int profile_enable(void);
/* From the timer interrupt of each CPU: count where regs was. */
void profile_tick(const struct pt_regs *regs);
/* /proc/profile: the functions with ticks, most first; a write resets. */
void profile_show(struct seq_file *m, void *arg);
int profile_reset(unsigned long val);
/* The ticks counted in function i of kallsyms_table, and in user mode
 * (for the tests); 0 with profiling off. */
unsigned long profile_hits(unsigned int i);
unsigned long profile_user_hits(void);

#endif
