/*
 * mm/vmscan.c - page reclaim: the hooks the page allocator calls when
 * memory runs short, doing what can be done without LRU lists, kswapd
 * and swap (they come with reclaim, and replace these bodies).
 *
 * wakeup_kswapd() counts the wake-ups a zone below its low watermark
 * causes (there is no kswapd thread to wake yet).  try_to_free_pages()
 * - direct reclaim - empties this CPU's LRU pagevecs (a page whose last
 * other user has gone is freed there), returns per-CPU pages to the
 * buddy lists and shrinks the slab caches, which is all the reclaimable
 * memory there is yet.
 * Data: vm_events counters.  Locking: counters are statistics; races only
 * lose a count.
 */
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

int vm_swappiness = 60;
int page_cluster = 3;

void wakeup_kswapd(struct zone *zone)
{
	if (zone->free_pages <= zone->pages_low)
		count_vm_event(KSWAPD_WAKEUP);
}

unsigned long try_to_free_pages(struct zonelist *zonelist, gfp_t gfp_mask,
				unsigned int order)
{
	unsigned long before = nr_free_pages();

	(void)zonelist;
	(void)order;
	count_vm_event(ALLOCSTALL);
	lru_add_drain();
	drain_all_pages();
	kmem_cache_reap(gfp_mask);
	return nr_free_pages() > before ? nr_free_pages() - before : 0;
}
