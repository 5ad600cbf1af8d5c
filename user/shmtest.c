/*
 * user/shmtest.c - shared memory between processes: MAP_SHARED |
 * MAP_ANONYMOUS pages first touched after fork (by the child, by the
 * parent), many of them, munmap in one process while the other keeps the
 * pages, MAP_SHARED and MAP_PRIVATE of /dev/zero, System V shared memory
 * (shmget/shmat/shmdt/shmctl with their errors, shm_nattch, IPC_RMID
 * destroying the segment only when the last attach goes, attachments
 * inherited by fork, dropped by exit and exec), mremap past a shared
 * object's end and a mapping past a file's end (SIGBUS), POSIX shared
 * memory (shm_open in /dev/shm), the
 * /proc/self/maps lines and Shmem: in /proc/meminfo, and what mprotect
 * may add (EACCES for write on a SHM_RDONLY attach or a shared mapping of
 * a file open read-only; a private one may), and a truncate unmapping the
 * pages past the new end from another process's mapping (fresh data
 * after the file grows again, SIGBUS past the end), and shared memory
 * charged to Committed_AS (shared anonymous and System V, at creation,
 * given back at destruction; overcommit mode 2 refusing what would pass
 * CommitLimit with ENOMEM).  One line per
 * check; exits 0 only if all passed.  The same binary runs on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PAGE 4096
#define MANY 64


/* A pipe pair used to take turns with a child: one byte per step. */
static int to_child[2], to_parent[2];

static void say(int fd)
{
	char c = 1;

	if (write(fd, &c, 1) != 1)
		_exit(99);
}

static void await(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		_exit(98);
}

static int child_status(pid_t pid)
{
	int status = 0;

	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

/* Pages of p never touched before fork: the child writes some, the
 * parent others, each sees the other's. */
static void after_fork(volatile char *p, size_t pages, const char *what)
{
	char msg[160];
	int seen = 0;
	pid_t pid;

	if (pipe(to_child) || pipe(to_parent))
		exit(2);
	pid = fork();
	if (pid == 0) {
		int ok = 1;

		for (size_t i = 0; i < pages; i += 2)
			p[i * PAGE + 7] = (char)(i + 1);
		say(to_parent[1]);
		await(to_child[0]);
		for (size_t i = 1; i < pages; i += 2)
			ok &= p[i * PAGE + 9] == (char)(i + 3);
		_exit(ok ? 0 : 1);
	}
	await(to_parent[0]);
	for (size_t i = 0; i < pages; i += 2)
		seen += p[i * PAGE + 7] == (char)(i + 1);
	for (size_t i = 1; i < pages; i += 2)
		p[i * PAGE + 9] = (char)(i + 3);
	say(to_child[1]);
	snprintf(msg, sizeof(msg), "%s: the child's writes after fork seen by the parent", what);
	check(seen == (int)((pages + 1) / 2), msg);
	snprintf(msg, sizeof(msg), "%s: the parent's writes after fork seen by the child", what);
	check(child_status(pid) == 0, msg);
	close(to_child[0]), close(to_child[1]), close(to_parent[0]), close(to_parent[1]);
}

/* The value /proc/meminfo gives for name (kB), -1 if absent.  Linux
 * keeps the counters per CPU and adds them up now and then: writing
 * /proc/sys/vm/stat_refresh adds them up at once (where it is missing
 * they are exact). */
static long meminfo(const char *name)
{
	char line[128];
	long v = -1;
	int refresh = open("/proc/sys/vm/stat_refresh", O_WRONLY);
	FILE *f;

	if (refresh >= 0) {
		write(refresh, "1", 1);
		close(refresh);
	}
	f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, strlen(name)) && line[strlen(name)] == ':')
			v = strtol(line + strlen(name) + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* The /proc/self/maps line of the area at addr into line ("" if none). */
static void maps_line(const void *addr, char *line, size_t size)
{
	char buf[256];
	unsigned long a = (unsigned long)addr, start, end;
	FILE *f = fopen("/proc/self/maps", "r");

	line[0] = '\0';
	while (f && fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "%lx-%lx", &start, &end) == 2 && start <= a && a < end) {
			snprintf(line, size, "%s", buf);
			break;
		}
	if (f)
		fclose(f);
}

