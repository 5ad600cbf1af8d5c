/*
 * kernel/locking/mutex.h - sleeping locks: mutexes and counting semaphores.
 *
 * A mutex has one owner at a time; a task that finds it taken sleeps on
 * its wait queue instead of spinning, so mutexes may be held across
 * things that sleep (allocation, I/O) but may not be taken in interrupt
 * context or under a spinlock.  Only the owner may unlock.  A semaphore
 * is a counter: down() takes one unit (sleeping while there is none),
 * up() gives one back, from anyone.
 *
 * With lock_debug, mutexes take part in the lock-order checks (per task,
 * kernel/locking/lockdep.h) and unlocking a mutex you do not own is reported.
 * Locking: the wait queue's lock covers count/owner.
 */
#ifndef KERNEL_LOCKING_MUTEX_H
#define KERNEL_LOCKING_MUTEX_H

#include "kernel/wait.h"

struct mutex {
	int locked;
	struct task_struct *owner;
	wait_queue_head_t wait;
	u16 class_idx;
	const char *name;
	const struct lock_class_key *key;
};

/* A statically initialised mutex is its own lock class. */
#define __MUTEX_INITIALIZER(m, name)                                         \
	{ 0, NULL, __WAIT_QUEUE_HEAD_INITIALIZER((m).wait), 0, name,          \
	  (const struct lock_class_key *)&(m) }
#define DEFINE_MUTEX(m)                                                      \
	struct mutex m = __MUTEX_INITIALIZER(m, #m);                         \
	LOCK_NAME(m)

#define mutex_init(m)                                                        \
	do {                                                                 \
		static struct lock_class_key __key;                          \
		__mutex_init((m), #m, &__key);                               \
	} while (0)

void __mutex_init(struct mutex *m, const char *name, const struct lock_class_key *key);
/* For the checker (kernel/compiler.h): mutex_lock() returns holding m,
 * mutex_unlock() releases it, the conditional ones hold it on success. */
void mutex_lock(struct mutex *m) __acquires(m);
int _mutex_lock_interruptible(struct mutex *m);      /* 0, or -EINTR on a signal */
#define mutex_lock_interruptible(m)                                          \
	({                                                                   \
		int __err = _mutex_lock_interruptible(m);                    \
		if (!__err)                                                  \
			__acquire(m);                                        \
		__err;                                                       \
	})
bool _mutex_trylock(struct mutex *m);
#define mutex_trylock(m) __cond_lock(m, _mutex_trylock(m))
void mutex_unlock(struct mutex *m) __releases(m);
bool mutex_is_locked(const struct mutex *m);

struct semaphore {
	int count;
	wait_queue_head_t wait;
};

void sema_init(struct semaphore *sem, int count);
void down(struct semaphore *sem);
bool down_trylock(struct semaphore *sem);       /* true: got it */
void up(struct semaphore *sem);

#endif
