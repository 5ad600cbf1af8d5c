/*
 * user/futextest.c - futexes from user space, through the raw system
 * calls (futex 240 with the old 32-bit timespec, futex_time64 422):
 *
 *   errors     EAGAIN when the word changed, EFAULT, EINVAL, ENOSYS as
 *              Linux gives them (unaligned words, bitset 0, bad
 *              timespecs, CLOCK_REALTIME on FUTEX_WAIT); the PI
 *              operations and futex_waitv all there or all ENOSYS
 *   timeouts   relative FUTEX_WAIT, absolute WAIT_BITSET on
 *              CLOCK_MONOTONIC and CLOCK_REALTIME, already-past deadlines
 *   signals    a handler ends a wait with EINTR; an untimed wait under
 *              a SA_RESTART handler is restarted, a timed one is EINTR;
 *              SIGKILL ends a wait with every other signal blocked
 *   processes  (a MAP_SHARED|MAP_ANONYMOUS page touched before fork)
 *              wake counts, a ping-pong of many round trips, REQUEUE and
 *              CMP_REQUEUE, WAKE_OP with every operation and comparison,
 *              private futexes staying within their process, a ramfs
 *              file mapped at two addresses meeting at one futex, and
 *              robust futexes whose owner dies, execs or dies mid-unlock
 *              (raw lists) or dies (glibc's robust process-shared mutexes)
 *
 * Waiters are counted without waking them: FUTEX_REQUEUE of a word onto
 * itself with no wakes returns how many wait there (count_waiters).
 * One line per check, "futextest: all ok" at the end; timings are lower
 * bounds only (a wait did wait), never upper ones.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NR_futex 240
#define NR_get_robust_list 312
#define NR_set_robust_list 311
#define NR_futex_time64 422
#define NR_futex_waitv 449

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_PRIVATE 128
#define FUTEX_CLOCK_RT 256
#define WAITERS 0x80000000u
#define OWNER_DIED 0x40000000u
#define ANY 0xffffffffu
#define WAKE_OP(op, oparg, cmp, cmparg)                                      \
	(((unsigned)(op) << 28) | ((unsigned)(cmp) << 24) |                   \
	 (((unsigned)(oparg) & 0xfff) << 12) | ((unsigned)(cmparg) & 0xfff))

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };


/* The raw calls: the result, or -1 with errno. */
static long futex(volatile uint32_t *uaddr, int op, uint32_t val, const void *timeout,
		  volatile uint32_t *uaddr2, uint32_t val3)
{
	return syscall(NR_futex, uaddr, op, val, timeout, uaddr2, val3);
}

static long futex64(volatile uint32_t *uaddr, int op, uint32_t val, const struct ts64 *timeout,
		    uint32_t val3)
{
	return syscall(NR_futex_time64, uaddr, op, val, timeout, NULL, val3);
}

static long wake(volatile uint32_t *uaddr, int n)
{
	return futex(uaddr, FUTEX_WAKE, (uint32_t)n, NULL, NULL, 0);
}

/* -errno of the last call that returned -1 (0 if it did not). */
static int err_of(long r)
{
	return r == -1 ? errno : 0;
}

/* Requeue of uaddr onto itself, waking none: how many wait there. */
static long count_waiters(volatile uint32_t *uaddr)
{
	return futex(uaddr, FUTEX_REQUEUE, 0, (void *)(long)INT_MAX, uaddr, 0);
}

/* Until n tasks wait on uaddr (or about 10 s pass). */
static int await_waiters(volatile uint32_t *uaddr, long n)
{
	for (int i = 0; i < 10000; i++) {
		if (count_waiters(uaddr) == n)
			return 1;
		usleep(1000);
	}
	return 0;
}

static double now(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *shared_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("futextest: mmap");
		exit(1);
	}
	memset(p, 0, 4096);             /* touched before fork: shared today */
	return p;
}

/* A child that waits on uaddr for value val and exits with 0 if woken,
 * 10 + errno otherwise. */
