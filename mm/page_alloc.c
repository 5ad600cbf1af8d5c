/*
 * mm/page_alloc.c - the buddy allocator and its per-CPU page lists.
 *
 * Each zone keeps free blocks of 2^order pages on free_area[order].  A
 * block's head page carries PG_buddy and its order in page->private.  Two
 * blocks of order n are *buddies* when their pfns differ only in bit n:
 * freeing one whose buddy is also free merges them into a block of order
 * n+1, and so on up; allocating splits a larger block and puts the unused
 * halves back ("expand").
 *
 * Order-0 pages, by far the most common, go through per-CPU lists
 * (zone->pcp[cpu]): allocation takes from the CPU's list, refilled `batch`
 * pages at a time under the zone lock; freeing puts the page back on the
 * list and returns a batch to the buddy lists when it grows past `high`.
 * Most order-0 traffic never touches the zone lock.  put_page() takes a
 * page off its LRU list (mm/lru.h) when its last reference goes.
 *
 * alloc_pages walks the zonelist for the GFP mask: first every zone above
 * its low watermark; then (after waking kswapd) down to min; then, for
 * reclaim itself (PF_MEMALLOC: kswapd, or a task in direct reclaim) and
 * the OOM killer's dying victim (TIF_MEMDIE), below min; then, if the
 * caller may wait, direct reclaim (mm/vmscan.c:try_to_free_pages, which
 * sets PF_MEMALLOC so that reclaim never recurses) and a retry; the OOM
 * hook only when reclaim freed nothing.  A free gives its zone back to reclaim (all_unreclaimable
 * cleared).
 *
 * Checks (each reported with bad_page() and a backtrace, counted in
 * bad_page_reports, and refused rather than acted on): a block freed
 * must be aligned to its order and lie inside its zone (free_block_ok),
 * and none of its pages may still be in use (free_pages_check: a slab's,
 * on an LRU list - PG_lru or PG_active -, in the swap or page cache,
 * under writeback or locked); a block
 * about to be handed out must look free (prep_new_page) - if not, it is
 * taken out of circulation and the allocation tries again.  A request
 * to zero a high page from interrupt context is refused (alloc_pages).
 *
 * fail_page_alloc (mm/fault_inject.h) makes alloc_pages fail on purpose.
 *
 * Locking: zone->lock (irqsave) guards free_area and free_pages; a pcp
 * list is touched only by its own CPU with local interrupts disabled.
 */
#include "kernel/arch/x86.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

unsigned long bad_page_reports, bad_gfp_reports;

/* Off until a boot option, /proc/sys/debug/fail_page_alloc/ or a test
 * switches it on; unlike Linux's defaults (ignore-gfp-wait and
 * ignore-gfp-highmem on, min-order 1) every request may fail, since
 * the sleeping order-0 ones are the error paths most worth testing. */
struct fail_alloc_attr fail_page_alloc = {
	.attr = FAULT_ATTR_INITIALIZER,
	.name = "fail_page_alloc",
	.verbose = 2,
};

static int setup_fail_page_alloc(char *val)
{
	return fail_alloc_boot_option(&fail_page_alloc, val);
}
__setup("fail_page_alloc", setup_fail_page_alloc);

/* Should this request fail on purpose?  (Linux's name; its filters.) */
static bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order)
{
	if (likely(!fail_page_alloc.attr.probability))
		return false;
	if (order < fail_page_alloc.min_order)
		return false;
	if (fail_page_alloc.ignore_gfp_highmem && (gfp_mask & __GFP_HIGHMEM))
		return false;
	if (fail_page_alloc.ignore_gfp_wait && (gfp_mask & __GFP_WAIT))
		return false;
	return fail_alloc_should_fail(&fail_page_alloc, PAGE_SIZE << order,
				      gfp_mask & __GFP_NOWARN);
}

static void bad_page(struct page *page, const char *why)
{
	bad_page_reports++;
	printk(KERN_EMERG "Bad page state: %s\n", why);
	printk(KERN_EMERG "page:%p pfn:%#lx flags:%#lx count:%d private:%#lx mapping:%p\n",
	       (void *)page, page_to_pfn(page), page->flags, page_count(page),
	       page->private, page->mapping);
	dump_stack();
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone->zone_start_pfn + zone->spanned_pages;
}

