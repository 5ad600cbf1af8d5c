/*
 * user/bench.c - user-space benchmarks of the memory manager and the
 * system-call path, one "BENCH name value unit" line each, after a
 * "bench: name - what it measures" line:
 *
 *   anon_page_faults       first touches of fresh anonymous pages
 *   cow_faults             first writes to pages shared copy-on-write
 *   fork_exit_wait_16M     fork + exit + wait with a 16 MiB resident parent
 *   fork_calls             the fork() call alone, as the parent sees it
 *                          (a 1 MiB resident parent)
 *   fork_exec_wait         fork + execve of this static binary, which
 *                          exits at once + wait
 *   mmap_munmap_1M         mmap and munmap of 1 MiB, never touched
 *   sweep_seq_64M          64 MiB written page by page, then read back
 *                          and checked word by word, in order (the
 *                          memhog kind: faults, then the TLB and caches)
 *   sweep_random_64M       the same in a random page order
 *   getpid_syscalls        the cheapest system call, round trip
 *   pipe_pingpong          one byte there and back between two processes
 *   futex_pingpong         a futex word handed back and forth between two
 *                          processes (FUTEX_WAIT/FUTEX_WAKE, MAP_SHARED)
 *   thread_create_join     pthread_create + pthread_join of a thread that
 *                          returns at once
 *   futex_pingpong_threads the same hand-over between two threads of one
 *                          process (private futexes)
 *   anon_faults_threads_N  first touches of one mapping by N = 1, 2, 4
 *                          threads, each in its own part (how faults
 *                          in one mm scale with CPUs)
 *
 * bench [NAME] [SCALE]: all of them, or the one named; SCALE (default 1)
 * multiplies the work.  (`bench --exit` is what fork_exec_wait runs.)  The same static binary runs on Linux, which is
 * how Tessera is compared with it in the same QEMU.  Timing is
 * CLOCK_MONOTONIC; figures are rates, higher is better.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096L
#define MB (1024L * 1024)

static long scale = 1;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void report(const char *name, double count, double secs, const char *unit)
{
	printf("BENCH %s %.0f %s\n", name, secs > 0 ? count / secs : 0, unit);
	fflush(stdout);
}

static char *map(long bytes)
{
	char *p = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED) {
		perror("bench: mmap");
		exit(1);
	}
	return p;
}

static void touch(char *p, long bytes)
{
	for (long off = 0; off < bytes; off += PAGE)
		p[off] = 1;
}

static void anon_page_faults(void)
{
	long bytes = 4 * MB, rounds = 8 * scale;
	double t0 = now();

	for (long r = 0; r < rounds; r++) {
		char *p = map(bytes);

		touch(p, bytes);
		munmap(p, (size_t)bytes);
	}
	report("anon_page_faults", (double)(rounds * bytes / PAGE), now() - t0, "faults/s");
}

/* The child times its own writes and sends the rate back through a pipe. */
static void cow_faults(void)
{
	long bytes = 8 * MB * scale;
	char *p = map(bytes);
	int fds[2];
	double rate = 0;
	pid_t pid;

	touch(p, bytes);
	if (pipe(fds)) {
		perror("bench: pipe");
		exit(1);
	}
	pid = fork();
	if (pid == 0) {
		double t0 = now(), r;

		touch(p, bytes);        /* each write copies the page */
		r = (double)(bytes / PAGE) / (now() - t0);
		write(fds[1], &r, sizeof(r));
		_exit(0);
	}
	if (pid < 0 || read(fds[0], &rate, sizeof(rate)) != sizeof(rate)) {
		perror("bench: cow child");
		exit(1);
	}
	waitpid(pid, NULL, 0);
	printf("BENCH cow_faults %.0f faults/s\n", rate);
	fflush(stdout);
	close(fds[0]);
	close(fds[1]);
	munmap(p, (size_t)bytes);
}

static void fork_exit_wait(void)
{
	long bytes = 16 * MB, n = 20 * scale;
	char *p = map(bytes);
	double t0;

	touch(p, bytes);
	t0 = now();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0) {
			perror("bench: fork");
			exit(1);
		}
		waitpid(pid, NULL, 0);
	}
	report("fork_exit_wait_16M", (double)n, now() - t0, "forks/s");
	munmap(p, (size_t)bytes);
}

