/*
 * kernel/timer.h - per-CPU timers: run a function at a given jiffy.
 *
 * A struct timer_list fires `function(data)` from the timer tick of the
 * CPU whose base it sits on, once jiffies has reached `expires`: in
 * interrupt context, so the function must not sleep.  add_timer() queues
 * on this CPU, add_timer_on() on a chosen one; mod_timer() re-arms a timer
 * (on the CPU it was last queued on); del_timer_sync() also waits for a
 * running handler to finish, so the caller may free the timer afterwards.
 *
 * Each CPU keeps its timers in a timer wheel (kernel/timer.c), which
 * orders any expiries, however far apart, across the wrap of jiffies.
 *
 * Locking: each CPU's tvec_base has a lock (irqs off) over its wheel;
 * timer->base says which base's lock covers a timer, read with
 * lock_timer_base() since it can change.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "kernel/time.h"
#include "lib/list.h"

struct tvec_base;

struct timer_list {
	struct list_head entry;         /* in a slot of base's wheel while pending */
	unsigned long expires;
	void (*function)(unsigned long data);
	unsigned long data;
	struct tvec_base *base;
};

void init_timer(struct timer_list *timer);
void setup_timer(struct timer_list *timer, void (*fn)(unsigned long), unsigned long data);
void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
/* del_timer, or -1 (and nothing done) while its handler runs. */
int try_to_del_timer_sync(struct timer_list *timer);
bool timer_pending(const struct timer_list *timer);

void init_timers(void);
/* From each CPU's tick: run this CPU's expired timers. */
void run_local_timers(void);
/* The per-tick work of every CPU (timers, time slices, balancing). */
void update_process_times(bool user);   /* user: the tick came from user mode */

void msleep(unsigned int ms);

/* For the wheel's ktests (kernel/test_timer.c), which drive a base of
 * their own with a clock of their own: a base's size, setting one up to
 * run from jiffy `now`, queueing on a given base, and running a base's
 * timers up to `now` (interrupts off). */
size_t tvec_base_size(void);
void init_tvec_base(struct tvec_base *base, unsigned long now);
int __mod_timer(struct timer_list *timer, unsigned long expires, struct tvec_base *base);
void __run_timers(struct tvec_base *base, unsigned long now);

#endif
