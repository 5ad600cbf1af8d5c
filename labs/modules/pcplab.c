/*
 * labs/modules/pcplab.c - the per-CPU page-list lab, as a module: pages
 * taken by hand out of two CPUs' per-CPU lists, checked on a third
 * place, and put back where they came from (docs/labs/pcplab.md).
 *
 * insmod binds itself (the loading task) to main_cpu and creates a
 * workqueue.  Two kernel threads, bound with kthread_bind to the first two
 * online CPUs, each arm a timer, which fires on that CPU: in interrupt
 * context, under get_cpu() and with local interrupts off - never the
 * zone's lock - it unlinks up to `pages` pages from that CPU's list of
 * the Normal zone (count 0 on the list; 1 once taken), links them on its
 * own list through page->lru, and queues a work item on main_cpu, which
 * checks every page there.  Each thread waits for its check, signals a
 * completion and ends.  rmmod (cleanup_module) stops both threads and
 * gives each page back to the list of the CPU it came from, by an IPI to
 * that CPU - so /proc/buddyinfo and every pcp count are as they were.
 *
 * Data: lab (the workqueue, the main CPU) and two struct lab_cpu.
 * Locking: a CPU's pcp list belongs to that CPU with interrupts off: the
 * timer and the IPI that give pages back run there, interrupts off; the
 * buddy lists are the zone lock's, and this module never touches them.
 * A worker's page list is handed over through the workqueue and
 * completions, so it is never touched from two places at once.
 */
#include "kernel/cpumask.h"
#include "kernel/kthread.h"
#include "kernel/module.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/timer.h"
#include "kernel/workqueue.h"
#include "lib/errno.h"
#include "mm/mm.h"
#include "mm/mmzone.h"

static int pages = 4;
static int main_cpu;
module_param(pages, int, 0444);
module_param(main_cpu, int, 0444);

struct lab_cpu {
	int cpu;
	struct task_struct *thread;
	struct timer_list timer;
	struct work_struct check;
	struct list_head taken;         /* by hand from cpu's pcp list, via page->lru */
	int ntaken, bad;
	int count_before, count_taken;  /* the pcp list's count before, after taking */
	int count_returning, count_back;        /* before, after giving the pages back */
	struct completion checked;      /* the work item to the thread */
	struct completion done;         /* the thread to init */
};

static struct {
	struct workqueue_struct *wq;
	struct lab_cpu worker[2];
} lab;

static struct zone *normal_zone(void)
{
	return &contig_page_data.node_zones[ZONE_NORMAL];
}

static struct per_cpu_pages *normal_pcp(int cpu)
{
	return &normal_zone()->pcp[cpu];
}

/* The timer, on the worker's CPU, interrupts off: the pcp list is ours. */
static void take_pages(unsigned long data)
{
	struct lab_cpu *w = (struct lab_cpu *)data;
	int cpu = get_cpu();
	struct per_cpu_pages *pcp = normal_pcp(cpu);
	unsigned long flags = local_irq_save();

	if (pcp->count < pages) {       /* the allocator's own way: a batch from the buddy lists */
		local_irq_restore(flags);
		__free_page(alloc_page(GFP_ATOMIC));
		flags = local_irq_save();
	}
	w->count_before = pcp->count;
	while (w->ntaken < pages && !list_empty(&pcp->list)) {
		struct page *page = list_first_entry(&pcp->list, struct page, lru);

		list_del(&page->lru);
		pcp->count--;
		w->bad += page_count(page) != 0;        /* free pages have no users */
		set_page_count(page, 1);
		list_add_tail(&page->lru, &w->taken);
		w->ntaken++;
	}
	w->count_taken = pcp->count;
	local_irq_restore(flags);
	put_cpu();
	queue_work_on(main_cpu, lab.wq, &w->check);
}

