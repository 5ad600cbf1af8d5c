/*
 * kernel/locking/test_rwsem.c - ktests for reader/writer semaphores:
 * readers and writers contending on every CPU with the counts checked
 * (a writer is always alone, readers overlap), fairness (a queued writer
 * holds back later readers, so a stream of readers cannot starve it),
 * downgrade_write letting queued readers in but not a queued writer,
 * trylocks, the read/write assertions, and read holds in the order
 * checks.
 * Locking: each test's semaphore is its own; the flags the threads report
 * through are volatile or atomic.
 */
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/mutex.h"
#include "kernel/locking/rwsem.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"

#define CONTENDERS 4
#define ROUNDS 2000

static struct {
	struct rw_semaphore sem;
	volatile int writer_inside;
	int readers_inside;             /* atomic */
	int value;                      /* written only under the write hold */
	int violations;                 /* atomic */
	int reads;                      /* atomic */
} rc;

/* A writer finds nobody else inside and bumps value non-atomically, with
 * a pause in the middle that a second writer would fall into. */
static void contend_write(void)
{
	int v;

	down_write(&rc.sem);
	if (rc.writer_inside || __atomic_load_n(&rc.readers_inside, __ATOMIC_SEQ_CST))
		__sync_fetch_and_add(&rc.violations, 1);
	rc.writer_inside = 1;
	v = rc.value;
	cpu_relax();
	rc.value = v + 1;
	rc.writer_inside = 0;
	up_write(&rc.sem);
}

/* A reader never sees a writer inside nor value moving under it. */
static void contend_read(void)
{
	int v;

	down_read(&rc.sem);
	__sync_fetch_and_add(&rc.readers_inside, 1);
	v = rc.value;
	cpu_relax();
	if (rc.writer_inside || v != rc.value)
		__sync_fetch_and_add(&rc.violations, 1);
	__sync_fetch_and_add(&rc.reads, 1);
	__sync_fetch_and_sub(&rc.readers_inside, 1);
	up_read(&rc.sem);
}

/* Thread i writes every (i + 2)th round and reads the others. */
static int contender(void *arg)
{
	int i = (int)(unsigned long)arg;

	for (int r = 0; r < ROUNDS; r++) {
		if (r % (i + 2) == 0)
			contend_write();
		else
			contend_read();
		if (r % 64 == 0)
			schedule();
	}
	return 0;
}

