/*
 * mm/vmscan.c - page reclaim, by Linux 2.6.0's rules: which user pages
 * to take from whom when memory runs short, and who does it (mm/vmscan.h).
 *
 * Each zone's LRU lists (mm/lru.h) are scanned from the tail.
 * refill_inactive_zone moves pages from the active to the inactive list,
 * keeping the active list near two thirds of the LRU; a mapped page that
 * was referenced stays active, and an unreferenced one leaves only when
 * swap_tendency() says mapped pages may go (page-cache pages stay: see
 * below).  shrink_list looks at a
 * batch of inactive pages: a referenced mapped page goes back to the
 * active list; an anonymous one gets a swap slot (add_to_swap; swap full:
 * active again), is unmapped from every pte (try_to_unmap), written
 * (swap_writepage, PG_reclaim set so that the write's end moves it to
 * the inactive tail) and, once clean and held by the swap cache and us
 * alone, freed (reclaim_swap_page).  A shmem page (PG_swapbacked) is
 * unmapped the same way (its ptes become empty: a fault finds it through
 * its object) and then moved into the swap cache by shmem_writepage, to
 * be written and freed like an anonymous page.  A ramfs page has nowhere
 * to go: it goes back to the active list, stays there (the refill keeps
 * it rather than cycle it through the inactive list for nothing) and is
 * never freed by reclaim.
 *
 * Two callers: kswapd0, a kthread woken by the allocator when a zone
 * falls to pages_low, which reclaims until every zone is above
 * pages_high (balance_pgdat, a pass at a time: a pass ends once it freed
 * a batch; after a pass that found nothing to do kswapd
 * sleeps HZ/10 and waits for the next wake-up); and an allocation that may sleep and found
 * nothing even at pages_min (try_to_free_pages, direct reclaim).  Both go
 * from DEF_PRIORITY down to 0 and remember where they ended in
 * zone->prev_priority (lowered during a pass as soon as it goes lower,
 * so that its distress counts at once), and give up on a zone (all_unreclaimable: it is
 * then tried only at DEF_PRIORITY) once twice its pages were scanned
 * without one being freed - Linux 2.6.0's factor (later kernels: 6).
 * Both run with PF_MEMALLOC, so their own allocations (a bio, a radix
 * tree node) may use the reserves and never reclaim again.
 *
 * Data: the zones' reclaim fields (mm/mmzone.h), the vm_events counters
 * (pgscan_kswapd_*, pgscan_direct_*, pgsteal_*, pgrefill_*, pgactivate,
 * pgdeactivate, kswapd_steal, pageoutrun, allocstall), and slab_debt.
 * Locking: zone->lru_lock only inside isolate_lru_pages and
 * putback_lru_pages, never across rmap work; the page lock with
 * TestSetPageLocked only (a page somebody holds is skipped); the chain
 * lock around page_referenced and try_to_unmap, which only try the
 * mm's locks (mm/lock_order.c).  The zones' reclaim fields are hints
 * written without a lock.
 */
#include "drivers/block/blkdev.h"
#include "kernel/kthread.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/swap_state.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

int vm_swappiness = 60;
int page_cluster = 3;

/* ---- shrink_list: one batch of inactive pages ---- */

enum verdict { PAGE_KEEP, PAGE_ACTIVATE, PAGE_FREE };

/* May this pass write a swap-cache page? */
static bool may_write(const struct scan_control *sc)
{
	return sc->gfp_mask & __GFP_IO;
}

/* Get page (locked, anonymous) off every pte: into the swap cache first.
 * PAGE_FREE means "go on", with *referenced set as page_referenced
 * found it. */
static enum verdict unmap_for_reclaim(struct page *page, int *referenced)
{
	int ret;

	/* LAB lru BEGIN: the second chance.  An inactive page whose ptes were
	 * referenced since the last look is in use: set *referenced to what
	 * page_referenced (under the chain lock) counts, and if the page is
	 * still mapped and was referenced, return PAGE_ACTIVATE. */
	pte_chain_lock(page);
	*referenced = page_referenced(page);
	ret = *referenced && page_mapped(page);
	pte_chain_unlock(page);
	if (ret)
		return PAGE_ACTIVATE;           /* in use: not a candidate */
	/* LAB lru STUB: *referenced = 0; */
	/* LAB lru END */
	if (!page->mapping && !PageSwapCache(page) && page_mapped(page) && !add_to_swap(page))
		return PAGE_ACTIVATE;           /* swap is full */
	if (!page_mapped(page))
		return PAGE_FREE;
	pte_chain_lock(page);
	ret = try_to_unmap(page);
	pte_chain_unlock(page);
	if (ret == SWAP_FAIL)
		return PAGE_ACTIVATE;           /* mlocked, or no slot for it */
	return ret == SWAP_AGAIN ? PAGE_KEEP : PAGE_FREE;
}

