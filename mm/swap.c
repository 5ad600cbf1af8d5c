/*
 * mm/swap.c - the LRU lists (mm/lru.h says what they are): adding pages
 * through the per-CPU pagevecs, the two-touch promotion, taking a freed
 * page off its list, and the batch isolation and putback reclaim uses.
 *
 * Data: per zone, active_list/inactive_list with nr_active/nr_inactive;
 * per CPU, three pagevecs: pages to add to the inactive list, to the
 * active list, and to activate, and a work item that drains them.
 * Locking: zone->lru_lock with interrupts off (a final put_page may come
 * from an I/O completion), held once per pagevec or per batch, never
 * across anything that sleeps or takes a page lock; a CPU's pagevecs are
 * used with preemption off (get_cpu), so only that CPU touches them.
 */
#include "kernel/locking/lockdep.h"
#include "kernel/percpu.h"
#include "kernel/smp.h"
#include "kernel/workqueue.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/vmstat.h"

enum lru_pvec { PVEC_ADD, PVEC_ADD_ACTIVE, PVEC_ACTIVATE, NR_LRU_PVECS };

static DEFINE_PER_CPU(struct pagevec[NR_LRU_PVECS], lru_pvecs);

/* ---- the lists themselves: zone->lru_lock held ---- */

static void add_page_to_lru(struct zone *zone, struct page *page, bool active)
{
	lockdep_assert_held(&zone->lru_lock);
	SetPageLRU(page);
	if (active) {
		SetPageActive(page);
		list_add(&page->lru, &zone->active_list);
		zone->nr_active++;
	} else {
		list_add(&page->lru, &zone->inactive_list);
		zone->nr_inactive++;
	}
}

/* Off its list; PG_lru and PG_active cleared. */
static void del_page_from_lru(struct zone *zone, struct page *page)
{
	lockdep_assert_held(&zone->lru_lock);
	list_del_init(&page->lru);
	ClearPageLRU(page);
	if (TestClearPageActive(page))
		zone->nr_active--;
	else
		zone->nr_inactive--;
}

/* ---- pagevecs ---- */

void pagevec_release(struct pagevec *pvec)
{
	for (unsigned int i = 0; i < pvec->nr; i++)
		put_page(pvec->pages[i]);
	pagevec_init(pvec);
}

/* What a drain does to one page, lru_lock held: add it to a list or
 * move it to the active one. */
static void drain_one(struct zone *zone, struct page *page, enum lru_pvec which)
{
	if (which != PVEC_ACTIVATE) {
		add_page_to_lru(zone, page, which == PVEC_ADD_ACTIVE);
		return;
	}
	if (PageLRU(page) && !PageActive(page)) {
		list_del(&page->lru);
		zone->nr_inactive--;
		add_page_to_lru(zone, page, true);
		count_vm_event(PGACTIVATE);
	}
}

/* Apply the pages of pvec that are in zone, under its lru_lock (taken
 * only if there are some). */
static void pagevec_drain_zone(struct pagevec *pvec, struct zone *zone, enum lru_pvec which)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < pvec->nr && page_zone(pvec->pages[i]) != zone; i++)
		;
	if (i == pvec->nr)
		return;
	spin_lock_irqsave(&zone->lru_lock, flags);
	for (; i < pvec->nr; i++)
		if (page_zone(pvec->pages[i]) == zone)
			drain_one(zone, pvec->pages[i], which);
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/* Apply one pagevec, zone by zone (one lock round for each zone's
 * pages), then drop its references outside the locks: the last one
 * frees a page. */
static void pagevec_drain(struct pagevec *pvec, enum lru_pvec which)
{
	struct zone *zone;

	for_each_zone(zone)
		pagevec_drain_zone(pvec, zone, which);
	pagevec_release(pvec);
}

/* Queue page (a reference taken) on this CPU's pagevec `which`,
 * draining it when full. */
static void pagevec_queue(struct page *page, enum lru_pvec which)
{
	struct pagevec *pvec = &per_cpu(lru_pvecs, get_cpu())[which];

	get_page(page);
	if (!pagevec_add(pvec, page))
		pagevec_drain(pvec, which);
	put_cpu();
}

void lru_cache_add(struct page *page)
{
	pagevec_queue(page, PVEC_ADD);
}

void lru_cache_add_active(struct page *page)
{
	pagevec_queue(page, PVEC_ADD_ACTIVE);
}

void activate_page(struct page *page)
{
	pagevec_queue(page, PVEC_ACTIVATE);
}

