/*
 * mm/test_smp_fault.c - ktests for one user address space in use on
 * several CPUs at once: kernel threads adopt the same mm (use_mm) and
 * touch it through copy_to_user/get_user/put_user, which fault like a
 * program's own accesses.
 *
 *   - fault storms: four threads take first-touch faults on the same
 *     pages, on different pages, write-faults on the same copy-on-write
 *     pages, and grow the same stack, all at once; every fault settles
 *     under the page-table lock (mm/memory.c), so contents, rss and the
 *     free page count come out exact;
 *   - munmap and mprotect on one CPU while another keeps reading or
 *     writing the range: once the call has returned, the other CPU must
 *     fault - never reach the page through a stale translation, even
 *     after the freed pages were reused and poisoned;
 *   - shootdowns go only to CPUs in cpu_vm_mask, and a CPU running the mm
 *     lazily leaves it at its first shootdown;
 *   - the last of several users frees the mm, once.
 *
 * QEMU's TCG keeps a software TLB per virtual CPU, flushed only by invlpg
 * and CR3 writes, so a missing shootdown shows here as a stale access.
 * Locking: the threads share state through volatile flags and atomics;
 * each thread's CPU is fixed with kthread_bind.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/smp.h"
#include "kernel/syscall.h"
#include "kernel/timer.h"
#include "lib/errno.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/tlbflush.h"

#define THREADS 4
#define PAGES 64
#define BASE 0x20000000UL
#define MAGIC 0x5a5a1234u
#define POISON 0xdeadbeefu

static u32 __user *word(unsigned long addr)
{
	return (u32 __user *)addr;
}

/* A new mm with an anonymous read-write area of n pages at BASE. */
static struct mm_struct *new_mm_with_area(int n)
{
	struct mm_struct *mm = mm_alloc();

	if (mm && do_mmap(mm, BASE, (unsigned long)n * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0) !=
			  (long)BASE) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* A kernel thread bound to a CPU (spread over the online ones). */
static struct task_struct *start_on(int (*fn)(void *), long arg, int i)
{
	struct task_struct *t = kthread_create(fn, (void *)arg, "mmsmp/%d", i);

