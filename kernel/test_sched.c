/*
 * kernel/test_sched.c - ktests for the scheduler and its services: kthreads,
 * locks under contention, wait/wake races, completions, timers, workqueues,
 * affinity, preemption, load balancing, the sleep-in-atomic check, the
 * report of a CPU that leaves a cross-CPU call unanswered.  The policy's
 * own tests (suite sched_policy) are kernel/test_sched_policy.c.
 *
 * Most tests start helper threads and join them with kthread_stop; a lost
 * wake-up or a deadlock shows as a hang, which the ktest watchdog turns
 * into a failure with every CPU's backtrace.
 * Locking: each test's shared state is its own (atomics, its locks).
 */
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/locking/mutex.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/workqueue.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/maccess.h"

#define MAX_HELPERS (2 * NR_CPUS)

static struct task_struct *start_on(int (*fn)(void *), void *arg, int cpu, const char *name)
{
	struct task_struct *t = kthread_create(fn, arg, "%s/%d", name, cpu);

	if (t && cpu >= 0)
		kthread_bind(t, cpu);
	if (t)
		wake_up_process(t);
	return t;
}

static int nth_online_cpu(int n)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (n-- == 0)
			return cpu;
	return 0;
}

static int return_arg(void *arg)
{
	return (int)(unsigned long)arg;
}

KTEST(sched, kthread_result_comes_back_through_stop)
{
	struct task_struct *t = start_on(return_arg, (void *)42, -1, "ret");

	KEXPECT(t != NULL);
	KEXPECT_EQ(kthread_stop(t), 42);
	t = kthread_create(return_arg, (void *)7, "never");
	KEXPECT_EQ(kthread_stop(t), -EINTR);    /* stopped before it ran */
}

/* Lock torture: many threads bump shared counters under a spinlock and a
 * mutex; any lost update shows in the totals. */

static struct {
	spinlock_t lock;
	struct mutex mutex;
	unsigned long spin_count, mutex_count;
} torture;

static int torture_thread(void *arg)
{
	int rounds = (int)(unsigned long)arg;

	for (int i = 0; i < rounds; i++) {
		unsigned long flags;

		spin_lock_irqsave(&torture.lock, flags);
		unsigned long v = torture.spin_count;

		cpu_relax();                    /* widen the race window */
		torture.spin_count = v + 1;
		spin_unlock_irqrestore(&torture.lock, flags);
		if (i % 8 == 0) {
			mutex_lock(&torture.mutex);
			v = torture.mutex_count;
			if (i % 64 == 0)
				yield();        /* sleep-capable: others queue up */
			torture.mutex_count = v + 1;
			mutex_unlock(&torture.mutex);
		}
	}
	return 0;
}

/* One thread more than CPUs, so some always wait.  The rounds shrink
 * with the square of the threads: under TCG every waiter spins while the
 * host may have descheduled the lock holder's virtual CPU, and on a busy
 * two-core host eight virtual CPUs made 4000 acquisitions take a minute. */
/* The deep end of a kthread's stack, which a shallow thread never
 * reaches: from just past its thread_info to DEEP bytes up. */
#define DEEP 2048

/* Scribble on all of the stack below what this frame uses, so that its
 * pages, whichever place they take in the next stack, hold no zeroes. */
static int scribble_deep_stack(void *arg)
{
	unsigned long start = (unsigned long)(current_thread_info() + 1);
	unsigned long below_me = (unsigned long)__builtin_frame_address(0) - 512;

	(void)arg;
	memset((void *)start, 0xaa, below_me - start);
	return 0;
}

static int deep_stack_is_zero(void *arg)
{
	const u8 *p = (const u8 *)(current_thread_info() + 1);

	(void)arg;
	for (size_t i = 0; i < DEEP - sizeof(struct thread_info); i++)
		if (p[i])
			return 0;
	return 1;
}

/* A new task's stack is zeroed (as Linux's THREADINFO_GFP asks), even
 * where the pages last held another task's stack: nothing of it shows
 * through, and no stale byte keeps QEMU checking writes for old code. */