static pid_t waiter(volatile uint32_t *uaddr, uint32_t val, int op)
{
	pid_t pid = fork();

	if (pid == 0) {
		long r = futex(uaddr, op, val, NULL, NULL, ANY);

		_exit(r == 0 ? 0 : 10 + errno);
	}
	return pid;
}

/* Reap n children; true if all exited with 0. */
static int reap(pid_t *pids, int n)
{
	int ok = 1, st;

	for (int i = 0; i < n; i++) {
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("futextest: child %d status %#x\n", pids[i], st);
			ok = 0;
		}
	}
	return ok;
}

/* PI futexes are optional (Linux without CONFIG_FUTEX_PI; Tessera has
 * none): each PI operation is ENOSYS, or none is.  The word's owner tid
 * (5) is not ours and the values differ from it: no call here waits. */
static int pi_all_or_none(uint32_t *word, uint32_t *pair)
{
	int ops = 0, missing = 0;

	for (int op = FUTEX_LOCK_PI; op <= FUTEX_CMP_REQUEUE_PI; op++) {
		if (op == FUTEX_WAIT_BITSET || op == FUTEX_WAKE_BITSET)
			continue;
		ops++;
		missing += err_of(futex(word, op, 0, NULL, pair, 0)) == ENOSYS;
	}
	return missing == 0 || missing == ops;
}

static void test_errors(void)
{
	static uint32_t word = 5, pair[2];
	int err;
	struct ts32 bad = { 0, 1000000000 }, neg = { -1, 0 };
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t *fresh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

	check(err_of(futex(&word, FUTEX_WAIT, 6, NULL, NULL, 0)) == EAGAIN,
	      "FUTEX_WAIT on a changed word: EAGAIN");
	check(err_of(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE, 6, NULL, NULL, 0)) == EAGAIN,
	      "private FUTEX_WAIT on a changed word: EAGAIN");
	check(err_of(futex64(&word, FUTEX_WAIT, 6, NULL, 0)) == EAGAIN,
	      "futex_time64 on a changed word: EAGAIN");
	check(err_of(futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0)) == EFAULT, "NULL word: EFAULT");
	check(err_of(futex((uint32_t *)0xc0001000, FUTEX_WAIT, 0, NULL, NULL, 0)) == EFAULT,
	      "kernel address: EFAULT");
	check(err_of(wake((uint32_t *)0x1000, 1)) == EFAULT,
	      "shared FUTEX_WAKE on an unmapped word: EFAULT");
	check(futex((uint32_t *)0x1000, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL, NULL, 0) == 0,
	      "private FUTEX_WAKE on an unmapped word: 0 (the address is the key)");
	check(err_of(futex((uint32_t *)((char *)pair + 1), FUTEX_WAKE, 1, NULL, NULL, 0)) == EINVAL,
	      "unaligned word: EINVAL");
	check(err_of(futex(&word, FUTEX_WAIT, 5, (void *)1, NULL, 0)) == EFAULT,
	      "bad timeout pointer: EFAULT");
	check(err_of(futex(&word, FUTEX_WAIT, 5, &bad, NULL, 0)) == EINVAL,
	      "tv_nsec of a second: EINVAL");
	check(err_of(futex(&word, FUTEX_WAIT, 5, &neg, NULL, 0)) == EINVAL,
	      "negative tv_sec: EINVAL");
	check(err_of(futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0)) == EINVAL,
	      "WAIT_BITSET with bitset 0: EINVAL");
	check(err_of(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0)) == EINVAL,
	      "WAKE_BITSET with bitset 0: EINVAL");
	check(err_of(futex(&word, FUTEX_CMP_REQUEUE, (uint32_t)-1, (void *)1, pair, 5)) == EINVAL,
	      "CMP_REQUEUE with a negative count: EINVAL");
	check(err_of(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, pair, 4)) == EAGAIN,
	      "CMP_REQUEUE with a changed word: EAGAIN");
	check(err_of(futex(&word, 99, 0, NULL, NULL, 0)) == ENOSYS, "unknown op: ENOSYS");
	check(err_of(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_RT, 5, NULL, NULL, 0)) == ENOSYS,
	      "FUTEX_WAIT with FUTEX_CLOCK_REALTIME: ENOSYS");
	check(pi_all_or_none(&word, pair), "the PI operations: all there or all ENOSYS");
	err = err_of(syscall(NR_futex_waitv, NULL, 0, 0, NULL, 0));
	check(err == EINVAL || err == ENOSYS, "futex_waitv of no futexes: EINVAL (ENOSYS where missing)");
	check(err_of(syscall(0)) == EINTR, "restart_syscall with nothing to restart: EINTR");
	check(wake(&word, 1) == 0, "FUTEX_WAKE with nobody waiting: 0");
	check(ro != MAP_FAILED &&
	      err_of(futex(&word, FUTEX_WAKE_OP, 1, (void *)1, (uint32_t *)ro,
			   WAKE_OP(0, 1, 0, 0))) == EFAULT,
	      "WAKE_OP on a read-only word: EFAULT");
	check(err_of(futex(&word, FUTEX_WAKE_OP, 1, (void *)1, pair, WAKE_OP(7, 1, 0, 0))) == ENOSYS,
	      "WAKE_OP with an unknown operation: ENOSYS");
	check(err_of(futex(&word, FUTEX_WAKE_OP | FUTEX_PRIVATE, 1, (void *)1, (uint32_t *)0x1000,
			   WAKE_OP(7, 1, 0, 0))) == ENOSYS,
	      "private WAKE_OP with an unknown operation on an unmapped word: ENOSYS first");
	check(fresh != MAP_FAILED &&
	      futex(fresh, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE, 1, (void *)1, pair, 0) == 0 &&
	      futex(&word, FUTEX_WAKE_OP | FUTEX_PRIVATE, 1, (void *)1, fresh + 1,
		    WAKE_OP(0, 7, 0, 0)) == 0 && fresh[1] == 7,
	      "CMP_REQUEUE and WAKE_OP on words of a page never touched: faulted in, then done");
	pair[1] = 3;
	check(err_of(futex(&word, FUTEX_WAKE_OP, 1, (void *)1, &pair[1], WAKE_OP(1, 1, 9, 0))) ==
		      ENOSYS && pair[1] == 4,
	      "WAKE_OP with an unknown comparison: ENOSYS after the operation (as Linux)");
}

