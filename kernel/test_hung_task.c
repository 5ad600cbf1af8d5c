/*
 * kernel/test_hung_task.c - ktests for khungtaskd (kernel/hung_task.c):
 * a kernel thread sleeping uninterruptibly with SIGKILL pending is
 * reported once as ignoring SIGKILL, with the stack it sleeps in, and a
 * thread in D state too long is reported as blocked.  The clocks are
 * moved back by hand (the task's sigkill_jiffies, hung_since) rather than
 * waited out.  A task that was created but never woken (a child between
 * copy_process and wake_up_process) is judged against a clock started at
 * its birth.  A stopped task (TASK_STOPPED) is never reported.
 * Locking: the thread and its flag are the test's own.
 */
#include "drivers/tty/console.h"
#include "kernel/debug/ktest.h"
#include "kernel/hung_task.h"
#include "kernel/kthread.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/timer.h"

static volatile bool deaf_may_go;

/* Sleeps uninterruptibly until told, whatever is pending: a stand-in for
 * a kernel loop that never looks at fatal signals. */
static int deaf_sleeper(void *unused)
{
	(void)unused;
	while (!deaf_may_go) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!deaf_may_go)
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Wait (a few seconds at most) until the reports reach want: khungtaskd
 * may find the task before the test's own pass does. */
static bool reports_reach(unsigned long want)
{
	for (int i = 0; i < 300 && hung_task_reports < want; i++) {
		check_hung_tasks();
		msleep(10);
	}
	return hung_task_reports == want;
}

static volatile int typed = -1;

static int console_reader(void *unused)
{
	(void)unused;
	typed = console_getc();
	return 0;
}

/* The kernel monitor waits at its prompt for as long as nobody types:
 * khungtaskd called it blocked after 120 s.  A reader of the console
 * sleeps interruptibly, and the byte that comes wakes it. */
KTEST(hung_task, waiting_for_console_input_is_not_a_hung_task)
{
	struct task_struct *t;

	typed = -1;
	t = kthread_run(console_reader, NULL, "reader");
	KEXPECT(t != NULL);
	if (!t)
		return;
	for (int i = 0; i < 300 && t->state != TASK_INTERRUPTIBLE; i++)
		msleep(10);
	KEXPECT_EQ(t->state, TASK_INTERRUPTIBLE);
	console_input('x');
	for (int i = 0; i < 300 && typed < 0; i++)
		msleep(10);
	KEXPECT_EQ(typed, 'x');
	kthread_stop(t);
}

/* A kthread asleep in D that ignores SIGKILL, seen once by khungtaskd
 * (which starts its clock); NULL if it could not be made. */
static struct task_struct *start_deaf_sleeper(void)
{
	struct task_struct *t;

	deaf_may_go = false;
	t = kthread_run(deaf_sleeper, NULL, "deaf");
	KEXPECT(t != NULL);
	if (!t)
		return NULL;
	while (t->state != TASK_UNINTERRUPTIBLE)
		msleep(1);
	check_hung_tasks();
	return t;
}

static void stop_deaf_sleeper(struct task_struct *t)
{
	deaf_may_go = true;
	wake_up_process(t);
	kthread_stop(t);
}

KTEST(hung_task, task_ignoring_sigkill_and_blocked_task_are_reported_once)
{
	unsigned long before = hung_task_reports;
	size_t mark = log_buf_len();
	struct task_struct *t;

	t = start_deaf_sleeper();
	if (!t)
		return;
	t->hung_since = jiffies - (hung_task_timeout_secs + 1) * HZ;
	KEXPECT(reports_reach(before + 1));
	KEXPECT(log_buf_contains("blocked for more than", mark));
	send_sig(SIGKILL, t);
	KEXPECT(fatal_signal_pending(t));
	t->sigkill_jiffies = jiffies - (sigkill_timeout_secs + 1) * HZ;
	KEXPECT(reports_reach(before + 2));
	KEXPECT(log_buf_contains("has ignored SIGKILL for", mark));
	KEXPECT(log_buf_contains("deaf_sleeper", mark));        /* its stack */
	check_hung_tasks();
	KEXPECT_EQ(hung_task_reports, before + 2);              /* once each */
	stop_deaf_sleeper(t);
}

/* The fuzzer found khungtaskd calling a child "blocked for more than 120
 * seconds" the instant it saw it between copy_process and its first
 * wake-up: the D clock of a task never seen before read jiffies 0 (20 s
 * after boot, from INITIAL_JIFFIES), so a newborn's age was judged by the
 * uptime.  Judged at creation + T - 1 s it must not be due, and at
 * creation + T + 2 s it must, so a child nobody wakes is still caught. */
KTEST(hung_task, newborn_task_is_judged_from_its_birth)
{
	unsigned long T = hung_task_timeout_secs * HZ, born, flags, secs;
	struct task_struct *t;
	int early, late;

	born = jiffies;
	t = create_task("kt-unborn");
	KEXPECT(t != NULL);
	if (!t)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	early = hung_task_due(t, born + T - HZ, &secs);
	late = hung_task_due(t, born + T + 2 * HZ, &secs);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	KEXPECT_EQ(early, 0);
	KEXPECT_EQ(late, HUNG_REPORT_D);
	put_task_struct(t);
}

/* A stopped task (a group stop: TASK_STOPPED until SIGCONT) sleeps by its
 * user's wish, not in the kernel: however long it stays stopped,
 * khungtaskd must not call it blocked. */
KTEST(hung_task, stopped_task_is_not_reported)
{
	unsigned long T = hung_task_timeout_secs * HZ, born = jiffies, flags, secs;
	struct task_struct *t = create_task("kt-stopped");
	long state;
	int first, later;

	KEXPECT(t != NULL);
	if (!t)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	state = t->state;
	t->state = TASK_STOPPED;
	first = hung_task_due(t, born, &secs);
	later = hung_task_due(t, born + 10 * T, &secs);
	t->state = state;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	KEXPECT_EQ(first, 0);
	KEXPECT_EQ(later, 0);
	put_task_struct(t);
}

/* A machine held in the gdb stub for minutes: a task asleep in D since
 * before the stop must not be reported the moment the kernel runs again,
 * but the stall is forgotten once - the task's clock then runs as usual. */
KTEST(hung_task, time_stopped_in_the_debugger_is_no_tasks)
{
	unsigned long before = hung_task_reports;
	struct task_struct *t;

	t = start_deaf_sleeper();
	if (!t)
		return;
	t->hung_since = jiffies - (hung_task_timeout_secs + 1) * HZ;     /* "the stop" */
	hung_task_forget_stall();
	check_hung_tasks();
	KEXPECT_EQ(hung_task_reports, before);
	t->hung_since = jiffies - (hung_task_timeout_secs + 1) * HZ;
	KEXPECT(reports_reach(before + 1));
	stop_deaf_sleeper(t);
}
