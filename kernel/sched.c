/*
 * kernel/sched.c - the scheduler: runqueues, schedule(), wake-ups,
 * preemption, affinity and load balancing.
 *
 * Data: runqueues (per-CPU struct rq: lock, a list per priority and a
 * bitmap of the non-empty ones, curr, idle, counters), the task list.
 * Locking: rq->lock (irqs off) covers a runqueue and the on_rq, cpu and
 * migrate_to fields of its tasks.  schedule() holds it across the switch:
 * the next task releases it in finish_task_switch(), so a task being
 * switched out can never be picked up by another CPU half-saved.  Two
 * runqueues are locked lowest CPU first (double_rq_lock).
 */
#include "kernel/sched.h"
#include "fs/fs_struct.h"
#include "kernel/arch/entry.h"
#include "kernel/arch/gdt.h"
#include "kernel/debug/monitor.h"
#include "kernel/kthread.h"
#include "kernel/locking/lockdep.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/resource.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/mmap.h"
#include "mm/mmu_context.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"
#include "mm/vmstat.h"

#define BALANCE_INTERVAL 4              /* ticks between periodic balancing */

struct rq {
	spinlock_t lock;
	unsigned long nr_running;
	u64 bitmap;                     /* bit p set: queue[p] non-empty */
	struct list_head queue[MAX_PRIO];
	struct task_struct *curr, *idle;
	unsigned long long nr_switches;
	unsigned long balance_ticks;
	/* Tasks that went to sleep here waiting for I/O (io_schedule): an
	 * idle tick while there are some is iowait, not idle.  Counted where
	 * the sleep began, whichever CPU it ends on. */
	int nr_iowait;
	/* The lazily borrowed mm of a kernel thread just switched away from:
	 * finish_task_switch drops its reference once the lock is off. */
	struct mm_struct *prev_mm;
};

static DEFINE_PER_CPU(struct rq, runqueues);
#define cpu_rq(cpu) (&per_cpu(runqueues, (cpu)))
#define this_rq() cpu_rq(smp_processor_id())

DEFINE_SPINLOCK(tasklist_lock);
LIST_HEAD(task_list);
static struct kmem_cache *task_cachep;
static int last_pid;

static void enqueue_task(struct task_struct *p, struct rq *rq)
{
	/* LAB sched BEGIN: put p at the back of its priority's list,
	 * rq->queue[p->prio], and mark that list busy: bit p->prio of
	 * rq->bitmap. */
	list_add_tail(&p->run_list, &rq->queue[p->prio]);
	rq->bitmap |= 1ULL << p->prio;
	/* LAB sched STUB: list_add_tail(&p->run_list, &rq->queue[0]); */
	/* LAB sched END */
	rq->nr_running++;
	p->on_rq = true;
}

static void dequeue_task(struct task_struct *p, struct rq *rq)
{
	/* LAB sched BEGIN: take p off its list; if that leaves the list
	 * empty, clear its bit (p->prio) in rq->bitmap. */
	list_del(&p->run_list);
	if (list_empty(&rq->queue[p->prio]))
		rq->bitmap &= ~(1ULL << p->prio);
	/* LAB sched STUB: list_del(&p->run_list); */
	/* LAB sched END */
	rq->nr_running--;
	p->on_rq = false;
}

/* A queued task to the back of its list: behind its equals. */
static void requeue_task(struct task_struct *p, struct rq *rq)
{
	dequeue_task(p, rq);
	enqueue_task(p, rq);
}

/* The invariant the bitmap keeps: bit p is set exactly when queue[p] has
 * a task.  A bit left on an empty queue would make the list head itself
 * look like a task (the fuzzer found one, through setpriority). */
static bool rq_bitmap_consistent(struct rq *rq)
{
	for (int prio = 0; prio < MAX_PRIO; prio++)
		if (!(rq->bitmap & (1ULL << prio)) != list_empty(&rq->queue[prio]))
			return false;
	return true;
}

