/*
 * user/accttest.c - what a process owns and counts, as opposed to each of
 * its threads: the ITIMER_REAL timer (alarm, setitimer, getitimer) is one
 * per process - armed in one thread, seen and cancelled from another,
 * firing after the thread that armed it has exited, delivered to a thread
 * that does not block SIGALRM, and kept across an execve from a thread
 * that is not the leader; so are ITIMER_PROF and ITIMER_VIRTUAL, run out
 * by any thread's CPU time; the CPU times, page faults and context switches
 * of getrusage(RUSAGE_SELF), times(), CLOCK_PROCESS_CPUTIME_ID and
 * /proc/self/stat include every thread's, RUSAGE_THREAD,
 * CLOCK_THREAD_CPUTIME_ID and /proc/self/task/TID/stat are the thread's
 * alone, and a reaped child's totals (its threads' and its own reaped
 * children's) go to wait4's rusage, RUSAGE_CHILDREN, times()' cutime and
 * /proc/self/stat's cutime and cminflt; VmPeak is the peak of VmSize.
 *
 * Work is measured in deltas with generous margins (a 300 ms spin must
 * show at least 200 ms), so the checks hold on Linux too.
 * One line per check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define SPIN_MS 300
#define TOUCH_PAGES 256
#define NAPS 20

static volatile int alarms;
static volatile pid_t alarm_tid;

static void on_alarm(int sig)
{
	(void)sig;
	alarm_tid = gettid();
	alarms++;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* Sleep until `n` alarms have come, for at most `ms`. */
static int wait_alarms(int n, long ms)
{
	for (long i = 0; i < ms / 10 && alarms < n; i++)
		nap_ms(10);
	return alarms >= n;
}

static long ms_of(const struct timespec *t)
{
	return t->tv_sec * 1000L + t->tv_nsec / 1000000;
}

static long clock_ms(clockid_t c)
{
	struct timespec t;

	return clock_gettime(c, &t) ? -1 : ms_of(&t);
}

/* Use ms of CPU time by clock c - or give up after ten times that of
 * wall time, should the clock not move (or not exist). */
static void spin_ms(clockid_t c, long ms)
{
	long start = clock_ms(c), end = clock_ms(CLOCK_MONOTONIC) + 10 * ms;

	while (clock_ms(c) - start < ms && clock_ms(CLOCK_MONOTONIC) < end)
		;
}

static pthread_t spawn(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	if (pthread_create(&t, NULL, fn, arg)) {
		printf("FAIL pthread_create\n");
		exit(1);
	}
	return t;
}

static void run_thread(void *(*fn)(void *), void *arg)
{
	pthread_join(spawn(fn, arg), NULL);
}

/* ---- the ITIMER_REAL timer ---- */

static void *arm_and_exit(void *arg)
{
	struct itimerval it = { { 0, 0 }, { 0, 300000 } };

	(void)arg;
	setitimer(ITIMER_REAL, &it, NULL);
	return NULL;
}

static void *arm_alarm(void *arg)
{
	(void)arg;
	alarm(5);
	return NULL;
}

static void test_timer_belongs_to_process(void)
{
	struct itimerval it;

	alarms = 0;
	run_thread(arm_alarm, NULL);
	check(getitimer(ITIMER_REAL, &it) == 0 && it.it_value.tv_sec >= 3,
	      "getitimer in one thread sees the alarm another armed");
	check(alarm(0) >= 4, "alarm(0) in one thread cancels another's alarm, with its seconds left");
	check(getitimer(ITIMER_REAL, &it) == 0 && !it.it_value.tv_sec && !it.it_value.tv_usec,
	      "getitimer after the cancel: not armed");

	run_thread(arm_and_exit, NULL);
	check(wait_alarms(1, 3000) && alarm_tid == getpid(),
	      "SIGALRM comes after the thread that armed the timer has exited");
}

static void *take_alarm(void *arg)
{
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);      /* the creator's mask is inherited */
	wait_alarms(1, 3000);
	return NULL;
}

/* SIGALRM is the process's: the thread that does not block it takes it. */
static void test_alarm_to_the_group(void)
{
	sigset_t set, old;
	pthread_t t;
	pid_t tid;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	alarms = 0;
	pthread_sigmask(SIG_BLOCK, &set, &old);
	t = spawn(take_alarm, NULL);
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 100000 } }, NULL);
	pthread_join(t, NULL);
	tid = alarm_tid;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	check(alarms == 1 && tid != getpid(), "SIGALRM goes to the thread that does not block it");
}

