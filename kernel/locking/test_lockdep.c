/*
 * kernel/locking/test_lockdep.c - ktests for the lock debugger: AB-BA and longer
 * inversions reported once with both classes named, consistent orders
 * left alone, trylocks recorded, bad unlocks refused, mutexes ordered too,
 * and lockdep_assert_held()/assert_spin_locked() reporting a lock not held.
 *
 * Each test makes fresh lock classes (every spin_lock_init/mutex_init line
 * is a class of its own), so earlier tests' orders do not interfere.  The
 * checker must have been on since boot (`lock_debug`, as in every test
 * machine); otherwise the tests skip.
 * Locking: the locks under test are this test's own.
 */
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/mutex.h"
#include "kernel/locking/spinlock.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/timer.h"

static bool need_lock_debug(void)
{
	if (!debug_locks)
		ktest_skip("boot with lock_debug to test the lock debugger");
	return debug_locks;
}

static void take_in_order(spinlock_t *first, spinlock_t *second)
{
	spin_lock(first);
	spin_lock(second);
	spin_unlock(second);
	spin_unlock(first);
}

KTEST(lockdep, ab_ba_inversion_reported_once)
{
	static spinlock_t inv_a, inv_b;
	unsigned long before = lockdep_reports;
	size_t mark = log_buf_len();

	if (!need_lock_debug())
		return;
	spin_lock_init(&inv_a);
	spin_lock_init(&inv_b);
	take_in_order(&inv_a, &inv_b);
	KEXPECT_EQ(lockdep_reports, before);
	take_in_order(&inv_b, &inv_a);          /* the inversion: reported */
	KEXPECT_EQ(lockdep_reports, before + 1);
	KEXPECT(log_buf_contains("possible circular locking dependency", mark));
	KEXPECT(log_buf_contains("takes &inv_a while holding &inv_b", mark));
	KEXPECT(log_buf_contains("take_in_order", mark));       /* a stack */
	take_in_order(&inv_b, &inv_a);          /* known: not again */
	KEXPECT_EQ(lockdep_reports, before + 1);
}

KTEST(lockdep, inversion_through_a_chain_is_reported)
{
	static spinlock_t ch_a, ch_b, ch_c;
	unsigned long before = lockdep_reports;
	size_t mark = log_buf_len();

	if (!need_lock_debug())
		return;
	spin_lock_init(&ch_a);
	spin_lock_init(&ch_b);
	spin_lock_init(&ch_c);
	take_in_order(&ch_a, &ch_b);
	take_in_order(&ch_b, &ch_c);
	KEXPECT_EQ(lockdep_reports, before);
	take_in_order(&ch_c, &ch_a);            /* c -> a closes a -> b -> c */
	KEXPECT_EQ(lockdep_reports, before + 1);
	KEXPECT(log_buf_contains("takes &ch_a while holding &ch_c", mark));
	KEXPECT(log_buf_contains("but &ch_a comes before &ch_c through other locks", mark));
}

KTEST(lockdep, consistent_order_is_never_reported)
{
	static spinlock_t ok_a, ok_b;
	unsigned long before = lockdep_reports;

	if (!need_lock_debug())
		return;
	spin_lock_init(&ok_a);
	spin_lock_init(&ok_b);
	for (int i = 0; i < 100; i++)
		take_in_order(&ok_a, &ok_b);
	KEXPECT_EQ(lockdep_reports, before);
}

KTEST(lockdep, trylock_counts_as_held)
{
	static spinlock_t try_a, try_b;
	unsigned long before = lockdep_reports;

	if (!need_lock_debug())
		return;
	spin_lock_init(&try_a);
	spin_lock_init(&try_b);
	/* Branches rather than KEXPECT(spin_trylock()), so that `make
	 * check` sees which paths hold try_a. */
	if (!spin_trylock(&try_a)) {
		KEXPECT(!"spin_trylock of a free lock failed");
		return;
	}
	if (spin_trylock(&try_a)) {             /* held: must fail, no report */
		KEXPECT(!"spin_trylock of a held lock succeeded");
		__release(&try_a);
	}
	spin_lock(&try_b);                      /* records try_a -> try_b */
	spin_unlock(&try_b);
	spin_unlock(&try_a);                    /* not a bad unlock */
	KEXPECT_EQ(lockdep_reports, before);
	take_in_order(&try_b, &try_a);
	KEXPECT_EQ(lockdep_reports, before + 1);
}

KTEST(lockdep, bad_unlock_is_refused_and_reported)
{
	static spinlock_t bad;
	unsigned long before = lockdep_reports;
	unsigned int count = preempt_count();
	size_t mark = log_buf_len();

	if (!need_lock_debug())
		return;
	spin_lock_init(&bad);
	__acquire(&bad);                        /* `make check` would catch it */
	spin_unlock(&bad);                      /* never locked */
	KEXPECT_EQ(lockdep_reports, before + 1);
	KEXPECT(log_buf_contains("BUG: spinlock bad unlock on CPU#", mark));
	KEXPECT(log_buf_contains("lock &bad (not locked", mark));
	KEXPECT(!spin_is_locked(&bad));         /* the ticket pair is untouched */
	KEXPECT_EQ(preempt_count(), count);     /* nor the preemption count */
	spin_lock(&bad);                        /* and it still works */
	KEXPECT(spin_is_locked(&bad));
	spin_unlock(&bad);
	KEXPECT(!spin_is_locked(&bad));
	KEXPECT_EQ(lockdep_reports, before + 1);
}

