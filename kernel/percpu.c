/*
 * kernel/percpu.c - giving every CPU its copy of .data.percpu.
 *
 * Data: __per_cpu_offset[], the distance from the section (CPU 0's copy)
 * to each CPU's copy.  Copies come from the page allocator in low memory,
 * one block per CPU, aligned to a page so no two CPUs share a cache line.
 * Locking: runs once on the boot CPU before the others start.
 */
#include "kernel/percpu.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/page.h"

extern char __per_cpu_start[], __per_cpu_end[];

unsigned long __per_cpu_offset[NR_CPUS];

static unsigned int size_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void setup_per_cpu_areas(unsigned int nr_possible)
{
	unsigned long size = (unsigned long)(__per_cpu_end - __per_cpu_start);
	unsigned int order = size_order(size);

	for (unsigned int cpu = 1; cpu < nr_possible && cpu < NR_CPUS; cpu++) {
		char *area = (char *)__get_free_pages(GFP_KERNEL, order);

		if (!area)
			panic("percpu: no memory for CPU%u's area (%lu bytes)", cpu, size);
		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)(area - __per_cpu_start);
	}
	pr_info("percpu: %lu bytes per CPU, %u areas\n", size, nr_possible);
}
