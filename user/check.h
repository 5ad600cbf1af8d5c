/*
 * user/check.h - the one-line checks of the test programs in user/:
 * check(ok, what) prints "ok WHAT" or "FAIL WHAT" (the tests in tests/
 * look for FAIL lines) and counts the failures, which the program
 * reports and returns as its exit status.
 *
 * Data: failures, this program's count.  Locking: none needed - the
 * count is added to atomically, so threads may check at once; the line
 * is flushed at once, so a program that dies next still shows it.
 * Header-only: every program in user/ is a single file.
 */
#ifndef USER_CHECK_H
#define USER_CHECK_H

#include <stdio.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	fflush(stdout);
	if (!ok)
		__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
}

#endif
