/*
 * kernel/idle.c - the idle loop, run by each CPU's idle task.
 *
 * On the way into idleness a CPU gives its per-CPU free pages back to the
 * buddy lists: pages parked on a CPU that is not allocating are memory
 * nobody else can use, and the list refills in one batch later.  Then it
 * halts until an interrupt.  need_resched is tested with interrupts off
 * and "sti; hlt" is atomic, so a wake-up IPI arriving between the test and
 * the halt still ends the halt.
 * Locking: none.  The idle task runs with preemption off, so an interrupt
 * never switches away from the middle of the loop: every switch goes
 * through the schedule() call below, and every return to idleness drains.
 */
#include "kernel/idle.h"
#include "kernel/arch/x86.h"
#include "kernel/sched.h"
#include "mm/gfp.h"

void cpu_idle(void)
{
	preempt_disable();              /* the idle task switches only here */
	for (;;) {
		drain_local_pages();
		while (!need_resched()) {
			local_irq_disable();
			if (need_resched())
				local_irq_enable();
			else
				safe_halt();
		}
		preempt_enable_no_resched();
		schedule();
		preempt_disable();
	}
}