KTEST(lockdep, mutex_inversion_is_reported)
{
	static struct mutex m1, m2;
	unsigned long before = lockdep_reports;
	size_t mark = log_buf_len();

	if (!need_lock_debug())
		return;
	mutex_init(&m1);
	mutex_init(&m2);
	mutex_lock(&m1);
	mutex_lock(&m2);
	mutex_unlock(&m2);
	mutex_unlock(&m1);
	KEXPECT_EQ(lockdep_reports, before);
	mutex_lock(&m2);
	mutex_lock(&m1);
	mutex_unlock(&m1);
	mutex_unlock(&m2);
	KEXPECT_EQ(lockdep_reports, before + 1);
	KEXPECT(log_buf_contains("takes &m1 while holding &m2", mark));
}

KTEST(lockdep, mutex_unlock_by_non_owner_is_refused)
{
	static struct mutex m;
	unsigned long before = lockdep_reports;

	mutex_init(&m);
	__acquire(&m);                          /* `make check` would catch it */
	mutex_unlock(&m);
	KEXPECT_EQ(lockdep_reports, before + 1);
	if (!mutex_trylock(&m)) {               /* still free, still usable */
		KEXPECT(!"mutex_trylock of a free mutex failed");
		return;
	}
	mutex_unlock(&m);
	KEXPECT(!mutex_is_locked(&m));
}

/* An assertion of a held lock: silent while it is held by this CPU (or
 * task), reported when it is free or another CPU holds it. */
static spinlock_t assert_lock;
static struct mutex assert_mutex;

static void assert_on_other_cpu(void *info)
{
	(void)info;
	lockdep_assert_held(&assert_lock);      /* held by the caller's CPU */
}

KTEST(lockdep, assert_held_reports_only_a_lock_not_held)
{
	unsigned long before = lockdep_reports;
	int other = first_cpu(cpus_and(cpu_online_map, (cpumask_t){ ~(1UL << smp_processor_id()) }));
	size_t mark = log_buf_len();

	if (!need_lock_debug())
		return;
	spin_lock_init(&assert_lock);
	mutex_init(&assert_mutex);
	spin_lock(&assert_lock);
	lockdep_assert_held(&assert_lock);
	assert_spin_locked(&assert_lock);
	if (other < NR_CPUS) {                  /* held, but not by that CPU */
		smp_call_function_single(other, assert_on_other_cpu, NULL, true);
		KEXPECT_EQ(lockdep_reports, before + 1);
		before = lockdep_reports;
	}
	spin_unlock(&assert_lock);
	mutex_lock(&assert_mutex);
	lockdep_assert_held(&assert_mutex);
	mutex_unlock(&assert_mutex);
	KEXPECT_EQ(lockdep_reports, before);
	lockdep_assert_held(&assert_lock);      /* free: reported */
	assert_spin_locked(&assert_lock);
	lockdep_assert_held(&assert_mutex);
	KEXPECT_EQ(lockdep_reports, before + 3);
	KEXPECT(log_buf_contains("BUG: lock not held: &assert_lock", mark));
	KEXPECT(log_buf_contains("BUG: lock not held: &assert_mutex", mark));
	KEXPECT(log_buf_contains("test_lockdep.c:", mark));
}

/* A written order is enforced the first time it is broken, before
 * anybody has taken the pair the other way round. */
static const char *const test_order[] = { "&ord_outer", "&ord_inner" };

KTEST(lockdep, written_order_violation_reported_at_once)
{
	static spinlock_t ord_outer, ord_inner;
	unsigned long before = lockdep_reports;
	size_t mark = log_buf_len();

	if (!need_lock_debug())
		return;
	lockdep_declare_order("test order", test_order, ARRAY_SIZE(test_order));
	spin_lock_init(&ord_outer);
	spin_lock_init(&ord_inner);
	KEXPECT_EQ(lockdep_class_rank(&ord_outer, &ord_outer.class_idx), 0);
	KEXPECT_EQ(lockdep_class_rank(&ord_inner, &ord_inner.class_idx), 1);
	take_in_order(&ord_outer, &ord_inner);
	KEXPECT_EQ(lockdep_reports, before);
	take_in_order(&ord_inner, &ord_outer);  /* against the list: reported */
	KEXPECT(log_buf_contains("BUG: lock order violation", mark));
	KEXPECT(log_buf_contains("takes &ord_outer while holding &ord_inner", mark));
	KEXPECT(log_buf_contains("the test order says &ord_outer comes first", mark));
	KEXPECT(lockdep_reports > before);      /* and, here, the AB-BA too */
}

/* A lock held far too long: the waiter reports a suspected lockup with
 * every CPU's backtrace, then gets the lock when the holder lets go.
 * Runs only when named (ktest=fault_lockup; it takes LOCKUP_SECONDS). */
static spinlock_t stuck;
static volatile int holder_ready;

static int stuck_holder(void *arg)
{
	unsigned long reports = (unsigned long)arg;

	spin_lock(&stuck);
	holder_ready = 1;
	while (lockdep_reports == reports)      /* until the waiter reports */
		cpu_relax();
	spin_unlock(&stuck);
	return 0;
}

KTEST(fault_lockup, long_spin_is_reported)
{
	struct task_struct *t;
	int other = first_cpu(cpus_and(cpu_online_map, (cpumask_t){ ~1UL }));

	if (!need_lock_debug())
		return;
	if (other >= NR_CPUS) {
		ktest_skip("needs 2 CPUs");
		return;
	}
	spin_lock_init(&stuck);
	holder_ready = 0;
	t = kthread_create(stuck_holder, (void *)lockdep_reports, "holder");
	kthread_bind(t, other);
	wake_up_process(t);
	while (!holder_ready)
		msleep(1);
	set_cpus_allowed(current, cpumask_of_cpu(0));
	spin_lock(&stuck);                      /* spins until the report */
	spin_unlock(&stuck);
	kthread_stop(t);
	KEXPECT(lockdep_reports > 0);
}
