/*
 * kernel/debug/ktest.h - the in-kernel test framework's interface.
 *
 * A test is a function registered with KTEST(suite, name); the macro puts a
 * struct ktest into the "ktests" linker section, so the runner finds every
 * test without a list to maintain.  Tests check with the KEXPECT_* macros,
 * which record the first failure (file:line and a message) and carry on.
 *
 * The same header builds on the host (HOST_TEST): GNU ld provides
 * __start_ktests/__stop_ktests there, and kernel/debug/ktest_run.c links into
 * the host harness too, so lib/ tests run unchanged in both places.
 *
 * Locking: tests run one at a time on the boot CPU; no locks.
 */
#ifndef KERNEL_DEBUG_KTEST_H
#define KERNEL_DEBUG_KTEST_H

#include <stdbool.h>

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(void);
};

#define KTEST(suite, name)                                                   \
	static void ktest_##suite##_##name(void);                            \
	static const struct ktest __ktest_##suite##_##name                   \
		__attribute__((used, section("ktests"),                      \
			       aligned(sizeof(void *)))) = {                 \
			#suite, #name, ktest_##suite##_##name };             \
	static void ktest_##suite##_##name(void)

extern const struct ktest __start_ktests[], __stop_ktests[];

/* Record a failure of the running test; only the first message is kept. */
void ktest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define KEXPECT(cond)                                                        \
	do {                                                                 \
		if (!(cond))                                                 \
			ktest_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define KEXPECT_EQ(a, b)                                                     \
	do {                                                                 \
		long long _a = (long long)(a), _b = (long long)(b);          \
		if (_a != _b)                                                \
			ktest_fail(__FILE__, __LINE__,                       \
				   "%s: expected %lld, got %lld", #a, _b, _a); \
	} while (0)

#define KEXPECT_STREQ(a, b)                                                  \
	do {                                                                 \
		const char *_a = (a), *_b = (b);                             \
		if (!_a || strcmp(_a, _b) != 0)                              \
			ktest_fail(__FILE__, __LINE__,                       \
				   "%s: expected \"%s\", got \"%s\"", #a, _b,   \
				   _a ? _a : "(null)");                       \
	} while (0)

/* End the running test as skipped, with the reason (TAP "# SKIP"); a
 * skipped test is not counted as passed.  The test returns after this. */
void ktest_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called by the runner as test t (number n) starts, and with NULL when it
 * ends: the kernel arms a watchdog that reports a hung test. */
void ktest_watchdog(const struct ktest *t, int n);

/* Is suite named in filter ("all", or a comma-separated list)?  Suites
 * named fault_* misbehave on purpose (to test the reports) and run only
 * when named. */
bool ktest_suite_selected(const char *suite, const char *filter);

typedef int (*ktest_print_t)(const char *fmt, ...);

/* Run the tests of the suites in filter ("all" or "a,b") printing TAP lines
 * with print; returns the number that failed. */
int ktest_run(const char *filter, ktest_print_t print);

#ifndef HOST_TEST
/* Was ktest= given?  Then start_kernel calls ktest_main(), which runs the
 * chosen tests and ends the machine with their status. */
int ktest_requested(void);
void ktest_main(void) __attribute__((noreturn));
/* A seed for a randomised test, printed as "# seed N": the ktest_seed=
 * parameter if given (to rerun a failure), else fresh from the TSC. */
unsigned int ktest_random_seed(void);
/* The tick's check of the hung-test deadline. */
void ktest_watchdog_check(void);
#endif

#endif
