/*
 * mm/vmstat.h - event counters, named as in Linux's /proc/vmstat.
 *
 * count_vm_event(X) bumps counter X (count_vm_events(X, n) by n); /proc/vmstat and the monitor's vmstat
 * print them.  inc/dec_zone_page_state(page, X) keep a count of pages in
 * some use (file pages, page tables, mapped pages) per zone and in all,
 * as Linux's zone_page_state counters.
 * Locking: none; counters are bumped with an atomic add, so CPUs racing
 * on one lose nothing.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

#include "lib/types.h"

enum vm_event_item {
	PGPGIN,                         /* KiB read from block devices */
	PGPGOUT,                        /* KiB written to them */
	PSWPIN,                         /* pages read from swap */
	PSWPOUT,                        /* pages written to swap */
	PGALLOC,
	PGFREE,
	PGACTIVATE,                     /* inactive -> active list */
	PGDEACTIVATE,                   /* active -> inactive list */
	PGFAULT,
	PGMAJFAULT,
	PGROTATED,                      /* written for reclaim, moved to the inactive tail */
	/* Per zone, in zone_type order (dma, normal, high): count_zone_vm_events. */
	PGREFILL_DMA, PGREFILL_NORMAL, PGREFILL_HIGH,   /* active pages scanned */
	PGSTEAL_DMA, PGSTEAL_NORMAL, PGSTEAL_HIGH,      /* inactive pages reclaimed */
	PGSCAN_KSWAPD_DMA, PGSCAN_KSWAPD_NORMAL, PGSCAN_KSWAPD_HIGH,    /* inactive scanned */
	PGSCAN_DIRECT_DMA, PGSCAN_DIRECT_NORMAL, PGSCAN_DIRECT_HIGH,
	KSWAPD_STEAL,                   /* pages kswapd reclaimed */
	PAGEOUTRUN,                     /* kswapd's balancing passes */
	KSWAPD_WAKEUP,
	ALLOCSTALL,
	OOM_KILL,
	NR_VM_EVENT_ITEMS
};

enum vm_stat_item {
	NR_FILE_PAGES,                  /* in the page cache */
	NR_PAGETABLE,                   /* page-table pages of processes */
	NR_ANON_PAGES,                  /* user ptes mapping anonymous pages */
	NR_FILE_MAPPED,                 /* user ptes mapping page-cache pages */
	NR_SHMEM,                       /* shmem pages (in NR_FILE_PAGES too) */
	NR_VM_STAT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern unsigned long vm_stat[NR_VM_STAT_ITEMS];

struct page;
struct zone;
/* A count of pages in some use, kept per zone and in all (Linux's
 * zone_page_state counters): the zone's and the global count move
 * together.  The page's zone: inc/dec_zone_page_state. */
void mod_zone_page_state(struct zone *zone, enum vm_stat_item item, long delta);
void inc_zone_page_state(const struct page *page, enum vm_stat_item item);
void dec_zone_page_state(const struct page *page, enum vm_stat_item item);

static inline unsigned long global_page_state(int item)
{
	return vm_stat[item];
}

struct seq_file;
/* The /proc files' show functions (also the monitor's commands). */
void meminfo_show(struct seq_file *m, void *arg);
void buddyinfo_show(struct seq_file *m, void *arg);
void zoneinfo_show(struct seq_file *m, void *arg);
/* /proc/sys/vm/lowmem_reserve_ratio, and setting it (text, as written). */
void lowmem_reserve_ratio_show(struct seq_file *m, void *arg);
void vmstat_show(struct seq_file *m, void *arg);
void slabinfo_show(struct seq_file *m, void *arg);
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

/* Pages in the high (or low) zones: present, or free. */
unsigned long zone_sum(bool high, bool free);

static inline void count_vm_events(enum vm_event_item item, unsigned long n)
{
	__sync_fetch_and_add(&vm_events[item], n);     /* any CPU, any context */
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

/* n events of the per-zone counter whose dma member is first, for zone. */
void count_zone_vm_events(enum vm_event_item first, const struct zone *zone, unsigned long n);

#endif
