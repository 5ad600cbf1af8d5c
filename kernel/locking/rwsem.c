/*
 * kernel/locking/rwsem.c - reader/writer semaphores: a count and a FIFO
 * queue of sleeping waiters.
 *
 * Data: see kernel/locking/rwsem.h.  A waiter is a struct rwsem_waiter on
 * its own stack, queued on sem->wait_list.  The lock is never taken "over"
 * a waiter: a newcomer that finds the queue non-empty queues too, and
 * whoever releases grants the lock to the head of the queue on the
 * waiters' behalf (count updated, waiter dequeued, granted set, task
 * woken), so a woken waiter already holds the lock and just returns.
 * Locking: wait_lock (a spinlock; rwsems are never taken in interrupt
 * context, so without irqsave) covers count, owner, wait_list and each
 * waiter's granted flag.  The waiter reads granted under wait_lock, so
 * once it sees it set the granter is done with the waiter's stack and
 * task.
 */
#include "kernel/locking/rwsem.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/wait.h"

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;
	bool write;
	bool granted;
};

void __init_rwsem(struct rw_semaphore *sem, const char *name, const struct lock_class_key *key)
{
	sem->count = 0;
	sem->owner = NULL;
	spin_lock_init(&sem->wait_lock);
	INIT_LIST_HEAD(&sem->wait_list);
	sem->class_idx = 0;
	sem->name = name;
	sem->key = key;
}

/* A trylock is recorded but not checked against the lock order: it
 * never waits, so it cannot deadlock (reclaim tries an mm's mmap_sem with
 * page locks held: mm/rmap.c). */
static void rwsem_acquired(struct rw_semaphore *sem, bool trylock)
{
	if (!debug_locks)
		return;
	if (!sem->class_idx)
		sem->class_idx = lockdep_register_key(sem->key, sem->name);
	lockdep_acquire(&sem->class_idx, sem, sem->name, &current->held_mutexes, trylock);
}

static void rwsem_released(struct rw_semaphore *sem)
{
	if (debug_locks)
		lockdep_release(sem, &current->held_mutexes);
}

/* Hand the free (or read-held) lock to the head of the queue: one writer
 * if the lock is free, or every reader before the first writer. */
static void rwsem_grant(struct rw_semaphore *sem) __must_hold(&sem->wait_lock)
{
	struct rwsem_waiter *w, *n;

	list_for_each_entry_safe(w, n, &sem->wait_list, list) {
		if (w->write) {
			if (sem->count)
				return;
			sem->count = -1;
			sem->owner = w->task;
		} else {
			sem->count++;
		}
		list_del(&w->list);
		w->granted = true;
		wake_up_process(w->task);
		if (w->write)
			return;
	}
}

/* Queue behind everyone and sleep until a releaser grants the lock. */
static void __sched rwsem_wait(struct rw_semaphore *sem, bool write) __releases(&sem->wait_lock)
{
	struct rwsem_waiter w = { .task = current, .write = write, .granted = false };
	bool granted;

	list_add_tail(&w.list, &sem->wait_list);
	spin_unlock(&sem->wait_lock);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_lock(&sem->wait_lock);
		granted = w.granted;
		spin_unlock(&sem->wait_lock);
		if (granted)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static bool __down_read_trylock(struct rw_semaphore *sem) __must_hold(&sem->wait_lock)
{
	if (sem->count < 0 || !list_empty(&sem->wait_list))
		return false;
	sem->count++;
	return true;
}

static bool __down_write_trylock(struct rw_semaphore *sem) __must_hold(&sem->wait_lock)
{
	if (sem->count || !list_empty(&sem->wait_list))
		return false;
	sem->count = -1;
	sem->owner = current;
	return true;
}

static void check_recursion(struct rw_semaphore *sem)
{
	if (sem->owner != current)
		return;
	printk(KERN_ERR "BUG: rwsem %s: %s/%d takes it while holding it for writing (deadlock)\n",
	       sem->name, current->comm, current->pid);
	dump_stack();
}

/* Take it for reading or writing, queueing if it is not free for that. */
static void __sched rwsem_down(struct rw_semaphore *sem, bool write)
{
	bool got;

	might_sleep();
	check_recursion(sem);
	spin_lock(&sem->wait_lock);
	got = write ? __down_write_trylock(sem) : __down_read_trylock(sem);
	if (got)
		spin_unlock(&sem->wait_lock);
	else
		rwsem_wait(sem, write);
	rwsem_acquired(sem, false);
}

void __sched down_read(struct rw_semaphore *sem) __acquires(sem)
{
	rwsem_down(sem, false);
	__acquire(sem);
}

void __sched down_write(struct rw_semaphore *sem) __acquires(sem)
{
	rwsem_down(sem, true);
	__acquire(sem);
}

static bool rwsem_trylock(struct rw_semaphore *sem, bool write)
{
	bool got;

	spin_lock(&sem->wait_lock);
	got = write ? __down_write_trylock(sem) : __down_read_trylock(sem);
	spin_unlock(&sem->wait_lock);
	if (got)
		rwsem_acquired(sem, true);
	return got;
}

bool _down_read_trylock(struct rw_semaphore *sem)
{
	return rwsem_trylock(sem, false);
}

bool _down_write_trylock(struct rw_semaphore *sem)
{
	return rwsem_trylock(sem, true);
}

static void report_bad_release(struct rw_semaphore *sem, const char *what)
{
	lockdep_reports++;
	printk(KERN_ERR "BUG: rwsem %s: %s by %s/%d, which does not hold it so\n", sem->name,
	       what, current->comm, current->pid);
	dump_stack();
}

void up_read(struct rw_semaphore *sem) __releases(sem)
{
	__release(sem);
	spin_lock(&sem->wait_lock);
	if (sem->count <= 0) {
		spin_unlock(&sem->wait_lock);
		report_bad_release(sem, "up_read");
		return;
	}
	if (!--sem->count)
		rwsem_grant(sem);
	spin_unlock(&sem->wait_lock);
	rwsem_released(sem);
}

void up_write(struct rw_semaphore *sem) __releases(sem)
{
	__release(sem);
	if (sem->owner != current) {
		report_bad_release(sem, "up_write");
		return;
	}
	rwsem_released(sem);
	spin_lock(&sem->wait_lock);
	sem->count = 0;
	sem->owner = NULL;
	rwsem_grant(sem);
	spin_unlock(&sem->wait_lock);
}

/* The held-lock entry stays: the task still holds the semaphore. */
void downgrade_write(struct rw_semaphore *sem)
{
	if (sem->owner != current) {
		report_bad_release(sem, "downgrade_write");
		return;
	}
	spin_lock(&sem->wait_lock);
	sem->count = 1;
	sem->owner = NULL;
	rwsem_grant(sem);
	spin_unlock(&sem->wait_lock);
}

/* Read or write: the write owner is known; a reader only through the
 * held-lock stack, so without lock_debug (or past its depth) any reader
 * counts. */
bool rwsem_held_by_me(const struct rw_semaphore *sem)
{
	if (sem->owner == current)
		return true;
	if (sem->count <= 0)
		return false;
	return !debug_locks || lockdep_task_holds(sem, &current->held_mutexes);
}

bool rwsem_write_held_by_me(const struct rw_semaphore *sem)
{
	return sem->count < 0 && sem->owner == current;
}
