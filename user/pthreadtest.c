/*
 * user/pthreadtest.c - glibc's pthreads as programs use them, with every
 * count checked (all of it sleeps on futexes: private ones between the
 * threads of this process):
 *
 *   mutex       8 threads x 20000 increments: the total is exact
 *   condvar     a producer and 4 consumers through a 16-slot queue
 *               (not_empty/not_full): every item consumed exactly once
 *   barrier     8 threads, 50 rounds: each sees all 8 arrivals of its
 *               round, and one thread per round is the serial thread
 *   rwlock      writers keep two counters equal, readers never see
 *               them differ
 *   semaphore   unnamed: 4000 posts from 4 threads all taken, trywait's
 *               EAGAIN, a sleeper woken by a post, sem_timedwait's and
 *               sem_clockwait's ETIMEDOUT after the deadline
 *   timedwait   pthread_cond_timedwait on CLOCK_MONOTONIC and
 *               CLOCK_REALTIME: ETIMEDOUT no earlier than the deadline,
 *               0 when signalled first
 *   TLS         __thread (initialised and zeroed) and pthread keys with
 *               destructors: one value per thread
 *   cancel      deferred cancellation of threads blocked in read,
 *               nanosleep and pthread_cond_wait (cleanup handlers run;
 *               join gives PTHREAD_CANCELED), and held off while disabled
 *   robust      a robust mutex whose owner thread dies while we wait:
 *               EOWNERDEAD, then pthread_mutex_consistent; left
 *               inconsistent, ENOTRECOVERABLE
 *   PI          PTHREAD_PRIO_INHERIT refused with ENOTSUP when the
 *               kernel's FUTEX_UNLOCK_PI is ENOSYS (as here)
 *   processes   a PTHREAD_PROCESS_SHARED mutex and condvar in
 *               MAP_SHARED|MAP_ANONYMOUS memory first touched after fork
 *               (turns taken in order, increments exact); semaphores
 *               (sem_init pshared) in a /dev/shm object the child maps
 *               again by name: round trips; named semaphores (sem_open,
 *               which makes a /dev/shm file and link(2)s it to its name)
 *               shared with a child, O_CREAT|O_EXCL on a name taken:
 *               EEXIST, sem_unlink; an unnamed sem_init(pshared) in
 *               MAP_SHARED|MAP_ANONYMOUS memory used across fork
 *   lifetimes   64 threads created and joined with their results;
 *               pthread_detach, by another thread and by the thread itself;
 *               main returns with a thread asleep in read (exit_group
 *               ends it, and as init the machine still powers off)
 *
 * Timings are lower bounds only (a timed wait did wait).  One ok/FAIL
 * line per check, "pthreadtest: all ok" at the end; the exit status is
 * the number of failures.  The same binary runs on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NT 8                            /* threads in the contention tests */
#define MS 1000000L                     /* nanoseconds */
#define SPIN_LIMIT 20000                /* 1 ms naps: 20 s at most */


static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * MS };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* now on clock + ms, as the absolute deadline the timed calls take */
static struct timespec deadline(clockid_t clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * MS;
	if (ts.tv_nsec >= 1000 * MS) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000 * MS;
	}
	return ts;
}

static int reached(clockid_t clock, const struct timespec *when)
{
	struct timespec now;

	clock_gettime(clock, &now);
	return now.tv_sec > when->tv_sec ||
	       (now.tv_sec == when->tv_sec && now.tv_nsec >= when->tv_nsec);
}

static void start_all(pthread_t *t, int n, void *(*fn)(void *))
{
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, fn, (void *)i)) {
			printf("FAIL pthread_create\n");
			exit(100);
		}
}

static void join_all(pthread_t *t, int n)
{
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

/* Threads: in /proc/self/status; -1 if unreadable. */
static long nr_threads(void)
{
	char buf[2048], *p;
	int fd = open("/proc/self/status", O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "Threads:\t");
	return p ? strtol(p + 9, NULL, 10) : -1;
}

/* Until Threads: is back down to n - or below: a thread of an earlier
 * test may still have been on its way out when n was read (Linux on a
 * loaded host once counted one such, and the count then ended under n). */
static int wait_threads(long n)
{
	for (int i = 0; i < SPIN_LIMIT; i++) {
		long now = nr_threads();

		if (now >= 0 && now <= n)
			return 1;
		nap_ms(1);
	}
	return 0;
}

/* ---- mutex ---- */

#define INCREMENTS 20000

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long count;

static void *increment(void *arg)
{
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&count_lock);
		count++;
		pthread_mutex_unlock(&count_lock);
	}
	return arg;
}

