/*
 * mm/test_vmscan.c - ktests for page reclaim (mm/vmscan.c), suite
 * "vmscan".
 *
 * Each test builds an address space of its own with written anonymous
 * pages (struct anon_area) and runs reclaim over it: shrink_zone as
 * kswapd would at priority 0, kswapd itself, or try_to_free_pages.
 * vm_swappiness is raised to 100 while a test runs, so that
 * swap_tendency lets mapped pages leave the active list whatever the
 * machine's state.  On the memory disk ktda (swapon'd whole) pages reach
 * swap and their slots are read back through the swap cache; on an area
 * without a disk (swap_writepage fails there) the tests check what
 * reclaim leaves alone: referenced pages, an mlocked area, ramfs-style
 * page-cache pages, pages for which swap is full.  A zone's watermarks or
 * all_unreclaimable are changed only for the test's moment, and put back.
 *
 * Zap does not free swap entries yet (the swap-in side does), so each
 * test takes back what reclaim left - swap ptes, swap-cache pages - before
 * its address space goes (end_area).
 * Locking: the areas, mms and pages are the test's; shrink_zone is
 * called with no lock held, as reclaim is.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/ktest_swap.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swap_state.h"
#include "mm/tlbflush.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

#define RW (VM_READ | VM_WRITE)
#define NPAGES 64

struct anon_area {
	struct mm_struct *mm;
	long addr;
	unsigned long n;
	int swappiness;                 /* vm_swappiness before the test */
};

static u32 word(unsigned long page, unsigned int i)
{
	return (u32)(page + 1) * 2654435761u + i;
}

static unsigned long addr_of(const struct anon_area *a, unsigned long i)
{
	return (unsigned long)a->addr + i * PAGE_SIZE;
}

/* n pages of the new mm a->mm (entered), each written whole, on their
 * LRU lists; vm_swappiness 100.  false: no memory (a->mm may be set). */
static bool anon_area(struct anon_area *a, unsigned long n, unsigned long flags)
{
	u32 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	bool ok;

	a->n = n;
	a->swappiness = vm_swappiness;
	vm_swappiness = 100;
	a->mm = enter_new_mm();
	a->addr = a->mm ? do_mmap(a->mm, 0, n * PAGE_SIZE, RW | flags, NULL, 0) : -ENOMEM;
	ok = buf && !IS_ERR_VALUE(a->addr);
	for (unsigned long p = 0; ok && p < n; p++) {
		for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
			buf[i] = word(p, i);
		ok = !copy_to_user((void __user *)addr_of(a, p), buf, PAGE_SIZE);
	}
	kfree(buf);
	lru_add_drain_all();
	return ok;
}

static bool holds(struct page *page, unsigned long p)
{
	u32 *w = kmap(page);
	bool same = true;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		same &= w[i] == word(p, i);
	kunmap(page);
	return same;
}

/* Out of the swap cache, if still there (a reference held, dropped). */
static void uncache(struct page *page)
{
	lock_page(page);
	wait_on_page_writeback(page);
	if (PageSwapCache(page))
		delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
}

/* Take back a swap pte at addr: its count on the slot, and the page
 * the cache may still hold for it. */
static void unswap(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);
	struct page *page = NULL;
	spinlock_t *ptl;
	pte_t *ptep;

	if (pmd_none(*pmd))
		return;
	ptep = pte_offset_map_lock(pmd, addr, &ptl);
	if (is_swap_pte(*ptep)) {
		swp_entry_t e = pte_to_swp_entry(*ptep);

		page = lookup_swap_cache(e);
		swap_free(e);
		pte_clear(ptep);
	}
	pte_unmap_unlock(ptep, ptl);
	if (page)
		uncache(page);
}

static void end_area(struct anon_area *a)
{
	for (unsigned long p = 0; a->mm && !IS_ERR_VALUE(a->addr) && p < a->n; p++) {
		struct page *page = user_page(a->mm, addr_of(a, p));

		if (page && PageSwapCache(page)) {
			get_page(page);
			uncache(page);
		}
		unswap(a->mm, addr_of(a, p));
	}
	if (a->mm)
		leave_mm(a->mm);
	vm_swappiness = a->swappiness;
}

static unsigned long count_ptes(const struct anon_area *a, bool swapped)
{
	unsigned long n = 0;

	for (unsigned long p = 0; p < a->n; p++) {
		pte_t pte = user_pte(a->mm, addr_of(a, p));

		n += swapped ? is_swap_pte(pte) : pte_present(pte);
	}
	return n;
}

