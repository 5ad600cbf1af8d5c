/*
 * user/timetest.c - timers and clocks from user space: far alarms must
 * not hide a short sleep, huge timeouts (alarm, poll, nanosleep,
 * clock_nanosleep, old and time64) are long waits that a signal ends
 * rather than no wait at all, and the wall clock starts from the RTC
 * and ticks (time, gettimeofday, CLOCK_REALTIME, /proc/stat's btime).
 * One line per check; timings are printed, never judged beyond "it
 * ended" and "it did not return at once".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define Y2000 946684800LL               /* 2000-01-01 in seconds since the epoch */

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static double mono_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Children that each arm a far alarm and wait: their timers sit in the
 * same per-CPU timer lists as the parent's sleeps. */
static void far_alarm_children(pid_t *kids, int n)
{
	/* secs * HZ of the middle two straddle 2^31 jiffies: a list sorted with
	 * time_before() put the second behind the first. */
	static const unsigned int far[] = { 0xffffffffu, 21474836, 21474837, 100000 };

	for (int i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			alarm(far[i % 4]);
			pause();
			_exit(0);
		}
	}
}

static void far_alarm_does_not_hide_a_sleep(void)
{
	struct timespec ten_ms = { 0, 10 * 1000 * 1000 };
	pid_t kids[4];
	double start, took;

	far_alarm_children(kids, 4);
	alarm(1000000);
	start = mono_now();
	for (int i = 0; i < 5; i++)
		nanosleep(&ten_ms, NULL);
	took = mono_now() - start;
	printf("five 10 ms sleeps behind far alarms took %.3f s\n", took);
	check(took < 1000, "10 ms sleeps return with far alarms pending");
	unsigned int left = alarm(0);

	printf("alarm(1000000) had %u s left\n", left);
	check(left > 999000 && left <= 1000000, "the far alarm is still pending, not fired");
	for (int i = 0; i < 4; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
}

static void huge_alarm_does_not_fire_at_once(void)
{
	struct timespec fifty_ms = { 0, 50 * 1000 * 1000 };

	alarms = 0;
	alarm(0xffffffffu);
	nanosleep(&fifty_ms, NULL);
	unsigned int left = alarm(0);

	printf("alarm(0xffffffff) had %u s left\n", left);
	check(alarms == 0, "alarm(0xffffffff) does not fire at once");
	check(left == 2147483647, "alarm(0) reports 2^31 - 1 s left (a 32-bit Linux clamps there)");
}

/* Run `call` with a 1 s alarm to end it; it must fail with EINTR. */
static void interrupted_by_alarm(long (*call)(void), const char *what)
{
	double start = mono_now();
	long ret;

	alarms = 0;
	alarm(1);
	ret = call();
	int err = errno;

	alarm(0);
	printf("%s returned %ld (%s) after %.3f s\n", what, ret, ret < 0 ? strerror(err) : "-",
	       mono_now() - start);
	char msg[128];

	snprintf(msg, sizeof(msg), "%s waits until a signal ends it (EINTR)", what);
	check(ret == -1 && err == EINTR && alarms == 1, msg);
}

static long poll_forever_ms(void)
{
	return poll(NULL, 0, 0x7fffffff);
}

static long nanosleep_huge(void)
{
	struct { int32_t sec, nsec; } t = { 0x7fffffff, 0 };

	return syscall(SYS_nanosleep, &t, NULL);
}

static long clock_nanosleep32_huge(void)
{
	struct { int32_t sec, nsec; } t = { 0x7fffffff, 999999999 };

	return syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &t, NULL);
}

static long clock_nanosleep64_huge(void)
{
	struct { int64_t sec, nsec; } t = { INT64_MAX, 0 };

	return syscall(SYS_clock_nanosleep_time64, CLOCK_REALTIME, 0, &t, NULL);
}

static long long btime(void)
{
	char line[256];
	long long b = -1;
	FILE *f = fopen("/proc/stat", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &b) == 1)
			break;
	if (f)
		fclose(f);
	return b;
}

static void wall_clock(void)
{
	struct timespec a, b, nap = { 1, 100 * 1000 * 1000 };
	struct timeval tv;
	time_t t0 = time(NULL);
	long long boot = btime();

	clock_gettime(CLOCK_REALTIME, &a);
	nanosleep(&nap, NULL);
	clock_gettime(CLOCK_REALTIME, &b);
	gettimeofday(&tv, NULL);
	time_t t1 = time(NULL);
	struct tm tm;

	gmtime_r(&t1, &tm);
	printf("wall clock %lld -> %lld across 1.1 s, year %d, btime %lld\n", (long long)a.tv_sec,
	       (long long)b.tv_sec, tm.tm_year + 1900, boot);
	check(a.tv_sec > Y2000 && tm.tm_year + 1900 != 1970, "the wall clock starts from the RTC");
	check(b.tv_sec - a.tv_sec >= 1, "CLOCK_REALTIME ticks across a sleep");
	check(t1 > t0, "time() ticks across a sleep");
	check(tv.tv_sec >= b.tv_sec && tv.tv_sec <= b.tv_sec + 1, "gettimeofday agrees");
	check(boot > Y2000 && boot <= t1, "/proc/stat btime is the boot time");
	check(clock_getres(CLOCK_REALTIME, &a) == 0, "clock_getres");
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;               /* no SA_RESTART: calls fail EINTR */
	sigaction(SIGALRM, &sa, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);

	far_alarm_does_not_hide_a_sleep();
	huge_alarm_does_not_fire_at_once();
	interrupted_by_alarm(poll_forever_ms, "poll(NULL, 0, 0x7fffffff)");
	interrupted_by_alarm(nanosleep_huge, "nanosleep(0x7fffffff s)");
	interrupted_by_alarm(clock_nanosleep32_huge, "clock_nanosleep(0x7fffffff s)");
	interrupted_by_alarm(clock_nanosleep64_huge, "clock_nanosleep_time64(INT64_MAX s)");
	wall_clock();
	printf("timetest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
