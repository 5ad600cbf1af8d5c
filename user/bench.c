/*
 * user/bench.c - user-space benchmarks of the memory manager and the
 * system-call path, one "BENCH name value unit" line each, after a
 * "bench: name - what it measures" line:
 *
 *   anon_page_faults       first touches of fresh anonymous pages
 *   cow_faults             first writes to pages shared copy-on-write
 *   fork_exit_wait_16M     fork + exit + wait with a 16 MiB resident parent
 *   getpid_syscalls        the cheapest system call, round trip
 *   pipe_pingpong          one byte there and back between two processes
 *   futex_pingpong         a futex word handed back and forth between two
 *                          processes (FUTEX_WAIT/FUTEX_WAKE, MAP_SHARED)
 *
 * bench [NAME] [SCALE]: all of them, or the one named; SCALE (default 1)
 * multiplies the work.  The same static binary runs on Linux, which is
 * how Tessera is compared with it in the same QEMU.  Timing is
 * CLOCK_MONOTONIC; figures are rates, higher is better.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/futex.h>
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
	{ "getpid_syscalls", getpid_syscalls,
	  "the cheapest system call: int $0x80 in and iret out" },
	{ "pipe_pingpong", pipe_pingpong,
	  "a byte there and back between two processes: pipe wake-ups and two switches" },
	{ "futex_pingpong", futex_pingpong,
	  "a futex word there and back between two processes: shared keys, two switches" },
};

int main(int argc, char **argv)
{
	const char *only = argc > 1 && strcmp(argv[1], "all") ? argv[1] : NULL;
	int ran = 0;

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
