/*
 * kernel/cputime.c - the tick's accounting: which mode each CPU spent the
 * tick in, the ticks charged to the running task, and the load average
 * computed from the runqueues every LOAD_FREQ ticks on CPU 0.  And what
 * a process has used, for times(), getrusage(), the CPU-time clocks and
 * /proc/PID/stat: each thread counts its own ticks, faults (mm/memory.c:
 * do_user_fault), switches and run time (kernel/sched.c:schedule); as in
 * Linux 2.6 a process's figure is the sum over its live threads plus
 * signal->dead, where each thread's counters go as it exits
 * (account_exiting_thread, from exit_notify), and a reaped child's whole
 * figure - its own reaped children's included - goes to its parent's
 * signal->children (account_reaped_child, from wait4).  The tick also
 * counts down the process's CPU-time itimers (ITIMER_VIRTUAL, ITIMER_PROF;
 * set in kernel/itimer.c) and signals the group when one runs out.
 *
 * Data: cpustat, per CPU (struct cpu_usage_stat); avenrun; the task and
 * signal_struct counters above.
 * Locking: each CPU's cpustat and the running task's tick counters are
 * written only by that CPU's tick (interrupts off); readers take single
 * words without a lock, a snapshot.  avenrun is written by CPU 0 only.
 * signal->dead and ->children change, and the thread list is walked,
 * under tasklist_lock, which the tick also takes to send an itimer's
 * signal; the itimers' counts change by compare-and-swap.
 */
#include "kernel/cputime.h"
#include "kernel/arch/uaccess.h"
#include "kernel/percpu.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmap.h"

#define LOAD_FREQ (5 * HZ + 1)         /* ticks between load-average updates */

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

unsigned long avenrun[3];
static DEFINE_PER_CPU(struct cpu_usage_stat, cpustat);

struct cpu_usage_stat kstat_cpu(int cpu)
{
	return per_cpu(cpustat, cpu);
}

/* Every 5 s: avenrun = avenrun * e^(-5/60m) + n * (1 - e^(-5/60m)), the
 * factors in fixed point (1884, 2014, 2037 of 2048 for 1, 5, 15 min). */
static void calc_load(void)
{
	static const unsigned long exp[3] = { 1884, 2014, 2037 };
	static unsigned long next = LOAD_FREQ;
	unsigned long active = 0;

	if (time_before(jiffies, next))
		return;
	next = jiffies + LOAD_FREQ;
	for (int cpu = 0; cpu < num_online_cpus(); cpu++)
		active += nr_running_on(cpu);
	for (int i = 0; i < 3; i++)
		avenrun[i] = (avenrun[i] * exp[i] + active * FIXED_1 * (FIXED_1 - exp[i])) >> FSHIFT;
}

/* One tick off a CPU-time itimer: true if that ran it out, and then it
 * starts again with its interval.  A compare-and-swap, since the threads
 * of one process tick on several CPUs at once. */
static bool itimer_tick(struct cpu_itimer *it)
{
	unsigned long left;

	do {
		left = __atomic_load_n(&it->expires, __ATOMIC_ACQUIRE);
		if (!left)
			return false;
	} while (!__sync_bool_compare_and_swap(&it->expires, left, left - 1));
	if (left != 1)
		return false;
	__sync_bool_compare_and_swap(&it->expires, 0, __atomic_load_n(&it->incr, __ATOMIC_ACQUIRE));
	return true;
}

/* ITIMER_VIRTUAL counts the process's user ticks, ITIMER_PROF all its
 * ticks; the signal is the process's. */
