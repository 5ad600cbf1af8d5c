/*
 * fuzz.c - a system-call fuzzer in the manner of trinity: random calls
 * over the whole i386 table with arguments drawn from values that find
 * bugs (NULL, kernel addresses, unaligned and just-past-the-end pointers,
 * huge lengths, -1, random descriptors and flags).
 *
 *   fuzz [-s SEED] [-n CALLS] [-w WORKERS] [-t SECS]
 *   fuzz -s SEED -r WORKER:GENERATION [-n CALLS]      (replay, verbose)
 *
 * A supervisor forks WORKERS workers (default 4) and keeps them going
 * until CALLS calls (default 100000) have been made in all.  Each worker
 * generation draws its calls from its own sequence, seeded from SEED (a
 * fresh one, printed as "# seed N", unless given), the worker's number
 * and its generation, so `-r W:G` makes exactly the calls that worker
 * made again, in the foreground, printing each before it is made (the
 * last line then names the call that hung or crashed the kernel).
 *
 * A worker that dies (a signal, exit, a stray execve) is replaced by its
 * next generation.  One whose count has not moved for SECS seconds
 * (default 3: it sleeps in pause, a pipe, a futex...) is sent SIGKILL,
 * and must be gone within KILL_SECS: one that is not is reported
 * ("FAIL: ... ignored SIGKILL") - a task SIGKILL cannot end is a kernel
 * defect as surely as a panic.  The kernel's khungtaskd reports the
 * same thing from the inside, with the task's kernel stack.
 *
 * Workers run in a process group and a directory (/fuzz-tmp) of their
 * own with /dev/null as standard input and output, so random writes and
 * kill(0, ...) stay among them; their files are capped by RLIMIT_FSIZE,
 * and before each new worker the supervisor empties /fuzz-tmp and puts
 * back a /dev/null a worker replaced, so memory does not fill with their
 * files over a million calls.  Calls that would end the machine or the
 * supervisor (reboot; kill, tkill and tgkill at other processes) are
 * made harmless, and so is syslog turning the console down (the kernel's
 * reports and our last line are read there); fork, vfork and clone
 * children _exit at once (clone shares memory only as vfork does).
 *
 * Threads and futexes get more than their share (one call in
 * FOCUS_ONE_IN is clone, futex or futex_time64).  Half the clones start a
 * real thread: pthread_create's flags, a small stack of its own (one of
 * THREADS; none started while all are in use), a few random calls made
 * without glibc (it shares the main thread's TLS, errno included), then
 * exit.  Its calls come from a sequence of its own, seeded by a draw from
 * the main thread's, so `-r W:G` still makes the main thread's calls
 * exactly again.  Three in four futex calls get sensible arguments: words
 * in the worker's own private and MAP_SHARED memory, WAIT (with the value
 * the word holds, mostly, and a timeout of at most MAX_WAIT_MS), WAKE,
 * REQUEUE, CMP_REQUEUE, WAKE_OP, and the bitset pair, private or not - so
 * they reach the futex hash and its sleepers instead of failing EFAULT.
 * SIGKILL to a worker ends its threads with it: wait4 reaps the worker
 * only once every thread has gone, so a thread that ignores SIGKILL is
 * reported as its worker.
 *
 * Prints "fuzz: N calls, ..." and exits 0, or "FAIL: ..." lines and 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 16
#define MAX_NR 450                      /* past the last i386 call */
#define KILL_SECS 10
#define SCRATCH_SIZE (64 * 1024)
#define PAGE 4096
#define WORKER_FSIZE (1 << 20)           /* RLIMIT_FSIZE of a worker */
#define SYSLOG_CONSOLE_OFF 6             /* syslog(2)'s actions */
#define SYSLOG_CONSOLE_LEVEL 8
#define SYSLOG_SIZE_BUFFER 10
#define FOCUS_ONE_IN 8                  /* calls drawn from focus[] */
#define FUTEX_WORDS 8                   /* words of each kind futexes use */
#define MAX_WAIT_MS 20                  /* longest futex timeout drawn */
#define THREADS 4                       /* threads of a worker at once */
#define THREAD_STACK (16 * 1024)
#define THREAD_CALLS 8                  /* a thread makes 1 to this many */
#define THREAD_FLAGS                                                         \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |  \
	 CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

