/*
 * tests/host/harness.c - runs the lib/ ktests on the build machine.
 *
 * lib/test_*.c register their tests with KTEST() in the "ktests" section
 * exactly as in the kernel; GNU ld provides __start_ktests/__stop_ktests
 * here too, and kernel/debug/ktest_run.c (linked in) is the same runner the
 * kernel uses, printing with libc's printf instead of printk.
 * Usage: libtest [all|suite,suite...]; exit status 0 iff nothing failed.
 *
 * Only libc headers and kernel/debug/ktest.h (which includes nothing) are used
 * here: lib/'s headers would clash with libc's declarations.
 * Locking: none; single-threaded.
 */
#include <stdio.h>

#include "kernel/debug/ktest.h"

/* Host tests are plain functions: the timeout of `make hosttest` is enough. */
void ktest_watchdog(const struct ktest *t, int n)
{
	(void)t;
	(void)n;
}

int main(int argc, char **argv)
{
	return ktest_run(argc > 1 ? argv[1] : "all", printf) ? 1 : 0;
}
