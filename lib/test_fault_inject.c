/*
 * lib/test_fault_inject.c - tests of lib/fault-inject.c: off by default,
 * probability, times, interval and space as Linux defines them, seeded
 * decisions that repeat, the boot-option parser and the per-field writes
 * behind /proc/sys/debug.  Run on the host (make hosttest) and in the
 * kernel (ktest=should_fail).
 *
 * No shared state: each test has its own struct fault_attr.
 */
#include "kernel/debug/ktest.h"
#include "lib/errno.h"
#include "lib/fault-inject.h"

static int failures_in(struct fault_attr *attr, int calls, size_t size)
{
	int n = 0;

	for (int i = 0; i < calls; i++)
		n += should_fail(attr, size);
	return n;
}

KTEST(should_fail, off_until_a_probability_is_set)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;

	KEXPECT_EQ(failures_in(&attr, 1000, 1), 0);
	fault_attr_set(&attr, 100, 1, -1, 0);
	KEXPECT_EQ(failures_in(&attr, 1000, 1), 1000);
	KEXPECT_EQ(attr.nr_failures, 1000);
	fault_attr_set(&attr, 0, 1, -1, 0);
	KEXPECT_EQ(failures_in(&attr, 1000, 1), 0);
}

KTEST(should_fail, times_limits_the_failures)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;

	attr.probability = 100;                 /* Linux's default times: one */
	KEXPECT_EQ(failures_in(&attr, 10, 1), 1);
	fault_attr_set(&attr, 100, 1, 3, 0);
	KEXPECT_EQ(failures_in(&attr, 10, 1), 3);
	KEXPECT_EQ(attr.times, 0);
	KEXPECT_EQ(attr.nr_failures, 4);
}

KTEST(should_fail, interval_makes_every_nth_call_a_candidate)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;
	int failed[12];

	fault_attr_set(&attr, 100, 4, -1, 0);
	for (int i = 0; i < 12; i++)
		failed[i] = should_fail(&attr, 1);
	for (int i = 0; i < 12; i++)
		KEXPECT_EQ(failed[i], (i + 1) % 4 == 0);
}

KTEST(should_fail, space_lets_bytes_through_first)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;

	fault_attr_set(&attr, 100, 1, -1, 1000);
	KEXPECT(!should_fail(&attr, 300));      /* 700 left */
	KEXPECT(!should_fail(&attr, 300));      /* 400 */
	KEXPECT(!should_fail(&attr, 300));      /* 100 */
	KEXPECT_EQ(attr.space, 100);
	KEXPECT(should_fail(&attr, 300));       /* more than is left: a candidate */
	KEXPECT(!should_fail(&attr, 60));       /* smaller: still let through, 40 */
	KEXPECT(should_fail(&attr, 40));
}

KTEST(should_fail, seeded_probability_repeats)
{
	struct fault_attr a = FAULT_ATTR_INITIALIZER, b = FAULT_ATTR_INITIALIZER;
	int same = 1, differ = 0, n;

	fault_attr_set(&a, 30, 1, -1, 0);
	fault_attr_set(&b, 30, 1, -1, 0);
	fault_attr_seed(&a, 12345);
	fault_attr_seed(&b, 12345);
	for (int i = 0; i < 2000; i++)
		same &= should_fail(&a, 1) == should_fail(&b, 1);
	KEXPECT(same);
	fault_attr_seed(&a, 12345);
	fault_attr_seed(&b, 54321);
	for (int i = 0; i < 2000; i++)
		differ |= should_fail(&a, 1) != should_fail(&b, 1);
	KEXPECT(differ);
	fault_attr_seed(&a, 777);
	n = failures_in(&a, 10000, 1);
	KEXPECT(n > 2500 && n < 3500);          /* about 30% */
	fault_attr_set(&a, 1, 1, -1, 0);
	n = failures_in(&a, 10000, 1);
	KEXPECT(n > 40 && n < 200);             /* about 1% */
}

KTEST(should_fail, boot_option_format)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;

	KEXPECT_EQ(setup_fault_attr(&attr, "1,10,0,-1"), 0);
	KEXPECT_EQ(attr.interval, 1);
	KEXPECT_EQ(attr.probability, 10);
	KEXPECT_EQ(attr.space, 0);
	KEXPECT_EQ(attr.times, -1);
	KEXPECT_EQ(setup_fault_attr(&attr, "100,50,4096,20"), 0);
	KEXPECT(attr.interval == 100 && attr.probability == 50 && attr.space == 4096 &&
		attr.times == 20);
	KEXPECT_EQ(setup_fault_attr(&attr, "1,101,0,-1"), -EINVAL);   /* percent */
	KEXPECT_EQ(setup_fault_attr(&attr, "1,10,0"), -EINVAL);       /* all four */
	KEXPECT_EQ(setup_fault_attr(&attr, "1,10,0,-2"), -EINVAL);
	KEXPECT_EQ(setup_fault_attr(&attr, "1,10,0,5x"), -EINVAL);
	KEXPECT_EQ(setup_fault_attr(&attr, ""), -EINVAL);
	KEXPECT_EQ(setup_fault_attr(&attr, NULL), -EINVAL);
	KEXPECT(attr.interval == 100 && attr.probability == 50);       /* unchanged */
	KEXPECT_EQ(setup_fault_attr(&attr, "0,5,0,1"), 0);
	KEXPECT_EQ(attr.interval, 1);                                 /* 0 means 1 */
}

KTEST(should_fail, fields_by_name_and_save_restore)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;
	struct fault_attr_params saved;
	long v = 0;

	KEXPECT_EQ(fault_attr_write(&attr, "probability", "25\n"), 0);
	KEXPECT_EQ(fault_attr_write(&attr, "times", "-1"), 0);
	KEXPECT_EQ(fault_attr_write(&attr, "interval", "3"), 0);
	KEXPECT_EQ(fault_attr_write(&attr, "space", "8192\n"), 0);
	KEXPECT_EQ(fault_attr_read(&attr, "probability", &v), 0);
	KEXPECT_EQ(v, 25);
	KEXPECT_EQ(fault_attr_read(&attr, "times", &v), 0);
	KEXPECT_EQ(v, -1);
	KEXPECT_EQ(fault_attr_read(&attr, "space", &v), 0);
	KEXPECT_EQ(v, 8192);
	KEXPECT_EQ(fault_attr_write(&attr, "probability", "101"), -EINVAL);
	KEXPECT_EQ(fault_attr_write(&attr, "times", "-2"), -EINVAL);
	KEXPECT_EQ(fault_attr_write(&attr, "space", "ten"), -EINVAL);
	KEXPECT_EQ(fault_attr_write(&attr, "probability", "5 "), -EINVAL);
	KEXPECT_EQ(fault_attr_write(&attr, "verbose", "1"), -ENOENT);
	KEXPECT_EQ(fault_attr_read(&attr, "verbose", &v), -ENOENT);
	KEXPECT_EQ(attr.probability, 25);
	fault_attr_save(&attr, &saved);
	fault_attr_set(&attr, 100, 1, 2, 0);
	KEXPECT_EQ(failures_in(&attr, 5, 1), 2);
	fault_attr_restore(&attr, &saved);
	KEXPECT(attr.probability == 25 && attr.interval == 3 && attr.times == -1 &&
		attr.space == 8192);
}
