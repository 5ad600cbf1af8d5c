/*
 * kernel/bench_sched.c - what SMP costs: a context switch (two threads
 * ping-ponging through a wait queue, on one CPU and across two), a
 * spinlock uncontended and contended, an IPI round trip, and a TLB
 * shootdown to every other CPU.  Under TCG the figures measure QEMU as
 * much as the kernel; compare them with Linux in the same QEMU.
 * Locking: each benchmark's threads share only its own state.
 */
#include "kernel/debug/bench.h"
#include "kernel/kthread.h"
#include "kernel/smp.h"
#include "kernel/timer.h"
#include "mm/tlbflush.h"

#define SWITCHES 2000
#define LOCK_OPS 50000
#define IPI_OPS 1000

static struct {
	wait_queue_head_t wq;
	volatile int turn;
} pp;

static int pingpong(void *arg)
{
	int me = (int)(unsigned long)arg;

	for (int i = 0; i < SWITCHES; i++) {
		wait_event(pp.wq, pp.turn == me);
		pp.turn = !me;
		wake_up(&pp.wq);
	}
	return 0;
}

/* Each round trip is two switches (and two wake-ups). */
static void bench_pingpong(const char *name, int cpu_a, int cpu_b)
{
	struct task_struct *a = kthread_create(pingpong, (void *)0, "ping");
	struct task_struct *b = kthread_create(pingpong, (void *)1, "pong");
	u64 start;

	init_waitqueue_head(&pp.wq);
	pp.turn = 0;
	kthread_bind(a, cpu_a);
	kthread_bind(b, cpu_b);
	start = rdtsc();
	wake_up_process(a);
	wake_up_process(b);
	kthread_stop(a);
	kthread_stop(b);
	bench_report_per_op(name, rdtsc() - start, 2 * SWITCHES);
}

static int other_cpu(void)
{
	int me = smp_processor_id(), cpu;

	for_each_online_cpu(cpu)
		if (cpu != me)
			return cpu;
	return -1;
}

KBENCH(sched, context_switch,
       "two threads passing a token through a wait queue, on one CPU and across two: wake_up, schedule, switch_to_asm")
{
	int me = get_cpu(), other = other_cpu();

	put_cpu();
	bench_pingpong("context_switch_same_cpu", me, me);
	if (other >= 0)
		bench_pingpong("context_switch_cross_cpu", me, other);
}

static DEFINE_SPINLOCK(bench_lock);
static volatile unsigned long bench_counter;

KBENCH(sched, spinlock_uncontended,
       "spin_lock + spin_unlock of a lock no one else wants: the ticket xadd and the release store")
{
	u64 start = rdtsc();

	for (int i = 0; i < LOCK_OPS; i++) {
		spin_lock(&bench_lock);
		bench_counter++;
		spin_unlock(&bench_lock);
	}
	bench_report_per_op("spinlock_uncontended", rdtsc() - start, LOCK_OPS);
}

static int lock_hammer(void *arg)
{
	(void)arg;
	for (int i = 0; i < LOCK_OPS / 10; i++) {
		spin_lock(&bench_lock);
		bench_counter++;
		spin_unlock(&bench_lock);
	}
	return 0;
}

KBENCH(sched, spinlock_contended,
       "two CPUs hammering one ticket lock: the cache line bouncing and the fair hand-over")
{
	struct task_struct *t[2];
	int cpus[2] = { get_cpu(), other_cpu() };
	u64 start;

	put_cpu();
	if (cpus[1] < 0)
		return;                 /* one CPU: nobody to contend with */
	for (int i = 0; i < 2; i++) {
		t[i] = kthread_create(lock_hammer, NULL, "hammer/%d", cpus[i]);
		kthread_bind(t[i], cpus[i]);
	}
	start = rdtsc();
	for (int i = 0; i < 2; i++)
		wake_up_process(t[i]);
	for (int i = 0; i < 2; i++)
		kthread_stop(t[i]);
	bench_report_per_op("spinlock_contended_2cpus", rdtsc() - start, 2 * (LOCK_OPS / 10));
}

static void noop(void *info)
{
	(void)info;
}

KBENCH(sched, ipi_round_trip,
       "smp_call_function_single to another CPU, waiting for its answer: the IPI and call_single_data")
{
	int other = other_cpu();
	u64 start;

	if (other < 0)
		return;
	start = rdtsc();
	for (int i = 0; i < IPI_OPS; i++)
		smp_call_function_single(other, noop, NULL, true);
	bench_report_per_op("ipi_round_trip", rdtsc() - start, IPI_OPS);
}

KBENCH(sched, tlb_shootdown,
       "flush_tlb_kernel_range of one page on every CPU: the shootdown IPIs and invlpg")
{
	unsigned long va = (unsigned long)&bench_counter & ~4095UL;
	u64 start = rdtsc();

	for (int i = 0; i < IPI_OPS; i++)
		flush_tlb_kernel_range(va, va + 4096);
	bench_report("tlb_shootdown_targets", (unsigned long long)num_online_cpus() - 1, "cpus");
	bench_report_per_op("tlb_shootdown_one_page", rdtsc() - start, IPI_OPS);
}