static void test_setitimer_interval(void)
{
	struct itimerval it = { { 0, 50000 }, { 0, 50000 } }, old;

	alarms = 0;
	check(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer(ITIMER_REAL, 50 ms every 50 ms)");
	check(wait_alarms(4, 3000), "the interval timer fires again and again");
	memset(&it, 0, sizeof(it));
	check(setitimer(ITIMER_REAL, &it, &old) == 0 && old.it_interval.tv_usec == 50000,
	      "setitimer cancels it and returns the old interval");
	check(getitimer(ITIMER_REAL, &it) == 0 && !it.it_value.tv_sec && !it.it_value.tv_usec,
	      "getitimer: cancelled");
	it.it_value.tv_usec = 1000000;
	check(setitimer(ITIMER_REAL, &it, NULL) == -1 && errno == EINVAL,
	      "setitimer with tv_usec 1000000 is EINVAL");
	check(getitimer(5, &it) == -1 && errno == EINVAL, "getitimer(5) is EINVAL");
}

static char *self_path;
static char alarm_arg[] = "exec-alarm";

static void *exec_in_thread(void *arg)
{
	char *argv[] = { self_path, alarm_arg, NULL };

	(void)arg;
	execv(self_path, argv);
	_exit(2);
}

/* After an execve from a thread: the timer the leader armed is still
 * there, and fires. */
static int exec_alarm_child(void)
{
	struct itimerval it;

	signal(SIGALRM, on_alarm);
	if (getitimer(ITIMER_REAL, &it) || !(it.it_value.tv_sec || it.it_value.tv_usec))
		return 3;
	return wait_alarms(1, 5000) ? 11 : 4;
}

static void test_exec_keeps_timer(void)
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 1, 0 } }, NULL);
		run_thread(exec_in_thread, NULL);
		_exit(1);
	}
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 11,
	      "execve from a thread keeps the timer the leader armed, and it fires");
}

/* ---- the CPU-time itimers ---- */

static volatile int profs, vtalrms;

static void on_cpu_timer(int sig)
{
	if (sig == SIGPROF)
		profs++;
	else
		vtalrms++;
}

/* Spin in user mode until *count reaches n, for at most 30 s of wall
 * time: a loaded host may give the virtual CPU a small share of that,
 * and only a timer that never fires should fail.  The clock is read (a
 * system call) only between long stretches of pure user-mode work, or
 * most ticks would find the spinner in the kernel and ITIMER_VIRTUAL,
 * which counts user ticks only, would hardly move (it failed so under
 * lock_debug on -smp 1). */
static void *spin_until(void *arg)
{
	volatile int *count = ((volatile int **)arg)[0];
	int n = (int)(long)((void **)arg)[1];
	long end = clock_ms(CLOCK_MONOTONIC) + 30000;

	while (*count < n && clock_ms(CLOCK_MONOTONIC) < end)
		for (volatile int i = 0; i < 200000 && *count < n; i++)
			;
	return NULL;
}

/* Set in the leader, which then only sleeps in pthread_join: the CPU
 * time that runs them out is another thread's. */
static void test_cpu_itimers(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 100000 } }, now;
	void *prof_arg[] = { (void *)&profs, (void *)1L }, *virt_arg[] = { (void *)&vtalrms, (void *)3L };

	signal(SIGPROF, on_cpu_timer);
	signal(SIGVTALRM, on_cpu_timer);
	check(setitimer(ITIMER_PROF, &it, NULL) == 0 && getitimer(ITIMER_PROF, &now) == 0 &&
	      now.it_value.tv_usec + now.it_value.tv_sec * 1000000 > 0,
	      "setitimer(ITIMER_PROF, 100 ms) and getitimer sees it");
	run_thread(spin_until, prof_arg);
	check(profs == 1, "ITIMER_PROF runs out on another thread's CPU time: one SIGPROF");
	it.it_interval.tv_usec = 50000;
	check(setitimer(ITIMER_VIRTUAL, &it, NULL) == 0, "setitimer(ITIMER_VIRTUAL, every 50 ms)");
	run_thread(spin_until, virt_arg);
	check(vtalrms >= 3, "ITIMER_VIRTUAL fires again and again on another thread's user time");
	memset(&it, 0, sizeof(it));
	check(setitimer(ITIMER_VIRTUAL, &it, &now) == 0 && now.it_interval.tv_usec == 50000 &&
	      getitimer(ITIMER_VIRTUAL, &now) == 0 && !now.it_value.tv_sec && !now.it_value.tv_usec,
	      "setitimer cancels ITIMER_VIRTUAL, returning its interval");
}

