/*
 * mm/test_page_alloc.c - ktests of the zones and the buddy allocator:
 * splitting and coalescing, a randomised stress checked for overlap and
 * content, zone fallback, the per-CPU lists, watermarks, exhaustion and
 * recovery, and the reports for double frees and other bad frees (a
 * misaligned block, a block outside its zone), a page found in use as it
 * is handed out, and zeroing a high page from an interrupt (a timer).
 *
 * Every test leaves the allocator as it found it; buddy_snapshot() lets
 * tests prove it (buddyinfo before == buddyinfo after).
 * Locking: tests run alone on the boot CPU.
 */
#include "kernel/debug/ktest.h"
#include "kernel/printk.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/memblock.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

struct buddy_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NR_ZONES];
};

/* Per-CPU pages are "allocated" from the buddy's view: drain them first. */
/* Free slabs, LRU pagevecs and pcp lists hold pages that reclaim may
 * hand back at any time: give them back first, so only the test's own
 * work shows. */
static void buddy_snapshot(struct buddy_snapshot *s)
{
	struct zone *zone;

	kmem_cache_reap(GFP_KERNEL);
	lru_add_drain_all();
	drain_all_pages();
	for_each_zone(zone) {
		s->free_pages[zone_idx(zone)] = zone->free_pages;
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			s->nr_free[zone_idx(zone)][o] = zone->free_area[o].nr_free;
	}
}

static void expect_same_buddyinfo(const char *file, int line,
				  const struct buddy_snapshot *before)
{
	struct buddy_snapshot now;

	buddy_snapshot(&now);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			if (now.nr_free[z][o] != before->nr_free[z][o]) {
				ktest_fail(file, line, "zone %d order %u: %lu free blocks, was %lu",
					   z, o, now.nr_free[z][o], before->nr_free[z][o]);
				return;
			}
}
#define EXPECT_SAME_BUDDYINFO(s) expect_same_buddyinfo(__FILE__, __LINE__, s)

static struct zone *zone_of(enum zone_type t)
{
	return &contig_page_data.node_zones[t];
}

KTEST(buddy, alloc_free_restores_buddyinfo)
{
	struct buddy_snapshot before;

	buddy_snapshot(&before);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);

		KEXPECT(p != NULL);
		if (!p)
			continue;
		KEXPECT_EQ(page_count(p), 1);
		KEXPECT_EQ(page_to_pfn(p) & ((1UL << order) - 1), 0);    /* aligned */
		__free_pages(p, order);
	}
	EXPECT_SAME_BUDDYINFO(&before);
}

/* Two order-2 blocks that are buddies: freeing the second merges them. */
KTEST(buddy, freeing_both_buddies_coalesces)
{
	struct buddy_snapshot before;
	struct page *blocks[64];
	struct page *a = NULL, *b = NULL;
	int n = 0;

	buddy_snapshot(&before);
	for (; n < 64 && !b; n++) {
		blocks[n] = alloc_pages(GFP_KERNEL, 2);
		for (int i = 0; i < n && blocks[n]; i++)
			if ((page_to_pfn(blocks[i]) ^ page_to_pfn(blocks[n])) == 4) {
				a = blocks[i];
				b = blocks[n];
			}
	}
	KEXPECT(b != NULL);
	for (int i = 0; i < n; i++)
		if (blocks[i] && blocks[i] != a && blocks[i] != b)
			__free_pages(blocks[i], 2);
	if (b) {
		struct zone *zone = page_zone(a);
		unsigned long free2 = zone->free_area[2].nr_free;

		__free_pages(a, 2);
		KEXPECT_EQ(zone->free_area[2].nr_free, free2 + 1);      /* waits for b */
		KEXPECT(PageBuddy(a) && a->private == 2);
		__free_pages(b, 2);
		KEXPECT_EQ(zone->free_area[2].nr_free, free2);          /* merged away */
		KEXPECT(!PageBuddy(b));
	}
	EXPECT_SAME_BUDDYINFO(&before);
}

