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
 * kill(0, ...) stay among them.  Calls that would end the machine or the
 * supervisor (reboot; kill, tkill and tgkill at other processes) are
 * made harmless; fork, vfork and clone children _exit at once (clone
 * shares memory only as vfork does).
 *
 * Prints "fuzz: N calls, ..." and exits 0, or "FAIL: ..." lines and 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* The worker's sequence: xorshift32, seeded per worker generation. */
static uint32_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint32_t generation_seed(int worker, unsigned long gen)
{
	uint32_t s = seed * 2654435761u ^ (uint32_t)worker * 40503u ^ (uint32_t)gen * 9973u;

	return s ? s : 1;
}

/* Memory the arguments point into, made before the first call. */
static char *scratch;                   /* writable, random bytes */
static char *edge;                      /* last bytes before an unmapped page */
static char *readonly;                  /* a read-only page */
static const char *const paths[] = {
	"/fuzz-tmp/a", "/fuzz-tmp/b", "/fuzz-tmp/b/c", "/proc/self/maps", "/dev/null",
	"/proc/self/status", "/fuzz-tmp/../fuzz-tmp/d", "",
};

static void setup_memory(void)
{
	char *two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	readonly = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED || two == MAP_FAILED || readonly == MAP_FAILED)
		_exit(3);
	munmap(two + PAGE, PAGE);
	edge = two + PAGE;
	for (int i = 0; i < SCRATCH_SIZE; i++)
		scratch[i] = (char)rnd();
}

static uint32_t pointer_arg(void)
{
	switch (rnd() % 9) {
	case 0: return 0;
	case 1: return 0xC0000000u + (rnd() % 0x01000000u);     /* the kernel */
	case 2: return 0xFFFFF000u | (rnd() & 0xfff);
	case 3: return (uint32_t)(uintptr_t)(scratch + rnd() % SCRATCH_SIZE);   /* unaligned too */
	case 4: return (uint32_t)(uintptr_t)(edge - 1 - rnd() % 16);    /* runs off the end */
	case 5: return (uint32_t)(uintptr_t)readonly;
	case 6: return (uint32_t)(uintptr_t)paths[rnd() % (sizeof(paths) / sizeof(paths[0]))];
	case 7: return (uint32_t)(uintptr_t)scratch;
	default: return rnd();
	}
}

static uint32_t number_arg(void)
{
	static const uint32_t interesting[] = {
		0, 1, 2, 3, 4, 7, 8, 16, 64, 127, 128, 255, 256, 1023, 1024, 4095, 4096,
		4097, 65536, 0x7fffffff, 0x80000000u, 0xffffffffu, 0xfffffffeu, 0x10000000,
		0x40000000, 0xbffff000u, 0x1000000,
	};

	switch (rnd() % 6) {
	case 0: return interesting[rnd() % (sizeof(interesting) / sizeof(interesting[0]))];
	case 1: return rnd() % 70;                              /* a descriptor */
	case 2: return 1u << (rnd() % 32);                      /* a flag */
	case 3: return rnd() & rnd();                           /* sparse flags */
	case 4: return (uint32_t)-(int32_t)(rnd() % 4096);      /* -errno-like */
	default: return rnd();
	}
}

static uint32_t any_arg(void)
{
	return rnd() % 2 ? pointer_arg() : number_arg();
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

/* kill(pid, sig) and friends: only at ourselves or our group.  A clone
 * that shares our memory without vfork's wait would run a second task
 * on our stack at once (the new stack is a random number): keep
 * CLONE_VM (0x100) for vfork-like clones (CLONE_VFORK, 0x4000), so
 * the sharing flags that need it meet their EINVAL instead. */
static void aim_signals_at_us(unsigned int nr, uint32_t *a)
{
	if (nr == SYS_clone && !(a[0] & 0x4000))
		a[0] &= ~0x100u;
	if (nr == SYS_kill)
		a[0] = rnd() % 2 ? 0 : (uint32_t)getpid();
	else if (nr == SYS_tkill)
		a[0] = (uint32_t)getpid();
	else if (nr == SYS_tgkill)
		a[0] = a[1] = (uint32_t)getpid();
}

static void one_call(unsigned long k)
{
	unsigned int nr;
	uint32_t a[6];
	long ret;

	do
		nr = rnd() % MAX_NR;
	while (call_is_excluded(nr));
	for (int i = 0; i < 6; i++)
		a[i] = any_arg();
	aim_signals_at_us(nr, a);
	if (verbose)
		printf("call %lu: %u(%#x, %#x, %#x, %#x, %#x, %#x)\n", k, nr, a[0], a[1], a[2],
		       a[3], a[4], a[5]);
	ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (ret == 0 && call_forks(nr) && getpid() != getpgrp())
		_exit(0);                       /* a child of fork/vfork/clone */
}

/* A worker generation: its own process group, directory and /dev/null. */
static void worker(int w, unsigned long gen)
{
	int fd = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	if (chdir("/fuzz-tmp") && chdir("/"))
		_exit(3);
	rng = generation_seed(w, gen);
	setup_memory();
	for (unsigned long k = 0; shared->total < budget; k++) {
		one_call(k);
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

static void start_worker(int w)
{
	pid_t pid;

	mkdir("/fuzz-tmp", 0777);               /* a worker may have renamed it away */
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
	if (replay_worker >= 0) {
		verbose = true;
		rng = generation_seed(replay_worker, replay_gen);
		setpgid(0, 0);
		if (chdir("/fuzz-tmp"))
			return 1;
		setup_memory();
		for (unsigned long k = 0; k < budget; k++)
			one_call(k);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	printf("fuzz: %d workers, %lu calls\n", nworkers, budget);
	watch();
	finish();
	printf("fuzz: %lu calls, %lu workers died, %lu stalled and killed, %lu ignored SIGKILL\n",
	       shared->total, deaths, stalls, unkillable);
	return unkillable ? 1 : 0;
}
