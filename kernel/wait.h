/*
 * kernel/wait.h - wait queues and completions.
 *
 * A wait_queue_head_t is a locked list of sleeping tasks.  The sleeper's
 * side is always the same loop, which the wait_event() macros spell out:
 *
 *     prepare_to_wait(wq, &wait, TASK_UNINTERRUPTIBLE);   queue, set state
 *     if (!condition) schedule();                          sleep
 *     finish_wait(wq, &wait);                              running, dequeue
 *
 * The state is set *before* the condition is tested, so a wake_up() that
 * makes the condition true in between sets the task running again and
 * schedule() returns at once: no lost wake-ups.  wake_up() wakes one
 * exclusive waiter (and every non-exclusive one), wake_up_all() all.
 *
 * A completion is a counted "done" event on a wait queue: complete() lets
 * one waiter of wait_for_completion() through, complete_all() every one.
 *
 * Locking: wq->lock (irqs off), so wake_up() may be called from interrupt
 * handlers and timers.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/locking/spinlock.h"
#include "kernel/sched.h"
#include "kernel/wait_types.h"
#include "lib/errno.h"
#include "lib/list.h"

#define WQ_FLAG_EXCLUSIVE 0x01


typedef struct {
	unsigned int flags;
	struct task_struct *task;
	struct list_head entry;
} wait_queue_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { __SPIN_LOCK_UNLOCKED, LIST_HEAD_INIT((name).task_list) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DEFINE_WAIT(name) wait_queue_t name = { 0, current, LIST_HEAD_INIT((name).entry) }

#define init_waitqueue_head(wq)                                              \
	do {                                                                 \
		spin_lock_init(&(wq)->lock);                                 \
		INIT_LIST_HEAD(&(wq)->task_list);                            \
	} while (0)

void prepare_to_wait(wait_queue_head_t *wq, wait_queue_t *wait, long state);
void prepare_to_wait_exclusive(wait_queue_head_t *wq, wait_queue_t *wait, long state);
void finish_wait(wait_queue_head_t *wq, wait_queue_t *wait);
void __wake_up(wait_queue_head_t *wq, unsigned int state, int nr_exclusive);
#define wake_up(wq) __wake_up((wq), TASK_NORMAL, 1)
#define wake_up_all(wq) __wake_up((wq), TASK_NORMAL, 0)
bool waitqueue_active(wait_queue_head_t *wq);

/* Report sleeping where it is forbidden (kernel/wait.c). */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)

#define wait_event(wq, condition)                                            \
	do {                                                                 \
		DEFINE_WAIT(__wait);                                         \
		might_sleep();                                               \
		for (;;) {                                                   \
			prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE); \
			if (condition)                                       \
				break;                                       \
			schedule();                                          \
		}                                                            \
		finish_wait(&(wq), &__wait);                                 \
	} while (0)

/* As wait_event, but a signal ends the wait: -ERESTARTSYS (0 when the
 * condition came true); the signal code restarts or fails the call. */
#define wait_event_interruptible(wq, condition)                              \
	({                                                                   \
		int __ret = 0;                                               \
		DEFINE_WAIT(__wait);                                         \
		might_sleep();                                               \
		for (;;) {                                                   \
			prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE); \
			if (condition)                                       \
				break;                                       \
			if (signal_pending(current)) {                       \
				__ret = -ERESTARTSYS;                        \
				break;                                       \
			}                                                    \
			schedule();                                          \
		}                                                            \
		finish_wait(&(wq), &__wait);                                 \
		__ret;                                                       \
	})

/* Returns the jiffies left when condition came true (at least 1), or 0
 * if the timeout passed first. */
#define wait_event_timeout(wq, condition, timeout)                           \
	({                                                                   \
		long __left = (timeout);                                     \
		DEFINE_WAIT(__wait);                                         \
		might_sleep();                                               \
		for (;;) {                                                   \
			prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE); \
			if (condition) {                                     \
				if (!__left)                                 \
					__left = 1;                          \
				break;                                       \
			}                                                    \
			if (!__left)                                         \
				break;                                       \
			__left = schedule_timeout(__left);                   \
		}                                                            \
		finish_wait(&(wq), &__wait);                                 \
		__left;                                                      \
	})

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

#define COMPLETION_INITIALIZER(x) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((x).wait) }
#define DECLARE_COMPLETION(x) struct completion x = COMPLETION_INITIALIZER(x)

void init_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
/* The same, for a disk's completion: counted as waiting for I/O. */
void wait_for_completion_io(struct completion *x);
/* Jiffies left (at least 1) or 0 on timeout. */
long wait_for_completion_timeout(struct completion *x, long timeout);

#endif
