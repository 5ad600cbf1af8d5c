/*
 * kernel/ktest.c - the ktest= boot parameter: run the chosen tests
 * (kernel/ktest_run.c) and end the machine with their status.
 *
 * Output is TAP: a "1..N" plan, then "ok N suite.name" or
 * "not ok N suite.name # file:line message" per test, then the summary line
 * "ktest: N passed, N failed" that the host runner reads.
 * Data: ktest_filter, set by the ktest= parameter.
 * Locking: tests run one at a time on the boot CPU.
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "lib/string.h"

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

void ktest_main(void)
{
	int failed = ktest_run(ktest_filter, printk);

	qemu_exit(failed ? 1 : 0);
	machine_power_off();
}