static void shared_anonymous(void)
{
	char *p = mmap(NULL, MANY * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char line[256];
	long before, during;
	pid_t pid;

	check(p != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS");
	if (p == MAP_FAILED)
		return;
	maps_line(p, line, sizeof(line));
	check(strstr(line, " rw-s ") && strstr(line, "/dev/zero (deleted)"),
	      "maps: a shared anonymous area is rw-s /dev/zero (deleted)");
	printf("# %s", line);
	before = meminfo("Shmem");
	after_fork(p, MANY, "MAP_SHARED|MAP_ANONYMOUS, 64 pages");
	during = meminfo("Shmem");
	printf("# Shmem: %ld kB before, %ld kB with the pages touched\n", before, during);
	check(during - before >= MANY * PAGE / 1024, "Shmem: grows by the pages of the area");

	/* The child unmaps its view and exits; the parent's stays. */
	pid = fork();
	if (pid == 0) {
		p[3] = 'c';
		_exit(munmap(p, MANY * PAGE) == 0 ? 0 : 1);
	}
	check(child_status(pid) == 0 && p[3] == 'c' && p[7] == 1,
	      "a child's munmap and exit leave the parent's pages");
	check(munmap(p, MANY * PAGE) == 0 && meminfo("Shmem") <= before,
	      "Shmem: back down once the last mapping goes");
}

/* Four children touch the same 64 fresh pages at once (on -smp 4, on
 * four CPUs), each writing its own byte of every page: the first touches
 * race to add each page to the object, and every page must end up with
 * all four bytes - one page, not one per racer. */
static void racing_first_touches(void)
{
	enum { RACERS = 4 };
	volatile char *go = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *p = mmap(NULL, MANY * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int complete = 0, ok = 1;

	go[0] = 0;
	for (int r = 0; r < RACERS; r++)
		if (fork() == 0) {
			__sync_fetch_and_add(&go[1], 1);
			while (!go[0])
				;
			for (int i = 0; i < MANY; i++)
				p[i * PAGE + 100 + r] = (char)(r + 1);
			_exit(0);
		}
	while (go[1] != RACERS)
		;
	go[0] = 1;
	for (int r = 0; r < RACERS; r++)
		ok &= wait(NULL) > 0;
	for (int i = 0; i < MANY; i++)
		complete += p[i * PAGE + 100] == 1 && p[i * PAGE + 101] == 2 &&
			    p[i * PAGE + 102] == 3 && p[i * PAGE + 103] == 4;
	check(ok && complete == MANY, "four racing first touches of each page: one shared page");
	munmap(p, MANY * PAGE);
	munmap((void *)go, PAGE);
}

/* The signal a child dies of writing p, 0 if none. */
static int write_signal(volatile char *p)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		*p = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

/* mremap grows a shared anonymous area in place past its object: the
 * new part has no pages behind it, SIGBUS as in Linux. */
static void grown_past_the_object(void)
{
	char *room = mmap(NULL, 4 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p = mmap(room, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED,
		       -1, 0);

	munmap(room + 2 * PAGE, 2 * PAGE);
	check(p == room && mremap(p, 2 * PAGE, 4 * PAGE, 0) == p, "mremap grows a shared area in place");
	check(write_signal(p + PAGE) == 0 && write_signal(p + 3 * PAGE) == SIGBUS,
	      "past the object's end: SIGBUS");
	munmap(p, 4 * PAGE);
}

/* A shared area a child maps the same object through after mremap and
 * mprotect: both still shared. */
static void shared_after_changes(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	if (p == MAP_FAILED) {
		check(0, "mmap for mprotect/madvise");
		return;
	}
	p[0] = 5;
	check(mprotect(p, 4 * PAGE, PROT_READ) == 0 && mprotect(p, 4 * PAGE, PROT_READ | PROT_WRITE) == 0,
	      "mprotect read-only and back");
	pid = fork();
	if (pid == 0) {
		p[0] = 6;               /* a write after mprotect: still shared */
		p[PAGE] = 7;
		_exit(0);
	}
	child_status(pid);
	check(p[0] == 6 && p[PAGE] == 7, "writes after mprotect stay shared");
	check(madvise(p, 4 * PAGE, MADV_DONTNEED) == 0 && p[0] == 6 && p[PAGE] == 7,
	      "MADV_DONTNEED on shared memory keeps the data");
	p = mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		   mmap(NULL, 4 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	check(p != MAP_FAILED && p[0] == 6 && p[PAGE] == 7, "mremap moves the shared pages along");
	if (p != MAP_FAILED)
		after_fork(p + 2 * PAGE, 2, "after mremap");
	munmap(p, 4 * PAGE);
}

static void dev_zero(void)
{
	int fd = open("/dev/zero", O_RDWR);
	char *s = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char line[256];
	pid_t pid;

	check(fd >= 0 && s != MAP_FAILED && q != MAP_FAILED, "mmap /dev/zero shared and private");
	if (fd < 0 || s == MAP_FAILED || q == MAP_FAILED)
		return;
	close(fd);
	check(s[0] == 0 && s[8 * PAGE - 1] == 0 && q[0] == 0, "/dev/zero mappings read zeros");
	after_fork(s, 8, "MAP_SHARED /dev/zero");
	pid = fork();
	if (pid == 0) {
		q[0] = 9;
		_exit(q[0] == 9 ? 0 : 1);
	}
	check(child_status(pid) == 0 && q[0] == 0, "MAP_PRIVATE /dev/zero: the child's write stays its own");
	maps_line(s, line, sizeof(line));
	check(strstr(line, " rw-s ") && strstr(line, "/dev/zero (deleted)"),
	      "maps: shared /dev/zero is rw-s /dev/zero (deleted)");
	maps_line(q, line, sizeof(line));
	check(strstr(line, " rw-p ") != NULL, "maps: private /dev/zero is rw-p");
	munmap(s, 8 * PAGE);
	munmap(q, PAGE);
}

/* /proc/sysvipc/shm's line for id: its key, id, perms, size and nattch
 * as sscanf reads them (0 if there is none). */
static int sysvipc_line(int id, int *key, int *perms, unsigned long *size, int *nattch)
{
	char line[256];
	int found = 0, lid, cpid, lpid;
	FILE *f = fopen("/proc/sysvipc/shm", "r");

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%d %d %o %lu %d %d %d", key, &lid, perms, size, &cpid, &lpid,
			       nattch) == 7 && lid == id;
	if (f)
		fclose(f);
	return found;
}

static struct shmid_ds stat_of(int id)
{
	struct shmid_ds ds;

	memset(&ds, 0xff, sizeof(ds));
	shmctl(id, IPC_STAT, &ds);
	return ds;
}

static void sysv_errors(void)
{
	key_t key = 0x5e55100 + getpid();
	int id;

	errno = 0;
	check(shmget(key, PAGE, 0600) == -1 && errno == ENOENT, "shmget: no such key: ENOENT");
	id = shmget(key, 3 * PAGE, IPC_CREAT | 0600);
	check(id >= 0, "shmget IPC_CREAT with a key");
	check(shmget(key, PAGE, 0600) == id && shmget(key, 0, 0) == id, "shmget again: the same id");
	errno = 0;
	check(shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST,
	      "shmget IPC_EXCL on an existing key: EEXIST");
	errno = 0;
	check(shmget(key, 4 * PAGE, 0600) == -1 && errno == EINVAL,
	      "shmget larger than the segment: EINVAL");
	errno = 0;
	check(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600) == -1 && errno == EINVAL,
	      "shmget size 0: EINVAL");
	errno = 0;
	check(shmat(id, (void *)(0x50000000 + 123), 0) == (void *)-1 && errno == EINVAL,
	      "shmat at a misaligned address: EINVAL");
	errno = 0;
	check(shmat(-1, NULL, 0) == (void *)-1 && errno == EINVAL, "shmat on a bad id: EINVAL");
	errno = 0;
	check(shmdt((void *)0x50000000) == -1 && errno == EINVAL, "shmdt where nothing is attached: EINVAL");
	errno = 0;
	check(shmctl(id + 1000000, IPC_STAT, &(struct shmid_ds){ 0 }) == -1 && errno == EINVAL,
	      "shmctl on a bad id: EINVAL");
	errno = 0;
	/* glibc converts the buffer itself: the kernel's check needs the
	 * raw call (ipc SHMCTL, IPC_STAT | IPC_64). */
	check(syscall(SYS_ipc, 24, id, IPC_STAT | 0x100, 0, (void *)16) == -1 && errno == EFAULT,
	      "shmctl IPC_STAT to a bad pointer: EFAULT");
	errno = 0;
	check(syscall(SYS_shmctl, id, IPC_STAT, (void *)16) == -1 && errno == EFAULT,
	      "the direct shmctl system call too");
	errno = 0;
	check(syscall(SYS_shmctl, id, IPC_STAT | 0x100, &(struct shmid_ds){ 0 }) == -1 &&
		      errno == EINVAL,
	      "the direct call has the 64-bit layout only: IPC_64 in its cmd is EINVAL (as Linux)");
	check(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID an unattached segment");
	errno = 0;
	check(shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }) == -1 && (errno == EINVAL || errno == EIDRM),
	      "the removed segment is gone");
	check(shmget(key, PAGE, 0600) == -1 && errno == ENOENT, "and so is its key");
}

static void sysv_shared(void)
{
	int id = shmget(IPC_PRIVATE, 5 * PAGE + 100, IPC_CREAT | 0640);
	char *p, *r, *fixed, line[256];
	struct shmid_ds ds;
	long before = meminfo("Shmem");
	pid_t pid;

	check(id >= 0, "shmget IPC_PRIVATE");
	p = shmat(id, NULL, 0);
	check(p != (void *)-1, "shmat anywhere");
	if (id < 0 || p == (void *)-1)
		return;
	ds = stat_of(id);
	check(ds.shm_segsz == 5 * PAGE + 100 && ds.shm_nattch == 1 && (ds.shm_perm.mode & 0777) == 0640 &&
	      ds.shm_cpid == getpid() && ds.shm_lpid == getpid() && ds.shm_atime > 0,
	      "IPC_STAT: size, nattch 1, mode, cpid, lpid, atime");
	maps_line(p, line, sizeof(line));
	check(strstr(line, " rw-s ") && strstr(line, "/SYSV00000000 (deleted)"),
	      "maps: rw-s /SYSV00000000 (deleted)");
	printf("# %s", line);
	r = shmat(id, NULL, SHM_RDONLY);
	check(r != (void *)-1 && stat_of(id).shm_nattch == 2, "a second attach, read-only: nattch 2");
	fixed = shmat(id, (void *)0x58000123, SHM_RND);
	check(fixed == (void *)0x58000000 && stat_of(id).shm_nattch == 3, "shmat SHM_RND rounds down");
	after_fork(p, 6, "SysV shm");
	check(r[PAGE + 9] == 4 && fixed[7] == 1, "every attach sees the same pages");
	check(meminfo("Shmem") - before >= 6 * PAGE / 1024, "Shmem: grows by the segment's pages");

	pid = fork();
	if (pid == 0) {
		int ok = stat_of(id).shm_nattch == 6 && p[7] == 1;

		*(volatile char *)r = 1;        /* read-only attach: SIGSEGV */
		_exit(ok ? 0 : 1);
	}
	check(child_status(pid) == 100 + 11, "fork inherits the attaches (nattch 6); writing SHM_RDONLY faults");
	check(stat_of(id).shm_nattch == 3, "the child's exit detached its copies");
	check(shmdt(r) == 0 && shmdt(fixed) == 0 && stat_of(id).shm_nattch == 1, "shmdt: nattch 1");

	memset(&ds, 0, sizeof(ds));
	shmctl(id, IPC_STAT, &ds);
	ds.shm_perm.mode = 0600;
	check(shmctl(id, IPC_SET, &ds) == 0 && (stat_of(id).shm_perm.mode & 0777) == 0600, "IPC_SET the mode");

	{
		int key, perms, nattch;
		unsigned long size;

		check(sysvipc_line(id, &key, &perms, &size, &nattch) && key == 0 && perms == 0600 &&
		      size == 5 * PAGE + 100 && nattch == 1, "/proc/sysvipc/shm: the segment's line");
	}
	check(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID while attached");
	ds = stat_of(id);
	check(ds.shm_nattch == 1 && (ds.shm_perm.mode & SHM_DEST), "still there: SHM_DEST, nattch 1");
	p[0] = 'x';
	check(p[0] == 'x', "the attach still works");
	check(shmdt(p) == 0, "the last shmdt");
	errno = 0;
	check(shmctl(id, IPC_STAT, &ds) == -1 && (errno == EINVAL || errno == EIDRM),
	      "the segment is destroyed with the last detach");
	check(meminfo("Shmem") <= before, "Shmem: its pages are freed");
}

/* IPC_INFO's limits are Linux's defaults; SHM_INFO counts the segment,
 * SHM_STAT finds it by index. */
static void sysv_info(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PAGE, IPC_CREAT | 0600), max;
	struct shminfo limits;
	struct shm_info info;
	struct shmid_ds ds;
	int found = 0;

	max = shmctl(0, IPC_INFO, (struct shmid_ds *)&limits);
	check(max >= 0 && limits.shmmin == 1 && limits.shmmni == 4096 &&
	      limits.shmmax == ~0UL - (1UL << 24) && limits.shmall == ~0UL - (1UL << 24),
	      "IPC_INFO: Linux's default limits");
	check(shmctl(0, SHM_INFO, (struct shmid_ds *)&info) == max && info.used_ids >= 1 &&
	      info.shm_tot >= 2, "SHM_INFO: the segment counted");
	for (int i = 0; i <= max; i++)
		found |= shmctl(i, SHM_STAT, &ds) == id && ds.shm_segsz == 2 * PAGE;
	check(found, "SHM_STAT by index gives the segment's id");
	shmctl(id, IPC_RMID, NULL);
}

/* exec detaches: a child attaches, then runs this program again, which
 * exits 0 if it sees only the parent's attach (argv: nattch ID). */
static void sysv_exec_detaches(const char *self)
{
	int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0), arg[16];
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", id);
	pid = fork();
	if (pid == 0) {
		/* the parent's, its copy in this child, this child's own */
		if (shmat(id, NULL, 0) == (void *)-1 || stat_of(id).shm_nattch != 3)
			_exit(2);
		execl(self, "shmtest", "nattch", arg, (char *)NULL);
		_exit(3);
	}
	check(child_status(pid) == 0, "exec detaches: the new program sees nattch 1");
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

/* glibc 2.36 on i386 goes through ipc(2); the direct calls work too. */
static void sysv_direct_calls(void)
{
	long id = syscall(SYS_shmget, IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	long addr = syscall(SYS_shmat, id, 0, 0);

	check(id >= 0 && addr != -1, "direct shmget and shmat (395, 397)");
	if (id < 0 || addr == -1)
		return;
	*(char *)addr = 1;
	check(syscall(SYS_shmdt, addr) == 0 && syscall(SYS_shmctl, id, IPC_RMID, 0) == 0,
	      "direct shmdt and shmctl (398, 396)");
}

/* A segment attached only by a child that exits: the exit is the last
 * detach. */
static void sysv_exit_detaches(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	pid_t pid = fork();

	if (pid == 0) {
		char *p = shmat(id, NULL, 0);

		p[0] = 1;
		shmctl(id, IPC_RMID, NULL);
		_exit(stat_of(id).shm_nattch == 1 ? 0 : 1);
	}
	check(child_status(pid) == 0, "a child attaches and marks the segment removed");
	errno = 0;
	check(shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }) == -1, "its exit destroyed it");
}

static void posix_shm(void)
{
	const char *name = "/shmtest";
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	struct stat st;
	char *p, line[256];
	pid_t pid;

	check(stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 01777,
	      "/dev/shm is a directory, mode 1777");
	check(fd >= 0 && ftruncate(fd, 3 * PAGE) == 0, "shm_open and ftruncate");
	if (fd < 0)
		return;
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED, "mmap it MAP_SHARED");
	if (p == MAP_FAILED)
		return;
	pid = fork();
	if (pid == 0) {
		int cfd = shm_open(name, O_RDWR, 0);
		char *c = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);

		if (c == MAP_FAILED)
			_exit(1);
		strcpy(c + 2 * PAGE, "from the child");
		_exit(0);
	}
	check(child_status(pid) == 0 && !strcmp(p + 2 * PAGE, "from the child"),
	      "a child's shm_open + mmap write is seen by the parent");
	after_fork(p, 3, "shm_open");
	maps_line(p, line, sizeof(line));
	check(strstr(line, " rw-s ") && strstr(line, "/dev/shm/shmtest"), "maps: rw-s /dev/shm/shmtest");
	check(shm_unlink(name) == 0 && shm_open(name, O_RDWR, 0) == -1 && errno == ENOENT,
	      "shm_unlink removes the name");
	check(p[7] == 1, "the mapping outlives the name");
	munmap(p, 3 * PAGE);
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED && ftruncate(fd, PAGE) == 0 && write_signal(p + 2 * PAGE) == SIGBUS &&
	      write_signal(p) == 0, "a mapping past the end of the file: SIGBUS there");
	munmap(p, 3 * PAGE);
	close(fd);
}

