/*
 * kernel/itimer.c - alarm(), setitimer() and getitimer(): the ITIMER_REAL
 * timer, which sends SIGALRM after a wall-clock interval and, if given
 * one, again at every interval after that.
 *
 * As in Linux the timer belongs to the process, not to a thread: there is
 * one per thread group, in its signal_struct (real_timer, it_real_incr).
 * Any thread arms, reads or cancels it; SIGALRM goes to the group (one
 * thread that does not block it takes it); it outlives the thread that
 * armed it and an execve (de_thread keeps the signal_struct), and goes
 * only when the last thread exits (kernel/exit.c:exit_thread, with
 * del_timer_sync, so no handler still runs when the signal_struct may be
 * freed).  fork's child starts without one.  ITIMER_VIRTUAL and
 * ITIMER_PROF count the process's CPU time instead - in user mode, or in
 * both - in ticks, which every thread's tick takes off
 * (kernel/cputime.c:account_process_tick), and send SIGVTALRM or SIGPROF
 * to the group when they run out; they are the process's too.
 *
 * The real timer keeps its deadline and interval in nanoseconds of ktime
 * (signal->it_real_expires, it_real_incr), not jiffies: a jiffies
 * timeout is clamped at MAX_JIFFY_OFFSET (about 124 days at HZ=100), and
 * alarm(2^31 - 1) must still say, and do, 68 years as on Linux.  The
 * timer_list only carries the timer towards the deadline, in hops no
 * longer than the clamp; a hop that ends early re-arms without a signal.
 *
 * Data: signal->real_timer, ->it_real_expires and ->it_real_incr (ns;
 * incr 0: fire once),
 * ->leader (whom the handler signals); signal->it[] (struct cpu_itimer).
 * Locking: arming and cancelling take the group leader's alloc_lock, so
 * two threads' setitimer calls do not interleave; under it the timer is
 * first stopped, so it_real_incr only changes while no handler runs or
 * can start.  The handler takes tasklist_lock to find the leader and
 * signal the group, and the OOM killer takes alloc_lock under
 * tasklist_lock: so setitimer never waits for a running handler with
 * alloc_lock held (del_timer_sync would close that circle) - it drops the
 * lock and tries again (try_to_del_timer_sync).  A CPU-time timer is
 * set under the same lock, off first, then its interval, then its value
 * (atomic stores: the ticks read them without a lock).
 */
#include "kernel/arch/uaccess.h"
#include "kernel/cputime.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/errno.h"

struct itimerval32 {
	struct timeval32 interval, value;
};

/* Point the timer at the deadline (or as near as one hop goes). */
static void arm_real_timer(struct signal_struct *sig, u64 now)
{
	u64 left = sig->it_real_expires > now ? sig->it_real_expires - now : 0;

	mod_timer(&sig->real_timer, jiffies + max(nsecs_to_jiffies(left), 1UL));
}

/* At the deadline, SIGALRM to the process, and the timer again if it has
 * an interval: counted from the deadline, so the period does not drift,
 * unless that is already past.  Before it (a hop of a long timer), on. */
static void it_real_fn(unsigned long data)
{
	struct signal_struct *sig = (struct signal_struct *)data;
	unsigned long flags;
	u64 now = ktime_get_ns();

	if (now < sig->it_real_expires) {
		arm_real_timer(sig, now);
		return;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	group_send_sig(SIGALRM, sig->leader);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!sig->it_real_incr)
		return;
	sig->it_real_expires += sig->it_real_incr;
	if (sig->it_real_expires <= now)
		sig->it_real_expires = now + sig->it_real_incr;
	arm_real_timer(sig, now);
}

/* A timeval to jiffies, rounded up and clamped (kernel/time.c); a
 * non-zero one is at least a jiffy. */
static unsigned long timeval_to_jiffies(const struct timeval32 *tv)
{
	return timespec_to_jiffies(tv->tv_sec, (s64)tv->tv_usec * 1000);
}

static u64 timeval_to_ns(const struct timeval32 *tv)
{
	return timespec_to_ns(tv->tv_sec, (s64)tv->tv_usec * 1000);
}

/* Rounded up to the microsecond, as Linux reports a real timer. */
static void ns_to_timeval(u64 ns, struct timeval32 *tv)
{
	u64 us = (ns + 999) / 1000;

	tv->tv_sec = (s32)(us / 1000000);
	tv->tv_usec = (s32)(us % 1000000);
}

