/*
 * mm/tlbflush.c - TLB shootdown: flushing other CPUs' translations.
 *
 * Data: struct flush_info (what to flush), passed to each target by
 * smp_call_function_many; tlb_shootdown_ipis counts targets,
 * tlb_mm_ipis_received the user-mm shootdowns each CPU took.
 * Locking: none of its own; see mm/tlbflush.h for the callers' rule.
 */
#include "mm/tlbflush.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "mm/mm_types.h"
#include "mm/mmu_context.h"

/* Beyond this many pages one CR3 reload is cheaper than invlpg each. */
#define FLUSH_ONE_BY_ONE_MAX 32

struct flush_info {
	struct mm_struct *mm;           /* NULL: kernel addresses */
	unsigned long start, end;       /* end 0: everything */
};

unsigned long tlb_shootdown_ipis;
unsigned long tlb_mm_ipis_received[NR_CPUS];      /* each CPU writes its own */

static void flush_local(const struct flush_info *f)
{
	if (!f->end || f->end - f->start > FLUSH_ONE_BY_ONE_MAX * PAGE_SIZE) {
		__flush_tlb();
		return;
	}
	for (unsigned long a = f->start & PAGE_MASK; a < f->end; a += PAGE_SIZE)
		__flush_tlb_one(a);
}

/* On a target CPU.  A CPU that has switched to another mm since it was
 * listed reloaded CR3 on the way, so it has nothing left to flush.  A
 * lazy one (a kernel thread borrowing the mm) leaves the mm instead of
 * flushing: it needs none of its translations, and off cpu_vm_mask it
 * gets no more shootdowns for it (mm/mmu_context.h). */
static void flush_ipi(void *info)
{
	const struct flush_info *f = info;

	if (f->mm)
		tlb_mm_ipis_received[smp_processor_id()]++;
	if (f->mm && current->active_mm != f->mm)
		return;
	if (f->mm && !current->mm) {
		leave_mm(f->mm, smp_processor_id());
		return;
	}
	flush_local(f);
}

static void flush_cpus(cpumask_t mask, struct flush_info *f)
{
	int me = get_cpu();

	if (cpu_isset(me, mask))
		flush_local(f);
	cpu_clear(me, &mask);
	mask = cpus_and(mask, cpu_online_map);
	if (!cpus_empty(mask)) {
		__sync_fetch_and_add(&tlb_shootdown_ipis, (unsigned long)cpus_weight(mask));
		smp_call_function_many(mask, flush_ipi, f, true);
	}
	put_cpu();
}

void flush_tlb_all(void)
{
	struct flush_info f = { NULL, 0, 0 };

	flush_cpus(cpu_online_map, &f);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct flush_info f = { NULL, start, end };

	flush_cpus(cpu_online_map, &f);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	struct flush_info f = { mm, 0, 0 };

	flush_cpus(mm->cpu_vm_mask, &f);
}

void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct flush_info f = { mm, start, end };

	flush_cpus(mm->cpu_vm_mask, &f);
}

void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	flush_tlb_range(mm, addr, addr + PAGE_SIZE);
}