/* mprotect may only grant what the mapping could have had at mmap time
 * (Linux's VM_MAY* flags). */
static void may_flags(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600), fd;
	char *r = id >= 0 ? shmat(id, NULL, SHM_RDONLY) : (char *)-1, *p;

	check(r != (char *)-1 && mprotect(r, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
	      "mprotect(PROT_WRITE) on a SHM_RDONLY attach: EACCES");
	check(r != (char *)-1 && mprotect(r, PAGE, PROT_NONE) == 0 && mprotect(r, PAGE, PROT_READ) == 0,
	      "mprotect within what a SHM_RDONLY attach may have");
	if (r != (char *)-1)
		shmdt(r);
	shmctl(id, IPC_RMID, NULL);
	fd = open("/tmp/shmtest-ro", O_CREAT | O_RDWR | O_TRUNC, 0600);
	check(fd >= 0 && write(fd, "file", 4) == 4 && close(fd) == 0, "a file of 4 bytes");
	fd = open("/tmp/shmtest-ro", O_RDONLY);
	check(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EACCES,
	      "mmap(PROT_WRITE, MAP_SHARED) of a file open O_RDONLY: EACCES");
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED && mprotect(p, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
	      "mprotect(PROT_WRITE) on MAP_SHARED of an O_RDONLY file: EACCES");
	munmap(p, PAGE);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED && mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0 && (p[0] = 'F') &&
	      !memcmp(p, "File", 4), "mprotect(PROT_WRITE) on MAP_PRIVATE of an O_RDONLY file: a private copy");
	munmap(p, PAGE);
	close(fd);
	fd = open("/tmp/shmtest-ro", O_WRONLY);
	check(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED && errno == EACCES,
	      "mmap of a file open O_WRONLY: EACCES");
	close(fd);
	fd = open("/tmp/shmtest-ro", O_RDONLY);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED && !memcmp(p, "file", 4), "the file itself unchanged");
	munmap(p, PAGE);
	close(fd);
	unlink("/tmp/shmtest-ro");
}

