/*
 * mm/zone_init.c - setting up the zones: their ranges, free lists,
 * zonelists, per-CPU page lists and watermarks.
 *
 * Data: contig_page_data (Tessera has one memory node), min_free_kbytes.
 * Watermarks: min_free_kbytes of low memory is split between the low zones
 * in proportion to their size (pages_min); pages_low and pages_high sit
 * 25% and 50% above it.  High memory gets a small fixed reserve, since
 * nothing that must not fail allocates from it.  On top of the watermark,
 * each low zone keeps back lowmem_reserve[z] pages from requests that
 * could have used the higher zone z (sysctl_lowmem_reserve_ratio).
 * Locking: boot, and setup_per_zone_pages_min() and
 * setup_per_zone_lowmem_reserve() under each zone's lock.
 */
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/internal.h"
#include "mm/mm.h"

struct pglist_data contig_page_data;
int min_free_kbytes = 1024;
static bool min_free_kbytes_set;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };

static int parse_min_free_kbytes(char *val)
{
	unsigned long kb;

	if (!val || kstrtoul(val, 10, &kb) || kb < MIN_FREE_KBYTES_LO || kb > MIN_FREE_KBYTES_HI)
		return -1;
	min_free_kbytes = (int)kb;
	min_free_kbytes_set = true;
	return 0;
}
__setup("min_free_kbytes", parse_min_free_kbytes);

/* The default reserve grows with the square root of low memory, as Linux's. */
static void init_min_free_kbytes(unsigned long lowmem_kb)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= lowmem_kb * 16)
		r++;
	min_free_kbytes = (int)clamp_val(r, MIN_FREE_KBYTES_LO, MIN_FREE_KBYTES_HI);
}

static void init_zone(enum zone_type t, unsigned long start, unsigned long end)
{
	struct zone *zone = &contig_page_data.node_zones[t];

	spin_lock_init(&zone->lock);
	spin_lock_init(&zone->lru_lock);
	INIT_LIST_HEAD(&zone->active_list);
	INIT_LIST_HEAD(&zone->inactive_list);
	zone->prev_priority = zone->temp_priority = DEF_PRIORITY;
	zone->name = zone_names[t];
	zone->zone_start_pfn = start;
	zone->spanned_pages = end > start ? end - start : 0;
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&zone->free_area[o].free_list);
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		INIT_LIST_HEAD(&zone->pcp[cpu].list);
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		page->flags = (unsigned long)t << ZONES_PGSHIFT | 1UL << PG_reserved;
		if (t == ZONE_HIGHMEM)
			SetPageHighMem(page);
		INIT_LIST_HEAD(&page->lru);
		spin_lock_init(&page->ptl);
	}
}

void free_area_init(unsigned long max_dma_pfn, unsigned long max_low, unsigned long max)
{
	init_zone(ZONE_DMA, 0, max_dma_pfn);
	init_zone(ZONE_NORMAL, max_dma_pfn, max_low);
	init_zone(ZONE_HIGHMEM, max_low, max);
	contig_page_data.nr_zones = MAX_NR_ZONES;
	contig_page_data.node_spanned_pages = max;
}

/* Zonelist for requests whose highest allowed zone is `top`: top first,
 * then each lower zone, skipping empty ones. */
static void build_zonelist(enum zone_type top)
{
	struct zonelist *zl = &contig_page_data.node_zonelists[top];
	int n = 0;

	for (int t = top; t >= 0; t--)
		if (contig_page_data.node_zones[t].present_pages)
			zl->zones[n++] = &contig_page_data.node_zones[t];
	zl->zones[n] = NULL;
}

void build_all_zonelists(void)
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		build_zonelist((enum zone_type)t);
}

struct zonelist *gfp_zonelist(gfp_t gfp_mask)
{
	enum zone_type t = ZONE_NORMAL;

	if (gfp_mask & __GFP_DMA)
		t = ZONE_DMA;
	else if (gfp_mask & __GFP_HIGHMEM)
		t = ZONE_HIGHMEM;
	return &contig_page_data.node_zonelists[t];
}

/* pcp sizes: a batch of ~1/1024 of the zone (at most 31 pages), high at
 * six batches - enough to absorb bursts, small enough to waste little. */
void setup_pageset(struct zone *zone)
{
	int batch = (int)clamp_val(zone->present_pages / 1024, 1, 31);

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		zone->pcp[cpu].batch = batch;
		zone->pcp[cpu].high = 6 * batch;
	}
}

void setup_per_zone_pages_min(void)
{
	unsigned long lowmem_pages = 0, pages_min = (unsigned long)min_free_kbytes >> 2;
	struct zone *zone;

	for_each_zone(zone)
		if (zone_idx(zone) != ZONE_HIGHMEM)
			lowmem_pages += zone->present_pages;
	for_each_zone(zone) {
		unsigned long flags, min;

		spin_lock_irqsave(&zone->lock, flags);
		if (zone_idx(zone) == ZONE_HIGHMEM)
			min = clamp_val(zone->present_pages / 1024, 32, 128);
		else
			min = lowmem_pages ? pages_min * zone->present_pages / lowmem_pages : 0;
		if (!zone->present_pages)
			min = 0;
		zone->pages_min = min;
		zone->pages_low = min + min / 4;
		zone->pages_high = min + min / 2;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* Linux's defaults: DMA keeps 1/256 of what lies above it, Normal 1/32
 * of high memory - so a big machine's user pages, which could live in
 * high memory, cannot crowd the kernel out of low memory. */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1] = { 256, 32 };

void setup_per_zone_lowmem_reserve(void)
{
	struct zone *zones = contig_page_data.node_zones;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long above = 0, flags;

		spin_lock_irqsave(&zones[i].lock, flags);
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			if (j > i)
				above += zones[j].present_pages;
			zones[i].lowmem_reserve[j] = j > i ? above / (unsigned long)
						     sysctl_lowmem_reserve_ratio[i] : 0;
		}
		spin_unlock_irqrestore(&zones[i].lock, flags);
	}
}

int set_lowmem_reserve_ratio(const char *text, size_t len)
{
	int ratio[MAX_NR_ZONES - 1];
	const char *p = text, *end = text + len;

	for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
		unsigned long v = 0;
		const char *digits;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		for (digits = p; p < end && *p >= '0' && *p <= '9' && v <= 1000000; p++)
			v = v * 10 + (unsigned long)(*p - '0');
		if (p == digits || v < 1 || v > 1000000)
			return -EINVAL;
		ratio[i] = (int)v;
	}
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	if (p != end)
		return -EINVAL;
	memcpy(sysctl_lowmem_reserve_ratio, ratio, sizeof(ratio));
	setup_per_zone_lowmem_reserve();
	return 0;
}

void zones_finish_init(unsigned long lowmem_kb)
{
	struct zone *zone;

	if (!min_free_kbytes_set)
		init_min_free_kbytes(lowmem_kb);
	for_each_zone(zone)
		setup_pageset(zone);
	build_all_zonelists();
	setup_per_zone_pages_min();
	setup_per_zone_lowmem_reserve();
	for_each_zone(zone)
		pr_info("zone %-7s pfn 0x%05lx-0x%05lx: %6lu pages, min %lu low %lu high %lu, pcp batch %d\n",
			zone->name, zone->zone_start_pfn,
			zone->zone_start_pfn + zone->spanned_pages, zone->present_pages,
			zone->pages_min, zone->pages_low, zone->pages_high, zone->pcp[0].batch);
}