/* ---- CPU times, faults, switches ---- */

static long thread_cpu_ms;

static void *spin_thread(void *arg)
{
	long start = clock_ms(CLOCK_THREAD_CPUTIME_ID);

	(void)arg;
	spin_ms(CLOCK_THREAD_CPUTIME_ID, SPIN_MS);
	thread_cpu_ms = clock_ms(CLOCK_THREAD_CPUTIME_ID) - start;
	return NULL;
}

static long rusage_ms(int who)
{
	struct rusage ru;

	if (getrusage(who, &ru))
		return -1;
	return ru.ru_utime.tv_sec * 1000L + ru.ru_utime.tv_usec / 1000 +
	       ru.ru_stime.tv_sec * 1000L + ru.ru_stime.tv_usec / 1000;
}

static long times_ticks(int children)
{
	struct tms t;

	times(&t);
	return children ? (long)(t.tms_cutime + t.tms_cstime) : (long)(t.tms_utime + t.tms_stime);
}

/* Field n (1-based) of a /proc stat file; -1 if unreadable. */
static long stat_field(const char *path, int n)
{
	char buf[1024], *p;
	FILE *f = fopen(path, "r");
	size_t len;

	if (!f)
		return -1;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	p = strrchr(buf, ')');          /* past the name, which may hold spaces */
	if (!p)
		return -1;
	for (int i = 2; i < n && p; i++)
		p = strchr(p + 1, ' ');
	return p ? atol(p + 1) : -1;
}

static long self_stat(int n)
{
	return stat_field("/proc/self/stat", n);
}

static long task_stat(int n)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", gettid());
	return stat_field(path, n);
}

static void test_cpu_times(void)
{
	long self = rusage_ms(RUSAGE_SELF), mine = rusage_ms(RUSAGE_THREAD);
	long tms = times_ticks(0), pclock = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	long tclock = clock_ms(CLOCK_THREAD_CPUTIME_ID);
	long st = self_stat(14) + self_stat(15), tst = task_stat(14) + task_stat(15);
	long hz = sysconf(_SC_CLK_TCK);

	run_thread(spin_thread, NULL);
	printf("a thread's %d ms spin: its clock %ld ms, the process's rusage %ld ms\n", SPIN_MS,
	       thread_cpu_ms, rusage_ms(RUSAGE_SELF) - self);
	check(thread_cpu_ms >= 200, "CLOCK_THREAD_CPUTIME_ID counts the spinning thread's time");
	check(rusage_ms(RUSAGE_SELF) - self >= 200, "getrusage(RUSAGE_SELF) counts a joined thread's time");
	check(rusage_ms(RUSAGE_THREAD) - mine < 100, "getrusage(RUSAGE_THREAD) is the caller's alone");
	check(times_ticks(0) - tms >= 2 * hz / 10, "times() counts a joined thread's time");
	check(clock_ms(CLOCK_PROCESS_CPUTIME_ID) - pclock >= 200,
	      "CLOCK_PROCESS_CPUTIME_ID counts a joined thread's time");
	check(clock_ms(CLOCK_THREAD_CPUTIME_ID) - tclock < 100,
	      "CLOCK_THREAD_CPUTIME_ID is the caller's alone");
	check(self_stat(14) + self_stat(15) - st >= 2 * hz / 10,
	      "/proc/self/stat utime+stime count a joined thread's time");
	check(task_stat(14) + task_stat(15) - tst < hz / 10,
	      "/proc/self/task/TID/stat utime+stime are the thread's alone");
}

static void *touch_and_nap(void *arg)
{
	char *p = mmap(NULL, TOUCH_PAGES * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	if (p == MAP_FAILED)
		return NULL;
	for (int i = 0; i < TOUCH_PAGES; i++)
		p[i * 4096] = 1;
	munmap(p, TOUCH_PAGES * 4096);
	for (int i = 0; i < NAPS; i++)
		nap_ms(2);
	return NULL;
}

static void test_faults_and_switches(void)
{
	struct rusage self, mine, after;
	long minflt = self_stat(10);

	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_THREAD, &mine);
	run_thread(touch_and_nap, NULL);
	getrusage(RUSAGE_SELF, &after);
	check(after.ru_minflt - self.ru_minflt >= TOUCH_PAGES,
	      "getrusage(RUSAGE_SELF) counts a joined thread's page faults");
	check(after.ru_nvcsw - self.ru_nvcsw >= NAPS,
	      "getrusage(RUSAGE_SELF) counts a joined thread's voluntary switches");
	check(self_stat(10) - minflt >= TOUCH_PAGES, "/proc/self/stat minflt counts them too");
	getrusage(RUSAGE_THREAD, &after);
	check(after.ru_minflt - mine.ru_minflt < TOUCH_PAGES / 2,
	      "getrusage(RUSAGE_THREAD) faults are the caller's alone");
}

