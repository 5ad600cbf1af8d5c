/*
 * mm/fault_inject.c - what fail_page_alloc (mm/page_alloc.c) and failslab
 * (mm/slab.c) share: the seed, arming the boot options, the report of an
 * injected failure, and the /proc/sys/debug files.
 *
 * The seed: fault_inject_seed=N, or else one drawn from the TSC when the
 * kernel starts.  Each attr restarts its pseudo-random sequence from it
 * whenever injection is switched on from the boot options or from /proc
 * (probability going from 0 to more), and the log says so in the ktests'
 * style: "# seed N (rerun with fault_inject_seed=N)".  On one CPU the same
 * seed and the same work fail the same requests; on several, CPUs draw
 * from one sequence in whatever order they come.
 *
 * Data: fault_seed, the two attrs (defined beside their hooks).
 * Locking: the attrs are lock-free; reports use a per-attr ratelimit.
 */
#include "mm/fault_inject.h"
#include "kernel/arch/x86.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mmzone.h"

static u32 fault_seed;
static bool fault_seed_given;

static int set_fault_inject_seed(char *val)
{
	unsigned long seed;

	if (!val || kstrtoul(val, 0, &seed))
		return -1;
	fault_seed = (u32)seed;
	fault_seed_given = true;
	return 0;
}
__setup("fault_inject_seed", set_fault_inject_seed);

/* Each attr its own sequence from the one seed. */
static u32 attr_seed(const struct fail_alloc_attr *fa)
{
	return fa == &failslab ? fault_seed ^ 0x5bd1e995u : fault_seed;
}

/* Injection has been switched on for fa (its sequence restarted from
 * the seed first): say so, and how to repeat it. */
static void announce(struct fail_alloc_attr *fa, const struct fault_attr_params *p)
{
	printk(KERN_INFO "fault_inject: %s on: interval %lu, probability %lu, space %ld, times %ld\n",
	       fa->name, p->interval, p->probability, p->space, p->times);
	printk("# seed %u (rerun with fault_inject_seed=%u)\n", fault_seed, fault_seed);
}

int fail_alloc_boot_option(struct fail_alloc_attr *fa, const char *val)
{
	struct fault_attr parsed = FAULT_ATTR_INITIALIZER;

	if (setup_fault_attr(&parsed, val))
		return -1;
	fault_attr_save(&parsed, &fa->boot);
	fa->boot_set = true;
	return 0;
}

void fault_inject_init(void)
{
	struct fail_alloc_attr *attrs[] = { &fail_page_alloc, &failslab };

	if (!fault_seed_given)
		fault_seed = (u32)rdtsc() | 1;
	for (unsigned int i = 0; i < ARRAY_SIZE(attrs); i++) {
		struct fail_alloc_attr *fa = attrs[i];

		if (!fa->boot_set)
			continue;
		fault_attr_seed(&fa->attr, attr_seed(fa));
		fault_attr_restore(&fa->attr, &fa->boot);
		if (fa->boot.probability)
			announce(fa, &fa->boot);
	}
}

/* Linux's task filter: only a task that asked, and never an interrupt
 * (it would hit whichever task it interrupted). */
static bool fail_task(const struct fail_alloc_attr *fa)
{
	return !fa->task_filter || (!in_interrupt() && current && current->make_it_fail);
}

bool fail_alloc_should_fail(struct fail_alloc_attr *fa, size_t size, bool nowarn)
{
	if (!fail_task(fa) || !should_fail(&fa->attr, size))
		return false;
	if (!nowarn && fa->verbose && __ratelimit(&fa->rs)) {
		printk(KERN_NOTICE "FAULT_INJECTION: forcing a failure.\n"
		       "name %s, interval %lu, probability %lu, space %ld, times %ld\n",
		       fa->name, fa->attr.interval, fa->attr.probability, fa->attr.space,
		       fa->attr.times);
		if (fa->verbose > 1)
			dump_stack();
	}
	return true;
}