KTEST(sched, a_new_stack_is_zeroed)
{
	for (int i = 0; i < 4; i++) {
		KEXPECT_EQ(kthread_stop(start_on(scribble_deep_stack, NULL, -1, "scribble")), 0);
		KEXPECT_EQ(kthread_stop(start_on(deep_stack_is_zero, NULL, -1, "zero")), 1);
	}
}

KTEST(sched, lock_torture_totals)
{
	struct task_struct *t[MAX_HELPERS];
	int n = num_online_cpus() + 1, rounds = 16000 / (n * n);

	spin_lock_init(&torture.lock);
	mutex_init(&torture.mutex);
	torture.spin_count = torture.mutex_count = 0;
	for (int i = 0; i < n; i++)
		t[i] = start_on(torture_thread, (void *)(unsigned long)rounds, -1, "torture");
	for (int i = 0; i < n; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(torture.spin_count, (unsigned long)n * rounds);
	KEXPECT_EQ(torture.mutex_count, (unsigned long)n * ((rounds + 7) / 8));
}

/* Two threads hand a token back and forth through one wait queue; a lost
 * wake-up would leave both asleep (the watchdog catches the hang). */
#define PINGPONG_ROUNDS 2000

static struct {
	wait_queue_head_t wq;
	volatile int turn;
	int rounds[2];
} pp;

static int pingpong_thread(void *arg)
{
	int me = (int)(unsigned long)arg;

	for (int i = 0; i < PINGPONG_ROUNDS; i++) {
		wait_event(pp.wq, pp.turn == me);
		pp.rounds[me]++;
		pp.turn = !me;
		wake_up_all(&pp.wq);
	}
	return 0;
}

KTEST(sched, wait_wake_pingpong_loses_no_wakeup)
{
	int cpus = num_online_cpus();
	struct task_struct *a, *b;

	init_waitqueue_head(&pp.wq);
	pp.turn = 0;
	pp.rounds[0] = pp.rounds[1] = 0;
	a = start_on(pingpong_thread, (void *)0, nth_online_cpu(0), "ping");
	b = start_on(pingpong_thread, (void *)1, nth_online_cpu(cpus > 1 ? 1 : 0), "pong");
	kthread_stop(a);
	kthread_stop(b);
	KEXPECT_EQ(pp.rounds[0], PINGPONG_ROUNDS);
	KEXPECT_EQ(pp.rounds[1], PINGPONG_ROUNDS);
}

static struct {
	struct completion go;
	volatile int through;
} cmpl;

static int completion_waiter(void *arg)
{
	(void)arg;
	wait_for_completion(&cmpl.go);
	__sync_fetch_and_add(&cmpl.through, 1);
	return 0;
}

static void wait_for_count(volatile int *v, int want)
{
	for (int i = 0; i < 200 && *v < want; i++)
		msleep(10);
}

KTEST(sched, completion_lets_one_through_per_complete)
{
	struct task_struct *t[4];

	init_completion(&cmpl.go);
	cmpl.through = 0;
	for (int i = 0; i < 4; i++)
		t[i] = start_on(completion_waiter, NULL, -1, "waiter");
	msleep(30);
	KEXPECT_EQ(cmpl.through, 0);
	complete(&cmpl.go);
	wait_for_count(&cmpl.through, 1);
	msleep(30);
	KEXPECT_EQ(cmpl.through, 1);            /* exactly one, not all */
	complete_all(&cmpl.go);
	wait_for_count(&cmpl.through, 4);
	KEXPECT_EQ(cmpl.through, 4);
	for (int i = 0; i < 4; i++)
		kthread_stop(t[i]);
	KEXPECT(wait_for_completion_timeout(&cmpl.go, 1) > 0);  /* stays done */
}

KTEST(sched, completion_timeout_expires)
{
	struct completion c;
	unsigned long start = jiffies;

	init_completion(&c);
	KEXPECT_EQ(wait_for_completion_timeout(&c, 5), 0);
	KEXPECT(jiffies - start >= 5);
}

/* Timers: each fires on the CPU it was added on, not before its expiry. */
struct timer_probe {
	struct timer_list timer;
	int cpu;
	unsigned long fired_at;
	struct completion done;
};

static void probe_fn(unsigned long data)
{
	struct timer_probe *p = (struct timer_probe *)data;

	p->cpu = smp_processor_id();
	p->fired_at = jiffies;
	KEXPECT(in_interrupt());
	complete(&p->done);
}

KTEST(timer, fires_on_its_cpu_after_expiry)
{
	static struct timer_probe probes[NR_CPUS];
	int cpu;

	for_each_online_cpu(cpu) {
		struct timer_probe *p = &probes[cpu];

		setup_timer(&p->timer, probe_fn, (unsigned long)p);
		init_completion(&p->done);
		p->cpu = -1;
		p->timer.expires = jiffies + 3 + (unsigned long)cpu;
		add_timer_on(&p->timer, cpu);
	}
	for_each_online_cpu(cpu) {
		struct timer_probe *p = &probes[cpu];

		KEXPECT(wait_for_completion_timeout(&p->done, HZ) > 0);
		KEXPECT_EQ(p->cpu, cpu);
		KEXPECT(time_after_eq(p->fired_at, p->timer.expires));
	}
}

KTEST(timer, del_timer_sync_cancels_and_mod_timer_rearms)
{
	struct timer_probe p;

	setup_timer(&p.timer, probe_fn, (unsigned long)&p);
	init_completion(&p.done);
	mod_timer(&p.timer, jiffies + 2);
	KEXPECT(timer_pending(&p.timer));
	KEXPECT_EQ(del_timer_sync(&p.timer), 1);
	msleep(50);
	KEXPECT_EQ(p.done.done, 0);             /* never fired */
	mod_timer(&p.timer, jiffies + 1);
	KEXPECT_EQ(mod_timer(&p.timer, jiffies + 2), 1);    /* was pending */
	KEXPECT(wait_for_completion_timeout(&p.done, HZ) > 0);
	KEXPECT(!timer_pending(&p.timer));
	del_timer_sync(&p.timer);
}

KTEST(timer, msleep_sleeps_at_least_that_long)
{
	u64 start = ktime_get_ns();

	msleep(30);
	KEXPECT(ktime_get_ns() - start >= 30 * 1000000ull);
}

/* Workqueues: per-CPU order and placement. */
#define WORKS 40

struct order_work {
	struct work_struct work;
	int index, ran_on;
};

static struct {
	int next[NR_CPUS];
	int wrong_order;
} wq_log;

static void order_fn(struct work_struct *w)
{
	struct order_work *ow = container_of(w, struct order_work, work);
	int cpu = smp_processor_id();

	ow->ran_on = cpu;
	if (ow->index != wq_log.next[cpu]++)
		wq_log.wrong_order++;
	if (ow->index % 10 == 0)
		msleep(1);              /* work may sleep */
}

KTEST(workqueue, runs_in_order_on_the_chosen_cpu)
{
	static struct order_work works[NR_CPUS][WORKS];
	struct workqueue_struct *wq = create_workqueue("ktestwq");
	int cpu;

	KEXPECT(wq != NULL);
	if (!wq)
		return;
	memset(&wq_log, 0, sizeof(wq_log));
	for (int i = 0; i < WORKS; i++) {
		for_each_online_cpu(cpu) {
			struct order_work *ow = &works[cpu][i];

			INIT_WORK(&ow->work, order_fn);
			ow->index = i;
			ow->ran_on = -1;
			KEXPECT(queue_work_on(cpu, wq, &ow->work));
		}
	}
	flush_workqueue(wq);
	for_each_online_cpu(cpu) {
		KEXPECT_EQ(wq_log.next[cpu], WORKS);
		for (int i = 0; i < WORKS; i++)
			KEXPECT_EQ(works[cpu][i].ran_on, cpu);
	}
	KEXPECT_EQ(wq_log.wrong_order, 0);
	destroy_workqueue(wq);
}

KTEST(workqueue, pending_work_is_not_queued_twice)
{
	struct order_work ow;

	memset(&wq_log, 0, sizeof(wq_log));
	INIT_WORK(&ow.work, order_fn);
	ow.index = 0;
	preempt_disable();                      /* both on this CPU's worker */
	int cpu = smp_processor_id();

	KEXPECT(schedule_work_on(cpu, &ow.work));
	KEXPECT(!schedule_work_on(cpu, &ow.work));
	preempt_enable();
	flush_scheduled_work();
	KEXPECT_EQ(wq_log.next[cpu], 1);
}

/* Affinity: a bound thread never runs anywhere else, across sleeps,
 * yields and preemption; set_cpus_allowed moves a running thread. */
static int bound_thread(void *arg)
{
	int want = (int)(unsigned long)arg, wrong = 0;

	for (int i = 0; i < 60; i++) {
		wrong += smp_processor_id() != want;
		if (i % 3 == 0)
			msleep(1);
		else if (i % 3 == 1)
			yield();
		else
			udelay(200);
	}
	return wrong;
}

KTEST(sched, bound_threads_stay_on_their_cpu)
{
	struct task_struct *t[NR_CPUS];
	int cpu;

	for_each_online_cpu(cpu)
		t[cpu] = start_on(bound_thread, (void *)(unsigned long)cpu, cpu, "bound");
	for_each_online_cpu(cpu)
		KEXPECT_EQ(kthread_stop(t[cpu]), 0);
}

static int migrate_self(void *arg)
{
	int target = (int)(unsigned long)arg;

	set_cpus_allowed(current, cpumask_of_cpu(target));
	for (int i = 0; i < 10; i++) {
		if (smp_processor_id() != target)
			return -1;
		yield();
	}
	return 0;
}

KTEST(sched, set_cpus_allowed_moves_a_running_thread)
{
	int last = nth_online_cpu(num_online_cpus() - 1);
	struct task_struct *t = start_on(migrate_self, (void *)(unsigned long)last, -1, "mover");

	KEXPECT_EQ(kthread_stop(t), 0);
	KEXPECT_EQ(set_cpus_allowed(current, CPU_MASK_NONE), -1);   /* refused */
}

/* Preemption: a hog that never yields cannot keep a more important
 * thread on its CPU from running. */
static volatile int hog_stop;

static int hog(void *arg)
{
	u64 until = ktime_get_ns() + 3000000000ull;

	(void)arg;
	while (!hog_stop && ktime_get_ns() < until)
		cpu_relax();
	return hog_stop ? 0 : -1;
}

static int urgent(void *arg)
{
	(void)arg;
	msleep(20);             /* wakes from the timer, on the hog's CPU */
	hog_stop = 1;
	return 0;
}

KTEST(sched, wakeup_preempts_a_less_important_hog)
{
	int cpu = nth_online_cpu(num_online_cpus() - 1);
	struct task_struct *h, *u;

	hog_stop = 0;
	h = kthread_create(hog, NULL, "hog");
	u = kthread_create(urgent, NULL, "urgent");
	kthread_bind(h, cpu);
	kthread_bind(u, cpu);
	set_task_prio(u, DEFAULT_PRIO - 5);
	wake_up_process(h);
	wake_up_process(u);
	KEXPECT_EQ(kthread_stop(h), 0);         /* -1: the hog ran out its 3 s */
	kthread_stop(u);
}

/* Round robin: equally important hogs on one CPU all make progress. */
static volatile unsigned long rr_progress[3];

static int rr_hog(void *arg)
{
	int me = (int)(unsigned long)arg;

	while (!kthread_should_stop())
		rr_progress[me]++;
	return 0;
}

KTEST(sched, equal_priorities_share_a_cpu_round_robin)
{
	struct task_struct *t[3];
	int cpu = nth_online_cpu(0);

	for (int i = 0; i < 3; i++) {
		rr_progress[i] = 0;
		t[i] = start_on(rr_hog, (void *)(unsigned long)i, cpu, "rr");
	}
	/* Until each has run, within 10 s: on a loaded host the virtual CPU
	 * may get a few slices in 300 ms, not 30 ticks' worth, so a fixed
	 * short wait failed about one run in four; starvation still fails. */
	for (int waited = 0; waited < 10000; waited += 50) {
		if (rr_progress[0] && rr_progress[1] && rr_progress[2])
			break;
		msleep(50);
	}
	unsigned long seen[3] = { rr_progress[0], rr_progress[1], rr_progress[2] };

	for (int i = 0; i < 3; i++)
		kthread_stop(t[i]);
	for (int i = 0; i < 3; i++)
		KEXPECT(seen[i] > 0);
}

/* Load balancing: N CPU-bound threads started on one CPU spread out. */
static int spinner(void *arg)
{
	(void)arg;
	while (!kthread_should_stop())
		cpu_relax();
	return 0;
}

KTEST(sched, load_balancing_spreads_hogs_over_all_cpus)
{
	struct task_struct *t[NR_CPUS];
	int n = num_online_cpus(), cpu0 = nth_online_cpu(0);
	bool spread = false;

	for (int i = 0; i < n; i++) {
		t[i] = kthread_create(spinner, NULL, "spinner/%d", i);
		kthread_bind(t[i], cpu0);
		wake_up_process(t[i]);
	}
	for (int i = 0; i < n; i++)
		set_cpus_allowed(t[i], CPU_MASK_ALL);
	for (int tries = 0; tries < 300 && !spread; tries++) {
		unsigned long used = 0;

		msleep(10);
		for (int i = 0; i < n; i++)
			used |= 1UL << task_cpu(t[i]);
		spread = used == cpu_online_map.bits;
	}
	for (int i = 0; i < n; i++)
		kthread_stop(t[i]);
	KEXPECT(spread);
}

KTEST(sched, sleeping_while_atomic_is_reported)
{
	unsigned long before = sched_atomic_reports;
	size_t mark = log_buf_len();

	preempt_disable();
	msleep(1);
	preempt_enable();
	KEXPECT(sched_atomic_reports > before);
	KEXPECT(log_buf_contains("BUG: scheduling while atomic: ", mark));
}

static void might_sleep_atomic(const char *file, int line)
{
	local_irq_disable();
	__might_sleep(file, line);
	local_irq_enable();
}

/* One report a second: right after one, none more for the next jiffies
 * (the old stamp, jiffies | 1, let a second one through in the same
 * jiffy when the first came at an even jiffy).  A round per parity. */
KTEST(sched, might_sleep_reports_at_most_once_a_second)
{
	bool first = true, extra = false;

	for (unsigned long parity = 0; parity < 2; parity++) {
		size_t mark;
		unsigned long end;

		msleep(1100);           /* the previous report is over a second old */
		while ((jiffies & 1) != parity)
			cpu_relax();
		mark = log_buf_len();
		might_sleep_atomic("ktest-ratelimit", 1);
		first &= log_buf_contains("ktest-ratelimit:1", mark);
		mark = log_buf_len();
		for (end = jiffies + 3; time_before(jiffies, end);)
			might_sleep_atomic("ktest-ratelimit", 2);
		extra |= log_buf_contains("ktest-ratelimit:2", mark);
	}
	KEXPECT(first);
	KEXPECT(!extra);
}

/* A counting semaphore of 2: never more than two holders at once, and
 * every waiter gets through eventually. */
static struct {
	struct semaphore sem;
	volatile int inside, max_inside, done;
} sema;

static int sema_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20; i++) {
		down(&sema.sem);
		int now = __sync_add_and_fetch(&sema.inside, 1);

		if (now > sema.max_inside)
			sema.max_inside = now;
		msleep(1);
		__sync_sub_and_fetch(&sema.inside, 1);
		up(&sema.sem);
	}
	__sync_fetch_and_add(&sema.done, 1);
	return 0;
}

