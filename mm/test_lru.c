/*
 * mm/test_lru.c - ktests for the LRU lists (mm/swap.c): the pagevec
 * batching and its drain, the two-touch promotion, a freed page leaving
 * its list (and the report of one freed with PG_active), reclaim's
 * isolate and putback, a page written for reclaim rotated to the
 * inactive tail, and a randomised mix of all of them checking
 * the zone's counts against its lists.
 *
 * The tests run on one CPU with nothing else adding to its pagevecs;
 * each drains them first, so the counts it reads move only by its own
 * pages.  Locking: the lists are walked under zone->lru_lock.
 */
#include "kernel/debug/ktest.h"
#include "kernel/printk.h"
#include "mm/gfp.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/pagemap.h"

#define NPAGES 40

/* n new pages (GFP_HIGHUSER, as user pages are), or false (the test
 * failed) with none left allocated. */
static bool alloc_pages_n(struct page **pages, int n)
{
	for (int i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		KEXPECT(pages[i]);
		if (!pages[i]) {
			while (i--)
				put_page(pages[i]);
			return false;
		}
	}
	return true;
}

static void put_pages_n(struct page **pages, int n)
{
	for (int i = 0; i < n; i++)
		put_page(pages[i]);
}

KTEST(lru, pagevec_batches_sixteen_and_drain_empties_it)
{
	struct page *pages[PAGEVEC_SIZE + 3];
	struct zone *zone;
	unsigned long before;

	lru_add_drain();
	if (!alloc_pages_n(pages, PAGEVEC_SIZE + 3))
		return;
	zone = page_zone(pages[0]);
	before = zone->nr_inactive;
	for (int i = 0; i < PAGEVEC_SIZE - 1; i++)
		lru_cache_add(pages[i]);
	KEXPECT(!PageLRU(pages[0]) && !PageLRU(pages[PAGEVEC_SIZE - 2]));
	KEXPECT_EQ(page_count(pages[0]), 2);    /* ours and the pagevec's */
	KEXPECT_EQ(zone->nr_inactive, before);
	lru_cache_add(pages[PAGEVEC_SIZE - 1]); /* the 16th: a drain */
	for (int i = 0; i < PAGEVEC_SIZE; i++) {
		KEXPECT(PageLRU(pages[i]) && !PageActive(pages[i]));
		KEXPECT_EQ(page_count(pages[i]), 1);
	}
	for (int i = PAGEVEC_SIZE; i < PAGEVEC_SIZE + 3; i++)
		lru_cache_add_active(pages[i]);
	KEXPECT(!PageLRU(pages[PAGEVEC_SIZE]));
	lru_add_drain();
	KEXPECT(PageLRU(pages[PAGEVEC_SIZE]) && PageActive(pages[PAGEVEC_SIZE + 2]));
	KEXPECT_EQ(page_count(pages[PAGEVEC_SIZE + 2]), 1);
	put_pages_n(pages, PAGEVEC_SIZE + 3);
	KEXPECT_EQ(zone->nr_inactive, before);
}

KTEST(lru, two_touches_promote_an_inactive_page)
{
	unsigned long activated = vm_events[PGACTIVATE];
	struct page *page, *fresh;

	lru_add_drain();
	page = alloc_page(GFP_HIGHUSER);
	fresh = alloc_page(GFP_HIGHUSER);
	KEXPECT(page && fresh);
	if (!page || !fresh)
		goto out;
	lru_cache_add(page);
	lru_add_drain();
	mark_page_accessed(page);               /* first touch: marked */
	lru_add_drain();
	KEXPECT(PageReferenced(page) && !PageActive(page));
	mark_page_accessed(page);               /* second: activated */
	lru_add_drain();
	KEXPECT(PageActive(page) && PageLRU(page) && !PageReferenced(page));
	KEXPECT_EQ(vm_events[PGACTIVATE], activated + 1);
	mark_page_accessed(page);               /* active: only marked */
	lru_add_drain();
	KEXPECT(PageActive(page) && PageReferenced(page));
	KEXPECT_EQ(vm_events[PGACTIVATE], activated + 1);
	/* A page on no list is only ever marked. */
	mark_page_accessed(fresh);
	mark_page_accessed(fresh);
	lru_add_drain();
	KEXPECT(PageReferenced(fresh) && !PageActive(fresh) && !PageLRU(fresh));
out:
	if (page)
		put_page(page);
	if (fresh)
		put_page(fresh);
}

