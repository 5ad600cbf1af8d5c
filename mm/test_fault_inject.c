/*
 * mm/test_fault_inject.c - ktests that nothing is lost when allocations
 * fail: with fail_page_alloc and failslab switched on at several
 * probabilities (seeded: "# seed N", ktest_seed=N replays), a workload of
 * page allocations of mixed orders, kmalloc and kmem_cache_alloc,
 * vmalloc, and address spaces (mm_alloc, mapping, touching, unmapping,
 * dup_mm as fork copies them, mmput) must give every page back - free
 * pages after == free pages before, measured with the per-CPU lists
 * drained and the free slabs reaped - and leave every vma list sorted
 * and without overlaps.  Also: the boot-option arming path and the
 * filters (ignore-gfp-wait, min-order, __GFP_NOWARN's silence).
 *
 * Locking: tests run alone on the boot CPU; the attrs are lock-free.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

#define RW (VM_READ | VM_WRITE)

/* Sorted, non-empty, non-overlapping areas, as many as map_count says. */
static const char *vma_list_error(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long prev_end = 0;
	int n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= vma->vm_end)
			return "an empty or inverted area";
		if (vma->vm_start < prev_end)
			return "areas overlap or are out of order";
		if ((vma->vm_start | vma->vm_end) & ~PAGE_MASK)
			return "an area not page aligned";
		prev_end = vma->vm_end;
		n++;
	}
	return n == mm->map_count ? NULL : "map_count differs from the list";
}

struct workload {
	u32 rng;
	const char *err;
	unsigned long done;             /* operations that succeeded */
};

static void check_vmas(struct workload *w, struct mm_struct *mm)
{
	const char *e = vma_list_error(mm);

	if (e && !w->err)
		w->err = e;
}

static const gfp_t page_masks[] = { GFP_KERNEL, GFP_HIGHUSER, GFP_ATOMIC, GFP_DMA,
				    GFP_KERNEL | __GFP_ZERO, GFP_HIGHUSER | __GFP_ZERO };

static void pages_round(struct workload *w)
{
	struct { struct page *page; unsigned int order; } live[48];
	int n = 0;

	for (int i = 0; i < (int)ARRAY_SIZE(live); i++) {
		unsigned int order = prandom_below(&w->rng, 4) ? 0 : prandom_below(&w->rng, 6);
		gfp_t gfp = page_masks[prandom_below(&w->rng, ARRAY_SIZE(page_masks))];
		struct page *p = alloc_pages(gfp, order);

		if (p) {
			live[n].page = p;
			live[n++].order = order;
			w->done++;
		}
	}
	while (n--)
		__free_pages(live[n].page, live[n].order);
}

static void slab_round(struct workload *w, struct kmem_cache *cache)
{
	void *objs[64];
	int n = 0;

	for (int i = 0; i < (int)ARRAY_SIZE(objs); i++) {
		void *p = prandom_below(&w->rng, 3)
				  ? kmalloc(16 + prandom_below(&w->rng, 8192), GFP_KERNEL)
				  : kmem_cache_alloc(cache, GFP_KERNEL);

		if (p) {
			objs[n++] = p;
			w->done++;
		}
	}
	/* Free in a shuffled order, so slabs empty in no particular way. */
	while (n) {
		int i = (int)prandom_below(&w->rng, (u32)n);

		kfree(objs[i]);         /* kmem_cache objects too: kfree finds the cache */
		objs[i] = objs[--n];
	}
}

static void vmalloc_round(struct workload *w)
{
	void *areas[8];

	for (int i = 0; i < 8; i++) {
		areas[i] = vmalloc((1 + prandom_below(&w->rng, 16)) * PAGE_SIZE);
		if (areas[i]) {
			memset(areas[i], 0x5a, PAGE_SIZE);
			w->done++;
		}
	}
	for (int i = 0; i < 8; i++)
		vfree(areas[i]);
}

/* Map a few areas, touch them, punch holes, fork-copy, write in the
 * copy (COW), drop the copy, unmap more, drop the address space. */