struct live_block {
	struct page *page;
	unsigned int order;
};

static bool test_and_mark(unsigned long *bitmap, struct page *page, unsigned int order,
			  bool set)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		unsigned long pfn = page_to_pfn(page) + i;
		unsigned long bit = 1UL << (pfn % 32), *word = &bitmap[pfn / 32];

		if (!!(*word & bit) == set)
			return false;
		*word ^= bit;
	}
	return true;
}

/* Stamp every page of a block with its pfn (first and last word). */
static void stamp_block(struct page *page, unsigned int order, bool check,
			const char **err)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u32 *w = kmap_atomic(page + i, KM_USER0);
		u32 want = (u32)page_to_pfn(page + i);

		if (check && (w[0] != want || w[PAGE_SIZE / 4 - 1] != ~want))
			*err = "page contents changed while allocated";
		w[0] = want;
		w[PAGE_SIZE / 4 - 1] = ~want;
		kunmap_atomic(w, KM_USER0);
	}
}

static const gfp_t stress_masks[] = { GFP_KERNEL, GFP_HIGHUSER, GFP_DMA, GFP_ATOMIC };

#define STRESS_OPS 6000
#define STRESS_LIVE 192

KTEST(buddy, random_stress_no_overlap)
{
	unsigned long bitmap_order = 0, *bitmap;
	struct live_block *live;
	struct buddy_snapshot before;
	const char *err = NULL;
	u32 rng = ktest_random_seed();
	int nlive = 0;

	while ((PAGE_SIZE << bitmap_order) * 8 < max_pfn)
		bitmap_order++;
	bitmap = (unsigned long *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, bitmap_order);
	live = (struct live_block *)__get_free_pages(GFP_KERNEL, 2);
	KEXPECT(bitmap && live);
	if (!bitmap || !live)
		return;
	buddy_snapshot(&before);
	for (int op = 0; op < STRESS_OPS && !err; op++) {
		bool do_alloc = nlive == 0 || (nlive < STRESS_LIVE && prandom_below(&rng, 2));

		if (do_alloc) {
			unsigned int order = prandom_below(&rng, 4) ? prandom_below(&rng, 3)
								   : prandom_below(&rng, 7);
			gfp_t gfp = stress_masks[prandom_below(&rng, ARRAY_SIZE(stress_masks))];
			struct page *p = alloc_pages(gfp | __GFP_NOWARN, order);

			if (!p)
				continue;
			if (!test_and_mark(bitmap, p, order, true))
				err = "allocated a page that was already allocated";
			else if ((gfp & __GFP_DMA) && page_zonenum(p) != ZONE_DMA)
				err = "GFP_DMA page outside ZONE_DMA";
			else if (!(gfp & __GFP_HIGHMEM) && PageHighMem(p))
				err = "high page for a low-memory request";
			stamp_block(p, order, false, &err);
			live[nlive++] = (struct live_block){ p, order };
		} else {
			int i = (int)prandom_below(&rng, (u32)nlive);

			stamp_block(live[i].page, live[i].order, true, &err);
			test_and_mark(bitmap, live[i].page, live[i].order, false);
			__free_pages(live[i].page, live[i].order);
			live[i] = live[--nlive];
		}
	}
	if (err)
		ktest_fail(__FILE__, __LINE__, "%s", err);
	while (nlive--)
		__free_pages(live[nlive].page, live[nlive].order);
	EXPECT_SAME_BUDDYINFO(&before);
	free_pages((unsigned long)live, 2);
	free_pages((unsigned long)bitmap, bitmap_order);
}

