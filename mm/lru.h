/*
 * mm/lru.h - the LRU lists reclaim picks pages from (mm/swap.c), and
 * the per-CPU page vectors that feed them.
 *
 * Every zone has two lists of the user pages it holds: active_list
 * (pages in use lately) and inactive_list (candidates for reclaim, the
 * oldest at the tail), counted in nr_active and nr_inactive.  A page on
 * one of them has PG_lru; on the active one also PG_active.  Anonymous
 * pages and the page-cache pages of ramfs and shmem go on them when they
 * come into use; the lists hold no reference: a page's last put_page
 * takes it off (mm/page_alloc.c:put_page calls __page_cache_release).
 *
 *   zone->inactive_list: head <-> newest ... oldest <-> (tail: reclaim
 *   looks here first)
 *
 * mark_page_accessed() is the two-touch rule: an inactive page touched
 * once gets PG_referenced, touched again with it set moves to the active
 * list.  Adding to the lists and activating go through per-CPU pagevecs
 * of PAGEVEC_SIZE pages (each holding a reference), so zone->lru_lock is
 * taken once per 16 pages; lru_add_drain() empties this CPU's.
 *
 * Reclaim (part of mm/vmscan.c) works on private lists: isolate_lru_pages
 * takes a batch off a zone's list under lru_lock (a reference taken on
 * each, PG_lru cleared, PG_active kept), the pages are examined without
 * that lock, and putback_lru_pages puts back what was not freed, on the
 * list PG_active names.  A page that reclaim frees must have PG_active
 * cleared first: the page allocator reports a freed page that still has
 * PG_lru or PG_active.
 *
 * Locking: zone->lru_lock (taken with interrupts off, since a final
 * put_page may come from an interrupt) covers both lists, the counts and
 * PG_lru/PG_active of the pages on them; it nests inside page->ptl and
 * the rmap chain lock and before swap_lock (mm/lock_order.c).  A pagevec
 * belongs to its CPU and is used with preemption off.
 */
#ifndef MM_LRU_H
#define MM_LRU_H

#include "lib/list.h"
#include "lib/types.h"

struct page;
struct zone;

#define PAGEVEC_SIZE 16

struct pagevec {
	unsigned int nr;
	struct page *pages[PAGEVEC_SIZE];
};

static inline void pagevec_init(struct pagevec *pvec)
{
	pvec->nr = 0;
}

/* Add page to pvec; the room left (0: full, drain it now). */
static inline unsigned int pagevec_add(struct pagevec *pvec, struct page *page)
{
	pvec->pages[pvec->nr++] = page;
	return PAGEVEC_SIZE - pvec->nr;
}

/* Drop the reference on each page of pvec (the last one frees it, off
 * its LRU list) and empty it. */
void pagevec_release(struct pagevec *pvec);

/* A page coming into use goes on the inactive (lru_cache_add) or the
 * active list (lru_cache_add_active: new anonymous pages, swapped-in
 * pages), at the next drain of this CPU's pagevec.  The caller keeps its
 * reference; the pagevec takes one of its own until the drain. */
void lru_cache_add(struct page *page);
void lru_cache_add_active(struct page *page);
/* Move an inactive LRU page to the active list (batched the same way;
 * counted in pgactivate). */
void activate_page(struct page *page);
/* The page was used: the two-touch promotion (above). */
void mark_page_accessed(struct page *page);
/* Empty this CPU's pagevecs onto the lists (before reclaim looks at
 * them, and wherever a page must be seen on its list now). */
void lru_add_drain(void);
/* Every CPU's, each by a work item on its CPU, waiting for all; may
 * sleep.  For counting pages exactly (tests), not for reclaim, which
 * drains only its own CPU's as Linux 2.6.0 does. */
void lru_add_drain_all(void);

/* The last reference to an LRU page went: take it off its list (the
 * page allocator's put_page, before it frees the page). */
void __page_cache_release(struct page *page);

/*
 * Reclaim's batch removal: up to nr_to_scan pages from the tail of src
 * (zone->active_list or zone->inactive_list) onto dst, each with a
 * reference taken and PG_lru cleared; a page being freed (count 0) is
 * left where it was.  Takes and drops zone->lru_lock.  *scanned: pages
 * looked at.  Returns the pages moved to dst.
 */
unsigned long isolate_lru_pages(struct zone *zone, unsigned long nr_to_scan,
				struct list_head *src, struct list_head *dst,
				unsigned long *scanned);
/* Put every page of pages (isolated from any zones) back on its zone's
 * active list if it has PG_active, else at the head of the inactive one,
 * and drop the reference isolate_lru_pages took.  pages ends empty. */
void putback_lru_pages(struct list_head *pages);

/* Writeback of a page reclaim chose (PG_reclaim) is over: move it to
 * the tail of the inactive list, where reclaim will find it next
 * (counted in pgrotated).  From the I/O completion; lru_lock only
 * tried (the page stays where it is if it is taken). */
void rotate_reclaimable_page(struct page *page);

/* Boot: the page-cluster default for this much memory, and the
 * drain work items. */
void swap_setup(void);

#endif
