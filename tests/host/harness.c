/*
 * tests/host/harness.c - runs the KTEST()s linked into a host program.
 *
 * The lib/ tests (lib/test_lib.c) are ordinary KTEST functions; on the host
 * GNU ld collects their records into the "ktests" section and provides
 * __start_ktests/__stop_ktests, just as linker.ld does in the kernel.  The
 * output has the kernel's TAP shape and ends "host: N passed, N failed".
 * Usage: libtest [suite,suite...]
 *
 * State: the running test's failure flag and message.  Single-threaded.
 */
#include "kernel/ktest.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int cur_failed;
static char cur_msg[512];

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list args;
	int n;

	if (cur_failed)
		return;
	cur_failed = 1;
	n = snprintf(cur_msg, sizeof(cur_msg), "%s:%d ", file, line);
	va_start(args, fmt);
	vsnprintf(cur_msg + n, sizeof(cur_msg) - (size_t)n, fmt, args);
	va_end(args);
}

static int selected(const char *suite, const char *filter)
{
	size_t len = strlen(suite);

	if (!filter)
		return 1;
	for (const char *p = filter; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, suite, len) && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int n = 0, passed = 0, failed = 0;

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
	printf("host: %d passed, %d failed\n", passed, failed);
	return failed || !n;
}