KTEST(zone, gfp_masks_pick_zones)
{
	struct page *dma = alloc_page(GFP_DMA), *low = alloc_page(GFP_KERNEL);
	struct page *user = alloc_page(GFP_HIGHUSER);

	KEXPECT(dma && low && user);
	if (dma)
		KEXPECT(page_zonenum(dma) == ZONE_DMA && page_to_pfn(dma) < 4096);
	if (low)
		KEXPECT(!PageHighMem(low) && page_to_pfn(low) < max_low_pfn);
	if (user && zone_of(ZONE_HIGHMEM)->present_pages)
		KEXPECT(PageHighMem(user) && page_to_pfn(user) >= max_low_pfn);
	if (user && !zone_of(ZONE_HIGHMEM)->present_pages)
		KEXPECT(!PageHighMem(user));
	__free_page(dma);
	__free_page(low);
	__free_page(user);
}

/* Take every page a mask can get, onto list; returns how many. */
static unsigned long exhaust(gfp_t gfp, struct list_head *list)
{
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_page(gfp | __GFP_NOWARN)) != NULL) {
		list_add(&p->lru, list);
		n++;
	}
	return n;
}

static void free_list(struct list_head *list)
{
	struct page *p, *tmp;

	list_for_each_entry_safe(p, tmp, list, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
}

KTEST(zone, highmem_falls_back_to_normal)
{
	struct zone *high = zone_of(ZONE_HIGHMEM);
	struct buddy_snapshot before;
	LIST_HEAD(taken);
	struct page *p;

	if (!high->present_pages)
		return;                 /* nothing to fall back from on this machine */
	buddy_snapshot(&before);
	/* Pages above the min watermark are what a normal request can get. */
	while ((p = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL && PageHighMem(p))
		list_add(&p->lru, &taken);
	KEXPECT(p != NULL);
	if (p) {
		KEXPECT(page_zonenum(p) == ZONE_NORMAL || page_zonenum(p) == ZONE_DMA);
		__free_page(p);
	}
	KEXPECT(high->free_pages <= high->pages_low);
	free_list(&taken);
	EXPECT_SAME_BUDDYINFO(&before);
}

KTEST(zone, watermarks_ordered)
{
	struct zone *zone;
	unsigned long low_min = 0;

	for_each_zone(zone) {
		if (!zone->present_pages)
			continue;
		KEXPECT(zone->pages_min < zone->pages_low);
		KEXPECT(zone->pages_low < zone->pages_high);
		KEXPECT(zone->pages_high < zone->present_pages);
		if (zone_idx(zone) != ZONE_HIGHMEM)
			low_min += zone->pages_min;
	}
	/* The low zones share min_free_kbytes between them (rounding aside). */
	KEXPECT(low_min <= (unsigned long)min_free_kbytes / 4);
	KEXPECT(low_min + 3 >= (unsigned long)min_free_kbytes / 4);
}

KTEST(pcp, refill_and_drain_in_batches)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];
	unsigned long refills, drains;
	struct page *pages[200];
	int n;

	if (!zone->present_pages)
		zone = zone_of(ZONE_DMA);
	pcp = &zone->pcp[smp_processor_id()];
	drain_local_pages();
	KEXPECT_EQ(pcp->count, 0);
	refills = zone->pcp_refills;
	pages[0] = alloc_page(zone == zone_of(ZONE_DMA) ? GFP_DMA : GFP_KERNEL);
	KEXPECT_EQ(zone->pcp_refills, refills + 1);
	KEXPECT_EQ(pcp->count, pcp->batch - 1);
	__free_page(pages[0]);
	KEXPECT_EQ(pcp->count, pcp->batch);
	/* Allocate more than high pages, then free them: the list is trimmed
	 * by a batch each time it reaches high. */
	n = min(pcp->high + pcp->batch, (int)ARRAY_SIZE(pages));
	for (int i = 0; i < n; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	drain_local_pages();
	drains = zone->pcp_drains;
	for (int i = 0; i < n; i++)
		if (pages[i])
			__free_page(pages[i]);
	KEXPECT(zone->pcp_drains > drains);
	KEXPECT(pcp->count < pcp->high);
	drain_local_pages();
	KEXPECT_EQ(pcp->count, 0);
}

KTEST(buddy, exhaustion_then_recovery)
{
	struct zone *dma = zone_of(ZONE_DMA);
	struct buddy_snapshot before;
	unsigned long stalls = vm_events[ALLOCSTALL], ooms = vm_events[OOM_KILL];
	unsigned long oom_calls = out_of_memory_calls;
	unsigned long wakeups = vm_events[KSWAPD_WAKEUP];
	LIST_HEAD(taken);
	struct page *extra;
	unsigned long n;

	buddy_snapshot(&before);
	n = exhaust(GFP_DMA | __GFP_WAIT, &taken);
	KEXPECT(n > 0);
	/* A normal request stops at the min watermark ... */
	KEXPECT(dma->free_pages + (unsigned long)dma->pcp[0].count >= dma->pages_min / 2);
	KEXPECT(vm_events[ALLOCSTALL] > stalls);        /* direct reclaim was tried */
	/* ... then the OOM report - but no kill: GFP_DMA without __GFP_FS is
	 * not allowed to (and a ktest is no process to kill anyway). */
	KEXPECT(out_of_memory_calls > oom_calls);
	KEXPECT_EQ(vm_events[OOM_KILL], ooms);
	KEXPECT(vm_events[KSWAPD_WAKEUP] > wakeups);
	/* ... while an atomic one may dig into the reserve. */
	extra = alloc_page(GFP_DMA | __GFP_HIGH | __GFP_NOWARN);
	KEXPECT(extra != NULL);
	if (extra)
		__free_page(extra);
	free_list(&taken);
	EXPECT_SAME_BUDDYINFO(&before);
}

KTEST(buddy, double_free_is_reported)
{
	struct page *p = alloc_page(GFP_KERNEL);
	unsigned long reports = bad_page_reports;
	size_t mark = log_buf_len();

	__free_page(p);
	__free_page(p);
	KEXPECT_EQ(bad_page_reports, reports + 1);
	KEXPECT_EQ(page_count(p), 0);
	KEXPECT(log_buf_contains("Bad page state: page count underflow (double free?)", mark));
	KEXPECT(log_buf_contains("ktest_buddy_double_free_is_reported+", mark));
}

KTEST(buddy, freeing_reserved_page_is_reported)
{
	extern char _text[];
	struct page *kernel_page = virt_to_page(_text);
	unsigned long reports = bad_page_reports, free = nr_free_pages();
	size_t mark = log_buf_len();

	KEXPECT(PageReserved(kernel_page));
	__free_page(kernel_page);
	free_page((unsigned long)_text);
	KEXPECT_EQ(bad_page_reports, reports + 2);
	KEXPECT(PageReserved(kernel_page));
	KEXPECT_EQ(nr_free_pages(), free);
	KEXPECT(log_buf_contains("Bad page state: freeing a reserved page", mark));
}

KTEST(buddy, freeing_block_with_used_tail_is_reported)
{
	struct page *p = alloc_pages(GFP_KERNEL, 1);
	unsigned long reports = bad_page_reports;
	struct buddy_snapshot mid;

	KEXPECT(p != NULL);
	if (!p)
		return;
	get_page(p + 1);                /* someone still uses the second page */
	buddy_snapshot(&mid);
	__free_pages(p, 1);
	KEXPECT_EQ(bad_page_reports, reports + 1);
	EXPECT_SAME_BUDDYINFO(&mid);    /* nothing went back to the free lists */
	set_page_count(p + 1, 0);
	set_page_count(p, 1);
	__free_pages(p, 1);
	KEXPECT_EQ(bad_page_reports, reports + 1);
}

KTEST(buddy, freeing_misaligned_block_is_refused)
{
	struct page *p = alloc_pages(GFP_KERNEL, 2);
	unsigned long reports = bad_page_reports;
	size_t mark = log_buf_len();
	struct buddy_snapshot mid;

	KEXPECT(p != NULL);
	if (!p)
		return;
	buddy_snapshot(&mid);
	set_page_count(p + 1, 1);
	__free_pages(p + 1, 1);                 /* an odd pfn as an order-1 block */
	KEXPECT_EQ(bad_page_reports, reports + 1);
	KEXPECT(log_buf_contains("Bad page state: freeing a block that is not aligned to its "
				 "order", mark));
	set_page_count(p + 2, 1);
	__free_pages(p + 2, 2);                 /* aligned to 2 pages, not to 4 */
	KEXPECT_EQ(bad_page_reports, reports + 2);
	EXPECT_SAME_BUDDYINFO(&mid);            /* nothing reached the free lists */
	KEXPECT(!PageBuddy(p + 1) && !PageBuddy(p + 2));
	set_page_count(p + 1, 0);
	set_page_count(p + 2, 0);
	__free_pages(p, 2);                     /* the real block goes back whole */
	KEXPECT_EQ(bad_page_reports, reports + 2);
}

static void set_page_zonenum(struct page *page, enum zone_type t)
{
	page->flags = (page->flags & ~(((1UL << ZONES_SHIFT) - 1) << ZONES_PGSHIFT)) |
		      ((unsigned long)t << ZONES_PGSHIFT);
}

/* A page whose zone bits name a zone that does not span it. */
KTEST(buddy, freeing_block_outside_its_zone_is_refused)
{
	struct page *p = alloc_page(GFP_KERNEL);
	enum zone_type real, other;
	unsigned long reports = bad_page_reports;
	size_t mark = log_buf_len();
	struct buddy_snapshot mid;

	KEXPECT(p != NULL);
	if (!p)
		return;
	real = page_zonenum(p);
	other = real == ZONE_DMA ? ZONE_NORMAL : ZONE_DMA;
	buddy_snapshot(&mid);
	set_page_zonenum(p, other);
	__free_page(p);
	KEXPECT_EQ(bad_page_reports, reports + 1);
	KEXPECT(log_buf_contains("Bad page state: freeing a block outside its zone", mark));
	EXPECT_SAME_BUDDYINFO(&mid);
	set_page_zonenum(p, real);
	set_page_count(p, 1);
	__free_page(p);
	KEXPECT_EQ(bad_page_reports, reports + 1);
}

/* A free page that someone still uses (a stray mapping, a stale LRU
 * flag) must not be handed out: prep_new_page reports it, keeps it out
 * of circulation, and the allocation takes another page. */
KTEST(buddy, page_in_use_is_not_handed_out)
{
	for (int round = 0; round < 2; round++) {
		unsigned long reports = bad_page_reports;
		size_t mark = log_buf_len();
		struct page *p, *q;

		get_cpu();                      /* this CPU's pcp list throughout */
		p = alloc_page(GFP_ATOMIC);
		if (!p) {
			put_cpu();
			KEXPECT(p != NULL);
			return;
		}
		__free_page(p);                 /* the hot end of the list ... */
		if (round == 0)
			p->mapping = (void *)p; /* ... while still mapped somewhere */
		else
			SetPageLRU(p);          /* ... while still on an LRU list */
		q = alloc_page(GFP_ATOMIC);
		put_cpu();
		KEXPECT(q != NULL && q != p);
		KEXPECT_EQ(bad_page_reports, reports + 1);
		KEXPECT(log_buf_contains("Bad page state: allocating a page that is in use", mark));
		KEXPECT_EQ(page_count(p), 0);   /* left alone */
		p->mapping = NULL;
		ClearPageLRU(p);
		set_page_count(p, 1);
		__free_page(p);
		if (q)
			__free_page(q);
		KEXPECT_EQ(bad_page_reports, reports + 1);
	}
}

struct irq_alloc {
	struct timer_list timer;
	struct completion done;
	bool in_irq;
	struct page *high, *low;
};

static void irq_alloc_fn(unsigned long data)
{
	struct irq_alloc *a = (struct irq_alloc *)data;

	a->in_irq = in_interrupt();
	a->high = alloc_page(GFP_ATOMIC | __GFP_HIGHMEM | __GFP_ZERO);
	a->low = alloc_page(GFP_ATOMIC | __GFP_ZERO);   /* a permanent address: fine */
	complete(&a->done);
}

static bool page_is_zero(struct page *page);

/* From a timer (interrupt context): zeroing a high page would need the
 * kmap_atomic slot the interrupted code may be using - refused. */
KTEST(buddy, highmem_zero_from_interrupt_is_refused)
{
	static struct irq_alloc a;
	unsigned long reports = bad_gfp_reports;
	size_t mark = log_buf_len();

	setup_timer(&a.timer, irq_alloc_fn, (unsigned long)&a);
	init_completion(&a.done);
	a.timer.expires = jiffies + 1;
	add_timer(&a.timer);
	KEXPECT(wait_for_completion_timeout(&a.done, HZ) > 0);
	del_timer_sync(&a.timer);
	KEXPECT(a.in_irq);
	KEXPECT(a.high == NULL);
	KEXPECT_EQ(bad_gfp_reports, reports + 1);
	KEXPECT(log_buf_contains("__GFP_HIGHMEM|__GFP_ZERO (mode 0x8022) in interrupt context "
				 "refused", mark));
	KEXPECT(a.low != NULL);
	if (a.low) {
		KEXPECT(page_is_zero(a.low));
		__free_page(a.low);
	}
	if (a.high)
		__free_page(a.high);
}

static bool page_is_zero(struct page *page)
{
	const u32 *w = kmap_atomic(page, KM_USER0);
	bool zero = true;

	for (unsigned long i = 0; i < PAGE_SIZE / 4; i++)
		zero &= w[i] == 0;
	kunmap_atomic((void *)w, KM_USER0);
	return zero;
}

KTEST(page, gfp_zero_clears_low_and_high_pages)
{
	gfp_t masks[] = { GFP_KERNEL, GFP_HIGHUSER };

	for (unsigned int m = 0; m < ARRAY_SIZE(masks); m++) {
		struct page *p = alloc_page(masks[m]);
		void *v = kmap_atomic(p, KM_USER0);

		memset(v, 0xaa, PAGE_SIZE);
		kunmap_atomic(v, KM_USER0);
		__free_page(p);
		p = alloc_page(masks[m] | __GFP_ZERO);   /* the hot page comes back */
		KEXPECT(page_is_zero(p));
		__free_page(p);
	}
	unsigned long addr = get_zeroed_page(GFP_KERNEL);

	KEXPECT(addr && page_is_zero(virt_to_page(addr)));
	free_page(addr);
}

KTEST(page, address_conversions)
{
	struct page *p = alloc_page(GFP_KERNEL), *h = alloc_page(GFP_HIGHUSER);

	KEXPECT(virt_to_page(page_address(p)) == p);
	KEXPECT_EQ(__pa(page_address(p)) >> PAGE_SHIFT, page_to_pfn(p));
	KEXPECT(pfn_to_page(page_to_pfn(p)) == p);
	/* A high page has an address only while it holds a pkmap slot (a
	 * slot freed by kunmap keeps it until the next wrap-around flush). */
	if (PageHighMem(h))
		KEXPECT(page_address(h) == NULL ||
			PKMAP_NR(page_address(h)) < LAST_PKMAP);
	get_page(p);
	KEXPECT_EQ(page_count(p), 2);
	put_page(p);
	KEXPECT_EQ(page_count(p), 1);
	__free_page(p);
	__free_page(h);
}

KTEST(memblock, boot_reservations_kept)
{
	extern char _text[], _end[];
	struct zone *zone;
	unsigned long present = 0;

	KEXPECT(memblock_is_reserved(__pa(_text)));
	KEXPECT(memblock_is_reserved(__pa(_end) - 1));
	KEXPECT(memblock_is_reserved(0));
	KEXPECT(memblock_is_reserved(__pa(mem_map)));
	KEXPECT(PageReserved(virt_to_page(mem_map)));
	for_each_zone(zone)
		present += zone->present_pages;
	KEXPECT(present > 0 && present < max_pfn);
	for (unsigned int i = 1; i < memblock.memory.cnt; i++)      /* sorted, merged */
		KEXPECT(memblock.memory.regions[i - 1].base + memblock.memory.regions[i - 1].size <
			memblock.memory.regions[i].base);
}

/* Linux's lowmem_reserve: each low zone keeps 1/ratio of the zones above
 * it back from requests that could have used them; writing the sysctl
 * recomputes, and a ratio of 0 is refused. */
KTEST(page_alloc, lowmem_reserve_follows_the_ratios)
{
	struct zone *z = contig_page_data.node_zones;
	unsigned long normal = z[ZONE_NORMAL].present_pages, high = z[ZONE_HIGHMEM].present_pages;

	KEXPECT_EQ(z[ZONE_DMA].lowmem_reserve[ZONE_DMA], 0);
	KEXPECT_EQ(z[ZONE_DMA].lowmem_reserve[ZONE_NORMAL], normal / 256);
	KEXPECT_EQ(z[ZONE_DMA].lowmem_reserve[ZONE_HIGHMEM], (normal + high) / 256);
	KEXPECT_EQ(z[ZONE_NORMAL].lowmem_reserve[ZONE_DMA], 0);
	KEXPECT_EQ(z[ZONE_NORMAL].lowmem_reserve[ZONE_HIGHMEM], high / 32);
	KEXPECT_EQ(set_lowmem_reserve_ratio("128\t16\n", 7), 0);
	KEXPECT_EQ(z[ZONE_DMA].lowmem_reserve[ZONE_NORMAL], normal / 128);
	KEXPECT_EQ(z[ZONE_NORMAL].lowmem_reserve[ZONE_HIGHMEM], high / 16);
	KEXPECT_EQ(set_lowmem_reserve_ratio("0 32", 4), -EINVAL);
	KEXPECT_EQ(set_lowmem_reserve_ratio("256", 3), -EINVAL);
	KEXPECT_EQ(sysctl_lowmem_reserve_ratio[0], 128);
	KEXPECT_EQ(set_lowmem_reserve_ratio("256 32", 6), 0);
	KEXPECT_EQ(z[ZONE_NORMAL].lowmem_reserve[ZONE_HIGHMEM], high / 32);
}

/* The reserve at work: with Normal refusing everything (its watermark
 * raised to its size for a moment), a request that may use Normal falls
 * back to DMA only while DMA's reserve for Normal requests allows it;
 * a GFP_DMA request, whose highest zone is DMA, never meets that reserve. */
KTEST(page_alloc, lowmem_reserve_keeps_low_pages_from_higher_requests)
{
	struct zone *dma = &contig_page_data.node_zones[ZONE_DMA];
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];
	gfp_t nowait = (GFP_KERNEL & ~__GFP_WAIT) | __GFP_NOWARN;
	unsigned long saved_reserve = dma->lowmem_reserve[ZONE_NORMAL];
	unsigned long saved_min = normal->pages_min, saved_low = normal->pages_low;
	struct page *refused, *fallback, *dma_page;

	if (!dma->present_pages || !normal->present_pages) {
		ktest_skip("needs DMA and Normal zones");
		return;
	}
	normal->pages_min = normal->pages_low = normal->present_pages;
	dma->lowmem_reserve[ZONE_NORMAL] = dma->present_pages;
	refused = alloc_page(nowait);
	dma_page = alloc_page(GFP_DMA | __GFP_NOWARN);
	dma->lowmem_reserve[ZONE_NORMAL] = 0;
	fallback = alloc_page(nowait);
	normal->pages_min = saved_min;
	normal->pages_low = saved_low;
	dma->lowmem_reserve[ZONE_NORMAL] = saved_reserve;
	KEXPECT(!refused);
	KEXPECT(fallback && page_zonenum(fallback) == ZONE_DMA);
	KEXPECT(dma_page && page_zonenum(dma_page) == ZONE_DMA);
	if (refused)
		__free_page(refused);
	if (fallback)
		__free_page(fallback);
	if (dma_page)
		__free_page(dma_page);
}