static void test_mutex(void)
{
	pthread_t t[NT];

	start_all(t, NT, increment);
	join_all(t, NT);
	check(count == (long)NT * INCREMENTS, "mutex: 8 threads x 20000 increments, the total exact");
}

/* ---- condition variables: a bounded queue ---- */

#define ITEMS 20000
#define SLOTS 16
#define CONSUMERS 4
#define NO_ITEM (-1)

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	int ring[SLOTS], head, tail, used, done;
	unsigned char seen[ITEMS];
	int bad;
} queue = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.not_empty = PTHREAD_COND_INITIALIZER,
	.not_full = PTHREAD_COND_INITIALIZER,
};

static void put(int item)
{
	pthread_mutex_lock(&queue.lock);
	while (queue.used == SLOTS)
		pthread_cond_wait(&queue.not_full, &queue.lock);
	queue.ring[queue.tail] = item;
	queue.tail = (queue.tail + 1) % SLOTS;
	queue.used++;
	pthread_cond_signal(&queue.not_empty);
	pthread_mutex_unlock(&queue.lock);
}

/* The next item, or NO_ITEM once the producer is done and the queue empty. */
static int take(void)
{
	int item = NO_ITEM;

	pthread_mutex_lock(&queue.lock);
	while (!queue.used && !queue.done)
		pthread_cond_wait(&queue.not_empty, &queue.lock);
	if (queue.used) {
		item = queue.ring[queue.head];
		queue.head = (queue.head + 1) % SLOTS;
		queue.used--;
		pthread_cond_signal(&queue.not_full);
	}
	pthread_mutex_unlock(&queue.lock);
	return item;
}

static void *consumer(void *arg)
{
	int item;

	while ((item = take()) != NO_ITEM) {
		if (item < 0 || item >= ITEMS)
			__atomic_add_fetch(&queue.bad, 1, __ATOMIC_RELAXED);
		else
			__atomic_add_fetch(&queue.seen[item], 1, __ATOMIC_RELAXED);
	}
	return arg;
}

static void test_condvar(void)
{
	pthread_t t[CONSUMERS];
	int once = 1;

	start_all(t, CONSUMERS, consumer);
	for (int i = 0; i < ITEMS; i++)
		put(i);
	pthread_mutex_lock(&queue.lock);
	queue.done = 1;
	pthread_cond_broadcast(&queue.not_empty);
	pthread_mutex_unlock(&queue.lock);
	join_all(t, CONSUMERS);
	for (int i = 0; i < ITEMS; i++)
		once &= queue.seen[i] == 1;
	check(once && !queue.bad && !queue.used,
	      "condvar: 20000 items through a 16-slot queue, each consumed exactly once");
}

/* ---- barrier ---- */

#define ROUNDS 50

static pthread_barrier_t barrier;
static int arrivals[ROUNDS], serials[ROUNDS], short_rounds;

static void *barrier_worker(void *arg)
{
	for (int r = 0; r < ROUNDS; r++) {
		__atomic_add_fetch(&arrivals[r], 1, __ATOMIC_SEQ_CST);
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serials[r], 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&arrivals[r], __ATOMIC_SEQ_CST) != NT)
			__atomic_add_fetch(&short_rounds, 1, __ATOMIC_SEQ_CST);
	}
	return arg;
}

static void test_barrier(void)
{
	pthread_t t[NT];
	int one_serial = 1;

	pthread_barrier_init(&barrier, NULL, NT);
	start_all(t, NT, barrier_worker);
	join_all(t, NT);
	for (int r = 0; r < ROUNDS; r++)
		one_serial &= serials[r] == 1;
	check(!short_rounds, "barrier: 50 rounds, every thread saw all 8 arrivals of its round");
	check(one_serial, "barrier: exactly one serial thread per round");
	pthread_barrier_destroy(&barrier);
}

