/*
 * kernel/kthread.h - kernel threads.
 *
 * kthread_create(fn, data, name...) makes a task that will run fn(data);
 * it starts stopped, so the caller can kthread_bind() it to a CPU first,
 * then wake_up_process() it (kthread_run does both steps but binding).
 * A thread meant to be stopped loops until kthread_should_stop();
 * kthread_stop() asks, wakes it, waits until it has finished and been
 * freed, and returns fn's result - like joining a thread (a thread stopped without
 * ever being woken does not run fn; kthread_stop returns -EINTR).  Every kthread_create is
 * paired with one kthread_stop (a thread may finish on its own first; its
 * result is kept until then).
 *
 * Locking: the task holds a second reference for its stopper, so it stays
 * valid until kthread_stop, however early it finishes.  The exited
 * completion fires once the task is off its CPU for good; kthread_stop
 * then drops the last reference itself, so it returns with the thread's
 * memory already given back.
 */
#ifndef KERNEL_KTHREAD_H
#define KERNEL_KTHREAD_H

#include "kernel/sched.h"
#include "kernel/wait.h"

struct kthread {
	int (*fn)(void *data);
	void *data;
	volatile bool should_stop;
	bool never_woken;               /* stopped before any wake_up_process */
	int result;
	struct completion exited;
};

/* From the scheduler, once a dead kthread is off its CPU for good. */
void kthread_exited(struct kthread *kt);

struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *namefmt, ...)
	__attribute__((format(printf, 3, 4)));

#define kthread_run(fn, data, ...)                                           \
	({                                                                   \
		struct task_struct *__k = kthread_create(fn, data, __VA_ARGS__); \
		if (__k)                                                     \
			wake_up_process(__k);                                \
		__k;                                                         \
	})

/* Only before the thread first runs. */
void kthread_bind(struct task_struct *k, int cpu);
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);

#endif
