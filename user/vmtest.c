/*
 * user/vmtest.c - the address space against Linux's behaviour: a partly
 * applied mprotect (a page made PROT_NONE, then given back with a length
 * running past the mapping) leaves the page usable and a path read from
 * it by open() ends; mmap/mprotect argument errors; ru_maxrss; the
 * pgfault counter of /proc/vmstat; vfork sharing the parent's memory
 * (and busybox xargs reporting a missing program with 127); the
 * top-down mmap layout (and `vmtest legacy`, which sets an unlimited
 * stack and execs `vmtest bottom-up` to see the legacy layout);
 * `vmtest big MB` maps MB MiB in one call; and the formats of
 * /proc/slabinfo, meminfo and zoneinfo.  One line per check; exits 0
 * only if all passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PAGE 4096
#define MiB (1024 * 1024)


static char text[65536];

static const char *slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	text[0] = '\0';
	if (fd < 0)
		return text;
	while (len < (ssize_t)sizeof(text) - 1 &&
	       (n = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += n;
	text[len] = '\0';
	close(fd);
	return text;
}

/* The number after "name " in /proc/vmstat. */
static unsigned long vmstat(const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s ", name);
	slurp("/proc/vmstat");
	memmove(text + 1, text, sizeof(text) - 1);
	text[0] = '\n';
	p = strstr(text, key);
	return p ? strtoul(p + strlen(key), NULL, 10) : 0;
}