KTEST(lru, the_last_put_page_takes_a_page_off_its_list)
{
	unsigned long reports = bad_page_reports, active, inactive;
	struct page *pages[4];
	struct zone *zone;

	lru_add_drain();
	if (!alloc_pages_n(pages, 4))
		return;
	zone = page_zone(pages[0]);
	active = zone->nr_active;
	inactive = zone->nr_inactive;
	lru_cache_add(pages[0]);
	lru_cache_add_active(pages[1]);
	lru_cache_add(pages[2]);
	lru_add_drain();
	KEXPECT_EQ(zone->nr_inactive, inactive + 2);
	KEXPECT_EQ(zone->nr_active, active + 1);
	put_page(pages[0]);
	put_page(pages[1]);
	KEXPECT_EQ(zone->nr_inactive, inactive + 1);
	KEXPECT_EQ(zone->nr_active, active);
	put_page(pages[2]);
	KEXPECT_EQ(zone->nr_inactive, inactive);
	/* Dropped while only the pagevec holds it: its drain adds the page
	 * to the list and its reference, the last, takes it off again. */
	zone = page_zone(pages[3]);
	inactive = zone->nr_inactive;
	lru_cache_add(pages[3]);
	put_page(pages[3]);
	KEXPECT_EQ(page_count(pages[3]), 1);
	lru_add_drain();
	KEXPECT_EQ(zone->nr_inactive, inactive);
	KEXPECT_EQ(bad_page_reports, reports);
}

KTEST(lru, a_page_freed_with_pg_active_is_reported_and_kept)
{
	unsigned long reports = bad_page_reports;
	struct page *page = alloc_page(GFP_KERNEL);

	KEXPECT(page);
	if (!page)
		return;
	SetPageActive(page);
	__free_page(page);                      /* refused: reported */
	KEXPECT_EQ(bad_page_reports, reports + 1);
	ClearPageActive(page);
	set_page_count(page, 1);
	__free_page(page);
	KEXPECT_EQ(bad_page_reports, reports + 1);
}

KTEST(lru, isolate_skips_a_page_being_freed_and_putback_restores)
{
	struct page *pages[NPAGES];
	struct zone *zone;
	unsigned long nr, taken, scanned;
	LIST_HEAD(isolated);

	lru_add_drain();
	if (!alloc_pages_n(pages, NPAGES))
		return;
	zone = page_zone(pages[0]);
	for (int i = 0; i < NPAGES; i++)
		if (page_zone(pages[i]) == zone)
			lru_cache_add(pages[i]);
	lru_add_drain();
	/* pages[0] as its final put_page sees it, before taking lru_lock. */
	set_page_count(pages[0], 0);
	nr = zone->nr_inactive;
	taken = isolate_lru_pages(zone, nr, &zone->inactive_list, &isolated, &scanned);
	KEXPECT_EQ(scanned, nr);
	KEXPECT_EQ(taken, nr - 1);
	KEXPECT_EQ(zone->nr_inactive, 1);
	KEXPECT(PageLRU(pages[0]) && page_count(pages[0]) == 0);
	for (int i = 1; i < NPAGES; i++)
		if (page_zone(pages[i]) == zone)
			KEXPECT(!PageLRU(pages[i]) && page_count(pages[i]) == 2);
	putback_lru_pages(&isolated);
	KEXPECT(list_empty(&isolated));
	KEXPECT_EQ(zone->nr_inactive, nr);
	for (int i = 1; i < NPAGES; i++)
		if (page_zone(pages[i]) == zone)
			KEXPECT(PageLRU(pages[i]) && page_count(pages[i]) == 1);
	set_page_count(pages[0], 1);
	/* A short scan from the tail takes exactly what it looked at. */
	taken = isolate_lru_pages(zone, 5, &zone->inactive_list, &isolated, &scanned);
	KEXPECT(taken == 5 && scanned == 5);
	KEXPECT_EQ(zone->nr_inactive, nr - 5);
	putback_lru_pages(&isolated);
	KEXPECT_EQ(zone->nr_inactive, nr);
	put_pages_n(pages, NPAGES);
}

