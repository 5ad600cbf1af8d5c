/*
 * kernel/smp.h - the multiprocessor interface: which CPU am I, which CPUs
 * run, and asking other CPUs to do something.
 *
 * smp_call_function_many(mask, func, info, wait) runs func(info) on each
 * CPU in mask (never the caller) from an inter-processor interrupt;
 * on_each_cpu() runs it on the caller too.  With wait, the call returns
 * once every target has finished.  A caller that waits also serves the
 * calls queued to it meanwhile, so two CPUs calling each other with
 * interrupts disabled do not deadlock; the rule that remains is Linux's:
 * func runs in interrupt context and must not sleep, and the caller must
 * not hold a lock that func takes.  A target that has not answered
 * after ipi_timeout_ms is reported, with its backtrace.
 *
 * get_cpu()/put_cpu() pin the caller to its CPU (preemption off) while it
 * uses per-CPU data.  smp_send_reschedule() pokes a CPU to call schedule().
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include "kernel/cpumask.h"
#include "kernel/preempt.h"

static inline int get_cpu(void)
{
	preempt_disable();
	return smp_processor_id();
}

static inline void put_cpu(void) { preempt_enable(); }

typedef void (*smp_call_func_t)(void *info);

void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info, bool wait);
void smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait);
/* Every other online CPU. */
void smp_call_function(smp_call_func_t func, void *info, bool wait);
/* Every online CPU, the caller included (its call runs with irqs off). */
void on_each_cpu(smp_call_func_t func, void *info, bool wait);

void smp_send_reschedule(int cpu);
/* Stop the other CPUs (panic): they halt with interrupts off. */
void smp_send_stop(void);
/* Ask every other CPU to print its registers and backtrace, by NMI so a
 * CPU spinning with interrupts off answers too (hang reports). */
void trigger_all_cpu_backtrace(void);
/* How long a waiting caller lets a target leave its call unanswered
 * before it reports the target with an NMI backtrace (and waits on). */
extern unsigned int ipi_timeout_ms;

/* Boot: find the CPUs, then start the others (kernel/arch/smpboot.c). */
void smp_prepare_cpus(void);
void smp_boot_cpus(void);
void smp_init_ipis(void);

#endif
