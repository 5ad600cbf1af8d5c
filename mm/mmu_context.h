/*
 * mm/mmu_context.h - switching address spaces on a CPU.
 *
 * switch_mm() loads next's page directory and moves this CPU from prev's
 * cpu_vm_mask to next's.  next's bit is set before CR3 is loaded, so a
 * shootdown for next sent meanwhile reaches this CPU; prev's bit is
 * cleared before, and the CR3 load flushes whatever a shootdown for prev
 * would have.  Kernel threads have no mm of their own and borrow the
 * previous task's (lazy TLB), which saves a flush on every switch to and
 * from them: the CPU stays in that mm's cpu_vm_mask meanwhile, so the
 * first shootdown for that mm still reaches it - and makes it leave the
 * mm (leave_mm, from mm/tlbflush.c:flush_ipi): its bit is cleared and it
 * runs on swapper_pg_dir, so later shootdowns skip it.  Switching back to
 * a task of that mm then finds its bit clear and loads the page
 * directory again, since no shootdown reached it meanwhile.
 * Locking: switch_mm runs with the runqueue lock held (or preemption
 * off: use_mm), interrupts off; leave_mm in the shootdown interrupt.
 */
#ifndef MM_MMU_CONTEXT_H
#define MM_MMU_CONTEXT_H

#include "mm/mm_types.h"

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next, int cpu)
{
	if (prev == next) {
		if (!cpu_test_and_set(cpu, &next->cpu_vm_mask))
			write_cr3(__pa(next->pgd));     /* left it lazily */
		return;
	}
	cpu_clear(cpu, &prev->cpu_vm_mask);
	cpu_set(cpu, &next->cpu_vm_mask);
	write_cr3(__pa(next->pgd));
}

/* A lazy CPU (a kernel thread on a borrowed mm) stops holding mm's
 * translations: off its cpu_vm_mask, onto the kernel's page directory.
 * active_mm keeps its reference until the next switch. */
static inline void leave_mm(struct mm_struct *mm, int cpu)
{
	cpu_clear(cpu, &mm->cpu_vm_mask);
	write_cr3(__pa(swapper_pg_dir));
}

#endif