/* A shmem page (locked, unmapped, ours) leaves its object for the swap
 * cache, dirty - its only copy is in memory - to be written below like
 * an anonymous page (Linux's shmem_writepage).  PAGE_FREE means "go on". */
static enum verdict shmem_to_swap(struct page *page, const struct scan_control *sc)
{
	int err;

	if (!may_write(sc))
		return PAGE_KEEP;
	err = shmem_writepage(page);
	if (err == -ENOSPC)
		return PAGE_ACTIVATE;           /* swap is full */
	return err ? PAGE_KEEP : PAGE_FREE;    /* mapped again meanwhile: later */
}

/* Write page (locked, dirty, in the swap cache, unmapped) out.  True
 * when the write is over already and the page is clean and locked
 * again; false with the page unlocked. */
static bool pageout(struct page *page, struct scan_control *sc)
{
	if (!may_write(sc) || page_count(page) != 2) {  /* the cache's and ours */
		unlock_page(page);
		return false;
	}
	SetPageReclaim(page);
	if (swap_writepage(page)) {
		ClearPageReclaim(page);
		return false;
	}
	sc->nr_writeback++;
	if (PageWriteback(page) || PageDirty(page) || TestSetPageLocked(page))
		return false;
	if (!PageWriteback(page) && !PageDirty(page))
		return true;
	unlock_page(page);
	return false;
}

/* Let go of page (locked, clean, unmapped): out of the swap cache if
 * nobody else holds it.  True if our reference is then its last. */
static bool release_page(struct page *page)
{
	if (PageSwapCache(page))
		return reclaim_swap_page(page);
	return page_count(page) == 1;
}

/* What becomes of one isolated inactive page (our reference held).
 * PAGE_FREE: it is unlocked and ours alone. */
static enum verdict shrink_page(struct page *page, struct scan_control *sc)
{
	enum verdict v = PAGE_FREE;
	int referenced = 0;

	if (TestSetPageLocked(page))
		return PAGE_KEEP;
	if (PageWriteback(page)) {
		sc->nr_writeback++;
		v = PAGE_KEEP;
	} else if (page->mapping && !PageSwapBacked(page)) {
		v = PAGE_ACTIVATE;              /* ramfs: nowhere to write it */
	} else {
		v = unmap_for_reclaim(page, &referenced);
		if (v == PAGE_FREE && page->mapping)
			v = referenced ? PAGE_KEEP : shmem_to_swap(page, sc);
	}
	if (v == PAGE_FREE && PageDirty(page) && PageSwapCache(page)) {
		if (referenced) {
			v = PAGE_KEEP;          /* used lately: write it next time */
		} else if (!pageout(page, sc)) {
			return PAGE_KEEP;       /* unlocked */
		}
	}
	if (v == PAGE_FREE && !release_page(page))
		v = PAGE_KEEP;
	if (v == PAGE_ACTIVATE) {
		SetPageActive(page);
		count_vm_event(PGACTIVATE);
	}
	unlock_page(page);
	return v;
}

/* Reclaim what can be of pages (isolated from zone); the rest stays on
 * the list for putback_lru_pages, PG_active telling where it goes. */
static void shrink_list(struct zone *zone, struct list_head *pages, struct scan_control *sc)
{
	struct page *page, *next;
	unsigned long freed = 0;

	list_for_each_entry_safe(page, next, pages, lru) {
		if (shrink_page(page, sc) != PAGE_FREE)
			continue;
		list_del_init(&page->lru);
		put_page(page);                 /* the last reference: freed */
		freed++;
	}
	count_zone_vm_events(PGSTEAL_DMA, zone, freed);
	sc->nr_reclaimed += freed;
}

/* Scan up to max_scan pages from the inactive tail, a batch at a time,
 * until sc's goal is met. */