/* A wait that must run out: it waited at least about `secs`. */
static void expect_timeout(long r, double start, double secs, clockid_t clock, const char *what)
{
	double took = now(clock) - start;

	printf("futextest: %s took %.3f s\n", what, took);
	check(err_of(r) == ETIMEDOUT && took >= secs * 0.9, what);
}

/* *abs: ns from now on clock; returns now. */
static double deadline_in(clockid_t clock, long ns, struct ts64 *abs)
{
	struct timespec t;

	clock_gettime(clock, &t);
	abs->sec = t.tv_sec + (t.tv_nsec + ns) / 1000000000;
	abs->nsec = (t.tv_nsec + ns) % 1000000000;
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_timeouts(void)
{
	static uint32_t word;
	struct ts32 rel = { 0, 50000000 };
	struct ts64 rel64 = { 0, 50000000 }, abs64;
	double start;

	start = now(CLOCK_MONOTONIC);
	expect_timeout(futex(&word, FUTEX_WAIT, 0, &rel, NULL, 0), start, 0.05, CLOCK_MONOTONIC,
		       "relative 50 ms FUTEX_WAIT (old timespec): ETIMEDOUT");
	start = now(CLOCK_MONOTONIC);
	expect_timeout(futex64(&word, FUTEX_WAIT | FUTEX_PRIVATE, 0, &rel64, 0), start, 0.05,
		       CLOCK_MONOTONIC, "relative 50 ms private futex_time64: ETIMEDOUT");
	start = deadline_in(CLOCK_MONOTONIC, 80000000, &abs64);
	expect_timeout(futex64(&word, FUTEX_WAIT_BITSET, 0, &abs64, ANY), start, 0.08,
		       CLOCK_MONOTONIC, "absolute WAIT_BITSET on CLOCK_MONOTONIC: ETIMEDOUT");
	start = deadline_in(CLOCK_REALTIME, 80000000, &abs64);
	expect_timeout(futex64(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_RT, 0, &abs64, ANY), start,
		       0.08, CLOCK_REALTIME, "absolute WAIT_BITSET on CLOCK_REALTIME: ETIMEDOUT");
	abs64.sec = 1;                  /* long past on either clock */
	abs64.nsec = 0;
	check(err_of(futex64(&word, FUTEX_WAIT_BITSET, 0, &abs64, ANY)) == ETIMEDOUT &&
	      err_of(futex64(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_RT, 0, &abs64, ANY)) == ETIMEDOUT,
	      "a deadline in the past: ETIMEDOUT at once");
	check(err_of(futex64(&word, FUTEX_WAIT_BITSET, 1, &abs64, ANY)) == EAGAIN,
	      "a changed word beats a past deadline: EAGAIN");
}

static volatile int handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

static void set_handler(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = flags;
	sigaction(SIGUSR1, &sa, NULL);
}

/* A child that sends SIGUSR1 once the parent waits on w[0], then (if
 * then_wake) sets w[0] and wakes it once the parent waits again. */
static pid_t signaller(volatile uint32_t *w, int then_wake)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		if (!await_waiters(w, 1))
			_exit(1);
		kill(parent, SIGUSR1);
		if (then_wake) {
			usleep(20000);
			if (!await_waiters(w, 1))
				_exit(2);
			w[0] = 1;
			wake(w, 1);
		}
		_exit(0);
	}
	return pid;
}

