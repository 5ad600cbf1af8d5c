/*
 * mm/test_classroom.c - the course's SMP lab as a ktest: per-CPU page lists
 * seen from three CPUs at once.
 *
 * The main thread (on CPU A) owns a workqueue.  Two kthreads, bound to
 * CPUs B and C with kthread_bind, each arm a timer on their own CPU; the
 * timer handler (interrupt context, on B or C) takes PAGES_PER_CPU pages out
 * of that CPU's per-CPU page list with alloc_page(GFP_ATOMIC), checking
 * each came off the head of that very list, and hands them to the main
 * thread through a work item queued on CPU A, which splices them onto a
 * shared list.  Completions say when each timer and each kthread is done.
 * A check function then runs on a chosen CPU (by IPI) and verifies every
 * page: count 1 after extraction, consistent page->lru links, and count 0
 * once freed back to a free list.  Teardown stops both kthreads.
 *
 * Locking: the shared list is under lab.lock; everything else is handed
 * over through completions and the workqueue.
 */
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/smp.h"
#include "kernel/timer.h"
#include "kernel/workqueue.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/mmzone.h"

#define PAGES_PER_CPU 8

struct lab_cpu {
	int cpu;
	struct timer_list timer;
	struct work_struct handoff;
	struct list_head pages;         /* taken by the timer, not yet handed */
	int taken, not_from_pcp, wrong_cpu;
	struct completion timer_done, thread_done;
	struct task_struct *thread;
};

static struct {
	spinlock_t lock;
	struct list_head shared;        /* every page, linked by page->lru */
	int shared_count;
	struct workqueue_struct *wq;
	int main_cpu;
	struct lab_cpu worker[2];
	int bad_count, bad_links, not_freed;
} lab;

/* Is page the one this CPU's pcp list of its zone would hand out next? */
static bool head_of_pcp(struct page *before, bool list_was_empty, struct page *page)
{
	return list_was_empty || page == before;
}

static void take_pages(unsigned long data)
{
	struct lab_cpu *w = (struct lab_cpu *)data;
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];
	struct per_cpu_pages *pcp = &normal->pcp[smp_processor_id()];

	if (smp_processor_id() != w->cpu)
		w->wrong_cpu++;
	for (int i = 0; i < PAGES_PER_CPU; i++) {
		bool empty = list_empty(&pcp->list);
		struct page *next = empty ? NULL : list_first_entry(&pcp->list, struct page, lru);
		struct page *page = alloc_page(GFP_ATOMIC);

		if (!page)
			break;
		if (page_zone(page) != normal || !head_of_pcp(next, empty, page))
			w->not_from_pcp++;
		list_add_tail(&page->lru, &w->pages);
		w->taken++;
	}
	queue_work_on(lab.main_cpu, lab.wq, &w->handoff);
}

/* On the main CPU, from the workqueue: splice onto the shared list. */
static void handoff_fn(struct work_struct *work)
{
	struct lab_cpu *w = container_of(work, struct lab_cpu, handoff);
	unsigned long flags;

	if (smp_processor_id() != lab.main_cpu)
		w->wrong_cpu++;
	spin_lock_irqsave(&lab.lock, flags);
	lab.shared_count += w->taken;
	list_splice_init(&w->pages, &lab.shared);
	spin_unlock_irqrestore(&lab.lock, flags);
	complete(&w->timer_done);
}

static int lab_thread(void *arg)
{
	struct lab_cpu *w = arg;

	setup_timer(&w->timer, take_pages, (unsigned long)w);
	w->timer.expires = jiffies + 2;
	add_timer(&w->timer);                   /* this CPU: we are bound */
	wait_for_completion(&w->timer_done);
	complete(&w->thread_done);
	while (!kthread_should_stop())
		msleep(5);
	return smp_processor_id() == w->cpu ? 0 : -1;
}

/* By IPI on the chosen CPU: every page, before and after freeing. */
static void check_pages(void *unused)
{
	struct page *page, *n;

	(void)unused;
	list_for_each_entry_safe(page, n, &lab.shared, lru) {
		lab.bad_count += page_count(page) != 1;
		lab.bad_links += page->lru.next->prev != &page->lru ||
				 page->lru.prev->next != &page->lru;
		list_del(&page->lru);
		__free_page(page);
		lab.not_freed += page_count(page) != 0;
	}
}

static void start_worker(struct lab_cpu *w, int cpu)
{
	*w = (struct lab_cpu){ .cpu = cpu };
	INIT_LIST_HEAD(&w->pages);
	INIT_WORK(&w->handoff, handoff_fn);
	init_completion(&w->timer_done);
	init_completion(&w->thread_done);
	w->thread = kthread_create(lab_thread, w, "lab/%d", cpu);
	kthread_bind(w->thread, cpu);
	wake_up_process(w->thread);
}

static int pick_cpu(int skip_a, int skip_b)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (cpu != skip_a && cpu != skip_b)
			return cpu;
	return -1;
}

KTEST(classroom, pcp_pages_across_three_cpus)
{
	int a, b, c, check_cpu;

	if (num_online_cpus() < 3) {
		ktest_skip("needs 3 CPUs (main, two workers), this machine has %d",
			   num_online_cpus());
		return;
	}
	a = pick_cpu(-1, -1);
	b = pick_cpu(a, -1);
	c = pick_cpu(a, b);
	set_cpus_allowed(current, cpumask_of_cpu(a));
	spin_lock_init(&lab.lock);
	INIT_LIST_HEAD(&lab.shared);
	lab.shared_count = lab.bad_count = lab.bad_links = lab.not_freed = 0;
	lab.main_cpu = a;
	lab.wq = create_workqueue("lab");
	start_worker(&lab.worker[0], b);
	start_worker(&lab.worker[1], c);
	for (int i = 0; i < 2; i++)
		KEXPECT(wait_for_completion_timeout(&lab.worker[i].thread_done, 5 * HZ) > 0);
	KEXPECT_EQ(lab.shared_count, 2 * PAGES_PER_CPU);
	check_cpu = 31 - __builtin_clz(cpu_online_map.bits);   /* the highest CPU */
	smp_call_function_single(check_cpu, check_pages, NULL, true);
	KEXPECT_EQ(lab.bad_count, 0);
	KEXPECT_EQ(lab.bad_links, 0);
	KEXPECT_EQ(lab.not_freed, 0);
	KEXPECT(list_empty(&lab.shared));
	for (int i = 0; i < 2; i++) {
		struct lab_cpu *w = &lab.worker[i];

		KEXPECT_EQ(kthread_stop(w->thread), 0);
		KEXPECT_EQ(w->taken, PAGES_PER_CPU);
		KEXPECT_EQ(w->not_from_pcp, 0);
		KEXPECT_EQ(w->wrong_cpu, 0);
	}
	destroy_workqueue(lab.wq);
	set_cpus_allowed(current, CPU_MASK_ALL);
}
