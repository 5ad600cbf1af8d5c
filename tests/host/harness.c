/*
 * tests/host/harness.c - runs the lib/ ktests on the build machine.
 *
 * lib/test_lib.c registers its tests with KTEST() in the "ktests" section
 * exactly as in the kernel; GNU ld provides __start_ktests/__stop_ktests
 * here too.  This file supplies ktest_fail() and a main() that prints the
 * kernel runner's TAP lines ("ok N suite.name", "not ok N suite.name #
 * file:line message"), then "host: N passed, N failed".  Exit status 0 iff
 * nothing failed.  Usage: libtest [suite,suite...]
 *
 * Data structures: cur_failed/cur_msg, the running test's first failure.
 * Only libc headers and kernel/ktest.h (which includes nothing) are used:
 * lib/'s headers would clash with libc's declarations.  vsnprintf below
 * resolves to lib/vsprintf.c's definition, which interposes libc's.
 *
 * Locking: none; single-threaded.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/ktest.h"

static int cur_failed;
static char cur_msg[256];

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list args;
	int n;

	if (cur_failed)
		return;
	cur_failed = 1;
	n = snprintf(cur_msg, sizeof(cur_msg), "%s:%d ", file, line);
	if (n < 0 || (size_t)n >= sizeof(cur_msg))
		return;
	va_start(args, fmt);
	vsnprintf(cur_msg + n, sizeof(cur_msg) - n, fmt, args);
	va_end(args);
}

/* filter is NULL (every suite) or a comma-separated list of suite names. */
static int selected(const char *suite, const char *filter)
{
	size_t len = strlen(suite);
	const char *p = filter;

	if (!filter)
		return 1;
	for (; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, suite, len) && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int n = 0, passed = 0, failed = 0;

	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		n += selected(t->suite, filter);
	printf("1..%d\n", n);
	n = 0;
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!selected(t->suite, filter))
			continue;
		cur_failed = 0;
		t->fn();
		n++;
		if (cur_failed) {
			printf("not ok %d %s.%s # %s\n", n, t->suite, t->name, cur_msg);
			failed++;
		} else {
			printf("ok %d %s.%s\n", n, t->suite, t->name);
			passed++;
		}
	}
	if (!n)
		printf("host: no tests match '%s'\n", filter ? filter : "all");
	printf("host: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