static void test_signals(volatile uint32_t *w)
{
	struct ts32 long_wait = { 30, 0 };
	pid_t pid;
	long r;

	set_handler(0);
	w[0] = 0;
	handled = 0;
	pid = signaller(w, 0);
	r = futex(w, FUTEX_WAIT, 0, NULL, NULL, 0);
	check(err_of(r) == EINTR && handled == 1, "a handler without SA_RESTART: EINTR");
	check(reap(&pid, 1), "signalling child");

	set_handler(SA_RESTART);
	handled = 0;
	pid = signaller(w, 1);
	r = futex(w, FUTEX_WAIT, 0, NULL, NULL, 0);
	check(r == 0 && handled == 1 && w[0] == 1,
	      "an untimed wait under a SA_RESTART handler is restarted, then woken");
	check(reap(&pid, 1), "signalling and waking child");

	w[0] = 0;
	handled = 0;
	pid = signaller(w, 0);
	r = futex(w, FUTEX_WAIT, 0, &long_wait, NULL, 0);
	check(err_of(r) == EINTR && handled == 1,
	      "a timed wait under a SA_RESTART handler: EINTR (as Linux)");
	check(reap(&pid, 1), "signalling child");
	signal(SIGUSR1, SIG_DFL);
}

/* A waiter with every signal blocked, untimed, still dies of SIGKILL. */
static void test_sigkill(volatile uint32_t *w)
{
	pid_t pid;
	int st = 0;

	w[0] = 0;
	pid = fork();
	if (pid == 0) {
		sigset_t all;

		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		futex(w, FUTEX_WAIT, 0, NULL, NULL, 0);
		_exit(1);
	}
	check(await_waiters(w, 1), "a waiter with every signal blocked");
	kill(pid, SIGKILL);
	check(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL &&
	      count_waiters(w) == 0, "SIGKILL ends its wait and leaves nothing queued");
}

