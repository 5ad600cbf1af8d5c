/*
 * kernel/test_timer.c - ktests of the timer wheel (kernel/timer.c) and
 * of the timeout conversions (kernel/time.c).
 *
 * The wheel is driven two ways: through the real per-CPU bases and the
 * tick (expiries far apart must not hide one another), and through a
 * base of the test's own with a clock of its own, stepped across the
 * wrap of a 32-bit jiffies count - so every cascade from every level
 * is exercised in a fraction of a second, and each timer can be
 * checked to fire at exactly the run that first reaches its expiry.
 * Data: the state of the running test only.  Locking: the simulated
 * base is run with interrupts off, like the tick runs the real ones.
 */
#include "kernel/arch/x86.h"
#include "kernel/debug/ktest.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "lib/random.h"
#include "mm/slab.h"

struct far_probe {
	struct timer_list timer;
	struct completion done;
};

static void far_probe_fn(unsigned long data)
{
	complete(&((struct far_probe *)data)->done);
}

static void far_probe_add(struct far_probe *p, unsigned long expires)
{
	setup_timer(&p->timer, far_probe_fn, (unsigned long)p);
	init_completion(&p->done);
	mod_timer(&p->timer, expires);
}

/* A list sorted with time_before() put the expiry 0x80000010 ahead
 * (which time_after() reads as passed) behind a far one, so it waited
 * 248 days; in the wheel both depend only on their distance.  The far
 * one is MAX_JIFFY_OFFSET ahead, the farthest any caller asks for: one
 * 0x7ffffff0 ahead, as this test had it, reads as passed to the wheel
 * itself once the base's clock lags jiffies by 16 ticks (a loaded
 * -smp 8 run), as it would in Linux's. */
KTEST(timer, far_expiry_does_not_hide_a_due_one)
{
	struct far_probe far, due, near;
	unsigned long now = jiffies;

	far_probe_add(&far, now + MAX_JIFFY_OFFSET);
	far_probe_add(&due, now + 0x80000010UL);
	far_probe_add(&near, now + 2);
	KEXPECT(wait_for_completion_timeout(&due.done, HZ) > 0);
	KEXPECT(wait_for_completion_timeout(&near.done, HZ) > 0);
	KEXPECT(timer_pending(&far.timer));
	del_timer_sync(&far.timer);
	del_timer_sync(&due.timer);
	del_timer_sync(&near.timer);
}

/* Random expiries over the whole 32-bit range, on the real bases: every
 * one that time_after() reads as due by now fires within a second,
 * none of those still 2 s or more ahead does. */
#define NR_RANDOM_PROBES 64

KTEST(timer, random_expiries_fire_when_due)
{
	static struct far_probe probes[NR_RANDOM_PROBES];
	u32 rng = ktest_random_seed();
	unsigned long start = jiffies;

	for (int i = 0; i < NR_RANDOM_PROBES; i++) {
		/* A quarter near (within 50 ticks), the rest anywhere. */
		unsigned long off = i % 4 ? prandom_next(&rng) : prandom_below(&rng, 50);

		far_probe_add(&probes[i], start + off);
	}
	msleep(1000);
	for (int i = 0; i < NR_RANDOM_PROBES; i++) {
		struct far_probe *p = &probes[i];
		bool fired = !timer_pending(&p->timer) && p->done.done;

		if (time_after_eq(jiffies - 10, p->timer.expires))
			KEXPECT(fired);
		else if (time_after(p->timer.expires, jiffies + 2 * HZ))
			KEXPECT(!fired);
		del_timer_sync(&p->timer);
	}
}

/* ---- A private wheel, stepped by hand across the wrap ---- */

#define NR_SIM 400
/* Jiffies simulated: every level of tv2..tv4 cascades within it, and
 * the wrap to 0 in its middle cascades every level at once, tv5 too. */
#define SIM_SPAN (1UL << 22)

struct sim_timer {
	struct timer_list timer;
	unsigned long fired_at;         /* the `now` of the run that fired it */
	unsigned long prev_at;          /* and of the run before that one */
	int fired;
};

static struct {
	unsigned long now, prev_now;    /* this run's clock, the last run's */
	unsigned long last_expires;     /* ordering within and across runs */
	bool ordered;
} sim;

static void sim_fn(unsigned long data)
{
	struct sim_timer *t = (struct sim_timer *)data;

	t->fired++;
	t->fired_at = sim.now;
	t->prev_at = sim.prev_now;
	if (time_before(t->timer.expires, sim.last_expires))
		sim.ordered = false;
	sim.last_expires = t->timer.expires;
}

static void sim_run(struct tvec_base *base, unsigned long now)
{
	unsigned long flags = local_irq_save();

	sim.prev_now = sim.now;
	sim.now = now;
	__run_timers(base, now);
	local_irq_restore(flags);
}

/* An expiry: mostly within the simulated span, some a level or two up,
 * a few beyond it (up to MAX_JIFFY_OFFSET) that must not fire. */
static unsigned long sim_offset(u32 *rng, int i)
{
	switch (i % 8) {
	case 0: return prandom_below(rng, 256);
	case 1: return prandom_below(rng, 1 << 14);
	case 2: return SIM_SPAN + prandom_below(rng, (u32)MAX_JIFFY_OFFSET - SIM_SPAN);
	case 3: return (unsigned long)MAX_JIFFY_OFFSET;
	default: return prandom_below(rng, SIM_SPAN);
	}
}

