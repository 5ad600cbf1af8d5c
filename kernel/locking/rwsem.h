/*
 * kernel/locking/rwsem.h - reader/writer semaphores (Linux's rw_semaphore).
 *
 * Many readers or one writer at a time; both sleep while they wait, so
 * the lock may be held across allocation and I/O.  The semaphore is fair
 * as Linux's is: waiters queue in arrival order, and a reader that finds
 * anyone queued joins the queue instead of slipping past, so a waiting
 * writer holds back new readers and a stream of readers cannot starve it.
 * A release hands the lock on to the head of the queue: one writer, or
 * every reader up to the first writer, all at once.  downgrade_write turns
 * a write hold into a read hold without letting a writer in between.
 *
 * Data: count (readers holding it, -1 while a writer does, 0 free), owner
 * (the writer), the FIFO wait_list of struct rwsem_waiter on the waiters'
 * stacks.  With lock_debug, holds are recorded in the task's held-lock
 * stack like a mutex's (kernel/locking/lockdep.h), so order checks and
 * lockdep_assert_held (read or write) / lockdep_assert_held_write work.
 * Locking: wait_lock covers count, owner and wait_list.
 */
#ifndef KERNEL_LOCKING_RWSEM_H
#define KERNEL_LOCKING_RWSEM_H

#include "kernel/locking/lockdep.h"
#include "kernel/locking/spinlock.h"
#include "lib/list.h"

struct task_struct;

struct rw_semaphore {
	int count;
	struct task_struct *owner;
	spinlock_t wait_lock;
	struct list_head wait_list;
	u16 class_idx;
	const char *name;
	const struct lock_class_key *key;
};

#define __RWSEM_INITIALIZER(s, nm)                                           \
	{ 0, NULL, __SPIN_LOCK_UNLOCKED, LIST_HEAD_INIT((s).wait_list), 0, nm,     \
	  (const struct lock_class_key *)&(s) }
#define DECLARE_RWSEM(s)                                                     \
	struct rw_semaphore s = __RWSEM_INITIALIZER(s, #s);                  \
	LOCK_NAME(s)

/* Every init_rwsem() call site is a lock class of its own. */
#define init_rwsem(s)                                                        \
	do {                                                                 \
		static struct lock_class_key __key;                          \
		__init_rwsem((s), #s, &__key);                               \
	} while (0)

void __init_rwsem(struct rw_semaphore *sem, const char *name, const struct lock_class_key *key);
void down_read(struct rw_semaphore *sem) __acquires(sem);
void down_write(struct rw_semaphore *sem) __acquires(sem);
void up_read(struct rw_semaphore *sem) __releases(sem);
void up_write(struct rw_semaphore *sem) __releases(sem);
/* Take it only if that needs no wait: true when taken. */
bool _down_read_trylock(struct rw_semaphore *sem);
bool _down_write_trylock(struct rw_semaphore *sem);
#define down_read_trylock(s) __cond_lock(s, _down_read_trylock(s))
#define down_write_trylock(s) __cond_lock(s, _down_write_trylock(s))
/* The writer becomes a reader; readers queued at the head come in too. */
void downgrade_write(struct rw_semaphore *sem);

static inline bool rwsem_is_locked(const struct rw_semaphore *sem)
{
	return sem->count != 0;
}

#endif