void fail_nth_alloc(struct fail_alloc_attr *fa, unsigned long nth)
{
	fault_attr_set(&fa->attr, 0, 1, 1, 0);
	fa->task_filter = nth != 0;
	current->make_it_fail = nth != 0;
	if (nth) {
		fault_attr_seed(&fa->attr, attr_seed(fa));      /* the count from 0 */
		fault_attr_set(&fa->attr, 100, nth, 1, 0);
	}
}

/* A yes/no knob: 0/1 or Linux's Y/N. */
static int parse_bool(const char *text, bool *val)
{
	long v;

	if ((text[0] == 'Y' || text[0] == 'y' || text[0] == 'N' || text[0] == 'n') &&
	    (!text[1] || (text[1] == '\n' && !text[2]))) {
		*val = text[0] == 'Y' || text[0] == 'y';
		return 0;
	}
	if (fault_parse_long(text, &v) || (v != 0 && v != 1))
		return -EINVAL;
	*val = v;
	return 0;
}

int fault_inject_proc_read(struct fail_alloc_attr *fa, const char *name, long *val)
{
	if (!fa) {
		if (strcmp(name, "fault_inject_seed"))
			return -ENOENT;
		*val = (long)fault_seed;        /* shown as unsigned by proc */
		return 0;
	}
	if (!strcmp(name, "verbose"))
		*val = (long)fa->verbose;
	else if (!strcmp(name, "ignore-gfp-wait"))
		*val = fa->ignore_gfp_wait;
	else if (!strcmp(name, "task-filter"))
		*val = fa->task_filter;
	else if (fa == &fail_page_alloc && !strcmp(name, "ignore-gfp-highmem"))
		*val = fa->ignore_gfp_highmem;
	else if (fa == &fail_page_alloc && !strcmp(name, "min-order"))
		*val = (long)fa->min_order;
	else
		return fault_attr_read(&fa->attr, name, val);
	return 0;
}

int fault_inject_proc_write(struct fail_alloc_attr *fa, const char *name, const char *text)
{
	bool was_off;
	long v;
	int err;

	if (!fa) {
		if (strcmp(name, "fault_inject_seed"))
			return -ENOENT;
		char num[16];
		unsigned long seed;
		size_t len = strlen(text);

		if (len && text[len - 1] == '\n')
			len--;
		if (!len || len >= sizeof(num))
			return -EINVAL;
		memcpy(num, text, len);
		num[len] = '\0';
		if (kstrtoul(num, 10, &seed))
			return -EINVAL;
		fault_seed = (u32)seed;
		fault_attr_seed(&fail_page_alloc.attr, attr_seed(&fail_page_alloc));
		fault_attr_seed(&failslab.attr, attr_seed(&failslab));
		return 0;
	}
	if (!strcmp(name, "verbose")) {
		if (fault_parse_long(text, &v) || v < 0 || v > 2)
			return -EINVAL;
		fa->verbose = (unsigned long)v;
		return 0;
	}
	if (!strcmp(name, "ignore-gfp-wait"))
		return parse_bool(text, &fa->ignore_gfp_wait);
	if (!strcmp(name, "task-filter"))
		return parse_bool(text, &fa->task_filter);
	if (fa == &fail_page_alloc && !strcmp(name, "ignore-gfp-highmem"))
		return parse_bool(text, &fa->ignore_gfp_highmem);
	if (fa == &fail_page_alloc && !strcmp(name, "min-order")) {
		if (fault_parse_long(text, &v) || v < 0 || v >= MAX_ORDER)
			return -EINVAL;
		fa->min_order = (unsigned long)v;
		return 0;
	}
	was_off = !fa->attr.probability;
	if (was_off && !strcmp(name, "probability"))
		fault_attr_seed(&fa->attr, attr_seed(fa));
	err = fault_attr_write(&fa->attr, name, text);
	if (!err && was_off && fa->attr.probability) {
		struct fault_attr_params p;

		fault_attr_save(&fa->attr, &p);
		announce(fa, &p);
	}
	return err;
}