/* The task to run next on rq's CPU; rq->lock held.  The running task
 * stays on its list while it runs, so it competes too. */
static struct task_struct *pick_next_task(struct rq *rq)
{
	/* LAB sched BEGIN: return the first task of the most important
	 * (lowest-numbered) non-empty list - rq->bitmap's lowest set bit
	 * says which, in one __builtin_ctzll - or rq->idle when no list has
	 * a task. */
	int prio;

	if (!rq->bitmap)
		return rq->idle;
	prio = __builtin_ctzll(rq->bitmap);
	if (unlikely(list_empty(&rq->queue[prio])))
		panic("runqueue of CPU#%d: priority %d marked busy but empty", smp_processor_id(), prio);
	return list_first_entry(&rq->queue[prio], struct task_struct, run_list);
	/* LAB sched STUB: if (list_empty(&rq->queue[0])) */
	/* LAB sched STUB: 	return rq->idle; */
	/* LAB sched STUB: return list_first_entry(&rq->queue[0], struct task_struct, run_list); */
	/* LAB sched END */
}

bool runqueue_consistent(int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&rq->lock, flags);
	ok = rq_bitmap_consistent(rq);
	spin_unlock_irqrestore(&rq->lock, flags);
	return ok;
}

/* Lock the runqueue p is on; p may move between reading its CPU and
 * getting the lock, so check again. */
static struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags)
	__acquires(rq->lock)
{
	for (;;) {
		struct rq *rq = cpu_rq(task_cpu(p));

		spin_lock_irqsave(&rq->lock, *flags);
		if (rq == cpu_rq(task_cpu(p)))
			return rq;
		spin_unlock_irqrestore(&rq->lock, *flags);
	}
}

/* To the checker both locks are held after it, also when a == b. */
static void double_rq_lock(struct rq *a, struct rq *b)
	__acquires(a->lock) __acquires(b->lock)
{
	if (a == b) {
		spin_lock(&a->lock);
		__acquire(b->lock);
	} else if (a < b) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

static void double_rq_unlock(struct rq *a, struct rq *b)
	__releases(a->lock) __releases(b->lock)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
	else
		__release(b->lock);
}

static void set_task_cpu(struct task_struct *p, int cpu)
{
	p->thread_info->cpu = cpu;
}

/* Ask rq's CPU to reschedule: a flag for its current task, and an IPI
 * if that CPU is not this one (it may be halted in its idle loop). */
static void resched_task(struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	int cpu = task_cpu(curr);

	if (test_ti_flag(curr->thread_info, TIF_NEED_RESCHED))
		return;
	set_ti_flag(curr->thread_info, TIF_NEED_RESCHED);
	if (cpu != smp_processor_id())
		smp_send_reschedule(cpu);
}

/* p was just queued on rq (rq->lock held): should it take the CPU? */
static void check_preempt(struct rq *rq, struct task_struct *p)
{
	/* LAB sched BEGIN: ask rq's CPU to reschedule (resched_task) if it
	 * is idle or runs a less important task than p - one with a higher
	 * prio number; an equal goes on with its slice. */
	if (rq->curr == rq->idle || p->prio < rq->curr->prio)
		resched_task(rq);
	/* LAB sched STUB: if (rq->curr == rq->idle && p != rq->idle) */
	/* LAB sched STUB: 	resched_task(rq); */
	/* LAB sched END */
}

/* The running task p was charged a tick; rq->lock held.  Round robin
 * among equals: a task that has used up its slice goes behind the others
 * of its priority with a fresh one, and the CPU reschedules on its way
 * out of the interrupt. */
static void task_tick(struct rq *rq, struct task_struct *p)
{
	/* LAB sched BEGIN: count the tick against p->time_slice; when that
	 * reaches 0, give p a fresh DEF_TIMESLICE, put it behind its equals
	 * (requeue_task) and set TIF_NEED_RESCHED on it (set_ti_flag). */
	if (--p->time_slice)
		return;
	p->time_slice = DEF_TIMESLICE;
	requeue_task(p, rq);
	set_ti_flag(p->thread_info, TIF_NEED_RESCHED);
	/* LAB sched STUB: requeue_task(p, rq); */
	/* LAB sched STUB: set_ti_flag(p->thread_info, TIF_NEED_RESCHED); */
	/* LAB sched END */
}