/* A meminfo figure, in kB. */
static long meminfo_kb(const char *name)
{
	const char *p = strstr(slurp("/proc/meminfo"), name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

/* A file in /tmp is memory no reclaim can take back (ramfs): writing
 * 4 MiB must lower MemAvailable by about that, and removing it must
 * give it back.  MemAvailable used to count such pages as available. */
static void available_excludes_ramfs(void)
{
	static char chunk[65536];
	long before = meminfo_kb("MemAvailable:"), during, after;
	int fd = open("/tmp/avail", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	for (int i = 0; i < 64 && fd >= 0; i++)
		write(fd, chunk, sizeof(chunk));
	close(fd);
	during = meminfo_kb("MemAvailable:");
	unlink("/tmp/avail");
	after = meminfo_kb("MemAvailable:");
	printf("MemAvailable: %ld kB, %ld with a 4 MiB file in /tmp, %ld after\n", before, during,
	       after);
	check(before - during >= 3 * 1024 && after - during >= 3 * 1024,
	      "a 4 MiB ramfs file takes 4 MiB from MemAvailable, and gives it back");
	check(meminfo_kb("Unevictable:") >= 0, "/proc/meminfo has Unevictable (ramfs pages)");
}

/* Issue 12, defect 4: the exact sequence that left a page inaccessible
 * for good and open() spinning in the kernel. */
static void partial_mprotect(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int r, fd;

	check(p != MAP_FAILED && munmap(p + PAGE, PAGE) == 0, "map a page with a hole above");
	strcpy(p, "/nonexistent-vmtest");
	check(mprotect(p, PAGE, PROT_NONE) == 0, "mprotect the touched page PROT_NONE");
	errno = 0;
	r = mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE);
	check(r == -1 && errno == ENOMEM, "mprotect past the mapping: ENOMEM");
	fd = open(p, O_RDONLY);
	check(fd == -1 && errno == ENOENT, "open() of a path in that page ends: ENOENT");
	check(p[0] == '/', "the part that was mapped is readable again (applied in part)");
	p[1] = 'n';
	check(p[1] == 'n', "and writable");
	check(mprotect(p, PAGE, PROT_NONE) == 0, "PROT_NONE again");
	fd = open(p, O_RDONLY);
	check(fd == -1 && errno == EFAULT, "open() of a path in a PROT_NONE page: EFAULT");
	munmap(p, PAGE);
}

static void bad_arguments(void)
{
	void *p;
	char *q = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	errno = 0;
	p = mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0);
	check(p == MAP_FAILED && errno == EINVAL, "mmap without MAP_PRIVATE or MAP_SHARED: EINVAL");
	errno = 0;
	p = mmap(NULL, PAGE, PROT_READ, 0x0f | MAP_ANONYMOUS, -1, 0);
	check(p == MAP_FAILED && errno == EINVAL, "mmap with an unknown map type: EINVAL");
	munmap(q + PAGE, PAGE);
	errno = 0;
	check(mprotect(q + PAGE, PAGE, PROT_READ) == -1 && errno == ENOMEM,
	      "mprotect of an unmapped range: ENOMEM");
	errno = 0;
	check(mprotect(q, PAGE, PROT_READ | 0x100) == -1 && errno == EINVAL,
	      "mprotect with an unknown prot bit: EINVAL");
	munmap(q, PAGE);
}

static void touch(char *p, long bytes)
{
	for (long i = 0; i < bytes; i += PAGE)
		p[i] = 1;
}

/* A /proc/self/status figure, in kB. */
static long status_kb(const char *name)
{
	const char *p = strstr(slurp("/proc/self/status"), name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static void maxrss(void)
{
	struct rusage ru;
	char *p = mmap(NULL, 8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status;
	pid_t pid;

	touch(p, 8 * MiB);
	munmap(p, 8 * MiB);
	getrusage(RUSAGE_SELF, &ru);
	printf("# ru_maxrss self %ld kB\n", ru.ru_maxrss);
	check(ru.ru_maxrss >= 8 * 1024, "ru_maxrss: the peak, kept after munmap");
	check(status_kb("VmHWM:") >= 8 * 1024 && status_kb("VmRSS:") < 8 * 1024,
	      "/proc/self/status VmHWM: the peak RSS, VmRSS: now");
	pid = fork();
	if (pid == 0) {
		p = mmap(NULL, 16 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		touch(p, 16 * MiB);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("# ru_maxrss children %ld kB\n", ru.ru_maxrss);
	check(ru.ru_maxrss >= 16 * 1024, "RUSAGE_CHILDREN ru_maxrss: the largest reaped child");
}

static void pgfault(void)
{
	int n = 256;
	char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long before = vmstat("pgfault"), after;

	touch(p, (long)n * PAGE);
	after = vmstat("pgfault");
	printf("# pgfault %lu -> %lu\n", before, after);
	check(after - before >= (unsigned long)n, "pgfault grows by at least the pages touched");
	munmap(p, n * PAGE);
}

static void vfork_shares_memory(void)
{
	volatile int shared = 0;
	int status;
	pid_t pid = vfork();

	if (pid == 0) {
		shared = 42;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check(shared == 42, "vfork: the child's store is seen by the parent");
	shared = 0;
	pid = vfork();
	if (pid == 0) {
		execl("/nonexistent/prog", "prog", (char *)NULL);
		shared = errno;         /* busybox's way to report a failed exec */
		_exit(127);
	}
	waitpid(pid, &status, 0);
	check(shared == ENOENT && WIFEXITED(status) && WEXITSTATUS(status) == 127,
	      "vfork: a failed exec's errno reaches the parent");
}

/* The area of /proc/self/maps that contains addr: its line's start. */
static int maps_line_of(const char *maps, unsigned long addr)
{
	int line = 0;

	for (const char *l = maps; *l; line++) {
		unsigned long s, e;

		if (sscanf(l, "%lx-%lx", &s, &e) == 2 && s <= addr && addr < e)
			return line;
		l = strchr(l, '\n');
		if (!l)
			break;
		l++;
	}
	return -1;
}

/* a and b differ in protection: Linux merges neighbouring anonymous
 * areas that do not into one, one line of /proc/self/maps. */
static void top_down(void)
{
	char *a = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *heap = sbrk(0), stack;
	const char *maps;

	printf("# mmap %p then %p, brk %p, stack %p\n", (void *)a, (void *)b, (void *)heap,
	       (void *)&stack);
	check(b < a, "top-down: a second mmap lies below the first");
	check((unsigned long)a > 0x80000000UL && a < &stack,
	      "mmap below the stack, above 2 GiB (flexible layout)");
	check(heap < b, "brk stays below the mappings");
	maps = slurp("/proc/self/maps");
	check(maps_line_of(maps, (unsigned long)b) >= 0 &&
	      maps_line_of(maps, (unsigned long)b) < maps_line_of(maps, (unsigned long)a) &&
	      maps_line_of(maps, (unsigned long)a) < maps_line_of(maps, (unsigned long)&stack),
	      "/proc/self/maps lists them in address order, the stack last");
	munmap(a, PAGE);
	munmap(b, PAGE);
}

static void bottom_up(void)
{
	struct rlimit rl;
	char *a = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	getrlimit(RLIMIT_STACK, &rl);
	printf("# unlimited stack: mmap %p then %p\n", (void *)a, (void *)b);
	check(rl.rlim_cur == RLIM_INFINITY, "the stack rlimit is unlimited");
	check((unsigned long)a >= 0x40000000UL && (unsigned long)a < 0x80000000UL && b > a,
	      "legacy layout: bottom-up from 1 GiB");
}

static void proc_formats(void)
{
	static const char *const meminfo[] = {
		"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapCached:",
		"Active:", "Inactive:", "SwapTotal:", "SwapFree:", "Dirty:", "Writeback:",
		"AnonPages:", "Mapped:", "Shmem:", "Slab:", "SReclaimable:", "SUnreclaim:",
		"KernelStack:", "PageTables:", "Committed_AS:", "VmallocTotal:",
		"VmallocUsed:", "VmallocChunk:",
	};
	static const char slabinfo_head[] =
		"slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> "
		": slabdata <active_slabs> <num_slabs> <sharedavail>\n";
	char name[64], what[128];
	unsigned long v[6], zone_file_pages = 0;
	int ok = 1;

	slurp("/proc/meminfo");
	for (unsigned int i = 0; i < sizeof(meminfo) / sizeof(meminfo[0]); i++) {
		if (!strstr(text, meminfo[i])) {
			snprintf(what, sizeof(what), "/proc/meminfo has %s", meminfo[i]);
			check(0, what);
			ok = 0;
		}
	}
	check(ok, "/proc/meminfo has the fields free, top and vmstat read");
	slurp("/proc/slabinfo");
	check(!strncmp(text, slabinfo_head, strlen(slabinfo_head)),
	      "/proc/slabinfo: the 2.1 header");
	check(sscanf(strchr(text, '\n') + 1, "%*[^\n]\n%63s %lu %lu %lu %lu %lu : tunables %lu",
		     name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) == 7 && v[0] <= v[1],
	      "/proc/slabinfo: a cache line in the 2.1 columns");
	slurp("/proc/zoneinfo");
	check(strstr(text, "  pages free ") && strstr(text, "        protection: (") &&
	      strstr(text, "    nr_free_pages ") && strstr(text, "    nr_anon_pages ") &&
	      strstr(text, "\n  pagesets\n"),
	      "/proc/zoneinfo: protection and per-zone counters");
	for (const char *p = text; (p = strstr(p, "    nr_file_pages ")) != NULL; p++)
		zone_file_pages += strtoul(p + 18, NULL, 10);
	printf("# nr_file_pages: zones %lu, all %lu\n", zone_file_pages, vmstat("nr_file_pages"));
	check(zone_file_pages == vmstat("nr_file_pages"),
	      "the zones' nr_file_pages add up to /proc/vmstat's");
	slurp("/proc/vmstat");
	check(strstr(text, "\npgfault ") && strstr(text, "\npgmajfault ") && strstr(text, "nr_free_pages "),
	      "/proc/vmstat: the counters");
}

static void big(long mb)
{
	char *p = mmap(NULL, mb * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char what[64];

	printf("# %ld MiB at %p\n", mb, (void *)p);
	snprintf(what, sizeof(what), "one mmap of %ld MiB", mb);
	check(p != MAP_FAILED, what);
	if (p != MAP_FAILED) {
		for (long i = 0; i < mb * MiB; i += 64 * MiB)
			p[i] = 1;       /* a page every 64 MiB: the memory is real */
		check(munmap(p, mb * MiB) == 0, "and unmap it");
	}
}

/* mlock of more memory than the machine has: the OOM killer takes the
 * locker, which must stop faulting at once and die - the fuzzer saw one
 * keep going for two minutes, the machine frozen, until khungtaskd and
 * then the killer of others stepped in.  Nobody else may die for it. */
static void mlock_past_memory(void)
{
	long len = 512 * MiB;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		mlock(p, len);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "mlock of 512 MiB on a smaller machine: the OOM killer ends the locker");
}

/* busybox xargs learns of a failed exec through vfork's shared memory:
 * 127 as on Linux (123 when vfork copied the memory). */
static void busybox_xargs(void)
{
	int fds[2], status = -1;
	pid_t pid;

	if (pipe(fds))
		return check(0, "pipe");
	pid = fork();
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/busybox", "xargs", "/nonexistent/prog", (char *)NULL);
		_exit(99);
	}
	close(fds[0]);
	(void)!write(fds[1], "x\n", 2);
	close(fds[1]);
	waitpid(pid, &status, 0);
	printf("# busybox xargs /nonexistent/prog: status %d\n", WEXITSTATUS(status));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 127,
	      "busybox xargs of a missing program exits 127");
}

static void legacy(char *self)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

	check(setrlimit(RLIMIT_STACK, &rl) == 0, "setrlimit(RLIMIT_STACK, unlimited)");
	execl(self, self, "bottom-up", (char *)NULL);
	check(0, "exec itself");
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "all";

	if (!strcmp(cmd, "big") && argc > 2) {
		big(atol(argv[2]));
	} else if (!strcmp(cmd, "legacy")) {
		legacy(argv[0]);
	} else if (!strcmp(cmd, "bottom-up")) {
		bottom_up();
	} else if (!strcmp(cmd, "mprotect")) {
		partial_mprotect();
	} else if (!strcmp(cmd, "mlock-oom")) {
		mlock_past_memory();
	} else {
		partial_mprotect();
		bad_arguments();
		maxrss();
		pgfault();
		vfork_shares_memory();
		busybox_xargs();
		top_down();
		proc_formats();
		available_excludes_ramfs();
	}
	printf("vmtest: %s\n", failures ? "FAIL" : "all ok");
	return failures ? 1 : 0;
}
