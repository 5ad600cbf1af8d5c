/*
 * kernel/debug/bench.h - in-kernel benchmarks.
 *
 * KBENCH(suite, name, "what") { ... } registers a benchmark in the
 * "kbench" section, the way KTEST does tests; "what" says in one line what
 * it measures and which path it exercises, printed before its figures as
 * "bench: suite.name - what" (make bench shows both).  Booting with bench=all (or
 * bench=suite,...) runs them and ends the machine; `make bench` does that
 * and shows the figures.  A benchmark measures with rdtsc() and reports
 * with bench_report(), which prints one line the runner can read:
 *
 *     BENCH pcp_alloc_free_order0 112 cycles
 *
 * Benchmarks print figures; nothing ever asserts on them.
 */
#ifndef KERNEL_DEBUG_BENCH_H
#define KERNEL_DEBUG_BENCH_H

#include "lib/types.h"

struct kbench {
	const char *suite;
	const char *name;
	const char *what;               /* what it measures, which path */
	void (*fn)(void);
};

#define KBENCH(suite, name, what)                                            \
	static void kbench_##suite##_##name(void);                           \
	static const struct kbench __kbench_##suite##_##name                 \
		__attribute__((used, section("kbench"),                      \
			       aligned(sizeof(void *)))) = {                 \
			#suite, #name, what, kbench_##suite##_##name };      \
	static void kbench_##suite##_##name(void)

extern const struct kbench __start_kbench[], __stop_kbench[];

/* Print "BENCH name value unit". */
void bench_report(const char *name, unsigned long long value, const char *unit);
/* Report cycles and nanoseconds per operation for `ops` operations that
 * took `cycles` TSC cycles: "BENCH <name>_cycles ..." and "<name>_ns". */
void bench_report_per_op(const char *name, u64 cycles, unsigned long ops);

int bench_requested(void);
void bench_main(void) __attribute__((noreturn));

#endif
