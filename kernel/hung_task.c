/*
 * kernel/hung_task.c - khungtaskd: reports tasks that are stuck.
 *
 * Two kinds, checked once a second by a kernel thread:
 *
 *   - a task that has had SIGKILL pending for more than
 *     sigkill_timeout_secs (default 5) and is still alive: some kernel
 *     loop or sleep does not look at fatal signals.  That is a defect like
 *     a panic - the OOM killer and every shell's kill rely on SIGKILL
 *     ending a task promptly - and the system-call fuzzer (user/fuzz.c)
 *     counts these reports as failures;
 *   - a task that has slept uninterruptibly (D) for more than
 *     hung_task_timeout_secs (default 120, Linux's name and default)
 *     without being scheduled in between, as Linux's detector does.
 *
 * Time the machine spent stopped in a debugger (the gdb stub,
 * kernel/debug/kgdb.c) is no task's: hung_task_forget_stall makes the
 * next pass start every clock again.
 *
 * Each is reported once, with the task's kernel stack (read from the
 * frame switch_to_asm left when it was switched out; a task running on
 * another CPU is caught with every CPU's backtrace instead).  Setting a
 * timeout to 0 turns that check off.
 *
 * Data: p->sigkill_jiffies (when the pending SIGKILL arrived, kept by
 * kernel/signal.c:add_pending), p->hung_report (what was reported, so once),
 * the switch counts seen last time for the D check.
 * Locking: the task list is walked under tasklist_lock (irqsave); a task
 * to report is referenced and reported after the lock is dropped.
 */
#include "kernel/hung_task.h"
#include "kernel/kthread.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define MAX_REPORTS_PER_PASS 4

unsigned long sigkill_timeout_secs = 5;
unsigned long hung_task_timeout_secs = 120;
unsigned long hung_task_reports;

static int set_sigkill_timeout(char *val)
{
	return val && !kstrtoul(val, 10, &sigkill_timeout_secs) ? 0 : -1;
}
__setup("sigkill_timeout_secs", set_sigkill_timeout);

static int set_hung_task_timeout(char *val)
{
	return val && !kstrtoul(val, 10, &hung_task_timeout_secs) ? 0 : -1;
}
__setup("hung_task_timeout_secs", set_hung_task_timeout);

static void show_sleeping_stack(struct task_struct *p)
{
	unsigned long trace[32];

	printk(KERN_EMERG "Call Trace:\n");
	print_stack_trace(trace, save_task_stack_trace(p, trace, ARRAY_SIZE(trace)));
}

static void report(struct task_struct *p, int kind, unsigned long secs)
{
	hung_task_reports++;
	if (kind == HUNG_REPORT_SIGKILL)
		printk(KERN_ERR "INFO: task %s:%d has ignored SIGKILL for %lu s (state %ld)\n",
		       p->comm, p->pid, secs, p->state);
	else
		printk(KERN_ERR "INFO: task %s:%d blocked for more than %lu seconds\n",
		       p->comm, p->pid, secs);
	if (task_curr(p))
		trigger_all_cpu_backtrace();    /* it runs: catch it where it is */
	else
		show_sleeping_stack(p);
}

/* Which report p is due at time now, if any (0, HUNG_REPORT_D or
 * HUNG_REPORT_SIGKILL); starts p's D clock if its state or switch count
 * moved.  Under tasklist_lock. */
int hung_task_due(struct task_struct *p, unsigned long now, unsigned long *secs)
{
	lockdep_assert_held(&tasklist_lock);
	if (p->exit_state || p->pid <= 0)
		return 0;
	if (sigkill_timeout_secs && !(p->hung_report & HUNG_REPORT_SIGKILL) &&
	    fatal_signal_pending(p) &&
	    time_after(now, p->sigkill_jiffies + sigkill_timeout_secs * HZ)) {
		*secs = (now - p->sigkill_jiffies) / HZ;
		return HUNG_REPORT_SIGKILL;
	}
	if (p->state != TASK_UNINTERRUPTIBLE || p->nvcsw + p->nivcsw != p->hung_switches) {
		p->hung_switches = p->nvcsw + p->nivcsw;
		p->hung_since = now;
		return 0;
	}
	if (hung_task_timeout_secs && !(p->hung_report & HUNG_REPORT_D) &&
	    time_after(now, p->hung_since + hung_task_timeout_secs * HZ)) {
		*secs = hung_task_timeout_secs;
		return HUNG_REPORT_D;
	}
	return 0;
}

static volatile bool machine_was_stopped;

void hung_task_forget_stall(void)
{
	machine_was_stopped = true;
}

/* After a stop, every clock starts again: the stop was no task's doing. */
static void restart_clocks(struct task_struct *p, unsigned long now)
{
	p->hung_since = now;
	if (fatal_signal_pending(p))
		p->sigkill_jiffies = now;
}

/* One pass over the task list; returns how many were reported. */
int check_hung_tasks(void)
{
	struct task_struct *p, *found[MAX_REPORTS_PER_PASS];
	unsigned long flags, now = jiffies, secs[MAX_REPORTS_PER_PASS];
	int kinds[MAX_REPORTS_PER_PASS], n = 0;
	bool forget = machine_was_stopped;

	machine_was_stopped = false;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (n == MAX_REPORTS_PER_PASS)
			break;
		if (forget)
			restart_clocks(p, now);
		kinds[n] = hung_task_due(p, now, &secs[n]);
		if (kinds[n]) {
			p->hung_report |= kinds[n];
			__sync_fetch_and_add(&p->usage, 1);
			found[n++] = p;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	for (int i = 0; i < n; i++) {
		report(found[i], kinds[i], secs[i]);
		put_task_struct(found[i]);
	}
	return n;
}

static int khungtaskd(void *unused)
{
	(void)unused;
	while (!kthread_should_stop()) {
		msleep(1000);
		check_hung_tasks();
	}
	return 0;
}

void hung_task_init(void)
{
	if (!kthread_run(khungtaskd, NULL, "khungtaskd"))
		pr_err("hung_task: cannot start khungtaskd\n");
}
