/*
 * user/abitest.c - the file and process calls busybox needs, checked
 * against what Linux does with the same program (issue 12): descriptor
 * limits and their errnos, pipe writes up to PIPE_BUF arriving whole,
 * FIFOs, mknod, chmod/chown, utimensat and the three time stamps,
 * st_blocks, file size limits (RLIMIT_FSIZE, no offset past 2^44 - 1),
 * statfs, nice and I/O priorities, supplementary groups, resource limits
 * as Linux's init has them, `#!` scripts, /tmp, and the kernel log
 * through syslog (klogctl).  One line per check; exits with the number
 * of failures.  Runs on Linux too (as root): tools/linux.py same abitest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "check.h"

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd >= 0) {
		write(fd, text, strlen(text));
		close(fd);
	}
}

static void descriptor_limits(void)
{
	struct rlimit old, lim = { 16, 16 };
	int fd, last = -1;

	getrlimit(RLIMIT_NOFILE, &old);
	check(old.rlim_cur == 1024 && old.rlim_max == 4096, "RLIMIT_NOFILE 1024/4096 as Linux's init");
	setrlimit(RLIMIT_NOFILE, &lim);
	errno = 0;
	check(dup2(0, 16) == -1 && errno == EBADF, "dup2 to fd >= RLIMIT_NOFILE is EBADF");
	errno = 0;
	check(fcntl(0, F_DUPFD, 16) == -1 && errno == EINVAL, "F_DUPFD from >= RLIMIT_NOFILE is EINVAL");
	while ((fd = dup(0)) >= 0)
		last = fd;
	check(last == 15 && errno == EMFILE, "dup fills the table to the limit, then EMFILE");
	errno = 0;
	check(fcntl(0, F_DUPFD, 0) == -1 && errno == EMFILE, "F_DUPFD on a full table is EMFILE");
	for (fd = 3; fd <= last; fd++)
		close(fd);
	setrlimit(RLIMIT_NOFILE, &old);
	check(dup2(0, 900) == 900 && fcntl(900, F_GETFD) == 0, "dup2 to 900 grows the table");
	close(900);
}

/* 7-byte messages through a pipe, read 7 bytes at a time: every read
 * gets a whole message, also where the ring wraps (4096 % 7 != 0). */