/* ---- rwlock ---- */

#define WRITERS 2
#define RW_ITERATIONS 3000

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static volatile long pair_a, pair_b;
static long torn_reads, reads_done;

static void *rw_worker(void *arg)
{
	int writer = (long)arg < WRITERS;

	for (int i = 0; i < RW_ITERATIONS; i++) {
		if (writer) {
			pthread_rwlock_wrlock(&rwlock);
			pair_a++;
			if (i % 64 == 0)
				sched_yield();  /* hold it a while, half-updated */
			pair_b++;
		} else {
			pthread_rwlock_rdlock(&rwlock);
			if (pair_a != pair_b)
				__atomic_add_fetch(&torn_reads, 1, __ATOMIC_RELAXED);
			__atomic_add_fetch(&reads_done, 1, __ATOMIC_RELAXED);
		}
		pthread_rwlock_unlock(&rwlock);
	}
	return arg;
}

static void test_rwlock(void)
{
	pthread_t t[NT];

	start_all(t, NT, rw_worker);
	join_all(t, NT);
	check(pair_a == WRITERS * RW_ITERATIONS && pair_b == pair_a,
	      "rwlock: 2 writers x 3000 updates of a pair, both counts exact");
	check(!torn_reads && reads_done == (NT - WRITERS) * RW_ITERATIONS,
	      "rwlock: 18000 reads by 6 readers, none saw the pair differ");
}

/* ---- unnamed semaphores ---- */

#define POSTERS 4
#define POSTS 1000

static sem_t sem;
static volatile int sem_woken;

static void *poster(void *arg)
{
	for (int i = 0; i < POSTS; i++)
		sem_post(&sem);
	return arg;
}

static void *sem_sleeper(void *arg)
{
	sem_wait(&sem);
	sem_woken = 1;
	return arg;
}

static void test_sem_posts(void)
{
	pthread_t t[POSTERS];
	int taken = 0, value = -1;

	sem_init(&sem, 0, 0);
	start_all(t, POSTERS, poster);
	for (int i = 0; i < POSTERS * POSTS; i++)
		taken += sem_wait(&sem) == 0;
	join_all(t, POSTERS);
	sem_getvalue(&sem, &value);
	check(taken == POSTERS * POSTS && value == 0, "sem: 4000 posts from 4 threads, all taken");
	check(sem_trywait(&sem) == -1 && errno == EAGAIN, "sem_trywait at 0: EAGAIN");
	start_all(t, 1, sem_sleeper);
	nap_ms(20);
	check(!sem_woken, "sem_wait at 0 sleeps");
	sem_post(&sem);
	join_all(t, 1);
	check(sem_woken, "sem_post wakes the sleeper");
	sem_destroy(&sem);
}

static void test_sem_timeouts(void)
{
	struct timespec when;
	int r;

	sem_init(&sem, 0, 0);
	when = deadline(CLOCK_REALTIME, 50);
	r = sem_timedwait(&sem, &when);
	check(r == -1 && errno == ETIMEDOUT && reached(CLOCK_REALTIME, &when),
	      "sem_timedwait: ETIMEDOUT, not before its CLOCK_REALTIME deadline");
	when = deadline(CLOCK_MONOTONIC, 50);
	r = sem_clockwait(&sem, CLOCK_MONOTONIC, &when);
	check(r == -1 && errno == ETIMEDOUT && reached(CLOCK_MONOTONIC, &when),
	      "sem_clockwait: ETIMEDOUT, not before its CLOCK_MONOTONIC deadline");
	sem_post(&sem);
	when = deadline(CLOCK_REALTIME, 5000);
	check(sem_timedwait(&sem, &when) == 0, "sem_timedwait with a post pending: 0 at once");
	sem_destroy(&sem);
}

/* ---- pthread_cond_timedwait on both clocks ---- */

static pthread_mutex_t timed_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timed_cond;
static int timed_flag;

static void *signal_later(void *arg)
{
	nap_ms(10);
	pthread_mutex_lock(&timed_lock);
	timed_flag = 1;
	pthread_cond_signal(&timed_cond);
	pthread_mutex_unlock(&timed_lock);
	return arg;
}

