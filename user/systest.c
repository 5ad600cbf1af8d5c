/*
 * user/systest.c - the small system calls from user space: clocks across
 * a nanosleep, getrandom, uname, ids, CPU affinity (pinning itself to each
 * CPU in turn), sysinfo; then powers the machine off with
 * reboot(RB_POWER_OFF) the way an init does.  One line per check.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	failures += !ok;
}

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
	check(uname(&u) == 0 && !strcmp(u.machine, "i686") && strstr(u.release, "tessera"),
	      "uname");
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

int main(void)
{
	clocks();
	identity_and_random();
	affinity();
	memory();
	printf("systest: %s\n", failures ? "FAILED" : "all ok");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	return 1;                       /* not reached */
}
