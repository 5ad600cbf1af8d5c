/*
 * kernel/test_sched_policy.c - ktests of the scheduling policy, suite
 * sched_policy (graded by the sched lab, docs/labs/sched.md): the
 * priority lists and their bitmap, the most important task first, a
 * spent slice behind its equals, and wake-up preemption of a less
 * important task only.
 *
 * Each test binds its tasks to one CPU and reads who ran first, and how
 * many ticks each was charged (stime, the count /proc shows), never the
 * clock - a busy host slows the ticks down but does not change which
 * task gets them.
 * Locking: each test's shared state is its own (volatile flags, atomics).
 */
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "lib/random.h"
#include "lib/string.h"

#define POLICY_TASKS 8

/* The last CPU: with two or more, away from init's CPU 0. */
static int policy_cpu(void)
{
	int cpu, last = 0;

	for_each_online_cpu(cpu)
		last = cpu;
	return last;
}

/* A kthread bound to cpu with priority prio, not woken yet. */
static struct task_struct *policy_task(int (*fn)(void *), void *arg, int cpu, int prio,
				       const char *name)
{
	struct task_struct *t = kthread_create(fn, arg, "%s/%d", name, cpu);

	if (t) {
		kthread_bind(t, cpu);
		set_task_prio(t, prio);
	}
	return t;
}

struct wake_all {
	struct task_struct **t;
	int n;
};

static int wake_all_fn(void *arg)
{
	struct wake_all *w = arg;

	for (int i = 0; i < w->n; i++)
		wake_up_process(w->t[i]);
	return 0;
}

/* Wake tasks t[0..n), bound to cpu, in that order from a task of
 * priority 0 there: none of them runs until all are queued, so the
 * policy alone says who goes first. */
static void wake_together(struct task_struct **t, int n, int cpu)
{
	struct wake_all w = { t, n };
	struct task_struct *starter = policy_task(wake_all_fn, &w, cpu, 0, "starter");

	KEXPECT(starter != NULL);
	if (!starter)
		return;
	wake_up_process(starter);
	kthread_stop(starter);
}

/* Some threads change priority, yield and sleep at random on one CPU;
 * after each step the bitmap must mark exactly the non-empty lists. */
#define SHUFFLERS 6
#define SHUFFLE_ROUNDS 30
static u32 shuffle_seed;

static int shuffler(void *arg)
{
	int me = (int)(unsigned long)arg, cpu = smp_processor_id();
	u32 rng = shuffle_seed + (u32)me * 0x9e3779b9u;
	const char *what;

	for (int round = 0; round < SHUFFLE_ROUNDS; round++) {
		switch (prandom_below(&rng, 3)) {
		case 0:
			set_task_prio(current, DEFAULT_PRIO - 3 + (int)prandom_below(&rng, 7));
			what = "changing priority";
			break;
		case 1:
			yield();
			what = "yield";
			break;
		default:
			msleep(1);
			what = "a sleep";
		}
		if (!runqueue_consistent(cpu)) {
			ktest_fail(__FILE__, __LINE__, "CPU#%d: bitmap and lists disagree after %s "
				   "(thread %d, round %d, prio %d)", cpu, what, me, round, current->prio);
			return -1;
		}
	}
	return 0;
}

KTEST(sched_policy, bitmap_marks_exactly_the_busy_lists)
{
	struct task_struct *t[SHUFFLERS];
	int cpu = policy_cpu(), other;

	shuffle_seed = ktest_random_seed();
	for (int i = 0; i < SHUFFLERS; i++)
		t[i] = policy_task(shuffler, (void *)(unsigned long)i, cpu, DEFAULT_PRIO, "shuffle");
	for (int i = 0; i < SHUFFLERS; i++)
		if (t[i])
			wake_up_process(t[i]);
	for (int i = 0; i < SHUFFLERS; i++)
		if (t[i])
			kthread_stop(t[i]);
	for_each_online_cpu(other)
		if (!runqueue_consistent(other))
			ktest_fail(__FILE__, __LINE__, "CPU#%d: bitmap and lists disagree", other);
}

/* Tasks of random priorities queued together run most important first,
 * and those of one priority in the order they were woken. */
static struct {
	int order[POLICY_TASKS];
	int n;
} first_run;