static void mm_round(struct workload *w)
{
	struct mm_struct *mm = mm_alloc(), *child;
	long addrs[6];

	if (!mm)
		return;
	use_mm(mm);
	for (int i = 0; i < 6; i++) {
		unsigned long pages = 1 + prandom_below(&w->rng, 8);

		addrs[i] = do_mmap(mm, 0, pages * PAGE_SIZE, RW, NULL, 0);
		if (IS_ERR_VALUE(addrs[i])) {
			addrs[i] = 0;
			continue;
		}
		w->done++;
		/* Touch every page; under injection some faults fail. */
		clear_user((void __user *)(unsigned long)addrs[i], pages * PAGE_SIZE);
		check_vmas(w, mm);
	}
	for (int i = 0; i < 6; i++)
		if (addrs[i] && prandom_below(&w->rng, 2)) {
			/* A hole in the middle (splits the area) or the whole. */
			do_munmap(mm, (unsigned long)addrs[i] + PAGE_SIZE, PAGE_SIZE);
			check_vmas(w, mm);
		}
	child = dup_mm(mm);
	if (child) {
		w->done++;
		check_vmas(w, child);
		unuse_mm(mm);
		use_mm(child);
		for (int i = 0; i < 6; i++)
			if (addrs[i])
				copy_to_user((void __user *)(unsigned long)addrs[i], "child", 5);    /* COW */
		unuse_mm(child);
		mmput(child);
		use_mm(mm);
	}
	for (int i = 0; i < 6; i++)
		if (addrs[i] && prandom_below(&w->rng, 2)) {
			do_munmap(mm, (unsigned long)addrs[i], PAGE_SIZE);
			check_vmas(w, mm);
		}
	check_vmas(w, mm);
	unuse_mm(mm);
	mmput(mm);
}

static void workload(struct workload *w, struct kmem_cache *cache, int rounds)
{
	for (int r = 0; r < rounds && !w->err; r++) {
		pages_round(w);
		slab_round(w, cache);
		vmalloc_round(w);
		mm_round(w);
	}
}

static void inject(unsigned long probability, long times)
{
	fault_attr_set(&fail_page_alloc.attr, probability, 1, times, 0);
	fault_attr_set(&failslab.attr, probability, 1, times, 0);
}

KTEST(inject, nothing_lost_when_allocations_fail)
{
	static const unsigned long probabilities[] = { 1, 5, 20, 50 };
	struct fault_attr_params saved_page, saved_slab;
	struct kmem_cache *cache = kmem_cache_create("ktest_inject", 200, 0, 0, NULL);
	u32 seed = ktest_random_seed();
	unsigned long verbose_page = fail_page_alloc.verbose, verbose_slab = failslab.verbose;
	unsigned long failures = fail_page_alloc.attr.nr_failures + failslab.attr.nr_failures;

	KEXPECT(cache != NULL);
	if (!cache)
		return;
	fault_attr_save(&fail_page_alloc.attr, &saved_page);
	fault_attr_save(&failslab.attr, &saved_slab);
	fail_page_alloc.verbose = failslab.verbose = 1;         /* a line, no stacks */
	fault_attr_seed(&fail_page_alloc.attr, seed);
	fault_attr_seed(&failslab.attr, seed ^ 0x5bd1e995u);
	for (unsigned int i = 0; i < ARRAY_SIZE(probabilities); i++) {
		struct workload warm = { .rng = seed }, w = { .rng = seed + i };
		unsigned long before, after;

		workload(&warm, cache, 1);      /* first-use allocations, uninjected */
		before = settled_free_pages();
		inject(probabilities[i], -1);
		workload(&w, cache, 4);
		inject(0, 1);
		after = settled_free_pages();
		if (w.err)
			ktest_fail(__FILE__, __LINE__, "probability %lu: %s", probabilities[i], w.err);
		if (after != before)
			ktest_fail(__FILE__, __LINE__, "probability %lu: %lu free pages, %lu before",
				   probabilities[i], after, before);
		printk("# probability %lu%%: %lu operations succeeded\n", probabilities[i], w.done);
		KEXPECT(w.done > 0);
	}
	KEXPECT(fail_page_alloc.attr.nr_failures + failslab.attr.nr_failures > failures);
	fault_attr_restore(&fail_page_alloc.attr, &saved_page);
	fault_attr_restore(&failslab.attr, &saved_slab);
	fail_page_alloc.verbose = verbose_page;
	failslab.verbose = verbose_slab;
	KEXPECT_EQ(kmem_cache_destroy(cache), 0);
}