static void test_wake_counts(volatile uint32_t *w)
{
	pid_t pids[5];
	long r;

	w[0] = 0;
	for (int i = 0; i < 5; i++)
		pids[i] = waiter(w, 0, FUTEX_WAIT);
	check(await_waiters(w, 5), "five processes wait on one shared word");
	check(wake(w, 2) == 2, "FUTEX_WAKE 2 wakes two");
	check(count_waiters(w) == 3, "three still wait");
	check(futex(w, FUTEX_WAKE | FUTEX_PRIVATE, INT_MAX, NULL, NULL, 0) == 0,
	      "a private FUTEX_WAKE does not reach other processes");
	r = wake(w, INT_MAX);
	check(r == 3, "FUTEX_WAKE INT_MAX wakes the other three");
	check(reap(pids, 5), "every waiter woken with 0");

	for (int i = 0; i < 3; i++)
		pids[i] = waiter(w, 0, FUTEX_WAIT_BITSET);      /* bitset ANY */
	check(await_waiters(w, 3), "three bitset waiters");
	check(futex(w, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 0x10) == 3,
	      "WAKE_BITSET meets WAIT_BITSET with MATCH_ANY");
	check(reap(pids, 3), "bitset waiters woken");
}

static void test_bitsets(volatile uint32_t *w)
{
	pid_t pid = fork();

	w[0] = 0;
	if (pid == 0)
		_exit(futex(w, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0x2) == 0 ? 0 : 1);
	check(await_waiters(w, 1), "a waiter with bitset 0x2");
	check(futex(w, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x1) == 0,
	      "WAKE_BITSET 0x1 does not wake bitset 0x2");
	check(futex(w, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x6) == 1,
	      "WAKE_BITSET 0x6 does");
	check(reap(&pid, 1), "bitset waiter woken");
}

#define ROUNDS 2000

/* Two processes take turns through w[0]: the parent waits for even
 * values, the child for odd ones; each advances it and wakes the other. */
static void test_pingpong(volatile uint32_t *w)
{
	pid_t pid;
	double start;
	int bad = 0;

	w[0] = 0;
	start = now(CLOCK_MONOTONIC);
	pid = fork();
	if (pid == 0) {
		for (uint32_t v = 1; v < 2u * ROUNDS; v += 2) {
			while (w[0] != v)
				futex(w, FUTEX_WAIT, v - 1, NULL, NULL, 0);
			w[0] = v + 1;
			wake(w, 1);
		}
		_exit(0);
	}
	for (uint32_t v = 0; v < 2u * ROUNDS; v += 2) {
		while (w[0] != v) {
			long r = futex(w, FUTEX_WAIT, v - 1, NULL, NULL, 0);

			bad += r == -1 && errno != EAGAIN && errno != EINTR;
		}
		w[0] = v + 1;
		wake(w, 1);
	}
	check(reap(&pid, 1) && !bad && w[0] == 2 * ROUNDS, "2000 round trips between processes");
	printf("futextest: %d round trips in %.3f s\n", ROUNDS, now(CLOCK_MONOTONIC) - start);
}

static void test_requeue(volatile uint32_t *w)
{
	volatile uint32_t *a = &w[0], *b = &w[1];
	pid_t pids[4];

	*a = 7;
	*b = 0;
	for (int i = 0; i < 4; i++)
		pids[i] = waiter(a, 7, FUTEX_WAIT);
	check(await_waiters(a, 4), "four wait on a");
	check(err_of(futex(a, FUTEX_CMP_REQUEUE, 1, (void *)INT_MAX, b, 8)) == EAGAIN &&
	      count_waiters(a) == 4, "CMP_REQUEUE with the wrong value: EAGAIN, nobody moved");
	check(futex(a, FUTEX_CMP_REQUEUE, 1, (void *)2, b, 7) == 3,
	      "CMP_REQUEUE wakes 1 and moves 2: returns 3");
	check(count_waiters(a) == 1 && count_waiters(b) == 2, "one left on a, two now on b");
	check(futex(a, FUTEX_REQUEUE, 0, (void *)INT_MAX, b, 0) == 1 && count_waiters(b) == 3,
	      "FUTEX_REQUEUE moves the last one");
	check(wake(a, INT_MAX) == 0 && wake(b, INT_MAX) == 3, "b's wake reaches all three");
	check(reap(pids, 4), "requeued waiters woken with 0");
}

