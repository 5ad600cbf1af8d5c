/*
 * user/forkstress.c - `forkstress [SEED [ROUNDS [HOG_MB]]]`: fork, exit
 * and wait under memory pressure, the mix that once hung a lowmem=32M
 * machine (one CPU waiting for a TLB-flush IPI from reaping a child, the
 * other in fork's copy of the page tables).  A hog child keeps HOG_MB
 * (default 48) MiB resident and rewrites it, and is started again each
 * time the OOM killer takes it; WORKERS children each run
 * ROUNDS (default 200) rounds of: fork a child that touches a random
 * number of pages (copy-on-write and fresh ones), sometimes forks a
 * grandchild, execs itself or dies of a segfault holding a pipe, and
 * exits; then reap it.  Every round must
 * end; ENOMEM/EAGAIN from fork are accepted (memory is short on
 * purpose), and so is a child the OOM killer took.  Prints `# seed N`
 * first and `forkstress: all ok` at the end.  Plain C against glibc.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 3
#define PAGE 4096

static char *heap;                      /* inherited by every fork: COW */
static size_t heap_len = 2UL << 20;

/* Rewrites mb MiB until its keeper is gone. */
static void hog(size_t mb, pid_t keeper)
{
	size_t len = mb << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(0);
	for (unsigned char v = 1; getppid() == keeper; v++)
		for (size_t i = 0; i < len; i += PAGE)
			p[i] = (char)v;
	_exit(0);
}

/* The OOM killer takes the hog (the biggest); a new one keeps the
 * pressure up until the keeper itself is killed. */
static void hog_keeper(size_t mb)
{
	pid_t me = getpid();

	for (;;) {
		pid_t pid = fork();

		if (pid == 0)
			hog(mb, me);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
}

static void touch(unsigned *seed)
{
	size_t pages = (size_t)rand_r(seed) % (heap_len / PAGE);
	char *fresh = malloc(pages * PAGE + 1);

	for (size_t i = 0; i < pages; i++)
		heap[(size_t)rand_r(seed) % heap_len] ^= 1;
	if (fresh)
		for (size_t i = 0; i < pages; i++)
			fresh[i * PAGE] = 1;
}

static void child(const char *self, unsigned seed)
{
	int r = rand_r(&seed) % 8;

	touch(&seed);
	if (r == 0) {
		pid_t g = fork();

		if (g == 0) {
			touch(&seed);
			_exit(0);
		}
		if (g > 0)
			waitpid(g, NULL, 0);
	} else if (r == 1) {
		execl(self, self, "exit", (char *)NULL);
	} else if (r == 2) {            /* die of a fault, holding a pipe */
		int fds[2];

		if (pipe(fds) == 0)
			*(volatile int *)0 = 1;
	}
	_exit(0);
}

/* One worker's rounds; its exit status counts unexpected failures. */
static int worker(const char *self, unsigned seed, int rounds)
{
	int bad = 0;

	for (int r = 0; r < rounds; r++) {
		unsigned s = seed * 7919 + (unsigned)r;
		pid_t pid = fork();
		int status;

		if (pid == 0)
			child(self, s);
		if (pid < 0) {
			if (errno != ENOMEM && errno != EAGAIN) {
				printf("FAIL fork: %s\n", strerror(errno));
				bad++;
			}
			continue;
		}
		if (waitpid(pid, &status, 0) != pid) {
			printf("FAIL waitpid: %s\n", strerror(errno));
			bad++;
		} else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL &&
			   WTERMSIG(status) != SIGSEGV) {
			printf("FAIL child died of signal %d\n", WTERMSIG(status));
			bad++;
		}
	}
	return bad != 0;
}

int main(int argc, char **argv)
{
	unsigned seed;
	int rounds, failures = 0, status;
	size_t hog_mb;
	pid_t hogpid, pids[WORKERS];

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	seed = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : (unsigned)time(NULL);
	rounds = argc > 2 ? atoi(argv[2]) : 200;
	hog_mb = argc > 3 ? (size_t)atoi(argv[3]) : 48;
	printf("# seed %u, %d rounds, %zu MiB hog\n", seed, rounds, hog_mb);
	fflush(stdout);
	heap = malloc(heap_len);
	if (!heap)
		return 2;
	memset(heap, 1, heap_len);
	hogpid = fork();
	if (hogpid == 0)
		hog_keeper(hog_mb);
	for (int i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker(argv[0], seed + (unsigned)i, rounds));
	}
	for (int i = 0; i < WORKERS; i++) {
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i]) {
			printf("FAIL worker %d not started or not reaped\n", i);
			failures++;
		} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			printf("worker %d: taken by the OOM killer\n", i);
		} else if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("FAIL worker %d: status %#x\n", i, status);
			failures++;
		}
	}
	if (hogpid > 0) {
		kill(hogpid, SIGKILL);
		waitpid(hogpid, NULL, 0);
	}
	printf(failures ? "forkstress: %d failed\n" : "forkstress: all ok\n", failures);
	return failures != 0;
}