static void timedwait_on(clockid_t clock, const char *name)
{
	pthread_condattr_t attr;
	struct timespec when;
	pthread_t t;
	char what[128];
	int r;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, clock);
	pthread_cond_init(&timed_cond, &attr);
	when = deadline(clock, 50);
	pthread_mutex_lock(&timed_lock);
	r = pthread_cond_timedwait(&timed_cond, &timed_lock, &when);
	pthread_mutex_unlock(&timed_lock);
	snprintf(what, sizeof(what), "cond_timedwait on %s: ETIMEDOUT, not before the deadline", name);
	check(r == ETIMEDOUT && reached(clock, &when), what);
	timed_flag = 0;
	start_all(&t, 1, signal_later);
	when = deadline(clock, 10000);
	pthread_mutex_lock(&timed_lock);
	for (r = 0; !timed_flag && r == 0;)
		r = pthread_cond_timedwait(&timed_cond, &timed_lock, &when);
	pthread_mutex_unlock(&timed_lock);
	join_all(&t, 1);
	snprintf(what, sizeof(what), "cond_timedwait on %s: signalled before the deadline, 0", name);
	check(r == 0 && timed_flag && !reached(clock, &when), what);
	pthread_cond_destroy(&timed_cond);
	pthread_condattr_destroy(&attr);
}

