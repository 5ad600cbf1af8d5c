/*
 * mm/mmzone.h - zones: ranges of physical memory with their own free lists.
 *
 *   ZONE_DMA      [0, 16 MiB)           for old ISA DMA devices
 *   ZONE_NORMAL   [16 MiB, lowmem end)  directly mapped kernel memory
 *   ZONE_HIGHMEM  [lowmem end, RAM end) reached only through kmap
 *
 * Each zone has a buddy allocator (free_area[order]: a list of free blocks
 * of 2^order pages and their count), watermarks (min < low < high free
 * pages) that drive kswapd and direct reclaim, and per-CPU page lists
 * (struct per_cpu_pages) that serve order-0 requests without the zone lock.
 * A zonelist is the fallback order of zones for one kind of request
 * (HIGHMEM -> NORMAL -> DMA for GFP_HIGHUSER, and so on).
 *
 * The zone's user pages are on its LRU lists (active_list, inactive_list:
 * mm/lru.h), which reclaim (mm/vmscan.c) scans; the node's kswapd sleeps
 * on pgdat->kswapd_wait until a zone falls to its low watermark.
 *
 * Locking: zone->lock protects free_area and free_pages; the pcp lists of
 * a CPU are only touched by that CPU with interrupts disabled;
 * zone->lru_lock (irqsave) the LRU lists and their counts.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include "kernel/locking/spinlock.h"
#include "kernel/smp.h"
#include "lib/list.h"
#include "mm/gfp.h"
#include "kernel/wait_types.h"
#include "mm/vmstat.h"

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };
#define ZONES_SHIFT 2
#define ZONES_PGSHIFT (sizeof(unsigned long) * 8 - ZONES_SHIFT)

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;          /* blocks, not pages */
};

struct per_cpu_pages {
	int count;                      /* pages on the list */
	int high;                       /* drain a batch above this */
	int batch;                      /* refill/drain this many at once */
	struct list_head list;
};

struct zone {
	spinlock_t lock;
	unsigned long free_pages;
	unsigned long pages_min, pages_low, pages_high;
	/* Pages a request whose highest usable zone is [z] must leave here
	 * on top of the watermark when it falls back to this lower zone
	 * (Linux's lowmem_reserve; /proc/zoneinfo's protection). */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	struct free_area free_area[MAX_ORDER];
	struct per_cpu_pages pcp[NR_CPUS];
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;    /* frames in the range, holes included */
	unsigned long present_pages;    /* frames handed to the buddy allocator */
	const char *name;
	/* The LRU lists (mm/lru.h), under lru_lock. */
	spinlock_t lru_lock;
	struct list_head active_list, inactive_list;
	unsigned long nr_active, nr_inactive;
	/* Reclaim's state (mm/vmscan.c): inactive pages scanned since a page
	 * of the zone was last freed; set once that passed twice the zone's
	 * pages (reclaim then tries it only at DEF_PRIORITY), cleared by the
	 * next free (zone->lock); refill_inactive_zone's debt of active pages
	 * to scan; the priority the last reclaim pass reached (prev) and the
	 * one this pass is at (temp).  Statistics and hints, written without
	 * a lock: a race costs a little more or less scanning. */
	unsigned long pages_scanned;
	bool all_unreclaimable;
	unsigned long nr_scan_active;
	int prev_priority, temp_priority;
	/* Statistics. */
	unsigned long pcp_refills, pcp_drains;
	unsigned long vm_stat[NR_VM_STAT_ITEMS];        /* this zone's page counts */
};

#define MAX_ZONELIST (MAX_NR_ZONES + 1)
struct zonelist {
	struct zone *zones[MAX_ZONELIST];       /* NULL-terminated */
};

struct task_struct;

struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_NR_ZONES];
	int nr_zones;
	unsigned long node_start_pfn, node_spanned_pages;
	wait_queue_head_t kswapd_wait;  /* kswapd sleeps here (mm/vmscan.c) */
	struct task_struct *kswapd;
	bool kswapd_requested;          /* woken: balance again */
};

/* Reclaim's first and gentlest pass scans 1/2^12 of a list; each next
 * one twice as much, down to 0 (the whole list). */
#define DEF_PRIORITY 12

extern struct pglist_data contig_page_data;

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline enum zone_type zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - contig_page_data.node_zones);
}

#define for_each_zone(z)                                                     \
	for (z = contig_page_data.node_zones;                                \
	     z < contig_page_data.node_zones + MAX_NR_ZONES; z++)

/* min_free_kbytes: the reserve the watermarks are computed from. */
extern int min_free_kbytes;
#define MIN_FREE_KBYTES_LO 128
#define MIN_FREE_KBYTES_HI 65536
void setup_per_zone_pages_min(void);
/* lowmem_reserve_ratio: zone i keeps back 1/ratio[i] of the pages of
 * the zones above it from requests that could have used those. */
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1];
void setup_per_zone_lowmem_reserve(void);
/* "256 32" style text from /proc/sys/vm/lowmem_reserve_ratio: each >= 1;
 * 0 or -EINVAL (nothing changed). */
int set_lowmem_reserve_ratio(const char *text, size_t len);
/* Change it (LO..HI) and recompute the watermarks: 0 or -EINVAL. */
int set_min_free_kbytes(unsigned long kb);
/* The reclaim tunables of /proc/sys/vm (mm/vmscan.c), used by the swap
 * code: how eagerly to swap rather than drop cache (0..100), and how many
 * pages swap-in reads at once (2^page_cluster). */
extern int vm_swappiness;
extern int page_cluster;
unsigned long nr_free_pages(void);

#endif
