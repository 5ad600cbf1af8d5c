/*
 * kernel/debug/bench.c - running the benchmarks chosen with bench=.
 *
 * Data: bench_filter (the bench= value); the "kbench" section.
 * Locking: benchmarks run one at a time on the boot CPU.
 */
#include "kernel/debug/bench.h"
#include "kernel/arch/power.h"
#include "kernel/debug/ktest.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/string.h"

static char bench_filter[128];

static int set_bench(char *val)
{
	if (!val || !*val)
		return -1;
	strlcpy(bench_filter, val, sizeof(bench_filter));
	return 0;
}
__setup("bench", set_bench);

int bench_requested(void)
{
	return bench_filter[0] != '\0';
}

void bench_report(const char *name, unsigned long long value, const char *unit)
{
	printk("BENCH %s %llu %s\n", name, value, unit);
}

void bench_report_per_op(const char *name, u64 cycles, unsigned long ops)
{
	char label[96];
	size_t len = strlcpy(label, name, sizeof(label));

	if (!ops)
		return;
	strlcpy(label + len, "_cycles", sizeof(label) - len);
	bench_report(label, cycles / ops, "cycles");
	strlcpy(label + len, "_ns", sizeof(label) - len);
	bench_report(label, cycles_to_ns(cycles) / ops, "ns");
}

void bench_main(void)
{
	int n = 0;

	printk("bench: TSC %u kHz\n", tsc_khz);
	for (const struct kbench *b = __start_kbench; b < __stop_kbench; b++) {
		if (!ktest_suite_selected(b->suite, bench_filter))
			continue;
		printk("bench: %s.%s - %s\n", b->suite, b->name, b->what);
		b->fn();
		n++;
	}
	printk("bench: %d benchmarks run\n", n);
	qemu_exit(0);
	machine_power_off();
}