static void activate_task(struct task_struct *p, struct rq *rq)
{
	enqueue_task(p, rq);
	check_preempt(rq, p);
}

/* Where a waking task should run: its last CPU if allowed and not busy,
 * else an allowed idle CPU, else the allowed CPU with the fewest tasks. */
static int select_task_rq(struct task_struct *p)
{
	cpumask_t allowed = cpus_and(p->cpus_allowed, cpu_online_map);
	int prev = task_cpu(p), best = -1, cpu;

	if (cpu_isset(prev, allowed) && cpu_rq(prev)->curr == cpu_rq(prev)->idle)
		return prev;
	for_each_cpu_mask(cpu, allowed) {
		if (cpu_rq(cpu)->curr == cpu_rq(cpu)->idle && !cpu_rq(cpu)->nr_running)
			return cpu;
		if (best < 0 || cpu_rq(cpu)->nr_running < cpu_rq(best)->nr_running)
			best = cpu;
	}
	if (cpu_isset(prev, allowed))
		return prev;
	return best >= 0 ? best : prev;
}

/* Move p, off-CPU and off every runqueue, to cpu's runqueue. */
static void move_task_to(struct task_struct *p, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	set_task_cpu(p, cpu);
	activate_task(p, rq);
	spin_unlock_irqrestore(&rq->lock, flags);
}

bool try_to_wake_up(struct task_struct *p, unsigned int state)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);
	int cpu;

	if (!(p->state & state)) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return false;
	}
	p->state = TASK_RUNNING;
	if (p->on_rq) {                 /* had not switched out yet */
		spin_unlock_irqrestore(&rq->lock, flags);
		return true;
	}
	cpu = select_task_rq(p);
	if (cpu == task_cpu(p)) {
		activate_task(p, rq);
		spin_unlock_irqrestore(&rq->lock, flags);
		return true;
	}
	/* Off-CPU (its switch-out finished under this lock) and RUNNING, so
	 * no other waker or balancer touches it while it changes queue. */
	spin_unlock_irqrestore(&rq->lock, flags);
	move_task_to(p, cpu);
	return true;
}

bool wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

static void account_runtime(struct task_struct *p, u64 now)
{
	p->sum_exec_runtime += now - p->exec_start;
	p->exec_start = now;
}

/* A dead task is off its CPU for good: drop its own reference, and tell
 * a kthread's stopper, which holds the other. */
static void release_task(struct task_struct *p)
{
	struct kthread *kt = p->kthread;

	put_task_struct(p);
	if (kt)
		kthread_exited(kt);
}

/* The second half of a switch, on the new task's stack: it releases the
 * runqueue lock that schedule() took on the task switched away from. */
static void finish_task_switch(struct task_struct *prev) __releases(rq->lock)
{
	struct rq *rq = this_rq();
	struct mm_struct *mm = rq->prev_mm;
	int target = prev->migrate_to;

	prev->migrate_to = -1;
	rq->prev_mm = NULL;
	spin_unlock_irq(&rq->lock);
	if (mm)
		mmdrop(mm);
	if (target >= 0)
		move_task_to(prev, target);
	if (prev->state == TASK_DEAD && !prev->on_rq)  /* not just preempted */
		release_task(prev);
}

void schedule_tail(u32 *prev_esp) __releases(rq->lock)
{
	finish_task_switch(container_of(prev_esp, struct task_struct, thread.esp));
	preempt_enable();
}

u32 *switch_to_asm(u32 *prev_esp, u32 next_esp);

static __sched struct task_struct *context_switch(struct rq *rq, struct task_struct *prev,
					  struct task_struct *next)
{
	struct mm_struct *oldmm = prev->active_mm;