/* Does FUTEX_WAKE_OP with this op and comparison on *b (one waiter
 * there, whose word it leaves as it was) wake that waiter? */
static int wake_op_wakes(volatile uint32_t *a, volatile uint32_t *b, int cmp, int cmparg)
{
	if (!await_waiters(b, 1))
		return -1;
	return (int)futex(a, FUTEX_WAKE_OP, 1, (void *)1, b, WAKE_OP(1, 0, cmp, cmparg));
}

static void test_wake_op(volatile uint32_t *w)
{
	static const struct { int op, oparg; uint32_t before, after; } ops[] = {
		{ 0, 5, 9, 5 }, { 1, 3, 9, 12 }, { 2, 6, 9, 15 }, { 3, 8, 9, 1 },
		{ 4, 3, 9, 10 }, { 8 | 0, 4, 9, 16 }, { 1, -1, 9, 8 },
	};
	static const struct { int cmp, arg, yes; } cmps[] = {
		{ 0, 5, 1 }, { 0, 4, 0 }, { 1, 4, 1 }, { 1, 5, 0 }, { 2, 6, 1 }, { 2, 5, 0 },
		{ 3, 5, 1 }, { 3, 4, 0 }, { 4, 4, 1 }, { 4, 5, 0 }, { 5, 5, 1 }, { 5, 6, 0 },
	};
	volatile uint32_t *a = &w[0], *b = &w[1], *stop = &w[2];
	char what[80];
	pid_t pid;
	int ok = 1;

	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		*b = ops[i].before;
		long r = futex(a, FUTEX_WAKE_OP, 1, (void *)1, b,
			       WAKE_OP(ops[i].op, ops[i].oparg, 0, 0));

		snprintf(what, sizeof(what), "WAKE_OP op %d oparg %d: %u -> %u", ops[i].op,
			 ops[i].oparg, ops[i].before, ops[i].after);
		check(r == 0 && *b == ops[i].after, what);
	}
	/* One child waits on b (value 5) until told to stop. */
	*a = 0;
	*b = 5;
	*stop = 0;
	pid = fork();
	if (pid == 0) {
		while (!*stop)
			futex(b, FUTEX_WAIT, 5, NULL, NULL, 0);
		_exit(0);
	}
	for (unsigned i = 0; i < sizeof(cmps) / sizeof(cmps[0]); i++) {
		int r = wake_op_wakes(a, b, cmps[i].cmp, cmps[i].arg);

		if (r != cmps[i].yes) {
			printf("futextest: comparison %d with %d (old 5): woke %d\n", cmps[i].cmp,
			       cmps[i].arg, r);
			ok = 0;
		}
	}
	check(ok, "WAKE_OP's six comparisons, true and false, between processes");
	*stop = 1;
	wake(b, 1);
	check(reap(&pid, 1), "WAKE_OP waiter done");
	/* The first word's waiters are woken whatever the comparison says. */
	pid = waiter(a, 0, FUTEX_WAIT);
	check(await_waiters(a, 1) &&
	      futex(a, FUTEX_WAKE_OP, 1, (void *)1, b, WAKE_OP(0, 5, 1, 5)) == 1,
	      "WAKE_OP wakes uaddr1 even when the comparison fails");
	check(reap(&pid, 1), "uaddr1 waiter woken");
}

/* A ramfs file mapped MAP_SHARED at two addresses in two processes: the
 * futex is the page cache page's, whatever the address. */