/* Is `buddy` the free head of a block of this order in this zone?  A
 * buddy outside the zone's span never is, whatever its page says: zones
 * need not start or end on a MAX_ORDER boundary. */
static inline bool page_is_buddy(struct page *buddy, unsigned long buddy_pfn,
				 struct zone *zone, unsigned int order)
{
	return zone_spans_pfn(zone, buddy_pfn) && PageBuddy(buddy) && buddy->private == order &&
	       page_zone(buddy) == zone;
}

/* Give a block back to the zone, merging with free buddies. zone->lock held. */
static void __free_one_page(struct page *page, struct zone *zone, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	lockdep_assert_held(&zone->lock);
	zone->free_pages += 1UL << order;
	/* LAB buddy BEGIN: while the block's buddy (pfn ^ 2^order) is free
	 * and of the same order, take it off its free list and merge: the
	 * merged block starts at the lower pfn and is one order higher. */
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (!pfn_valid(buddy_pfn))
			break;
		struct page *buddy = pfn_to_page(buddy_pfn);

		if (!page_is_buddy(buddy, buddy_pfn, zone, order))
			break;
		list_del(&buddy->lru);
		zone->free_area[order].nr_free--;
		ClearPageBuddy(buddy);
		pfn &= buddy_pfn;               /* the merged block starts at the lower */
		order++;
	}
	/* LAB buddy END */
	page = pfn_to_page(pfn);
	set_buddy_order(page, order);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

/* Split a 2^high block down to 2^low, freeing the upper halves. */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high)
{
	while (high > low) {
		high--;
		struct page *half = page + (1UL << high);

		set_buddy_order(half, high);
		list_add(&half->lru, &zone->free_area[high].free_list);
		zone->free_area[high].nr_free++;
	}
}

/* Take a 2^order block from the smallest list that has one. zone->lock held. */
static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	lockdep_assert_held(&zone->lock);
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];

		if (list_empty(&area->free_list))
			continue;
		struct page *page = list_first_entry(&area->free_list, struct page, lru);

		list_del(&page->lru);
		area->nr_free--;
		ClearPageBuddy(page);
		page->private = 0;
		zone->free_pages -= 1UL << order;
		expand(zone, page, order, o);
		return page;
	}
	return NULL;
}

/* Move up to count order-0 pages from the buddy lists onto list. */
static int rmqueue_bulk(struct zone *zone, int count, struct list_head *list)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, 0);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	zone->pcp_refills++;
	spin_unlock_irqrestore(&zone->lock, flags);
	return i;
}

/* A page came back to zone's free lists: reclaim may look at it again
 * (mm/vmscan.c: all_unreclaimable).  zone->lock held. */
static void zone_page_freed(struct zone *zone)
{
	lockdep_assert_held(&zone->lock);
	zone->pages_scanned = 0;
	zone->all_unreclaimable = false;
}

/* Return count pages from the tail (coldest end) of a pcp list. */
static void free_pages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	while (count-- && !list_empty(&pcp->list)) {
		struct page *page = list_entry(pcp->list.prev, struct page, lru);

		list_del(&page->lru);
		pcp->count--;
		__free_one_page(page, zone, 0);
	}
	zone_page_freed(zone);
	zone->pcp_drains++;
	spin_unlock_irqrestore(&zone->lock, flags);
}

void drain_local_pages(void)
{
	struct zone *zone;
	unsigned long flags = local_irq_save();
	int cpu = smp_processor_id();

	for_each_zone(zone)
		if (zone->pcp[cpu].count)
			free_pages_bulk(zone, zone->pcp[cpu].count, &zone->pcp[cpu]);
	local_irq_restore(flags);
}

static void drain_local_pages_ipi(void *unused)
{
	(void)unused;
	drain_local_pages();
}

/* Every CPU empties its own lists (only it may touch them, with its
 * interrupts off), by IPI; the caller waits until all have. */
