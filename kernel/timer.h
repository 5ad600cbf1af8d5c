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
 * Locking: each CPU's tvec_base has a lock (irqs off) over its list;
 * timer->base says which base's lock covers a timer, read with
 * lock_timer_base() since it can change.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "kernel/time.h"
#include "lib/list.h"

struct tvec_base;

struct timer_list {
	struct list_head entry;         /* on base->timers while pending */
	unsigned long expires;
	void (*function)(unsigned long data);
	unsigned long data;
	struct tvec_base *base;
};

/* Does a come after b, across jiffies wrap-around? */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before(a, b) time_after(b, a)

void init_timer(struct timer_list *timer);
void setup_timer(struct timer_list *timer, void (*fn)(unsigned long), unsigned long data);
void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
bool timer_pending(const struct timer_list *timer);

void init_timers(void);
/* From each CPU's tick: run this CPU's expired timers. */
void run_local_timers(void);
/* The per-tick work of every CPU (timers, time slices, balancing). */
void update_process_times(bool user);   /* user: the tick came from user mode */

unsigned long msecs_to_jiffies(unsigned int ms);
void msleep(unsigned int ms);

#endif
