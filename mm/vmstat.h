/*
 * mm/vmstat.h - event counters, named as in Linux's /proc/vmstat.
 *
 * count_vm_event(X) bumps counter X; the monitor's vmstat prints them.
 * Locking: none; counters are bumped with an atomic add, so CPUs racing
 * on one lose nothing.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

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

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

/* Pages in the high (or low) zones: present, or free. */
unsigned long zone_sum(bool high, bool free);

static inline void count_vm_event(enum vm_event_item item)
{
	__sync_fetch_and_add(&vm_events[item], 1);     /* any CPU, any context */
}

#endif
