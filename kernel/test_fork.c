/*
 * kernel/test_fork.c - ktests for the structures threads share
 * (kernel/fork.c): a task that shares its group's signal_struct, actions
 * and fs_struct, as clone's CLONE_THREAD, CLONE_SIGHAND and CLONE_FS make
 * it, holds one reference to each; the structures are freed exactly
 * once, by the last task's put, whichever goes first - counted by their
 * slab caches' frees.
 *
 * No shared data: each test makes its own unborn tasks (create_task, never
 * woken) and frees them.  Runs on the boot CPU; the slab counts it reads
 * are global, so a run another task disturbed is repeated.
 */
#include "fs/fs_struct.h"
#include "kernel/debug/ktest.h"
#include "kernel/sched.h"
#include "mm/slab.h"
#include "mm/slab_def.h"

#define NR_SHARED 3

static struct kmem_cache *shared_cache(int i)
{
	return i == 0 ? signal_cachep : i == 1 ? sighand_cachep : fs_cachep;
}

static void count_ops(unsigned long *allocs, unsigned long *frees)
{
	struct kmem_cache_stats st;

	for (int i = 0; i < NR_SHARED; i++) {
		kmem_cache_stats(shared_cache(i), &st);
		allocs[i] = st.allochit + st.allocmiss;
		frees[i] = st.freehit + st.freemiss;
	}
}

/* What copy_process does for a CLONE_THREAD | CLONE_SIGHAND | CLONE_FS
 * child: its fresh structures go, the leader's are shared. */
static void share_with(struct task_struct *thread, struct task_struct *leader)
{
	free_task_shared(thread);
	__sync_fetch_and_add(&leader->signal->count, 1);
	__sync_fetch_and_add(&leader->sighand->count, 1);
	__sync_fetch_and_add(&leader->fs->count, 1);
	thread->signal = leader->signal;
	thread->sighand = leader->sighand;
	thread->fs = leader->fs;
}

/* Each structure's allocations and frees since the snapshot. */
static void deltas(const unsigned long *allocs0, const unsigned long *frees0,
		   unsigned long *allocs, unsigned long *frees)
{
	count_ops(allocs, frees);
	for (int i = 0; i < NR_SHARED; i++) {
		allocs[i] -= allocs0[i];
		frees[i] -= frees0[i];
	}
}

static bool all_equal(const unsigned long *v, unsigned long n)
{
	bool ok = true;

	for (int i = 0; i < NR_SHARED; i++)
		ok &= v[i] == n;
	return ok;
}

/* What the caches counted: allocations, then frees after sharing, after
 * the first put and after the second. */
struct observed {
	unsigned long allocs[NR_SHARED], shared[NR_SHARED], first[NR_SHARED],
		last[NR_SHARED], last_allocs[NR_SHARED];
	int counts[NR_SHARED];
};

static bool run_once(bool leader_first, struct observed *o)
{
	unsigned long allocs0[NR_SHARED], frees0[NR_SHARED], unused[NR_SHARED];
	struct task_struct *leader, *thread;

	count_ops(allocs0, frees0);
	leader = create_task("kt-leader");
	thread = create_task("kt-thread");
	if (!leader || !thread)
		return false;
	share_with(thread, leader);
	deltas(allocs0, frees0, o->allocs, o->shared);
	o->counts[0] = leader->signal->count;
	o->counts[1] = leader->sighand->count;
	o->counts[2] = leader->fs->count;
	put_task_struct(leader_first ? leader : thread);
	deltas(allocs0, frees0, unused, o->first);
	put_task_struct(leader_first ? thread : leader);
	deltas(allocs0, frees0, o->last_allocs, o->last);
	return true;
}

/* The caches' counts are global: a task made or freed elsewhere meanwhile
 * (a kthread starting) disturbs them, so a run counts only if in the end
 * they saw exactly our two allocations and two frees of each - then
 * every count in between was ours too. */
static void shared_then_put(bool leader_first)
{
	struct observed o;
	int tries = 0;

	do {
		KEXPECT(run_once(leader_first, &o));
	} while (++tries < 20 && !(all_equal(o.last_allocs, 2) && all_equal(o.last, 2)));
	KEXPECT(all_equal(o.allocs, 2));
	KEXPECT(all_equal(o.shared, 1));        /* the thread's own, replaced */
	for (int i = 0; i < NR_SHARED; i++)
		KEXPECT_EQ(o.counts[i], 2);
	KEXPECT(all_equal(o.first, 1));         /* still in use by the other */
	KEXPECT(all_equal(o.last, 2));          /* the last put freed each, once */
}

KTEST(thread, shared_structures_freed_once_leader_first)
{
	shared_then_put(true);
}

KTEST(thread, shared_structures_freed_once_thread_first)
{
	shared_then_put(false);
}

/* A task of its own group: get_nr_threads counts it alone, and it is
 * its own leader with an empty thread list. */
KTEST(thread, a_new_task_is_a_group_of_one)
{
	struct task_struct *p = create_task("kt-alone");

	KEXPECT(p != NULL);
	if (!p)
		return;
	KEXPECT(thread_group_leader(p));
	KEXPECT_EQ(p->tgid, p->pid);
	KEXPECT_EQ(get_nr_threads(p), 1);
	KEXPECT(list_empty(&p->thread_group));
	put_task_struct(p);
}