static void shrink_cache(struct zone *zone, unsigned long max_scan, struct scan_control *sc)
{
	unsigned long done = 0, scanned;

	while (done < max_scan && sc->nr_reclaimed < sc->nr_to_reclaim) {
		LIST_HEAD(pages);

		isolate_lru_pages(zone, min(max_scan - done, (unsigned long)SWAP_CLUSTER_MAX),
				  &zone->inactive_list, &pages, &scanned);
		if (!scanned)
			break;
		done += scanned;
		zone->pages_scanned += scanned;
		sc->nr_scanned += scanned;
		count_zone_vm_events(sc->kswapd ? PGSCAN_KSWAPD_DMA : PGSCAN_DIRECT_DMA, zone, scanned);
		shrink_list(zone, &pages, sc);
		putback_lru_pages(&pages);
	}
}

/* ---- the active list ---- */

int swap_tendency(const struct zone *zone)
{
	unsigned long total = zone_sum(false, false) + zone_sum(true, false);
	unsigned long mapped = global_page_state(NR_ANON_PAGES) + global_page_state(NR_FILE_MAPPED);
	int mapped_ratio = (int)(mapped * 100 / (total ? total : 1));

	return mapped_ratio / 2 + (100 >> zone->prev_priority) + vm_swappiness;
}

/* Does an isolated active page stay active?  Referenced mapped pages
 * do; unreferenced mapped ones unless mapped pages may go; (2.6.0) an
 * anonymous or shmem page when there is no swap to put it in; and a
 * ramfs page, which shrink_list could only send back (no writepage). */
static bool stays_active(struct page *page, bool reclaim_mapped)
{
	if (page->mapping && !PageSwapBacked(page))
		return true;
	/* LAB lru BEGIN: a mapped page stays active if its ptes were referenced
	 * since the last look (page_referenced, under the chain lock: it also
	 * clears the bits for the next look), or while mapped pages may not
	 * be reclaimed at all (!reclaim_mapped). */
	if (page_mapped(page)) {
		bool referenced;

		pte_chain_lock(page);
		referenced = page_mapped(page) && page_referenced(page);
		pte_chain_unlock(page);
		if (referenced || !reclaim_mapped)
			return true;
	}
	/* LAB lru STUB: (void)reclaim_mapped; */
	/* LAB lru END */
	return !PageSwapCache(page) && !total_swap_pages;
}

/* Look at nr_pages from the active tail, a batch at a time (lru_lock
 * is held with interrupts off while a batch is taken). */
static void refill_inactive_zone(struct zone *zone, unsigned long nr_pages)
{
	bool reclaim_mapped = swap_tendency(zone) >= 100;
	unsigned long scanned, moved = 0;
	struct page *page;

	for (; nr_pages; nr_pages -= min(nr_pages, scanned)) {
		LIST_HEAD(pages);

		isolate_lru_pages(zone, min(nr_pages, (unsigned long)SWAP_CLUSTER_MAX),
				  &zone->active_list, &pages, &scanned);
		if (!scanned)
			break;
		count_zone_vm_events(PGREFILL_DMA, zone, scanned);
		list_for_each_entry(page, &pages, lru) {
			if (stays_active(page, reclaim_mapped))
				continue;
			ClearPageActive(page);
			moved++;
		}
		putback_lru_pages(&pages);
	}
	count_vm_events(PGDEACTIVATE, moved);
}

unsigned long shrink_zone(struct zone *zone, int priority, struct scan_control *sc)
{
	unsigned long before = sc->nr_reclaimed;
	unsigned long max_scan = max(zone->nr_inactive >> priority, 2UL * SWAP_CLUSTER_MAX);

	/* The pass's own trouble counts at once (as from Linux 2.6.7), not
	 * only from the next pass on: else a first pass that has to reach
	 * mapped pages could never do so before the OOM killer is called. */
	zone->temp_priority = priority;
	zone->prev_priority = min(zone->prev_priority, priority);
	lru_add_drain();
	/* Active pages owed to the inactive list: in proportion to this
	 * scan, weighted so that active : inactive settles at 2 : 1; paid
	 * at most the active list >> priority (a batch at least) at once. */
	zone->nr_scan_active += max_scan * zone->nr_active / ((zone->nr_inactive | 1) * 2) + 1;
	if (zone->nr_scan_active >= SWAP_CLUSTER_MAX) {
		unsigned long n = min(zone->nr_scan_active,
				      max(zone->nr_active >> priority, (unsigned long)SWAP_CLUSTER_MAX));

		zone->nr_scan_active = 0;
		refill_inactive_zone(zone, n);
	}
	shrink_cache(zone, max_scan, sc);
	if (sc->nr_reclaimed == before && zone->pages_scanned > zone->present_pages * 2)
		zone->all_unreclaimable = true;
	return sc->nr_reclaimed - before;
}

