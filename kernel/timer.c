/*
 * kernel/timer.c - per-CPU timer wheels and the tick's per-CPU work.
 *
 * Data: per CPU, a tvec_base: its lock, timer_jiffies (the next jiffy
 * whose timers it has not run yet), the timer whose handler runs now
 * (running_timer, which del_timer_sync() waits on), and the wheel, as in
 * Linux: tv1 has 256 slots, one per jiffy of the next 256; tv2..tv5
 * have 64 slots each, a slot of tvN covering 256 * 64^(N-2) jiffies.  A
 * timer goes into the slot its expiry selects, at the finest level whose
 * range (counted from timer_jiffies) holds it; whenever tv1's index wraps
 * to 0 the next slot of tv2 is emptied back into the wheel ("cascaded"),
 * and so on upwards.  Adding and deleting are O(1), the tick does a
 * slot's work, and no expiry can hide another, however far apart they
 * are: the slot chosen depends only on expires - timer_jiffies, taken
 * modulo 2^32 like time_after(), so the wheel orders expiries across the
 * wrap of jiffies.  (A list sorted with time_before() does not: that is
 * not a total order for expiries more than 2^31 apart, and one far timer
 * at the head kept nearer ones from firing.)
 * An expiry already passed, or 2^31 jiffies or more ahead (which
 * time_after() reads as passed), fires at the next tick; callers clamp
 * timeouts at MAX_JIFFY_OFFSET (kernel/time.c:timespec_to_jiffies) so no
 * real timeout gets there.
 * Locking: base->lock with interrupts off; handlers run without it, so
 * they may re-arm their own timer.
 */
#include "kernel/timer.h"
#include "kernel/cputime.h"
#include "kernel/debug/ktest.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/wait.h"

#define TVR_BITS 8
#define TVN_BITS 6
#define TVR_SIZE (1 << TVR_BITS)
#define TVN_SIZE (1 << TVN_BITS)
#define TVR_MASK (TVR_SIZE - 1)
#define TVN_MASK (TVN_SIZE - 1)
#define TVN_LEVELS 4                    /* tv2..tv5: 8 + 4 * 6 = 32 bits */

struct tvec_base {
	spinlock_t lock;
	unsigned long timer_jiffies;
	struct timer_list *running_timer;
	struct list_head tv1[TVR_SIZE];
	struct list_head tvn[TVN_LEVELS][TVN_SIZE];
};

static DEFINE_PER_CPU(struct tvec_base, tvec_bases);

void init_tvec_base(struct tvec_base *base, unsigned long now)
{
	spin_lock_init(&base->lock);
	base->timer_jiffies = now;
	base->running_timer = NULL;
	for (int i = 0; i < TVR_SIZE; i++)
		INIT_LIST_HEAD(&base->tv1[i]);
	for (int l = 0; l < TVN_LEVELS; l++)
		for (int i = 0; i < TVN_SIZE; i++)
			INIT_LIST_HEAD(&base->tvn[l][i]);
}

size_t tvec_base_size(void)
{
	return sizeof(struct tvec_base);
}

void init_timers(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		init_tvec_base(&per_cpu(tvec_bases, cpu), jiffies);
}

void init_timer(struct timer_list *timer)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->base = NULL;
}

void setup_timer(struct timer_list *timer, void (*fn)(unsigned long), unsigned long data)
{
	init_timer(timer);
	timer->function = fn;
	timer->data = data;
}

static struct tvec_base *this_cpu_base(void)
{
	return &__get_cpu_var(tvec_bases);
}

bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

/* The slot of level `level` (0 = tv1) that jiffy j falls in. */
static unsigned int slot_index(unsigned long j, int level)
{
	if (level == 0)
		return j & TVR_MASK;
	return (j >> (TVR_BITS + (level - 1) * TVN_BITS)) & TVN_MASK;
}

/* Put a timer into the slot its expiry selects, relative to the jiffy
 * the base runs next. */
static void internal_add_timer(struct tvec_base *base, struct timer_list *timer)
{
	unsigned long idx = timer->expires - base->timer_jiffies;
	struct list_head *slot;

	lockdep_assert_held(&base->lock);
	if ((long)idx < 0) {                    /* passed: run with the next slot */
		slot = &base->tv1[slot_index(base->timer_jiffies, 0)];
	} else if (idx < TVR_SIZE) {
		slot = &base->tv1[slot_index(timer->expires, 0)];
	} else {
		int level = 1;

		while (level < TVN_LEVELS && idx >= 1UL << (TVR_BITS + level * TVN_BITS))
			level++;
		slot = &base->tvn[level - 1][slot_index(timer->expires, level)];
	}
	list_add_tail(&timer->entry, slot);
}

/* Lock the base a timer belongs to (NULL: it never was queued, and only
 * interrupts are off).  The checker cannot tell the two apart, so NULL
 * counts as holding the lock too and its callers __release() it. */
static struct tvec_base *lock_timer_base(struct timer_list *timer, unsigned long *flags)
	__acquires(base->lock)
{
	for (;;) {
		struct tvec_base *base = timer->base;

		if (!base) {
			*flags = local_irq_save();
			if (!timer->base) {
				__acquire(base->lock);
				return NULL;
			}
			local_irq_restore(*flags);
			continue;
		}
		spin_lock_irqsave(&base->lock, *flags);
		if (base == timer->base)
			return base;
		spin_unlock_irqrestore(&base->lock, *flags);
	}
}