	lockdep_assert_held(&rq->lock);
	rq->curr = next;
	rq->nr_switches++;
	if (!next->mm) {                /* lazy TLB: borrow, and pin, oldmm */
		mmgrab(oldmm);
		next->active_mm = oldmm;
	} else {
		switch_mm(oldmm, next->mm, smp_processor_id());
	}
	if (!prev->mm) {                /* give back what prev borrowed */
		rq->prev_mm = oldmm;
		prev->active_mm = NULL;
	}
	tss_set_esp0(next->thread.esp0);
	gdt_set_tls(smp_processor_id(), next->thread.tls_array);
	fpu_switch(prev, next);
	next->exec_start = ktime_get_ns();
	return container_of(switch_to_asm(&prev->thread.esp, next->thread.esp),
			    struct task_struct, thread.esp);
}

static void idle_balance(int this_cpu, struct rq *this);

static void schedule_debug(struct task_struct *prev)
{
	if (unlikely((preempt_count() & ~PREEMPT_ACTIVE) != PREEMPT_OFFSET)) {
		printk(KERN_ERR "BUG: scheduling while atomic: %s/%d/0x%08x\n", prev->comm,
		       prev->pid, preempt_count());
		dump_stack();
		sched_atomic_reports++;
	}
}

/* A running task whose CPU is no longer allowed leaves it now; it is
 * queued at its new CPU once it is fully off this one.  Only a
 * TASK_RUNNING one: while it is on no runqueue no waker may touch it,
 * and a wake-up only ever changes a sleeping state.  A task preempted on
 * its way to sleep stays; it moves at its next schedule() or wake-up. */
static void check_migrate(struct rq *rq, struct task_struct *prev, int cpu)
{
	if (prev == rq->idle || cpu_isset(cpu, prev->cpus_allowed) || !prev->on_rq ||
	    prev->state != TASK_RUNNING)
		return;
	dequeue_task(prev, rq);
	prev->migrate_to = first_cpu(cpus_and(prev->cpus_allowed, cpu_online_map));
	if (prev->migrate_to >= NR_CPUS)
		prev->migrate_to = first_cpu(prev->cpus_allowed);
}

void __sched schedule(void)
{
	struct task_struct *prev, *next;
	struct rq *rq;
	int cpu;

need_resched:
	preempt_disable();
	prev = current;
	cpu = smp_processor_id();
	rq = cpu_rq(cpu);
	schedule_debug(prev);
	spin_lock_irq(&rq->lock);
	if (prev->state != TASK_RUNNING && !(preempt_count() & PREEMPT_ACTIVE)) {
		if (prev->on_rq)
			dequeue_task(prev, rq);
		prev->nvcsw++;
	} else if (prev != rq->idle) {
		prev->nivcsw++;
	}
	check_migrate(rq, prev, cpu);
	if (!rq->nr_running)
		idle_balance(cpu, rq);
	next = pick_next_task(rq);
	clear_ti_flag(prev->thread_info, TIF_NEED_RESCHED);
	account_runtime(prev, ktime_get_ns());
	if (next != prev)
		finish_task_switch(context_switch(rq, prev, next));
	else
		spin_unlock_irq(&rq->lock);
	preempt_enable_no_resched();
	if (need_resched())
		goto need_resched;
}

/* preempt_enable() reached zero with a reschedule pending. */
void __sched preempt_schedule(void)
{
	if (preempt_count() || irqs_disabled())
		return;
	do {
		add_preempt_count(PREEMPT_ACTIVE);
		schedule();
		sub_preempt_count(PREEMPT_ACTIVE);
	} while (need_resched());
}

bool cond_resched(void)
{
	if (!need_resched() || preempt_count() || irqs_disabled())
		return false;
	preempt_schedule();
	return true;
}

