/*
 * user/efault.c - every system call that takes a pointer, fed bad ones:
 * NULL, a kernel address and an unmapped user address.  Each must fail
 * with EFAULT (as on Linux) and the kernel must carry on; at the end a
 * final round shows the calls still work with good pointers.
 *
 * The calls go through syscall(2) with the raw i386 numbers, so glibc's
 * wrappers cannot catch a bad pointer first.  calls[] lists each call
 * with its arguments; the bits of `bad` say which arguments get the bad
 * pointer (NULL is skipped where Linux takes it as "none").  One line per
 * call and pointer only when it fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define A0 1
#define A1 2
#define A2 4
#define A3 8
#define NULL_OK 32                      /* NULL means "none" here, as on Linux */

struct call {
	const char *name;
	long nr;
	long arg[5];
	int bad;                        /* which arguments are the bad pointer */
};

static int file_fd, dir_fd, zero_fd;
static char good[4096];
static const struct timespec no_wait;   /* {0, 0}: sigtimedwait only polls */

/* Filled in main() once the descriptors exist. */
static struct call calls[80];
static int ncalls;

static void add(const char *name, long nr, long a0, long a1, long a2, long a3, int bad)
{
	calls[ncalls++] = (struct call){ name, nr, { a0, a1, a2, a3, 0 }, bad };
}

static void list_calls(void)
{
	long g = (long)good, p = (long)"/", f = file_fd, d = dir_fd;

	add("read", SYS_read, zero_fd, 0, 16, 0, A1);
	add("write", SYS_write, f, 0, 16, 0, A1);
	add("pread64", SYS_pread64, f, 0, 16, 0, A1);
	add("pwrite64", SYS_pwrite64, f, 0, 16, 0, A1);
	add("readv", SYS_readv, f, 0, 1, 0, A1);
	add("writev", SYS_writev, f, 0, 1, 0, A1);
	add("open", SYS_open, 0, O_RDONLY, 0, 0, A0);
	add("openat", SYS_openat, AT_FDCWD, 0, O_RDONLY, 0, A1);
	add("stat64 path", SYS_stat64, 0, g, 0, 0, A0);
	add("stat64 buf", SYS_stat64, p, 0, 0, 0, A1);
	add("lstat64 buf", SYS_lstat64, p, 0, 0, 0, A1);
	add("fstat64", SYS_fstat64, f, 0, 0, 0, A1);
	add("fstatat64", SYS_fstatat64, AT_FDCWD, p, 0, 0, A2);
	add("statx path", SYS_statx, AT_FDCWD, 0, 0, 0x7ff, A1);
	add("_llseek", SYS__llseek, f, 0, 0, 0, A3);
	add("getdents64", SYS_getdents64, d, 0, 4096, 0, A1);
	add("getcwd", SYS_getcwd, 0, 100, 0, 0, A0);
	add("chdir", SYS_chdir, 0, 0, 0, 0, A0);
	add("mkdir", SYS_mkdir, 0, 0755, 0, 0, A0);
	add("rmdir", SYS_rmdir, 0, 0, 0, 0, A0);
	add("unlink", SYS_unlink, 0, 0, 0, 0, A0);
	add("rename", SYS_rename, p, 0, 0, 0, A1);
	add("symlink", SYS_symlink, 0, (long)"/efault-link", 0, 0, A0);
	add("access", SYS_access, 0, F_OK, 0, 0, A0);
	add("faccessat", SYS_faccessat, AT_FDCWD, 0, F_OK, 0, A1);
	add("readlink path", SYS_readlink, 0, g, 100, 0, A0);
	add("readlink buf", SYS_readlink, (long)"/proc/self", 0, 100, 0, A1);
	add("readlinkat", SYS_readlinkat, AT_FDCWD, (long)"/proc/self", 0, 100, A2);
	add("pipe", SYS_pipe, 0, 0, 0, 0, A0);
	add("pipe2", SYS_pipe2, 0, 0, 0, 0, A0);
	add("ioctl TCGETS", SYS_ioctl, 1, 0x5401, 0, 0, A2);
	add("ioctl TCSETS", SYS_ioctl, 1, 0x5402, 0, 0, A2);
	add("ioctl TIOCGWINSZ", SYS_ioctl, 1, 0x5413, 0, 0, A2);
	add("ioctl TIOCGPGRP", SYS_ioctl, 1, 0x540f, 0, 0, A2);
	add("poll", SYS_poll, 0, 1, 0, 0, A0);
	add("gettimeofday", SYS_gettimeofday, 0, 0, 0, 0, A0 | NULL_OK);
	add("clock_gettime", SYS_clock_gettime, 1, 0, 0, 0, A1);
	add("clock_gettime64", 403, 1, 0, 0, 0, A1);
	add("nanosleep", SYS_nanosleep, 0, 0, 0, 0, A0);
	add("clock_nanosleep_time64", 407, 1, 0, 0, 0, A2);
	add("times", SYS_times, 0, 0, 0, 0, A0 | NULL_OK);
	add("getrusage", SYS_getrusage, 0, 0, 0, 0, A1);
	add("uname", SYS_uname, 0, 0, 0, 0, A0);
	add("sysinfo", SYS_sysinfo, 0, 0, 0, 0, A0);
	add("getrandom", SYS_getrandom, 0, 16, 0, 0, A0);
	add("sched_getaffinity", SYS_sched_getaffinity, 0, 4, 0, 0, A2);
	add("sched_setaffinity", SYS_sched_setaffinity, 0, 4, 0, 0, A2);
	add("ugetrlimit", SYS_ugetrlimit, 3, 0, 0, 0, A1);
	add("setrlimit", SYS_setrlimit, 3, 0, 0, 0, A1);
	add("prlimit64 new", SYS_prlimit64, 0, 3, 0, 0, A2 | NULL_OK);
	add("prlimit64 old", SYS_prlimit64, 0, 3, 0, 0, A3 | NULL_OK);
	add("set_thread_area", SYS_set_thread_area, 0, 0, 0, 0, A0);
	add("get_thread_area", SYS_get_thread_area, 0, 0, 0, 0, A0);
	add("rt_sigaction act", SYS_rt_sigaction, SIGUSR1, 0, 0, 8, A1 | NULL_OK);
	add("rt_sigaction oact", SYS_rt_sigaction, SIGUSR1, 0, 0, 8, A2 | NULL_OK);
	add("rt_sigprocmask set", SYS_rt_sigprocmask, SIG_BLOCK, 0, 0, 8, A1 | NULL_OK);
	add("rt_sigprocmask oset", SYS_rt_sigprocmask, SIG_BLOCK, 0, 0, 8, A2 | NULL_OK);
	add("rt_sigsuspend", SYS_rt_sigsuspend, 0, 8, 0, 0, A0);
	add("rt_sigpending", SYS_rt_sigpending, 0, 8, 0, 0, A0);
	add("rt_sigtimedwait set", SYS_rt_sigtimedwait, 0, 0, (long)&no_wait, 8, A0);
	add("rt_sigtimedwait timeout", SYS_rt_sigtimedwait, g, 0, 0, 8, A2 | NULL_OK);
	add("sigaltstack new", SYS_sigaltstack, 0, 0, 0, 0, A0 | NULL_OK);
	add("sigaltstack old", SYS_sigaltstack, 0, 0, 0, 0, A1 | NULL_OK);
	add("execve path", SYS_execve, 0, 0, 0, 0, A0);
	add("execve argv", SYS_execve, (long)"/bin/hello", 0, 0, 0, A1 | NULL_OK);
	add("prctl PR_GET_NAME", SYS_prctl, 16, 0, 0, 0, A1);
	add("wait4 status", SYS_wait4, -1, 0, 0, 0, A1 | NULL_OK);
	add("waitid infop", SYS_waitid, P_ALL, 0, 0, WEXITED, A2 | NULL_OK);
	add("futex word", 240, 0, 0 /* FUTEX_WAIT */, 0, 0, A0);
	add("futex timeout", 240, g, 0, 0, 0, A3 | NULL_OK);
	add("futex_time64 timeout", 422, g, 0, 0, 0, A3 | NULL_OK);
	add("get_robust_list", 312, 0, 0, g, 0, A1);
	add("swapon", SYS_swapon, 0, 0, 0, 0, A0);
	add("swapoff", SYS_swapoff, 0, 0, 0, 0, A0);
}

