/*
 * kernel/arch/doublefault.c - surviving a double fault long enough to report it.
 *
 * A double fault (#DF) usually means the kernel stack is gone: the CPU
 * could not push the frame for an exception, so it cannot push one for #DF
 * either, and an ordinary interrupt gate would end in a triple fault - a
 * silent reset.  So vector 8 is a *task gate*: the CPU saves the faulting
 * context into its init_tss and switches to its doublefault_tss, which has
 * its own stack, its own entry point and the kernel's page directory.  From
 * there we print the saved registers and panic.
 *
 * Data: per CPU (arrays, since they must exist before per-CPU areas do) a
 * double-fault TSS and a THREAD_SIZE stack whose thread_info names the CPU,
 * so smp_processor_id() works on it, and - filled in when the fault comes -
 * the task that was running there, so the panic names it.  Locking: none;
 * the handler never returns.
 */
#include "kernel/arch/gdt.h"
#include "kernel/arch/traps.h"
#include "kernel/kallsyms.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "mm/mm.h"
#include "mm/page.h"

union doublefault_stack {
	struct thread_info info;
	u8 stack[THREAD_SIZE];
};

static union doublefault_stack doublefault_stacks[NR_CPUS] __attribute__((aligned(THREAD_SIZE)));
static struct tss doublefault_tss[NR_CPUS];

/*
 * The task whose kernel stack ran out: the TSS's esp0 is the top of the
 * stack of the task last switched to on this CPU (sched.c:schedule sets it),
 * so its thread_info sits at the bottom of that stack.  An overflow may
 * have written over that thread_info, so its task pointer is believed
 * only if it points into the direct map (where the task slab is) and
 * back at the same stack; the stack itself (vmalloc'd) is always mapped.
 */
static struct task_struct *faulting_task(const struct tss *t)
{
	struct thread_info *ti = (struct thread_info *)((t->esp0 - 1) & ~(THREAD_SIZE - 1));
	struct task_struct *p;

	if (t->esp0 <= PAGE_OFFSET)
		return NULL;
	p = ti->task;
	return p && virt_addr_valid(p) && p->thread_info == ti ? p : NULL;
}

static void __attribute__((noreturn, used)) doublefault_fn(void)
{
	int cpu = smp_processor_id();
	const struct tss *t = &per_cpu(init_tss, cpu);
	char sym[128];

	oops_in_progress = 1;
	doublefault_stacks[cpu].info.task = faulting_task(t);  /* for current */
	sprint_symbol(sym, sizeof(sym), t->eip);
	printk(KERN_EMERG "PANIC: double fault on CPU#%d, kernel stack probably overflowed\n",
	       smp_processor_id());
	printk(KERN_EMERG "EIP: %04x:[<%08x>] EFLAGS: %08x  %s\n", t->cs, t->eip,
	       t->eflags, sym);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", t->eax, t->ebx,
	       t->ecx, t->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n", t->esi, t->edi,
	       t->ebp, t->esp);
	show_trace(t->eip, t->ebp);
	panic("double fault");
}

struct tss *doublefault_tss_of(int cpu)
{
	return &doublefault_tss[cpu];
}

/* The page directory is only known at run time (its physical address). */
void doublefault_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct tss *t = &doublefault_tss[cpu];

		doublefault_stacks[cpu].info.cpu = cpu;
		*t = (struct tss){
			.esp = (u32)&doublefault_stacks[cpu + 1],
			.ss = __KERNEL_DS,
			.eip = (u32)doublefault_fn,
			.eflags = 0x2,          /* reserved bit 1; interrupts off */
			.cs = __KERNEL_CS,
			.ds = __KERNEL_DS,
			.es = __KERNEL_DS,
			.cr3 = __pa(swapper_pg_dir),
			.iomap_base = sizeof(struct tss),
		};
	}
}
