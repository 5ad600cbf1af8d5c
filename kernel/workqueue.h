/*
 * kernel/workqueue.h - deferring work to process context.
 *
 * A work_struct is a function to run later in a kernel thread, where it may
 * sleep (unlike a timer or an interrupt handler).  A workqueue has one
 * worker thread per CPU, bound to it ("name/N"); queue_work() puts work on
 * the caller's CPU's list, queue_work_on() on a chosen CPU's.  Work on one
 * CPU runs in the order it was queued.  Work already pending is not queued
 * twice.  flush_workqueue() waits until everything queued before it has
 * run (it must not be called from that workqueue's own work).
 * schedule_work() uses the shared "events" workqueue.
 *
 * Locking: each per-CPU queue has a lock (irqs off), so work may be queued
 * from interrupt handlers and timers.
 */
#ifndef KERNEL_WORKQUEUE_H
#define KERNEL_WORKQUEUE_H

#include "kernel/percpu.h"
#include "kernel/wait.h"
#include "lib/list.h"

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	struct list_head entry;
	work_func_t func;
	volatile unsigned long pending;
};

#define INIT_WORK(w, fn)                                                     \
	do {                                                                 \
		INIT_LIST_HEAD(&(w)->entry);                                 \
		(w)->func = (fn);                                            \
		(w)->pending = 0;                                            \
	} while (0)

struct cpu_workqueue_struct {
	spinlock_t lock;
	struct list_head worklist;
	wait_queue_head_t more_work;
	wait_queue_head_t work_done;
	unsigned long inserted, done;   /* sequence counts, for flushing */
	struct task_struct *thread;
};

struct workqueue_struct {
	const char *name;
	struct cpu_workqueue_struct cpu_wq[NR_CPUS];
};

struct workqueue_struct *create_workqueue(const char *name);
void destroy_workqueue(struct workqueue_struct *wq);
/* Return false if the work was already pending. */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
void flush_workqueue(struct workqueue_struct *wq);

bool schedule_work(struct work_struct *work);
bool schedule_work_on(int cpu, struct work_struct *work);
void flush_scheduled_work(void);

void init_workqueues(void);

#endif
