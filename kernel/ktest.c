/*
 * kernel/ktest.c - running the in-kernel tests (see kernel/ktest.h).
 *
 * Data: the "ktests" section of struct ktest; the running test's failure
 * state (cur_failed, cur_msg); ktest_filter, set by the ktest= parameter.
 * Output is TAP: a "1..N" plan, then "ok N suite.name" or
 * "not ok N suite.name # file:line message" per test, then the summary line
 * "ktest: N passed, N failed" that the host runner reads.
 * Locking: tests run one at a time on the boot CPU.
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static bool cur_failed;
static char cur_msg[256];
static char ktest_filter[128];

static int set_ktest(char *val)
{
	if (!val || !*val)
		return -1;
	strlcpy(ktest_filter, val, sizeof(ktest_filter));
	return 0;
}
__setup("ktest", set_ktest);

int ktest_requested(void)
{
	return ktest_filter[0] != '\0';
}

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list args;
	size_t n;

	if (cur_failed)
		return;
	cur_failed = true;
	n = scnprintf(cur_msg, sizeof(cur_msg), "%s:%d ", file, line);
	va_start(args, fmt);
	vscnprintf(cur_msg + n, sizeof(cur_msg) - n, fmt, args);
	va_end(args);
}

/* filter is "all" or a comma-separated list of suite names. */
static bool suite_selected(const char *suite, const char *filter)
{
	size_t len = strlen(suite);

	if (!strcmp(filter, "all"))
		return true;
	for (const char *p = filter; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, suite, len) && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

int ktest_run(const char *filter)
{
	int n = 0, passed = 0, failed = 0;

	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		n += suite_selected(t->suite, filter);
	printk("1..%d\n", n);
	n = 0;
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!suite_selected(t->suite, filter))
			continue;
		cur_failed = false;
		t->fn();
		n++;
		if (cur_failed) {
			printk("not ok %d %s.%s # %s\n", n, t->suite, t->name, cur_msg);
			failed++;
		} else {
			printk("ok %d %s.%s\n", n, t->suite, t->name);
			passed++;
		}
	}
	if (!n)
		printk("ktest: no tests match '%s'\n", filter);
	printk("ktest: %d passed, %d failed\n", passed, failed);
	return failed;
}

void ktest_main(void)
{
	int failed = ktest_run(ktest_filter);

	qemu_exit(failed ? 1 : 0);
	machine_power_off();
}
