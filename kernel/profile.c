/*
 * kernel/profile.c - the kernel profiler, Linux's `profile` boot option
 * done per function.
 *
 * With `profile` on the command line, every CPU's timer tick (HZ a
 * second each, kernel/time.c:tick) counts where it interrupted: the
 * kernel function holding the interrupted eip, or user mode.  Linux
 * counts eip buckets into /proc/profile and leaves naming them to
 * readprofile(8) with a System.map; Tessera carries its own symbol table
 * (kernel/kallsyms.c), so it counts per function and /proc/profile is
 * text that names them, most ticks first:
 *
 *     ticks      %  function
 *       812  41.3%  clear_page
 *       300  15.2%  [user]
 *       ...
 *      1966 100.0%  total
 *
 * A write to /proc/profile (any number) sets every count back to 0, so a
 * run can be measured alone: `echo 0 > /proc/profile; PROG; cat
 * /proc/profile` (what `make profile` does).  Sampling at the tick is
 * coarse - a function must run for many ticks to be seen - and blind
 * where interrupts are off (a tick that arrives there is counted when
 * they come back on, in the function that turned them on).
 *
 * Data: prof_hits[] (one counter per kallsyms_table entry, allocated at
 * boot only when asked for), prof_user.
 * Locking: none: each count is an atomic increment; a reset racing with
 * ticks loses at most those ticks.
 */
#include "kernel/profile.h"
#include "fs/seq_file.h"
#include "kernel/kallsyms.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "mm/slab.h"

static bool prof_on;
static unsigned long *prof_hits;
static unsigned long prof_user;

static int set_profile(char *val)
{
	prof_on = !val || *val != '0';
	return 0;
}
__setup("profile", set_profile);

int profile_enable(void)
{
	unsigned long *hits;

	if (prof_hits)
		return 0;
	hits = kzalloc(kallsyms_num * sizeof(*hits), GFP_KERNEL);
	if (!hits) {
		pr_err("profile: no memory for %u counters: profiling off\n", kallsyms_num);
		return -ENOMEM;
	}
	/* Published whole: a tick on another CPU sees NULL or zeroed counters. */
	__atomic_store_n(&prof_hits, hits, __ATOMIC_RELEASE);
	pr_info("profile: counting timer ticks in %u kernel functions\n", kallsyms_num);
	return 0;
}

void profile_init(void)
{
	if (prof_on)
		profile_enable();
}

void profile_tick(const struct pt_regs *regs)
{
	unsigned long *hits = __atomic_load_n(&prof_hits, __ATOMIC_ACQUIRE);
	int i;

	if (!hits)
		return;
	if (user_mode(regs)) {
		__atomic_add_fetch(&prof_user, 1, __ATOMIC_RELAXED);
		return;
	}
	i = kallsyms_index(regs->eip);
	if (i >= 0)
		__atomic_add_fetch(&hits[i], 1, __ATOMIC_RELAXED);
}

unsigned long profile_hits(unsigned int i)
{
	return prof_hits && i < kallsyms_num ? prof_hits[i] : 0;
}

unsigned long profile_user_hits(void)
{
	return prof_user;
}

int profile_reset(unsigned long val)
{
	(void)val;
	if (!prof_hits)
		return -EINVAL;
	for (unsigned int i = 0; i < kallsyms_num; i++)
		__atomic_store_n(&prof_hits[i], 0, __ATOMIC_RELAXED);
	__atomic_store_n(&prof_user, 0, __ATOMIC_RELAXED);
	return 0;
}

/* "  12.3%" of total, in tenths without floating point. */
static void seq_percent(struct seq_file *m, unsigned long n, unsigned long total)
{
	unsigned long tenths = total ? (n * 1000 + total / 2) / total : 0;

	seq_printf(m, "%4lu.%lu%%", tenths / 10, tenths % 10);
}

static void show_line(struct seq_file *m, unsigned long n, unsigned long total, const char *name)
{
	seq_printf(m, "%8lu ", n);
	seq_percent(m, n, total);
	seq_printf(m, "  %s\n", name);
}

/* The next function to list from the snapshot: the most ticks below the
 * last one listed, or as many at a later index.  Quadratic in the
 * functions with ticks, a few hundred at most, and only when read. */
static int next_biggest(const unsigned long *snap, unsigned long below, int after)
{
	int best = -1;

	for (unsigned int i = 0; i < kallsyms_num; i++) {
		unsigned long n = snap[i];

		if (!n || n > below || (n == below && (int)i <= after))
			continue;
		if (best < 0 || n > snap[best])
			best = (int)i;
	}
	return best;
}

/* The counts go on changing while they are listed: list a copy. */
void profile_show(struct seq_file *m, void *arg)
{
	unsigned long *snap, user = prof_user, total = user;
	bool user_shown = false;
	int i = -1;

	(void)arg;
	if (!prof_hits) {
		seq_printf(m, "profiling is off (boot with `profile`)\n");
		return;
	}
	snap = kmalloc(kallsyms_num * sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return;
	for (unsigned int k = 0; k < kallsyms_num; k++)
		total += snap[k] = __atomic_load_n(&prof_hits[k], __ATOMIC_RELAXED);
	seq_printf(m, "   ticks      %%  function\n");
	while ((i = next_biggest(snap, i < 0 ? ~0UL : snap[i], i)) >= 0) {
		if (!user_shown && user >= snap[i]) {
			show_line(m, user, total, "[user]");
			user_shown = true;
		}
		show_line(m, snap[i], total, kallsyms_table[i].name);
	}
	if (!user_shown)
		show_line(m, user, total, "[user]");
	show_line(m, total, total, "total");
	kfree(snap);
}
