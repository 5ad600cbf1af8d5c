/*
 * user/threadtest.c - thread groups from user space: clone's flag rules
 * (EINVAL for CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without
 * CLONE_VM, CLONE_NEWNS with CLONE_FS), a raw clone() thread with
 * pthread_create's flags (the parent and child tid words, the
 * CLONE_CHILD_CLEARTID word cleared at exit and its futex waiter woken),
 * CLONE_FS and CLONE_FILES sharing in a thread and in a forked process,
 * a process sharing our memory and signal actions (CLONE_VM |
 * CLONE_SIGHAND), 64 glibc threads created and joined (gettid distinct,
 * getpid equal, __thread variables distinct, a mutex-guarded count
 * exact) and detached ones, /proc/self/task, Threads: and num_threads,
 * ps -T, exit_group from one thread while the others block in read,
 * nanosleep and futex_wait, the leader's pthread_exit with the process living on until
 * its last thread, execve from a thread, kill() to the group taken by the
 * one thread that does not block it, tgkill and tkill to one thread,
 * per-thread signal masks, a fault in one thread killing the group with
 * SIGSEGV, a fatal signal ending every thread, and wait4 seeing a
 * threaded child as one child; a fault's SIGSEGV handled in the faulting
 * thread, sigwait in a thread taking a kill() to the process that every
 * other thread blocks, and a group stop: SIGSTOP stops every thread of a
 * threaded child (each 'T' in /proc/PID/task, none runs) until SIGCONT
 * resumes them all, SIGKILL ending it while stopped.
 *
 * Threads are joined with pthread_join, which sleeps in a futex wait on
 * the CLONE_CHILD_CLEARTID word until the thread's exit clears it and
 * wakes it; the raw clone() thread checks that wake directly.
 * One line per check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 64
#define SPIN_LIMIT 20000                /* 1 ms naps: 20 s at most */


static pid_t gettid_raw(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void nap(void)
{
	struct timespec ts = { 0, 1000000 };

	nanosleep(&ts, NULL);
}

/* A small /proc file into buf, NUL-terminated; false if unreadable. */
static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return 0;
	n = (int)read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return 1;
}

/* A number from a "Key:\tN" line of a /proc status file; -1 if none. */
static long status_field(const char *path, const char *key)
{
	char buf[2048], *p;

	if (!read_text(path, buf, sizeof(buf)))
		return -1;
	p = strstr(buf, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static long nr_threads(void)
{
	return status_field("/proc/self/status", "Threads:\t");
}

/* Until Threads: is n; true if it got there. */
static int wait_threads(long n)
{
	for (int i = 0; i < SPIN_LIMIT; i++) {
		if (nr_threads() == n)
			return 1;
		nap();
	}
	return 0;
}

/* Field 20 of /proc/self/stat (num_threads). */
static long stat_num_threads(void)
{
	char buf[1024], *p;
	int field = 2;

	if (!read_text("/proc/self/stat", buf, sizeof(buf)))
		return -1;
	p = strrchr(buf, ')');          /* comm may hold spaces */
	while (p && field < 20) {
		p = strchr(p + 1, ' ');
		field++;
	}
	return p ? strtol(p + 1, NULL, 10) : -1;
}

static int count_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int dir_has(const char *path, long num)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		found |= strtol(e->d_name, NULL, 10) == num;
	closedir(d);
	return found;
}

static int exit_status(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* ---- clone's flags ---- */

#define THREAD_FLAGS                                                         \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |  \
	 CLONE_SYSVSEM)

/* A clone the kernel must refuse; if it does not, the child leaves at
 * once (it runs on our stack, or a copy of it). */
static long bad_clone(unsigned long flags)
{
	long r = syscall(SYS_clone, flags, 0, NULL, 0, NULL);

	if (r == 0)
		syscall(SYS_exit, 99);
	return r < 0 ? -errno : r;
}

static void test_clone_flags(void)
{
	check(bad_clone(CLONE_THREAD | CLONE_VM) == -EINVAL, "CLONE_THREAD without CLONE_SIGHAND: EINVAL");
	check(bad_clone(CLONE_SIGHAND) == -EINVAL, "CLONE_SIGHAND without CLONE_VM: EINVAL");
	check(bad_clone(CLONE_NEWNS | CLONE_FS) == -EINVAL, "CLONE_NEWNS with CLONE_FS: EINVAL");
}

/* ---- a raw clone() thread: only system calls in it (it shares our TLS) ---- */

static volatile pid_t raw_tid, raw_pid, raw_ppid;
static volatile int raw_fd = -1;
static pid_t raw_ptid, raw_ctid;

static int raw_thread(void *arg)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	(void)arg;
	syscall(SYS_nanosleep, &ts, NULL);      /* the parent is asleep on raw_ctid by then */
	raw_tid = (pid_t)syscall(SYS_gettid);
	raw_pid = (pid_t)syscall(SYS_getpid);
	raw_ppid = (pid_t)syscall(SYS_getppid);
	syscall(SYS_chdir, "/proc");
	raw_fd = (int)syscall(SYS_open, "/proc/self/status", O_RDONLY);
	return 0;                       /* glibc's clone() then calls exit */
}