static void test_cond_timedwait(void)
{
	timedwait_on(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	timedwait_on(CLOCK_REALTIME, "CLOCK_REALTIME");
}

/* ---- thread-local storage ---- */

static __thread int tls_initialised = 42;       /* .tdata */
static __thread long tls_zeroed[16];            /* .tbss */
static pthread_key_t key;
static long destructed[NT];
static int tls_bad;
static void *tls_addresses[NT];

static void destructor(void *value)
{
	long i = (long)value - 1;

	if (i >= 0 && i < NT)
		__atomic_add_fetch(&destructed[i], 1, __ATOMIC_SEQ_CST);
}

static void *tls_worker(void *arg)
{
	long i = (long)arg;

	if (tls_initialised != 42 || tls_zeroed[0] || tls_zeroed[15])
		__atomic_add_fetch(&tls_bad, 1, __ATOMIC_SEQ_CST);
	tls_initialised = (int)i;
	tls_zeroed[15] = i;
	pthread_setspecific(key, (void *)(i + 1));
	tls_addresses[i] = &tls_initialised;
	for (int k = 0; k < 100; k++)
		sched_yield();          /* the others write theirs meanwhile */
	if (tls_initialised != i || tls_zeroed[15] != i || pthread_getspecific(key) != (void *)(i + 1))
		__atomic_add_fetch(&tls_bad, 1, __ATOMIC_SEQ_CST);
	return arg;
}

static void test_tls(void)
{
	pthread_t t[NT];
	int distinct = 1, once = 1;

	pthread_key_create(&key, destructor);
	start_all(t, NT, tls_worker);
	join_all(t, NT);
	for (int i = 0; i < NT; i++) {
		once &= destructed[i] == 1;
		for (int j = 0; j < i; j++)
			distinct &= tls_addresses[i] != tls_addresses[j];
	}
	check(!tls_bad && tls_initialised == 42,
	      "__thread: each thread starts from the initial image and keeps its own values");
	check(distinct, "__thread: a distinct address in each of 8 threads");
	check(once, "pthread keys: each thread's value, its destructor run once at exit");
	pthread_key_delete(key);
}

/* ---- cancellation ---- */

enum { IN_READ, IN_NANOSLEEP, IN_COND_WAIT, CANCEL_POINTS };

static const char *const cancel_names[CANCEL_POINTS] = { "read", "nanosleep", "pthread_cond_wait" };
static int cancel_pipe[2];
static pthread_mutex_t cancel_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cancel_cond = PTHREAD_COND_INITIALIZER;
static volatile int cleaned[CANCEL_POINTS], blocking[CANCEL_POINTS];
static volatile int cleanup_held_lock;

static void cleanup(void *arg)
{
	long point = (long)arg;

	if (point == IN_COND_WAIT) {    /* the wait took the mutex back first */
		cleanup_held_lock = pthread_mutex_trylock(&cancel_lock) == EBUSY;
		pthread_mutex_unlock(&cancel_lock);
	}
	cleaned[point] = 1;
}

static void block_at(long point)
{
	struct timespec long_sleep = { 1000, 0 };
	char c;

	blocking[point] = 1;
	if (point == IN_READ)
		read(cancel_pipe[0], &c, 1);
	else if (point == IN_NANOSLEEP)
		nanosleep(&long_sleep, NULL);
	else
		for (;;)
			pthread_cond_wait(&cancel_cond, &cancel_lock);
}

static void *cancellable(void *arg)
{
	long point = (long)arg;

	if (point == IN_COND_WAIT)
		pthread_mutex_lock(&cancel_lock);
	pthread_cleanup_push(cleanup, arg);
	block_at(point);
	pthread_cleanup_pop(0);
	return NULL;
}

/* Join, unless the thread is still there after secs seconds (a cancel
 * that never arrived: the thread stays blocked until we exit). */
static int join_within(pthread_t t, int secs, void **result)
{
	struct timespec when = deadline(CLOCK_REALTIME, secs * 1000L);

	return pthread_timedjoin_np(t, result, &when) == 0;
}

static void test_cancel_points(void)
{
	pthread_t t[CANCEL_POINTS];
	char what[128];
	void *result;

	pipe(cancel_pipe);
	start_all(t, CANCEL_POINTS, cancellable);
	for (int p = 0; p < CANCEL_POINTS; p++) {
		for (int i = 0; i < SPIN_LIMIT && !blocking[p]; i++)
			nap_ms(1);
		nap_ms(20);             /* well inside the call by now */
		result = NULL;
		pthread_cancel(t[p]);
		snprintf(what, sizeof(what), "cancel in %s: cleanup ran, join gives PTHREAD_CANCELED",
			 cancel_names[p]);
		check(join_within(t[p], 5, &result) && cleaned[p] && result == PTHREAD_CANCELED,
		      what);
	}
	check(cleanup_held_lock && pthread_mutex_trylock(&cancel_lock) == 0,
	      "cancel in pthread_cond_wait: the cleanup handler holds the mutex and releases it");
	pthread_mutex_unlock(&cancel_lock);
}

static volatile int disabled_ready, disabled_survived;

static void *cancel_disabled(void *arg)
{
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	disabled_ready = 1;
	nap_ms(50);                     /* cancelled meanwhile: sleeps on */
	disabled_survived = 1;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	pthread_testcancel();
	disabled_survived = 2;
	return arg;
}

static void test_cancel_disabled(void)
{
	pthread_t t;
	void *result = NULL;

	start_all(&t, 1, cancel_disabled);
	while (!disabled_ready)
		nap_ms(1);
	pthread_cancel(t);
	check(join_within(t, 5, &result) && disabled_survived == 1 && result == PTHREAD_CANCELED,
	      "cancel while disabled: held off until enabled, then taken at pthread_testcancel");
}

/* ---- a robust mutex whose owner dies ---- */

static pthread_mutex_t robust;
static sem_t robust_held;

static void *die_holding(void *arg)
{
	pthread_mutex_lock(&robust);
	sem_post(&robust_held);
	nap_ms(50);                     /* the main thread is asleep in lock by then */
	return arg;                     /* exits holding it */
}

/* Lock a robust mutex whose owner thread exits while we wait. */
static int lock_after_owner_dies(void)
{
	pthread_t t;
	int r;

	start_all(&t, 1, die_holding);
	sem_wait(&robust_held);
	r = pthread_mutex_lock(&robust);
	pthread_join(t, NULL);
	return r;
}

static void test_robust(void)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &attr);
	sem_init(&robust_held, 0, 0);
	check(lock_after_owner_dies() == EOWNERDEAD,
	      "robust mutex: the owner thread died while we waited, EOWNERDEAD");
	check(pthread_mutex_consistent(&robust) == 0 && pthread_mutex_unlock(&robust) == 0 &&
	      pthread_mutex_lock(&robust) == 0 && pthread_mutex_unlock(&robust) == 0,
	      "robust mutex: made consistent, it locks normally again");
	check(lock_after_owner_dies() == EOWNERDEAD && pthread_mutex_unlock(&robust) == 0 &&
	      pthread_mutex_lock(&robust) == ENOTRECOVERABLE,
	      "robust mutex: unlocked without consistent, ENOTRECOVERABLE");
	pthread_mutex_destroy(&robust);
	pthread_mutexattr_destroy(&attr);
	sem_destroy(&robust_held);
}