/* times bounds the failures: exactly that many, then every request
 * succeeds again; the report is a line per failure, rate-limited. */
KTEST(inject, times_counts_failures_and_reports_are_rate_limited)
{
	struct fault_attr_params saved;
	unsigned long before = fail_page_alloc.attr.nr_failures;
	size_t mark = log_buf_len();
	int failed = 0;

	fault_attr_save(&fail_page_alloc.attr, &saved);
	memset(&fail_page_alloc.rs, 0, sizeof(fail_page_alloc.rs));    /* a fresh window */
	fault_attr_set(&fail_page_alloc.attr, 100, 1, 30, 0);
	for (int i = 0; i < 40; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		failed += !p;
		if (p)
			__free_page(p);
	}
	fault_attr_restore(&fail_page_alloc.attr, &saved);
	KEXPECT_EQ(failed, 30);
	KEXPECT_EQ(fail_page_alloc.attr.nr_failures, before + 30);
	KEXPECT(log_buf_contains("FAULT_INJECTION: forcing a failure.", mark));
	KEXPECT(log_buf_contains("name fail_page_alloc, interval 1, probability 100", mark));
	/* 30 failures in well under RATELIMIT_INTERVAL: at most a burst shown. */
	{
		static char buf[8192];
		size_t len = log_buf_copy(buf, sizeof(buf) - 1, mark), n = 0;
		const char *p = buf;

		buf[len] = '\0';
		while ((p = strstr(p, "FAULT_INJECTION")) != NULL) {
			n++;
			p++;
		}
		KEXPECT(n > 0 && n <= RATELIMIT_BURST);
	}
}

/* The filters: what Linux's knobs leave alone is not failed. */
KTEST(inject, filters_spare_what_they_name)
{
	struct fault_attr_params saved_page, saved_slab;
	struct page *p;
	void *obj;
	size_t mark = log_buf_len();

	fault_attr_save(&fail_page_alloc.attr, &saved_page);
	fault_attr_save(&failslab.attr, &saved_slab);
	fault_attr_set(&fail_page_alloc.attr, 100, 1, -1, 0);
	KEXPECT(alloc_page(GFP_KERNEL | __GFP_NOWARN) == NULL);
	fail_page_alloc.min_order = 1;
	p = alloc_page(GFP_KERNEL);                             /* order 0: spared */
	KEXPECT(p != NULL);
	KEXPECT(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1) == NULL);
	fail_page_alloc.min_order = 0;
	fail_page_alloc.ignore_gfp_wait = true;
	KEXPECT(alloc_page(GFP_ATOMIC | __GFP_NOWARN) == NULL);
	if (p)
		__free_page(p);
	p = alloc_page(GFP_KERNEL);                             /* may sleep: spared */
	KEXPECT(p != NULL);
	fail_page_alloc.ignore_gfp_wait = false;
	fail_page_alloc.ignore_gfp_highmem = true;
	if (p)
		__free_page(p);
	p = alloc_page(GFP_HIGHUSER);
	KEXPECT(p != NULL);
	fail_page_alloc.ignore_gfp_highmem = false;
	if (p)
		__free_page(p);
	fault_attr_restore(&fail_page_alloc.attr, &saved_page);
	/* __GFP_NOWARN failures were silent. */
	KEXPECT(!log_buf_contains("FAULT_INJECTION", mark));

	fault_attr_set(&failslab.attr, 100, 1, -1, 0);
	KEXPECT(kmalloc(64, GFP_KERNEL | __GFP_NOWARN) == NULL);
	failslab.ignore_gfp_wait = true;
	obj = kmalloc(64, GFP_KERNEL);
	KEXPECT(obj != NULL);
	KEXPECT(kmalloc(64, GFP_ATOMIC | __GFP_NOWARN) == NULL);
	failslab.ignore_gfp_wait = false;
	fault_attr_restore(&failslab.attr, &saved_slab);
	kfree(obj);
}