KTEST(lru, a_page_written_for_reclaim_goes_to_the_inactive_tail)
{
	unsigned long rotated = vm_events[PGROTATED];
	struct page *pages[2];
	struct zone *zone;

	lru_add_drain();
	if (!alloc_pages_n(pages, 2))
		return;
	zone = page_zone(pages[0]);
	lru_cache_add(pages[0]);
	lru_cache_add_active(pages[1]);
	lru_add_drain();
	for (int i = 0; i < 2; i++) {
		SetPageReclaim(pages[i]);
		SetPageWriteback(pages[i]);
		end_page_writeback(pages[i]);
		KEXPECT(!PageWriteback(pages[i]) && !PageReclaim(pages[i]));
	}
	KEXPECT(list_entry(zone->inactive_list.prev, struct page, lru) == pages[0]);
	KEXPECT(PageActive(pages[1]));          /* used again meanwhile: stays */
	KEXPECT_EQ(vm_events[PGROTATED], rotated + 1);
	put_pages_n(pages, 2);
}

/* The zone's counts agree with its lists, and every page on each has
 * PG_lru and the right PG_active. */
static bool lists_agree(struct zone *zone)
{
	unsigned long active = 0, inactive = 0;
	bool flags_ok = true;
	struct page *page;

	spin_lock_irq(&zone->lru_lock);
	list_for_each_entry(page, &zone->active_list, lru) {
		active++;
		flags_ok &= PageLRU(page) && PageActive(page);
	}
	list_for_each_entry(page, &zone->inactive_list, lru) {
		inactive++;
		flags_ok &= PageLRU(page) && !PageActive(page);
	}
	KEXPECT_EQ(active, zone->nr_active);
	KEXPECT_EQ(inactive, zone->nr_inactive);
	spin_unlock_irq(&zone->lru_lock);
	return flags_ok && active == zone->nr_active && inactive == zone->nr_inactive;
}

/* One random step on the pool: add, touch, free and replace, or isolate
 * a few and put them back. */
static void random_step(struct page **pages, u32 *rng, struct zone *zone)
{
	int i;
	LIST_HEAD(isolated);
	unsigned long scanned;

	*rng = *rng * 1103515245u + 12345u;
	i = (int)((*rng >> 16) % NPAGES);
	switch ((*rng >> 8) % 5) {
	case 0:
		if (!PageLRU(pages[i]) && page_count(pages[i]) == 1)
			((*rng >> 4) & 1 ? lru_cache_add : lru_cache_add_active)(pages[i]);
		break;
	case 1:
	case 2:
		mark_page_accessed(pages[i]);
		break;
	case 3:
		put_page(pages[i]);
		pages[i] = alloc_page(GFP_HIGHUSER);
		if (!pages[i])
			pages[i] = alloc_page(GFP_KERNEL | __GFP_HIGH);
		break;
	default:
		isolate_lru_pages(zone, (*rng >> 4) % 8, (*rng >> 3) & 1 ? &zone->active_list :
			&zone->inactive_list, &isolated, &scanned);
		putback_lru_pages(&isolated);
		break;
	}
}

KTEST(lru, random_adds_touches_frees_and_isolations_keep_the_counts)
{
	struct page *pages[NPAGES];
	u32 rng = ktest_random_seed();
	struct zone *zone;
	bool ok = true;

	lru_add_drain();
	if (!alloc_pages_n(pages, NPAGES))
		return;
	zone = page_zone(pages[0]);
	for (int step = 0; step < 4000 && ok; step++) {
		random_step(pages, &rng, zone);
		for (int i = 0; i < NPAGES && ok; i++)
			ok = pages[i] != NULL;
		if (ok && step % 64 == 0)
			ok = lists_agree(zone);
	}
	KEXPECT(ok);
	lru_add_drain();
	KEXPECT(lists_agree(zone));
	for (int i = 0; i < NPAGES; i++)
		if (pages[i])
			put_page(pages[i]);
	KEXPECT(lists_agree(zone));
}