/* From the workqueue, on main_cpu: every page as the lab expects it. */
static void check_pages(struct work_struct *work)
{
	struct lab_cpu *w = container_of(work, struct lab_cpu, check);
	struct page *page;

	list_for_each_entry(page, &w->taken, lru) {
		w->bad += page_count(page) != 1 || page_zone(page) != normal_zone();
		w->bad += page->lru.next->prev != &page->lru || page->lru.prev->next != &page->lru;
		printk(KERN_INFO "pcplab: page pfn %#lx from CPU %d's list, checked on CPU %d\n",
		       page_to_pfn(page), w->cpu, smp_processor_id());
	}
	printk(KERN_INFO "pcplab: CPU %d: pcp count %d before, %d after taking %d; %d bad\n",
	       w->cpu, w->count_before, w->count_taken, w->ntaken, w->bad);
	complete(&w->checked);
}

static int lab_thread(void *arg)
{
	struct lab_cpu *w = arg;

	setup_timer(&w->timer, take_pages, (unsigned long)w);
	w->timer.expires = jiffies + 1;
	add_timer(&w->timer);           /* this CPU's timers: we are bound */
	wait_for_completion(&w->checked);
	complete(&w->done);
	return smp_processor_id() == w->cpu ? 0 : -EINVAL;
}

/* By IPI, on the CPU the pages came from: back on its list, count 0. */
static void give_back(void *arg)
{
	struct lab_cpu *w = arg;
	struct per_cpu_pages *pcp = normal_pcp(smp_processor_id());

	w->count_returning = pcp->count;
	while (!list_empty(&w->taken)) {
		struct page *page = list_entry(w->taken.prev, struct page, lru);

		list_del(&page->lru);
		set_page_count(page, 0);
		list_add(&page->lru, &pcp->list);
		pcp->count++;
	}
	w->count_back = pcp->count;
}

static int start_worker(struct lab_cpu *w, int cpu)
{
	*w = (struct lab_cpu){ .cpu = cpu };
	INIT_LIST_HEAD(&w->taken);
	INIT_WORK(&w->check, check_pages);
	init_completion(&w->checked);
	init_completion(&w->done);
	w->thread = kthread_create(lab_thread, w, "pcplab/%d", cpu);
	if (!w->thread)
		return -ENOMEM;
	kthread_bind(w->thread, cpu);
	wake_up_process(w->thread);
	return 0;
}

static int __init pcplab_init(void)
{
	int cpu, n = 0, err = 0;

	if (pages < 1 || main_cpu < 0 || main_cpu >= NR_CPUS || !cpu_online(main_cpu))
		return -EINVAL;
	set_cpus_allowed(current, cpumask_of_cpu(main_cpu));
	lab.wq = create_workqueue("pcplab");
	if (!lab.wq)
		return -ENOMEM;
	printk(KERN_INFO "pcplab: main on CPU %d, %d pages from each of two CPUs\n", main_cpu, pages);
	for_each_online_cpu(cpu)
		if (n < 2 && !err)
			err = start_worker(&lab.worker[n++], cpu);
	for (int i = 0; i < n; i++)
		if (lab.worker[i].thread)
			wait_for_completion(&lab.worker[i].done);
	return err;
}

static void __exit pcplab_exit(void)
{
	for (int i = 0; i < 2; i++) {
		struct lab_cpu *w = &lab.worker[i];

		if (!w->thread)
			continue;
		printk(KERN_INFO "pcplab: thread on CPU %d ended with %d\n", w->cpu,
		       kthread_stop(w->thread));
		smp_call_function_single(w->cpu, give_back, w, true);
		printk(KERN_INFO "pcplab: CPU %d: pcp count %d before, %d after giving back %d\n",
		       w->cpu, w->count_returning, w->count_back, w->ntaken);
	}
	destroy_workqueue(lab.wq);
	set_cpus_allowed(current, CPU_MASK_ALL);
}

module_init(pcplab_init);
module_exit(pcplab_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("the per-CPU page-list lab: pages taken by hand from two CPUs' lists");
