/*
 * kernel/smp.c - talking to other CPUs: function calls by IPI, reschedule
 * IPIs, stopping CPUs, and NMI backtraces.
 *
 * Data: cpu_online_map/cpu_possible_map; per CPU a call queue (a list of
 * struct call_single_data under its lock).  smp_call_function_many puts one
 * entry on each target's queue, sends CALL_FUNCTION_VECTOR, and (with wait)
 * spins until each entry's `pending` drops - serving its own queue while it
 * spins, so CPUs calling each other never wait on each other forever;
 * a target silent for ipi_timeout_ms is reported with an NMI backtrace.
 * Locking: queue locks with interrupts off; entries live on the caller's
 * stack, which stays valid because the caller waits (or, without wait, the
 * entry is copied to a per-CPU slot the target owns until it runs).
 */
#include "kernel/smp.h"
#include "drivers/apic.h"
#include "kernel/arch/traps.h"
#include "kernel/kallsyms.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/list.h"

cpumask_t cpu_online_map = { 1 };
cpumask_t cpu_possible_map = { 1 };

struct call_single_data {
	struct list_head list;
	smp_call_func_t func;
	void *info;
	volatile int pending;
};

struct call_queue {
	spinlock_t lock;
	struct list_head list;
};

static DEFINE_PER_CPU(struct call_queue, call_queues);
static cpumask_t backtrace_mask;
static DEFINE_SPINLOCK(backtrace_lock);
static volatile bool stopping;

/* Run every call queued to this CPU (interrupt handler, and waiters). */
static void run_call_queue(void)
{
	struct call_queue *q = &__get_cpu_var(call_queues);
	unsigned long flags;

	for (;;) {
		struct call_single_data *csd;

		spin_lock_irqsave(&q->lock, flags);
		if (list_empty(&q->list)) {
			spin_unlock_irqrestore(&q->lock, flags);
			return;
		}
		csd = list_first_entry(&q->list, struct call_single_data, list);
		list_del(&csd->list);
		spin_unlock_irqrestore(&q->lock, flags);
		csd->func(csd->info);
		__sync_synchronize();
		csd->pending = 0;
	}
}

static void call_function_interrupt(struct pt_regs *regs)
{
	(void)regs;
	apic_eoi();
	run_call_queue();
}

static void reschedule_interrupt(struct pt_regs *regs)
{
	(void)regs;
	apic_eoi();                     /* the work is the need_resched check on return */
}

static void queue_call(int cpu, struct call_single_data *csd)
{
	struct call_queue *q = &per_cpu(call_queues, cpu);
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&csd->list, &q->list);
	spin_unlock_irqrestore(&q->lock, flags);
	apic_send_ipi(mp_config.apic_id[cpu], CALL_FUNCTION_VECTOR);
}

static bool any_pending(struct call_single_data *csd, cpumask_t mask)
{
	int cpu;

	for_each_cpu_mask(cpu, mask)
		if (csd[cpu].pending)
			return true;
	return false;
}

/* Print the registers and call chain of each CPU in mask, by NMI, waiting
 * up to a second for them.  printk's lock is bypassed meanwhile: a CPU
 * interrupted while holding it must still be able to print. */
static void nmi_backtrace_cpus(cpumask_t mask)
{
	int cpu;

	if (!apic_enabled)
		return;
	oops_in_progress++;
	backtrace_mask = mask;
	for_each_cpu_mask(cpu, mask)
		apic_send_nmi(mp_config.apic_id[cpu]);
	for (int i = 0; i < 1000 && !cpus_empty(backtrace_mask); i++)
		mdelay(1);
	oops_in_progress--;
}

unsigned int ipi_timeout_ms = 10000;

/* A CPU that leaves a call unanswered this long has had interrupts off
 * all that time: a hang in the making.  Name it, show where it is, and
 * go on waiting (a slow CPU may still answer). */
static void report_unanswered(struct call_single_data *csd, cpumask_t mask)
{
	cpumask_t late = CPU_MASK_NONE;
	int cpu;

	char func[64];

	for_each_cpu_mask(cpu, mask)
		if (csd[cpu].pending) {
			cpu_set(cpu, &late);
			sprint_symbol(func, sizeof(func), (unsigned long)csd[cpu].func);
			printk(KERN_ERR "smp_call_function: CPU#%d has not run %s for %u ms "
			       "(interrupts off?); its backtrace follows\n", cpu, func,
			       ipi_timeout_ms);
		}
	nmi_backtrace_cpus(late);
}

