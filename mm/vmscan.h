/*
 * mm/vmscan.h - page reclaim (mm/vmscan.c): the LRU scan, kswapd and
 * direct reclaim.  The allocator's two hooks, wakeup_kswapd and
 * try_to_free_pages, are declared with the OOM killer's in mm/internal.h.
 *
 * A reclaim pass is described by a struct scan_control: who reclaims
 * (kswapd or a task's direct reclaim, which picks the pgscan counter),
 * what it may do (gfp_mask: __GFP_IO/__GFP_FS allow writing to swap),
 * what it aims for and what it did.  Priorities go from DEF_PRIORITY
 * (mm/mmzone.h) down to 0: at priority p a zone's scan is its inactive
 * list's size >> p.
 *
 * Locking: a scan_control belongs to its pass.  shrink_zone takes
 * zone->lru_lock only to isolate a batch and put it back, and page locks
 * only with trylocks; the caller holds no spinlock (it may sleep).
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include "mm/gfp.h"
#include "mm/mmzone.h"

/* Pages taken off a list at once; a direct reclaim's goal. */
#define SWAP_CLUSTER_MAX 32

struct scan_control {
	gfp_t gfp_mask;
	bool kswapd;                    /* else direct reclaim */
	unsigned long nr_to_reclaim;    /* a zone's scan stops once this many went */
	unsigned long nr_scanned;       /* inactive pages looked at */
	unsigned long nr_reclaimed;     /* pages freed */
	unsigned long nr_writeback;     /* pages found under writeback, or sent to it */
};

/* One pass over zone at priority: refill the inactive list from the
 * active one as its share of the LRU asks, then scan the inactive tail;
 * the pages freed (also added to sc->nr_reclaimed). */
unsigned long shrink_zone(struct zone *zone, int priority, struct scan_control *sc);

/* Linux 2.6.0's measure of how eagerly mapped pages leave the active
 * list: mapped_ratio / 2 + distress + vm_swappiness, where distress is
 * 100 >> zone->prev_priority and mapped_ratio the percentage of memory
 * that user ptes map.  Mapped pages are deactivated at 100 or more. */
int swap_tendency(const struct zone *zone);

/* A write to swap ended (end_page_writeback, maybe in an interrupt):
 * reclaim waiting for writes in flight goes on. */
void writeback_done(void);

/* Start kswapd0 (once, at boot, from process context). */
void kswapd_init(void);

#endif