/* What /proc/sys/debug's files do, through the same functions. */
KTEST(inject, proc_files_read_and_write)
{
	struct fault_attr_params saved;
	size_t mark = log_buf_len();
	long v;

	fault_attr_save(&failslab.attr, &saved);
	KEXPECT_EQ(fault_inject_proc_write(&failslab, "times", "-1\n"), 0);
	KEXPECT_EQ(fault_inject_proc_write(&failslab, "probability", "7\n"), 0);
	KEXPECT(log_buf_contains("fault_inject: failslab on: interval 1, probability 7", mark));
	KEXPECT(log_buf_contains("(rerun with fault_inject_seed=", mark));
	KEXPECT_EQ(fault_inject_proc_read(&failslab, "probability", &v), 0);
	KEXPECT_EQ(v, 7);
	KEXPECT_EQ(fault_inject_proc_write(&failslab, "probability", "0"), 0);
	KEXPECT_EQ(fault_inject_proc_write(&failslab, "probability", "200"), -EINVAL);
	KEXPECT_EQ(fault_inject_proc_write(&failslab, "min-order", "1"), -ENOENT);
	KEXPECT_EQ(fault_inject_proc_write(&fail_page_alloc, "min-order", "11"), -EINVAL);
	KEXPECT_EQ(fault_inject_proc_write(&fail_page_alloc, "ignore-gfp-wait", "Y\n"), 0);
	KEXPECT(fail_page_alloc.ignore_gfp_wait);
	KEXPECT_EQ(fault_inject_proc_write(&fail_page_alloc, "ignore-gfp-wait", "0"), 0);
	KEXPECT(!fail_page_alloc.ignore_gfp_wait);
	KEXPECT_EQ(fault_inject_proc_write(NULL, "fault_inject_seed", "4000000000\n"), 0);
	KEXPECT_EQ(fault_inject_proc_read(NULL, "fault_inject_seed", &v), 0);
	KEXPECT_EQ((unsigned long)v, 4000000000UL);
	KEXPECT_EQ(failslab.attr.rnd, 4000000000u ^ 0x5bd1e995u);
	fault_attr_restore(&failslab.attr, &saved);
}

/* Another task's allocation: with the task filter on, never failed and
 * never counted. */
static int alloc_elsewhere(void *arg)
{
	void *obj = kmalloc(64, GFP_KERNEL);

	(void)arg;
	kfree(obj);
	return obj ? 1 : 0;
}

KTEST(inject, task_filter_fails_only_the_nth_allocation_of_this_task)
{
	struct task_struct *t;
	void *a, *b, *c;

	t = kthread_create(alloc_elsewhere, NULL, "elsewhere");
	KEXPECT(t != NULL);
	fail_nth_alloc(&failslab, 2);
	if (t) {
		wake_up_process(t);
		KEXPECT_EQ(kthread_stop(t), 1);         /* spared, and not counted */
	}
	a = kmalloc(64, GFP_KERNEL);                    /* this task's 1st: kept */
	b = kmalloc(64, GFP_KERNEL | __GFP_NOWARN);     /* the 2nd: fails */
	c = kmalloc(64, GFP_KERNEL);                    /* once only */
	fail_nth_alloc(&failslab, 0);
	KEXPECT(a != NULL);
	KEXPECT(b == NULL);
	KEXPECT(c != NULL);
	KEXPECT(!current->make_it_fail && !failslab.task_filter);
	kfree(a);
	kfree(c);
}