/* The area's pages on the active (or the inactive) LRU list. */
static unsigned long count_lru(const struct anon_area *a, bool active)
{
	unsigned long n = 0;

	for (unsigned long p = 0; p < a->n; p++) {
		struct page *page = user_page(a->mm, addr_of(a, p));

		n += page && PageLRU(page) && PageActive(page) == active;
	}
	return n;
}

/* Every page on swap, none left in the swap cache. */
static bool all_out(const struct anon_area *a)
{
	for (unsigned long p = 0; p < a->n; p++) {
		pte_t pte = user_pte(a->mm, addr_of(a, p));
		struct page *page;

		if (!is_swap_pte(pte))
			return false;
		page = lookup_swap_cache(pte_to_swp_entry(pte));
		if (page) {
			put_page(page);
			return false;
		}
	}
	return true;
}

/* One reclaim pass over every zone at priority 0, as reclaim runs it
 * (PF_MEMALLOC), freeing up to goal pages (0: only the active lists'
 * refill, no inactive page is looked at); the pages freed. */
static unsigned long reclaim_pass(unsigned long goal)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .kswapd = true, .nr_to_reclaim = goal };
	unsigned int memalloc = current->flags & PF_MEMALLOC;
	struct zone *zone;

	current->flags |= PF_MEMALLOC;
	for_each_zone(zone)
		if (zone->present_pages)
			shrink_zone(zone, 0, &sc);
	current->flags = (current->flags & ~PF_MEMALLOC) | memalloc;
	return sc.nr_reclaimed;
}

/* Up to passes passes, writes given time to end between them, until
 * done(a). */
static void reclaim_until(const struct anon_area *a, bool (*done)(const struct anon_area *),
			  int passes)
{
	for (int i = 0; i < passes && !(done && done(a)); i++) {
		reclaim_pass(~0UL);
		msleep(5);
	}
}

/* A read of the area's pages marked in only (NULL: all of them), seen
 * anew by the next walk of their accessed bits. */
static void touch(const struct anon_area *a, const bool *only)
{
	char c;

	flush_tlb_mm(a->mm);
	for (unsigned long p = 0; p < a->n; p++)
		if (!only || only[p])
			KEXPECT_EQ(copy_from_user(&c, (const void __user *)addr_of(a, p), 1), 0);
}

/* An area without a disk of pages slots when no other is on. */
static struct swap_info_struct *diskless_area(unsigned long pages)
{
	return no_areas_on() ? make_area(pages, NULL, 0, 0) : NULL;
}

KTEST(vmscan, anonymous_pages_reach_swap_and_their_slots_hold_their_bytes)
{
	unsigned long out = vm_events[PSWPOUT], steal = 0, scan = 0;
	struct anon_area a = { NULL };

	for (int z = 0; z < MAX_NR_ZONES; z++)
		steal += vm_events[PGSTEAL_DMA + z], scan += vm_events[PGSCAN_KSWAPD_DMA + z];
	if (!ktda_swap_on())
		return;
	if (!anon_area(&a, NPAGES, 0)) {
		KEXPECT(false);
		goto out;
	}
	reclaim_until(&a, all_out, 200);
	KEXPECT(all_out(&a));
	KEXPECT(vm_events[PSWPOUT] >= out + NPAGES);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		steal -= vm_events[PGSTEAL_DMA + z], scan -= vm_events[PGSCAN_KSWAPD_DMA + z];
	KEXPECT((long)steal <= -NPAGES && (long)scan <= -NPAGES);
	for (unsigned long p = 0; p < a.n; p++) {
		pte_t pte = user_pte(a.mm, addr_of(&a, p));
		struct page *back;

		if (!is_swap_pte(pte))
			continue;
		back = read_swap_cache_async(pte_to_swp_entry(pte));
		KEXPECT(back);
		if (!back)
			continue;
		wait_on_page_locked(back);
		KEXPECT(!PageError(back) && holds(back, p));
		put_page(back);
	}
out:
	end_area(&a);
	ktda_swap_off();
}

KTEST(vmscan, referenced_pages_are_activated_not_evicted)
{
	struct swap_info_struct *si = diskless_area(2 * NPAGES);
	unsigned long activated, deactivated;
	struct anon_area a = { NULL };

	if (!si)
		return;
	if (!anon_area(&a, NPAGES, 0)) {
		KEXPECT(false);
		goto out;
	}
	/* Touched before every pass: they stay on the active list. */
	for (int i = 0; i < 4; i++) {
		touch(&a, NULL);
		reclaim_pass(~0UL);
	}
	KEXPECT_EQ(count_lru(&a, true), NPAGES);
	/* Untouched, the refill moves them to the inactive list... */
	deactivated = vm_events[PGDEACTIVATE];
	for (int i = 0; i < 20 && count_lru(&a, false) < NPAGES; i++)
		reclaim_pass(0);
	KEXPECT_EQ(count_lru(&a, false), NPAGES);
	KEXPECT(vm_events[PGDEACTIVATE] >= deactivated + NPAGES);
	/* ... where a touch before the scan sends them back. */
	activated = vm_events[PGACTIVATE];
	touch(&a, NULL);
	reclaim_pass(~0UL);
	KEXPECT_EQ(count_ptes(&a, false), NPAGES);
	KEXPECT_EQ(count_lru(&a, true), NPAGES);
	KEXPECT(vm_events[PGACTIVATE] >= activated + NPAGES);
	for (unsigned long p = 0; p < a.n; p++) {
		struct page *page = user_page(a.mm, addr_of(&a, p));

		KEXPECT(page && !PageSwapCache(page));  /* mapped, never unmapped */
	}
out:
	end_area(&a);
	remove_area(si);
}