/* ---- priority inheritance ---- */

static int pi_futexes_missing(void)
{
	unsigned int word = 0;

	return syscall(SYS_futex, &word, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0) == -1 &&
	       errno == ENOSYS;
}

static void test_prio_inherit(void)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t m;
	int r;

	pthread_mutexattr_init(&attr);
	check(pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT) == 0,
	      "PTHREAD_PRIO_INHERIT: the attribute is accepted");
	r = pthread_mutex_init(&m, &attr);
	if (pi_futexes_missing()) {
		check(r == ENOTSUP, "PTHREAD_PRIO_INHERIT: FUTEX_UNLOCK_PI is ENOSYS, so init gives ENOTSUP");
	} else {
		check(r == 0 && pthread_mutex_lock(&m) == 0 && pthread_mutex_unlock(&m) == 0,
		      "PTHREAD_PRIO_INHERIT: PI futexes present, the mutex works");
		pthread_mutex_destroy(&m);
	}
	pthread_mutexattr_destroy(&attr);
}

/* ---- creating, joining, detaching ---- */

#define MANY 64

static void *square(void *arg)
{
	long i = (long)arg;

	return (void *)(i * i);
}

static void test_many(void)
{
	pthread_t t[MANY];
	int created = 0, right = 0;
	long before = nr_threads();
	void *result;

	for (long i = 0; i < MANY; i++)
		created += pthread_create(&t[i], NULL, square, (void *)i) == 0;
	for (long i = 0; i < created; i++)
		right += pthread_join(t[i], &result) == 0 && result == (void *)(i * i);
	check(created == MANY && right == MANY, "64 threads created and joined, each with its result");
	check(wait_threads(before), "all 64 gone from Threads:");
}

static sem_t detached_done;

static void *detached_worker(void *arg)
{
	if (arg)
		pthread_detach(pthread_self());
	sem_post(&detached_done);
	return NULL;
}

static void test_detach(void)
{
	pthread_t t[2];
	long before = nr_threads();
	int detached;

	sem_init(&detached_done, 0, 0);
	pthread_create(&t[0], NULL, detached_worker, NULL);
	detached = pthread_detach(t[0]) == 0;
	pthread_create(&t[1], NULL, detached_worker, (void *)1L);
	sem_wait(&detached_done);
	sem_wait(&detached_done);
	check(detached, "pthread_detach of a running thread: 0");
	check(wait_threads(before), "a thread detached by another and one by itself ran and went");
	sem_destroy(&detached_done);
}

/* ---- between processes: shared memory nobody touched before fork ---- */

#define TURNS 500
#define PINGS 1000
#define LONG_WAIT_MS 10000              /* a wait that ends this late failed */

struct meeting {
	pthread_mutex_t lock;
	pthread_cond_t turn_changed;
	int turn;                       /* 0: the parent's, 1: the child's */
	long turns, sum;
};

static void meeting_init(struct meeting *m)
{
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&m->lock, &ma);
	pthread_condattr_init(&ca);
	pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	pthread_cond_init(&m->turn_changed, &ca);
}

/* Wait for my turn, then hand it over; false if it never came. */
static int take_turn(struct meeting *m, int me)
{
	struct timespec when = deadline(CLOCK_REALTIME, LONG_WAIT_MS);
	int r = 0;

	pthread_mutex_lock(&m->lock);
	while (m->turn != me && r == 0)
		r = pthread_cond_timedwait(&m->turn_changed, &m->lock, &when);
	if (m->turn == me) {
		m->turn = !me;
		m->turns++;
		pthread_cond_broadcast(&m->turn_changed);
	}
	pthread_mutex_unlock(&m->lock);
	return r == 0;
}

/* TURNS turns and INCREMENTS increments, as parent (0) or child (1). */
static int meet(struct meeting *m, int me)
{
	int ok = 1;

	for (int i = 0; i < TURNS && ok; i++)
		ok = take_turn(m, me);
	for (int i = 0; i < INCREMENTS && ok; i++) {
		pthread_mutex_lock(&m->lock);
		m->sum++;
		pthread_mutex_unlock(&m->lock);
	}
	return ok;
}

