/*
 * mm/fixmap.h - compile-time fixed virtual addresses at the top of memory.
 *
 * Each enum fixed_addresses slot is one page, counted down from FIXADDR_TOP;
 * set_fixmap(idx, phys) maps a physical page there.  Boot code uses slots to
 * reach what the direct map does not cover (ACPI tables near the top of
 * RAM); the LAPIC, IOAPIC and per-CPU kmap_atomic slots join later.  One
 * page table (fixmap_pte) covers the whole top 4 MiB.
 */
#ifndef MM_FIXMAP_H
#define MM_FIXMAP_H

#include "mm/page.h"

#define FIXADDR_TOP 0xfffff000UL

enum fixed_addresses {
	FIX_HOLE,                       /* the very top page stays unmapped */
	FIX_ACPI_BEGIN,
	FIX_ACPI_END = FIX_ACPI_BEGIN + 31,
	__end_of_fixed_addresses
};

#define fix_to_virt(idx) (FIXADDR_TOP - ((unsigned long)(idx) << PAGE_SHIFT))
#define FIXADDR_START fix_to_virt(__end_of_fixed_addresses - 1)

void fixmap_init(void);
void set_fixmap(enum fixed_addresses idx, unsigned long phys);
void clear_fixmap(enum fixed_addresses idx);

#endif
