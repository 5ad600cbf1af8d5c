/*
 * kernel/resource.h - what a process has used: struct rusage as i386
 * Linux lays it out, for getrusage() and wait4().
 *
 * Data: none of its own (the counters are in struct task_struct).
 * Locking: none; a task's counters are read without a lock, a snapshot.
 */
#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include "lib/types.h"

struct task_struct;

struct rusage {
	s32 utime_sec, utime_usec, stime_sec, stime_usec;
	s32 maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
	s32 msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

/* p's usage (with its reaped children's when children is set). */
void fill_rusage(const struct task_struct *p, struct rusage *r, bool children);

#endif