#define TRUNC_FILE "/dev/shm/shmtest-trunc"

/* The child's side of truncate_unmaps: its own mapping of the file, a
 * page of it mapped, then looked at after each of the parent's steps. */
static void truncate_child(int fd)
{
	volatile char *c = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);

	if (c == MAP_FAILED || c[2 * PAGE] != 'x')
		_exit(1);
	say(to_parent[1]);
	await(to_child[0]);             /* truncated to 0, grown, 'y' written */
	if (c[2 * PAGE] != 'y')
		_exit(2);               /* still the page the truncate dropped */
	say(to_parent[1]);
	await(to_child[0]);             /* truncated to one page */
	(void)c[2 * PAGE];
	_exit(3);                       /* no SIGBUS */
}

/* Linux's vmtruncate: ftruncate takes the pages past the new end out of
 * every process mapping the file, not only out of the page cache. */
static void truncate_unmaps(void)
{
	int fd = open(TRUNC_FILE, O_CREAT | O_RDWR | O_TRUNC, 0600);
	char *p = MAP_FAILED;
	pid_t pid;

	if (fd >= 0 && ftruncate(fd, 3 * PAGE) == 0)
		p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED, "a /dev/shm file of 3 pages mapped MAP_SHARED");
	if (p == MAP_FAILED)
		return;
	p[2 * PAGE] = 'x';
	if (pipe(to_child) || pipe(to_parent))
		exit(2);
	pid = fork();
	if (pid == 0)
		truncate_child(fd);
	await(to_parent[0]);
	check(ftruncate(fd, 0) == 0 && ftruncate(fd, 3 * PAGE) == 0 &&
	      pwrite(fd, "y", 1, 2 * PAGE) == 1 && p[2 * PAGE] == 'y',
	      "truncate to 0 and grow again: the parent's mapping sees the new page");
	say(to_child[1]);
	await(to_parent[0]);
	check(truncate(TRUNC_FILE, PAGE) == 0 && truncate("/dev/shm", 0) == -1 && errno == EISDIR,
	      "truncate(2) to one page (a directory: EISDIR)");
	say(to_child[1]);
	check(child_status(pid) == 100 + SIGBUS,
	      "the other process's mapping: the new page after regrowth, then SIGBUS past the end");
	check(write_signal(p + 2 * PAGE) == SIGBUS && write_signal(p) == 0,
	      "a fork after the truncate: SIGBUS past the end, the first page mapped");
	munmap(p, 3 * PAGE);
	close(fd);
	unlink(TRUNC_FILE);
	close(to_child[0]), close(to_child[1]), close(to_parent[0]), close(to_parent[1]);
}