/* Return from an interrupt into preemptible code (kernel/arch/traps.c). */
void __sched preempt_schedule_irq(void)
{
	do {
		add_preempt_count(PREEMPT_ACTIVE);
		local_irq_enable();
		schedule();
		local_irq_disable();
		sub_preempt_count(PREEMPT_ACTIVE);
	} while (need_resched());
}

void __sched yield(void)
{
	struct rq *rq;

	preempt_disable();
	rq = this_rq();
	spin_lock_irq(&rq->lock);
	if (current->on_rq && current != rq->idle)
		requeue_task(current, rq);
	set_ti_flag(current_thread_info(), TIF_NEED_RESCHED);
	spin_unlock_irq(&rq->lock);
	preempt_enable_no_resched();
	schedule();
}

/* Move up to `max` queued, not running tasks that may run on this_cpu from
 * busiest to this runqueue.  Both locks are held. */
static int move_tasks(struct rq *this, int this_cpu, struct rq *busiest, int max)
{
	int moved = 0;

	lockdep_assert_held(&this->lock);
	lockdep_assert_held(&busiest->lock);
	for (int prio = MAX_PRIO - 1; prio >= 0 && moved < max; prio--) {
		struct task_struct *p, *n;

		list_for_each_entry_safe(p, n, &busiest->queue[prio], run_list) {
			if (p == busiest->curr || !cpu_isset(this_cpu, p->cpus_allowed))
				continue;
			dequeue_task(p, busiest);
			set_task_cpu(p, this_cpu);
			enqueue_task(p, this);
			check_preempt(this, p);
			if (++moved >= max)
				break;
		}
	}
	return moved;
}

static struct rq *find_busiest_queue(int this_cpu, unsigned long min_running)
{
	struct rq *busiest = NULL;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		if (cpu != this_cpu && rq->nr_running >= min_running &&
		    (!busiest || rq->nr_running > busiest->nr_running))
			busiest = rq;
	}
	return busiest;
}

/* Periodic balancing, from the tick: even out if some CPU has at least
 * two tasks more than this one. */
static void rebalance_tick(int this_cpu, struct rq *this)
{
	struct rq *busiest;
	unsigned long flags;

	if (++this->balance_ticks < BALANCE_INTERVAL)
		return;
	this->balance_ticks = 0;
	busiest = find_busiest_queue(this_cpu, this->nr_running + 2);
	if (!busiest)
		return;
	flags = local_irq_save();
	double_rq_lock(this, busiest);
	if (busiest->nr_running >= this->nr_running + 2)
		move_tasks(this, this_cpu, busiest,
			   (int)(busiest->nr_running - this->nr_running) / 2);
	double_rq_unlock(this, busiest);
	local_irq_restore(flags);
}

/* This CPU is about to idle: pull one waiting task from the busiest CPU.
 * this->lock is held and must stay held - prev may already be off the
 * queue but still running here, and a waker that got the lock now could
 * start it on another CPU - so the busiest lock is only tried; if it is
 * busy, the periodic balance will get there. */
static void idle_balance(int this_cpu, struct rq *this)
{
	struct rq *busiest;

	lockdep_assert_held(&this->lock);
	busiest = find_busiest_queue(this_cpu, 2);
	if (!busiest || !spin_trylock(&busiest->lock))
		return;
	if (busiest->nr_running >= 2)
		move_tasks(this, this_cpu, busiest, 1);
	spin_unlock(&busiest->lock);
}

/* Every CPU's timer tick: charge the running task's slice. */
void scheduler_tick(void)
{
	int cpu = smp_processor_id();
	struct rq *rq = cpu_rq(cpu);
	struct task_struct *p = current;

	spin_lock(&rq->lock);
	account_runtime(p, ktime_get_ns());     /* fresh for the CPU clocks of others */
	if (p != rq->idle && p->on_rq)
		task_tick(rq, p);
	spin_unlock(&rq->lock);
	rebalance_tick(cpu, rq);
}

static void process_timeout(unsigned long data)
{
	wake_up_process((struct task_struct *)data);
}

