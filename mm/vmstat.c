/*
 * mm/vmstat.c - memory statistics in the formats Linux users know, as
 * monitor commands: meminfo (/proc/meminfo), buddyinfo, zoneinfo, vmstat,
 * memmap (the loader's memory map) and the min_free_kbytes tunable.
 *
 * Data: vm_events[], the event counters.  Locking: reading zone counters
 * without the zone lock gives a snapshot that may be a little stale, as
 * /proc does; nothing here changes allocator state except min_free_kbytes,
 * which takes each zone's lock.
 */
#include "kernel/monitor.h"
#include "kernel/multiboot.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];
const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgalloc", "pgfree", "pgfault", "pgmajfault", "pswpin", "pswpout",
	"pgscan", "pgsteal", "kswapd_wakeup", "allocstall", "oom_kill",
};

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

unsigned long zone_sum(bool high, bool free)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		if ((zone_idx(zone) == ZONE_HIGHMEM) == high)
			sum += free ? zone->free_pages : zone->present_pages;
	return sum;
}

static int cmd_meminfo(int argc, char **argv)
{
	unsigned long low_total = zone_sum(false, false), high_total = zone_sum(true, false);
	unsigned long low_free = zone_sum(false, true), high_free = zone_sum(true, true);

	(void)argc;
	(void)argv;
	mprintf("MemTotal:     %8lu kB\n", K(low_total + high_total));
	mprintf("MemFree:      %8lu kB\n", K(low_free + high_free));
	mprintf("HighTotal:    %8lu kB\n", K(high_total));
	mprintf("HighFree:     %8lu kB\n", K(high_free));
	mprintf("LowTotal:     %8lu kB\n", K(low_total));
	mprintf("LowFree:      %8lu kB\n", K(low_free));
	mprintf("Slab:         %8lu kB\n", K(slab_pages_total()));
	return 0;
}
MONITOR_CMD("meminfo", "memory totals, as /proc/meminfo", cmd_meminfo);

static int cmd_buddyinfo(int argc, char **argv)
{
	struct zone *zone;

	(void)argc;
	(void)argv;
	for_each_zone(zone) {
		if (!zone->present_pages)
			continue;
		mprintf("Node 0, zone %8s ", zone->name);
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			mprintf("%6lu ", zone->free_area[o].nr_free);
		mprintf("\n");
	}
	return 0;
}
MONITOR_CMD("buddyinfo", "free blocks per order and zone", cmd_buddyinfo);

static void print_zoneinfo(const struct zone *zone)
{
	mprintf("Node 0, zone %8s\n", zone->name);
	mprintf("  pages free     %lu\n", zone->free_pages);
	mprintf("        min      %lu\n", zone->pages_min);
	mprintf("        low      %lu\n", zone->pages_low);
	mprintf("        high     %lu\n", zone->pages_high);
	mprintf("        spanned  %lu\n", zone->spanned_pages);
	mprintf("        present  %lu\n", zone->present_pages);
	mprintf("  pagesets\n");
	for (int cpu = 0; cpu < num_online_cpus(); cpu++)
		mprintf("    cpu: %d\n              count: %d\n              high:  %d\n"
			"              batch: %d\n", cpu, zone->pcp[cpu].count,
			zone->pcp[cpu].high, zone->pcp[cpu].batch);
	mprintf("  start_pfn:           %lu\n", zone->zone_start_pfn);
}

static int cmd_zoneinfo(int argc, char **argv)
{
	struct zone *zone;

	(void)argc;
	(void)argv;
	for_each_zone(zone)
		if (zone->present_pages)
			print_zoneinfo(zone);
	return 0;
}
MONITOR_CMD("zoneinfo", "zones: free pages, watermarks, pcp lists", cmd_zoneinfo);

static int cmd_vmstat(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mprintf("nr_free_pages %lu\n", nr_free_pages());
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		mprintf("%s %lu\n", vm_event_names[i], vm_events[i]);
	return 0;
}
MONITOR_CMD("vmstat", "memory event counters, as /proc/vmstat", cmd_vmstat);

static int cmd_min_free_kbytes(int argc, char **argv)
{
	unsigned long kb;

	if (argc > 1) {
		if (kstrtoul(argv[1], 10, &kb) || kb < 128 || kb > 65536) {
			mprintf("min_free_kbytes: expected 128..65536\n");
			return -1;
		}
		min_free_kbytes = (int)kb;
		setup_per_zone_pages_min();
	}
	mprintf("%d\n", min_free_kbytes);
	return 0;
}
MONITOR_CMD("min_free_kbytes", "show or set the reserve: min_free_kbytes [KB]",
	    cmd_min_free_kbytes);
