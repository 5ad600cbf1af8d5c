/*
 * kernel/preempt.h - preempt_count: may this CPU switch tasks right now?
 *
 * One word per task (thread_info->preempt_count), split like Linux 2.6's:
 *
 *   bits  0-7   preemption-disable depth (preempt_disable, spin_lock, ...)
 *   bits 16-27  hardirq nesting (irq_enter/irq_exit)
 *   bit  28     PREEMPT_ACTIVE: schedule() was entered by preemption, so
 *               the task stays on the runqueue whatever its state says
 *
 * Non-zero (ignoring PREEMPT_ACTIVE) means "atomic": no sleeping, no task
 * switch.  preempt_enable() that brings the count to zero reschedules if
 * TIF_NEED_RESCHED was set meanwhile.  The barriers keep the compiler from
 * moving memory accesses out of the protected region.
 * Locking: the count belongs to the running task; nothing else writes it.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "kernel/arch/thread_info.h"

#define PREEMPT_OFFSET 1u
#define PREEMPT_MASK 0x000000ffu
#define HARDIRQ_OFFSET 0x00010000u
#define HARDIRQ_MASK 0x0fff0000u
#define PREEMPT_ACTIVE 0x10000000u

static inline unsigned int preempt_count(void)
{
	return (unsigned int)current_thread_info()->preempt_count;
}

static inline void add_preempt_count(unsigned int n)
{
	current_thread_info()->preempt_count += (int)n;
	barrier();
}

static inline void sub_preempt_count(unsigned int n)
{
	barrier();
	current_thread_info()->preempt_count -= (int)n;
}

#define in_irq() (preempt_count() & HARDIRQ_MASK)
#define in_interrupt() (preempt_count() & HARDIRQ_MASK)
#define in_atomic() ((preempt_count() & ~PREEMPT_ACTIVE) != 0)

/* Called by preempt_enable when the count reaches zero with a reschedule
 * pending (kernel/sched.c). */
void preempt_schedule(void);

static inline void preempt_disable(void) { add_preempt_count(PREEMPT_OFFSET); }
static inline void preempt_enable_no_resched(void) { sub_preempt_count(PREEMPT_OFFSET); }

static inline void preempt_enable(void)
{
	preempt_enable_no_resched();
	if (unlikely(need_resched()) && !preempt_count())
		preempt_schedule();
}

#endif
