/*
 * mm/test_smp_mm.c - ktests for memory management across CPUs: TLB
 * shootdown (a changed kernel mapping is never read stale on another CPU,
 * and shootdowns go only where the mapping may be cached), the pkmap pool
 * blocking when full and resuming on kunmap, and pcp lists drained on
 * every CPU.
 *
 * QEMU's TCG keeps a software TLB per virtual CPU that only invlpg and CR3
 * writes flush, so a missing shootdown really is visible here as a stale
 * read.  Locking: shared state is handed over with volatile flags and
 * completions.
 */
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/smp.h"
#include "kernel/timer.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/pgtable.h"
#include "mm/tlbflush.h"
#include "mm/vmalloc.h"

#define OLD_VALUE 0x11111111u
#define NEW_VALUE 0x22222222u

static struct {
	volatile u32 *va;
	volatile int epoch;
	volatile int warmed;
	u32 seen[NR_CPUS];
} tlb;

/* Keep the old translation hot in this CPU's TLB, then read once more
 * after the change was announced. */
static int tlb_reader(void *arg)
{
	int cpu = (int)(unsigned long)arg;
	u32 v = 0;

	while (tlb.epoch == 1) {
		v = *tlb.va;
		if (v == OLD_VALUE && !tlb.seen[cpu]) {
			tlb.seen[cpu] = v;
			__sync_fetch_and_add(&tlb.warmed, 1);
		}
		cpu_relax();
	}
	tlb.seen[cpu] = *tlb.va;
	return 0;
}

static pte_t *kernel_pte(unsigned long va)
{
	return pte_offset_kernel(pmd_offset(pgd_offset_k(va), va), va);
}

KTEST(tlb, shootdown_leaves_no_stale_translation)
{
	struct page *old = alloc_page(GFP_KERNEL), *new = alloc_page(GFP_KERNEL);
	void *area = vmalloc(PAGE_SIZE);
	struct task_struct *t[NR_CPUS] = { NULL };
	int me = get_cpu(), cpu, readers = 0;
	pte_t *pte, saved;

	put_cpu();
	set_cpus_allowed(current, cpumask_of_cpu(me));
	*(u32 *)page_address(old) = OLD_VALUE;
	*(u32 *)page_address(new) = NEW_VALUE;
	pte = kernel_pte((unsigned long)area);
	saved = *pte;
	set_pte(pte, mk_pte(old, PAGE_KERNEL));
	flush_tlb_kernel_range((unsigned long)area, (unsigned long)area + PAGE_SIZE);
	tlb.va = area;
	tlb.epoch = 1;
	tlb.warmed = 0;
	for_each_online_cpu(cpu) {
		tlb.seen[cpu] = 0;
		if (cpu == me)
			continue;
		t[cpu] = kthread_create(tlb_reader, (void *)(unsigned long)cpu, "tlbread/%d", cpu);
		kthread_bind(t[cpu], cpu);
		wake_up_process(t[cpu]);
		readers++;
	}
	while (tlb.warmed < readers)
		msleep(1);
	set_pte(pte, mk_pte(new, PAGE_KERNEL));
	flush_tlb_kernel_range((unsigned long)area, (unsigned long)area + PAGE_SIZE);
	tlb.epoch = 2;
	for_each_online_cpu(cpu)
		if (t[cpu])
			kthread_stop(t[cpu]);
	for_each_online_cpu(cpu)
		if (cpu != me)
			KEXPECT_EQ(tlb.seen[cpu], NEW_VALUE);
	set_pte(pte, saved);
	flush_tlb_kernel_range((unsigned long)area, (unsigned long)area + PAGE_SIZE);
	vfree(area);
	__free_page(old);
	__free_page(new);
	set_cpus_allowed(current, CPU_MASK_ALL);
}

KTEST(tlb, mm_shootdown_goes_only_to_cpus_in_cpu_vm_mask)
{
	struct mm_struct mm = { .pgd = swapper_pg_dir, .cpu_vm_mask = CPU_MASK_NONE };
	unsigned long before = tlb_shootdown_ipis;
	int me = get_cpu(), other = -1, cpu;

	flush_tlb_mm(&mm);                      /* nobody has it loaded */
	KEXPECT_EQ(tlb_shootdown_ipis, before);
	for_each_online_cpu(cpu)
		if (cpu != me)
			other = cpu;
	if (other >= 0) {
		cpu_set(other, &mm.cpu_vm_mask);
		cpu_set(me, &mm.cpu_vm_mask);
		flush_tlb_page(&mm, 0x08048000);
		KEXPECT_EQ(tlb_shootdown_ipis, before + 1);     /* one target, not all */
	}
	put_cpu();
	before = tlb_shootdown_ipis;
	flush_tlb_all();
	KEXPECT_EQ(tlb_shootdown_ipis, before + (unsigned long)(num_online_cpus() - 1));
}

/* pkmap exhaustion: fill every free slot, then one more kmap must sleep
 * until a kunmap frees a slot. */
static struct {
	struct page *page;
	volatile int done;
	struct completion mapped;
} kmapper;

static int kmapper_thread(void *arg)
{
	u32 *p;

	(void)arg;
	p = kmap(kmapper.page);
	*p = NEW_VALUE;
	kmapper.done = *p == NEW_VALUE;
	kunmap(kmapper.page);
	complete(&kmapper.mapped);
	return 0;
}

static int free_pkmap_slots(void)
{
	int n = 0;

	for (unsigned int i = 0; i < LAST_PKMAP; i++)
		n += pkmap_slot_count(i) <= 1;
	return n;
}

KTEST(highmem, kmap_pool_exhaustion_blocks_and_resumes)
{
	static struct page *pages[LAST_PKMAP + 1];
	int n = free_pkmap_slots(), got = 0;
	unsigned long waits = pkmap_waits;
	struct task_struct *t;

	while (got <= n) {
		struct page *p = alloc_page(GFP_HIGHUSER);

		if (!p)
			break;
		pages[got++] = p;
		if (!PageHighMem(p))
			break;
	}
	if (got <= n || !PageHighMem(pages[got - 1])) {
		while (got)
			__free_page(pages[--got]);
		ktest_skip("needs %d free high pages (boot with lowmem= below the RAM size)", n + 1);
		return;
	}
	for (int i = 0; i < n; i++)
		kmap(pages[i]);
	KEXPECT_EQ(free_pkmap_slots(), 0);
	kmapper.page = pages[n];
	kmapper.done = 0;
	init_completion(&kmapper.mapped);
	t = kthread_run(kmapper_thread, NULL, "kmapper");
	msleep(50);
	KEXPECT_EQ(kmapper.done, 0);            /* still asleep on pkmap_map_wait */
	KEXPECT(pkmap_waits > waits);
	kunmap(pages[0]);
	KEXPECT(wait_for_completion_timeout(&kmapper.mapped, 2 * HZ) > 0);
	KEXPECT_EQ(kmapper.done, 1);
	kthread_stop(t);
	for (int i = 1; i < n; i++)
		kunmap(pages[i]);
	for (int i = 0; i <= n; i++)
		__free_page(pages[i]);
}

static void fill_pcp(void *unused)
{
	(void)unused;
	__free_page(alloc_page(GFP_ATOMIC));
}

KTEST(pcp, drain_all_pages_empties_every_cpu)
{
	struct zone *zone;
	int cpu, left = 0;

	on_each_cpu(fill_pcp, NULL, true);
	drain_all_pages();
	for_each_zone(zone)
		for_each_online_cpu(cpu)
			left += zone->pcp[cpu].count;
	KEXPECT_EQ(left, 0);
}
