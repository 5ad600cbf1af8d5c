/*
 * mm/fixmap.h - compile-time fixed virtual addresses at the top of memory.
 *
 * Each enum fixed_addresses slot is one page, counted down from FIXADDR_TOP;
 * set_fixmap(idx, phys) maps a physical page there.  Boot code uses slots to
 * reach what the direct map does not cover (ACPI tables near the top of
 * RAM), kmap_atomic's per-CPU slots, and the LAPIC and IOAPIC registers.  One
 * page table (fixmap_pte) covers the whole top 4 MiB.  One slot is user
 * space's: the vsyscall page, read-only, at 0xffffe000 as in Linux.
 */
#ifndef MM_FIXMAP_H
#define MM_FIXMAP_H

#include "kernel/smp.h"
#include "mm/page.h"

/* kmap_atomic slot types: one slot of each per CPU (mm/highmem.h). */
enum km_type {
	KM_PTE0,
	KM_PTE1,
	KM_PTE2,                        /* rmap: a pte found by its physical address */
	KM_USER0,
	KM_USER1,
	KM_IRQ0,
	KM_IRQ1,
	KM_TYPE_NR
};

#define FIXADDR_TOP 0xfffff000UL

enum fixed_addresses {
	FIX_HOLE,                       /* the very top page stays unmapped */
	FIX_VSYSCALL,                   /* 0xffffe000: kernel/arch/vsyscall_page.asm, user read-only */
	FIX_APIC_BASE,                  /* local APIC registers (SMP) */
	FIX_IO_APIC_BASE_0,             /* I/O APIC registers (SMP) */
	FIX_ACPI_BEGIN,
	FIX_ACPI_END = FIX_ACPI_BEGIN + 31,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define fix_to_virt(idx) (FIXADDR_TOP - ((unsigned long)(idx) << PAGE_SHIFT))
#define FIXADDR_START fix_to_virt(__end_of_fixed_addresses - 1)

void fixmap_init(void);
void set_fixmap(enum fixed_addresses idx, unsigned long phys);
void set_fixmap_nocache(enum fixed_addresses idx, unsigned long phys);
void set_fixmap_user_ro(enum fixed_addresses idx, unsigned long phys);
void clear_fixmap(enum fixed_addresses idx);
pte_t fixmap_get(enum fixed_addresses idx);     /* pte_none when the slot is empty */

#endif
