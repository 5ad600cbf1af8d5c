/*
 * mm/vmstat.h - event counters, named as in Linux's /proc/vmstat.
 *
 * count_vm_event(X) bumps counter X; /proc/vmstat and the monitor's vmstat
 * print them.  mod_page_state(X, n) keeps a count of pages in some use
 * (file pages, page tables), as Linux's zone_page_state counters.
 * Locking: none; counters are bumped with an atomic add, so CPUs racing
 * on one lose nothing.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

#include "lib/types.h"

enum vm_event_item {
	PGALLOC,
	PGFREE,
	PGFAULT,
	PGMAJFAULT,
	PSWPIN,
	PSWPOUT,
	PGSCAN,
	PGSTEAL,
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
	NR_VM_STAT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern unsigned long vm_stat[NR_VM_STAT_ITEMS];

static inline void mod_page_state(enum vm_stat_item item, long delta)
{
	__sync_fetch_and_add(&vm_stat[item], (unsigned long)delta);
}

static inline unsigned long global_page_state(int item)
{
	return vm_stat[item];
}

struct seq_file;
/* The /proc files' show functions (also the monitor's commands). */
void meminfo_show(struct seq_file *m, void *arg);
void buddyinfo_show(struct seq_file *m, void *arg);
void zoneinfo_show(struct seq_file *m, void *arg);
void vmstat_show(struct seq_file *m, void *arg);
void slabinfo_show(struct seq_file *m, void *arg);
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

/* Pages in the high (or low) zones: present, or free. */
unsigned long zone_sum(bool high, bool free);

static inline void count_vm_event(enum vm_event_item item)
{
	__sync_fetch_and_add(&vm_events[item], 1);     /* any CPU, any context */
}

#endif