/* A child whose work is all in a thread and a grandchild it reaps. */
static void busy_child(void)
{
	pid_t g = fork();

	if (g == 0) {
		spin_ms(CLOCK_PROCESS_CPUTIME_ID, SPIN_MS / 2);
		_exit(0);
	}
	run_thread(spin_thread, NULL);
	run_thread(touch_and_nap, NULL);
	waitpid(g, NULL, 0);
	_exit(0);
}

static void test_children(void)
{
	struct rusage ru, before, after;
	long ctms = times_ticks(1), cst = self_stat(16) + self_stat(17), cmin = self_stat(11);
	long hz = sysconf(_SC_CLK_TCK);
	pid_t pid;

	getrusage(RUSAGE_CHILDREN, &before);
	pid = fork();
	if (pid == 0)
		busy_child();
	check(wait4(pid, NULL, 0, &ru) == pid, "wait4 reaps the busy child");
	getrusage(RUSAGE_CHILDREN, &after);
	long ms = ru.ru_utime.tv_sec * 1000L + ru.ru_utime.tv_usec / 1000 +
		  ru.ru_stime.tv_sec * 1000L + ru.ru_stime.tv_usec / 1000;
	printf("the child's thread spun %d ms, its grandchild %d ms: wait4 says %ld ms\n",
	       SPIN_MS, SPIN_MS / 2, ms);
	check(ms >= 300, "wait4's rusage: the child's threads and its reaped child");
	check(ru.ru_minflt >= TOUCH_PAGES && ru.ru_nvcsw >= NAPS,
	      "wait4's rusage: its threads' faults and voluntary switches");
	check(after.ru_utime.tv_sec * 1000L + after.ru_utime.tv_usec / 1000 +
	      after.ru_stime.tv_sec * 1000L + after.ru_stime.tv_usec / 1000 -
	      (before.ru_utime.tv_sec * 1000L + before.ru_utime.tv_usec / 1000 +
	       before.ru_stime.tv_sec * 1000L + before.ru_stime.tv_usec / 1000) >= 300,
	      "getrusage(RUSAGE_CHILDREN) has the child's whole time");
	check(after.ru_minflt - before.ru_minflt >= TOUCH_PAGES &&
	      after.ru_nvcsw - before.ru_nvcsw >= NAPS,
	      "getrusage(RUSAGE_CHILDREN) has its faults and switches");
	check(times_ticks(1) - ctms >= 3 * hz / 10, "times()' cutime+cstime have it");
	check(self_stat(16) + self_stat(17) - cst >= 3 * hz / 10,
	      "/proc/self/stat cutime+cstime have it");
	check(self_stat(11) - cmin >= TOUCH_PAGES, "/proc/self/stat cminflt has its faults");
}

/* ---- VmPeak ---- */

static long status_kb(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			v = atol(line + strlen(key));
	fclose(f);
	return v;
}

static void test_vm_peak(void)
{
	size_t len = 16 << 20;
	void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED && munmap(p, len) == 0, "mmap and munmap 16 MiB");
	long peak = status_kb("VmPeak:"), size = status_kb("VmSize:");

	printf("VmPeak %ld kB, VmSize %ld kB\n", peak, size);
	check(peak >= size + 16 * 1024, "VmPeak keeps the 16 MiB after munmap");
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	if (argc == 2 && !strcmp(argv[1], alarm_arg))
		return exec_alarm_child();
	self_path = argv[0][0] == '/' ? argv[0] : "/bin/accttest";
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	test_timer_belongs_to_process();
	test_alarm_to_the_group();
	test_setitimer_interval();
	test_exec_keeps_timer();
	test_cpu_itimers();
	test_cpu_times();
	test_faults_and_switches();
	test_children();
	test_vm_peak();
	printf("accttest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
