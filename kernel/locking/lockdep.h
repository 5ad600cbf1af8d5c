/*
 * kernel/locking/lockdep.h - lock debugging: lock classes and the lock-order
 * checker.
 *
 * A lock class is every lock made at one spin_lock_init()/mutex_init()
 * call site (the site's static struct lock_class_key), or one statically
 * defined lock (DEFINE_SPINLOCK, DEFINE_MUTEX: its address is its key).
 * The checker remembers, for each pair of classes, the order in which they
 * were first held together, with the backtraces of both acquisitions;
 * taking them in the other order later - directly or through a chain of
 * other classes - is an AB-BA deadlock waiting to happen, reported with
 * both stacks before it can happen for real.  It also reports taking a
 * spinlock this CPU already holds (then panics: that would spin forever),
 * releasing one this CPU does not hold (the release is refused), and a lock
 * spun on for seconds (with every CPU's backtrace).
 *
 * Everything here is active only when debug_locks is set (boot option
 * `lock_debug`, on in the tests); otherwise a lock costs one predictable
 * branch more.
 * Locking: the class table and the dependency graph are under a raw
 * spinlock with interrupts off; the held-lock stacks belong to their CPU
 * (spinlocks) or task (sleeping locks).
 */
#ifndef KERNEL_LOCKING_LOCKDEP_H
#define KERNEL_LOCKING_LOCKDEP_H

#include "lib/types.h"

#define MAX_HELD_LOCKS 8
#define LOCK_TRACE_DEPTH 8

struct lock_class_key {
	char dummy;                     /* only its address matters */
};

struct held_lock {
	const void *lock;
	u16 class_idx;
	unsigned long trace[LOCK_TRACE_DEPTH];  /* where it was taken */
};

/* A stack of locks held, for the order checks: per CPU for spinlocks, per
 * task for sleeping locks. */
struct held_locks {
	int depth;
	struct held_lock entry[MAX_HELD_LOCKS];
};

/* A statically defined lock's name, found through its address (the
 * .lock_names section; DEFINE_SPINLOCK/DEFINE_MUTEX add the entry). */
struct lock_name {
	const void *lock;
	const char *name;
};

#define LOCK_NAME(x)                                                         \
	static const struct lock_name __lock_name_##x                        \
		__attribute__((used, section(".lock_names"), aligned(4))) = { &x, #x }

extern bool debug_locks;

struct spinlock;
struct mutex;
struct rw_semaphore;

/* A written lock order: the class names (as lock_debug names them: the
 * init expression, e.g. "&zone->lock", or a static lock's name), outermost
 * first.  Taking a lock while holding one the list puts after it is
 * reported as a lock order violation.  names must stay valid. */
void lockdep_declare_order(const char *title, const char *const *names, unsigned int n);
/* The lock's rank in a written order, -1 if none names its class (or it
 * has no class yet).  class_idx: the lock's own, or NULL to search. */
int lockdep_class_rank(const void *lock, const u16 *class_idx);
/* Is there a static lock of this name, or a registered class (tests)? */
bool lockdep_class_named(const char *name);

/* Does this CPU (spinlock) or this task (mutex) hold the lock?  Without
 * lock_debug a spinlock's owner is not kept: then "taken by someone". */
bool spin_held_by_me(const struct spinlock *lock);
bool mutex_held_by_me(const struct mutex *m);
/* An rwsem (kernel/locking/rwsem.c): held for reading or writing, and held
 * for writing. */
bool rwsem_held_by_me(const struct rw_semaphore *sem);
bool rwsem_write_held_by_me(const struct rw_semaphore *sem);
/* Is lock on this held-lock stack?  (A stack that overflowed answers
 * true: its deeper entries were not kept.) */
bool lockdep_task_holds(const void *lock, const struct held_locks *held);
/* Report a lock that should be held and is not: a BUG line naming it and
 * where, a backtrace, and lockdep_reports counts it.  The caller goes on
 * (as Linux's lockdep_assert_held warns), so one report shows every
 * broken assumption of a run instead of stopping at the first. */
void lock_not_held(const void *lock, const char *expr, const char *file, int line);

/* Where a comment says "X held": the caller holds X, a spinlock_t *, a
 * struct mutex * or a struct rw_semaphore * (for reading or writing).
 * Always compiled in; the check is a load or two. */
#define lockdep_assert_held(l)                                               \
	do {                                                                 \
		if (unlikely(!__lock_held_by_me(l, rwsem_held_by_me)))       \
			lock_not_held(l, #l, __FILE__, __LINE__);            \
	} while (0)
/* "X held for writing": an rwsem's write hold (other locks have only one
 * kind of hold, so for them this is lockdep_assert_held). */
#define lockdep_assert_held_write(l)                                         \
	do {                                                                 \
		if (unlikely(!__lock_held_by_me(l, rwsem_write_held_by_me))) \
			lock_not_held(l, #l " (for writing)", __FILE__, __LINE__); \
	} while (0)
#define __lock_held_by_me(l, rwsem_check)                                    \
	_Generic((l),                                                        \
		struct spinlock *: spin_held_by_me,                          \
		const struct spinlock *: spin_held_by_me,                    \
		struct mutex *: mutex_held_by_me,                            \
		const struct mutex *: mutex_held_by_me,                      \
		struct rw_semaphore *: rwsem_check,                          \
		const struct rw_semaphore *: rwsem_check)(l)
/* Problems found so far (reports printed), for the tests. */
extern unsigned long lockdep_reports;

/* The class index for key (registering it as `name` on first sight);
 * 0 when the class table is full, which turns checking off for it. */
u16 lockdep_register_key(const void *key, const char *name);

/* Sleeping locks (kernel/locking/mutex.c, rwsem.c): check and record an
 * acquisition in a
 * task's held stack, and drop it again. */
void lockdep_acquire(u16 *class_idx, const void *lock, const char *name,
		     struct held_locks *held, bool trylock);
/*
 * Bit spinlocks (a flag bit spun on with test_and_set_bit, as
 * mm/rmap.h's PG_chainlock): the caller registers one class for all the
 * bits of a kind (lockdep_register_key) and passes it with the lock's
 * identity (its page, say); the hold goes on this CPU's stack beside the
 * spinlocks, so the written order and the pair graph cover it, and taking
 * one this CPU holds is reported (then panics) as a spinlock's would be.
 * A trylock is recorded but not checked (it cannot deadlock).
 * held_by_me answers true when lock_debug is off.  Without lock_debug
 * acquire and release cost one test, inline: a bit lock is taken once
 * per mapping a fork copies or an exit zaps.
 */
void __lockdep_bit_lock_acquire(u16 cls, const void *lock, bool trylock);
void __lockdep_bit_lock_release(const void *lock);

static inline void lockdep_bit_lock_acquire(u16 cls, const void *lock, bool trylock)
{
	if (debug_locks)
		__lockdep_bit_lock_acquire(cls, lock, trylock);
}

static inline void lockdep_bit_lock_release(const void *lock)
{
	if (debug_locks)
		__lockdep_bit_lock_release(lock);
}
bool lockdep_bit_lock_held_by_me(const void *lock);
void lockdep_release(const void *lock, struct held_locks *held);

#endif
