/*
 * mm/vmstat.c - memory statistics in the formats Linux users know: the
 * show functions behind /proc/meminfo, buddyinfo, zoneinfo and vmstat
 * (fs/proc/base.c) and the monitor commands of the same names, and the
 * min_free_kbytes tunable.
 *
 * Data: vm_events[], the event counters; vm_stat[], the page counts.  Locking: reading zone counters
 * without the zone lock gives a snapshot that may be a little stale, as
 * /proc does; nothing here changes allocator state except min_free_kbytes,
 * which takes each zone's lock.
 */
#include "mm/vmstat.h"
#include "fs/seq_file.h"
#include "kernel/arch/multiboot.h"
#include "kernel/arch/thread_info.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/swap_state.h"
#include "mm/swapfile.h"
#include "mm/vmalloc.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];
const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgpgin", "pgpgout", "pswpin", "pswpout", "pgalloc", "pgfree",
	"pgactivate", "pgdeactivate", "pgfault", "pgmajfault", "pgrotated",
	"pgrefill_dma", "pgrefill_normal", "pgrefill_high",
	"pgsteal_dma", "pgsteal_normal", "pgsteal_high",
	"pgscan_kswapd_dma", "pgscan_kswapd_normal", "pgscan_kswapd_high",
	"pgscan_direct_dma", "pgscan_direct_normal", "pgscan_direct_high",
	"kswapd_steal", "pageoutrun", "kswapd_wakeup", "allocstall", "oom_kill",
};

_Static_assert(PGSTEAL_NORMAL == PGSTEAL_DMA + ZONE_NORMAL && PGSTEAL_HIGH == PGSTEAL_DMA + ZONE_HIGHMEM,
	       "the per-zone counters follow enum zone_type");

void count_zone_vm_events(enum vm_event_item first, const struct zone *zone, unsigned long n)
{
	count_vm_events((enum vm_event_item)((int)first + (int)zone_idx(zone)), n);
}

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

unsigned long vm_stat[NR_VM_STAT_ITEMS];
static const char *const vm_stat_names[NR_VM_STAT_ITEMS] = {
	"nr_file_pages", "nr_page_table_pages", "nr_anon_pages", "nr_mapped",
	"nr_shmem",
};

void mod_zone_page_state(struct zone *zone, enum vm_stat_item item, long delta)
{
	__sync_fetch_and_add(&zone->vm_stat[item], (unsigned long)delta);
	__sync_fetch_and_add(&vm_stat[item], (unsigned long)delta);
}

void inc_zone_page_state(const struct page *page, enum vm_stat_item item)
{
	mod_zone_page_state(page_zone(page), item, 1);
}

void dec_zone_page_state(const struct page *page, enum vm_stat_item item)
{
	mod_zone_page_state(page_zone(page), item, -1);
}

/* Pages on the active (or inactive) lists of every zone. */
static unsigned long lru_total(bool active)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += active ? zone->nr_active : zone->nr_inactive;
	return sum;
}

/* What the allocator could hand out without swapping: free pages above
 * the zones' high watermarks, plus the empty slabs.  Linux adds the page
 * cache it could drop; here every cached page is a ramfs file's, which
 * no reclaim can take (the fuzzer filled memory with one while this
 * line still promised it all). */
static unsigned long mem_available(unsigned long reclaimable)
{
	unsigned long reserve = 0, free = zone_sum(false, true) + zone_sum(true, true);
	struct zone *zone;

	for_each_zone(zone)
		reserve += zone->pages_high;
	return (free > reserve ? free - reserve : 0) + reclaimable;
}

/* /proc/meminfo: Linux's lines in Linux's order, those free, top and
 * vmstat read.  What Tessera does not have yet reads 0: no buffer cache
 * (Buffers), no writeback of files (ramfs: Dirty, Writeback).  Shmem is
 * the pages of shmem objects (mm/shmem.c), which Cached includes, as in
 * Linux; SwapCached is the swap cache's pages, which Cached does not
 * include (Linux's rule too).  Active and Inactive are the LRU lists
 * (mm/lru.h; pages still in a CPU's pagevec are not counted yet), as in
 * Linux 2.6.0, which did not split them into anon and file (the lines
 * of that split are left out).  Unevictable is the ramfs pages: on the
 * lists (counted in Active or Inactive too, unlike Linux's) but with no
 * backing store, so reclaim cannot free them.  SReclaimable is the slab's empty
 * slabs (what kmem_cache_reap gives back); KernelStack is the tasks'
 * kernel stacks (THREAD_SIZE each).  SwapTotal and SwapFree are the
 * enabled swap areas' usable and free slots (mm/swapfile.c);
 * CommitLimit is Linux's: half of RAM (its default overcommit_ratio,
 * 50) plus the swap. */
