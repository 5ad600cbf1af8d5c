/*
 * mm/highmem.c - the pkmap pool (kmap) and the fixmap slots (kmap_atomic).
 *
 * pkmap data, under kmap_lock:
 *   pkmap_count[nr]  0: slot free and its TLB entry flushed
 *                    1: slot free, but a CPU may still cache the old
 *                       translation - reusable only after a flush
 *                    n: mapped, in use by n - 1 kmap callers
 *   last_pkmap_nr    where the search for a free slot resumes
 *   page->virtual    the slot's address while a high page is mapped
 * Slots are handed out round-robin; when the search wraps to slot 0,
 * flush_all_zero_pkmaps() clears every count-1 slot and flushes the TLB
 * once for all of them, on every CPU - the reason unmapping is cheap.
 * When every slot is in use, kmap sleeps on pkmap_map_wait until a kunmap
 * frees one.  kmap_lock is taken with interrupts on (kmap is never called
 * from an interrupt): a CPU spinning on it must still answer the TLB
 * shootdown IPI that the holder may be waiting for.
 *
 * kmap_atomic slots need no lock: slot (cpu, type) is fixmap index
 * FIX_KMAP_BEGIN + cpu * KM_TYPE_NR + type, so no two users share one.
 * The debug checks catch the two ways to misuse them: mapping into a slot
 * that is still in use, and unmapping with the wrong type.  The slot's
 * own pte says which page an atomic address maps (kmap_atomic_to_page:
 * how rmap turns a pte pointer into the pte's physical address).
 */
#include "mm/highmem.h"
#include "kernel/arch/irq.h"
#include "kernel/debug/monitor.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/wait.h"
#include "mm/pgtable.h"
#include "mm/tlbflush.h"

static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static pte_t *pkmap_page_table;
static DEFINE_SPINLOCK(kmap_lock);
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned long pkmap_waits;              /* times a kmap had to sleep, for tests */

void kmap_init(void)
{
	pkmap_page_table = pte_offset_kernel(pmd_offset(pgd_offset_k(PKMAP_BASE), PKMAP_BASE),
					     PKMAP_BASE);
}

static void flush_all_zero_pkmaps(void)
{
	/* LAB kmap BEGIN: every slot whose count is 1 (mapped, no user)
	 * becomes free: count 0, its page forgets the address
	 * (page->virtual), its pte is cleared; then one flush of the whole
	 * pkmap window, on every CPU, so that no stale translation of a
	 * freed slot survives to show the next page the old one. */
	for (unsigned int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		pte_page(pkmap_page_table[i])->virtual = NULL;
		pte_clear(&pkmap_page_table[i]);
	}
	flush_tlb_kernel_range(PKMAP_BASE, PKMAP_ADDR(LAST_PKMAP));
	/* LAB kmap END */
}

/* A free slot's number, flushing on wrap-around; -1 when all are held.
 * The flush may free slots already passed, so after it the whole ring is
 * scanned again. */
static int find_free_slot(void)
{
	for (unsigned int left = LAST_PKMAP; left; left--) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			left = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			return (int)last_pkmap_nr;
	}
	return -1;
}

/* Map page into a free slot, sleeping until a kunmap frees one if need
 * be.  kmap_lock held (dropped while asleep); another kmap of the same
 * page may have mapped it meanwhile. */
static unsigned long map_new_virtual(struct page *page) __must_hold(&kmap_lock)
{
	int nr;

	lockdep_assert_held(&kmap_lock);
	while ((nr = find_free_slot()) < 0) {
		DEFINE_WAIT(wait);

		pkmap_waits++;
		prepare_to_wait(&pkmap_map_wait, &wait, TASK_UNINTERRUPTIBLE);
		spin_unlock(&kmap_lock);
		schedule();
		finish_wait(&pkmap_map_wait, &wait);
		spin_lock(&kmap_lock);
		if (page->virtual)
			return (unsigned long)page->virtual;
	}
	set_pte(&pkmap_page_table[nr], mk_pte(page, PAGE_KERNEL));
	pkmap_count[nr] = 1;
	page->virtual = (void *)PKMAP_ADDR(nr);
	return PKMAP_ADDR(nr);
}

static void *kmap_high(struct page *page)
{
	unsigned long vaddr;

	spin_lock(&kmap_lock);
	vaddr = (unsigned long)page->virtual;
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2);
	spin_unlock(&kmap_lock);
	return (void *)vaddr;
}

