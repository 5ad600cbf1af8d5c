/*
 * mm/mmu_context.h - switching address spaces on a CPU.
 *
 * switch_mm() loads next's page directory and moves this CPU from prev's
 * cpu_vm_mask to next's.  next's bit is set before CR3 is loaded, so a
 * shootdown for next sent meanwhile reaches this CPU; prev's bit is
 * cleared before, and the CR3 load flushes whatever a shootdown for prev
 * would have.  Kernel threads have no mm of their own and borrow the
 * previous task's (lazy TLB), which saves a flush on every switch to and
 * from them: the CPU stays in that mm's cpu_vm_mask meanwhile.
 * Locking: runs with the runqueue lock held, interrupts off.
 */
#ifndef MM_MMU_CONTEXT_H
#define MM_MMU_CONTEXT_H

#include "mm/mm_types.h"

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next, int cpu)
{
	if (prev == next)
		return;
	cpu_clear(cpu, &prev->cpu_vm_mask);
	cpu_set(cpu, &next->cpu_vm_mask);
	write_cr3(__pa(next->pgd));
}

#endif
