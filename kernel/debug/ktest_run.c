/*
 * kernel/debug/ktest_run.c - the part of the test framework that is the same in
 * the kernel and on the host: recording failures and running the selected
 * tests with TAP output.  The caller passes its print function (printk in
 * the kernel, printf on the host), so one runner serves both.
 *
 * Data: the running test's state (cur_failed or cur_skipped, cur_msg).
 * Locking: tests run one at a time, but a test's helper threads may fail
 * it concurrently: the first to set cur_failed (atomically) writes cur_msg.
 */
#include "kernel/debug/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static int cur_failed;
static bool cur_skipped;
static char cur_msg[256];

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list args;
	size_t n;

	if (__sync_lock_test_and_set(&cur_failed, 1))
		return;
	n = scnprintf(cur_msg, sizeof(cur_msg), "%s:%d ", file, line);
	va_start(args, fmt);
	vscnprintf(cur_msg + n, sizeof(cur_msg) - n, fmt, args);
	va_end(args);
}

void ktest_skip(const char *fmt, ...)
{
	va_list args;

	cur_skipped = true;
	va_start(args, fmt);
	vscnprintf(cur_msg, sizeof(cur_msg), fmt, args);
	va_end(args);
}

/* filter is "all" or a comma-separated list of suite names. */
bool ktest_suite_selected(const char *suite, const char *filter)
{
	size_t len = strlen(suite);

	if (!strcmp(filter, "all"))
		return strncmp(suite, "fault_", 6) != 0;
	for (const char *p = filter; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, suite, len) && (p[len] == ',' || p[len] == '\0'))
			return true;
	}
	return false;
}

int ktest_run(const char *filter, ktest_print_t print)
{
	int n = 0, passed = 0, failed = 0, skipped = 0;

	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		n += ktest_suite_selected(t->suite, filter);
	print("1..%d\n", n);
	n = 0;
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!ktest_suite_selected(t->suite, filter))
			continue;
		cur_failed = 0;
		cur_skipped = false;
		ktest_watchdog(t, n + 1);
		t->fn();
		ktest_watchdog(NULL, 0);
		n++;
		if (cur_failed) {
			print("not ok %d %s.%s # %s\n", n, t->suite, t->name, cur_msg);
			failed++;
		} else if (cur_skipped) {
			print("ok %d %s.%s # SKIP %s\n", n, t->suite, t->name, cur_msg);
			skipped++;
		} else {
			print("ok %d %s.%s\n", n, t->suite, t->name);
			passed++;
		}
	}
	if (!n)
		print("ktest: no tests match '%s'\n", filter);
	if (skipped)
		print("ktest: %d skipped (not counted as passed)\n", skipped);
	print("ktest: %d passed, %d failed\n", passed, failed);
	return failed;
}