/* Calls are counted in memory the workers share with the supervisor:
 * touched before the first fork, so it is shared. */
struct shared {
	volatile unsigned long calls[MAX_WORKERS];
	volatile unsigned long total;
};

static struct shared *shared;
static unsigned long budget = 100000;
static int nworkers = 4, stall_secs = 3;
static unsigned int seed;
static bool verbose;

/* A sequence of random numbers (xorshift32).  The worker's main thread
 * has one, seeded per worker generation; each thread it starts has its
 * own, seeded by a draw from the main one, so the main thread's calls are
 * the same in a replay whatever its threads did meanwhile. */
struct seq {
	uint32_t x;
};

static uint32_t rnd(struct seq *s)
{
	s->x ^= s->x << 13;
	s->x ^= s->x >> 17;
	s->x ^= s->x << 5;
	return s->x;
}

/* A worker's thread: its stack is stacks[i]; tid is 0 once it has gone. */
struct thread {
	volatile pid_t tid;
	struct seq seq;
	int calls;
};

static struct thread threads[THREADS];

static uint32_t generation_seed(int worker, unsigned long gen)
{
	uint32_t s = seed * 2654435761u ^ (uint32_t)worker * 40503u ^ (uint32_t)gen * 9973u;

	return s ? s : 1;
}

/* Memory the arguments point into, made before the first call. */
static char *scratch;                   /* writable, random bytes */
static uint32_t *futex_private;         /* futex words: scratch's first ones */
static uint32_t *futex_shared;          /* and a MAP_SHARED page's */
static char *stacks;                    /* the threads' stacks */
static char *edge;                      /* last bytes before an unmapped page */
static char *readonly;                  /* a read-only page */
static const char *const paths[] = {
	"/fuzz-tmp/a", "/fuzz-tmp/b", "/fuzz-tmp/b/c", "/proc/self/maps", "/dev/null",
	"/proc/self/status", "/fuzz-tmp/../fuzz-tmp/d", "",
};

static void setup_memory(struct seq *s)
{
	char *two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	readonly = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED || two == MAP_FAILED || readonly == MAP_FAILED)
		_exit(3);
	stacks = mmap(NULL, THREADS * THREAD_STACK, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	futex_shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (stacks == MAP_FAILED || futex_shared == MAP_FAILED)
		_exit(3);
	/* The hole last: a later mmap would fill it, and it is also the gap
	 * that keeps a huge write running up from scratch out of the
	 * supervisor's counters, mapped just above. */
	munmap(two + PAGE, PAGE);
	edge = two + PAGE;
	for (int i = 0; i < SCRATCH_SIZE; i++)
		scratch[i] = (char)rnd(s);
	futex_private = (uint32_t *)scratch;
	memset(threads, 0, sizeof(threads));
}

static uint32_t pointer_arg(struct seq *s)
{
	switch (rnd(s) % 9) {
	case 0: return 0;
	case 1: return 0xC0000000u + (rnd(s) % 0x01000000u);     /* the kernel */
	case 2: return 0xFFFFF000u | (rnd(s) & 0xfff);
	case 3: return (uint32_t)(uintptr_t)(scratch + rnd(s) % SCRATCH_SIZE);   /* unaligned too */
	case 4: return (uint32_t)(uintptr_t)(edge - 1 - rnd(s) % 16);    /* runs off the end */
	case 5: return (uint32_t)(uintptr_t)readonly;
	case 6: return (uint32_t)(uintptr_t)paths[rnd(s) % (sizeof(paths) / sizeof(paths[0]))];
	case 7: return (uint32_t)(uintptr_t)scratch;
	default: return rnd(s);
	}
}