static void test_file_mapping(void)
{
	const char *path = "/tmp/futextest.map";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	static char zeros[8192];
	volatile uint32_t *m1, *m2;
	pid_t pid;

	if (fd < 0 || write(fd, zeros, sizeof(zeros)) != (ssize_t)sizeof(zeros)) {
		check(0, "a ramfs file for the mapping test");
		return;
	}
	m1 = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m2 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);
	if (m1 == MAP_FAILED || m2 == MAP_FAILED) {
		check(0, "mmap of the file twice");
		return;
	}
	m1[1024 + 3] = 0;                       /* the same word as m2[3] */
	pid = fork();
	if (pid == 0) {
		/* the child maps it a third time, at yet another address */
		volatile uint32_t *m3 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
					     4096);

		_exit(m3 != MAP_FAILED && m3 != m2 &&
		      futex(&m3[3], FUTEX_WAIT, 0, NULL, NULL, 0) == 0 ? 0 : 1);
	}
	check(await_waiters(&m2[3], 1) && count_waiters(&m1[1024 + 3]) == 1,
	      "a file's word seen waited on through both of our mappings");
	check(count_waiters(&m1[3]) == 0, "the word a page before it is another futex");
	check(wake(&m1[1024 + 3], 1) == 1, "woken through the other mapping's address");
	check(reap(&pid, 1), "the child mapping the file elsewhere was woken");
	munmap((void *)m1, 8192);
	munmap((void *)m2, 4096);
	close(fd);
	unlink(path);
}

struct robust_list_head {
	void *next;
	long futex_offset;
	void *list_op_pending;
};

/* A child that sets *go and wakes it once someone waits on word. */
static pid_t release_when_waited_on(volatile uint32_t *word, volatile uint32_t *go)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (!await_waiters(word, 1))
			_exit(1);
		*go = 1;
		wake(go, 1);
		_exit(0);
	}
	return pid;
}

/* The owner dies in the middle of an unlock: the word is 0 already and
 * list_op_pending still names it, the FUTEX_WAKE maybe never made.  The
 * kernel wakes a waiter for it. */
static void test_robust_unlock_cut_short(volatile uint32_t *w)
{
	static struct robust_list_head head;
	pid_t pid, helper;
	long r;

	memset((void *)w, 0, 4096);
	pid = fork();
	if (pid == 0) {
		head.next = &head;              /* nothing held */
		head.futex_offset = 4;
		head.list_op_pending = (void *)&w[16];  /* its word, w[17], is 0 */
		if (syscall(NR_set_robust_list, &head, sizeof(head)))
			_exit(1);
		while (!w[3])
			futex(&w[3], FUTEX_WAIT, 0, NULL, NULL, 0);
		_exit(0);
	}
	helper = release_when_waited_on(&w[17], &w[3]);
	r = futex(&w[17], FUTEX_WAIT, 0, NULL, NULL, 0);
	check(r == 0 && w[17] == 0,
	      "a waiter on a word whose owner died mid-unlock (list_op_pending, 0) is woken");
	check(reap(&pid, 1) && reap(&helper, 1), "mid-unlock owner and helper");
}

static void test_robust_calls(void)
{
	struct robust_list_head head, *got = NULL;
	size_t len = 0;

	check(err_of(syscall(NR_set_robust_list, &head, sizeof(head) - 1)) == EINVAL,
	      "set_robust_list with a wrong length: EINVAL");
	check(syscall(NR_get_robust_list, 0, &got, &len) == 0 && len == sizeof(head),
	      "get_robust_list: the head's length");
	check(err_of(syscall(NR_get_robust_list, 0, NULL, &len)) == EFAULT,
	      "get_robust_list to a NULL pointer: EFAULT");
	check(err_of(syscall(NR_get_robust_list, 99999, &got, &len)) == ESRCH,
	      "get_robust_list of no such process: ESRCH");
}

/* Raw robust list: the child holds three lock words (one on its list,
 * one as list_op_pending, one on the list but owned by someone else)
 * and dies - or execs another program; the kernel marks the two it
 * owned and wakes their waiters. */
