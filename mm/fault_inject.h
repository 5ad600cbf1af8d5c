/*
 * mm/fault_inject.h - failing allocations on purpose: fail_page_alloc
 * (alloc_pages) and failslab (kmem_cache_alloc, so kmalloc too), Linux's
 * two allocator fault injectors, built on lib/fault-inject.h.
 *
 * Each is a struct fault_attr plus filters saying which requests may be
 * failed, and a rate-limited report.  They are switched on
 *   - at boot: fail_page_alloc=<interval>,<probability>,<space>,<times>
 *     and failslab=<same>, armed when the kernel starts init (or the
 *     ktests), so boot itself is never failed; fault_inject_seed=N
 *     repeats an earlier run's decisions;
 *   - from user space: /proc/sys/debug/fail_page_alloc/ and
 *     /proc/sys/debug/failslab/ (Linux has them in debugfs), and
 *     /proc/sys/debug/fault_inject_seed; with task-filter set to 1, only
 *     processes that wrote 1 to /proc/PID/make-it-fail are failed;
 *   - from kernel code for a section: fault_attr_set(&failslab.attr, ...),
 *     then fault_attr_restore() (or fault_attr_set(..., 0, ...)); with
 *     task_filter set, only tasks whose make_it_fail is set are failed
 *     and counted (Linux's task-filter), so a ktest can fail exactly the
 *     nth allocation of the code it drives: fail_nth_alloc().
 * See docs/physical-memory.md, "Fault injection".
 *
 * Locking: the attrs are lock-free (lib/fault-inject.c); the filters are
 * single words, read without a lock.
 */
#ifndef MM_FAULT_INJECT_H
#define MM_FAULT_INJECT_H

#include "kernel/printk.h"
#include "lib/fault-inject.h"
#include "mm/gfp.h"

struct fail_alloc_attr {
	struct fault_attr attr;
	const char *name;               /* "fail_page_alloc" or "failslab" */
	bool task_filter;               /* only fail tasks with make_it_fail set */
	bool ignore_gfp_wait;           /* never fail a request that may sleep */
	bool ignore_gfp_highmem;        /* fail_page_alloc: nor a __GFP_HIGHMEM one */
	unsigned long min_order;        /* fail_page_alloc: only orders >= this */
	unsigned long verbose;          /* 0 silent, 1 a line, 2 a line and a stack */
	struct ratelimit_state rs;      /* for the reports */
	/* The boot option, applied by fault_inject_init(). */
	struct fault_attr_params boot;
	bool boot_set;
};

extern struct fail_alloc_attr fail_page_alloc, failslab;

/* The attr's verdict on one request of size bytes, reported (rate-
 * limited) when it fails unless nowarn.  Filters are the caller's. */
bool fail_alloc_should_fail(struct fail_alloc_attr *fa, size_t size, bool nowarn);

/* Fail exactly the nth allocation the current task makes through fa
 * from now on (task filter on, interval n, probability 100, once); nth 0
 * switches fa off again and clears the filter.  For tests. */
void fail_nth_alloc(struct fail_alloc_attr *fa, unsigned long nth);

/* A boot option's value for fa: 0, or -1 when it does not parse. */
int fail_alloc_boot_option(struct fail_alloc_attr *fa, const char *val);

/* From kernel_init, before init or the ktests start: arm the boot
 * options, printing the seed. */
void fault_inject_init(void);

/* The /proc/sys/debug files: fa NULL names fault_inject_seed, else a
 * file of fa's directory by name.  0, -ENOENT or -EINVAL. */
int fault_inject_proc_read(struct fail_alloc_attr *fa, const char *name, long *val);
int fault_inject_proc_write(struct fail_alloc_attr *fa, const char *name, const char *text);

#endif
