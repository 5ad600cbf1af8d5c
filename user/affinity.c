/*
 * user/affinity.c - `affinity [SEED [ROUNDS]]`: a stress test of
 * sched_setaffinity on tasks in every state.  Four children run at once:
 * one spins, one sleeps in short nanosleeps, one forks and reaps
 * children in a loop, one execs itself (`affinity exec N`) in a chain.
 * The parent moves each of them, and itself, to random non-empty CPU
 * masks ROUNDS times (default 2000), checks that sched_getaffinity reads
 * back what it set, then kills and reaps them.  Prints `# seed N` first
 * and `affinity: all ok` at the end, exits 0 only if every check passed.
 * Plain C against glibc; runs on Linux too.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL %s\n", what);
		failures++;
	}
}

static void spin(void)
{
	for (volatile unsigned long n = 0;; n++)
		;
}

static void nap(void)
{
	struct timespec ts = { 0, 1000000 };

	for (;;)
		nanosleep(&ts, NULL);
}

static void fork_loop(void)
{
	for (;;) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
}

/* An exec chain: each image execs the next, so the parent keeps moving
 * a task that is in the middle of execve. */
static void exec_chain(const char *self, unsigned long n)
{
	char arg[24];

	snprintf(arg, sizeof(arg), "%lu", n + 1);
	execl(self, self, "exec", arg, (char *)NULL);
	_exit(1);
}

static pid_t start(void (*body)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		body();
		_exit(0);
	}
	check(pid > 0, "fork a worker");
	return pid;
}

static int ncpus(void)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
	return n > 0 ? n : 1;
}

static void random_mask(cpu_set_t *set, int cpus)
{
	CPU_ZERO(set);
	while (!CPU_COUNT(set))
		for (int c = 0; c < cpus; c++)
			if (rand() & 1)
				CPU_SET(c, set);
}

/* Move pid; a worker may be between images of its exec chain, where
 * ESRCH cannot happen (same pid) - so every call must succeed. */
static void move(pid_t pid, int cpus)
{
	cpu_set_t set, got;

	random_mask(&set, cpus);
	check(sched_setaffinity(pid, sizeof(set), &set) == 0, "sched_setaffinity");
	if (pid == 0) {
		CPU_ZERO(&got);
		check(sched_getaffinity(0, sizeof(got), &got) == 0 && CPU_EQUAL(&set, &got),
		      "sched_getaffinity reads back the mask");
	}
}

int main(int argc, char **argv)
{
	unsigned seed = argc > 1 && strcmp(argv[1], "exec") ? strtoul(argv[1], NULL, 0)
							    : (unsigned)time(NULL);
	int rounds = argc > 2 && strcmp(argv[1], "exec") ? atoi(argv[2]) : 2000;
	int cpus = ncpus(), status;
	pid_t pids[4];

	if (argc > 2 && !strcmp(argv[1], "exec"))
		exec_chain(argv[0], strtoul(argv[2], NULL, 0));
	printf("# seed %u, %d CPUs, %d rounds\n", seed, cpus, rounds);
	fflush(stdout);
	srand(seed);
	pids[0] = start(spin);
	pids[1] = start(nap);
	pids[2] = start(fork_loop);
	pids[3] = fork();
	if (pids[3] == 0)
		exec_chain(argv[0], 0);
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < 4; i++)
			move(pids[i], cpus);
		move(0, cpus);
	}
	for (int i = 0; i < 4; i++) {
		kill(pids[i], SIGKILL);
		check(waitpid(pids[i], &status, 0) == pids[i] && WIFSIGNALED(status),
		      "worker killed and reaped");
	}
	printf(failures ? "affinity: %d failed\n" : "affinity: all ok\n", failures);
	return failures != 0;
}
