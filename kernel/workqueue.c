/*
 * kernel/workqueue.c - per-CPU worker threads running queued work.
 *
 * Data: a workqueue_struct per queue with a cpu_workqueue_struct per CPU
 * (list, worker, wait queues, sequence counts); keventd_wq ("events").
 * Locking: cwq->lock (irqs off) over the list and counts.  `pending` is
 * set atomically by the queuer and cleared by the worker just before the
 * function runs, so the function may queue its own work again.
 */
#include "kernel/workqueue.h"
#include "kernel/kthread.h"
#include "kernel/panic.h"
#include "kernel/smp.h"
#include "mm/slab.h"

static struct workqueue_struct *keventd_wq;

static bool run_one(struct cpu_workqueue_struct *cwq)
{
	struct work_struct *work;
	unsigned long flags;

	spin_lock_irqsave(&cwq->lock, flags);
	if (list_empty(&cwq->worklist)) {
		spin_unlock_irqrestore(&cwq->lock, flags);
		return false;
	}
	work = list_first_entry(&cwq->worklist, struct work_struct, entry);
	list_del_init(&work->entry);
	work->pending = 0;
	spin_unlock_irqrestore(&cwq->lock, flags);

	work->func(work);

	spin_lock_irqsave(&cwq->lock, flags);
	cwq->done++;
	spin_unlock_irqrestore(&cwq->lock, flags);
	wake_up_all(&cwq->work_done);
	return true;
}

static int worker_thread(void *data)
{
	struct cpu_workqueue_struct *cwq = data;

	for (;;) {
		/* Interruptible, as Linux's worker sleeps: an idle worker is
		 * not waiting on anything, so it shows S and adds no load. */
		wait_event_interruptible(cwq->more_work,
					 !list_empty(&cwq->worklist) || kthread_should_stop());
		if (!run_one(cwq) && kthread_should_stop())
			return 0;
	}
}

struct workqueue_struct *create_workqueue(const char *name)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	int cpu;

	if (!wq)
		return NULL;
	wq->name = name;
	for_each_online_cpu(cpu) {
		struct cpu_workqueue_struct *cwq = &wq->cpu_wq[cpu];

		spin_lock_init(&cwq->lock);
		INIT_LIST_HEAD(&cwq->worklist);
		init_waitqueue_head(&cwq->more_work);
		init_waitqueue_head(&cwq->work_done);
		cwq->thread = kthread_create(worker_thread, cwq, "%s/%d", name, cpu);
		if (!cwq->thread) {
			destroy_workqueue(wq);
			return NULL;
		}
		kthread_bind(cwq->thread, cpu);
		wake_up_process(cwq->thread);
	}
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (wq->cpu_wq[cpu].thread)
			kthread_stop(wq->cpu_wq[cpu].thread);
	kfree(wq);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	struct cpu_workqueue_struct *cwq = &wq->cpu_wq[cpu];
	unsigned long flags;

	BUG_ON(!cwq->thread);
	if (__sync_lock_test_and_set(&work->pending, 1))
		return false;
	spin_lock_irqsave(&cwq->lock, flags);
	list_add_tail(&work->entry, &cwq->worklist);
	cwq->inserted++;
	spin_unlock_irqrestore(&cwq->lock, flags);
	wake_up(&cwq->more_work);
	return true;
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	bool queued = queue_work_on(get_cpu(), wq, work);

	put_cpu();
	return queued;
}

void flush_workqueue(struct workqueue_struct *wq)
{
	might_sleep();
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpu_workqueue_struct *cwq = &wq->cpu_wq[cpu];
		unsigned long flags, target;

		if (!cwq->thread)
			continue;
		spin_lock_irqsave(&cwq->lock, flags);
		target = cwq->inserted;
		spin_unlock_irqrestore(&cwq->lock, flags);
		wait_event(cwq->work_done, (long)(cwq->done - target) >= 0);
	}
}

bool schedule_work(struct work_struct *work)
{
	return queue_work(keventd_wq, work);
}

bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, keventd_wq, work);
}

void flush_scheduled_work(void)
{
	flush_workqueue(keventd_wq);
}

void init_workqueues(void)
{
	keventd_wq = create_workqueue("events");
	if (!keventd_wq)
		panic("cannot create the events workqueue");
}
