/*
 * mm/memblock.h - the boot-time memory allocator.
 *
 * Before the buddy allocator exists, memory is described as two lists of
 * physical ranges: `memory` (usable RAM from the multiboot map) and
 * `reserved` (the kernel image, boot modules, BIOS areas, and everything
 * memblock_alloc() has handed out).  At the end of boot,
 * memblock_free_all() gives every page that is memory but not reserved to
 * the buddy allocator.
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include "lib/types.h"

#define MEMBLOCK_MAX_REGIONS 64

struct memblock_region {
	u64 base, size;
};

struct memblock_type {
	unsigned int cnt;
	const char *name;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	u64 current_limit;              /* memblock_alloc stays below this */
	struct memblock_type memory, reserved;
};

extern struct memblock memblock;

void memblock_add(u64 base, u64 size);
void memblock_reserve(u64 base, u64 size);
/* Physical address of size bytes aligned to align, zero-filled, below
 * current_limit; panics when memory runs out (boot cannot go on). */
u64 memblock_alloc(u64 size, u64 align);
bool memblock_is_reserved(u64 addr);
u64 memblock_end_of_ram(void);
/* Hand all free pages to the buddy allocator; returns how many. */
unsigned long memblock_free_all(void);

#endif
