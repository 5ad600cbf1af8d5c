/*
 * kernel/cputime.h - what the tick accounts: each CPU's time in user,
 * kernel and idle mode (/proc/stat), the running task's user and system
 * ticks, and the load average (/proc/loadavg, sysinfo).
 *
 * Data: per-CPU struct cpu_usage_stat; avenrun.
 * Locking: see kernel/cputime.c.
 */
#ifndef KERNEL_CPUTIME_H
#define KERNEL_CPUTIME_H

#include "lib/types.h"

/* The tick's accounting: charge current and this CPU's counters with one
 * tick in user or kernel mode (or idle). */
void account_process_tick(bool user);
/* Ticks each CPU spent in each state, as /proc/stat shows them. */
struct cpu_usage_stat {
	unsigned long long user, nice, system, idle, iowait, irq, softirq;
};
struct cpu_usage_stat kstat_cpu(int cpu);
/* The load average: runnable tasks, decayed over 1, 5 and 15 minutes, in
 * fixed point with FSHIFT fraction bits (as Linux's avenrun). */
#define FSHIFT 11
#define FIXED_1 (1 << FSHIFT)
extern unsigned long avenrun[3];

#endif
