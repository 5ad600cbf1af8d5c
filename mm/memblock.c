/*
 * mm/memblock.c - the boot-time memory allocator.
 *
 * Data: `memblock`, two sorted arrays of non-overlapping physical ranges,
 * memory and reserved.  Adding a range that touches or overlaps others
 * merges them, so the arrays stay short and a lookup is a linear scan.
 * Allocation is first fit from the top, below current_limit (the end of
 * what is mapped at that point of boot).
 * Locking: boot only, one CPU.
 */
#include "mm/memblock.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/internal.h"
#include "mm/mm.h"

struct memblock memblock = {
	.memory = { .name = "memory" },
	.reserved = { .name = "reserved" },
};

static void remove_region(struct memblock_type *type, unsigned int i)
{
	memmove(&type->regions[i], &type->regions[i + 1],
		(type->cnt - i - 1) * sizeof(type->regions[0]));
	type->cnt--;
}

/* Insert [base, base+size), merging with every range it touches. */
static void memblock_add_range(struct memblock_type *type, u64 base, u64 size)
{
	u64 end = base + size;
	unsigned int i = 0;

	if (!size)
		return;
	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];

		if (r->base + r->size < base) {
			i++;
			continue;
		}
		if (r->base > end)
			break;
		base = min(base, r->base);      /* touching or overlapping: absorb */
		end = max(end, r->base + r->size);
		remove_region(type, i);
	}
	if (type->cnt == MEMBLOCK_MAX_REGIONS)
		panic("memblock: too many %s regions", type->name);
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i].base = base;
	type->regions[i].size = end - base;
	type->cnt++;
}

void memblock_add(u64 base, u64 size)
{
	memblock_add_range(&memblock.memory, base, size);
}

void memblock_reserve(u64 base, u64 size)
{
	memblock_add_range(&memblock.reserved, base, size);
}

/* The reserved region overlapping [base, base+size), or NULL. */
static const struct memblock_region *reserved_overlap(u64 base, u64 size)
{
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < base + size && base < r->base + r->size)
			return r;
	}
	return NULL;
}

bool memblock_is_reserved(u64 addr)
{
	return reserved_overlap(addr, 1) != NULL;
}

/*
 * Top-down first fit: boot allocations (page tables, mem_map) come from the
 * highest free low memory, so ZONE_DMA - small and needed by old devices -
 * is left alone.
 */
static u64 find_free_range(u64 size, u64 align)
{
	for (int i = (int)memblock.memory.cnt - 1; i >= 0; i--) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		u64 end = min(m->base + m->size, memblock.current_limit);
		const struct memblock_region *r;

		if (end < m->base + size)
			continue;
		u64 cand = (end - size) & ~(align - 1);

		while (cand >= m->base) {
			r = reserved_overlap(cand, size);
			if (!r)
				return cand;
			if (r->base < m->base + size)
				break;
			cand = (r->base - size) & ~(align - 1);
		}
	}
	return 0;
}

u64 memblock_alloc(u64 size, u64 align)
{
	u64 addr = find_free_range(size, align);

	if (!addr)
		panic("memblock: out of memory allocating %llu bytes below %#llx", size,
		      memblock.current_limit);
	memblock_reserve(addr, size);
	memset(__va(addr), 0, size);
	return addr;
}

u64 memblock_end_of_ram(void)
{
	const struct memblock_type *m = &memblock.memory;

	return m->cnt ? m->regions[m->cnt - 1].base + m->regions[m->cnt - 1].size : 0;
}

/* Largest buddy order starting at pfn that stays below end_pfn. */
static unsigned int block_order(unsigned long pfn, unsigned long end_pfn)
{
	unsigned int order = 0;

	while (order + 1 < MAX_ORDER && !(pfn & ((2UL << order) - 1)) &&
	       pfn + (2UL << order) <= end_pfn)
		order++;
	return order;
}

/* Free the non-reserved pages of [start_pfn, end_pfn) in big blocks. */
static unsigned long free_pfn_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, freed = 0;

	while (pfn < end_pfn) {
		u64 addr = (u64)pfn << PAGE_SHIFT;
		const struct memblock_region *r = reserved_overlap(addr, PAGE_SIZE);

		if (r) {                        /* skip to the end of the reservation */
			pfn = (unsigned long)((r->base + r->size + PAGE_SIZE - 1) >> PAGE_SHIFT);
			continue;
		}
		unsigned long stop = end_pfn;
		const struct memblock_region *next = NULL;

		for (unsigned int i = 0; i < memblock.reserved.cnt && !next; i++)
			if (memblock.reserved.regions[i].base > addr)
				next = &memblock.reserved.regions[i];
		if (next && (next->base >> PAGE_SHIFT) < stop)
			stop = (unsigned long)(next->base >> PAGE_SHIFT);
		while (pfn < stop) {
			unsigned int order = block_order(pfn, stop);

			free_bootmem_block(pfn_to_page(pfn), order);
			freed += 1UL << order;
			pfn += 1UL << order;
		}
	}
	return freed;
}

unsigned long memblock_free_all(void)
{
	unsigned long freed = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long start = (unsigned long)(m->base >> PAGE_SHIFT);
		unsigned long end = (unsigned long)((m->base + m->size) >> PAGE_SHIFT);

		/* Split at the lowmem boundary: no buddy block spans two zones. */
		freed += free_pfn_range(start, min(end, max_low_pfn));
		freed += free_pfn_range(max(start, max_low_pfn), min(end, max_pfn));
	}
	return freed;
}
