/*
 * user/systest.c - the small system calls from user space: clocks across
 * a nanosleep, getrandom, uname, ids, CPU affinity (pinning itself to each
 * CPU in turn), sysinfo; then powers the machine off with
 * reboot(RB_POWER_OFF) the way an init does.  Also: process groups and
 * sessions, resource limits and usage, times(), alarm() ending a pause(),
 * and a system call Tessera lacks (ENOSYS).  One line per check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long long ns_of(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void clocks(void)
{
	struct timespec a, b, nap = { 0, 20 * 1000 * 1000 };

	clock_gettime(CLOCK_MONOTONIC, &a);
	check(nanosleep(&nap, NULL) == 0, "nanosleep 20 ms");
	clock_gettime(CLOCK_MONOTONIC, &b);
	check(ns_of(&b) - ns_of(&a) >= 20 * 1000 * 1000, "the clock moved on at least 20 ms");
	check(time(NULL) >= 0, "time()");
}

static void identity_and_random(void)
{
	unsigned char r[32] = { 0 }, zero[32] = { 0 };
	struct utsname u;

	check(getrandom(r, sizeof(r), 0) == sizeof(r) && memcmp(r, zero, sizeof(r)), "getrandom");
	/* glibc reads the release as a version: it starts with digits. */
	check(uname(&u) == 0 && !strcmp(u.sysname, "Linux") && !strcmp(u.machine, "i686") &&
	      u.release[0] >= '1' && u.release[0] <= '9', "uname");
	check(getuid() == 0 && geteuid() == 0 && getgid() == 0, "root");
}

static void affinity(void)
{
	cpu_set_t all, one;
	int ncpu, moved = 1;

	CPU_ZERO(&all);
	check(sched_getaffinity(0, sizeof(all), &all) == 0, "sched_getaffinity");
	ncpu = CPU_COUNT(&all);
	for (int cpu = 0; cpu < 32; cpu++) {
		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		moved &= sched_setaffinity(0, sizeof(one), &one) == 0;
		CPU_ZERO(&one);
		moved &= sched_getaffinity(0, sizeof(one), &one) == 0 && CPU_ISSET(cpu, &one) &&
			 CPU_COUNT(&one) == 1;
		sched_yield();
	}
	check(moved, "pinned to each CPU in turn");
	printf("cpus: %d\n", ncpu);
}

static void memory(void)
{
	struct sysinfo si;

	check(sysinfo(&si) == 0 && si.totalram > si.freeram && si.freeram > 0 && si.procs >= 1,
	      "sysinfo");
}

static void groups(void)
{
	pid_t me = getpid();

	check(getpgrp() == getpgid(0), "getpgrp is getpgid(0)");
	check(setpgid(0, 0) == 0 && getpgrp() == me, "setpgid(0, 0) makes our own group");
	check(setsid() == -1 && errno == EPERM, "a group leader may not setsid");
	check(getsid(0) == 0, "getsid: still the kernel's session 0");
	check(kill(0, 0) == 0, "kill(0, 0) finds our group");
}

static void limits_and_usage(void)
{
	struct rlimit r, stack;
	struct rusage ru;
	struct tms t;
	volatile unsigned long spin = 0;

	check(getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur == 8 << 20, "RLIMIT_STACK 8M");
	check(getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur > 16, "RLIMIT_NPROC set");
	r.rlim_cur = 100;
	check(setrlimit(RLIMIT_NPROC, &r) == 0 && getrlimit(RLIMIT_NPROC, &r) == 0 &&
	      r.rlim_cur == 100, "setrlimit then getrlimit");
	r.rlim_cur = r.rlim_max + 1;
	check(r.rlim_max == RLIM_INFINITY || setrlimit(RLIMIT_NPROC, &r) == -1, "cur > max refused");
	for (unsigned long i = 0; i < 20000000; i++)
		spin += i;
	check(getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_minflt > 0, "getrusage counts faults");
	check(times(&t) > 0 && t.tms_utime + t.tms_stime > 0, "times() charged the spin");
	printf("utime %ld stime %ld ticks\n", (long)t.tms_utime, (long)t.tms_stime);
}

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	alarmed = sig;
}

static void alarm_and_unknown_calls(void)
{
	struct timespec a, b;

	signal(SIGALRM, on_alarm);
	check(alarm(5) == 0 && alarm(1) >= 4, "alarm returns the seconds left");
	clock_gettime(CLOCK_MONOTONIC, &a);
	pause();
	clock_gettime(CLOCK_MONOTONIC, &b);
	check(alarmed == SIGALRM && ns_of(&b) - ns_of(&a) > 500 * 1000 * 1000,
	      "SIGALRM ended pause() about a second later");
	check(syscall(17) == -1 && errno == ENOSYS, "system call 17 is ENOSYS");
	check(syscall(17) == -1 && errno == ENOSYS, "and stays ENOSYS");
}

int main(void)
{
	clocks();
	identity_and_random();
	affinity();
	memory();
	groups();
	limits_and_usage();
	alarm_and_unknown_calls();
	printf("systest: %s\n", failures ? "FAILED" : "all ok");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	return 1;                       /* not reached */
}