static void test_raw_clone(void)
{
	size_t size = 64 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec timeout = { 5, 0 };
	char cwd[64];
	int tid, i, word, timed_out = 0;

	raw_ctid = -1;
	tid = clone(raw_thread, stack + size,
		    THREAD_FLAGS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, NULL, &raw_ptid,
		    NULL, &raw_ctid);
	check(tid > 0, "clone with pthread_create's flags (no TLS) makes a thread");
	check(raw_ptid == tid, "CLONE_PARENT_SETTID: the parent's word holds the tid");
	/* As pthread_join: sleep while the word holds the tid; the exit's
	 * wake ends the sleep long before the timeout. */
	for (i = 0; i < 100 && (word = __atomic_load_n(&raw_ctid, __ATOMIC_ACQUIRE)); i++)
		if (syscall(SYS_futex, &raw_ctid, FUTEX_WAIT, word, &timeout) && errno == ETIMEDOUT)
			timed_out = 1;
	check(raw_ctid == 0 && !timed_out,
	      "CLONE_CHILD_CLEARTID: the word is 0 and its futex waiter woken");
	check(raw_tid == tid && raw_pid == getpid(), "in the thread: gettid is the new tid, getpid ours");
	check(raw_ppid == getppid(), "in the thread: getppid is our parent");
	check(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/proc"), "CLONE_FS: the thread's chdir is ours");
	check(raw_fd >= 0 && fcntl(raw_fd, F_GETFD) >= 0, "CLONE_FILES: the thread's open file is ours");
	close(raw_fd);
	chdir("/");
	check(wait_threads(1), "the raw thread is gone from Threads:");
	check(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD, "a thread is nobody's child");
	munmap(stack, size);
}

/* ---- sharing without a thread group ---- */

/* fork with CLONE_FS | CLONE_FILES: a process of its own (its own memory
 * copy, a child for wait4) whose chdir and open are ours too. */
static void test_fork_sharing_fs_and_files(void)
{
	char cwd[64];
	long pid = syscall(SYS_clone, CLONE_FS | CLONE_FILES | SIGCHLD, 0, NULL, 0, NULL);
	int fd, st;

	if (pid == 0) {
		chdir("/proc");
		_exit(open("/proc/self/stat", O_RDONLY));
	}
	st = exit_status((pid_t)pid);
	fd = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	check(pid > 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/proc"),
	      "clone(CLONE_FS | CLONE_FILES): the child's chdir is ours");
	check(fd > 2 && fcntl(fd, F_GETFD) >= 0, "clone(CLONE_FS | CLONE_FILES): so is its open file");
	if (fd > 2)
		close(fd);
	chdir("/");
}

static volatile pid_t shared_vm_pid;

static void on_usr2(int sig)
{
	(void)sig;
}

/* A process sharing our memory and handlers (not our group). */
static int shared_vm_child(void *arg)
{
	(void)arg;
	shared_vm_pid = (pid_t)syscall(SYS_getpid);
	signal(SIGUSR2, on_usr2);
	return 3;
}

static void test_clone_vm_sighand_process(void)
{
	size_t size = 64 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	int pid, st;

	pid = clone(shared_vm_child, stack + size, CLONE_VM | CLONE_SIGHAND | SIGCHLD, NULL);
	st = exit_status(pid);
	check(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3,
	      "clone(CLONE_VM | CLONE_SIGHAND): a child process wait4 reaps");
	check(shared_vm_pid == pid, "its stores land in our memory; its getpid is its own");
	sigaction(SIGUSR2, NULL, &sa);
	check(sa.sa_handler == on_usr2, "the handler it set is ours (shared actions)");
	signal(SIGUSR2, SIG_DFL);
	munmap(stack, size);
}

/* ---- 64 glibc threads ---- */

static __thread int tls_value;
static __thread char tls_block[64];

struct record {
	pid_t tid, pid;
	int *tls_addr;
	int tls_ok;
};

#define INCREMENTS 1000

static struct record records[NTHREADS];
static volatile int started, go;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long count;

static void *worker(void *arg)
{
	struct record *r = arg;
	int n = (int)(r - records);

	tls_value = n + 1;
	memset(tls_block, n, sizeof(tls_block));
	r->tid = gettid_raw();
	r->pid = getpid();
	r->tls_addr = &tls_value;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		sched_yield();
	r->tls_ok = tls_value == n + 1 && tls_block[0] == (char)n && tls_block[63] == (char)n;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&count_lock);
		count++;
		pthread_mutex_unlock(&count_lock);
	}
	return NULL;
}

