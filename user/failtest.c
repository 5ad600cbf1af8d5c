/*
 * failtest.c - nothing is lost when the kernel's allocations fail.
 *
 *   failtest [SEED [ROUNDS]]
 *
 * Switches on the kernel's fault injection (fail_page_alloc and failslab,
 * through /proc/sys/debug, seeded with SEED: printed as "# seed N", so a
 * run can be repeated) at a few probabilities, and each time has a child
 * process churn: mmap, touch, munmap (splitting areas), mremap, brk,
 * fork + exit, fork + exec of a small program.  ENOMEM and EAGAIN are
 * what a failed allocation may cause, and are fine; so is a grandchild
 * killed when its exec failed past the point of no return.  Then
 * injection goes off, /proc/sys/vm/drop_caches is written (per-CPU page
 * lists drained, free slabs reaped) and the memory must be what it was
 * before, measured the same way both times after a warm-up round:
 * MemFree from /proc/meminfo plus the pages of slabs that only
 * fragmentation keeps (a slab with one live object cannot be reaped, and
 * which slabs the long-lived objects end up in is chance), and each
 * cache's live objects from /proc/slabinfo, exactly - except the
 * reverse map's pte_chain blocks: a page's chain that falls to one entry
 * is turned back into a direct mapping only when reclaim looks at the
 * page (Linux 2.6.0's lazy collapse, docs/rmap.md), so how many blocks
 * survive depends on which pages were last shared.  Their slabs count
 * as free, and their number must stay within what the ptes that still
 * map pages can hold: one block per mapped page of this process (the
 * only one left) and one spare per CPU.
 *
 * Last, the task filter: with failslab's task-filter on and every
 * allocation failing, only a process that wrote 1 to its
 * /proc/PID/make-it-fail is refused memory (a child here, whose mmap
 * must fail with ENOMEM); this process, without the flag, maps as usual.
 *
 * Prints "failtest: all ok" and exits 0, or "FAIL ..." lines and 1.
 * Also runs on Linux as root with CONFIG_FAULT_INJECTION_DEBUG_FS, but
 * there the files are in /sys/kernel/debug and the figure is not exact.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const attrs[] = { "/proc/sys/debug/fail_page_alloc",
				     "/proc/sys/debug/failslab" };
static int failed;
static long expected_errors, other_errors, killed;

/* Write text to a file, retrying while the kernel says no memory (the
 * injection may hit the write itself).  0, or the errno. */
static int write_file(const char *path, const char *text)
{
	for (int tries = 0; tries < 1000; tries++) {
		int fd = open(path, O_WRONLY), err;
		ssize_t n;

		if (fd < 0) {
			err = errno;
		} else {
			n = write(fd, text, strlen(text));
			err = n == (ssize_t)strlen(text) ? 0 : n < 0 ? errno : EIO;
			close(fd);
		}
		if (err != ENOMEM && err != EAGAIN)
			return err;
	}
	return ENOMEM;
}

static void set_attr(const char *attr, const char *name, long val)
{
	char path[128], text[32];
	int err;

	snprintf(path, sizeof(path), "%s/%s", attr, name);
	snprintf(text, sizeof(text), "%ld\n", val);
	if ((err = write_file(path, text)) != 0) {
		printf("FAIL: writing %s to %s: %s\n", text, path, strerror(err));
		failed = 1;
	}
}

static void inject(long probability)
{
	for (unsigned int i = 0; i < 2; i++) {
		if (probability) {
			set_attr(attrs[i], "interval", 1);
			set_attr(attrs[i], "times", -1);
			set_attr(attrs[i], "space", 0);
			set_attr(attrs[i], "verbose", 1);
		}
		set_attr(attrs[i], "probability", probability);
	}
}

/* What one measurement saw: MemFree, the pages of slabs beyond what
 * their live objects need (a slab with one live object cannot be
 * reaped, and which slabs the survivors end up in is chance), and each
 * cache's live objects; pte_chain apart (see the top). */
#define MAX_CACHES 64
struct measure {
	long memfree_kb, slack_kb;
	long pte_chains, resident;      /* blocks; this process's mapped pages */
	int ncaches;
	char name[MAX_CACHES][24];
	long active[MAX_CACHES];
};

static char text[16384];

