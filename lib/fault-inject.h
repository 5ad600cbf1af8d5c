/*
 * lib/fault-inject.h - deciding when to make an operation fail on purpose
 * (Linux's fault-injection framework, under its names), so that the error
 * paths of the code that calls an allocator get exercised in tests.
 *
 * A struct fault_attr says how often to fail.  should_fail(attr, size),
 * asked once per operation, answers true when this one should fail:
 *
 *   - never while times is 0 (times counts the failures still to inject;
 *     -1 means no limit), nor while probability is 0;
 *   - while space is larger than size, the operation passes and space
 *     shrinks by size (a budget of bytes to let through first);
 *   - with interval > 1 only every interval-th call is a candidate;
 *   - a candidate fails with the given probability, in percent, drawn
 *     from the attr's own seeded pseudo-random sequence (lib/random.h), so
 *     the same seed gives the same decisions for the same calls.
 *
 * setup_fault_attr() reads Linux's boot-option format,
 * "<interval>,<probability>,<space>,<times>" (all four are needed).
 * fault_attr_set() switches injection on for a section of code and
 * fault_attr_save()/fault_attr_restore() put back what was there before.
 *
 * Freestanding (no printk): the kernel's wrappers (mm/fault_inject.c)
 * report the failures and own the boot options and /proc files.
 * Locking: none needed; every field that should_fail() changes is
 * updated with atomic operations, so CPUs may ask at once.  Setting the
 * parameters while others ask is allowed: each field is one word.
 */
#ifndef LIB_FAULT_INJECT_H
#define LIB_FAULT_INJECT_H

#include "lib/types.h"

struct fault_attr {
	unsigned long probability;      /* percent of the candidates that fail */
	unsigned long interval;         /* every interval-th call is a candidate */
	long times;                     /* failures left to inject, -1: no limit */
	long space;                     /* bytes let through before failing */
	/* State. */
	unsigned long count;            /* calls seen by the interval check */
	unsigned long nr_failures;      /* failures injected */
	u32 rnd;                        /* the pseudo-random sequence's state */
};

/* Off (probability 0); once switched on, one failure unless times says
 * otherwise - Linux's defaults. */
#define FAULT_ATTR_INITIALIZER { .interval = 1, .times = 1 }

/* The parameters alone, to save and restore around a section. */
struct fault_attr_params {
	unsigned long probability, interval;
	long times, space;
};

bool should_fail(struct fault_attr *attr, size_t size);

/* Parse "<interval>,<probability>,<space>,<times>" into attr; 0, or
 * -EINVAL (attr unchanged) for anything else or probability > 100. */
int setup_fault_attr(struct fault_attr *attr, const char *str);

/* New parameters (probability in percent, 0 switches injection off). */
void fault_attr_set(struct fault_attr *attr, unsigned long probability,
		    unsigned long interval, long times, long space);
/* Restart the decisions from seed (the interval count too). */
void fault_attr_seed(struct fault_attr *attr, u32 seed);
void fault_attr_save(const struct fault_attr *attr, struct fault_attr_params *saved);
void fault_attr_restore(struct fault_attr *attr, const struct fault_attr_params *saved);

/* The parameters by their /proc file names ("probability", "interval",
 * "times", "space"): read one, or set it from text (a decimal number, a
 * trailing newline allowed).  -ENOENT for another name, -EINVAL for a
 * bad value (probability > 100, times < -1, space < 0). */
int fault_attr_read(const struct fault_attr *attr, const char *name, long *val);
int fault_attr_write(struct fault_attr *attr, const char *name, const char *text);

/* A decimal number, optionally negative, with an optional trailing
 * newline (what `echo N > file` writes); 0 or -EINVAL. */
int fault_parse_long(const char *text, long *val);

#endif