static bool timeval_valid(const struct timeval32 *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* The timer as getitimer reports it: the time left (never 0 while it is
 * pending, as in Linux) and the interval. */
static void get_real_timer(struct signal_struct *sig, struct itimerval32 *it)
{
	u64 expires = sig->it_real_expires, now = ktime_get_ns();
	bool pending = timer_pending(&sig->real_timer);

	ns_to_timeval(sig->it_real_incr, &it->interval);
	ns_to_timeval(pending ? max(expires > now ? expires - now : 0, 1000ULL) : 0, &it->value);
}

/* Stop the timer, *old saying what it was, and start it again as `it`
 * says (value 0: stays stopped).  The retry waits out a handler's one
 * short run, nothing longer. */
static void set_real_timer(const struct itimerval32 *it, struct itimerval32 *old)
{
	struct task_struct *leader = current->group_leader;
	struct signal_struct *sig = current->signal;
	struct timer_list *t = &sig->real_timer;

again:
	spin_lock(&leader->alloc_lock);
	get_real_timer(sig, old);
	if (try_to_del_timer_sync(t) < 0) {
		spin_unlock(&leader->alloc_lock);
		cpu_relax();
		goto again;
	}
	sig->it_real_incr = timeval_to_ns(&it->interval);
	if (it->value.tv_sec || it->value.tv_usec) {
		u64 now = ktime_get_ns();

		t->function = it_real_fn;
		t->data = (unsigned long)sig;
		sig->it_real_expires = now + timeval_to_ns(&it->value);
		arm_real_timer(sig, now);
	}
	spin_unlock(&leader->alloc_lock);
}

static void get_cpu_timer(const struct cpu_itimer *t, struct itimerval32 *it)
{
	jiffies_to_timeval(__atomic_load_n(&t->incr, __ATOMIC_RELAXED), &it->interval);
	jiffies_to_timeval(__atomic_load_n(&t->expires, __ATOMIC_RELAXED), &it->value);
}

static void set_cpu_timer(struct cpu_itimer *t, const struct itimerval32 *it,
			  struct itimerval32 *old)
{
	struct task_struct *leader = current->group_leader;
	bool on = it->value.tv_sec || it->value.tv_usec;

	spin_lock(&leader->alloc_lock);
	get_cpu_timer(t, old);
	__atomic_store_n(&t->expires, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&t->incr, timeval_to_jiffies(&it->interval), __ATOMIC_RELEASE);
	__atomic_store_n(&t->expires, on ? timeval_to_jiffies(&it->value) : 0, __ATOMIC_RELEASE);
	spin_unlock(&leader->alloc_lock);
}

long sys_getitimer(unsigned long which, void __user *uval)
{
	struct itimerval32 it;

	if (which > ITIMER_PROF)
		return -EINVAL;
	if (which == ITIMER_REAL)
		get_real_timer(current->signal, &it);
	else
		get_cpu_timer(&current->signal->it[which - 1], &it);
	return copy_to_user(uval, &it, sizeof(it)) ? -EFAULT : 0;
}

long sys_setitimer(unsigned long which, const void __user *unew, void __user *uold)
{
	struct itimerval32 it = { { 0, 0 }, { 0, 0 } }, old;

	if (which > ITIMER_PROF)
		return -EINVAL;
	/* A NULL new value disarms, as Linux still allows. */
	if (unew && copy_from_user(&it, unew, sizeof(it)))
		return -EFAULT;
	if (!timeval_valid(&it.value) || !timeval_valid(&it.interval))
		return -EINVAL;
	if (which == ITIMER_REAL)
		set_real_timer(&it, &old);
	else
		set_cpu_timer(&current->signal->it[which - 1], &it, &old);
	return uold && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}

/* The seconds an old alarm had left, rounded to the nearest as Linux's
 * alarm() does, and never 0 while one was pending. */
static long alarm_seconds_left(const struct itimerval32 *old)
{
	if (!old->value.tv_sec && !old->value.tv_usec)
		return 0;
	if (!old->value.tv_sec)
		return 1;
	return old->value.tv_sec + (old->value.tv_usec >= 500000 ? 1 : 0);
}

/* SIGALRM in secs seconds (0 cancels); the seconds left of the old one.
 * More than 2^31 - 1 seconds is that many, as Linux on 32 bits says. */
long sys_alarm(unsigned long secs)
{
	struct itimerval32 it = { { 0, 0 }, { (s32)min(secs, 0x7fffffffUL), 0 } }, old;

	set_real_timer(&it, &old);
	return alarm_seconds_left(&old);
}