static uint32_t number_arg(struct seq *s)
{
	static const uint32_t interesting[] = {
		0, 1, 2, 3, 4, 7, 8, 16, 64, 127, 128, 255, 256, 1023, 1024, 4095, 4096,
		4097, 65536, 0x7fffffff, 0x80000000u, 0xffffffffu, 0xfffffffeu, 0x10000000,
		0x40000000, 0xbffff000u, 0x1000000,
	};

	switch (rnd(s) % 6) {
	case 0: return interesting[rnd(s) % (sizeof(interesting) / sizeof(interesting[0]))];
	case 1: return rnd(s) % 70;                              /* a descriptor */
	case 2: return 1u << (rnd(s) % 32);                      /* a flag */
	case 3: return rnd(s) & rnd(s);                           /* sparse flags */
	case 4: return (uint32_t)-(int32_t)(rnd(s) % 4096);      /* -errno-like */
	default: return rnd(s);
	}
}

static uint32_t any_arg(struct seq *s)
{
	return rnd(s) % 2 ? pointer_arg(s) : number_arg(s);
}

/* Calls that would take the machine or the supervisor with them. */
static bool call_is_excluded(unsigned int nr)
{
	return nr == SYS_reboot;
}

static bool call_forks(unsigned int nr)
{
	return nr == SYS_fork || nr == SYS_vfork || nr == SYS_clone;
}

/* One call in FOCUS_ONE_IN is drawn from these: threads and futexes,
 * which a uniform draw over 450 numbers would hardly ever reach. */
static const unsigned int focus[] = { SYS_clone, SYS_futex, SYS_futex_time64 };

static unsigned int draw_call(struct seq *s, bool in_thread)
{
	unsigned int nr;

	do
		nr = rnd(s) % FOCUS_ONE_IN ? rnd(s) % MAX_NR
					   : focus[rnd(s) % (sizeof(focus) / sizeof(focus[0]))];
	while (call_is_excluded(nr) || (in_thread && call_forks(nr)));
	return nr;
}

/* kill(pid, sig) and friends: only at ourselves or our group.  A clone
 * that shares our memory without vfork's wait would run a second task
 * on our stack at once (the new stack is a random number): keep
 * CLONE_VM (0x100) for vfork-like clones (CLONE_VFORK, 0x4000), so
 * the sharing flags that need it meet their EINVAL instead.  (Real
 * threads are made by start_thread, with stacks of their own.) */
static void aim_signals_at_us(struct seq *s, unsigned int nr, uint32_t *a, pid_t pid)
{
	if (nr == SYS_clone && !(a[0] & 0x4000))
		a[0] &= ~0x100u;
	if (nr == SYS_kill)
		a[0] = rnd(s) % 2 ? 0 : (uint32_t)pid;
	else if (nr == SYS_tkill)
		a[0] = (uint32_t)pid;
	else if (nr == SYS_tgkill)
		a[0] = a[1] = (uint32_t)pid;
}

/* syslog(CONSOLE_OFF) or (CONSOLE_LEVEL, low) would silence the console
 * the harness reads - the kernel's reports and our closing line: read
 * the log's size instead. */
static void keep_console(unsigned int nr, uint32_t *a)
{
	if (nr == SYS_syslog && (a[0] == SYSLOG_CONSOLE_OFF || a[0] == SYSLOG_CONSOLE_LEVEL))
		a[0] = SYSLOG_SIZE_BUFFER;
}

/* ---- raw calls, and futex calls that reach the hash ---- */

/* A system call without glibc: a thread started by clone() shares the
 * main thread's TLS, so it must not touch errno.  ebp (the sixth
 * argument) is loaded from the pair eax points at, around the call. */
static long raw_call(unsigned int nr, const uint32_t *a)
{
	uint32_t pair[2] = { nr, a[5] };
	long ret;

	__asm__ volatile("push %%ebp\n\t"
			 "mov 4(%%eax), %%ebp\n\t"
			 "mov (%%eax), %%eax\n\t"
			 "int $0x80\n\t"
			 "pop %%ebp"
			 : "=a"(ret)
			 : "a"(pair), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
			 : "memory");
	return ret;
}

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };

/* Timeouts of a futex call, in the caller's frame (threads make calls
 * at the same time). */
struct timeouts {
	struct ts32 t32;
	struct ts64 t64;
};

static uint32_t futex_word(struct seq *s)
{
	uint32_t *words = rnd(s) % 2 ? futex_private : futex_shared;

	return (uint32_t)(uintptr_t)&words[rnd(s) % FUTEX_WORDS];
}