#define MIB (1024 * 1024)

static int set_overcommit(const char *mode)
{
	int fd = open("/proc/sys/vm/overcommit_memory", O_WRONLY);
	int ok = fd >= 0 && write(fd, mode, strlen(mode)) == (ssize_t)strlen(mode);

	if (fd >= 0)
		close(fd);
	return ok;
}

/* Did Committed_AS move by want kB since before, give or take 1 MiB
 * (the C library's own allocations; Linux's per-CPU counter lags by a
 * batch per CPU)? */
static int moved_by(long before, long want)
{
	long d = meminfo("Committed_AS") - before - want;

	return d > -1024 && d < 1024;
}

/* Shared writable memory is charged to Committed_AS as Linux charges it:
 * a shmem object's whole size when it is made, back when it goes. */
static void committed_as(void)
{
	long before = meminfo("Committed_AS");
	char *p = mmap(NULL, 4 * MIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int id;

	check(p != MAP_FAILED && moved_by(before, 4096),
	      "MAP_SHARED|MAP_ANONYMOUS 4 MiB: Committed_AS +4096 kB, untouched");
	check(munmap(p, 4 * MIB) == 0 && moved_by(before, 0), "munmap: Committed_AS back");
	id = shmget(IPC_PRIVATE, 4 * MIB, IPC_CREAT | 0600);
	check(id >= 0 && moved_by(before, 4096), "shmget 4 MiB: Committed_AS +4096 kB, never attached");
	check(shmctl(id, IPC_RMID, NULL) == 0 && moved_by(before, 0), "IPC_RMID: Committed_AS back");
}

static int fork_fails_enomem(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		child_status(pid);
	return pid == -1 && errno == ENOMEM;
}

/* overcommit_memory 2: no more than CommitLimit committed. */
static void overcommit_never(void)
{
	long room, limit = meminfo("CommitLimit");
	size_t size;
	char *p;

	check(limit > 0 && set_overcommit("2"), "overcommit_memory 2, CommitLimit shown");
	room = limit - meminfo("Committed_AS");
	size = room > 0 ? (size_t)(room + 8192) * 1024 : 0;
	check(room > 0 && shmget(IPC_PRIVATE, size, IPC_CREAT | 0600) == -1 && errno == ENOMEM,
	      "mode 2: shmget past CommitLimit: ENOMEM");
	check(mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == ENOMEM, "mode 2: MAP_SHARED|MAP_ANONYMOUS past CommitLimit: ENOMEM");
	check(mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == ENOMEM, "mode 2: private writable past CommitLimit: ENOMEM");
	p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && mprotect(p, size, PROT_READ | PROT_WRITE) == -1 && errno == ENOMEM,
	      "mode 2: read-only is free, mprotect making it writable: ENOMEM");
	if (p != MAP_FAILED)
		munmap(p, size);
	p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && munmap(p, MIB) == 0, "mode 2: 1 MiB within the limit");
	size = room > 0 ? (size_t)room / 3 * 2 * 1024 : 0;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && fork_fails_enomem(), "mode 2: fork copying 2/3 of the room: ENOMEM");
	if (p != MAP_FAILED)
		munmap(p, size);
	size = room > 0 ? (size_t)(room + 8192) * 1024 : 0;
	check(set_overcommit("0"), "overcommit_memory 0 again");
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && munmap(p, size) == 0, "mode 0: the same mapping is made");
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "nattch"))
		return stat_of(atoi(argv[2])).shm_nattch == 1 ? 0 : 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	shared_anonymous();
	shared_after_changes();
	grown_past_the_object();
	racing_first_touches();
	dev_zero();
	sysv_errors();
	sysv_shared();
	sysv_exit_detaches();
	sysv_direct_calls();
	sysv_info();
	sysv_exec_detaches(argv[0]);
	posix_shm();
	may_flags();
	truncate_unmaps();
	committed_as();
	overcommit_never();
	printf(failures ? "shmtest: %d failures\n" : "shmtest: all ok\n", failures);
	return failures ? 1 : 0;
}
