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
 * once for all of them - the reason unmapping is cheap.
 *
 * kmap_atomic slots need no lock: slot (cpu, type) is fixmap index
 * FIX_KMAP_BEGIN + cpu * KM_TYPE_NR + type, so no two users share one.
 * The debug checks catch the two ways to misuse them: mapping into a slot
 * that is still in use, and unmapping with the wrong type.
 */
#include "mm/highmem.h"
#include "kernel/irq.h"
#include "kernel/monitor.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "mm/pgtable.h"
#include "mm/tlbflush.h"

static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static pte_t *pkmap_page_table;
static DEFINE_SPINLOCK(kmap_lock);

void kmap_init(void)
{
	pkmap_page_table = pte_offset_kernel(pmd_offset(pgd_offset_k(PKMAP_BASE), PKMAP_BASE),
					     PKMAP_BASE);
}

static void flush_all_zero_pkmaps(void)
{
	for (unsigned int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		pte_page(pkmap_page_table[i])->virtual = NULL;
		pte_clear(&pkmap_page_table[i]);
	}
	flush_tlb_kernel_range(PKMAP_BASE, PKMAP_ADDR(LAST_PKMAP));
}

/* Find a free slot for page and map it there.  kmap_lock held. */
static unsigned long map_new_virtual(struct page *page)
{
	for (unsigned int scanned = 0; scanned < LAST_PKMAP; scanned++) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr)
			flush_all_zero_pkmaps();
		if (pkmap_count[last_pkmap_nr])
			continue;
		set_pte(&pkmap_page_table[last_pkmap_nr], mk_pte(page, PAGE_KERNEL));
		pkmap_count[last_pkmap_nr] = 1;
		page->virtual = (void *)PKMAP_ADDR(last_pkmap_nr);
		return PKMAP_ADDR(last_pkmap_nr);
	}
	/* Every slot is held.  With a scheduler we would sleep on
	 * pkmap_map_wait until a kunmap frees one. */
	panic("kmap: all %d pkmap slots in use and no scheduler to wait with", LAST_PKMAP);
}

static void *kmap_high(struct page *page)
{
	unsigned long flags, vaddr;

	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)page->virtual;
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2);
	spin_unlock_irqrestore(&kmap_lock, flags);
	return (void *)vaddr;
}

static void kunmap_high(struct page *page)
{
	unsigned long flags, vaddr;

	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)page->virtual;
	BUG_ON(!vaddr);
	/* Down to 1: free, but left mapped until the next wrap-around flush. */
	BUG_ON(--pkmap_count[PKMAP_NR(vaddr)] < 1);
	spin_unlock_irqrestore(&kmap_lock, flags);
}

void *kmap(struct page *page)
{
	BUG_ON(in_interrupt());         /* may have to wait for a slot */
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

void *kmap_atomic(struct page *page, enum km_type type)
{
	enum fixed_addresses idx = kmap_idx(type);

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	if (fixmap_get(idx))
		panic("kmap_atomic: slot %d (cpu %d) already in use", type, smp_processor_id());
	set_fixmap(idx, page_to_pfn(page) << PAGE_SHIFT);
	return (void *)fix_to_virt(idx);
}

void kunmap_atomic(void *addr, enum km_type type)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;

	if (vaddr < fix_to_virt(FIX_KMAP_END) || vaddr > fix_to_virt(FIX_KMAP_BEGIN))
		return;                 /* a low page: nothing was mapped */
	if (vaddr != fix_to_virt(kmap_idx(type)))
		panic("kunmap_atomic: %#lx is not the slot of type %d (cpu %d)", vaddr, type,
		      smp_processor_id());
	clear_fixmap(kmap_idx(type));
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