/* Sleep (in the state the caller set) until woken or `ticks` pass. */
long __sched schedule_timeout(long ticks)
{
	struct timer_list timer;
	unsigned long expire = jiffies + (unsigned long)ticks;

	setup_timer(&timer, process_timeout, (unsigned long)current);
	mod_timer(&timer, expire);
	schedule();
	del_timer_sync(&timer);
	long left = (long)(expire - jiffies);

	return left < 0 ? 0 : left;
}

/* A task's stack: THREAD_SIZE-aligned (current_thread_info masks the
 * stack pointer) and vmalloc'd, so the area below it is a guard page.
 * Zeroed, as Linux's are (THREADINFO_GFP has __GFP_ZERO): nothing of a
 * dead task's stack shows through.  Under QEMU's TCG it also matters for
 * speed: a stack is written only in part, and a page that still holds
 * code translated before the kernel ran (SeaBIOS relocates its init code
 * to RAM the kernel later uses) sends every write to its other bytes
 * through QEMU's self-modifying-code check until those bytes are
 * overwritten.  kswapd's stack on such a page made reclaim in a 64 MiB
 * machine ten times slower. */
static struct thread_info *alloc_thread_info(void)
{
	struct thread_info *ti = vmalloc_aligned(THREAD_SIZE, THREAD_SIZE);

	if (ti)
		memset(ti, 0, THREAD_SIZE);
	return ti;
}

