/*
 * mm/bench_page_alloc.c - what an allocation costs: order-0 through the
 * per-CPU list (the fast path), order-0 forced through the zone lock, and
 * order-3 (always the buddy lists).  Each figure is the mean of BENCH_OPS
 * alloc+free pairs, in TSC cycles and nanoseconds.
 * Locking: runs alone on the boot CPU; the zone-path benchmark changes this
 * CPU's pcp high/batch and restores them.
 */
#include "kernel/arch/x86.h"
#include "kernel/debug/bench.h"
#include "mm/gfp.h"
#include "mm/mmzone.h"

#define BENCH_OPS 20000

static void bench_alloc_free(const char *name, gfp_t gfp, unsigned int order)
{
	struct page *warm = alloc_pages(gfp, order);     /* fill the pcp list first */
	u64 start;

	__free_pages(warm, order);
	start = rdtsc();
	for (int i = 0; i < BENCH_OPS; i++)
		__free_pages(alloc_pages(gfp, order), order);
	bench_report_per_op(name, rdtsc() - start, BENCH_OPS);
}

KBENCH(page_alloc, order0_pcp,
       "alloc_page + free of one page through the per-CPU lists: no zone lock")
{
	bench_alloc_free("page_alloc_order0_pcp", GFP_KERNEL, 0);
}

/* high 0 and batch 1: every order-0 alloc refills one page under the zone
 * lock and every free drains it straight back. */
KBENCH(page_alloc, order0_zone,
       "the same with the pcp list off (high 0, batch 1): every page through the zone lock and the buddy lists")
{
	struct zone *zone = &contig_page_data.node_zones[ZONE_NORMAL];
	struct per_cpu_pages *pcp;
	int high, batch;

	if (!zone->present_pages)
		zone = &contig_page_data.node_zones[ZONE_DMA];
	pcp = &zone->pcp[smp_processor_id()];
	drain_local_pages();
	high = pcp->high;
	batch = pcp->batch;
	pcp->high = 0;
	pcp->batch = 1;
	bench_alloc_free("page_alloc_order0_zone",
			 zone_idx(zone) == ZONE_DMA ? GFP_DMA : GFP_KERNEL, 0);
	pcp->high = high;
	pcp->batch = batch;
}

KBENCH(page_alloc, order3,
       "an order-3 block: splitting and merging buddies under the zone lock")
{
	bench_alloc_free("page_alloc_order3", GFP_KERNEL, 3);
}