/* Queue (or requeue) on base `new`; returns whether it was pending. */
int __mod_timer(struct timer_list *timer, unsigned long expires, struct tvec_base *new)
{
	struct tvec_base *base;
	unsigned long flags;
	int was_pending = 0;

	base = lock_timer_base(timer, &flags);
	if (base) {
		was_pending = timer_pending(timer);
		list_del_init(&timer->entry);
		if (base != new && base->running_timer != timer) {
			/* Change base; the timer is off every list meanwhile. */
			timer->base = NULL;
			spin_unlock(&base->lock);
			spin_lock(&new->lock);
			base = new;
		}
		/* else the same base, or its handler runs on the old one: stay */
	} else {
		__release(base->lock);
		spin_lock(&new->lock);
		base = new;
	}
	timer->expires = expires;
	timer->base = base;
	internal_add_timer(base, timer);
	spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	__mod_timer(timer, timer->expires, this_cpu_base());
}

void add_timer_on(struct timer_list *timer, int cpu)
{
	BUG_ON(timer_pending(timer));
	__mod_timer(timer, timer->expires, &per_cpu(tvec_bases, cpu));
}

/* Re-arm on the CPU the timer was last queued on (or this one). */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct tvec_base *base = timer->base;

	return __mod_timer(timer, expires, base ? base : this_cpu_base());
}

int del_timer(struct timer_list *timer)
{
	unsigned long flags;
	struct tvec_base *base = lock_timer_base(timer, &flags);
	int was_pending = 0;

	if (!base) {
		local_irq_restore(flags);
		__release(base->lock);
		return 0;
	}
	was_pending = timer_pending(timer);
	list_del_init(&timer->entry);
	spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

/* del_timer, unless the handler runs right now on some CPU: then -1,
 * and the timer is left alone (it may be re-arming itself).  A caller
 * that holds a lock the handler could be waiting behind retries with the
 * lock dropped, rather than spin for the handler with it held. */
int try_to_del_timer_sync(struct timer_list *timer)
{
	unsigned long flags;
	struct tvec_base *base = lock_timer_base(timer, &flags);
	int ret;

	if (!base) {
		local_irq_restore(flags);
		__release(base->lock);
		return 0;
	}
	ret = -1;
	if (base->running_timer != timer) {
		ret = timer_pending(timer);
		list_del_init(&timer->entry);
	}
	spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/* del_timer, then wait until no CPU runs the handler. */
int del_timer_sync(struct timer_list *timer)
{
	for (;;) {
		int ret = try_to_del_timer_sync(timer);

		if (ret >= 0)
			return ret;
		cpu_relax();
	}
}

/* Empty slot `index` of level `level` back into the wheel, where each
 * timer now lands a level lower; returns the index, so the caller goes
 * on to the next level up only when this one has wrapped to 0 too. */
static unsigned int cascade(struct tvec_base *base, int level, unsigned int index)
{
	struct list_head moving;

	lockdep_assert_held(&base->lock);
	INIT_LIST_HEAD(&moving);
	list_splice_init(&base->tvn[level - 1][index], &moving);
	while (!list_empty(&moving)) {
		struct timer_list *t = list_first_entry(&moving, struct timer_list, entry);

		list_del_init(&t->entry);
		internal_add_timer(base, t);
	}
	return index;
}

/* Run every timer of the jiffies from base->timer_jiffies up to `now`.
 * Called with interrupts off. */
void __run_timers(struct tvec_base *base, unsigned long now)
{
	struct list_head work;

	INIT_LIST_HEAD(&work);
	spin_lock(&base->lock);
	while (time_after_eq(now, base->timer_jiffies)) {
		unsigned int index = slot_index(base->timer_jiffies, 0);

		for (int level = 1; level <= TVN_LEVELS && !index; level++)
			index = cascade(base, level, slot_index(base->timer_jiffies, level));
		list_splice_init(&base->tv1[slot_index(base->timer_jiffies, 0)], &work);
		base->timer_jiffies++;
		while (!list_empty(&work)) {
			struct timer_list *t = list_first_entry(&work, struct timer_list, entry);

			list_del_init(&t->entry);
			base->running_timer = t;
			spin_unlock(&base->lock);
			t->function(t->data);
			spin_lock(&base->lock);
			base->running_timer = NULL;
		}
	}
	spin_unlock(&base->lock);
}

void run_local_timers(void)
{
	__run_timers(this_cpu_base(), jiffies);
}

void update_process_times(bool user)
{
	account_process_tick(user);
	run_local_timers();
	scheduler_tick();
	ktest_watchdog_check();
}

/* At least ms of the TSC clock, not just of jiffies: jiffies is moved
 * by the boot CPU's tick, which catches up lost ticks in one go
 * (kernel/time.c:advance_jiffies), so while that CPU's virtual CPU is not
 * scheduled by the host, jiffies lags and a timeout counted in it could
 * end at once when it jumps (ktest timer.msleep_sleeps_at_least_that_long
 * failed so on -smp 4 and 8 under load).  Sleep in jiffies, then again
 * for what the clock says is left - always once at least, as Linux's
 * msleep sleeps a jiffy at least, even if the clock has passed the end
 * already (a long might_sleep report on the serial console can do that). */
void msleep(unsigned int ms)
{
	u64 end = ktime_get_ns() + (u64)ms * 1000000ull, now;

	might_sleep();
	do {
		now = ktime_get_ns();
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(now < end ? (long)nsecs_to_jiffies(end - now) + 1 : 1);
	} while (ktime_get_ns() < end);
}