/* A random quarter of the area is used between every two reclaim passes,
 * the rest never again: the passes must take the cold pages to swap and
 * never a hot one (the replacement policy's promise, and the lru lab's). */
KTEST(vmscan, a_hot_working_set_outlives_a_cold_one)
{
	unsigned long n = 2 * NPAGES, hot_out = 0, cold_in = n;
	u32 rng = ktest_random_seed();
	struct anon_area a = { NULL };
	bool hot[2 * NPAGES] = { false };

	if (!ktda_swap_on())
		return;
	for (unsigned long k = 0; k < n / 4; k++)
		hot[prandom_below(&rng, n)] = true;
	if (!anon_area(&a, n, 0)) {
		KEXPECT(false);
		goto out;
	}
	for (int pass = 0; pass < 200 && cold_in; pass++) {
		touch(&a, hot);
		reclaim_pass(~0UL);
		msleep(5);
		cold_in = 0;
		for (unsigned long p = 0; p < n; p++) {
			bool out = is_swap_pte(user_pte(a.mm, addr_of(&a, p)));

			hot_out += hot[p] && out;
			cold_in += !hot[p] && !out;
		}
	}
	KEXPECT_EQ(hot_out, 0);
	KEXPECT_EQ(cold_in, 0);
out:
	end_area(&a);
	ktda_swap_off();
}

KTEST(vmscan, a_locked_area_is_never_unmapped)
{
	struct swap_info_struct *si = diskless_area(2 * NPAGES);
	struct anon_area a = { NULL };

	if (!si)
		return;
	if (!anon_area(&a, NPAGES, VM_LOCKED)) {
		KEXPECT(false);
		goto out;
	}
	reclaim_until(&a, NULL, 8);
	KEXPECT_EQ(count_ptes(&a, false), NPAGES);
	for (unsigned long p = 0; p < a.n; p++)
		KEXPECT(holds(user_page(a.mm, addr_of(&a, p)), p));
out:
	end_area(&a);
	remove_area(si);
}

KTEST(vmscan, swap_full_leaves_the_other_pages_mapped)
{
	const unsigned long slots = 8;
	struct swap_info_struct *si = diskless_area(slots + 1);         /* page 0: the header */
	struct anon_area a = { NULL };
	unsigned long swapped;

	if (!si)
		return;
	if (!anon_area(&a, NPAGES, 0)) {
		KEXPECT(false);
		goto out;
	}
	reclaim_until(&a, NULL, 8);
	swapped = count_ptes(&a, true);
	KEXPECT(swapped > 0 && swapped <= slots);
	KEXPECT_EQ(count_ptes(&a, false) + swapped, NPAGES);
	for (unsigned long p = 0; p < a.n; p++) {
		struct page *page = user_page(a.mm, addr_of(&a, p));

		KEXPECT(!page || holds(page, p));
	}
out:
	end_area(&a);
	remove_area(si);
}

/* A page cache without backing store, as ramfs's: n pages added, each
 * holding its number. */
static bool fill_cache(struct address_space *mapping, unsigned long n)
{
	address_space_init(mapping, NULL);
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = find_or_create_page(mapping, i);

		if (!page)
			return false;
		*(unsigned long *)kmap(page) = i;
		kunmap(page);
		put_page(page);
	}
	lru_add_drain_all();
	return true;
}

static bool cache_intact(struct address_space *mapping, unsigned long n)
{
	bool ok = mapping->nrpages == n;

	for (unsigned long i = 0; ok && i < n; i++) {
		struct page *page = find_get_page(mapping, i);

		ok = page && *(unsigned long *)kmap(page) == i;
		if (page) {
			kunmap(page);
			put_page(page);
		}
	}
	return ok;
}