/* A timeout of up to MAX_WAIT_MS: relative, or from now on clock for
 * WAIT_BITSET's absolute one. */
static uint32_t futex_timeout(struct seq *s, unsigned int nr, bool absolute, clockid_t clock,
			      struct timeouts *t)
{
	struct ts32 now = { 0, 0 };
	uint32_t a[6] = { (uint32_t)clock, (uint32_t)(uintptr_t)&now };

	if (absolute)
		raw_call(SYS_clock_gettime, a);
	now.nsec += (int32_t)(rnd(s) % (MAX_WAIT_MS + 1)) * 1000000;
	if (now.nsec >= 1000000000) {
		now.sec++;
		now.nsec -= 1000000000;
	}
	t->t32 = now;
	t->t64 = (struct ts64){ now.sec, now.nsec };
	return (uint32_t)(uintptr_t)(nr == SYS_futex ? (void *)&t->t32 : (void *)&t->t64);
}

/* FUTEX_WAKE_OP's encoded operation: a valid op and comparison mostly. */
static uint32_t wake_op(struct seq *s)
{
	uint32_t op = rnd(s) % 5 | (rnd(s) % 4 ? 0 : 8), cmp = rnd(s) % 6;

	return op << 28 | cmp << 24 | (rnd(s) & 0xfff) << 12 | (rnd(s) & 0xfff);
}

/* A value the word holds now (so a wait sleeps), or one it may not.  What
 * the word holds varies from run to run; the draws do not. */
static uint32_t word_value(struct seq *s, uint32_t addr)
{
	uint32_t now = *(volatile uint32_t *)(uintptr_t)addr;

	return rnd(s) % 4 ? now : now + 1;
}

/* Sensible arguments for futex and futex_time64: a word of ours, an
 * operation Linux has, counts of a few, waits of at most MAX_WAIT_MS. */
static void futex_args(struct seq *s, unsigned int nr, uint32_t *a, struct timeouts *t)
{
	static const uint32_t ops[] = { FUTEX_WAIT, FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE,
					FUTEX_WAKE_OP, FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET };
	uint32_t op = ops[rnd(s) % (sizeof(ops) / sizeof(ops[0]))], count = rnd(s) % 4;
	bool private = rnd(s) % 2, realtime = rnd(s) % 4 == 0;
	uint32_t bitset = rnd(s) % 4 ? 1u << (rnd(s) % 32) : FUTEX_BITSET_MATCH_ANY;
	uint32_t timeout = futex_timeout(s, nr, op == FUTEX_WAIT_BITSET,
					 realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, t);
	uint32_t op_code = wake_op(s);

	a[0] = futex_word(s);
	a[1] = op | (private ? FUTEX_PRIVATE_FLAG : 0) |
	       (op == FUTEX_WAIT_BITSET && realtime ? FUTEX_CLOCK_REALTIME : 0);
	a[2] = op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET ? word_value(s, a[0]) : count + 1;
	a[3] = op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET ? timeout : count;
	a[4] = futex_word(s);
	a[5] = op == FUTEX_CMP_REQUEUE ? word_value(s, a[0]) : op == FUTEX_WAKE_OP ? op_code : bitset;
}

/* Arguments for call nr; three in four futex calls get sensible ones. */
static void draw_args(struct seq *s, unsigned int nr, uint32_t *a, struct timeouts *t, pid_t pid)
{
	for (int i = 0; i < 6; i++)
		a[i] = any_arg(s);
	aim_signals_at_us(s, nr, a, pid);
	keep_console(nr, a);
	if ((nr == SYS_futex || nr == SYS_futex_time64) && rnd(s) % 4)
		futex_args(s, nr, a, t);
}

/* ---- threads: CLONE_THREAD with a stack of their own ---- */

static void thread_call(struct seq *s)
{
	static const uint32_t none[6];
	unsigned int nr = draw_call(s, true);
	struct timeouts t;
	uint32_t a[6];

	draw_args(s, nr, a, &t, (pid_t)raw_call(SYS_getpid, none));
	raw_call(nr, a);
}

/* Its calls, then the exit call glibc's clone() makes: this thread only. */
static int thread_main(void *arg)
{
	struct thread *t = arg;

	for (int k = 0; k < t->calls; k++)
		thread_call(&t->seq);
	return 0;
}

