/*
 * mm/fixmap.c - the fixmap page table.
 *
 * Data: fixmap_pte, the page table for the last 4 MiB of the address space,
 * hooked into swapper_pg_dir (shared by every later page directory, so a
 * fixmap mapping is visible everywhere).  All its slots are the kernel's
 * but FIX_VSYSCALL, which user mode may read and run.
 * Locking: each slot has one owner; set/clear flush only that page.
 */
#include "mm/fixmap.h"
#include "kernel/arch/x86.h"
#include "mm/pgtable.h"

static pte_t fixmap_pte[PTRS_PER_PTE] __attribute__((aligned(4096), section(".bss.pgtable")));

/* The directory entry allows user access (x86 wants it at both levels)
 * for the one user slot, FIX_VSYSCALL; every other pte in the table is
 * kernel-only, and that is what protects it. */
void fixmap_init(void)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(FIXADDR_TOP), FIXADDR_TOP);

	set_pmd(pmd, __pmd(__pa(fixmap_pte) | _PAGE_TABLE));
}

static pte_t *fixmap_slot(enum fixed_addresses idx)
{
	return &fixmap_pte[(fix_to_virt(idx) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)];
}

pte_t fixmap_get(enum fixed_addresses idx)
{
	return *fixmap_slot(idx);
}

static void set_fixmap_prot(enum fixed_addresses idx, unsigned long phys, pgprot_t prot)
{
	set_pte(fixmap_slot(idx), pfn_pte(phys >> PAGE_SHIFT, prot));
	__flush_tlb_one(fix_to_virt(idx));
}

void set_fixmap(enum fixed_addresses idx, unsigned long phys)
{
	set_fixmap_prot(idx, phys, PAGE_KERNEL);
}

/* Device registers must not be cached: every read has to reach the device. */
void set_fixmap_nocache(enum fixed_addresses idx, unsigned long phys)
{
	set_fixmap_prot(idx, phys, PAGE_KERNEL_NOCACHE);
}

/* Readable and executable by user mode (i386 has no NX), never writable. */
void set_fixmap_user_ro(enum fixed_addresses idx, unsigned long phys)
{
	set_fixmap_prot(idx, phys, __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED));
}

void clear_fixmap(enum fixed_addresses idx)
{
	pte_clear(fixmap_slot(idx));
	__flush_tlb_one(fix_to_virt(idx));
}