static void read_text(const char *path)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = 0, r;

	while (fd >= 0 && (size_t)n < sizeof(text) - 1 &&
	       (r = read(fd, text + n, sizeof(text) - 1 - (size_t)n)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	text[n] = '\0';
}

static void measure_once(struct measure *m)
{
	char *p, *line;

	memset(m, 0, sizeof(*m));
	m->memfree_kb = -1;
	write_file("/proc/sys/vm/drop_caches", "3\n");
	read_text("/proc/meminfo");
	if ((p = strstr(text, "MemFree:")) != NULL)
		m->memfree_kb = strtol(p + 8, NULL, 10);
	read_text("/proc/self/statm");
	sscanf(text, "%*d %ld", &m->resident);
	read_text("/proc/slabinfo");
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char name[24];
		long active, num, size, perslab, pages;

		if (sscanf(line, "%23s %ld %ld %ld %ld %ld", name, &active, &num, &size, &perslab,
			   &pages) != 6 || perslab <= 0 || m->ncaches == MAX_CACHES)
			continue;
		if (!strcmp(name, "pte_chain")) {
			m->slack_kb += num / perslab * pages * 4;
			m->pte_chains = active;
			continue;
		}
		m->slack_kb += (num / perslab - (active + perslab - 1) / perslab) * pages * 4;
		strcpy(m->name[m->ncaches], name);
		m->active[m->ncaches++] = active;
	}
}

static bool same_measure(const struct measure *a, const struct measure *b)
{
	if (a->memfree_kb + a->slack_kb != b->memfree_kb + b->slack_kb ||
	    a->ncaches != b->ncaches)
		return false;
	for (int i = 0; i < a->ncaches; i++)
		if (strcmp(a->name[i], b->name[i]) || a->active[i] != b->active[i])
			return false;
	return true;
}

/* Measure after drop_caches until two measurements agree. */
static void settled_measure(struct measure *m)
{
	static struct measure prev;

	measure_once(&prev);
	for (int i = 0; i < 20; i++) {
		usleep(10000);
		measure_once(m);
		if (same_measure(m, &prev))
			return;
		prev = *m;
	}
}

static void note(int err)
{
	if (err == ENOMEM || err == EAGAIN)
		expected_errors++;
	else
		other_errors++;
}

/* Reap a process that may have been killed; count the kills. */
static void reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		killed++;
}

static void churn_once(unsigned int *rng, const char *self)
{
	size_t len = (1 + rand_r(rng) % 16) * 4096;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	if (p == MAP_FAILED) {
		note(errno);
	} else {
		memset(p, 0x5a, len);                   /* every page faulted in */
		if (len > 2 * 4096 && munmap(p + 4096, 4096))   /* a hole: two areas */
			note(errno);
		if (munmap(p, len))
			note(errno);
	}
	p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		note(errno);
	} else {
		size_t new_len = (8 + rand_r(rng) % 24) * 4096;
		char *q;

		memset(p, 1, 4 * 4096);
		q = mremap(p, 4 * 4096, new_len, MREMAP_MAYMOVE);
		if (q == MAP_FAILED) {
			note(errno);
			munmap(p, 4 * 4096);
		} else {
			q[new_len - 1] = 2;             /* the grown part works */
			munmap(q, new_len);
		}
	}
	{
		void *brk0 = sbrk(0);

		if (sbrk(64 * 1024) == (void *)-1) {
			note(errno);
		} else {
			memset(brk0, 3, 64 * 1024);
			sbrk(-64 * 1024);
		}
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		note(errno);
	else
		reap(pid);
	pid = fork();
	if (pid == 0) {
		execl(self, self, "--exit", (char *)NULL);
		_exit(errno == ENOMEM || errno == EAGAIN ? 99 : 98);
	}
	if (pid < 0)
		note(errno);
	else
		reap(pid);
}

/* The churn in a child of its own, so that the measuring process's
 * memory is the same before and after. */
static void churn(long probability, unsigned int seed, int rounds, const char *self)
{
	pid_t pid = fork();

	if (pid == 0) {
		unsigned int rng = seed;

		if (probability)
			inject(probability);
		for (int i = 0; i < rounds; i++)
			churn_once(&rng, self);
		inject(0);
		printf("failtest: probability %ld%%: %ld ENOMEM/EAGAIN, %ld other errors, %ld killed\n",
		       probability, expected_errors, other_errors, killed);
		_exit(other_errors ? 2 : 0);
	}
	if (pid < 0) {
		printf("FAIL: fork: %s\n", strerror(errno));
		failed = 1;
		return;
	}
	int status;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	inject(0);                                      /* whatever the child did */
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		/* Killed by a failed allocation is acceptable; errors are not. */
		if (WIFEXITED(status)) {
			printf("FAIL: probability %ld%%: the churn exited with %d\n", probability,
			       WEXITSTATUS(status));
			failed = 1;
		} else {
			printf("failtest: probability %ld%%: the churn was killed by signal %d\n",
			       probability, WTERMSIG(status));
		}
	}
}