KTEST(timer, wheel_fires_each_at_its_jiffy_across_the_wrap)
{
	struct tvec_base *base = kmalloc(tvec_base_size(), GFP_KERNEL);
	struct sim_timer *t = kmalloc(NR_SIM * sizeof(*t), GFP_KERNEL);
	u32 rng = ktest_random_seed();
	unsigned long start = ~0UL - SIM_SPAN / 2, now = start;

	KEXPECT(base && t);
	if (!base || !t)
		goto out;
	init_tvec_base(base, start);
	sim.now = sim.prev_now = start - 1;
	sim.last_expires = start;
	sim.ordered = true;
	for (int i = 0; i < NR_SIM; i++) {
		setup_timer(&t[i].timer, sim_fn, (unsigned long)&t[i]);
		t[i].fired = 0;
		__mod_timer(&t[i].timer, start + sim_offset(&rng, i), base);
	}
	/* Steps of 1 to 64 jiffies, so some runs catch up several slots. */
	while (time_before(now, start + SIM_SPAN)) {
		sim_run(base, now);
		now += 1 + prandom_below(&rng, 64);
	}
	KEXPECT(sim.ordered);
	for (int i = 0; i < NR_SIM; i++) {
		unsigned long e = t[i].timer.expires;

		if (time_after(e, sim.now)) {
			KEXPECT_EQ(t[i].fired, 0);
			KEXPECT(timer_pending(&t[i].timer));
			continue;
		}
		KEXPECT_EQ(t[i].fired, 1);
		/* Fired by the first run whose clock reached it. */
		KEXPECT(time_after_eq(t[i].fired_at, e));
		KEXPECT(time_before(t[i].prev_at, e));
	}
out:
	kfree(t);
	kfree(base);
}

/* A timer added for a jiffy already passed runs at the next run; one
 * re-armed from its own handler lands in the wheel again. */
static void sim_rearm_fn(unsigned long data)
{
	struct sim_timer *t = (struct sim_timer *)data;

	t->fired++;
	if (t->fired < 3)
		__mod_timer(&t->timer, sim.now + 300, t->timer.base);
}

KTEST(timer, wheel_runs_passed_and_rearmed_timers)
{
	struct tvec_base *base = kmalloc(tvec_base_size(), GFP_KERNEL);
	struct sim_timer passed, rearm;
	unsigned long start = 0xfffffff0UL;

	KEXPECT(base != NULL);
	if (!base)
		return;
	init_tvec_base(base, start);
	setup_timer(&passed.timer, sim_fn, (unsigned long)&passed);
	setup_timer(&rearm.timer, sim_rearm_fn, (unsigned long)&rearm);
	passed.fired = rearm.fired = 0;
	sim.last_expires = start - 1000;
	__mod_timer(&passed.timer, start - 1000, base);
	__mod_timer(&rearm.timer, start + 5, base);
	sim_run(base, start);
	KEXPECT_EQ(passed.fired, 1);
	for (unsigned long now = start + 1; now != start + 1000; now++)
		sim_run(base, now);
	KEXPECT_EQ(rearm.fired, 3);
	KEXPECT(!timer_pending(&rearm.timer));
	kfree(base);
}

KTEST(time, timeouts_clamp_at_max_jiffy_offset)
{
	KEXPECT_EQ(msecs_to_jiffies(0), 0);
	KEXPECT_EQ(msecs_to_jiffies(1), 1);             /* rounded up */
	KEXPECT_EQ(msecs_to_jiffies(1000), HZ);
	KEXPECT_EQ(msecs_to_jiffies(0x7fffffffu), 0x7fffffffull * HZ / 1000 + 1);  /* 24.8 days */
	KEXPECT_EQ(msecs_to_jiffies(0xffffffffu), MAX_JIFFY_OFFSET);
	KEXPECT_EQ(timespec_to_jiffies(0, 1), 1);
	KEXPECT_EQ(timespec_to_jiffies(2, 500000000), 2 * HZ + HZ / 2);
	KEXPECT_EQ(timespec_to_jiffies(0xffffffffLL, 0), MAX_JIFFY_OFFSET);
	KEXPECT_EQ(timespec_to_jiffies(KTIME_SEC_MAX + 1, 0), MAX_JIFFY_OFFSET);
	KEXPECT_EQ(nsecs_to_jiffies(~0ULL), MAX_JIFFY_OFFSET);
	KEXPECT_EQ(timespec_to_ns(KTIME_SEC_MAX, 0), KTIME_MAX);
	KEXPECT(time_after(jiffies + (unsigned long)MAX_JIFFY_OFFSET, jiffies));
}

/* The boot calibration against fresh ones: within 1%.  Timed by the end
 * of a window alone, a calibration on a loaded host read 11% fast once,
 * and 19% in a CI run even as the shortest of three windows. */
KTEST(time, tsc_calibration_agrees_with_the_pit)
{
	for (int i = 0; i < 3; i++) {
		u32 khz = tsc_khz_measure();

		if (khz > tsc_khz + tsc_khz / 100 || khz < tsc_khz - tsc_khz / 100)
			ktest_fail(__FILE__, __LINE__, "boot calibrated %u kHz, now %u kHz", tsc_khz,
				   khz);
	}
}
