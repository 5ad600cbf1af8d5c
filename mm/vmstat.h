/*
 * mm/vmstat.h - event counters, named as in Linux's /proc/vmstat.
 *
 * count_vm_event(X) bumps counter X; the monitor's vmstat prints them.
 * Locking: none - statistics; a lost increment under a race is accepted.
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

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

#endif