static void kunmap_high(struct page *page)
{
	unsigned long vaddr;

	spin_lock(&kmap_lock);
	vaddr = (unsigned long)page->virtual;
	BUG_ON(!vaddr);
	/* LAB kmap BEGIN: one user of the page's slot (PKMAP_NR(vaddr)) less:
	 * its pkmap_count goes down by one.  At 1 the slot has no user (it
	 * stays mapped until the next wrap-around flush), and a kmap asleep
	 * on pkmap_map_wait for a free slot must be woken - once kmap_lock
	 * is dropped, and only if someone waits (waitqueue_active). */
	bool freed = --pkmap_count[PKMAP_NR(vaddr)] == 1;

	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 1);
	spin_unlock(&kmap_lock);
	if (freed && waitqueue_active(&pkmap_map_wait))
		wake_up(&pkmap_map_wait);
	/* LAB kmap STUB: spin_unlock(&kmap_lock); */
	/* LAB kmap END */
}

void *kmap(struct page *page)
{
	BUG_ON(in_interrupt());         /* may have to wait for a slot */
	might_sleep();
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return kmap_high(page);
}

void kunmap(struct page *page)
{
	BUG_ON(in_interrupt());
	if (PageHighMem(page))
		kunmap_high(page);
}

int pkmap_slot_count(unsigned int nr)
{
	return pkmap_count[nr];
}

struct page *pkmap_slot_page(unsigned int nr)
{
	return pte_present(pkmap_page_table[nr]) ? pte_page(pkmap_page_table[nr]) : NULL;
}

static enum fixed_addresses kmap_idx(enum km_type type)
{
	return FIX_KMAP_BEGIN + smp_processor_id() * KM_TYPE_NR + type;
}

/* Preemption stays off until kunmap_atomic: the slot belongs to this CPU,
 * so the task must not move to another one meanwhile. */
void *kmap_atomic(struct page *page, enum km_type type)
{
	enum fixed_addresses idx;

	preempt_disable();
	idx = kmap_idx(type);
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	if (!pte_none(fixmap_get(idx)))
		panic("kmap_atomic: slot %d (cpu %d) already in use", type, smp_processor_id());
	set_fixmap(idx, page_to_pfn(page) << PAGE_SHIFT);
	return (void *)fix_to_virt(idx);
}

void kunmap_atomic(void *addr, enum km_type type)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;

	if (vaddr < fix_to_virt(FIX_KMAP_END) || vaddr > fix_to_virt(FIX_KMAP_BEGIN)) {
		preempt_enable();       /* a low page: nothing was mapped */
		return;
	}
	if (vaddr != fix_to_virt(kmap_idx(type)))
		panic("kunmap_atomic: %#lx is not the slot of type %d (cpu %d)", vaddr, type,
		      smp_processor_id());
	clear_fixmap(kmap_idx(type));
	preempt_enable();
}

struct page *kmap_atomic_to_page(const void *addr)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;

	if (vaddr < fix_to_virt(FIX_KMAP_END) || vaddr > fix_to_virt(FIX_KMAP_BEGIN))
		return virt_to_page(addr);
	return pte_page(fixmap_get((enum fixed_addresses)((FIXADDR_TOP - vaddr) >> PAGE_SHIFT)));
}

/* kmaps: the pkmap slots that hold a mapping, with their users. */
static int cmd_kmaps(int argc, char **argv)
{
	unsigned int used = 0, stale = 0;

	(void)argc;
	(void)argv;
	mprintf("pkmap window %#lx-%#lx, %d slots, next search at %u\n", PKMAP_BASE,
		PKMAP_ADDR(LAST_PKMAP) - 1, LAST_PKMAP, last_pkmap_nr);
	for (unsigned int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] > 1)
			mprintf("  slot %4u %#lx -> pfn %#lx, %d user(s)\n", i, PKMAP_ADDR(i),
				page_to_pfn(pkmap_slot_page(i)), pkmap_count[i] - 1);
		used += pkmap_count[i] > 1;
		stale += pkmap_count[i] == 1;
	}
	mprintf("%u in use, %u unmapped but not yet flushed, %u free\n", used, stale,
		LAST_PKMAP - used - stale);
	return 0;
}
MONITOR_CMD("kmaps", "pkmap slots in use (kmap of high pages)", cmd_kmaps);