/* Idle tasks are all pid 0, as in Linux, so init is pid 1. */
static struct task_struct *alloc_task(const char *name, bool idle)
{
	struct task_struct *p = kmem_cache_alloc(task_cachep, GFP_KERNEL);
	unsigned long flags;

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->thread_info = alloc_thread_info();
	if (!p->thread_info) {
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	memset(p->thread_info, 0, sizeof(*p->thread_info));
	p->thread_info->task = p;
	p->thread.esp0 = (u32)p->thread_info + THREAD_SIZE;
	strlcpy(p->comm, name, sizeof(p->comm));
	p->prio = DEFAULT_PRIO;
	p->time_slice = DEF_TIMESLICE;
	p->migrate_to = -1;
	p->usage = 1;
	p->cpus_allowed = CPU_MASK_ALL;
	INIT_LIST_HEAD(&p->run_list);
	init_process_links(p);
	if (alloc_task_shared(p)) {
		vfree(p->thread_info);
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	spin_lock_init(&p->alloc_lock);
	/* khungtaskd's clock starts at birth: a child in D that nobody wakes
	 * is reported 120 s on, not the moment it is seen. */
	p->hung_since = p->start_time = jiffies;
	init_rlimits(p);
	spin_lock_irqsave(&tasklist_lock, flags);
	p->pid = p->tgid = idle ? 0 : last_pid++;
	/* The kernel's process group and session, until setsid/setpgid. */
	p->signal->pgrp = p->signal->session = 0;
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

extern char ret_from_kthread[];

/* A frame for switch_to_asm to pop: four callee-saved registers (zero:
 * ebp 0 ends backtraces), then the return into ret_from_kthread.  It
 * starts as schedule() left things: runqueue lock held, preemption off. */
struct task_struct *create_task(const char *name)
{
	struct task_struct *p = alloc_task(name, false);
	u32 *sp;

	if (!p)
		return NULL;
	sp = (u32 *)p->thread.esp0;
	*--sp = (u32)ret_from_kthread;
	for (int i = 0; i < 4; i++)
		*--sp = 0;
	p->thread.esp = (u32)sp;
	p->thread_info->preempt_count = 2 * PREEMPT_OFFSET;
	p->state = TASK_UNINTERRUPTIBLE;
	set_task_cpu(p, smp_processor_id());
	return p;
}

struct task_struct *find_get_task(int pid)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid == pid && pid > 0) {
			found = p;
			__sync_fetch_and_add(&p->usage, 1);
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

bool task_curr(const struct task_struct *p)
{
	return cpu_rq(task_cpu(p))->curr == p;
}

int last_pid_used(void)
{
	return last_pid - 1;
}

void put_task_struct(struct task_struct *p)
{
	unsigned long flags;

	if (__sync_sub_and_fetch(&p->usage, 1))
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	free_task_shared(p);
	if (p->active_mm)               /* never ran, or never switched out */
		mmdrop(p->active_mm);
	vfree(p->thread_info);
	kmem_cache_free(task_cachep, p);
}

/* The task's last switch: finish_task_switch on the next task frees it
 * (release_task). */
void do_exit(void)
{
	set_current_state(TASK_DEAD);
	schedule();
	BUG();
}

void set_task_prio(struct task_struct *p, int prio)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);
	bool queued = p->on_rq;

	/* A queued task - the running one too: it stays on its list while
	 * it runs - moves to its new priority's list, or the bitmap would
	 * keep marking the old list after it empties. */
	if (queued)
		dequeue_task(p, rq);
	p->prio = clamp_val(prio, 0, MAX_PRIO - 1);
	if (queued)
		enqueue_task(p, rq);
	if (p == rq->curr)
		resched_task(rq);       /* someone may matter more now */
	else if (queued)
		check_preempt(rq, p);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* A queued, not running task changes runqueue with both locked, so no
 * waker or balancer ever sees it on none (and queues it twice). */
static void move_queued_task(struct rq *rq, struct task_struct *p, int cpu)
	__must_hold(rq->lock)
{
	struct rq *dest = cpu_rq(cpu);

	lockdep_assert_held(&rq->lock);
	if (dest == rq)
		return;
	if (dest < rq) {                /* lowest first: retake in order */
		spin_unlock(&rq->lock);
		double_rq_lock(dest, rq);
	} else {
		spin_lock(&dest->lock);
	}
	/* It may have started running, or left the queue, meanwhile. */
	if (cpu_rq(task_cpu(p)) == rq && p->on_rq && p != rq->curr) {
		dequeue_task(p, rq);
		set_task_cpu(p, cpu);
		activate_task(p, dest);
	}
	spin_unlock(&dest->lock);
}

/* Change where p may run.  A queued task moves at once; a running one
 * leaves its CPU at its next schedule(), which this forces; a sleeping
 * one wakes on an allowed CPU (select_task_rq). */
int set_cpus_allowed(struct task_struct *p, cpumask_t mask)
{
	unsigned long flags;
	struct rq *rq;

	if (cpus_empty(cpus_and(mask, cpu_online_map)))
		return -1;
	rq = task_rq_lock(p, &flags);
	p->cpus_allowed = mask;
	if (cpu_isset(task_cpu(p), mask)) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return 0;
	}
	if (p == rq->curr)
		resched_task(rq);
	else if (p->on_rq)
		move_queued_task(rq, p, first_cpu(cpus_and(mask, cpu_online_map)));
	spin_unlock_irqrestore(&rq->lock, flags);
	if (p == current)
		schedule();
	return 0;
}

unsigned long nr_running_on(int cpu)
{
	return cpu_rq(cpu)->nr_running;
}

unsigned long nr_iowait_on(int cpu)
{
	int n = __atomic_load_n(&cpu_rq(cpu)->nr_iowait, __ATOMIC_RELAXED);

	return n > 0 ? (unsigned long)n : 0;
}

void __sched io_schedule(void)
{
	struct rq *rq = this_rq();

	__atomic_add_fetch(&rq->nr_iowait, 1, __ATOMIC_RELAXED);
	schedule();
	__atomic_sub_fetch(&rq->nr_iowait, 1, __ATOMIC_RELAXED);
}

long __sched io_schedule_timeout(long ticks)
{
	struct rq *rq = this_rq();
	long left;

	__atomic_add_fetch(&rq->nr_iowait, 1, __ATOMIC_RELAXED);
	left = schedule_timeout(ticks);
	__atomic_sub_fetch(&rq->nr_iowait, 1, __ATOMIC_RELAXED);
	return left;
}

int nr_threads, max_threads;

unsigned long long nr_context_switches(int cpu)
{
	return cpu_rq(cpu)->nr_switches;
}

void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	idle->state = TASK_RUNNING;
	idle->prio = MAX_PRIO;
	idle->cpus_allowed = cpumask_of_cpu(cpu);
	mmgrab(&init_mm);
	idle->active_mm = &init_mm;
	idle->exec_start = ktime_get_ns();
	set_task_cpu(idle, cpu);
	rq->curr = rq->idle = idle;
}