/* A stack whose thread has gone (its tid word cleared), or -1. */
static int free_stack(void)
{
	for (int i = 0; i < THREADS; i++)
		if (!__atomic_load_n(&threads[i].tid, __ATOMIC_ACQUIRE))
			return i;
	return -1;
}

/* A thread with pthread_create's flags on a free stack, if one is free:
 * the kernel sets its tid word at clone and clears it at the exit. */
static void start_thread(struct seq *s, unsigned long k)
{
	uint32_t seed = rnd(s) | 1, calls = 1 + rnd(s) % THREAD_CALLS;
	int i = free_stack();
	struct thread *t = &threads[i < 0 ? 0 : i];

	if (verbose)
		printf("call %lu: a thread, %u calls, seed %#x%s\n", k, calls, seed,
		       i < 0 ? " (no free stack: none started)" : "");
	if (i < 0)
		return;
	t->seq.x = seed;
	t->calls = (int)calls;
	t->tid = -1;
	if (clone(thread_main, stacks + (i + 1) * THREAD_STACK, THREAD_FLAGS, t, &t->tid, NULL,
		  &t->tid) < 0)
		t->tid = 0;
}

static void one_call(struct seq *s, unsigned long k)
{
	unsigned int nr = draw_call(s, false);
	struct timeouts t;
	uint32_t a[6];
	long ret;

	draw_args(s, nr, a, &t, getpid());
	if (nr == SYS_clone && rnd(s) % 2) {
		start_thread(s, k);
		return;
	}
	if (verbose)
		printf("call %lu: %u(%#x, %#x, %#x, %#x, %#x, %#x)\n", k, nr, a[0], a[1], a[2],
		       a[3], a[4], a[5]);
	ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (ret == 0 && call_forks(nr) && getpid() != getpgrp())
		_exit(0);                       /* a child of fork/vfork/clone */
}

/* A worker generation: its own process group, directory and /dev/null,
 * and files of at most WORKER_FSIZE bytes (SIGXFSZ ignored: EFBIG). */
static void worker(int w, unsigned long gen)
{
	struct rlimit fsize = { WORKER_FSIZE, WORKER_FSIZE };
	int fd = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	setrlimit(RLIMIT_FSIZE, &fsize);
	signal(SIGXFSZ, SIG_IGN);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	if (chdir("/fuzz-tmp") && chdir("/"))
		_exit(3);
	struct seq seq = { generation_seed(w, gen) };

	setup_memory(&seq);
	for (unsigned long k = 0; shared->total < budget; k++) {
		one_call(&seq, k);
		shared->calls[w]++;
		__sync_fetch_and_add(&shared->total, 1);
	}
	_exit(0);
}

struct slot {
	pid_t pid;
	unsigned long gen, last_calls;
	time_t last_progress;
};

static struct slot slots[MAX_WORKERS];
static unsigned long deaths, stalls, unkillable;

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	if (ftw->level > 0)
		(type == FTW_DP ? rmdir : unlink)(path);
	return 0;
}

/* Workers run as root and may replace /dev/null with a file (rename over
 * it) and fill /fuzz-tmp: memory the machine never gets back, in a RAM
 * file system, until the OOM killer takes the supervisor.  Put both back
 * before each new worker. */
static void restore_environment(void)
{
	struct stat st;

	if (lstat("/dev/null", &st) || !S_ISCHR(st.st_mode) || st.st_rdev != makedev(1, 3)) {
		nftw("/dev/null", remove_entry, 8, FTW_DEPTH | FTW_PHYS);
		rmdir("/dev/null");
		unlink("/dev/null");
		mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3));
	}
	nftw("/fuzz-tmp", remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	mkdir("/fuzz-tmp", 0777);               /* a worker may have renamed it away */
}

static void start_worker(int w)
{
	pid_t pid;

	restore_environment();
	pid = fork();
	if (pid == 0)
		worker(w, slots[w].gen);
	slots[w].pid = pid;
	slots[w].last_calls = shared->calls[w];
	slots[w].last_progress = time(NULL);
}

