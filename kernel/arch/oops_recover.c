/*
 * kernel/arch/oops_recover.c - leaving a function that oopsed, when it is
 * safe to (kernel/arch/oops_recover.h): the checks, and the bookkeeping
 * around the assembly halves of kernel/arch/recoverable.asm.
 *
 * Data: the caller's struct oops_recovery, named by
 * current->oops_recovery while the call runs.
 * Locking: the task's own record; oops_recover runs in die(), with
 * interrupts off, on the oopsing task's stack.
 */
#include "kernel/arch/oops_recover.h"
#include "kernel/arch/ptrace.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"

int __call_recoverable(int (*fn)(void), struct oops_recovery *r);
void oops_recover_jump(struct oops_recovery *r) __attribute__((noreturn));

int call_recoverable(int (*fn)(void), struct oops_recovery *r)
{
	int ret;

	r->oopsed = false;
	r->preempt_count = preempt_count();
	r->mutexes_held = current->held_mutexes.depth;
	current->oops_recovery = r;
	ret = __call_recoverable(fn, r);
	current->oops_recovery = NULL;
	return ret;
}

/* Why the oops at regs cannot be left, or NULL if it can. */
static const char *unrecoverable(const struct pt_regs *regs, const struct oops_recovery *r)
{
	if (user_mode(regs))
		return "user mode";
	if (in_interrupt())
		return "in an interrupt handler";
	if (preempt_count() != r->preempt_count)
		return "a spinlock held, or preemption off";
	if (current->held_mutexes.depth != r->mutexes_held)
		return "a mutex held";
	return NULL;
}

void oops_recover(const struct pt_regs *regs)
{
	struct oops_recovery *r = current->oops_recovery;
	const char *why;

	if (!r)
		return;
	why = unrecoverable(regs, r);
	if (why) {
		printk(KERN_EMERG "Oops not recovered: %s\n", why);
		return;
	}
	current->oops_recovery = NULL;
	r->oopsed = true;
	printk(KERN_EMERG "Oops recovered: the call returns -EFAULT; what it did before the oops stays\n");
	oops_in_progress = 0;
	oops_recover_jump(r);
}
