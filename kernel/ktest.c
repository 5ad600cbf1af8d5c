/*
 * kernel/ktest.c - the ktest= boot parameter: run the chosen tests
 * (kernel/ktest_run.c) and end the machine with their status.
 *
 * Output is TAP: a "1..N" plan, then "ok N suite.name" or
 * "not ok N suite.name # file:line message" per test, then the summary line
 * "ktest: N passed, N failed" that the host runner reads.
 * Data: ktest_filter and seed_param, set by ktest= and ktest_seed=.
 * Locking: tests run one at a time on the boot CPU.
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static char ktest_filter[128];

static int set_ktest(char *val)
{
	if (!val || !*val)
		return -1;
	strlcpy(ktest_filter, val, sizeof(ktest_filter));
	return 0;
}
__setup("ktest", set_ktest);

/* ktest_seed=N reruns randomised tests with the seed a failing run printed. */
static unsigned long seed_param;

static int set_ktest_seed(char *val)
{
	return val && !kstrtoul(val, 0, &seed_param) ? 0 : -1;
}
__setup("ktest_seed", set_ktest_seed);

u32 ktest_random_seed(void)
{
	u32 seed = seed_param ? (u32)seed_param : (u32)rdtsc() | 1;

	printk("# seed %u (rerun with ktest_seed=%u)\n", seed, seed);
	return seed;
}

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
