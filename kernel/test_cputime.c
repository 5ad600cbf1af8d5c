/*
 * kernel/test_cputime.c - ktests for a process's accounting
 * (kernel/cputime.c): the process's figure is its live threads plus what
 * its exited threads left in signal->dead, so a thread's exit moves its
 * counts without changing the sum; utime and stime report the run time
 * split as the ticks were, neither going back when the ratio shifts; a reaped child's totals, its own children's
 * included, go to the reaper's signal->children.  And the property the
 * process's ITIMER_REAL timer (kernel/itimer.c) leans on: del_timer_sync
 * stops a timer that re-arms itself from its handler on another CPU, for
 * good - so the last thread's exit can free the signal_struct after it -
 * and try_to_del_timer_sync does nothing while the handler runs.
 *
 * No shared data: each test makes its own unborn tasks (create_task, never
 * woken) and frees them; the reaping test restores the runner's counts.
 */
#include "kernel/cputime.h"
#include "kernel/debug/ktest.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/timer.h"
#include "lib/string.h"

#define MS (1000ULL * 1000)

static void set_counts(struct task_struct *p, unsigned long utime, unsigned long stime,
		       unsigned long min_flt, unsigned long nvcsw, u64 runtime)
{
	p->utime = utime;
	p->stime = stime;
	p->min_flt = min_flt;
	p->nvcsw = nvcsw;
	p->sum_exec_runtime = runtime;
}

/* thread joins leader's group, as copy_process's link_child does. */
static void join_group(struct task_struct *thread, struct task_struct *leader)
{
	unsigned long flags;

	put_signal(thread->signal);
	__sync_fetch_and_add(&leader->signal->count, 1);
	thread->signal = leader->signal;
	spin_lock_irqsave(&tasklist_lock, flags);
	thread->group_leader = leader;
	list_add_tail(&thread->thread_group, &leader->thread_group);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Its counts go to the group, and it leaves the thread list, as
 * exit_notify does for a thread that is not the leader. */
static void exit_from_group(struct task_struct *thread)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	account_exiting_thread(thread);
	thread->exit_state = EXIT_DEAD;
	list_del_init(&thread->thread_group);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void expect_group(struct task_struct *p, unsigned long min_flt, unsigned long nvcsw,
			 u64 runtime)
{
	struct task_usage u;

	thread_group_usage(p, &u);
	KEXPECT_EQ(u.min_flt, min_flt);
	KEXPECT_EQ(u.nvcsw, nvcsw);
	KEXPECT_EQ(u.sum_exec_runtime, runtime);
	KEXPECT_EQ(u.utime + u.stime, runtime / NSEC_PER_JIFFY);
}

KTEST(cputime, a_threads_exit_keeps_the_process_sum)
{
	struct task_struct *leader = create_task("kt-leader"), *thread = create_task("kt-thread");
	struct task_usage u;

	KEXPECT(leader && thread);
	if (!leader || !thread)
		return;
	join_group(thread, leader);
	set_counts(leader, 2, 1, 5, 3, 30 * MS);
	set_counts(thread, 4, 4, 7, 11, 80 * MS);
	expect_group(leader, 12, 14, 110 * MS);
	exit_from_group(thread);
	expect_group(leader, 12, 14, 110 * MS);
	KEXPECT_EQ(leader->signal->dead.min_flt, 7);
	/* The exited thread sees its process from outside the list: only
	 * what is in signal->dead (but utime and stime as last reported). */
	thread_group_usage(thread, &u);
	KEXPECT_EQ(u.min_flt, 7);
	KEXPECT_EQ(u.sum_exec_runtime, 80 * MS);
	KEXPECT_EQ(u.utime + u.stime, 11);
	put_task_struct(thread);
	put_task_struct(leader);
}

KTEST(cputime, utime_and_stime_split_the_run_time_and_never_go_back)
{
	struct task_struct *p = create_task("kt-split");
	struct task_usage u;

	KEXPECT(p != NULL);
	if (!p)
		return;
	set_counts(p, 1, 3, 0, 0, 400 * MS);    /* 4 ticks seen, 40 run */
	task_usage(p, &u);
	KEXPECT_EQ(u.stime, 30);
	KEXPECT_EQ(u.utime, 10);
	set_counts(p, 5, 1, 0, 0, 600 * MS);    /* the ratio says stime 10 now */
	task_usage(p, &u);
	KEXPECT_EQ(u.stime, 30);                /* but it does not go back */
	KEXPECT_EQ(u.utime, 30);
	put_task_struct(p);
	p = create_task("kt-split");
	KEXPECT(p != NULL);
	if (!p)
		return;
	set_counts(p, 0, 0, 0, 0, 50 * MS);     /* ran between ticks only */
	task_usage(p, &u);
	KEXPECT_EQ(u.utime + u.stime, 5);
	put_task_struct(p);
}

KTEST(cputime, a_reaped_childs_totals_go_to_the_reaper)
{
	struct task_struct *z = create_task("kt-zombie");
	struct task_usage saved = current->signal->children, u;
	unsigned long saved_cmaxrss = current->signal->cmaxrss;

	KEXPECT(z != NULL);
	if (!z)
		return;
	memset(&current->signal->children, 0, sizeof(current->signal->children));
	z->signal->dead.min_flt = 100;
	z->signal->dead.sum_exec_runtime = 20 * MS;
	z->signal->children.min_flt = 23;       /* its own reaped child's, */
	z->signal->children.sum_exec_runtime = 10 * MS;
	z->signal->children.utime = 1;          /* as that child reported it */
	z->signal->maxrss = 7;
	z->signal->cmaxrss = 9;
	account_reaped_child(z);
	children_usage(current, &u);
	KEXPECT_EQ(u.min_flt, 123);
	KEXPECT_EQ(u.sum_exec_runtime, 30 * MS);
	KEXPECT_EQ(u.utime + u.stime, 3);
	KEXPECT(current->signal->cmaxrss >= 9);
	current->signal->children = saved;
	current->signal->cmaxrss = saved_cmaxrss;
	put_task_struct(z);
}

static volatile int rearm_fired, rearm_try;

/* While it runs, try_to_del_timer_sync leaves it alone: -1. */
static void rearm_fn(unsigned long data)
{
	rearm_fired++;
	rearm_try = try_to_del_timer_sync((struct timer_list *)data);
	mod_timer((struct timer_list *)data, jiffies + 1);
}

/* Another CPU if there is one: the handler may be running there while
 * del_timer_sync is called here (setitimer's try_to_del_timer_sync loop
 * then retries). */
KTEST(cputime, del_timer_sync_stops_a_timer_that_rearms_itself)
{
	struct timer_list t;
	int cpu = num_online_cpus() > 1 ? 1 : 0, fired;

	rearm_fired = 0;
	setup_timer(&t, rearm_fn, (unsigned long)&t);
	t.expires = jiffies + 1;
	add_timer_on(&t, cpu);
	for (int i = 0; i < 100 && rearm_fired < 5; i++)
		msleep(10);
	KEXPECT(rearm_fired >= 5);
	KEXPECT_EQ(rearm_try, -1);
	del_timer_sync(&t);
	fired = rearm_fired;
	msleep(50);
	KEXPECT_EQ(rearm_fired, fired);
	KEXPECT(!timer_pending(&t));
}