/* ---- slab, and waiting for writes ---- */

static unsigned long slab_debt, last_reap;

/* The slab caches give back in proportion to the LRU scanning (Linux's
 * shrink_slab): scanning a fraction of the LRU owes that fraction of the
 * reclaimable slab pages, paid by kmem_cache_reap (every empty slab) once
 * the debt reaches a batch or all there is - at once when there is no
 * LRU to scan.  A reap drains every cache's per-CPU arrays by IPI, so it
 * happens at most once in HZ/10.  Pages freed. */
static unsigned long shrink_slab(unsigned long scanned, unsigned long lru_pages, gfp_t gfp_mask)
{
	unsigned long reclaimable = slab_pages_reclaimable(), debt;
	unsigned long last = __atomic_load_n(&last_reap, __ATOMIC_RELAXED);

	if (!reclaimable)
		return 0;
	debt = __atomic_add_fetch(&slab_debt,
				  (unsigned long)((u64)scanned * reclaimable / (lru_pages + 1)),
				  __ATOMIC_RELAXED);
	if (lru_pages && debt < min(reclaimable, (unsigned long)SWAP_CLUSTER_MAX))
		return 0;
	if ((last && time_before(jiffies, last + HZ / 10)) ||
	    !__atomic_compare_exchange_n(&last_reap, &last, jiffies ? jiffies : 1, false,
					 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return 0;
	__atomic_store_n(&slab_debt, 0, __ATOMIC_RELAXED);
	return (unsigned long)kmem_cache_reap(gfp_mask);
}

static DECLARE_WAIT_QUEUE_HEAD(writeback_wait);

void writeback_done(void)
{
	if (waitqueue_active(&writeback_wait))
		wake_up_all(&writeback_wait);
}

/* Writes are in flight and a few priorities did not do: give them
 * time to end - until one does, HZ/10 at most (Linux's
 * blk_congestion_wait, which a queue leaving congestion ends early). */
static void congestion_wait(const struct scan_control *sc, int priority)
{
	DEFINE_WAIT(wait);

	if (!sc->nr_writeback || priority >= DEF_PRIORITY - 2)
		return;
	blk_run_queues();               /* the writes may wait for the unplug timer */
	prepare_to_wait(&writeback_wait, &wait, TASK_UNINTERRUPTIBLE);
	io_schedule_timeout(HZ / 10);
	finish_wait(&writeback_wait, &wait);
}

/* ---- direct reclaim ---- */

/* One priority's pass over the zones of zl; the LRU pages they hold. */
static unsigned long shrink_zones(struct zonelist *zl, int priority, struct scan_control *sc)
{
	unsigned long lru_pages = 0;

	for (struct zone **z = zl->zones; *z; z++) {
		struct zone *zone = *z;

		lru_pages += zone->nr_active + zone->nr_inactive;
		if (zone->all_unreclaimable && priority != DEF_PRIORITY)
			continue;
		shrink_zone(zone, priority, sc);
	}
	return lru_pages;
}

unsigned long try_to_free_pages(struct zonelist *zonelist, gfp_t gfp_mask,
				unsigned int order)
{
	struct scan_control sc = { .gfp_mask = gfp_mask, .nr_to_reclaim = SWAP_CLUSTER_MAX };
	unsigned int memalloc = current->flags & PF_MEMALLOC;
	unsigned long freed = 0, lru_pages;

	(void)order;
	current->flags |= PF_MEMALLOC;
	count_vm_event(ALLOCSTALL);
	drain_all_pages();
	for (struct zone **z = zonelist->zones; *z; z++)
		(*z)->temp_priority = DEF_PRIORITY;
	for (int priority = DEF_PRIORITY; priority >= 0; priority--) {
		sc.nr_scanned = sc.nr_reclaimed = sc.nr_writeback = 0;
		lru_pages = shrink_zones(zonelist, priority, &sc);
		freed += sc.nr_reclaimed + shrink_slab(sc.nr_scanned, lru_pages, gfp_mask);
		if (freed >= SWAP_CLUSTER_MAX)
			break;
		congestion_wait(&sc, priority);
	}
	for (struct zone **z = zonelist->zones; *z; z++)
		(*z)->prev_priority = (*z)->temp_priority;
	current->flags = (current->flags & ~PF_MEMALLOC) | memalloc;
	return freed;
}

/* ---- kswapd ---- */

static bool zone_low(const struct zone *zone)
{
	return zone->present_pages && zone->free_pages <= zone->pages_low;
}

static unsigned long nr_lru_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;

	for_each_zone(zone)
		sum += zone->nr_active + zone->nr_inactive;
	return sum;
}

/* Reclaim in each zone at or below pages_high until it is above, from
 * DEF_PRIORITY down.  kswapd only.  Did it get anywhere (pages freed,
 * or writes started that will free some)? */
static bool balance_pgdat(struct pglist_data *pgdat)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .kswapd = true };
	unsigned long freed = 0, writes = 0;
	bool all_ok = false;

	count_vm_event(PAGEOUTRUN);
	for (int i = 0; i < MAX_NR_ZONES; i++)
		pgdat->node_zones[i].temp_priority = DEF_PRIORITY;
	for (int priority = DEF_PRIORITY; priority >= 0 && !all_ok; priority--) {
		all_ok = true;
		sc.nr_scanned = sc.nr_reclaimed = sc.nr_writeback = 0;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			if (!zone->present_pages || zone->free_pages > zone->pages_high ||
			    (zone->all_unreclaimable && priority != DEF_PRIORITY))
				continue;
			all_ok = false;
			sc.nr_to_reclaim = zone->pages_high - zone->free_pages + 1;
			freed += shrink_zone(zone, priority, &sc);
		}
		shrink_slab(sc.nr_scanned, nr_lru_pages(), GFP_KERNEL);
		writes += sc.nr_writeback;
		/* A batch freed: start again from the top rather than sink to
		 * low priorities because the allocator took the pages as fast
		 * as they came (as Linux 2.6 from 2.6.9 does): at priority 0
		 * one pass scans whole lists, long enough to hold a woken
		 * faulting task off the CPU for most of a second. */
		if (freed >= SWAP_CLUSTER_MAX)
			break;
		if (!all_ok)
			congestion_wait(&sc, priority);
	}
	for (int i = 0; i < MAX_NR_ZONES; i++)
		pgdat->node_zones[i].prev_priority = pgdat->node_zones[i].temp_priority;
	count_vm_events(KSWAPD_STEAL, freed);
	return freed || writes;
}