static int note_first_run(void *arg)
{
	first_run.order[__sync_fetch_and_add(&first_run.n, 1)] = (int)(unsigned long)arg;
	return 0;
}

KTEST(sched_policy, most_important_task_runs_first)
{
	u32 rng = ktest_random_seed();
	struct task_struct *t[POLICY_TASKS];
	int cpu = policy_cpu(), prio[POLICY_TASKS];

	first_run.n = 0;
	for (int i = 0; i < POLICY_TASKS; i++) {
		/* Seven tasks on six priorities: some share one.  The first
		 * woken is the least important, so first come first served
		 * fails. */
		prio[i] = i ? DEFAULT_PRIO - 3 + (int)prandom_below(&rng, 6) : DEFAULT_PRIO + 4;
		t[i] = policy_task(note_first_run, (void *)(unsigned long)i, cpu, prio[i], "first");
		KEXPECT(t[i] != NULL);
		if (!t[i])
			return;
	}
	wake_together(t, POLICY_TASKS, cpu);
	for (int i = 0; i < POLICY_TASKS; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(first_run.n, POLICY_TASKS);
	for (int k = 1; k < first_run.n; k++) {
		int a = first_run.order[k - 1], b = first_run.order[k];

		if (prio[a] > prio[b] || (prio[a] == prio[b] && a > b))
			ktest_fail(__FILE__, __LINE__, "run %d: task %d (prio %d, woken %s) ran before "
				   "task %d (prio %d)", k - 1, a, prio[a], a > b ? "later" : "earlier",
				   b, prio[b]);
	}
}

/* Equal hogs share the CPU in turns of one slice each, in a fixed cycle,
 * and a less important task waits until none of them can run. */
#define SLICE_HOGS 3
#define HOG_TICKS (6 * DEF_TIMESLICE)
#define MAX_TURNS 64

static struct {
	int log[MAX_TURNS];             /* the hog of each turn, in order */
	int turns, turns_at_first_exit;
	int last;                       /* the hog that ran last */
	int alive;
	int lo_saw_alive;               /* hogs alive when the lesser task ran */
	unsigned long len[SLICE_HOGS][MAX_TURNS];       /* each finished turn's ticks */
	int finished[SLICE_HOGS];
} slices;

/* Hog me runs again after another: its previous turn, if any, is over. */
static void slice_turn_begins(int me, unsigned long *turn_start, bool first)
{
	unsigned long now = current->stime;

	if (!first && slices.finished[me] < MAX_TURNS)
		slices.len[me][slices.finished[me]++] = now - *turn_start;
	*turn_start = now;
	slices.last = me;
	if (slices.turns < MAX_TURNS)
		slices.log[slices.turns++] = me;
}

static int slice_hog(void *arg)
{
	int me = (int)(unsigned long)arg;
	unsigned long start = current->stime, turn_start = start;
	bool first = true;

	while (current->stime - start < HOG_TICKS) {
		preempt_disable();      /* the check and the note, in one turn */
		if (slices.last != me) {
			slice_turn_begins(me, &turn_start, first);
			first = false;
		}
		preempt_enable();
		cpu_relax();
	}
	preempt_disable();
	if (slices.turns_at_first_exit < 0)
		slices.turns_at_first_exit = slices.turns;
	slices.alive--;
	preempt_enable();
	return 0;
}

static int lesser_task(void *arg)
{
	(void)arg;
	slices.lo_saw_alive = slices.alive;
	return 0;
}

static void check_slice_turns(void)
{
	for (int h = 0; h < SLICE_HOGS; h++) {
		if (slices.finished[h] < HOG_TICKS / (2 * DEF_TIMESLICE))
			ktest_fail(__FILE__, __LINE__, "hog %d: %d finished turns in %d ticks "
				   "(slices of %d ticks)", h, slices.finished[h], HOG_TICKS,
				   DEF_TIMESLICE);
		for (int k = 0; k < slices.finished[h]; k++)
			if (slices.len[h][k] < (DEF_TIMESLICE + 1) / 2 ||
			    slices.len[h][k] > 2 * DEF_TIMESLICE)
				ktest_fail(__FILE__, __LINE__, "hog %d's turn %d lasted %lu ticks "
					   "(slices of %d)", h, k, slices.len[h][k], DEF_TIMESLICE);
	}
	for (int k = 1; k < slices.turns_at_first_exit; k++)
		if (slices.log[k] == slices.log[k - 1] ||
		    (k >= SLICE_HOGS && slices.log[k] != slices.log[k - SLICE_HOGS]))
			ktest_fail(__FILE__, __LINE__, "turn %d went to hog %d, after hogs %d, %d "
				   "(not the one that waited longest)", k, slices.log[k],
				   k >= 2 ? slices.log[k - 2] : -1, slices.log[k - 1]);
}

KTEST(sched_policy, expired_slice_goes_behind_equals)
{
	struct task_struct *t[SLICE_HOGS + 1];
	int cpu = policy_cpu();

	memset(&slices, 0, sizeof(slices));
	slices.last = -1;
	slices.turns_at_first_exit = -1;
	slices.alive = SLICE_HOGS;
	for (int i = 0; i < SLICE_HOGS; i++)
		t[i] = policy_task(slice_hog, (void *)(unsigned long)i, cpu, DEFAULT_PRIO, "slice");
	t[SLICE_HOGS] = policy_task(lesser_task, NULL, cpu, DEFAULT_PRIO + 5, "lesser");
	for (int i = 0; i <= SLICE_HOGS; i++) {
		KEXPECT(t[i] != NULL);
		if (!t[i])
			return;
	}
	wake_together(t, SLICE_HOGS + 1, cpu);
	for (int i = 0; i <= SLICE_HOGS; i++)
		kthread_stop(t[i]);
	if (slices.lo_saw_alive)
		ktest_fail(__FILE__, __LINE__, "a less important task ran while %d of %d more "
			   "important hogs could", slices.lo_saw_alive, SLICE_HOGS);
	check_slice_turns();
}

/* A task woken on a CPU runs at once - before wake_up_process returns to
 * the waker there - exactly when it is more important than the waker.  A
 * wake-up that a tick interrupted says nothing (the tick may have ended
 * the waker's slice) and is not counted. */
#define WAKE_CASES 12

static struct wake_case {
	struct task_struct *t;
	int prio;
	volatile bool ran;
	bool ran_at_once, conclusive;
} wake_cases[WAKE_CASES];

static int note_run(void *arg)
{
	((struct wake_case *)arg)->ran = true;
	return 0;
}

static int waker(void *arg)
{
	(void)arg;
	for (int i = 0; i < WAKE_CASES; i++) {
		struct wake_case *c = &wake_cases[i];
		unsigned long ticks = current->stime;

		wake_up_process(c->t);
		c->ran_at_once = c->ran;
		c->conclusive = current->stime == ticks;
	}
	return 0;
}

KTEST(sched_policy, wakeup_preempts_only_a_less_important_task)
{
	u32 rng = ktest_random_seed();
	int cpu = policy_cpu(), counted[2] = { 0, 0 };
	struct task_struct *w;

	for (int i = 0; i < WAKE_CASES; i++) {
		struct wake_case *c = &wake_cases[i];

		/* One more important and one equal for sure, the rest at random. */
		c->prio = i < 2 ? DEFAULT_PRIO - 1 + i : DEFAULT_PRIO - 3 + (int)prandom_below(&rng, 7);
		c->ran = false;
		c->t = policy_task(note_run, c, cpu, c->prio, "woken");
		KEXPECT(c->t != NULL);
		if (!c->t)
			return;
	}
	w = policy_task(waker, NULL, cpu, DEFAULT_PRIO, "waker");
	KEXPECT(w != NULL);
	if (w) {
		wake_up_process(w);
		kthread_stop(w);
	}
	for (int i = 0; i < WAKE_CASES; i++) {
		struct wake_case *c = &wake_cases[i];
		bool want = c->prio < DEFAULT_PRIO;

		kthread_stop(c->t);
		if (!c->conclusive)
			continue;
		counted[want]++;
		if (c->ran_at_once != want)
			ktest_fail(__FILE__, __LINE__, "a task of prio %d woken by one of prio %d %s",
				   c->prio, DEFAULT_PRIO, want ? "waited" : "ran at once");
	}
	KEXPECT(counted[0] > 0 && counted[1] > 0);      /* ticks spoilt none of a kind */
}
