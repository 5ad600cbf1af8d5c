/*
 * mm/tlbflush.h - invalidating cached translations after a pte changes.
 *
 * flush_tlb_page drops one page's translation, flush_tlb_all every
 * non-global one (a CR3 reload), flush_tlb_mm an address space's,
 * flush_tlb_kernel_range a range of kernel addresses.  With one CPU running these act locally; the SMP issue adds
 * shootdown IPIs to other CPUs behind the same names, so callers are
 * already written for it.
 */
#ifndef MM_TLBFLUSH_H
#define MM_TLBFLUSH_H

#include "kernel/x86.h"
#include "mm/page.h"

static inline void __flush_tlb(void) { write_cr3(read_cr3()); }

static inline void flush_tlb_all(void) { __flush_tlb(); }

struct mm_struct;

/* Every user translation of an address space.  One CPU runs and only the
 * current address space can be cached, so a CR3 reload does it; SMP will
 * send IPIs to the other CPUs that have mm loaded. */
static inline void flush_tlb_mm(struct mm_struct *mm)
{
	(void)mm;
	__flush_tlb();
}

static inline void flush_tlb_page(unsigned long addr) { __flush_tlb_one(addr); }

static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	if (end - start > 32 * PAGE_SIZE) {
		__flush_tlb();          /* cheaper than many invlpg */
		return;
	}
	for (unsigned long a = start & PAGE_MASK; a < end; a += PAGE_SIZE)
		__flush_tlb_one(a);
}

#endif