void lru_add_drain(void)
{
	struct pagevec *pvecs = per_cpu(lru_pvecs, get_cpu());

	/* Additions first: an activation queued for a page still waiting
	 * to be added finds it on its list. */
	for (int which = 0; which < NR_LRU_PVECS; which++)
		if (pvecs[which].nr)
			pagevec_drain(&pvecs[which], (enum lru_pvec)which);
	put_cpu();
}

/* Each CPU empties its own pagevecs, in a work item on that CPU: an
 * interrupt could not, since a pagevec is changed with only preemption
 * off. */
static struct work_struct lru_drain_work[NR_CPUS];

static void lru_add_drain_fn(struct work_struct *work)
{
	(void)work;
	lru_add_drain();
}

void lru_add_drain_all(void)
{
	int cpu;

	for_each_online_cpu(cpu)
		schedule_work_on(cpu, &lru_drain_work[cpu]);
	flush_scheduled_work();
}

/* Linux 2.6's rule: the first touch of an inactive page marks it, the
 * second (while marked) activates it and clears the mark; a touch of an
 * active page keeps it marked, which reclaim reads as recent use. */
void mark_page_accessed(struct page *page)
{
	if (!PageActive(page) && PageReferenced(page) && PageLRU(page)) {
		activate_page(page);
		ClearPageReferenced(page);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

void __page_cache_release(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	spin_lock_irqsave(&zone->lru_lock, flags);
	if (PageLRU(page))
		del_page_from_lru(zone, page);
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/* ---- reclaim's batches ---- */

/* Take a reference unless the page is being freed (count 0: its final
 * put_page waits for lru_lock to take it off the list); lru_lock held,
 * so the count cannot reach 0 and the page be reused meanwhile. */
static bool get_page_unless_freeing(struct page *page)
{
	if (atomic_add_return(1, &page->_count) > 1)
		return true;
	atomic_dec(&page->_count);
	return false;
}

unsigned long isolate_lru_pages(struct zone *zone, unsigned long nr_to_scan,
				struct list_head *src, struct list_head *dst,
				unsigned long *scanned)
{
	unsigned long taken = 0, scan;

	spin_lock_irq(&zone->lru_lock);
	for (scan = 0; scan < nr_to_scan && !list_empty(src); scan++) {
		struct page *page = list_entry(src->prev, struct page, lru);

		if (!get_page_unless_freeing(page)) {
			list_move(&page->lru, src);     /* out of the way */
			continue;
		}
		ClearPageLRU(page);
		if (PageActive(page))
			zone->nr_active--;
		else
			zone->nr_inactive--;
		list_move(&page->lru, dst);
		taken++;
	}
	spin_unlock_irq(&zone->lru_lock);
	*scanned = scan;
	return taken;
}

/* Put back the pages of the list that are in zone, oldest (the list's
 * tail) first, so that they keep their order on the zone's lists.  The
 * references go in batches, outside the lock. */
static void putback_zone(struct zone *zone, struct list_head *pages)
{
	struct list_head *pos = pages->prev, *prev;
	struct pagevec pvec;

	pagevec_init(&pvec);
	spin_lock_irq(&zone->lru_lock);
	for (; pos != pages; pos = prev) {
		struct page *page = list_entry(pos, struct page, lru);

		prev = pos->prev;
		if (page_zone(page) != zone)
			continue;
		list_del(&page->lru);
		add_page_to_lru(zone, page, PageActive(page));
		if (pagevec_add(&pvec, page))
			continue;
		spin_unlock_irq(&zone->lru_lock);
		pagevec_release(&pvec);
		spin_lock_irq(&zone->lru_lock);
	}
	spin_unlock_irq(&zone->lru_lock);
	pagevec_release(&pvec);
}

void putback_lru_pages(struct list_head *pages)
{
	struct zone *zone;

	for_each_zone(zone)
		putback_zone(zone, pages);
}

/* Only tried: the completion interrupt may have come while its CPU held
 * a lock that comes after lru_lock (swap_lock, in try_to_unmap).  A page
 * not rotated is still on the inactive list, just not at its tail. */
void rotate_reclaimable_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	flags = local_irq_save();
	if (!spin_trylock(&zone->lru_lock)) {
		local_irq_restore(flags);
		return;
	}
	if (PageLRU(page) && !PageActive(page)) {
		list_move_tail(&page->lru, &zone->inactive_list);
		count_vm_event(PGROTATED);
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/* Linux's sizes: 8 pages per swap-in, 4 on a machine below 16 MiB. */
void swap_setup(void)
{
	unsigned long pages = zone_sum(false, false) + zone_sum(true, false);

	page_cluster = pages < (16UL << 20) >> PAGE_SHIFT ? 2 : 3;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		INIT_WORK(&lru_drain_work[cpu], lru_add_drain_fn);
}
