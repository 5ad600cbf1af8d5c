/*
 * kernel/cputime.c - the tick's accounting: which mode each CPU spent the
 * tick in, the ticks charged to the running task, and the load average
 * computed from the runqueues every LOAD_FREQ ticks on CPU 0.
 *
 * Data: cpustat, per CPU (struct cpu_usage_stat); avenrun.
 * Locking: each CPU's cpustat and the running task's tick counters are
 * written only by that CPU's tick (interrupts off); readers take single
 * words without a lock, a snapshot.  avenrun is written by CPU 0 only.
 */
#include "kernel/cputime.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"

#define LOAD_FREQ (5 * HZ + 1)         /* ticks between load-average updates */

unsigned long avenrun[3];
static DEFINE_PER_CPU(struct cpu_usage_stat, cpustat);

struct cpu_usage_stat kstat_cpu(int cpu)
{
	return per_cpu(cpustat, cpu);
}

/* Every 5 s: avenrun = avenrun * e^(-5/60m) + n * (1 - e^(-5/60m)), the
 * factors in fixed point (1884, 2014, 2037 of 2048 for 1, 5, 15 min). */
static void calc_load(void)
{
	static const unsigned long exp[3] = { 1884, 2014, 2037 };
	static unsigned long next = LOAD_FREQ;
	unsigned long active = 0;

	if (time_before(jiffies, next))
		return;
	next = jiffies + LOAD_FREQ;
	for (int cpu = 0; cpu < num_online_cpus(); cpu++)
		active += nr_running_on(cpu);
	for (int i = 0; i < 3; i++)
		avenrun[i] = (avenrun[i] * exp[i] + active * FIXED_1 * (FIXED_1 - exp[i])) >> FSHIFT;
}

void account_process_tick(bool user)
{
	struct cpu_usage_stat *stat = &__get_cpu_var(cpustat);
	struct task_struct *p = current;

	if (is_idle_task(p)) {
		stat->idle++;
	} else if (user) {
		stat->user++;
		p->utime++;
	} else {
		stat->system++;
		p->stime++;
	}
	if (smp_processor_id() == 0)
		calc_load();
}