KTEST(vmscan, page_cache_pages_without_backing_store_are_not_freed)
{
	struct address_space mapping;

	KEXPECT(fill_cache(&mapping, NPAGES));
	for (int i = 0; i < 4; i++)
		reclaim_pass(~0UL);
	KEXPECT(cache_intact(&mapping, NPAGES));
	truncate_inode_pages(&mapping, 0);
}

/* The GFP mask whose first zone is zone. */
static gfp_t gfp_for(const struct zone *zone)
{
	static const gfp_t gfp[MAX_NR_ZONES] = { GFP_DMA | GFP_KERNEL, GFP_KERNEL, GFP_HIGHUSER };

	return gfp[zone_idx(zone)];
}

KTEST(vmscan, all_unreclaimable_is_set_by_fruitless_scans_and_cleared_by_a_free)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .kswapd = true, .nr_to_reclaim = ~0UL };
	struct address_space mapping;
	struct page *page, *pair;
	struct zone *zone;

	if (!fill_cache(&mapping, NPAGES)) {
		KEXPECT(false);
		goto out;
	}
	page = find_get_page(&mapping, 0);
	zone = page_zone(page);
	put_page(page);
	/* As if twice the zone's pages had been scanned in vain already. */
	zone->pages_scanned = zone->present_pages * 2;
	current->flags |= PF_MEMALLOC;
	shrink_zone(zone, DEF_PRIORITY, &sc);
	current->flags &= ~PF_MEMALLOC;
	KEXPECT(sc.nr_scanned > 0);
	if (sc.nr_reclaimed == 0)
		KEXPECT(zone->all_unreclaimable);
	pair = alloc_pages(gfp_for(zone), 1);
	KEXPECT(pair && page_zone(pair) == zone);
	if (pair)
		__free_pages(pair, 1);
	KEXPECT(!zone->all_unreclaimable);
	KEXPECT_EQ(zone->pages_scanned, 0);
	KEXPECT(cache_intact(&mapping, NPAGES));
out:
	truncate_inode_pages(&mapping, 0);
}

/* Wait up to ms for zone to be above pages_high. */
static bool balanced_within(const struct zone *zone, int ms)
{
	for (; ms > 0 && zone->free_pages <= zone->pages_high; ms -= 20)
		msleep(20);
	return zone->free_pages > zone->pages_high;
}

KTEST(vmscan, kswapd_woken_at_pages_low_brings_the_zone_back_to_pages_high)
{
	unsigned long steal = vm_events[KSWAPD_STEAL], runs = vm_events[PAGEOUTRUN];
	unsigned long wakeups = vm_events[KSWAPD_WAKEUP], low, high;
	struct anon_area a = { NULL };
	struct zone *zone;

	if (!ktda_swap_on())
		return;
	if (!anon_area(&a, 320, 0)) {
		KEXPECT(false);
		goto out;
	}
	zone = page_zone(user_page(a.mm, addr_of(&a, 0)));
	low = zone->pages_low;
	high = zone->pages_high;
	/* The zone is at its low watermark now, with 128 pages to free. */
	zone->pages_high = zone->free_pages + 128;
	zone->pages_low = zone->free_pages + 1;
	wakeup_kswapd(zone);
	KEXPECT(vm_events[KSWAPD_WAKEUP] > wakeups);
	KEXPECT(balanced_within(zone, 20000));
	zone->pages_low = low;
	zone->pages_high = high;
	KEXPECT(vm_events[KSWAPD_STEAL] > steal && vm_events[PAGEOUTRUN] > runs);
	KEXPECT(count_ptes(&a, true) > 0);
out:
	end_area(&a);
	ktda_swap_off();
}

KTEST(vmscan, direct_reclaim_frees_without_the_oom_killer)
{
	unsigned long stalls = vm_events[ALLOCSTALL], ooms = out_of_memory_calls;
	unsigned long scan = 0, freed = 0;
	struct anon_area a = { NULL };

	for (int z = 0; z < MAX_NR_ZONES; z++)
		scan += vm_events[PGSCAN_DIRECT_DMA + z];
	if (!ktda_swap_on())
		return;
	if (!anon_area(&a, NPAGES, 0)) {
		KEXPECT(false);
		goto out;
	}
	for (int i = 0; i < 20 && !freed; i++) {
		freed = try_to_free_pages(gfp_zonelist(GFP_HIGHUSER), GFP_HIGHUSER, 0);
		msleep(5);
	}
	KEXPECT(freed > 0);
	KEXPECT(vm_events[ALLOCSTALL] > stalls);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		scan -= vm_events[PGSCAN_DIRECT_DMA + z];
	KEXPECT((long)scan < 0);
	KEXPECT_EQ(out_of_memory_calls, ooms);
	KEXPECT(!(current->flags & PF_MEMALLOC));
out:
	end_area(&a);
	ktda_swap_off();
}
