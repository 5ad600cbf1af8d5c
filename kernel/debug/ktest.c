/*
 * kernel/debug/ktest.c - the ktest= boot parameter: run the chosen tests
 * (kernel/debug/ktest_run.c) and end the machine with their status.
 *
 * Output is TAP: a "1..N" plan, then "ok N suite.name" or
 * "not ok N suite.name # file:line message" per test, then the summary line
 * "ktest: N passed, N failed" that the host runner reads.
 * A test that hangs must not stall the run silently: ktest_watchdog()
 * arms a deadline (ktest_timeout=, seconds) that every CPU's tick checks;
 * the first CPU to see it pass reports the test, has every CPU print its
 * backtrace (by NMI, so a CPU spinning with interrupts off answers too),
 * and ends the machine with a failure.
 *
 * Data: ktest_filter, seed_param, the watchdog's test and deadline.
 * Locking: tests run one at a time in the init thread; the deadline is
 * written by it and read by the ticks; `fired` is claimed atomically.
 */
#include "kernel/debug/ktest.h"
#include "kernel/arch/power.h"
#include "kernel/arch/x86.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/time.h"
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

static unsigned long timeout_s = 60;
static const struct ktest *watched;
static int watched_nr, fired;
static volatile u64 deadline_tsc;

static int set_ktest_timeout(char *val)
{
	return val && !kstrtoul(val, 0, &timeout_s) && timeout_s ? 0 : -1;
}
__setup("ktest_timeout", set_ktest_timeout);

void ktest_watchdog(const struct ktest *t, int n)
{
	deadline_tsc = 0;
	watched = t;
	watched_nr = n;
	if (t)
		deadline_tsc = rdtsc() + (u64)timeout_s * tsc_khz * 1000;
}

/* From every CPU's tick. */
void ktest_watchdog_check(void)
{
	u64 deadline = deadline_tsc;

	if (!deadline || rdtsc() < deadline || __sync_lock_test_and_set(&fired, 1))
		return;
	printk(KERN_EMERG "not ok %d %s.%s # timed out after %lu s: hung?\n", watched_nr,
	       watched->suite, watched->name, timeout_s);
	trigger_all_cpu_backtrace();
	printk("ktest: 0 passed, 1 failed\n");
	qemu_exit(1);
	machine_power_off();
}

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
