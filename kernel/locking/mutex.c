/*
 * kernel/locking/mutex.c - mutexes and semaphores, on wait queues.
 *
 * Data: see kernel/locking/mutex.h.  A waiter sleeps exclusively, so an unlock
 * wakes one task, which then competes for the lock again (a newcomer may
 * take it first; the woken task just sleeps again).
 * Locking: m->wait.lock (irqs off) covers locked/owner and sem->count.
 */
#include "kernel/locking/mutex.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

void __mutex_init(struct mutex *m, const char *name, const struct lock_class_key *key)
{
	m->locked = 0;
	m->owner = NULL;
	m->name = name;
	m->key = key;
	m->class_idx = 0;
	init_waitqueue_head(&m->wait);
}

static bool __mutex_trylock(struct mutex *m)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&m->wait.lock, flags);
	got = !m->locked;
	if (got) {
		m->locked = 1;
		m->owner = current;
	}
	spin_unlock_irqrestore(&m->wait.lock, flags);
	return got;
}

static void mutex_acquired(struct mutex *m)
{
	if (!debug_locks)
		return;
	if (!m->class_idx)
		m->class_idx = lockdep_register_key(m->key, m->name);
	lockdep_acquire(&m->class_idx, m, m->name, &current->held_mutexes, false);
}

void __sched mutex_lock(struct mutex *m) __acquires(m)
{
	DEFINE_WAIT(wait);

	might_sleep();
	if (m->owner == current) {
		printk(KERN_ERR "BUG: mutex %s: %s/%d locks it again (deadlock)\n", m->name,
		       current->comm, current->pid);
		dump_stack();
	}
	while (!__mutex_trylock(m)) {
		prepare_to_wait_exclusive(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (m->locked)
			schedule();
	}
	finish_wait(&m->wait, &wait);
	mutex_acquired(m);
	__acquire(m);
}

/* As mutex_lock, but a signal ends the wait: 0, or -EINTR unlocked.  An
 * exclusive waiter leaving passes its wake-up on, so none is lost. */
int __sched _mutex_lock_interruptible(struct mutex *m)
{
	DEFINE_WAIT(wait);

	might_sleep();
	while (!__mutex_trylock(m)) {
		prepare_to_wait_exclusive(&m->wait, &wait, TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			finish_wait(&m->wait, &wait);
			wake_up(&m->wait);
			return -EINTR;
		}
		if (m->locked)
			schedule();
	}
	finish_wait(&m->wait, &wait);
	mutex_acquired(m);
	return 0;
}

bool _mutex_trylock(struct mutex *m)
{
	if (!__mutex_trylock(m))
		return false;
	mutex_acquired(m);
	return true;
}

void mutex_unlock(struct mutex *m) __releases(m)
{
	unsigned long flags;

	/* Statically the caller's hold ends here, even on the refused path. */
	__release(m);
	if (m->owner != current) {
		lockdep_reports++;
		printk(KERN_ERR "BUG: mutex %s unlocked by %s/%d, which does not own it\n",
		       m->name, current->comm, current->pid);
		dump_stack();
		return;
	}
	if (debug_locks)
		lockdep_release(m, &current->held_mutexes);
	spin_lock_irqsave(&m->wait.lock, flags);
	m->locked = 0;
	m->owner = NULL;
	spin_unlock_irqrestore(&m->wait.lock, flags);
	wake_up(&m->wait);
}

bool mutex_is_locked(const struct mutex *m)
{
	return m->locked;
}

bool mutex_held_by_me(const struct mutex *m)
{
	return m->locked && m->owner == current;
}

void sema_init(struct semaphore *sem, int count)
{
	sem->count = count;
	init_waitqueue_head(&sem->wait);
}

bool down_trylock(struct semaphore *sem)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&sem->wait.lock, flags);
	got = sem->count > 0;
	if (got)
		sem->count--;
	spin_unlock_irqrestore(&sem->wait.lock, flags);
	return got;
}

void __sched down(struct semaphore *sem)
{
	DEFINE_WAIT(wait);

	might_sleep();
	while (!down_trylock(sem)) {
		prepare_to_wait_exclusive(&sem->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (sem->count <= 0)
			schedule();
	}
	finish_wait(&sem->wait, &wait);
}

void up(struct semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->wait.lock, flags);
	sem->count++;
	spin_unlock_irqrestore(&sem->wait.lock, flags);
	wake_up(&sem->wait);
}
