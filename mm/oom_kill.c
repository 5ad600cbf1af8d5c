/*
 * mm/oom_kill.c - what happens when no memory can be found at all.
 *
 * With processes, the OOM killer will pick the task whose death frees the
 * most memory.  Until then the report is all it can give: the request, and
 * the state of every zone, so the failure can be understood.
 * Locking: none; reporting only.
 */
#include "kernel/printk.h"
#include "mm/internal.h"
#include "mm/vmstat.h"

void out_of_memory(gfp_t gfp_mask, unsigned int order)
{
	struct zone *zone;

	count_vm_event(OOM_KILL);
	if (gfp_mask & __GFP_NOWARN)
		return;
	printk(KERN_WARNING "Out of memory: order %u, gfp 0x%x, and no process to kill\n",
	       order, gfp_mask);
	for_each_zone(zone)
		if (zone->present_pages)
			printk(KERN_WARNING "  %-7s free:%lu min:%lu low:%lu high:%lu present:%lu\n",
			       zone->name, zone->free_pages, zone->pages_min, zone->pages_low,
			       zone->pages_high, zone->present_pages);
}