static void test_robust_raw(volatile uint32_t *w, int by_exec)
{
	/* Entries: w[8], w[10], w[12] are list nodes; each lock word is the
	 * word after its node (futex_offset 4). */
	static struct robust_list_head head;
	struct robust_list_head *got = NULL;
	const char *how = by_exec ? "execs" : "dies";
	char what[100];
	size_t len = 0;
	pid_t pid;

	memset((void *)w, 0, 4096);
	pid = fork();
	if (pid == 0) {
		uint32_t tid = (uint32_t)syscall(SYS_gettid);

		head.next = (void *)&w[8];
		head.futex_offset = 4;
		head.list_op_pending = (void *)&w[12];
		*(void **)&w[8] = (void *)&w[10];
		*(void **)&w[10] = &head;       /* the list closes at the head */
		w[9] = tid;
		w[11] = tid + 1;                /* not ours: left alone */
		w[13] = tid;
		if (syscall(NR_set_robust_list, &head, sizeof(head)) ||
		    syscall(NR_get_robust_list, 0, &got, &len) || got != &head)
			_exit(1);
		w[2] = tid;                     /* ready */
		wake(&w[2], 1);
		while (!w[3])
			futex(&w[3], FUTEX_WAIT, 0, NULL, NULL, 0);
		if (by_exec)                    /* the new image holds nothing */
			execl("/bin/futextest", "futextest", "exit", (char *)NULL);
		_exit(0);                       /* dies holding both locks */
	}
	while (!w[2])
		futex(&w[2], FUTEX_WAIT, 0, NULL, NULL, 0);
	w[9] |= WAITERS;                        /* we wait for the first lock */
	pid_t helper = release_when_waited_on(&w[9], &w[3]);
	long r = futex(&w[9], FUTEX_WAIT, w[9], NULL, NULL, 0);

	snprintf(what, sizeof(what), "the waiter on a robust futex is woken when its owner %s", how);
	check(r == 0, what);
	check(w[9] == (WAITERS | OWNER_DIED), "the listed lock word: OWNER_DIED | WAITERS");
	/* The exit walks the list before list_op_pending: the waiter above
	 * can run before the walk is over, so look at the rest once the owner
	 * is reaped (at -smp 4 it raced). */
	check(reap(&pid, 1) && reap(&helper, 1), "robust owner and helper");
	check(w[13] == OWNER_DIED, "the list_op_pending lock word: OWNER_DIED");
	check(w[11] == w[2] + 1, "a lock held by another tid is left alone");
}

/* glibc's robust process-shared mutex, its owner dying: the next locker
 * gets EOWNERDEAD and makes it consistent. */
static void test_robust_glibc(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				  -1, 0);
	volatile uint32_t *flag = (uint32_t *)(m + 1);
	pthread_mutexattr_t attr;
	pid_t pid;
	int r;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(m, &attr);
	*flag = 0;
	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(m);
		*flag = 1;
		wake(flag, 1);
		usleep(100000);                 /* the parent blocks on the mutex */
		_exit(0);                       /* dies holding it */
	}
	while (!*flag)
		futex(flag, FUTEX_WAIT, 0, NULL, NULL, 0);
	r = pthread_mutex_lock(m);
	check(r == EOWNERDEAD, "glibc robust mutex: EOWNERDEAD after its owner died");
	check(pthread_mutex_consistent(m) == 0 && pthread_mutex_unlock(m) == 0 &&
	      pthread_mutex_lock(m) == 0 && pthread_mutex_unlock(m) == 0,
	      "made consistent, it locks again");
	check(reap(&pid, 1), "robust mutex owner");
	munmap(m, 4096);
}

int main(int argc, char **argv)
{
	volatile uint32_t *w;

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;               /* test_robust_raw's exec */
	w = shared_page();

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_errors();
	test_timeouts();
	test_signals(w);
	test_sigkill(w);
	test_wake_counts(w);
	test_bitsets(w);
	test_pingpong(w);
	test_requeue(w);
	test_wake_op(w);
	test_file_mapping();
	test_robust_calls();
	test_robust_raw(w, 0);
	test_robust_raw(w, 1);
	test_robust_unlock_cut_short(w);
	test_robust_glibc();
	if (failures) {
		printf("futextest: %d failures\n", failures);
		return 1;
	}
	printf("futextest: all ok\n");
	return 0;
}
