/*
 * mm/highmem.c - kmap_atomic: per-CPU, per-type fixmap slots.
 *
 * Slot (cpu, type) is fixmap index FIX_KMAP_BEGIN + cpu * KM_TYPE_NR + type,
 * so the address depends only on who is mapping, never on a shared pool:
 * no lock, no sleeping.  Unmapping clears the pte and flushes that one TLB
 * entry, so a stale mapping can never be used by the next user.
 * Locking: none; interrupts are disabled around the slot's use by callers
 * that share a type with interrupt handlers.
 */
#include "mm/highmem.h"
#include "kernel/panic.h"
#include "mm/mm.h"

static enum fixed_addresses kmap_idx(enum km_type type)
{
	return FIX_KMAP_BEGIN + smp_processor_id() * KM_TYPE_NR + type;
}

void *kmap_atomic(struct page *page, enum km_type type)
{
	enum fixed_addresses idx = kmap_idx(type);

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	set_fixmap(idx, page_to_pfn(page) << PAGE_SHIFT);
	return (void *)fix_to_virt(idx);
}

void kunmap_atomic(void *addr, enum km_type type)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;

	if (vaddr < FIXADDR_START)
		return;                 /* a low page: nothing was mapped */
	BUG_ON(vaddr != fix_to_virt(kmap_idx(type)));
	clear_fixmap(kmap_idx(type));
}