/* Lines of `ps -T` for our pid, or -1.  posix_spawn (CLONE_VM |
 * CLONE_VFORK) rather than fork: nothing of ours becomes copy-on-write
 * while the other threads run. */
static int ps_thread_lines(void)
{
	char *argv[] = { "/bin/ps", "-T", NULL }, buf[16384], *line;
	posix_spawn_file_actions_t fa;
	int out[2], n = 0, lines = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(out))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, NULL))
		return -1;
	close(out[1]);
	while (n < (int)sizeof(buf) - 1 && (r = read(out[0], buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (int)r;
	buf[n] = '\0';
	close(out[0]);
	exit_status(pid);
	posix_spawn_file_actions_destroy(&fa);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		lines += atoi(line) == getpid();
	return lines;
}

static void check_task_dir(void)
{
	char path[64];
	int all = 1;

	check(count_dir("/proc/self/task") == NTHREADS + 1, "/proc/self/task lists all 65 threads");
	for (int i = 0; i < NTHREADS; i++) {
		snprintf(path, sizeof(path), "/proc/self/task/%d/status", records[i].tid);
		all &= status_field(path, "Pid:\t") == records[i].tid &&
			status_field(path, "Tgid:\t") == getpid();
	}
	check(all, "/proc/self/task/TID/status: Pid is the thread, Tgid the process");
	check(dir_has("/proc", records[0].tid) == 0 && dir_has("/proc", getpid()) == 1,
	      "/proc lists the process but not its threads");
	check(ps_thread_lines() == NTHREADS + 1, "ps -T shows a line for each of the 65 threads");
}

static void test_many_threads(void)
{
	pthread_attr_t attr;
	pthread_t th[NTHREADS];
	int created = 0, joined = 0, distinct = 1, same_pid = 1, tls = 1;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (int i = 0; i < NTHREADS; i++)
		created += pthread_create(&th[i], &attr, worker, &records[i]) == 0;
	check(created == NTHREADS, "64 threads created");
	for (int i = 0; i < SPIN_LIMIT && __atomic_load_n(&started, __ATOMIC_ACQUIRE) < created; i++)
		nap();
	check(nr_threads() == NTHREADS + 1, "Threads: 65 in /proc/self/status");
	check(stat_num_threads() == NTHREADS + 1, "num_threads (field 20 of stat) is 65");
	check_task_dir();
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < created; i++)
		joined += pthread_join(th[i], NULL) == 0;
	check(joined == NTHREADS, "64 threads joined");
	check(count == NTHREADS * INCREMENTS, "a mutex-guarded count from 64 threads is exact");
	check(wait_threads(1), "all 64 gone: Threads: 1 again");
	for (int i = 0; i < NTHREADS; i++) {
		same_pid &= records[i].pid == getpid();
		tls &= records[i].tls_ok && records[i].tls_addr != &tls_value;
		for (int j = 0; j < i; j++) {
			distinct &= records[i].tid != records[j].tid;
			tls &= records[i].tls_addr != records[j].tls_addr;
		}
		distinct &= records[i].tid != getpid();
	}
	check(distinct, "gettid: 64 distinct thread ids, none the pid");
	check(same_pid, "getpid: the same in every thread");
	check(tls, "__thread variables: one per thread, each kept its value");
	pthread_attr_destroy(&attr);
}

static void *detached_worker(void *arg)
{
	(void)arg;
	return NULL;
}

static void test_detached(void)
{
	pthread_attr_t attr;
	pthread_t th;
	int ok = 1;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (int i = 0; i < 8; i++)
		ok &= pthread_create(&th, &attr, detached_worker, NULL) == 0;
	check(ok && wait_threads(1), "8 detached threads run and go");
	pthread_attr_destroy(&attr);
}

/* ---- a thread started with a function and nothing else to do ---- */

static pthread_t spawn(void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t th;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (pthread_create(&th, &attr, fn, arg))
		_exit(90);
	pthread_attr_destroy(&attr);
	return th;
}

static int block_pipe[2];

static void *block_in_read(void *arg)
{
	char c;

	(void)arg;
	read(block_pipe[0], &c, 1);
	return NULL;
}

static void *block_in_sleep(void *arg)
{
	struct timespec ts = { 1000, 0 };

	(void)arg;
	nanosleep(&ts, NULL);
	return NULL;
}

static unsigned int never_woken;

static void *block_in_futex(void *arg)
{
	(void)arg;
	syscall(SYS_futex, &never_woken, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return NULL;
}

static void *group_exit_later(void *arg)
{
	(void)arg;
	wait_threads(5);
	syscall(SYS_exit_group, 7);
	return NULL;
}

/* The child: threads asleep in read, nanosleep and futex_wait, the main
 * thread in read; one thread's exit_group ends them all. */
static void test_exit_group(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		pipe(block_pipe);
		spawn(block_in_read, NULL);
		spawn(block_in_sleep, NULL);
		spawn(block_in_futex, NULL);
		spawn(group_exit_later, NULL);
		block_in_read(NULL);
		_exit(1);
	}
	st = exit_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "exit_group in one thread ends the others (in read, nanosleep, futex_wait): status 7");
	check(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD, "wait4 saw one child, not its threads");
}

