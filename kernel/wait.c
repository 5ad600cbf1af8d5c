/*
 * kernel/wait.c - wait queues, completions, and the might_sleep check.
 *
 * Data: a wait queue's entries, exclusive ones at the tail so wake_up()
 * wakes the non-exclusive sleepers and then one exclusive one.
 * Locking: wq->lock with interrupts off; a waker holds it while it calls
 * try_to_wake_up (which takes runqueue locks: wq->lock nests outside).
 * complete() wakes with the lock still held, as the waiter can only see
 * `done` under it: once it has, complete() no longer touches the
 * completion, which may live on the waiter's stack and be gone.
 */
#include "kernel/wait.h"
#include "kernel/locking/lockdep.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/time.h"

unsigned long sched_atomic_reports;

void prepare_to_wait(wait_queue_head_t *wq, wait_queue_t *wait, long state)
{
	unsigned long flags;

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add(&wait->entry, &wq->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait_exclusive(wait_queue_head_t *wq, wait_queue_t *wait, long state)
{
	unsigned long flags;

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(wait_queue_head_t *wq, wait_queue_t *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (list_empty(&wait->entry))
		return;
	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* The waking itself; wq->lock held. */
static void __wake_up_locked(wait_queue_head_t *wq, unsigned int state, int nr_exclusive)
{
	wait_queue_t *w, *next;

	lockdep_assert_held(&wq->lock);
	list_for_each_entry_safe(w, next, &wq->task_list, entry) {
		bool exclusive = w->flags & WQ_FLAG_EXCLUSIVE;

		if (try_to_wake_up(w->task, state) && exclusive && !--nr_exclusive)
			break;
	}
}

void __wake_up(wait_queue_head_t *wq, unsigned int state, int nr_exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	__wake_up_locked(wq, state, nr_exclusive);
	spin_unlock_irqrestore(&wq->lock, flags);
}

bool waitqueue_active(wait_queue_head_t *wq)
{
	return !list_empty(&wq->task_list);
}

void __might_sleep(const char *file, int line)
{
	static unsigned long last_report;       /* jiffies of the last one */
	static bool reported;
	unsigned long prev = last_report, now = jiffies;

	if ((!in_atomic() && !irqs_disabled()) || system_state != SYSTEM_RUNNING)
		return;
	sched_atomic_reports++;
	if (reported && time_before(now, prev + HZ))
		return;                 /* one report a second is plenty */
	if (__sync_val_compare_and_swap(&last_report, prev, now) != prev)
		return;                 /* another CPU is reporting just now */
	reported = true;
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic() ? 1 : 0, irqs_disabled() ? 1 : 0, current->pid, current->comm);
	dump_stack();
}

void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done += UINT32_MAX / 2;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/* Take one `done` if there is one. */
static bool try_take(struct completion *x)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&x->wait.lock, flags);
	ok = x->done > 0;
	if (ok)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ok;
}

long __sched wait_for_completion_timeout(struct completion *x, long timeout)
{
	DEFINE_WAIT(wait);
	long left = timeout;

	might_sleep();
	for (;;) {
		prepare_to_wait_exclusive(&x->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (try_take(x)) {
			left = left ? left : 1;
			break;
		}
		if (!left)
			break;
		left = schedule_timeout(left);
	}
	finish_wait(&x->wait, &wait);
	return left;
}

static void wait_for_completion_common(struct completion *x, void (*sleep)(void))
{
	DEFINE_WAIT(wait);

	might_sleep();
	for (;;) {
		prepare_to_wait_exclusive(&x->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (try_take(x))
			break;
		sleep();
	}
	finish_wait(&x->wait, &wait);
}

void __sched wait_for_completion(struct completion *x)
{
	wait_for_completion_common(x, schedule);
}

void __sched wait_for_completion_io(struct completion *x)
{
	wait_for_completion_common(x, io_schedule);
}