static void account_itimers(struct task_struct *p, bool user)
{
	struct signal_struct *sig = p->signal;
	unsigned long flags;
	bool virt = user && itimer_tick(&sig->it[ITIMER_VIRTUAL - 1]);
	bool prof = itimer_tick(&sig->it[ITIMER_PROF - 1]);

	if (!virt && !prof)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (virt)
		group_send_sig(SIGVTALRM, p);
	if (prof)
		group_send_sig(SIGPROF, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void account_process_tick(bool user)
{
	struct cpu_usage_stat *stat = &__get_cpu_var(cpustat);
	struct task_struct *p = current;

	if (is_idle_task(p)) {
		if (nr_iowait_on(smp_processor_id()))
			stat->iowait++;
		else
			stat->idle++;
	} else if (user) {
		stat->user++;
		p->utime++;
	} else {
		stat->system++;
		p->stime++;
	}
	if (!is_idle_task(p))
		account_itimers(p, user);
	if (smp_processor_id() == 0)
		calc_load();
}

/* Another CPU may be adding to the 64-bit count in two halves: read it
 * until two reads agree. */
static u64 read_runtime(const struct task_struct *p)
{
	u64 ns;

	do {
		ns = p->sum_exec_runtime;
	} while (ns != p->sum_exec_runtime);
	return ns;
}

/* The run time is brought up to date at each switch and tick; current
 * adds the stretch since, with interrupts off so none of those comes in
 * between. */
u64 task_sched_runtime(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	u64 ns;

	ns = read_runtime(p);
	if (p == current)
		ns += ktime_get_ns() - p->exec_start;
	local_irq_restore(flags);
	return ns;
}

static void usage_add(struct task_usage *u, const struct task_usage *v)
{
	u->utime += v->utime;
	u->stime += v->stime;
	u->min_flt += v->min_flt;
	u->maj_flt += v->maj_flt;
	u->nvcsw += v->nvcsw;
	u->nivcsw += v->nivcsw;
	u->sum_exec_runtime += v->sum_exec_runtime;
}

static void usage_add_task(struct task_usage *u, struct task_struct *t)
{
	struct task_usage v = { t->utime, t->stime, t->min_flt, t->maj_flt,
				t->nvcsw, t->nivcsw, task_sched_runtime(t) };

	usage_add(u, &v);
}

/* The tick only samples which mode a task is in, and ticks get lost (an
 * emulator on a busy host misses many), while the run time is measured
 * at every switch.  So, as Linux does (cputime_adjust), what is reported
 * is the run time, split between user and system mode as the ticks were
 * - and, since that ratio shifts, never less in either mode than was
 * reported before (prev).  tasklist_lock held: it guards prev. */
static void cputime_adjust(struct task_usage *u, struct prev_cputime *prev)
{
	u64 rtime = u->sum_exec_runtime / NSEC_PER_JIFFY;
	u64 ticks = (u64)u->utime + u->stime;
	unsigned long stime;

	lockdep_assert_held(&tasklist_lock);
	if (prev->utime + prev->stime >= rtime)
		goto out;
	stime = ticks ? (unsigned long)(rtime * u->stime / ticks) : 0;
	stime = max(stime, prev->stime);
	if (rtime - stime < prev->utime)
		stime = (unsigned long)rtime - prev->utime;
	prev->stime = stime;
	prev->utime = (unsigned long)rtime - stime;
out:
	u->utime = prev->utime;
	u->stime = prev->stime;
}

void task_usage(struct task_struct *t, struct task_usage *u)
{
	unsigned long flags;

	memset(u, 0, sizeof(*u));
	spin_lock_irqsave(&tasklist_lock, flags);
	usage_add_task(u, t);
	cputime_adjust(u, &t->prev_cputime);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* From p round the group's thread list: a thread that has exited and
 * left it sees only itself, and adds only signal->dead. */
void thread_group_usage(struct task_struct *p, struct task_usage *u)
{
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	*u = p->signal->dead;
	for_each_thread_from(p, t)
		if (!t->exit_state)
			usage_add_task(u, t);
	cputime_adjust(u, &p->signal->prev_cputime);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void children_usage(struct task_struct *p, struct task_usage *u)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	*u = p->signal->children;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void account_exiting_thread(struct task_struct *tsk)
{
	lockdep_assert_held(&tasklist_lock);
	usage_add_task(&tsk->signal->dead, tsk);
}

/* What goes to the reaper is the child's figure as reported (utime and
 * stime adjusted), as Linux adds it, so the children's stay monotonic. */
void account_reaped_child(struct task_struct *z)
{
	struct signal_struct *sig = z->signal, *psig = current->signal;
	struct task_usage u;
	unsigned long flags;

	thread_group_usage(z, &u);
	spin_lock_irqsave(&tasklist_lock, flags);
	usage_add(&psig->children, &u);
	usage_add(&psig->children, &sig->children);
	psig->cmaxrss = max(psig->cmaxrss, max(sig->maxrss, sig->cmaxrss));
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

struct tms32 {
	s32 utime, stime, cutime, cstime;
};

long sys_times(void __user *ubuf)
{
	struct task_usage self, children;
	struct tms32 t;

	thread_group_usage(current, &self);
	children_usage(current, &children);
	t.utime = (s32)jiffies_to_clock_t(self.utime);
	t.stime = (s32)jiffies_to_clock_t(self.stime);
	t.cutime = (s32)jiffies_to_clock_t(children.utime);
	t.cstime = (s32)jiffies_to_clock_t(children.stime);
	if (ubuf && copy_to_user(ubuf, &t, sizeof(t)))
		return -EFAULT;
	/* Ticks since boot: Linux's origin is arbitrary too, and this keeps
	 * the value clear of -4095..-1, which glibc would take for an error. */
	return (long)jiffies_to_clock_t(jiffies - INITIAL_JIFFIES);
}

/* maxrss is in pages. */
static void usage_to_rusage(const struct task_usage *u, unsigned long maxrss, struct rusage *r)
{
	memset(r, 0, sizeof(*r));
	jiffies_to_timeval(u->utime, &r->utime);
	jiffies_to_timeval(u->stime, &r->stime);
	r->maxrss = (s32)(maxrss << (PAGE_SHIFT - 10));
	r->minflt = (s32)u->min_flt;
	r->majflt = (s32)u->maj_flt;
	r->nvcsw = (s32)u->nvcsw;
	r->nivcsw = (s32)u->nivcsw;
}

/* ru_maxrss in pages: the peak of the address spaces p's process left
 * and of the one it has. */
static unsigned long rusage_maxrss(struct task_struct *p)
{
	unsigned long maxrss = p->signal->maxrss;
	struct mm_struct *mm = get_task_mm(p);

	if (mm) {
		setmax_mm_hiwater_rss(&maxrss, mm);
		mmput(mm);
	}
	return maxrss;
}

void fill_rusage(struct task_struct *p, struct rusage *r, bool children)
{
	struct task_usage u, c;

	thread_group_usage(p, &u);
	if (children) {
		children_usage(p, &c);
		usage_add(&u, &c);
	}
	usage_to_rusage(&u, children ? max(rusage_maxrss(p), p->signal->cmaxrss)
				     : rusage_maxrss(p), r);
}

long sys_getrusage(unsigned long who, void __user *ubuf)
{
	struct task_usage u;
	struct rusage r;

	if ((long)who == RUSAGE_SELF) {
		fill_rusage(current, &r, false);
	} else if ((long)who == RUSAGE_THREAD) {
		task_usage(current, &u);
		usage_to_rusage(&u, rusage_maxrss(current), &r);
	} else if ((long)who == RUSAGE_CHILDREN) {
		children_usage(current, &u);
		usage_to_rusage(&u, current->signal->cmaxrss, &r);
	} else {
		return -EINVAL;
	}
	return copy_to_user(ubuf, &r, sizeof(r)) ? -EFAULT : 0;
}
