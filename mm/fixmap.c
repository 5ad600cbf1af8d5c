/*
 * mm/fixmap.c - the fixmap page table.
 *
 * Data: fixmap_pte, the page table for the last 4 MiB of the address space,
 * hooked into swapper_pg_dir (shared by every later page directory, so a
 * fixmap mapping is visible everywhere).
 * Locking: each slot has one owner; set/clear flush only that page.
 */
#include "mm/fixmap.h"
#include "kernel/arch/x86.h"

static pte_t fixmap_pte[PTRS_PER_PTE] __attribute__((aligned(4096), section(".bss.pgtable")));

void fixmap_init(void)
{
	swapper_pg_dir[PTRS_PER_PGD - 1] = __pa(fixmap_pte) | _PAGE_PRESENT | _PAGE_RW;
}

static pte_t *fixmap_slot(enum fixed_addresses idx)
{
	return &fixmap_pte[(fix_to_virt(idx) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)];
}

pte_t fixmap_get(enum fixed_addresses idx)
{
	return *fixmap_slot(idx);
}

static void set_fixmap_flags(enum fixed_addresses idx, unsigned long phys, pte_t flags)
{
	*fixmap_slot(idx) = (phys & PAGE_MASK) | _PAGE_PRESENT | _PAGE_RW | flags;
	__flush_tlb_one(fix_to_virt(idx));
}

void set_fixmap(enum fixed_addresses idx, unsigned long phys)
{
	set_fixmap_flags(idx, phys, 0);
}

/* Device registers must not be cached: every read has to reach the device. */
void set_fixmap_nocache(enum fixed_addresses idx, unsigned long phys)
{
	set_fixmap_flags(idx, phys, _PAGE_PCD | _PAGE_PWT);
}

void clear_fixmap(enum fixed_addresses idx)
{
	*fixmap_slot(idx) = 0;
	__flush_tlb_one(fix_to_virt(idx));
}