	kthread_bind(t, i % num_online_cpus());
	wake_up_process(t);
	return t;
}

static u32 pattern(int thread, int page)
{
	return 0x1000u * (u32)thread + (u32)page + 1;
}

static struct {
	struct mm_struct *mm;
	volatile int go;
	bool same;                      /* every thread on every page */
	int errors;                     /* atomic */
} storm;

/* Thread i writes its word (i) of each page: of every page, or of its
 * quarter of them. */
static int storm_writer(void *arg)
{
	int i = (int)(long)arg, first = 0, last = PAGES;

	use_mm(storm.mm);
	if (!storm.same) {
		first = i * PAGES / THREADS;
		last = (i + 1) * PAGES / THREADS;
	}
	while (!storm.go)
		cpu_relax();
	for (int p = first; p < last; p++)
		if (put_user(pattern(i, p), word(BASE + (unsigned long)p * PAGE_SIZE + 4u * (u32)i)))
			__sync_fetch_and_add(&storm.errors, 1);
	unuse_mm(storm.mm);
	return 0;
}

static void run_storm(int (*fn)(void *))
{
	struct task_struct *t[THREADS];

	storm.go = 0;
	storm.errors = 0;
	for (int i = 0; i < THREADS; i++)
		t[i] = start_on(fn, i, i);
	msleep(5);
	storm.go = 1;
	for (int i = 0; i < THREADS; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(storm.errors, 0);
}

/* Word i of page p is thread i's pattern where thread i wrote it, else 0. */
static void check_storm_words(bool same)
{
	for (int p = 0; p < PAGES; p++)
		for (int i = 0; i < THREADS; i++) {
			u32 v = 1, want = same || p * THREADS / PAGES == i ? pattern(i, p) : 0;

			KEXPECT_EQ(get_user(v, word(BASE + (unsigned long)p * PAGE_SIZE + 4u * (u32)i)),
				   0);
			if (v != want) {
				ktest_fail(__FILE__, __LINE__, "page %d word %d: %x, not %x", p, i,
					   v, want);
				return;
			}
		}
}

/* One storm over a new mm; false without memory. */
static bool storm_round(bool same, bool check)
{
	struct mm_struct *mm = new_mm_with_area(PAGES);

	KEXPECT(mm);
	if (!mm)
		return false;
	storm.mm = mm;
	storm.same = same;
	run_storm(storm_writer);
	if (check) {
		KEXPECT_EQ(get_mm_counter(mm, rss), PAGES);     /* one page each, no more */
		use_mm(mm);
		check_storm_words(same);
		unuse_mm(mm);
	}
	mmput(mm);
	return true;
}

/* The first round warms what each CPU keeps for itself (its spare
 * pte_chain block, mm/rmap.c), which no reap gives back; the second must
 * then leave the free pages as it found them. */
static void fault_storm(bool same)
{
	unsigned long before;

	if (!storm_round(same, false))
		return;
	before = settled_free_pages();
	if (storm_round(same, true))
		KEXPECT_EQ(settled_free_pages(), before);       /* no page leaked or freed twice */
}

KTEST(mm_smp, fault_storm_on_the_same_pages)
{
	fault_storm(true);
}

KTEST(mm_smp, fault_storm_on_different_pages)
{
	fault_storm(false);
}

/* Copy-on-write: the parent's pages are shared with a forked copy, then
 * four threads write the same pages at once; each page is copied once,
 * the losers' copies go back, and the child keeps the old contents. */
KTEST(mm_smp, cow_fault_storm_copies_each_page_once)
{
	unsigned long before = settled_free_pages();
	struct mm_struct *mm = new_mm_with_area(PAGES), *child;

	KEXPECT(mm);
	if (!mm)
		return;
	use_mm(mm);
	for (int p = 0; p < PAGES; p++)
		KEXPECT_EQ(put_user(MAGIC, word(BASE + (unsigned long)p * PAGE_SIZE + 64)), 0);
	unuse_mm(mm);
	child = dup_mm(mm);
	KEXPECT(child);
	storm.mm = mm;
	storm.same = true;
	run_storm(storm_writer);
	KEXPECT_EQ(get_mm_counter(mm, rss), PAGES);
	use_mm(mm);
	check_storm_words(true);
	unuse_mm(mm);
	if (child) {
		use_mm(child);
		for (int p = 0; p < PAGES; p++) {
			u32 v = 0, w = 1;

			get_user(v, word(BASE + (unsigned long)p * PAGE_SIZE + 64));
			get_user(w, word(BASE + (unsigned long)p * PAGE_SIZE));
			KEXPECT(v == MAGIC && w == 0);  /* untouched by the storm */
		}
		unuse_mm(child);
		mmput(child);
	}
	mmput(mm);
	KEXPECT_EQ(settled_free_pages(), before);
}

/* Four threads grow one stack at once, each to a depth of its own:
 * the area ends at the deepest and never shrinks back. */
#define STACK_TOP 0x30000000UL

static int stack_grower(void *arg)
{
	int i = (int)(long)arg;

	use_mm(storm.mm);
	while (!storm.go)
		cpu_relax();
	for (int d = 1; d <= 8; d++) {
		unsigned long addr = STACK_TOP - (unsigned long)(d * THREADS + i) * PAGE_SIZE;

		if (do_user_fault(storm.mm, addr, true, addr))
			__sync_fetch_and_add(&storm.errors, 1);
	}
	unuse_mm(storm.mm);
	return 0;
}

KTEST(mm_smp, stack_grows_under_a_shared_mmap_sem)
{
	unsigned long committed, before = settled_free_pages();
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	KEXPECT(mm);
	if (!mm)
		return;
	KEXPECT_EQ(do_mmap(mm, STACK_TOP - PAGE_SIZE, PAGE_SIZE,
			   VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0), (long)(STACK_TOP - PAGE_SIZE));
	committed = vm_committed_pages;
	storm.mm = mm;
	run_storm(stack_grower);
	vma = find_vma(mm, STACK_TOP - PAGE_SIZE);
	KEXPECT(vma);
	if (vma)
		KEXPECT_EQ(vma->vm_start, STACK_TOP - (8 * THREADS + THREADS - 1) * PAGE_SIZE);
	KEXPECT_EQ(mm->map_count, 1);
	KEXPECT_EQ(get_mm_counter(mm, rss), 8 * THREADS);
	/* Accounting followed the growth exactly (other tests may run
	 * nothing meanwhile: ktests run one at a time). */
	KEXPECT_EQ(vm_committed_pages - committed, 8 * THREADS + THREADS - 2);
	mmput(mm);
	KEXPECT_EQ(settled_free_pages(), before);
}

/* munmap/mprotect on this CPU while a thread on another keeps touching
 * the range.  phase: 0 warming up, 1 the call is under way, 2 it has
 * returned (and, for munmap, the freed pages were poisoned at 3). */
static struct {
	struct mm_struct *mm;
	volatile int phase, warm, stop;
	int late;                       /* accesses that succeeded in phase 2+ */
	int bad;                        /* values never written */
	int faults;
	volatile u32 last;              /* the writer's last successful value */
	u32 first_failed;               /* the value of its first failed write */
	int first_failed_phase;         /* and the phase that write began in */
} race;

static int range_reader(void *arg)
{
	(void)arg;
	use_mm(race.mm);
	while (!race.stop) {
		for (int p = 0; p < PAGES; p++) {
			int phase = race.phase;
			u32 v = 0;

			barrier();
			if (get_user(v, word(BASE + (unsigned long)p * PAGE_SIZE + 128))) {
				race.faults++;
				continue;
			}
			race.bad += v != MAGIC;
			race.late += phase >= 2;
		}
		race.warm = 1;
	}
	unuse_mm(race.mm);
	return 0;
}

static void race_reset(struct mm_struct *mm)
{
	race.mm = mm;
	race.phase = race.warm = race.stop = 0;
	race.late = race.bad = race.faults = 0;
	race.last = race.first_failed = 0;
	race.first_failed_phase = -1;
}

static void wait_warm(void)
{
	for (int ms = 0; ms < 2000 && !race.warm; ms++)
		msleep(1);
	KEXPECT(race.warm);
}

/* Take every page the allocator will give (up to 4 * PAGES), write POISON
 * over its first words: the pages munmap freed are among them. */
static int poison_free_pages(struct page **pages, int max)
{
	int n = 0;

	drain_all_pages();
	while (n < max) {
		struct page *page = alloc_page(GFP_HIGHUSER);
		u32 *va;

		if (!page)
			break;
		va = kmap_atomic(page, KM_USER0);
		for (int w = 0; w < 64; w++)
			va[w] = POISON;
		kunmap_atomic(va, KM_USER0);
		pages[n++] = page;
	}
	return n;
}

KTEST(mm_smp, munmap_while_another_cpu_reads_leaves_no_stale_translation)
{
	static struct page *poisoned[4 * PAGES];
	struct mm_struct *mm = new_mm_with_area(PAGES);
	struct task_struct *t;
	int me, n;

	KEXPECT(mm);
	if (!mm)
		return;
	use_mm(mm);
	for (int p = 0; p < PAGES; p++)
		KEXPECT_EQ(put_user(MAGIC, word(BASE + (unsigned long)p * PAGE_SIZE + 128)), 0);
	race_reset(mm);
	me = get_cpu();
	put_cpu();
	set_cpus_allowed(current, cpumask_of_cpu(me));
	t = start_on(range_reader, 0, me + 1);
	wait_warm();
	race.phase = 1;
	KEXPECT_EQ(sys_munmap(BASE, PAGES * PAGE_SIZE), 0);
	race.phase = 2;
	n = poison_free_pages(poisoned, ARRAY_SIZE(poisoned));
	race.phase = 3;
	msleep(20);                     /* let the reader go round again */
	race.stop = 1;
	kthread_stop(t);
	KEXPECT_EQ(race.bad, 0);        /* never a poisoned or reused page */
	KEXPECT_EQ(race.late, 0);       /* after munmap returned, every read faulted */
	KEXPECT(race.faults > 0);
	while (n)
		__free_page(poisoned[--n]);
	unuse_mm(mm);
	mmput(mm);
	set_cpus_allowed(current, CPU_MASK_ALL);
}

/* A user copy is a `rep movsb`, byte by byte and interruptible: the
 * shootdown may land between two bytes, so the first write that fails
 * may have stored its first bytes.  v is the last complete write, or the
 * first failed one's first 1-3 bytes over it - and only if that write
 * began before mprotect returned. */
static bool last_write_or_its_torn_successor(u32 v)
{
	if (v == race.last)
		return true;
	if (race.first_failed_phase >= 2)
		return false;
	for (int bytes = 1; bytes < 4; bytes++) {
		u32 mask = (1u << (8 * bytes)) - 1;

		if (v == ((race.first_failed & mask) | (race.last & ~mask)))
			return true;
	}
	return false;
}

static int page_writer(void *arg)
{
	u32 v = 0;

	(void)arg;
	use_mm(race.mm);
	while (!race.stop) {
		int phase = race.phase;

		barrier();
		if (put_user(++v, word(BASE))) {
			if (!race.faults++) {
				race.first_failed = v;
				race.first_failed_phase = phase;
			}
			continue;
		}
		race.last = v;
		race.late += phase >= 2;
		race.warm = 1;
	}
	unuse_mm(race.mm);
	return 0;
}

KTEST(mm_smp, mprotect_read_only_stops_writes_on_another_cpu)
{
	struct mm_struct *mm = new_mm_with_area(1);
	struct task_struct *t;
	int me;
	u32 v = 0;

	KEXPECT(mm);
	if (!mm)
		return;
	use_mm(mm);
	race_reset(mm);
	me = get_cpu();
	put_cpu();
	set_cpus_allowed(current, cpumask_of_cpu(me));
	t = start_on(page_writer, 0, me + 1);
	wait_warm();
	race.phase = 1;
	KEXPECT_EQ(sys_mprotect(BASE, PAGE_SIZE, PROT_READ), 0);
	race.phase = 2;
	msleep(20);
	race.stop = 1;
	kthread_stop(t);
	KEXPECT_EQ(race.late, 0);       /* no write landed after mprotect returned */
	KEXPECT(race.faults > 0);
	KEXPECT_EQ(get_user(v, word(BASE)), 0);
	if (!last_write_or_its_torn_successor(v))       /* the last write that succeeded */
		ktest_fail(__FILE__, __LINE__, "page holds %x; last write %x, first failed %x",
			   v, race.last, race.first_failed);
	unuse_mm(mm);
	mmput(mm);
	set_cpus_allowed(current, CPU_MASK_ALL);
}

/* Shootdowns reach exactly the CPUs in cpu_vm_mask: the one running the
 * mm, then the same CPU running it lazily (which leaves the mm at that
 * shootdown and gets no further ones), never a CPU that did not run it. */
static struct {
	struct mm_struct *mm;
	volatile int ready, stop;
	struct completion resume;
	int after_resume;               /* -EFAULT expected, then MAGIC */
	u32 value;
} mask;

static int mask_runner(void *arg)
{
	(void)arg;
	use_mm(mask.mm);
	mask.ready = 1;
	while (!mask.stop)
		cpu_relax();            /* the mm loaded, not lazily */
	mask.ready = 2;
	wait_for_completion(&mask.resume);      /* idle borrows the mm: lazy */
	mask.after_resume = get_user(mask.value, word(BASE));
	get_user(mask.value, word(BASE + 3 * PAGE_SIZE));
	unuse_mm(mask.mm);
	return 0;
}

static unsigned long ipis_to_others(const unsigned long *was, int a, int b)
{
	unsigned long n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		if (cpu != a && cpu != b)
			n += tlb_mm_ipis_received[cpu] - was[cpu];
	return n;
}

static void snapshot(unsigned long *was)
{
	int cpu;

	for_each_online_cpu(cpu)
		was[cpu] = tlb_mm_ipis_received[cpu];
}

KTEST(mm_smp, shootdowns_go_only_to_cpus_in_cpu_vm_mask)
{
	unsigned long was[NR_CPUS];
	struct mm_struct *mm;
	struct task_struct *t;
	int me, other;

	if (num_online_cpus() < 2) {
		ktest_skip("needs 2 CPUs");
		return;
	}
	mm = new_mm_with_area(4);
	KEXPECT(mm);
	if (!mm)
		return;
	use_mm(mm);
	for (int p = 0; p < 4; p++)
		KEXPECT_EQ(put_user(MAGIC, word(BASE + (unsigned long)p * PAGE_SIZE)), 0);
	me = get_cpu();
	put_cpu();
	set_cpus_allowed(current, cpumask_of_cpu(me));
	other = (me + 1) % num_online_cpus();
	mask.mm = mm;
	mask.ready = mask.stop = 0;
	init_completion(&mask.resume);
	t = start_on(mask_runner, 0, other);
	while (mask.ready != 1)
		msleep(1);
	KEXPECT(cpu_isset(other, mm->cpu_vm_mask));
	snapshot(was);
	KEXPECT_EQ(sys_munmap(BASE + PAGE_SIZE, PAGE_SIZE), 0);
	KEXPECT(tlb_mm_ipis_received[other] > was[other]);     /* it runs the mm */
	KEXPECT_EQ(ipis_to_others(was, me, other), 0);

	mask.stop = 1;
	while (mask.ready != 2)
		msleep(1);
	msleep(10);                     /* asleep: its CPU runs the mm lazily */
	KEXPECT(cpu_isset(other, mm->cpu_vm_mask));
	snapshot(was);
	KEXPECT_EQ(sys_munmap(BASE + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	KEXPECT(tlb_mm_ipis_received[other] > was[other]);
	KEXPECT(!cpu_isset(other, mm->cpu_vm_mask));   /* left the mm (leave_mm) */
	snapshot(was);
	KEXPECT_EQ(sys_munmap(BASE, PAGE_SIZE), 0);
	KEXPECT_EQ(tlb_mm_ipis_received[other], was[other]);  /* off the mask: none */
	KEXPECT_EQ(ipis_to_others(was, me, other), 0);

	complete(&mask.resume);         /* back on the mm: CR3 reloaded */
	kthread_stop(t);
	KEXPECT_EQ(mask.after_resume, -EFAULT);
	KEXPECT_EQ(mask.value, MAGIC);
	unuse_mm(mm);
	mmput(mm);
	set_cpus_allowed(current, CPU_MASK_ALL);
}

/* Several tasks share the mm, each with its own mm_users reference; the
 * creator lets go first, and whichever thread finishes last tears the
 * mm down - once: every page comes back, none twice. */
static int last_user(void *arg)
{
	int i = (int)(long)arg;

	use_mm(storm.mm);
	while (!storm.go)
		cpu_relax();
	for (int p = i; p < PAGES; p += THREADS)
		if (put_user(pattern(i, p), word(BASE + (unsigned long)p * PAGE_SIZE)))
			__sync_fetch_and_add(&storm.errors, 1);
	unuse_mm(storm.mm);
	mmput(storm.mm);
	return 0;
}

KTEST(mm_smp, last_of_several_users_frees_the_mm_once)
{
	unsigned long before = settled_free_pages(), reports = bad_page_reports;
	struct mm_struct *mm = new_mm_with_area(PAGES);
	struct task_struct *t[THREADS];

	KEXPECT(mm);
	if (!mm)
		return;
	storm.mm = mm;
	storm.go = 0;
	storm.errors = 0;
	for (int i = 0; i < THREADS; i++) {
		atomic_inc(&mm->mm_users);
		t[i] = start_on(last_user, i, i);
	}
	mmput(mm);                      /* the creator's reference first */
	KEXPECT_EQ(atomic_read(&mm->mm_users), THREADS);
	storm.go = 1;
	for (int i = 0; i < THREADS; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(storm.errors, 0);
	KEXPECT_EQ(bad_page_reports, reports);
	KEXPECT_EQ(settled_free_pages(), before);
}