void drain_all_pages(void)
{
	on_each_cpu(drain_local_pages_ipi, NULL, true);
}

static struct page *rmqueue_pcp(struct zone *zone, gfp_t gfp_mask)
{
	int cpu = get_cpu();
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	unsigned long flags = local_irq_save();
	struct page *page = NULL;

	if (!pcp->count)
		pcp->count += rmqueue_bulk(zone, pcp->batch, &pcp->list);
	if (pcp->count) {
		/* Hot pages (likely still in the cache) are at the head. */
		struct list_head *e = gfp_mask & __GFP_COLD ? pcp->list.prev : pcp->list.next;

		page = list_entry(e, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	}
	local_irq_restore(flags);
	put_cpu();
	return page;
}

static struct page *buffered_rmqueue(struct zone *zone, unsigned int order,
				     gfp_t gfp_mask)
{
	struct page *page;
	unsigned long flags;

	if (order == 0) {
		page = rmqueue_pcp(zone, gfp_mask);
	} else {
		spin_lock_irqsave(&zone->lock, flags);
		page = __rmqueue(zone, order);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	if (page)
		count_vm_event(PGALLOC);
	return page;
}

/* A page leaving the allocator must look free: report it if not. */
static bool check_new_page(struct page *page)
{
	if (page_count(page) || PageBuddy(page) || PageSlab(page) || PageReserved(page) ||
	    PageLRU(page) || PageActive(page) || PageSwapCache(page) || PageWriteback(page) ||
	    page->mapping || page_mapped(page)) {
		bad_page(page, "allocating a page that is in use");
		return false;
	}
	return true;
}

static void clear_highpage_range(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		void *addr = kmap_atomic(page + i, KM_USER0);

		memset(addr, 0, PAGE_SIZE);
		kunmap_atomic(addr, KM_USER0);
	}
}

/* Make a block ready for its user; false (reported) when a page of it
 * is in use after all - the block is then left out of circulation, since
 * someone else may still write to it, and the caller takes another. */
static bool prep_new_page(struct page *page, unsigned int order, gfp_t gfp_mask)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (!check_new_page(page + i))
			return false;
	set_page_count(page, 1);
	page->private = 0;
	ClearPageReferenced(page);
	ClearPageDirty(page);
	ClearPageError(page);
	ClearPageReclaim(page);
	if (gfp_mask & __GFP_ZERO)
		clear_highpage_range(page, order);
	return true;
}

/*
 * Is there enough free memory in zone to take 2^order pages and keep
 * `mark` free, plus the zone's lowmem_reserve against requests that
 * could have used the higher zone classzone?  Counting only blocks big enough to matter: at each order
 * below the request the smaller blocks are discounted and the required
 * reserve halves, so a fragmented zone does not look richer than it is.
 */
static bool zone_watermark_ok(struct zone *zone, unsigned int order,
			      unsigned long mark, int classzone, gfp_t gfp_mask)
{
	long min = (long)mark;
	long free = (long)zone->free_pages - (1L << order) + 1;

	if (gfp_mask & __GFP_HIGH)
		min -= min / 2;
	if (free <= min + (long)zone->lowmem_reserve[classzone])
		return false;
	for (unsigned int o = 0; o < order; o++) {
		free -= (long)(zone->free_area[o].nr_free << o);
		min >>= 1;
		if (free <= min)
			return false;
	}
	return true;
}

enum wmark { WMARK_NONE, WMARK_MIN, WMARK_LOW };

static struct page *get_page_from_zonelist(struct zonelist *zl, unsigned int order,
					   gfp_t gfp_mask, enum wmark wmark)
{
	int classzone = zone_idx(zl->zones[0]);         /* the highest it may use */

	for (struct zone **z = zl->zones; *z; z++) {
		struct zone *zone = *z;
		unsigned long mark = wmark == WMARK_LOW ? zone->pages_low : zone->pages_min;

		if (wmark != WMARK_NONE && !zone_watermark_ok(zone, order, mark, classzone, gfp_mask))
			continue;
		struct page *page = buffered_rmqueue(zone, order, gfp_mask);

		if (page)
			return page;
	}
	return NULL;
}