static void pipe_atomic(void)
{
	int p[2], bad = 0;
	char msg[7] = "abcdef", buf[7];

	if (pipe(p))
		return check(0, "pipe");
	if (fork() == 0) {
		for (int i = 0; i < 3000; i++)
			if (write(p[1], msg, sizeof(msg)) != sizeof(msg))
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	for (int i = 0; i < 3000; i++)
		if (read(p[0], buf, sizeof(buf)) != sizeof(buf) || memcmp(buf, msg, sizeof(msg)))
			bad++;
	close(p[0]);
	wait(NULL);
	check(bad == 0, "pipe writes of <= PIPE_BUF bytes are read whole");
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A writer waiting in open is woken by our open and may write and close
 * before our open returns: the reader must still come back, with the
 * data, rather than wait for a writer that has come and gone.  Both run
 * on CPU 0 and the writer is the more important, so its wake-up preempts
 * the reader's open right there; a stuck open ends with EINTR from the
 * alarm (no SA_RESTART). */
static void fifo_writer_comes_and_goes(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	cpu_set_t cpu0, all;
	int stuck = 0, lost = 0;

	sched_getaffinity(0, sizeof(all), &all);
	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	sched_setaffinity(0, sizeof(cpu0), &cpu0);
	sigaction(SIGALRM, &sa, NULL);
	for (int i = 0; i < 20 && !stuck; i++) {
		char buf[8] = "";
		pid_t writer = fork();

		if (writer == 0) {
			setpriority(PRIO_PROCESS, 0, -10);
			int w = open("/tmp/fifo", O_WRONLY);

			_exit(w < 0 || write(w, "fifo", 5) != 5);
		}
		usleep(20000);                  /* the writer waits in its open */
		alarm(5);
		int fd = open("/tmp/fifo", O_RDONLY);
		alarm(0);
		if (fd < 0) {
			stuck = i + 1;
			kill(writer, SIGKILL);  /* if it is still there */
		} else {
			lost += read(fd, buf, sizeof(buf)) != 5 || strcmp(buf, "fifo");
			close(fd);
		}
		wait(NULL);
	}
	signal(SIGALRM, SIG_DFL);
	sched_setaffinity(0, sizeof(all), &all);
	if (stuck)
		printf("reader's open stuck at try %d\n", stuck);
	check(!stuck && !lost, "a FIFO reader whose writer opened, wrote and closed during its open gets the data");
}

static void fifo(void)
{
	char buf[8] = "";
	int fd;

	unlink("/tmp/fifo");
	check(mkfifo("/tmp/fifo", 0644) == 0, "mkfifo");
	struct stat st;
	check(stat("/tmp/fifo", &st) == 0 && S_ISFIFO(st.st_mode), "a FIFO stats as S_IFIFO");
	errno = 0;
	check(open("/tmp/fifo", O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO,
	      "O_WRONLY|O_NONBLOCK with no reader is ENXIO");
	if (fork() == 0) {
		int w = open("/tmp/fifo", O_WRONLY);   /* waits for the reader */

		_exit(w < 0 || write(w, "fifo", 5) != 5);
	}
	fd = open("/tmp/fifo", O_RDONLY);               /* waits for the writer */
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == 5 && !strcmp(buf, "fifo"),
	      "a FIFO carries data from writer to reader");
	check(read(fd, buf, sizeof(buf)) == 0, "end of file once the writer closed");
	close(fd);
	int status;
	wait(&status);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer's open waited for us");
	fifo_writer_comes_and_goes();
	unlink("/tmp/fifo");
}

static void attributes(void)
{
	struct stat st;
	struct timespec times[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	int fd;

	unlink("/tmp/f");
	check(mknod("/tmp/f", S_IFREG | 0600, 0) == 0, "mknod a regular file");
	fd = open("/tmp/f", O_WRONLY);
	check(write(fd, "twenty-four bytes long!\n", 24) == 24, "write 24 bytes");
	check(fchmod(fd, 04755) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 04755, "fchmod");
	close(fd);
	check(stat("/tmp/f", &st) == 0 && st.st_blocks == 8, "st_blocks of 24 bytes is 8 (one page)");
	check(chown("/tmp/f", 1000, 100) == 0 && stat("/tmp/f", &st) == 0 && st.st_uid == 1000 &&
	      st.st_gid == 100 && (st.st_mode & 07777) == 0755, "chown, and it drops set-user-ID");
	check(chmod("/tmp/f", 0640) == 0 && stat("/tmp/f", &st) == 0 && (st.st_mode & 0777) == 0640,
	      "chmod");
	check(fchownat(AT_FDCWD, "/tmp/f", (uid_t)-1, 0, 0) == 0 && stat("/tmp/f", &st) == 0 &&
	      st.st_uid == 1000 && st.st_gid == 0, "fchownat with -1 keeps the owner");
	check(utimensat(AT_FDCWD, "/tmp/f", times, 0) == 0 && stat("/tmp/f", &st) == 0 &&
	      st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5 &&
	      st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 7, "utimensat sets atime and mtime");
	times[0].tv_nsec = UTIME_OMIT;
	times[1].tv_nsec = UTIME_NOW;
	check(utimensat(AT_FDCWD, "/tmp/f", times, 0) == 0 && stat("/tmp/f", &st) == 0 &&
	      st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec != 1200000000, "UTIME_OMIT and UTIME_NOW");
	check(utimensat(AT_FDCWD, "/tmp/nonexistent", NULL, 0) == -1 && errno == ENOENT,
	      "utimensat of a missing file is ENOENT");
	unlink("/tmp/f");
	check(stat("/tmp", &st) == 0 && (st.st_mode & 07777) == 01777, "/tmp is mode 1777");
}

static volatile int xfsz_signals;

static void on_xfsz(int sig)
{
	(void)sig;
	xfsz_signals++;
}

/* How big a file may grow: a hole holds no blocks, RLIMIT_FSIZE cuts a
 * write short and then refuses with SIGXFSZ and EFBIG, and no write or
 * seek goes past the largest offset a 32-bit Linux allows (2^43 - 1 in
 * 2.6, 2^44 - 4096 since 4.x: past both is checked here).  The fuzzer
 * found writes at 2^61 aliasing page indexes. */
static void file_size_limits(void)
{
	const off64_t max = ((off64_t)1 << 44) - 1;
	struct rlimit old, lim = { 6000, RLIM_INFINITY };
	char buf[8192] = { 0 };
	struct stat64 st;
	int fd = open("/tmp/big", O_RDWR | O_CREAT | O_TRUNC, 0600);

	check(pwrite64(fd, "x", 1, (off64_t)1 << 30) == 1 && fstat64(fd, &st) == 0 &&
	      st.st_size == (1 << 30) + 1 && st.st_blocks == 8, "a sparse file's st_blocks counts its one page");
	errno = 0;
	check(pwrite64(fd, "x", 1, max) == -1 && errno == EFBIG, "pwrite at 2^44 - 1 is EFBIG");
	errno = 0;
	check(pwrite64(fd, "x", 1, (off64_t)1 << 61) == -1 && errno == EFBIG, "pwrite at 2^61 is EFBIG");
	errno = 0;
	check(lseek64(fd, max, SEEK_SET) == -1 && errno == EINVAL, "lseek to 2^44 - 1 is EINVAL");
	close(fd);
	unlink("/tmp/big");
	fd = open("/tmp/big", O_RDWR | O_CREAT | O_TRUNC, 0600);
	signal(SIGXFSZ, on_xfsz);
	getrlimit(RLIMIT_FSIZE, &old);
	setrlimit(RLIMIT_FSIZE, &lim);
	check(write(fd, buf, sizeof(buf)) == 6000 && xfsz_signals == 0, "RLIMIT_FSIZE cuts a write short");
	errno = 0;
	check(write(fd, buf, 1) == -1 && errno == EFBIG && xfsz_signals == 1,
	      "a write at RLIMIT_FSIZE is EFBIG with SIGXFSZ");
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	close(fd);
	unlink("/tmp/big");
}

/* sendfile from a file into a pipe: with an offset (the file's own
 * position untouched) and without (it advances), stopping at EOF. */
static void send_file(void)
{
	int p[2], fd;
	off_t off = 3;
	char buf[64] = "";

	write_file("/tmp/sf", "0123456789", 0644);
	fd = open("/tmp/sf", O_RDONLY);
	if (fd < 0 || pipe(p))
		return check(0, "sendfile setup");
	check(sendfile(p[1], fd, &off, 4) == 4 && off == 7 && lseek(fd, 0, SEEK_CUR) == 0,
	      "sendfile with an offset");
	check(read(p[0], buf, sizeof(buf)) == 4 && !memcmp(buf, "3456", 4), "sent the right bytes");
	check(sendfile(p[1], fd, NULL, 100) == 10 && lseek(fd, 0, SEEK_CUR) == 10,
	      "sendfile from the file position stops at end of file");
	check(read(p[0], buf, sizeof(buf)) == 10 && !memcmp(buf, "0123456789", 10), "the whole file");
	check(sendfile(p[1], fd, NULL, 100) == 0, "sendfile at end of file sends 0");
	errno = 0;
	check(sendfile(fd, p[0], NULL, 1) == -1 && errno == EBADF, "sendfile to a read-only fd is EBADF");
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink("/tmp/sf");
}

static void file_systems(void)
{
	struct statfs sf;

	check(statfs("/", &sf) == 0 && sf.f_bsize == 4096 && sf.f_blocks > 0 && sf.f_bfree > 0,
	      "statfs / has a size and free blocks");
	check(statfs("/proc", &sf) == 0 && sf.f_type == 0x9fa0, "statfs /proc is PROC_SUPER_MAGIC");
}

static void priorities(void)
{
	errno = 0;
	check(getpriority(PRIO_PROCESS, 0) == 0 && errno == 0, "nice 0 to start with");
	check(setpriority(PRIO_PROCESS, 0, 5) == 0 && getpriority(PRIO_PROCESS, 0) == 5, "renice to 5");
	check(setpriority(PRIO_PROCESS, 0, 0) == 0, "and back");
	/* IOPRIO_WHO_PROCESS, class best-effort (2) level 4 */
	check(syscall(SYS_ioprio_set, 1, 0, 2 << 13 | 4) == 0 &&
	      syscall(SYS_ioprio_get, 1, 0) == (2 << 13 | 4), "ioprio_set is remembered");
	gid_t g[4] = { 1, 2, 3 }, got[4];
	check(setgroups(3, g) == 0 && getgroups(4, got) == 3 && got[2] == 3, "setgroups/getgroups");
	check(getgroups(0, NULL) == 3, "getgroups(0) counts");
}

/* /proc/self/status shows the mask sched_setaffinity set, over the
 * CPUs there are; /proc/self/auxv the vector exec built. */
static void proc_files(void)
{
	char buf[2048];
	int fd = open("/proc/self/status", O_RDONLY), n;
	unsigned long av[64];
	cpu_set_t set;

	n = fd >= 0 ? (int)read(fd, buf, sizeof(buf) - 1) : 0;
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	sched_getaffinity(0, sizeof(set), &set);
	char want[64];
	snprintf(want, sizeof(want), "Cpus_allowed:\t%lx\n", ((unsigned long *)&set)[0]);
	check(strstr(buf, want) != NULL, "Cpus_allowed is the affinity mask");
	check(strstr(buf, "Cpus_allowed_list:\t0") != NULL, "Cpus_allowed_list");
	fd = open("/proc/self/auxv", O_RDONLY);
	n = fd >= 0 ? (int)read(fd, av, sizeof(av)) : 0;
	close(fd);
	int found = 0;
	for (int i = 0; i + 1 < n / 4; i += 2)
		if (av[i] == AT_PAGESZ)
			found = av[i + 1] == 4096;
	check(n > 0 && n % 8 == 0 && av[n / 4 - 2] == AT_NULL && found &&
	      getauxval(AT_ENTRY) != 0, "/proc/self/auxv holds the vector, AT_NULL last");
	for (int i = 0; i + 1 < n / 4; i += 2)
		if (av[i] == AT_ENTRY)
			found = av[i + 1] == getauxval(AT_ENTRY);
	check(found, "auxv's AT_ENTRY is getauxval's");
}

static void *lower_nofile(void *unused)
{
	struct rlimit r = { 200, 4096 };

	(void)unused;
	return (void *)(long)setrlimit(RLIMIT_NOFILE, &r);
}

static void *own_group(void *unused)
{
	(void)unused;
	return (void *)(long)setpgid(0, 0);
}

/* Limits and the process group belong to the process: what one thread
 * sets holds for all. */
static void limits_are_the_processes(void)
{
	struct rlimit old, r;
	pthread_t t;
	void *ret = (void *)1;

	getrlimit(RLIMIT_NOFILE, &old);
	if (pthread_create(&t, NULL, lower_nofile, NULL) == 0)
		pthread_join(t, &ret);
	getrlimit(RLIMIT_NOFILE, &r);
	check(ret == NULL && r.rlim_cur == 200, "a thread's setrlimit is the whole process's");
	setrlimit(RLIMIT_NOFILE, &old);
	ret = (void *)1;
	if (getpgrp() != getpid() && pthread_create(&t, NULL, own_group, NULL) == 0)
		pthread_join(t, &ret);
	check(ret == NULL && getpgrp() == getpid(), "a thread's setpgid moves the whole process");
}

static void limits(void)
{
	struct rlimit r;

	getrlimit(RLIMIT_STACK, &r);
	check(r.rlim_cur == 8 << 20 && r.rlim_max == RLIM_INFINITY, "RLIMIT_STACK 8 MiB / unlimited");
	getrlimit(RLIMIT_CORE, &r);
	check(r.rlim_cur == 0 && r.rlim_max == RLIM_INFINITY, "RLIMIT_CORE 0 / unlimited");
	getrlimit(RLIMIT_MEMLOCK, &r);
	check(r.rlim_cur == 8 << 20, "RLIMIT_MEMLOCK 8 MiB");
	limits_are_the_processes();
}

/* Run path with args, its output into /tmp/out; that output. */
static const char *run(char *const argv[])
{
	static char out[512];
	int fd, n, status;

	if (fork() == 0) {
		fd = open("/tmp/out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 1);
		execv(argv[0], argv);
		printf("exec: %s\n", strerror(errno));
		_exit(127);
	}
	wait(&status);
	fd = open("/tmp/out", O_RDONLY);
	n = fd >= 0 ? (int)read(fd, out, sizeof(out) - 1) : 0;
	out[n > 0 ? n : 0] = '\0';
	close(fd);
	return out;
}

static void scripts(void)
{
	write_file("/tmp/s1", "#!/bin/echo   one  two  \nignored\n", 0755);
	check(!strcmp(run((char *[]){ "/tmp/s1", "x", "y", NULL }), "one  two /tmp/s1 x y\n"),
	      "#! runs the interpreter: its one argument, the script, then argv[1..]");
	write_file("/tmp/s2", "#!/tmp/s1 nested\n", 0755);
	check(!strcmp(run((char *[]){ "/tmp/s2", "z", NULL }), "one  two /tmp/s1 nested /tmp/s2 z\n"),
	      "an interpreter may be a script");
	write_file("/tmp/s3", "#!\n", 0755);
	errno = 0;
	check(execv("/tmp/s3", (char *[]){ "/tmp/s3", NULL }) == -1 && errno == ENOEXEC,
	      "#! with no interpreter is ENOEXEC");
	write_file("/tmp/s4", "#!/tmp/s4\n", 0755);
	errno = 0;
	check(execv("/tmp/s4", (char *[]){ "/tmp/s4", NULL }) == -1 && errno == ELOOP,
	      "a script that is its own interpreter is ELOOP");
	write_file("/tmp/s5", "#!/bin/busybox echo\n", 0644);
	errno = 0;
	check(execv("/tmp/s5", (char *[]){ "/tmp/s5", NULL }) == -1 && errno == EACCES,
	      "no execute permission is EACCES");
	for (const char *s = "12345"; *s; s++) {
		char path[16];

		snprintf(path, sizeof(path), "/tmp/s%c", *s);
		unlink(path);
	}
	unlink("/tmp/out");
}

static void kernel_log(void)
{
	int size = klogctl(10, NULL, 0);
	char *buf = malloc(size > 0 ? size + 1 : 1);
	int n;

	check(size >= 4096, "syslog SIZE_BUFFER");
	n = klogctl(3, buf, size);      /* READ_ALL */
	buf[n > 0 ? n : 0] = '\0';
	/* Both kernels say "Memory: ...k available" at boot. */
	check(n > 0 && strstr(buf, "Memory: ") != NULL, "the boot's messages are in the kernel log");
	check(klogctl(5, NULL, 0) == 0 && klogctl(3, buf, size) < 200, "syslog CLEAR empties READ_ALL");
	free(buf);
}

int main(void)
{
	descriptor_limits();
	pipe_atomic();
	fifo();
	attributes();
	file_size_limits();
	file_systems();
	send_file();
	priorities();
	limits();
	proc_files();
	scripts();
	kernel_log();
	printf("abitest: %d failures\n", failures);
	return failures;
}