static int kswapd(void *arg)
{
	struct pglist_data *pgdat = arg;

	current->flags |= PF_MEMALLOC;
	for (;;) {
		wait_event_interruptible(pgdat->kswapd_wait,
					 pgdat->kswapd_requested || kthread_should_stop());
		if (kthread_should_stop())
			return 0;
		pgdat->kswapd_requested = false;
		if (!balance_pgdat(pgdat)) {
			/* Nothing to free: scanning the same pages again at
			 * once would only burn the CPU; wait for the next
			 * allocation's wake-up, and a while. */
			set_current_state(TASK_UNINTERRUPTIBLE);
			schedule_timeout(HZ / 10);
			continue;
		}
		/* Progress, but a zone still at or below pages_high: go on
		 * without waiting for an allocation to say so. */
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			if (zone->present_pages && zone->free_pages <= zone->pages_high &&
			    !zone->all_unreclaimable)
				pgdat->kswapd_requested = true;
		}
	}
}

/* From the allocator, in any context. */
void wakeup_kswapd(struct zone *zone)
{
	struct pglist_data *pgdat = &contig_page_data;

	if (!zone_low(zone))
		return;
	count_vm_event(KSWAPD_WAKEUP);
	if (!pgdat->kswapd || pgdat->kswapd_requested)
		return;
	pgdat->kswapd_requested = true;
	wake_up(&pgdat->kswapd_wait);
}

void kswapd_init(void)
{
	struct pglist_data *pgdat = &contig_page_data;

	init_waitqueue_head(&pgdat->kswapd_wait);
	pgdat->kswapd = kthread_run(kswapd, pgdat, "kswapd0");
	if (!pgdat->kswapd)
		pr_err("vmscan: cannot start kswapd0\n");
}