static void warn_alloc_failure(gfp_t gfp_mask, unsigned int order)
{
	static struct ratelimit_state rs;

	if ((gfp_mask & __GFP_NOWARN) || !__ratelimit(&rs))
		return;
	printk(KERN_WARNING "page allocation failure. order:%u, mode:0x%x\n", order,
	       gfp_mask);
	dump_stack();
}

/* Reclaim itself (PF_MEMALLOC: what it allocates lets it free more) and
 * the OOM killer's victim (TIF_MEMDIE: it frees everything by exiting)
 * may take the pages below the min watermark; never an interrupt. */
static bool may_use_reserves(void)
{
	return !in_interrupt() && ((current->flags & PF_MEMALLOC) ||
				   test_ti_flag(current_thread_info(), TIF_MEMDIE));
}

/* Everything above the fast path: kswapd, min watermark, the reserves,
 * reclaim, OOM. */
#define OOM_EMPTY_ROUNDS 8
#define OOM_MAX_ROUNDS 64

static struct page *alloc_pages_slowpath(struct zonelist *zl, unsigned int order,
					 gfp_t gfp_mask)
{
	unsigned long freed;
	struct page *page;
	bool thrashing;

	for (struct zone **z = zl->zones; *z; z++)
		wakeup_kswapd(*z);
	page = get_page_from_zonelist(zl, order, gfp_mask, WMARK_MIN);
	if (page)
		return page;
	if (may_use_reserves())         /* and never reclaim from inside reclaim */
		return get_page_from_zonelist(zl, order, gfp_mask, WMARK_NONE);
	if (!(gfp_mask & __GFP_WAIT))
		return NULL;
	/* The OOM killer only after reclaim found nothing OOM_EMPTY_ROUNDS
	 * times over: a round can free nothing while the pages it sent to
	 * swap are still being written (they are freed when the writes
	 * end), and pages it did free may go to another task first.  With
	 * no free swap nothing is being written, so one empty round says
	 * all there is to say (waiting out eight made each OOM kill of a
	 * swapless machine take seconds). */
	for (int round = 0, empty = 0; round < OOM_MAX_ROUNDS; round++) {
		freed = try_to_free_pages(zl, gfp_mask, order);
		page = get_page_from_zonelist(zl, order, gfp_mask, WMARK_MIN);
		thrashing = freed < SWAP_CLUSTER_MAX && reclaim_failing();
		if (page) {
			if (thrashing)  /* we go on; the victim (perhaps us) goes */
				out_of_memory(gfp_mask, order);
			return page;
		}
		if (thrashing || (!freed && (++empty >= OOM_EMPTY_ROUNDS || nr_swap_pages <= 0)))
			break;
	}
	out_of_memory(gfp_mask, order);
	return NULL;            /* the caller (a fault) tries again */
}

/*
 * Zeroing a high page maps it with kmap_atomic(KM_USER0), this CPU's slot
 * for process context: an interrupt handler doing it could take the slot
 * from under the code it interrupted.  Refuse, loudly, with NULL.
 */
