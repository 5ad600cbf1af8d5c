/*
 * kernel/cputime.h - what the tick accounts: each CPU's time in user,
 * kernel and idle mode (/proc/stat), the running task's user and system
 * ticks, and the load average (/proc/loadavg, sysinfo); and what a task,
 * a process and its reaped children have used (times, getrusage, the CPU
 * clocks, /proc/PID/stat), summed the Linux 2.6 way: a process is its
 * live threads plus the exited ones' totals kept in its signal_struct.
 *
 * Data: per-CPU struct cpu_usage_stat; avenrun; struct task_usage;
 * struct cpu_itimer (ITIMER_VIRTUAL, ITIMER_PROF).
 * Locking: see kernel/cputime.c.
 */
#ifndef KERNEL_CPUTIME_H
#define KERNEL_CPUTIME_H

#include "lib/types.h"

struct task_struct;

/* What tasks have used: one thread (its task_struct's counters), or a
 * sum - a process's exited threads, its reaped children. */
struct task_usage {
	unsigned long utime, stime;     /* ticks in user / kernel mode */
	unsigned long min_flt, maj_flt; /* page faults resolved without / with I/O */
	unsigned long nvcsw, nivcsw;    /* switches: it slept / it was preempted */
	u64 sum_exec_runtime;           /* ns on a CPU */
};

/* ns p has run, the current stretch included if p is current. */
u64 task_sched_runtime(struct task_struct *p);
/* setitimer's timers: wall-clock time (kernel/itimer.c), and the
 * process's CPU time in user mode, or in both modes, counted in ticks. */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* A CPU-time itimer: ticks left (0: off), and the ticks it starts again
 * with when it runs out (0: once).  Atomic: the ticks of the process's
 * threads on several CPUs count it down at once. */
struct cpu_itimer {
	unsigned long expires, incr;
};

/* utime and stime as last reported for a thread or a process: the run
 * time split the way the ticks were, never going back (cputime_adjust). */
struct prev_cputime {
	unsigned long utime, stime;
};

/* What the thread t has used.  These three report utime and stime as
 * the run time split the way the ticks were (cputime_adjust); the
 * children's are the sum of what each reaped child reported. */
void task_usage(struct task_struct *t, struct task_usage *u);
/* What p's process has used: its exited threads and its live ones. */
void thread_group_usage(struct task_struct *p, struct task_usage *u);
/* What the children p's process has reaped used, theirs included. */
void children_usage(struct task_struct *p, struct task_usage *u);
/* An exiting thread's counters go to its process's (exit_notify, before
 * it is marked exited); tasklist_lock held. */
void account_exiting_thread(struct task_struct *tsk);
/* wait4 reaps z: its process's totals, its reaped children's included,
 * go to current's process's children's. */
void account_reaped_child(struct task_struct *z);

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