/* wait4 and waitid need a child to report on: one that has exited already. */
static void make_zombie(void)
{
	if (fork() == 0)
		_exit(0);
	usleep(20000);
}

static int try_all(long badptr)
{
	int fails = 0;

	for (int i = 0; i < ncalls; i++) {
		struct call *c = &calls[i];
		long a[5];
		long r;

		if (!badptr && (c->bad & NULL_OK))
			continue;
		for (int k = 0; k < 5; k++)
			a[k] = c->bad & (1 << k) ? badptr : c->arg[k];
		if (c->nr == SYS_wait4 || c->nr == SYS_waitid)
			make_zombie();
		errno = 0;
		r = syscall(c->nr, a[0], a[1], a[2], a[3], a[4]);
		if (r != -1 || errno != EFAULT) {
			printf("FAIL %s(%#lx): returned %ld, %s\n", c->name, badptr, r, strerror(errno));
			fails++;
		}
	}
	return fails;
}

int main(void)
{
	static const long bad[] = { 0, (long)0xc0000000UL, 0x1000 };
	int fails = 0, st;

	file_fd = open("/efault.tmp", O_CREAT | O_RDWR | O_TRUNC, 0644);
	zero_fd = open("/dev/zero", O_RDONLY);
	dir_fd = open("/", O_RDONLY | O_DIRECTORY);
	if (file_fd < 0 || dir_fd < 0 || write(file_fd, good, 64) != 64) {
		printf("FAIL setting up: %s\n", strerror(errno));
		return 1;
	}
	/* Linux answers TIOCGPGRP only on the caller's controlling terminal
	 * (ENOTTY elsewhere): make the console ours. */
	setsid();
	ioctl(0, TIOCSCTTY, 0);
	list_calls();
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		fails += try_all(bad[i]);
	printf("%s %d calls x %zu bad pointers: EFAULT\n", fails ? "FAIL" : "ok", ncalls,
	       sizeof(bad) / sizeof(bad[0]));
	/* Still alive and well: good pointers work. */
	st = (int)syscall(SYS_pread64, file_fd, good, 64, 0, 0) == 64 &&
	     syscall(SYS_uname, good) == 0 && getcwd(good, sizeof(good)) != NULL;
	printf("%s good pointers still work\n", st ? "ok" : "FAIL");
	unlink("/efault.tmp");
	printf("efault: %s\n", fails || !st ? "FAILED" : "all ok");
	return fails || !st;
}