KTEST(sched, counting_semaphore_admits_its_count)
{
	struct task_struct *t[4];

	sema_init(&sema.sem, 2);
	sema.inside = sema.max_inside = sema.done = 0;
	for (int i = 0; i < 4; i++)
		t[i] = start_on(sema_thread, NULL, -1, "sema");
	for (int i = 0; i < 4; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(sema.done, 4);
	KEXPECT(sema.max_inside >= 1 && sema.max_inside <= 2);
	KEXPECT(down_trylock(&sema.sem) && down_trylock(&sema.sem));
	KEXPECT(!down_trylock(&sema.sem));      /* both units taken */
	up(&sema.sem);
	up(&sema.sem);
}

/* A kernel stack is THREAD_SIZE-aligned with an unmapped page below it,
 * so running off its end faults instead of corrupting a neighbour. */
static int stack_probe(void *arg)
{
	(void)arg;
	return 0;
}

static bool readable(unsigned long addr)
{
	u32 v;

	return probe_kernel_read(&v, (const void *)addr, sizeof(v)) == 0;
}

KTEST(sched, kernel_stacks_have_a_guard_page_below)
{
	struct task_struct *t = kthread_create(stack_probe, NULL, "probe");
	unsigned long base = (unsigned long)t->thread_info;

	KEXPECT_EQ(base & (THREAD_SIZE - 1), 0);
	KEXPECT(current_thread_info()->task == current);
	KEXPECT(!readable(base - 4));
	KEXPECT(readable(base));
	kthread_stop(t);
}

/* Hangs on purpose, with interrupts off so this CPU's own tick cannot
 * notice: another CPU's watchdog must report it with this CPU's backtrace.
 * Runs only when named (ktest=fault_hang). */
KTEST(fault_hang, spins_with_interrupts_off)
{
	local_irq_disable();
	for (;;)
		cpu_relax();
}

static void spin_with_irqs_off(void *ms)
{
	mdelay((unsigned long)ms);
}

static void answer(void *done)
{
	*(volatile int *)done = 1;
}

/* Defect 6 of issue 12 was a machine hung in smp_call_function_many with
 * nothing said about the CPU that never answered.  Keep another CPU busy
 * with interrupts off past ipi_timeout_ms: the caller names it and the
 * function it has not run, prints its backtrace by NMI (the busy loop
 * in it), and still gets its answer. */
KTEST(smp, unanswered_call_is_reported_with_a_backtrace)
{
	int other = nth_online_cpu(num_online_cpus() - 1), me = get_cpu();
	unsigned int saved = ipi_timeout_ms;
	size_t mark = log_buf_len();
	volatile int done = 0;

	if (other == me) {
		put_cpu();
		ktest_skip("needs two CPUs");
		return;
	}
	ipi_timeout_ms = 50;
	smp_call_function_single(other, spin_with_irqs_off, (void *)300ul, false);
	smp_call_function_single(other, answer, (void *)&done, true);
	ipi_timeout_ms = saved;
	put_cpu();
	KEXPECT_EQ(done, 1);
	KEXPECT(log_buf_contains("has not run answer+0x", mark));
	KEXPECT(log_buf_contains("NMI backtrace for CPU#", mark));
	KEXPECT(log_buf_contains("mdelay+0x", mark));    /* the busy call, tail-called */
}

/* setpriority on oneself: the running task stays on its runqueue list, so
 * changing its priority must move it, or its old priority's bit outlives
 * the list and the scheduler takes the list head for a task (the
 * fuzzer's triple fault). */
KTEST(sched, running_task_changes_its_own_priority)
{
	int old = current->prio;

	set_task_prio(current, old + 3);
	KEXPECT(runqueue_consistent(smp_processor_id()));
	msleep(2);                      /* off the runqueue and back */
	KEXPECT(runqueue_consistent(smp_processor_id()));
	set_task_prio(current, old);
	msleep(2);
	KEXPECT(runqueue_consistent(smp_processor_id()));
	KEXPECT_EQ(current->prio, old);
}

static int irqs_off_for_100ms(void *arg)
{
	unsigned long before = jiffies;

	local_irq_disable();
	mdelay(100);
	local_irq_enable();
	msleep(20);
	*(unsigned long *)arg = jiffies - before;
	return 0;
}

/* Ten ticks that arrive while the boot CPU has interrupts off become one
 * interrupt; jiffies must still count them all (the futex tests saw 1 s
 * timeouts end 2 s late on a busy host, whose starved virtual CPU loses
 * ticks the same way). */
KTEST(timer, jiffies_catch_up_after_lost_ticks)
{
	unsigned long advanced = 0;
	struct task_struct *t = start_on(irqs_off_for_100ms, &advanced, 0, "irqsoff");

	KEXPECT(t != NULL);
	if (t)
		kthread_stop(t);
	KEXPECT(advanced >= 11);        /* 100 ms off, then at least 20 ms asleep */
}
