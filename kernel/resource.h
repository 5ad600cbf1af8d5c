/*
 * kernel/resource.h - what a process has used: struct rusage as i386
 * Linux lays it out, for getrusage() and wait4(); and the resource limits
 * a process starts with (Linux's numbers and init's defaults).
 *
 * Data: none of its own (the counters are in struct task_struct and,
 * summed for the process, struct signal_struct; so are the limits).
 * Locking: see kernel/cputime.c.
 */
#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include "kernel/time.h"

struct task_struct;

/* Linux's RLIMIT_* numbers not already in kernel/sched.h. */
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15

/* The limits Linux gives init (include/asm-generic/resource.h's
 * INIT_RLIMITS, fork_init's max_threads/2): a kernel task passes them to
 * every process it starts. */
void init_rlimits(struct task_struct *p);

struct rusage {
	struct timeval32 utime, stime;
	s32 maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
	s32 msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

/* p's process's usage (with its reaped children's when children is
 * set: wait4's rusage), as getrusage reports it (kernel/cputime.c). */
void fill_rusage(struct task_struct *p, struct rusage *r, bool children);

#endif