static int ready_pipe[2], go_pipe[2];
static pthread_t leader;

/* Joining the leader waits for its exit (the kernel clears its tid word,
 * as any thread's).  Not Threads: 1: Linux counts a zombie leader there
 * until the whole group is reaped. */
static void *outlive_leader(void *arg)
{
	char c = 'r';

	(void)arg;
	if (pthread_join(leader, NULL) != 0 || getppid() <= 0)
		c = 'x';
	else if (nr_threads() != 2)     /* the zombie leader counts until reaped */
		c = 't';
	write(ready_pipe[1], &c, 1);
	read(go_pipe[0], &c, 1);
	_exit(5);
}

/* The leader leaves with pthread_exit; the process lives on (not
 * reapable) until its other thread exits. */
static void test_leader_exits_first(void)
{
	pid_t pid;
	char c = 0;
	int st;

	pipe(ready_pipe);
	pipe(go_pipe);
	pid = fork();
	if (pid == 0) {
		leader = pthread_self();
		spawn(outlive_leader, NULL);
		pthread_exit(NULL);
	}
	close(ready_pipe[1]);
	close(go_pipe[0]);
	read(ready_pipe[0], &c, 1);
	check(c == 'r' || c == 't', "after the leader's pthread_exit the other thread runs on");
	check(c != 't', "the zombie leader still counts in Threads: (2, as on Linux)");
	check(waitpid(pid, &st, WNOHANG) == 0, "the process is not reapable while a thread lives");
	write(go_pipe[1], "g", 1);
	st = exit_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5, "the last thread's exit ends it: status 5");
	close(ready_pipe[0]);
	close(go_pipe[1]);
}

static char *self_path;
static char leader_pid[16];

static void *exec_from_thread(void *arg)
{
	char *argv[] = { self_path, "exec-child", leader_pid, NULL };

	(void)arg;
	wait_threads(3);
	execv(self_path, argv);
	_exit(2);
}

/* Run as `threadtest exec-child PID` by execve from a thread: we must be
 * the process we were, with one thread, now the leader. */
static int exec_child(const char *pid)
{
	if (getpid() != atoi(pid))
		return 3;
	if (gettid_raw() != getpid())
		return 4;
	if (nr_threads() != 1 || count_dir("/proc/self/task") != 1)
		return 5;
	return 11;
}