static void *map_page(void)
{
	return mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* Every slab allocation fails, but only for a task with make-it-fail. */
static void check_task_filter(void)
{
	void *mine;
	pid_t pid;
	int status;

	set_attr(attrs[1], "task-filter", 1);
	set_attr(attrs[1], "interval", 1);
	set_attr(attrs[1], "times", -1);
	set_attr(attrs[1], "space", 0);
	set_attr(attrs[1], "verbose", 0);
	set_attr(attrs[1], "probability", 100);
	pid = fork();
	if (pid == 0) {
		if (write_file("/proc/self/make-it-fail", "1\n"))
			_exit(2);
		_exit(map_page() == MAP_FAILED && errno == ENOMEM ? 0 : 1);
	}
	mine = map_page();
	if (mine == MAP_FAILED) {
		printf("FAIL: task filter: mmap failed without make-it-fail: %s\n", strerror(errno));
		failed = 1;
	} else {
		munmap(mine, 4096);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		printf("FAIL: task filter: the child with make-it-fail %s\n",
		       pid < 0 ? "was not forked" : "did not see its mmap fail with ENOMEM");
		failed = 1;
	}
	set_attr(attrs[1], "probability", 0);
	set_attr(attrs[1], "task-filter", 0);
	if (!failed)
		printf("failtest: task filter ok\n");
}

int main(int argc, char **argv)
{
	static const long probabilities[] = { 2, 10, 25 };
	unsigned int seed;
	int rounds;
	static struct measure before, after;
	char seedtext[16];

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	/* Every page this process will use is touched before measuring. */
	memset(text, 0, sizeof(text));
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	seed = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0)
			: (unsigned int)time(NULL) ^ (unsigned int)getpid() << 16;
	rounds = argc > 2 ? atoi(argv[2]) : 40;
	printf("# seed %u (rerun with failtest %u)\n", seed, seed);
	snprintf(seedtext, sizeof(seedtext), "%u\n", seed);
	if (write_file("/proc/sys/debug/fault_inject_seed", seedtext)) {
		printf("FAIL: no /proc/sys/debug/fault_inject_seed\n");
		return 1;
	}
	if (write_file("/proc/sys/vm/drop_caches", "3\n")) {
		printf("FAIL: cannot write /proc/sys/vm/drop_caches\n");
		return 1;
	}
	inject(0);
	churn(0, seed, 2, argv[0]);                     /* warm-up: first-use allocations */
	settled_measure(&before);
	for (unsigned int i = 0; i < sizeof(probabilities) / sizeof(probabilities[0]); i++)
		churn(probabilities[i], seed + i, rounds, argv[0]);
	settled_measure(&after);
	for (int i = 0; i < 20 && !same_measure(&before, &after); i++) {
		usleep(50000);                          /* a task still being freed */
		settled_measure(&after);
	}
	printf("failtest: MemFree %ld kB before, %ld kB after; in partly used slabs %ld kB "
	       "before, %ld kB after\n", before.memfree_kb, after.memfree_kb, before.slack_kb,
	       after.slack_kb);
	if (!same_measure(&before, &after)) {
		long lost = before.memfree_kb + before.slack_kb - after.memfree_kb - after.slack_kb;

		printf("FAIL: %ld kB lost\n", lost);
		for (int i = 0; i < before.ncaches && i < after.ncaches; i++)
			if (before.active[i] != after.active[i])
				printf("FAIL: %s: %ld objects before, %ld after\n", after.name[i],
				       before.active[i], after.active[i]);
		failed = 1;
	}
	if (after.pte_chains > after.resident + sysconf(_SC_NPROCESSORS_CONF)) {
		printf("FAIL: pte_chain: %ld blocks for %ld mapped pages\n", after.pte_chains,
		       after.resident);
		failed = 1;
	}
	check_task_filter();
	if (!failed)
		printf("failtest: all ok\n");
	return failed;
}