/* The call alone: the child's exit and the wait are not timed. */
static void fork_calls(void)
{
	long bytes = 1 * MB, n = 100 * scale;
	char *p = map(bytes);
	double spent = 0;

	touch(p, bytes);
	for (long i = 0; i < n; i++) {
		double t0 = now();
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		spent += now() - t0;
		if (pid < 0) {
			perror("bench: fork");
			exit(1);
		}
		waitpid(pid, NULL, 0);
	}
	report("fork_calls", (double)n, spent, "forks/s");
	munmap(p, (size_t)bytes);
}

static void fork_exec_wait(void)
{
	long n = 20 * scale;
	char *const argv[] = { "bench", "--exit", NULL }, *const envp[] = { NULL };
	double t0 = now();

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		int status;

		if (pid == 0) {
			execve("/proc/self/exe", argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0 || status != 0) {
			fprintf(stderr, "bench: exec of /proc/self/exe failed\n");
			exit(1);
		}
	}
	report("fork_exec_wait", (double)n, now() - t0, "execs/s");
}

static void mmap_munmap(void)
{
	long n = 20000 * scale;
	double t0 = now();

	for (long i = 0; i < n; i++)
		munmap(map(MB), MB);
	report("mmap_munmap_1M", (double)n, now() - t0, "pairs/s");
}

/* Page i's words hold i * 1031 + word: written, then read back and
 * checked, in the order given; MiB/s over both. */
static void sweep(const long *order, long pages, const char *name)
{
	long bytes = pages * PAGE, bad = 0;
	unsigned int *p = (unsigned int *)map(bytes);
	double t0 = now();

	for (long k = 0; k < pages; k++)
		for (long w = 0, i = order[k]; w < PAGE / 4; w++)
			p[i * (PAGE / 4) + w] = (unsigned int)(i * 1031 + w);
	for (long k = 0; k < pages; k++)
		for (long w = 0, i = order[k]; w < PAGE / 4; w++)
			bad += p[i * (PAGE / 4) + w] != (unsigned int)(i * 1031 + w);
	report(name, (double)(2 * bytes / MB), now() - t0, "MiB/s");
	munmap(p, (size_t)bytes);
	if (bad) {
		fprintf(stderr, "bench: %s: %ld bad words\n", name, bad);
		exit(1);
	}
}

