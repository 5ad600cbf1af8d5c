/*
 * kernel/lockdep.h - lock debugging: lock classes and the lock-order
 * checker.
 *
 * A lock class is every lock made at one spin_lock_init()/mutex_init()
 * call site (the site's static struct lock_class_key), or one statically
 * defined lock (DEFINE_SPINLOCK; its address is its key).  The checker
 * remembers, for each pair of classes, the order in which they were first
 * held together, with the backtraces of both acquisitions; taking them in
 * the other order later is an AB-BA deadlock waiting to happen, reported
 * with both stacks before it can happen for real.
 *
 * Everything here is active only when debug_locks is set (boot option
 * `lock_debug`); otherwise locks cost one predictable branch.
 * Locking: the class table and dependency graph have their own raw lock.
 */
#ifndef KERNEL_LOCKDEP_H
#define KERNEL_LOCKDEP_H

#include "lib/types.h"

struct lock_class_key {
	char dummy;                     /* only its address matters */
};

#define MAX_HELD_LOCKS 16

/* A stack of locks held, for the order checks: per CPU for spinlocks, per
 * task for sleeping locks. */
struct held_locks {
	int depth;
	const void *lock[MAX_HELD_LOCKS];
};

extern bool debug_locks;
/* Problems found so far (reports printed), for the tests. */
extern unsigned long lockdep_reports;

/* The class index for key (registering it as `name` on first sight);
 * 0 when the class table is full, which turns checking off for it. */
u16 lockdep_register_key(const struct lock_class_key *key, const char *name);

/* Sleeping locks (kernel/mutex.c): check and record an acquisition in a
 * task's held stack, and drop it again. */
void lockdep_acquire(u16 *class_idx, const void *lock, const char *name,
		     struct held_locks *held);
void lockdep_release(const void *lock, struct held_locks *held);

#endif