static void test_exec_from_thread(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		snprintf(leader_pid, sizeof(leader_pid), "%d", getpid());
		spawn(block_in_sleep, NULL);
		spawn(exec_from_thread, NULL);
		block_in_sleep(NULL);
		_exit(1);
	}
	st = exit_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 11,
	      "execve in a thread: the others end, it runs as the process's pid alone");
}

/* ---- signals ---- */

static volatile pid_t handled_by;
static volatile int handled_count;

static void on_signal(int sig)
{
	(void)sig;
	handled_by = gettid_raw();
	__atomic_add_fetch(&handled_count, 1, __ATOMIC_SEQ_CST);
}

static volatile pid_t helper_tid;
static volatile int helper_stop;

/* Unblocks SIGUSR1 (the creator blocks it) and waits to be told to go. */
static void *signal_helper(void *arg)
{
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	helper_tid = gettid_raw();
	while (!helper_stop)
		nap();
	return NULL;
}

static int wait_handled(int n)
{
	for (int i = 0; i < SPIN_LIMIT && handled_count < n; i++)
		nap();
	return handled_count >= n;
}

static void test_signals(void)
{
	sigset_t set, old, mine;
	char path[64];
	long blk;

	signal(SIGUSR1, on_signal);
	signal(SIGUSR2, on_signal);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	spawn(signal_helper, NULL);
	while (!helper_tid)
		nap();
	sigprocmask(SIG_BLOCK, NULL, &mine);
	check(sigismember(&mine, SIGUSR1), "per-thread masks: ours still blocks SIGUSR1");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", helper_tid);
	blk = status_field(path, "SigBlk:\t");
	check(blk == 0, "per-thread masks: the thread's SigBlk shows it unblocked");
	kill(getpid(), SIGUSR1);
	check(wait_handled(1) && handled_by == helper_tid,
	      "kill() to the process: handled by the thread that does not block it");
	handled_by = 0;
	check(syscall(SYS_tgkill, getpid(), helper_tid, SIGUSR2) == 0 && wait_handled(2) &&
	      handled_by == helper_tid, "tgkill: the signal runs in that thread");
	handled_by = 0;
	check(syscall(SYS_tkill, helper_tid, SIGUSR2) == 0 && wait_handled(3) &&
	      handled_by == helper_tid, "tkill: the signal runs in that thread");
	check(syscall(SYS_tgkill, getpid() + 100000, helper_tid, SIGUSR2) == -1 && errno == ESRCH,
	      "tgkill with another tgid: ESRCH");
	check(syscall(SYS_tgkill, 0, helper_tid, SIGUSR2) == -1 && errno == EINVAL,
	      "tgkill with tgid 0: EINVAL");
	helper_stop = 1;
	check(wait_threads(1), "the helper thread is gone");
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static int *volatile null_pointer;

static void *fault(void *arg)
{
	(void)arg;
	wait_threads(3);
	*null_pointer = 1;
	return NULL;
}

static void test_fault_kills_group(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		spawn(block_in_sleep, NULL);
		spawn(fault, NULL);
		block_in_sleep(NULL);
		_exit(1);
	}
	st = exit_status(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "a fault in one thread kills the group: SIGSEGV");
}

static void test_fatal_signal_kills_group(void)
{
	int ready[2];
	pid_t pid;
	char c = 0;
	int st;

	pipe(ready);
	pid = fork();
	if (pid == 0) {
		spawn(block_in_sleep, NULL);
		spawn(block_in_sleep, NULL);
		wait_threads(3);
		write(ready[1], "r", 1);
		block_in_sleep(NULL);
		_exit(1);
	}
	close(ready[1]);
	read(ready[0], &c, 1);
	kill(pid, SIGTERM);
	st = exit_status(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "SIGTERM to a threaded process ends all of it");
	close(ready[0]);
}

static sigjmp_buf thread_fault_jmp;
static volatile pid_t fault_tid;
static void *volatile fault_si_addr;

static void on_thread_fault(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	fault_tid = gettid_raw();
	fault_si_addr = info->si_addr;
	siglongjmp(thread_fault_jmp, 1);
}

static void *fault_caught(void *arg)
{
	*(volatile pid_t *)arg = gettid_raw();
	if (!sigsetjmp(thread_fault_jmp, 1))
		*null_pointer = 1;
	return NULL;
}