void meminfo_show(struct seq_file *m, void *arg)
{
	unsigned long low_total = zone_sum(false, false), high_total = zone_sum(true, false);
	unsigned long low_free = zone_sum(false, true), high_free = zone_sum(true, true);
	unsigned long cached = global_page_state(NR_FILE_PAGES);
	unsigned long anon = global_page_state(NR_ANON_PAGES);
	unsigned long slab = slab_pages_total(), reclaimable = slab_pages_reclaimable();
	unsigned long vmalloc_used, vmalloc_chunk, swap_total, swap_free;

	(void)arg;
	get_vmalloc_info(&vmalloc_used, &vmalloc_chunk);
	si_swapinfo(&swap_total, &swap_free);
#define LINE(name, kb) seq_printf(m, "%-16s%8lu kB\n", name ":", (unsigned long)(kb))
	LINE("MemTotal", K(low_total + high_total));
	LINE("MemFree", K(low_free + high_free));
	LINE("MemAvailable", K(mem_available(reclaimable)));
	LINE("Buffers", 0);
	LINE("Cached", K(cached));
	LINE("SwapCached", K(total_swapcache_pages));
	LINE("Active", K(lru_total(true)));
	LINE("Inactive", K(lru_total(false)));
	LINE("Unevictable", K(cached - global_page_state(NR_SHMEM)));
	LINE("HighTotal", K(high_total));
	LINE("HighFree", K(high_free));
	LINE("LowTotal", K(low_total));
	LINE("LowFree", K(low_free));
	LINE("SwapTotal", K(swap_total));
	LINE("SwapFree", K(swap_free));
	LINE("Dirty", 0);
	LINE("Writeback", 0);
	LINE("AnonPages", K(anon));
	LINE("Mapped", K(global_page_state(NR_FILE_MAPPED)));
	LINE("Shmem", K(global_page_state(NR_SHMEM)));
	LINE("Slab", K(slab));
	LINE("SReclaimable", K(reclaimable));
	LINE("SUnreclaim", K(slab - reclaimable));
	LINE("KernelStack", (unsigned long)nr_threads * (THREAD_SIZE >> 10));
	LINE("PageTables", K(global_page_state(NR_PAGETABLE)));
	LINE("CommitLimit", K(vm_commit_limit()));
	LINE("Committed_AS", K(vm_committed_pages));
	LINE("VmallocTotal", (VMALLOC_END - VMALLOC_START) >> 10);
	LINE("VmallocUsed", vmalloc_used >> 10);
	LINE("VmallocChunk", vmalloc_chunk >> 10);
#undef LINE
}
MONITOR_SHOW("meminfo", "memory totals, as /proc/meminfo", meminfo_show);

void buddyinfo_show(struct seq_file *m, void *arg)
{
	struct zone *zone;

	(void)arg;
	for_each_zone(zone) {
		if (!zone->present_pages)
			continue;
		seq_printf(m, "Node 0, zone %8s ", zone->name);
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			seq_printf(m, "%6lu ", zone->free_area[o].nr_free);
		seq_printf(m, "\n");
	}
}
MONITOR_SHOW("buddyinfo", "free blocks per order and zone", buddyinfo_show);

static void print_zoneinfo(struct seq_file *m, const struct zone *zone)
{
	seq_printf(m, "Node 0, zone %8s\n", zone->name);
	seq_printf(m, "  pages free     %lu\n", zone->free_pages);
	seq_printf(m, "        min      %lu\n", zone->pages_min);
	seq_printf(m, "        low      %lu\n", zone->pages_low);
	seq_printf(m, "        high     %lu\n", zone->pages_high);
	seq_printf(m, "        spanned  %lu\n", zone->spanned_pages);
	seq_printf(m, "        present  %lu\n", zone->present_pages);
	seq_printf(m, "    nr_free_pages %lu\n", zone->free_pages);
	seq_printf(m, "    nr_inactive %lu\n", zone->nr_inactive);
	seq_printf(m, "    nr_active %lu\n", zone->nr_active);
	for (int i = 0; i < NR_VM_STAT_ITEMS; i++)
		seq_printf(m, "    %s %lu\n", vm_stat_names[i], zone->vm_stat[i]);
	seq_printf(m, "        protection: (");
	for (int z = 0; z < MAX_NR_ZONES; z++)
		seq_printf(m, "%s%lu", z ? ", " : "", zone->lowmem_reserve[z]);
	seq_printf(m, ")\n");
	seq_printf(m, "  pagesets\n");
	for (int cpu = 0; cpu < num_online_cpus(); cpu++)
		seq_printf(m, "    cpu: %d\n              count: %d\n              high:  %d\n"
			   "              batch: %d\n", cpu, zone->pcp[cpu].count,
			   zone->pcp[cpu].high, zone->pcp[cpu].batch);
	seq_printf(m, "  start_pfn:           %lu\n", zone->zone_start_pfn);
}

void zoneinfo_show(struct seq_file *m, void *arg)
{
	struct zone *zone;

	(void)arg;
	for_each_zone(zone)
		if (zone->present_pages)
			print_zoneinfo(m, zone);
}
MONITOR_SHOW("zoneinfo", "zones: free pages, watermarks, pcp lists", zoneinfo_show);

void vmstat_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	for (int i = 0; i < NR_VM_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_stat_names[i], global_page_state(i));
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], vm_events[i]);
}
MONITOR_SHOW("vmstat", "memory event counters, as /proc/vmstat", vmstat_show);

void lowmem_reserve_ratio_show(struct seq_file *m, void *arg)
{
	(void)arg;
	for (int i = 0; i < MAX_NR_ZONES - 1; i++)
		seq_printf(m, "%d%c", sysctl_lowmem_reserve_ratio[i], i < MAX_NR_ZONES - 2 ? '\t' : '\n');
}

int set_min_free_kbytes(unsigned long kb)
{
	if (kb < MIN_FREE_KBYTES_LO || kb > MIN_FREE_KBYTES_HI)
		return -EINVAL;
	min_free_kbytes = (int)kb;
	setup_per_zone_pages_min();
	return 0;
}

static int cmd_min_free_kbytes(int argc, char **argv)
{
	unsigned long kb;

	if (argc > 1 && (kstrtoul(argv[1], 10, &kb) || set_min_free_kbytes(kb))) {
		mprintf("min_free_kbytes: expected 128..65536\n");
		return -1;
	}
	mprintf("%d\n", min_free_kbytes);
	return 0;
}
MONITOR_CMD("min_free_kbytes", "show or set the reserve: min_free_kbytes [KB]",
	    cmd_min_free_kbytes);