KTEST(rwsem, contention_keeps_writers_alone_and_counts_exact)
{
	struct task_struct *t[CONTENDERS];
	int writes = 0;

	init_rwsem(&rc.sem);
	rc.value = rc.violations = rc.reads = rc.readers_inside = 0;
	rc.writer_inside = 0;
	for (int i = 0; i < CONTENDERS; i++) {
		t[i] = kthread_create(contender, (void *)(unsigned long)i, "rwsem/%d", i);
		kthread_bind(t[i], i % num_online_cpus());
		wake_up_process(t[i]);
		writes += (ROUNDS + i + 1) / (i + 2);
	}
	for (int i = 0; i < CONTENDERS; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(rc.violations, 0);
	KEXPECT_EQ(rc.value, writes);
	KEXPECT_EQ(rc.reads, CONTENDERS * ROUNDS - writes);
	KEXPECT_EQ(rc.sem.count, 0);
	KEXPECT(list_empty(&rc.sem.wait_list));
}

static struct {
	struct rw_semaphore sem;
	volatile int order;             /* the next ticket */
	volatile int writer_got, reader_got;
	volatile int stop;
} fair;

static int fair_writer(void *arg)
{
	(void)arg;
	down_write(&fair.sem);
	fair.writer_got = ++fair.order;
	up_write(&fair.sem);
	return 0;
}

static int fair_reader(void *arg)
{
	(void)arg;
	down_read(&fair.sem);
	fair.reader_got = ++fair.order;
	up_read(&fair.sem);
	return 0;
}

/* Wait (bounded) until n tasks sleep on sem's queue. */
static bool queued(struct rw_semaphore *sem, int n)
{
	for (int ms = 0; ms < 2000; ms++) {
		struct list_head *p;
		int k = 0;

		spin_lock(&sem->wait_lock);
		list_for_each(p, &sem->wait_list)
			k++;
		spin_unlock(&sem->wait_lock);
		if (k >= n)
			return true;
		msleep(1);
	}
	return false;
}

/* A trylock that must fail (and must not leave the lock taken if not). */
static void expect_trylock_refused(struct rw_semaphore *sem, bool write, int line)
{
	if (write && down_write_trylock(sem)) {
		ktest_fail(__FILE__, line, "write trylock succeeded");
		up_write(sem);
	}
	if (!write && down_read_trylock(sem)) {
		ktest_fail(__FILE__, line, "read trylock succeeded");
		up_read(sem);
	}
}

static void fair_reset(void)
{
	init_rwsem(&fair.sem);
	fair.order = fair.writer_got = fair.reader_got = 0;
	fair.stop = 0;
}

KTEST(rwsem, queued_writer_holds_back_new_readers)
{
	struct task_struct *w, *r;

	fair_reset();
	down_read(&fair.sem);
	w = kthread_run(fair_writer, NULL, "rwsem-w");
	KEXPECT(queued(&fair.sem, 1));
	expect_trylock_refused(&fair.sem, false, __LINE__);    /* a writer waits */
	r = kthread_run(fair_reader, NULL, "rwsem-r");
	KEXPECT(queued(&fair.sem, 2));
	msleep(20);
	KEXPECT_EQ(fair.writer_got, 0);
	KEXPECT_EQ(fair.reader_got, 0);                 /* not past the writer */
	up_read(&fair.sem);
	kthread_stop(w);
	kthread_stop(r);
	KEXPECT_EQ(fair.writer_got, 1);
	KEXPECT_EQ(fair.reader_got, 2);
	KEXPECT_EQ(fair.sem.count, 0);
}

/* Readers that overlap so the semaphore is never free: without fairness
 * the writer would wait for ever. */
static int stream_reader(void *arg)
{
	(void)arg;
	while (!fair.stop) {
		down_read(&fair.sem);
		udelay(50);
		up_read(&fair.sem);
	}
	return 0;
}

KTEST(rwsem, writer_not_starved_by_a_stream_of_readers)
{
	struct task_struct *r[3], *w;
	int cpus = num_online_cpus();

	fair_reset();
	for (int i = 0; i < 3; i++) {
		r[i] = kthread_create(stream_reader, NULL, "rwsem-s/%d", i);
		kthread_bind(r[i], i % cpus);
		wake_up_process(r[i]);
	}
	msleep(10);
	w = kthread_run(fair_writer, NULL, "rwsem-w");
	for (int ms = 0; ms < 5000 && !fair.writer_got; ms++)
		msleep(1);
	KEXPECT_EQ(fair.writer_got, 1);
	fair.stop = 1;
	for (int i = 0; i < 3; i++)
		kthread_stop(r[i]);
	kthread_stop(w);
	KEXPECT_EQ(fair.sem.count, 0);
}

KTEST(rwsem, downgrade_lets_queued_readers_in_but_not_a_writer)
{
	struct task_struct *r, *w;

	fair_reset();
	down_write(&fair.sem);
	expect_trylock_refused(&fair.sem, false, __LINE__);
	expect_trylock_refused(&fair.sem, true, __LINE__);
	r = kthread_run(fair_reader, NULL, "rwsem-r");
	KEXPECT(queued(&fair.sem, 1));
	w = kthread_run(fair_writer, NULL, "rwsem-w");
	KEXPECT(queued(&fair.sem, 2));
	downgrade_write(&fair.sem);
	for (int ms = 0; ms < 2000 && !fair.reader_got; ms++)
		msleep(1);
	KEXPECT_EQ(fair.reader_got, 1);         /* in beside our read hold */
	msleep(20);
	KEXPECT_EQ(fair.writer_got, 0);         /* still held for reading */
	lockdep_assert_held(&fair.sem);
	up_read(&fair.sem);
	kthread_stop(r);
	kthread_stop(w);
	KEXPECT_EQ(fair.writer_got, 2);
	KEXPECT_EQ(fair.sem.count, 0);
}

KTEST(rwsem, assertions_tell_read_from_write_holds)
{
	static struct rw_semaphore assert_rwsem;
	unsigned long before = lockdep_reports;

	if (!debug_locks) {
		ktest_skip("boot with lock_debug to check the assertions");
		return;
	}
	init_rwsem(&assert_rwsem);
	down_write(&assert_rwsem);
	lockdep_assert_held(&assert_rwsem);
	lockdep_assert_held_write(&assert_rwsem);
	KEXPECT_EQ(lockdep_reports, before);
	up_write(&assert_rwsem);
	down_read(&assert_rwsem);
	lockdep_assert_held(&assert_rwsem);
	KEXPECT_EQ(lockdep_reports, before);
	lockdep_assert_held_write(&assert_rwsem);        /* only read: reported */
	KEXPECT_EQ(lockdep_reports, before + 1);
	up_read(&assert_rwsem);
	lockdep_assert_held(&assert_rwsem);              /* not at all: reported */
	KEXPECT_EQ(lockdep_reports, before + 2);
}

KTEST(rwsem, read_hold_takes_part_in_the_order_checks)
{
	static struct rw_semaphore sem;
	static struct mutex m;
	unsigned long before = lockdep_reports;

	if (!debug_locks) {
		ktest_skip("boot with lock_debug to check lock orders");
		return;
	}
	init_rwsem(&sem);
	mutex_init(&m);
	down_read(&sem);
	mutex_lock(&m);
	mutex_unlock(&m);
	up_read(&sem);
	KEXPECT_EQ(lockdep_reports, before);
	mutex_lock(&m);
	down_write(&sem);               /* the inversion, through a read hold */
	up_write(&sem);
	mutex_unlock(&m);
	KEXPECT_EQ(lockdep_reports, before + 1);
}