static int child_ok(pid_t pid)
{
	int status = 0;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status);
}

/* The mapping is made, the child forked, and only then is the memory
 * touched - by both: MAP_SHARED|MAP_ANONYMOUS must be one object. */
static void test_pshared_mutex_condvar(void)
{
	struct meeting *m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int ready[2], ok;
	pid_t pid;
	char c = 0;

	pipe(ready);
	pid = fork();
	if (pid == 0) {
		read(ready[0], &c, 1);
		_exit(c == 'i' && meet(m, 1) ? 0 : 1);
	}
	meeting_init(m);
	write(ready[1], "i", 1);
	ok = meet(m, 0);
	check(child_ok(pid) && ok && m->turns == 2 * TURNS,
	      "process-shared condvar in memory first touched after fork: 1000 turns taken in order");
	check(m->sum == 2L * INCREMENTS, "process-shared mutex: 2 processes x 20000 increments, exact");
	close(ready[0]);
	close(ready[1]);
	munmap(m, sizeof(*m));
}

#define SEM_NAME "/pthreadtest-sem"

/* Two semaphores in a /dev/shm object, mapped by whoever opens the name. */
static sem_t *map_sems(int flags)
{
	int fd = shm_open(SEM_NAME, O_RDWR | flags, 0600);
	sem_t *s = MAP_FAILED;

	if (fd >= 0 && (!(flags & O_CREAT) || ftruncate(fd, 2 * sizeof(sem_t)) == 0))
		s = mmap(NULL, 2 * sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fd >= 0)
		close(fd);
	return s == MAP_FAILED ? NULL : s;
}

static int sem_wait_long(sem_t *s)
{
	struct timespec when = deadline(CLOCK_REALTIME, LONG_WAIT_MS);

	return sem_timedwait(s, &when) == 0;
}

/* PINGS round trips: post on one, wait on the other. */
static int ping_pong(sem_t *post_on, sem_t *wait_on, int first)
{
	int ok = 1;

	for (int i = 0; i < PINGS && ok; i++) {
		if (first)
			sem_post(post_on);
		ok = sem_wait_long(wait_on);
		if (!first)
			sem_post(post_on);
	}
	return ok;
}

/* POSIX semaphores (sem_init, pshared) in a named /dev/shm object that
 * the child opens and maps again by its name, at an address of its own. */
static void test_sems_in_dev_shm(void)
{
	sem_t *s = map_sems(O_CREAT | O_EXCL), *c;
	pid_t pid;
	int ok;

	check(s && sem_init(&s[0], 1, 0) == 0 && sem_init(&s[1], 1, 0) == 0,
	      "shm_open + ftruncate + mmap in /dev/shm, sem_init(pshared)");
	if (!s)
		return;
	pid = fork();
	if (pid == 0) {
		c = map_sems(0);
		_exit(c && c != s && ping_pong(&c[1], &c[0], 0) ? 0 : 1);
	}
	ok = ping_pong(&s[0], &s[1], 1);
	check(child_ok(pid) && ok,
	      "semaphores in /dev/shm: 1000 round trips with a child that mapped the name again");
	check(shm_unlink(SEM_NAME) == 0 && shm_open(SEM_NAME, O_RDWR, 0) == -1 && errno == ENOENT,
	      "shm_unlink: the name is gone");
	munmap(s, 2 * sizeof(sem_t));
}

#define SEM_A "/pthreadtest-a"
#define SEM_B "/pthreadtest-b"

/* Does /proc/self/maps name path? */
static int mapped_by_name(const char *path)
{
	static char maps[65536];
	int fd = open("/proc/self/maps", O_RDONLY);
	size_t used = 0;
	ssize_t n = 1;

	while (fd >= 0 && n > 0 && used < sizeof(maps) - 1) {
		n = read(fd, maps + used, sizeof(maps) - 1 - used);
		used += n > 0 ? (size_t)n : 0;
	}
	if (fd >= 0)
		close(fd);
	maps[used] = '\0';
	return strstr(maps, path) != NULL;
}

