/*
 * lib/fault-inject.c - should_fail() and its parameters; see
 * lib/fault-inject.h for the rules.  Freestanding: built into the kernel
 * and, for lib/test_fault_inject.c, for the host.
 *
 * Data: the caller's struct fault_attr.
 * Locking: should_fail() changes space, count, times, nr_failures and the
 * random state with atomic operations only, so any CPU may call it in any
 * context (an interrupt handler allocating included).
 */
#include "lib/fault-inject.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "lib/string.h"

/* The next number of the attr's sequence: one step of xorshift32 taken
 * atomically, so two CPUs asking at once get two different numbers. */
static u32 fault_random(struct fault_attr *attr)
{
	u32 old = __atomic_load_n(&attr->rnd, __ATOMIC_RELAXED), next;

	do {
		next = old;
		prandom_next(&next);
	} while (!__atomic_compare_exchange_n(&attr->rnd, &old, next, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return next;
}

/* [0, 100): as prandom_below, from the attr's sequence. */
static unsigned long fault_percent(struct fault_attr *attr)
{
	return (unsigned long)(((u64)fault_random(attr) * 100) >> 32);
}

/* Take one failure from times unless it is 0 (or -1: unlimited). */
static bool take_one_time(struct fault_attr *attr)
{
	long t = __atomic_load_n(&attr->times, __ATOMIC_RELAXED);

	do {
		if (t == -1)
			return true;
		if (t <= 0)
			return false;
	} while (!__atomic_compare_exchange_n(&attr->times, &t, t - 1, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return true;
}

bool should_fail(struct fault_attr *attr, size_t size)
{
	long space;

	if (!__atomic_load_n(&attr->probability, __ATOMIC_RELAXED) ||
	    !__atomic_load_n(&attr->times, __ATOMIC_RELAXED))
		return false;
	space = __atomic_load_n(&attr->space, __ATOMIC_RELAXED);
	if (space > 0 && (size_t)space > size) {
		__atomic_sub_fetch(&attr->space, (long)size, __ATOMIC_RELAXED);
		return false;
	}
	if (attr->interval > 1 &&
	    __atomic_add_fetch(&attr->count, 1, __ATOMIC_RELAXED) % attr->interval)
		return false;
	if (attr->probability <= fault_percent(attr))
		return false;
	if (!take_one_time(attr))
		return false;
	__atomic_add_fetch(&attr->nr_failures, 1, __ATOMIC_RELAXED);
	return true;
}

/* An unsigned decimal number at *s; moves *s past it.  false if none. */
static bool parse_ulong(const char **s, unsigned long *val)
{
	unsigned long v = 0;
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned long next = v * 10 + (unsigned long)(*p - '0');

		if (next / 10 != v)
			return false;           /* overflow */
		v = next;
	}
	*s = p;
	*val = v;
	return true;
}

static bool parse_long(const char **s, long *val)
{
	bool neg = **s == '-';
	unsigned long v;

	if (neg)
		(*s)++;
	if (!parse_ulong(s, &v) || v > (unsigned long)__LONG_MAX__)
		return false;
	*val = neg ? -(long)v : (long)v;
	return true;
}

int fault_parse_long(const char *text, long *val)
{
	const char *p = text;

	if (!parse_long(&p, val))
		return -EINVAL;
	if (*p == '\n')
		p++;
	return *p ? -EINVAL : 0;
}

static bool params_valid(unsigned long probability, long times, long space)
{
	return probability <= 100 && times >= -1 && space >= 0;
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	unsigned long interval, probability;
	long space, times;
	const char *p = str;

	if (!str || !parse_ulong(&p, &interval) || *p++ != ',' ||
	    !parse_ulong(&p, &probability) || *p++ != ',' || !parse_long(&p, &space) ||
	    *p++ != ',' || !parse_long(&p, &times) || *p ||
	    !params_valid(probability, times, space))
		return -EINVAL;
	fault_attr_set(attr, probability, interval, times, space);
	return 0;
}

void fault_attr_set(struct fault_attr *attr, unsigned long probability,
		    unsigned long interval, long times, long space)
{
	/* Probability last: the others are in place when it switches on. */
	__atomic_store_n(&attr->probability, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->interval, interval ? interval : 1, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->times, times, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->space, space, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->probability, probability, __ATOMIC_RELEASE);
}

void fault_attr_seed(struct fault_attr *attr, u32 seed)
{
	__atomic_store_n(&attr->rnd, seed ? seed : 1, __ATOMIC_RELAXED);
	__atomic_store_n(&attr->count, 0, __ATOMIC_RELAXED);
}

void fault_attr_save(const struct fault_attr *attr, struct fault_attr_params *saved)
{
	saved->probability = attr->probability;
	saved->interval = attr->interval;
	saved->times = attr->times;
	saved->space = attr->space;
}

void fault_attr_restore(struct fault_attr *attr, const struct fault_attr_params *saved)
{
	fault_attr_set(attr, saved->probability, saved->interval, saved->times, saved->space);
}

int fault_attr_read(const struct fault_attr *attr, const char *name, long *val)
{
	if (!strcmp(name, "probability"))
		*val = (long)attr->probability;
	else if (!strcmp(name, "interval"))
		*val = (long)attr->interval;
	else if (!strcmp(name, "times"))
		*val = attr->times;
	else if (!strcmp(name, "space"))
		*val = attr->space;
	else
		return -ENOENT;
	return 0;
}

int fault_attr_write(struct fault_attr *attr, const char *name, const char *text)
{
	long v;

	if (strcmp(name, "probability") && strcmp(name, "interval") && strcmp(name, "times") &&
	    strcmp(name, "space"))
		return -ENOENT;
	if (fault_parse_long(text, &v))
		return -EINVAL;
	/* One field at a time: the others stay as they are meanwhile. */
	if (!strcmp(name, "probability")) {
		if (v < 0 || v > 100)
			return -EINVAL;
		__atomic_store_n(&attr->probability, (unsigned long)v, __ATOMIC_RELEASE);
	} else if (!strcmp(name, "interval")) {
		if (v < 0)
			return -EINVAL;
		__atomic_store_n(&attr->interval, v ? (unsigned long)v : 1, __ATOMIC_RELAXED);
	} else if (!strcmp(name, "times")) {
		if (v < -1)
			return -EINVAL;
		__atomic_store_n(&attr->times, v, __ATOMIC_RELAXED);
	} else {
		if (v < 0)
			return -EINVAL;
		__atomic_store_n(&attr->space, v, __ATOMIC_RELAXED);
	}
	return 0;
}