/* Spin until every target has run its call, serving our own queue. */
static void wait_for_calls(struct call_single_data *csd, cpumask_t mask)
{
	u64 start = ktime_get_ns();
	bool reported = false;

	while (any_pending(csd, mask)) {
		run_call_queue();
		cpu_relax();
		if (!reported && ktime_get_ns() - start > (u64)ipi_timeout_ms * 1000000) {
			report_unanswered(csd, mask);
			reported = true;
		}
	}
}

/* Without wait, the entry must outlive this call: a per-CPU slot per
 * target, reused once its previous call has run. */
static DEFINE_PER_CPU(struct call_single_data[NR_CPUS], async_csd);

void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info, bool wait)
{
	struct call_single_data sync_csd[NR_CPUS], *csd;
	int me = get_cpu(), cpu;

	mask = cpus_and(mask, cpu_online_map);
	cpu_clear(me, &mask);
	csd = wait ? sync_csd : __get_cpu_var(async_csd);
	for_each_cpu_mask(cpu, mask) {
		while (!wait && csd[cpu].pending)   /* an earlier async call to cpu */
			run_call_queue();
		csd[cpu] = (struct call_single_data){ .func = func, .info = info, .pending = 1 };
		queue_call(cpu, &csd[cpu]);
	}
	if (wait)
		wait_for_calls(csd, mask);
	put_cpu();
}

void smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait)
{
	if (cpu == get_cpu()) {
		unsigned long flags = local_irq_save();

		func(info);
		local_irq_restore(flags);
	} else {
		smp_call_function_many(cpumask_of_cpu(cpu), func, info, wait);
	}
	put_cpu();
}

void smp_call_function(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function_many(cpu_online_map, func, info, wait);
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	unsigned long flags;

	preempt_disable();
	smp_call_function(func, info, wait);
	flags = local_irq_save();
	func(info);
	local_irq_restore(flags);
	preempt_enable();
}

void smp_send_reschedule(int cpu)
{
	if (apic_enabled)
		apic_send_ipi(mp_config.apic_id[cpu], RESCHEDULE_VECTOR);
}

/* panic(): park the other CPUs by NMI, which they take even with
 * interrupts off; they never return from nmi_backtrace_handler. */
void smp_send_stop(void)
{
	int me = smp_processor_id(), cpu;

	if (!apic_enabled || stopping)
		return;
	stopping = true;
	for_each_online_cpu(cpu)
		if (cpu != me)
			apic_send_nmi(mp_config.apic_id[cpu]);
}

/* Each CPU in backtrace_mask prints its registers and call chain; used
 * on the way to ending the machine (hung test, lockup). */
void trigger_all_cpu_backtrace(void)
{
	int me = smp_processor_id();
	cpumask_t others;

	/* The machine is being ended: a CPU stopped inside printk must not
	 * keep the others from printing. */
	oops_in_progress = 1;
	printk(KERN_EMERG "Backtraces of all CPUs (this is CPU#%d):\n", me);
	dump_stack();
	others = cpu_online_map;
	cpu_clear(me, &others);
	nmi_backtrace_cpus(others);
}

bool nmi_backtrace_handler(struct pt_regs *regs)
{
	int cpu = smp_processor_id();

	if (stopping) {
		for (;;)
			halt();
	}
	if (!cpu_isset(cpu, backtrace_mask))
		return false;
	raw_spin_lock(&backtrace_lock.raw);     /* keep the reports apart */
	printk(KERN_EMERG "NMI backtrace for CPU#%d (task %s/%d):\n", cpu, current->comm,
	       current->pid);
	show_regs(regs);
	show_trace(regs->eip, regs->ebp);
	raw_spin_unlock(&backtrace_lock.raw);
	cpu_clear(cpu, &backtrace_mask);
	return true;
}

void smp_init_ipis(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct call_queue *q = &per_cpu(call_queues, cpu);

		spin_lock_init(&q->lock);
		INIT_LIST_HEAD(&q->list);
	}
	set_intr_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
	set_intr_handler(RESCHEDULE_VECTOR, reschedule_interrupt);
}
