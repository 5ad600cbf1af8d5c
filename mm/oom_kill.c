/*
 * mm/oom_kill.c - what happens when no memory can be found at all: the
 * OOM killer.
 *
 * When reclaim has freed nothing and an allocation that may sleep still
 * fails, a process has to go so the others can go on.  select_bad_process
 * picks the one whose death frees the most: its resident pages, plus half
 * of its children's (as Linux 2.6's badness did, so a parent that forks
 * a swarm pays for it), or rather its biggest child; never init, never a
 * kernel thread.  It gets
 * SIGKILL and TIF_MEMDIE (Linux's: its threads may use the memory
 * reserves, mm/page_alloc.c, so that exiting never waits for memory) and
 * dies on its way back to user mode; until it has, nobody
 * else is chosen (its memory is about to come back) - for OOM_VICTIM_WAIT
 * at most: a victim stuck in the kernel that long (a call that cannot
 * end) no longer holds every later kill back, the next one is chosen
 * among the others (Linux gives the victim memory reserves and later
 * reaps its memory; a bounded wait is the part that needs no help from
 * the allocator).  When only init is left it is killed too (Linux
 * kills it and panics, "Out of memory and no killable processes"): the
 * machine powers off with "init killed by signal 9" instead of faulting
 * forever; an init that cannot die either is a panic.  Atomic
 * allocations only get the report: they cannot wait for a victim.
 * The allocator calls out_of_memory when direct reclaim
 * (mm/vmscan.c:try_to_free_pages) went down every priority to 0 over the
 * whole zonelist and freed nothing, or when reclaim_failing says the
 * machine is thrashing: reclaim frees a few pages at a time, enough for
 * each allocation, while what it evicts is faulted straight back (a
 * process whose working set no longer fits beside memory nobody can
 * reclaim, such as a ramfs file) - every allocation succeeds and the
 * process never gets ahead.
 *
 * Data: the failed sweeps (reclaim_failures); the report is rate-limited
 * (__ratelimit).
 * Locking: tasklist_lock while choosing; each task's alloc_lock to read
 * its mm's size; reclaim_failures_lock around the failed-sweep count,
 * nothing taken inside it.
 */
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/vmstat.h"

/* While p->mm is set under its alloc_lock, the mm cannot be freed. */
static long task_rss(struct task_struct *p)
{
	long rss;

	spin_lock(&p->alloc_lock);
	rss = p->mm ? get_mm_counter(p->mm, rss) : 0;
	spin_unlock(&p->alloc_lock);
	return rss;
}

static long badness(struct task_struct *p)
{
	struct task_struct *c;
	long points = task_rss(p);

	list_for_each_entry(c, &p->children, sibling)
		points += task_rss(c) / 2;
	return points;
}

#define OOM_VICTIM_WAIT (5 * HZ)

/*
 * Linux 2.6.0's rule for a machine that reclaims without getting ahead:
 * a sweep of direct reclaim down every priority that frees fewer than
 * SWAP_CLUSTER_MAX pages is a failure; FAILED_SWEEPS of them, the first
 * at least FAILING_FOR ago and none more than FAILURE_GAP after the one
 * before, and the OOM killer is called, then the count starts over.  The
 * spacing is what tells thrashing from a burst of writes in flight: those
 * end, and the sweeps after them free a cluster again.
 */
#define FAILED_SWEEPS 10
#define FAILING_FOR HZ
#define FAILURE_GAP (5 * HZ)

static DEFINE_SPINLOCK(reclaim_failures_lock);
static struct {
	unsigned long first, last;      /* jiffies of the first and last */
	unsigned int count;
} reclaim_failures;

bool reclaim_failing(void)
{
	unsigned long now = jiffies;
	bool failing;

	spin_lock(&reclaim_failures_lock);
	if (!reclaim_failures.count ||
	    time_after(now, reclaim_failures.last + FAILURE_GAP)) {
		reclaim_failures.first = now;
		reclaim_failures.count = 0;
	}
	reclaim_failures.last = now;
	failing = ++reclaim_failures.count >= FAILED_SWEEPS &&
		  !time_before(now, reclaim_failures.first + FAILING_FOR);
	if (failing)
		reclaim_failures.count = 0;
	spin_unlock(&reclaim_failures_lock);
	return failing;
}

static bool dying(const struct task_struct *p)
{
	return p->exit_state || (p->pending & (1ULL << (SIGKILL - 1))) ||
	       (p->signal->flags & SIGNAL_GROUP_EXIT);
}

/* p is dying: is it still worth waiting for?  The clock starts the first
 * time the OOM killer finds it dying.  tasklist_lock held. */
