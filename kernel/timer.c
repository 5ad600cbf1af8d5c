/*
 * kernel/timer.c - per-CPU timer lists and the tick's per-CPU work.
 *
 * Data: per CPU, a tvec_base: its lock, the pending timers sorted by
 * expiry, and the timer whose handler runs now (running_timer), which
 * del_timer_sync() waits on.  A sorted list is enough for the handful of
 * timers a teaching kernel has pending; Linux uses a timer wheel.
 * Locking: base->lock with interrupts off; handlers run without it, so
 * they may re-arm their own timer.
 */
#include "kernel/timer.h"
#include "kernel/debug/ktest.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/wait.h"

struct tvec_base {
	spinlock_t lock;
	struct list_head timers;
	struct timer_list *running_timer;
};

static DEFINE_PER_CPU(struct tvec_base, tvec_bases);

void init_timers(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct tvec_base *base = &per_cpu(tvec_bases, cpu);

		spin_lock_init(&base->lock);
		INIT_LIST_HEAD(&base->timers);
	}
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

bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
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

static void enqueue_timer(struct tvec_base *base, struct timer_list *timer)
{
	struct timer_list *t;

	list_for_each_entry(t, &base->timers, entry)
		if (time_before(timer->expires, t->expires))
			break;
	list_add_tail(&timer->entry, &t->entry);
}

/* Queue (or requeue) on `cpu`'s base; returns whether it was pending. */
static int queue_timer(struct timer_list *timer, unsigned long expires, int cpu)
{
	struct tvec_base *new = &per_cpu(tvec_bases, cpu), *base;
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
		} else if (base != new) {
			new = base;             /* its handler runs there: stay */
		}
	} else {
		__release(base->lock);
		spin_lock(&new->lock);
		base = new;
	}
	timer->expires = expires;
	timer->base = base;
	enqueue_timer(base, timer);
	spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	queue_timer(timer, timer->expires, smp_processor_id());
}

void add_timer_on(struct timer_list *timer, int cpu)
{
	BUG_ON(timer_pending(timer));
	queue_timer(timer, timer->expires, cpu);
}

/* Re-arm on the CPU the timer was last queued on (or this one). */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct tvec_base *base = timer->base;
	int cpu = smp_processor_id();

	for (int c = 0; base && c < NR_CPUS; c++)
		if (base == &per_cpu(tvec_bases, c))
			cpu = c;
	return queue_timer(timer, expires, cpu);
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

/* del_timer, then wait until no CPU runs the handler. */
int del_timer_sync(struct timer_list *timer)
{
	for (;;) {
		unsigned long flags;
		struct tvec_base *base = lock_timer_base(timer, &flags);
		int was_pending;

		if (!base) {
			local_irq_restore(flags);
			__release(base->lock);
			return 0;
		}
		was_pending = timer_pending(timer);
		list_del_init(&timer->entry);
		bool running = base->running_timer == timer;

		spin_unlock_irqrestore(&base->lock, flags);
		if (!running)
			return was_pending;
		cpu_relax();
	}
}

void run_local_timers(void)
{
	struct tvec_base *base = &__get_cpu_var(tvec_bases);

	spin_lock(&base->lock);
	while (!list_empty(&base->timers)) {
		struct timer_list *t = list_first_entry(&base->timers, struct timer_list, entry);

		if (time_before(jiffies, t->expires))
			break;
		list_del_init(&t->entry);
		base->running_timer = t;
		spin_unlock(&base->lock);
		t->function(t->data);
		spin_lock(&base->lock);
		base->running_timer = NULL;
	}
	spin_unlock(&base->lock);
}

void update_process_times(bool user)
{
	account_process_tick(user);
	run_local_timers();
	scheduler_tick();
	ktest_watchdog_check();
}

unsigned long msecs_to_jiffies(unsigned int ms)
{
	return (ms * HZ + 999) / 1000;
}

void msleep(unsigned int ms)
{
	long ticks = (long)msecs_to_jiffies(ms) + 1;

	might_sleep();
	while (ticks) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		ticks = schedule_timeout(ticks);
	}
}