/* SIGKILL a stalled worker and insist that it goes. */
static void kill_stalled(int w)
{
	pid_t pid = slots[w].pid;
	int status;

	stalls++;
	kill(pid, SIGKILL);
	for (int i = 0; i < KILL_SECS * 10; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			slots[w].pid = 0;
			return;
		}
		usleep(100000);
	}
	unkillable++;
	printf("FAIL: worker %d (pid %d) ignored SIGKILL for %d s; replay: fuzz -s %u -r %d:%lu\n",
	       w, pid, KILL_SECS, seed, w, slots[w].gen);
	slots[w].pid = -1;                      /* given up on: not restarted */
}

static int worker_of(pid_t pid)
{
	for (int w = 0; w < nworkers; w++)
		if (slots[w].pid == pid)
			return w;
	return -1;
}

/* Reap what died (and orphans, when we are init). */
static void reap(void)
{
	pid_t pid;
	int status, w;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if ((w = worker_of(pid)) < 0)
			continue;
		deaths++;
		slots[w].pid = 0;
	}
}

static void watch(void)
{
	time_t now = time(NULL), report = now;

	while (shared->total < budget && unkillable < (unsigned long)nworkers) {
		reap();
		now = time(NULL);
		for (int w = 0; w < nworkers; w++) {
			if (slots[w].pid == 0) {
				slots[w].gen++;
				start_worker(w);
			} else if (slots[w].pid > 0 && shared->calls[w] != slots[w].last_calls) {
				slots[w].last_calls = shared->calls[w];
				slots[w].last_progress = now;
			} else if (slots[w].pid > 0 && now - slots[w].last_progress >= stall_secs) {
				kill_stalled(w);
			}
		}
		if (now - report >= 10) {
			printf("fuzz: %lu calls, %lu workers died, %lu stalled and killed\n",
			       shared->total, deaths, stalls);
			report = now;
		}
		usleep(20000);
	}
}

static void finish(void)
{
	for (int w = 0; w < nworkers; w++)
		if (slots[w].pid > 0)
			kill_stalled(w);
	reap();
}

/* -r W:G: worker W's generation G in the foreground, each call printed. */
static int replay(int w, unsigned long gen)
{
	struct seq seq = { generation_seed(w, gen) };

	verbose = true;
	setpgid(0, 0);
	if (chdir("/fuzz-tmp"))
		return 1;
	setup_memory(&seq);
	for (unsigned long k = 0; k < budget; k++)
		one_call(&seq, k);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [-s SEED] [-n CALLS] [-w WORKERS] [-t SECS] "
		"[-r WORKER:GENERATION]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int opt, replay_worker = -1;
	unsigned long replay_gen = 0;
	bool seeded = false;

	setvbuf(stdout, NULL, _IONBF, 0);
	while ((opt = getopt(argc, argv, "s:n:w:t:r:")) != -1) {
		switch (opt) {
		case 's': seed = (unsigned int)strtoul(optarg, NULL, 0); seeded = true; break;
		case 'n': budget = strtoul(optarg, NULL, 0); break;
		case 'w': nworkers = atoi(optarg); break;
		case 't': stall_secs = atoi(optarg); break;
		case 'r':
			if (sscanf(optarg, "%d:%lu", &replay_worker, &replay_gen) != 2)
				usage();
			break;
		default: usage();
		}
	}
	if (nworkers < 1 || nworkers > MAX_WORKERS || stall_secs < 1)
		usage();
	if (!seeded)
		seed = (unsigned int)time(NULL) ^ (unsigned int)getpid() << 16;
	printf("# seed %u (rerun with fuzz -s %u)\n", seed, seed);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return 1;
	memset((void *)shared, 0, sizeof(*shared));
	mkdir("/fuzz-tmp", 0777);
	if (replay_worker >= 0)
		return replay(replay_worker, replay_gen);
	signal(SIGPIPE, SIG_IGN);
	printf("fuzz: %d workers, %lu calls\n", nworkers, budget);
	watch();
	finish();
	printf("fuzz: %lu calls, %lu workers died, %lu stalled and killed, %lu ignored SIGKILL\n",
	       shared->total, deaths, stalls, unkillable);
	return unkillable ? 1 : 0;
}
