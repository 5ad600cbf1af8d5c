/*
 * mm/tlbflush.h - invalidating cached translations after a pte changes.
 *
 * Every CPU caches translations in its own TLB, so changing a pte that
 * other CPUs may have used needs a TLB shootdown: an IPI asking each of
 * them to flush, and waiting until they have.  The protocol:
 *
 *   1. change the pte(s);
 *   2. flush the local TLB if this CPU may cache them;
 *   3. IPI exactly the other CPUs that may cache them and wait for all -
 *      for a user address space, the CPUs in mm->cpu_vm_mask (those that
 *      have it loaded, lazily included); for kernel addresses, every CPU;
 *   4. only then reuse what the old translation pointed at.
 *
 * flush_tlb_page/flush_tlb_range/flush_tlb_mm act on one address space,
 * flush_tlb_kernel_range and flush_tlb_all on the kernel's (everyone).
 * __flush_tlb_one and __flush_tlb are the local-only primitives, right for
 * per-CPU mappings such as kmap_atomic slots.
 * Locking: callers may hold spinlocks, but none that a CPU spins on with
 * interrupts disabled (the IPI would never be answered).
 */
#ifndef MM_TLBFLUSH_H
#define MM_TLBFLUSH_H

#include "kernel/arch/x86.h"
#include "mm/page.h"

static inline void __flush_tlb(void) { write_cr3(read_cr3()); }

struct mm_struct;

void flush_tlb_all(void);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_page(struct mm_struct *mm, unsigned long addr);
void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/* Shootdown IPIs sent so far (one per target CPU), for tests and benches;
 * and, per CPU, the shootdowns for a user address space it received (so
 * a test can tell that none went to a CPU outside the mm's cpu_vm_mask). */
extern unsigned long tlb_shootdown_ipis;
extern unsigned long tlb_mm_ipis_received[];

#endif