struct task_struct *fork_idle(int cpu)
{
	char name[TASK_COMM_LEN];

	snprintf(name, sizeof(name), "swapper/%d", cpu);
	struct task_struct *idle = alloc_task(name, true);

	if (idle)
		init_idle(idle, cpu);
	return idle;
}

static struct task_struct init_task;
/* The boot thread's group, actions and fs: it never exits. */
static struct signal_struct init_signals = { .count = 1, .live = 1, .leader = &init_task };
static struct sighand_struct init_sighand = { .count = 1 };
static struct fs_struct init_fs = { .count = 1, .umask = 022, .cwd = "/" };
enum system_states system_state;

/* From the first instruction of start_kernel, `current` is the boot
 * thread, "swapper/0" (pid 0), which later becomes CPU 0's idle task. */
void sched_init_early(void)
{
	init_task.thread_info = current_thread_info();
	init_task.thread_info->task = &init_task;
	init_task.thread.esp0 = (u32)init_task.thread_info + THREAD_SIZE;
	init_task.usage = 1;
	init_task.migrate_to = -1;
	mmgrab(&init_mm);
	init_task.active_mm = &init_mm;
	strlcpy(init_task.comm, "swapper/0", sizeof(init_task.comm));
	INIT_LIST_HEAD(&init_task.run_list);
	init_process_links(&init_task);
	spin_lock_init(&init_sighand.siglock);
	spin_lock_init(&init_fs.lock);
	init_waitqueue_head(&init_signals.wait_chldexit);
	init_timer(&init_signals.real_timer);
	init_task.signal = &init_signals;
	init_task.sighand = &init_sighand;
	init_task.fs = &init_fs;
}

void sched_init(void)
{
	unsigned long flags;

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		for (int prio = 0; prio < MAX_PRIO; prio++)
			INIT_LIST_HEAD(&rq->queue[prio]);
	}
	/* As Linux: the kernel stacks may take at most an eighth of memory. */
	max_threads = (int)((zone_sum(false, false) + zone_sum(true, false)) /
			    (8 * THREAD_SIZE / PAGE_SIZE));
	task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					__alignof__(struct task_struct), 0, NULL);
	if (!task_cachep)
		panic("sched_init: no task_struct cache");
	signals_init();
	fs_cache_init();
	spin_lock_irqsave(&tasklist_lock, flags);
	init_task.pid = last_pid++;
	list_add_tail(&init_task.tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	init_idle(&init_task, 0);
}

static char state_char(const struct task_struct *p)
{
	if (p->state == TASK_RUNNING)
		return 'R';
	if (p->state & TASK_INTERRUPTIBLE)
		return 'S';
	if (p->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	return p->state == TASK_STOPPED ? 'T' : 'X';
}

/* ps: every task, with where and how it runs. */
static int cmd_ps(int argc, char **argv)
{
	struct task_struct *p;
	unsigned long flags;

	(void)argc;
	(void)argv;
	mprintf("  PID COMMAND          S CPU PRI      TIME(ms)    CSW   ICSW\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		mprintf("%5d %-16s %c %3d %3d %13llu %6lu %6lu\n", p->pid, p->comm, state_char(p),
			task_cpu(p), p->prio, p->sum_exec_runtime / 1000000, p->nvcsw, p->nivcsw);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}
MONITOR_CMD("ps", "tasks: pid, name, state, CPU, priority, run time", cmd_ps);