static void test_fault_in_thread_handled_there(void)
{
	struct sigaction sa, old;
	volatile pid_t tid = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_thread_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, &old);
	pthread_join(spawn(fault_caught, (void *)&tid), NULL);
	check(fault_tid == tid && tid != gettid_raw() && fault_si_addr == NULL,
	      "a thread's fault: SIGSEGV handled in that thread, si_addr 0");
	sigaction(SIGSEGV, &old, NULL);
}

static volatile int waited_sig;
static volatile pid_t waiter_tid;

static void *sigwait_thread(void *arg)
{
	int sig = 0;

	waiter_tid = gettid_raw();
	if (sigwait(arg, &sig) == 0)
		waited_sig = sig;
	return NULL;
}

/* The state letter of a /proc stat file ('?' if unreadable). */
static char stat_state(const char *path)
{
	char buf[512], *p;

	if (!read_text(path, buf, sizeof(buf)))
		return '?';
	p = strrchr(buf, ')');
	return p && p[1] ? p[2] : '?';
}

static void test_sigwait_in_thread(void)
{
	sigset_t set, old, pending;
	char path[64];
	pthread_t th;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	th = spawn(sigwait_thread, &set);
	while (!waiter_tid)
		nap();
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", waiter_tid);
	for (int i = 0; i < SPIN_LIMIT && stat_state(path) != 'S'; i++)
		nap();
	kill(getpid(), SIGUSR1);
	pthread_join(th, NULL);
	sigpending(&pending);
	check(waited_sig == SIGUSR1 && !sigismember(&pending, SIGUSR1),
	      "sigwait in a thread takes kill()'s signal that every other thread blocks");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static volatile unsigned long *spin_counts;

static void *count_forever(void *arg)
{
	long i = (long)arg;

	for (;;) {
		spin_counts[i]++;
		if (i)
			nap();          /* one spins in user mode, the others sleep */
	}
	return NULL;
}

/* Every thread of pid in /proc/PID/task is in state want. */
static int all_threads_in(pid_t pid, char want)
{
	char dir[64], path[384];
	struct dirent *e;
	int n = 0, ok = 1;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/task", pid);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/stat", dir, e->d_name);
		ok &= stat_state(path) == want;
		n++;
	}
	closedir(d);
	return ok && n == 3;
}

/* Whether every count moves within a second (changed: 1), or none
 * moves in 100 ms (changed: 0). */
static int counts_move(int changed)
{
	unsigned long before[3];
	int moved = 0;

	memcpy(before, (void *)spin_counts, sizeof(before));
	for (int i = 0; i < (changed ? 1000 : 100); i++) {
		nap();
		moved = 0;
		for (int t = 0; t < 3; t++)
			moved += spin_counts[t] != before[t];
		if (changed && moved == 3)
			return 1;
	}
	return changed ? 0 : moved == 0;
}

static void test_group_stop(void)
{
	int st = 0;
	pid_t pid;

	spin_counts = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = fork();
	if (pid == 0) {
		spawn(count_forever, (void *)1L);
		spawn(count_forever, (void *)2L);
		count_forever(0);
	}
	check(counts_move(1), "group stop: three threads counting");
	kill(pid, SIGSTOP);
	check(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "group stop: waitpid(WUNTRACED) reports the threaded child stopped");
	check(counts_move(0), "group stop: no thread runs");
	check(all_threads_in(pid, 'T'), "group stop: every thread is T in /proc/PID/task");
	kill(pid, SIGCONT);
	check(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st), "SIGCONT: WIFCONTINUED");
	check(counts_move(1), "SIGCONT: every thread runs again");
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGKILL);
	check(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "SIGKILL ends a stopped threaded child");
	munmap((void *)spin_counts, 4096);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "exec-child"))
		return exec_child(argv[2]);
	self_path = argv[0][0] == '/' ? argv[0] : "/bin/threadtest";
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_clone_flags();
	test_raw_clone();
	test_fork_sharing_fs_and_files();
	test_clone_vm_sighand_process();
	test_many_threads();
	test_detached();
	test_signals();
	test_exit_group();
	test_leader_exits_first();
	test_exec_from_thread();
	test_fault_kills_group();
	test_fatal_signal_kills_group();
	test_fault_in_thread_handled_there();
	test_sigwait_in_thread();
	test_group_stop();
	printf("threadtest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
