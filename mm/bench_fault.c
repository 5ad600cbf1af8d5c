/*
 * mm/bench_fault.c - how page faults scale over CPUs: 1, 2 and 4 kernel
 * threads (one per CPU while there are CPUs) each take first-touch write
 * faults on pages of their own, either all in one mm or each in an mm of
 * its own.  In one mm the threads share mmap_sem (for reading: faults run
 * in parallel) and the mm's counters, and every fault ends in a TLB
 * shootdown to the other CPUs running that mm; in separate mms they
 * share only the allocator.  Figures are faults per second of wall time,
 * from the start signal to the last thread done.
 * Locking: the threads share only this file's state, through volatile
 * flags and atomics.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/bench.h"
#include "kernel/kthread.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/vsprintf.h"
#include "mm/mmap.h"

#define MAX_THREADS 4
#define FAULTS_PER_THREAD 512
#define AREA 0x20000000UL
#define AREA_STRIDE (FAULTS_PER_THREAD * PAGE_SIZE)

static struct {
	struct mm_struct *mm[MAX_THREADS];      /* thread i's mm */
	volatile int go;
	int errors;                             /* atomic */
	u64 end_ns[MAX_THREADS];
} bf;

static int fault_thread(void *arg)
{
	int i = (int)(long)arg;
	unsigned long base = AREA + (unsigned long)i * AREA_STRIDE;

	use_mm(bf.mm[i]);
	while (!bf.go)
		cpu_relax();
	for (int p = 0; p < FAULTS_PER_THREAD; p++)
		if (put_user(1u, (u32 __user *)(base + (unsigned long)p * PAGE_SIZE)))
			__sync_fetch_and_add(&bf.errors, 1);
	bf.end_ns[i] = ktime_get_ns();
	unuse_mm(bf.mm[i]);
	return 0;
}

/* Each thread's area, in the mm it will fault in. */
static bool set_up_mms(int threads, bool shared)
{
	for (int i = 0; i < threads; i++) {
		bf.mm[i] = shared && i ? bf.mm[0] : mm_alloc();
		if (!bf.mm[i] ||
		    do_mmap(bf.mm[i], AREA + (unsigned long)i * AREA_STRIDE, AREA_STRIDE,
			    VM_READ | VM_WRITE, NULL, 0) < 0)
			return false;
	}
	return true;
}

static void put_mms(int threads, bool shared)
{
	for (int i = 0; i < threads; i++)
		if (bf.mm[i] && (!shared || !i))
			mmput(bf.mm[i]);
}

/* Faults per second for `threads` threads, in one mm or in one each. */
static void bench_faults(int threads, bool shared)
{
	struct task_struct *t[MAX_THREADS];
	char name[48];
	u64 start, end = 0;

	bf.go = 0;
	bf.errors = 0;
	if (!set_up_mms(threads, shared)) {
		printk(KERN_ERR "bench_fault: no memory for the areas\n");
		put_mms(threads, shared);
		return;
	}
	for (int i = 0; i < threads; i++) {
		t[i] = kthread_create(fault_thread, (void *)(long)i, "bfault/%d", i);
		kthread_bind(t[i], i % num_online_cpus());
		wake_up_process(t[i]);
	}
	msleep(10);
	start = ktime_get_ns();
	bf.go = 1;
	for (int i = 0; i < threads; i++) {
		kthread_stop(t[i]);
		if (bf.end_ns[i] > end)
			end = bf.end_ns[i];
	}
	put_mms(threads, shared);
	if (bf.errors)
		printk(KERN_ERR "bench_fault: %d faults failed\n", bf.errors);
	snprintf(name, sizeof(name), "page_faults_%s_%dthread%s", shared ? "one_mm" : "own_mms",
		 threads, threads > 1 ? "s" : "");
	bench_report(name, (u64)threads * FAULTS_PER_THREAD * 1000000000ULL / (end - start + 1),
		     "faults/s");
}

KBENCH(fault, scaling,
       "first-touch write faults by 1, 2 and 4 threads sharing one mm (mmap_sem read, shootdowns) or each in its own")
{
	for (int n = 1; n <= MAX_THREADS; n *= 2) {
		bench_faults(n, true);
		bench_faults(n, false);
	}
}