static long *page_order(long pages, int shuffled)
{
	long *order = malloc((size_t)pages * sizeof(*order));
	unsigned int seed = 12345;

	if (!order) {
		perror("bench: malloc");
		exit(1);
	}
	for (long i = 0; i < pages; i++)
		order[i] = i;
	for (long i = pages - 1; shuffled && i > 0; i--) {
		long j, t;

		seed = seed * 1103515245u + 12345u;     /* fixed: both kernels alike */
		j = (long)(seed >> 8) % (i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	return order;
}

/* SCALE sweeps of 64 MiB, pages in order or shuffled. */
static void sweeps(int shuffled, const char *name)
{
	long pages = 64 * MB / PAGE;
	long *order = page_order(pages, shuffled);

	for (long r = 0; r < scale; r++)
		sweep(order, pages, name);
	free(order);
}

static void sweep_seq(void)
{
	sweeps(0, "sweep_seq_64M");
}

static void sweep_random(void)
{
	sweeps(1, "sweep_random_64M");
}

static void getpid_syscalls(void)
{
	long n = 100000 * scale;
	double t0 = now();

	for (long i = 0; i < n; i++)
		syscall(SYS_getpid);    /* not glibc's getpid: no caching */
	report("getpid_syscalls", (double)n, now() - t0, "calls/s");
}

static void pipe_pingpong(void)
{
	long n = 2000 * scale;
	int there[2], back[2];
	char c = 'x';
	double t0;
	pid_t pid;

	if (pipe(there) || pipe(back)) {
		perror("bench: pipe");
		exit(1);
	}
	pid = fork();
	if (pid == 0) {                 /* the echo: ends when "there" closes */
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1 && write(back[1], &c, 1) == 1)
			;
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	t0 = now();
	for (long i = 0; i < n; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1) {
			perror("bench: pingpong");
			exit(1);
		}
	report("pipe_pingpong", (double)n, now() - t0, "roundtrips/s");
	close(there[1]);
	close(back[0]);
	waitpid(pid, NULL, 0);
}

/* Sleep until *w is no longer old (it may have moved on already). */
static void futex_wait_change(volatile unsigned int *w, unsigned int old)
{
	while (*w == old)
		syscall(SYS_futex, w, FUTEX_WAIT, old, NULL, NULL, 0);
}

/* The word in MAP_SHARED memory counts turns: the parent moves it from
 * even to odd, the child from odd to even, each waking the other. */
static void futex_pingpong(void)
{
	long n = 2000 * scale;
	volatile unsigned int *w = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	double t0;
	pid_t pid;

	if (w == MAP_FAILED) {
		perror("bench: mmap");
		exit(1);
	}
	*w = 0;                         /* touched before fork: one page for both */
	pid = fork();
	if (pid == 0) {
		for (unsigned int v = 1; v < 2 * (unsigned int)n; v += 2) {
			futex_wait_change(w, v - 1);
			*w = v + 1;
			syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
		}
		_exit(0);
	}
	t0 = now();
	for (unsigned int v = 0; v < 2 * (unsigned int)n; v += 2) {
		*w = v + 1;
		syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
		futex_wait_change(w, v + 1);
	}
	report("futex_pingpong", (double)n, now() - t0, "roundtrips/s");
	waitpid(pid, NULL, 0);
	munmap((void *)w, PAGE);
}

/* ---- threads of one process ---- */

static void *return_at_once(void *arg)
{
	return arg;
}

static void start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	if (pthread_create(t, NULL, fn, arg)) {
		fprintf(stderr, "bench: pthread_create failed\n");
		exit(1);
	}
}

static void thread_create_join(void)
{
	long n = 2000 * scale;
	double t0 = now();
	pthread_t t;

	for (long i = 0; i < n; i++) {
		start_thread(&t, return_at_once, NULL);
		pthread_join(t, NULL);
	}
	report("thread_create_join", (double)n, now() - t0, "threads/s");
}

static volatile unsigned int turn_word;
static long pingpong_rounds;

/* The word counts turns as in futex_pingpong; private futex calls. */
static void hand_over(unsigned int to)
{
	turn_word = to;
	syscall(SYS_futex, &turn_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void wait_turn(unsigned int old)
{
	while (turn_word == old)
		syscall(SYS_futex, &turn_word, FUTEX_WAIT_PRIVATE, old, NULL, NULL, 0);
}

static void *pingpong_partner(void *arg)
{
	for (unsigned int v = 1; v < 2 * (unsigned int)pingpong_rounds; v += 2) {
		wait_turn(v - 1);
		hand_over(v + 1);
	}
	return arg;
}

static void futex_pingpong_threads(void)
{
	double t0;
	pthread_t t;

	pingpong_rounds = 2000 * scale;
	turn_word = 0;
	start_thread(&t, pingpong_partner, NULL);
	t0 = now();
	for (unsigned int v = 0; v < 2 * (unsigned int)pingpong_rounds; v += 2) {
		hand_over(v + 1);
		wait_turn(v + 1);
	}
	report("futex_pingpong_threads", (double)pingpong_rounds, now() - t0, "roundtrips/s");
	pthread_join(t, NULL);
}

/* N threads first-touch their own part of one fresh mapping each round;
 * the clock runs from the barrier that starts them to the one they all
 * reach when done (thread creation is outside it). */
#define FAULT_THREADS_MAX 4

static struct {
	pthread_barrier_t start, done;
	char *base;
	long part;
	int stop;
} storm;

static void *fault_part(void *arg)
{
	long i = (long)arg;

	for (;;) {
		pthread_barrier_wait(&storm.start);
		if (storm.stop)
			return NULL;
		touch(storm.base + i * storm.part, storm.part);
		pthread_barrier_wait(&storm.done);
	}
}

static void anon_faults_threads(int threads, const char *name)
{
	long bytes = 16 * MB, rounds = 4 * scale;
	pthread_t t[FAULT_THREADS_MAX];
	double secs = 0;

	storm.part = bytes / threads;
	storm.stop = 0;
	pthread_barrier_init(&storm.start, NULL, (unsigned int)threads + 1);
	pthread_barrier_init(&storm.done, NULL, (unsigned int)threads + 1);
	for (long i = 0; i < threads; i++)
		start_thread(&t[i], fault_part, (void *)i);
	for (long r = 0; r < rounds; r++) {
		double t0;

		storm.base = map(bytes);
		t0 = now();
		pthread_barrier_wait(&storm.start);
		pthread_barrier_wait(&storm.done);
		secs += now() - t0;
		munmap(storm.base, (size_t)bytes);
	}
	storm.stop = 1;
	pthread_barrier_wait(&storm.start);
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&storm.start);
	pthread_barrier_destroy(&storm.done);
	report(name, (double)(rounds * bytes / PAGE), secs, "faults/s");
}

static void anon_faults_threads_1(void)
{
	anon_faults_threads(1, "anon_faults_threads_1");
}

static void anon_faults_threads_2(void)
{
	anon_faults_threads(2, "anon_faults_threads_2");
}

static void anon_faults_threads_4(void)
{
	anon_faults_threads(4, "anon_faults_threads_4");
}

static const struct {
	const char *name;
	void (*run)(void);
	const char *what;               /* what it measures, which path */
} benches[] = {
	{ "anon_page_faults", anon_page_faults,
	  "first touches of fresh anonymous pages: the demand-zero fault, a zeroed page mapped" },
	{ "cow_faults", cow_faults,
	  "first writes to pages shared with a child: the COW fault, a page copied" },
	{ "fork_exit_wait_16M", fork_exit_wait,
	  "fork + exit + wait of a 16 MiB parent: copy_page_range and zap_page_range" },
	{ "fork_calls", fork_calls,
	  "the fork() call of a 1 MiB parent, as the parent sees it: copy_process and dup_mm" },
	{ "fork_exec_wait", fork_exec_wait,
	  "fork + execve of a static binary that exits at once + wait: exec's loader and teardown" },
	{ "mmap_munmap_1M", mmap_munmap,
	  "mmap and munmap of 1 MiB never touched: the vma list and the unmapped-area search" },
	{ "sweep_seq_64M", sweep_seq,
	  "64 MiB written and checked word by word in page order: faults, then plain memory" },
	{ "sweep_random_64M", sweep_random,
	  "the same in a random page order: faults, then the TLB" },
	{ "getpid_syscalls", getpid_syscalls,
	  "the cheapest system call: int $0x80 in and iret out" },
	{ "pipe_pingpong", pipe_pingpong,
	  "a byte there and back between two processes: pipe wake-ups and two switches" },
	{ "futex_pingpong", futex_pingpong,
	  "a futex word there and back between two processes: shared keys, two switches" },
	{ "thread_create_join", thread_create_join,
	  "pthread_create + pthread_join: clone with the thread flags, exit, the CLEARTID wake" },
	{ "futex_pingpong_threads", futex_pingpong_threads,
	  "a futex word there and back between two threads: private keys, two switches" },
	{ "anon_faults_threads_1", anon_faults_threads_1,
	  "first touches of a 16 MiB mapping by 1 thread: the baseline for the next two" },
	{ "anon_faults_threads_2", anon_faults_threads_2,
	  "the same by 2 threads of one mm, each its half: page-table lock and mmap_sem shared" },
	{ "anon_faults_threads_4", anon_faults_threads_4,
	  "the same by 4 threads of one mm, each its quarter: how faults scale with CPUs" },
};

int main(int argc, char **argv)
{
	const char *only = argc > 1 && strcmp(argv[1], "all") ? argv[1] : NULL;
	int ran = 0;

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	if (argc > 2)
		scale = atol(argv[2]);
	if (scale < 1) {
		fprintf(stderr, "usage: bench [NAME|all] [SCALE]\n");
		return 2;
	}
	for (unsigned int i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if (only && strcmp(only, benches[i].name))
			continue;
		printf("bench: %s - %s\n", benches[i].name, benches[i].what);
		benches[i].run();
		ran++;
	}
	if (!ran) {
		fprintf(stderr, "bench: no benchmark called %s\n", only);
		return 2;
	}
	return 0;
}