/* Named semaphores: glibc's sem_open writes the semaphore to a temporary
 * file in /dev/shm, maps it MAP_SHARED and link(2)s it to /dev/shm/NAME,
 * so a process opening the name maps the same page.  A count is handed
 * to a child and back PINGS times. */
static void test_named_sems(void)
{
	sem_t *a = sem_open(SEM_A, O_CREAT | O_EXCL, 0600, 0);
	sem_t *b = sem_open(SEM_B, O_CREAT | O_EXCL, 0600, 0);
	pid_t pid;
	int ok, value = -1;

	check(a != SEM_FAILED && b != SEM_FAILED, "sem_open O_CREAT|O_EXCL: two new named semaphores");
	if (a == SEM_FAILED || b == SEM_FAILED)
		return;
	/* Linux names the temporary file the page was mapped through
	 * ("/dev/shm/sem.XXXXXX (deleted)"), Tessera the inode's name now:
	 * both a semaphore file of /dev/shm. */
	check(mapped_by_name("/dev/shm/sem."), "maps names a semaphore file of /dev/shm");
	pid = fork();
	if (pid == 0) {
		sem_t *ca = sem_open(SEM_A, 0), *cb = sem_open(SEM_B, 0);

		ok = ca != SEM_FAILED && cb != SEM_FAILED && ping_pong(cb, ca, 0);
		_exit(ok && sem_close(ca) == 0 && sem_close(cb) == 0 ? 0 : 1);
	}
	ok = ping_pong(a, b, 1);
	check(child_ok(pid) && ok, "named semaphores: 1000 round trips with a child that opened the names");
	check(sem_getvalue(a, &value) == 0 && value == 0, "named semaphore: count back at 0");
	errno = 0;
	check(sem_open(SEM_A, O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED && errno == EEXIST,
	      "sem_open O_CREAT|O_EXCL on a taken name: EEXIST");
	check(sem_close(a) == 0 && sem_close(b) == 0 && sem_unlink(SEM_A) == 0 && sem_unlink(SEM_B) == 0,
	      "sem_close, sem_unlink");
	errno = 0;
	check(sem_open(SEM_A, 0) == SEM_FAILED && errno == ENOENT, "sem_open of an unlinked name: ENOENT");
}

/* An unnamed process-shared semaphore pair in shared anonymous memory,
 * initialised before the fork. */
static void test_unnamed_pshared_sems(void)
{
	sem_t *s = mmap(NULL, 2 * sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			-1, 0);
	pid_t pid;
	int ok;

	check(s != MAP_FAILED && sem_init(&s[0], 1, 0) == 0 && sem_init(&s[1], 1, 0) == 0,
	      "sem_init(pshared) in MAP_SHARED|MAP_ANONYMOUS memory");
	if (s == MAP_FAILED)
		return;
	pid = fork();
	if (pid == 0)
		_exit(ping_pong(&s[1], &s[0], 0) ? 0 : 1);
	ok = ping_pong(&s[0], &s[1], 1);
	check(child_ok(pid) && ok, "unnamed pshared semaphores: 1000 round trips with a child");
	sem_destroy(&s[0]);
	sem_destroy(&s[1]);
	munmap(s, 2 * sizeof(sem_t));
}

static int never_written[2];

static void *block_for_ever(void *arg)
{
	char c;

	read(never_written[0], &c, 1);
	return arg;
}

/* A thread still asleep in read when main returns: exit_group must end
 * it, even in init (the machine powers off only after the last thread). */
static void leave_a_thread_blocked(void)
{
	pthread_t t;

	pipe(never_written);
	start_all(&t, 1, block_for_ever);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_mutex();
	test_condvar();
	test_barrier();
	test_rwlock();
	test_sem_posts();
	test_sem_timeouts();
	test_cond_timedwait();
	test_tls();
	test_cancel_points();
	test_cancel_disabled();
	test_robust();
	test_prio_inherit();
	test_many();
	test_detach();
	test_pshared_mutex_condvar();
	test_sems_in_dev_shm();
	test_named_sems();
	test_unnamed_pshared_sems();
	leave_a_thread_blocked();
	printf("pthreadtest: %s\n", failures ? "FAILED" : "all ok");
	return failures > 255 ? 255 : failures;
}