static bool bad_gfp_in_interrupt(gfp_t gfp_mask)
{
	static struct ratelimit_state rs;

	if ((gfp_mask & (__GFP_HIGHMEM | __GFP_ZERO)) != (__GFP_HIGHMEM | __GFP_ZERO) ||
	    !in_interrupt())
		return false;
	__atomic_add_fetch(&bad_gfp_reports, 1, __ATOMIC_RELAXED);
	if (__ratelimit(&rs)) {
		printk(KERN_ERR "alloc_pages: __GFP_HIGHMEM|__GFP_ZERO (mode 0x%x) in interrupt "
		       "context refused: zeroing a high page needs a kmap slot of process context\n",
		       gfp_mask);
		dump_stack();
	}
	return true;
}

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct zonelist *zl = gfp_zonelist(gfp_mask);
	struct page *page;

	if (order >= MAX_ORDER) {
		WARN_ON(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	if (bad_gfp_in_interrupt(gfp_mask) || should_fail_alloc_page(gfp_mask, order))
		return NULL;
	do {
		page = get_page_from_zonelist(zl, order, gfp_mask, WMARK_LOW);
		if (!page)
			page = alloc_pages_slowpath(zl, order, gfp_mask);
		if (!page) {
			warn_alloc_failure(gfp_mask, order);
			return NULL;
		}
	} while (!prep_new_page(page, order, gfp_mask));
	return page;
}

/*
 * Checks before a block goes back on the free lists: the head's count has
 * just dropped to zero, every other page of the block must be unused too,
 * and none may be reserved, in the buddy lists already, or a slab page.
 */
static bool free_pages_check(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = page + i;

		if (PageReserved(p)) {
			bad_page(p, "freeing a reserved page");
			return false;
		}
		if (page_count(p)) {
			bad_page(p, "freeing a page with a non-zero count");
			return false;
		}
		if (PageBuddy(p) || PageSlab(p) || PageLRU(p) || PageActive(p) ||
		    PageSwapCache(p) || PageWriteback(p) || PageLocked(p) || p->mapping ||
		    page_mapped(p)) {
			bad_page(p, "freeing a page that is still in use");
			return false;
		}
	}
	return true;
}

static void free_hot_cold_page(struct page *page, bool cold)
{
	struct zone *zone = page_zone(page);
	int cpu = get_cpu();
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	unsigned long flags = local_irq_save();

	if (cold)
		list_add_tail(&page->lru, &pcp->list);
	else
		list_add(&page->lru, &pcp->list);
	pcp->count++;
	if (pcp->count >= pcp->high)
		free_pages_bulk(zone, pcp->batch, pcp);
	local_irq_restore(flags);
	put_cpu();
}

/* Drop the reference; returns true when it was the last one. */
static bool put_page_testzero(struct page *page)
{
	int count = atomic_add_return(-1, &page->_count);

	if (count < 0) {
		set_page_count(page, 0);
		bad_page(page, "page count underflow (double free?)");
		return false;
	}
	return count == 0;
}

/* A block given back must be one the allocator could have handed out:
 * aligned to its order (its buddy arithmetic depends on it) and wholly
 * inside its zone. */
static bool free_block_ok(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page);

	if (order >= MAX_ORDER) {
		bad_page(page, "freeing a block of an impossible order");
		return false;
	}
	if (pfn & ((1UL << order) - 1)) {
		bad_page(page, "freeing a block that is not aligned to its order");
		return false;
	}
	if (!zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, pfn + (1UL << order) - 1)) {
		bad_page(page, "freeing a block outside its zone");
		return false;
	}
	return true;
}

static void free_pages_ok(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	if (!free_block_ok(page, order) || !free_pages_check(page, order))
		return;
	count_vm_event(PGFREE);
	if (order == 0) {
		free_hot_cold_page(page, false);
		return;
	}
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, zone, order);
	zone_page_freed(zone);
	spin_unlock_irqrestore(&zone->lock, flags);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (PageReserved(page)) {
		bad_page(page, "freeing a reserved page");
		return;
	}
	if (put_page_testzero(page))
		free_pages_ok(page, order);
}

/* An LRU page's last reference takes it off its list first (Linux's
 * __page_cache_release): the lists hold no reference of their own, and
 * a page freed while on one is a bug free_pages_check reports. */
void put_page(struct page *page)
{
	if (PageReserved(page)) {
		bad_page(page, "freeing a reserved page");
		return;
	}
	if (!put_page_testzero(page))
		return;
	if (PageLRU(page))
		__page_cache_release(page);
	free_pages_ok(page, 0);
}

void free_bootmem_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	for (unsigned long i = 0; i < (1UL << order); i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	zone->present_pages += 1UL << order;
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = alloc_pages(gfp_mask & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid(addr)) {
		bad_page_reports++;
		printk(KERN_EMERG "free_pages: %#lx is not a low-memory address\n", addr);
		dump_stack();
		return;
	}
	__free_pages(virt_to_page(addr), order);
}

unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += zone->free_pages;
	return sum;
}