static bool worth_waiting_for(struct task_struct *p)
{
	lockdep_assert_held(&tasklist_lock);
	if (!p->oom_wait_since)
		p->oom_wait_since = jiffies ? jiffies : 1;
	if (time_before(jiffies, p->oom_wait_since + OOM_VICTIM_WAIT))
		return true;
	if (p->oom_wait_since != ~0UL) {        /* say it once */
		printk(KERN_ERR "Out of memory: process %d (%s) has not died in %d s; "
		       "choosing another\n", p->pid, p->comm, OOM_VICTIM_WAIT / HZ);
		p->oom_wait_since = ~0UL;
	}
	return false;
}

/* Rather than the parent, its biggest child: a parent that forked a
 * swarm usually still holds the work (a shell, a server), and killing one
 * child makes the parent's next fork fail cleanly instead (as Linux's
 * oom_kill_process does).  tasklist_lock held. */
static struct task_struct *sacrifice_child(struct task_struct *p)
{
	struct task_struct *c, *victim = p;
	long most = -1;

	lockdep_assert_held(&tasklist_lock);
	list_for_each_entry(c, &p->children, sibling) {
		if (!c->mm || dying(c))
			continue;
		if (task_rss(c) > most) {
			victim = c;
			most = task_rss(c);
		}
	}
	return victim;
}

/* Every thread of the victim may dip into the reserves on its way out
 * (mm/page_alloc.c), so that an exit that needs a page cannot wait for
 * the memory it is about to free.  tasklist_lock held. */
static void mark_memdie(struct task_struct *leader)
{
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	set_ti_flag(leader->thread_info, TIF_MEMDIE);
	list_for_each_entry(t, &leader->thread_group, thread_group)
		set_ti_flag(t->thread_info, TIF_MEMDIE);
}

/* Nobody but init is left to kill.  tasklist_lock held. */
static void kill_init(struct task_struct *init)
{
	lockdep_assert_held(&tasklist_lock);
	if (dying(init) && !worth_waiting_for(init))
		panic("Out of memory and no killable processes");
	if (dying(init))
		return;
	printk(KERN_ERR "Out of memory and no killable processes: killing init\n");
	count_vm_event(OOM_KILL);
	force_sig(SIGKILL, init);
}

/* Choose and kill; NULL if one is dying already (or none can be). */
static struct task_struct *select_bad_process(long *points)
{
	struct task_struct *p, *chosen = NULL, *init = NULL;
	unsigned long flags;

	*points = -1;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->tgid == 1 && p->mm)
			init = p;
		if (!p->mm || p->tgid <= 1)
			continue;
		if (dying(p)) {
			if (!worth_waiting_for(p))
				continue;       /* stuck: choose among the others */
			spin_unlock_irqrestore(&tasklist_lock, flags);
			return NULL;    /* its memory is on its way back */
		}
		long pts = badness(p);

		if (pts > *points) {
			chosen = p;
			*points = pts;
		}
	}
	if (chosen)
		chosen = sacrifice_child(chosen);
	else if (init)
		kill_init(init);
	if (chosen) {
		group_send_sig(SIGKILL, chosen);        /* every thread of it */
		mark_memdie(chosen->group_leader);
		count_vm_event(OOM_KILL);
		printk(KERN_ERR "Out of memory: Killed process %d (%s), rss %lu kB\n", chosen->tgid,
		       chosen->comm, (unsigned long)task_rss(chosen) * 4);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return chosen;
}

static void report(gfp_t gfp_mask, unsigned int order)
{
	static struct ratelimit_state rs;
	struct zone *zone;

	if ((gfp_mask & __GFP_NOWARN) || !__ratelimit(&rs))
		return;
	printk(KERN_WARNING "Out of memory: order %u, gfp 0x%x\n", order, gfp_mask);
	for_each_zone(zone)
		if (zone->present_pages)
			printk(KERN_WARNING "  %-7s free:%lu min:%lu low:%lu high:%lu present:%lu\n",
			       zone->name, zone->free_pages, zone->pages_min, zone->pages_low,
			       zone->pages_high, zone->present_pages);
}

unsigned long out_of_memory_calls;

void out_of_memory(gfp_t gfp_mask, unsigned int order)
{
	long points;

	__sync_fetch_and_add(&out_of_memory_calls, 1);
	report(gfp_mask, order);
	if ((gfp_mask & __GFP_FS) && !in_atomic() && system_state == SYSTEM_RUNNING)
		select_bad_process(&points);
}

/* A user fault found no page: the victim (perhaps us) needs a moment to
 * exit, then the fault is tried again. */
void pagefault_out_of_memory(void)
{
	if (!signal_pending(current)) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
}
