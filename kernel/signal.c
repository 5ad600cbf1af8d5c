/*
 * kernel/signal.c - sending signals and choosing the next one to deliver
 * (see kernel/signal.h); rt_sigaction, rt_sigprocmask, kill, tkill,
 * tgkill, rt_sigpending, rt_sigsuspend, pause and rt_sigtimedwait.  The
 * i386 side - the frame a handler runs on, restarting an interrupted
 * call, rt_sigreturn, sigaltstack - is kernel/arch/signal.c.
 *
 * A signal for the thread group (kill) waits in the group's shared set
 * until one thread that does not block it dequeues it; complete_signal
 * wakes such a thread, the leader first (Linux's choice).  A thread's own
 * signals (tkill, tgkill, faults) go to its private set and are taken
 * first.  A signal whose default action is to terminate ends the whole
 * group (do_group_exit), and SIGKILL reaches every thread as soon as it
 * is sent (waking it even from a stop).
 *
 * Job control: prepare_signal acts at send time - a stop signal discards
 * a pending SIGCONT, SIGCONT discards pending stop signals and wakes a
 * stopped group (continue_group, CLD_CONTINUED to the parent).  The
 * thread that takes a stop signal with the default action starts a group
 * stop (start_group_stop: every live thread gets JOBCTL_STOP_PENDING,
 * which signal_pending counts, so sleepers wake); each thread stops in
 * do_signal_stop on its way to user mode, and the last to stop tells the
 * parent (group_stop_done: CLD_STOPPED, unless SA_NOCLDSTOP).  A system
 * call cut short by the stop is restarted after SIGCONT.
 * get_signal_to_deliver is that way to user mode: it drops ignored
 * signals, takes stops, carries out default actions, and hands the first
 * signal with a handler to the arch code.
 * rt_sigtimedwait takes a signal from a given set without its handler:
 * while it sleeps those signals are unblocked (real_blocked keeps the
 * mask), so that a signal for the group is given to the waiting thread.
 * Data: per thread pending (with each one's siginfo), forced, blocked,
 * real_blocked and jobctl; per group struct signal_struct; the actions
 * in struct sighand_struct.
 * Locking: see kernel/signal.h.
 */
#include "kernel/signal.h"
#include "fs/exec.h"
#include "kernel/arch/uaccess.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

#define SA_NOCLDSTOP 0x00000001
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* Default action: stop the group (job control). */
#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

struct kmem_cache *sighand_cachep, *signal_cachep;

void signals_init(void)
{
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct),
					   __alignof__(struct sighand_struct), 0, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct),
					  __alignof__(struct signal_struct), 0, NULL);
	if (!sighand_cachep || !signal_cachep)
		panic("signals_init: no caches");
}

struct sighand_struct *sighand_alloc(void)
{
	struct sighand_struct *sh = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);

	if (sh) {
		memset(sh, 0, sizeof(*sh));
		sh->count = 1;
		spin_lock_init(&sh->siglock);
	}
	return sh;
}

/* A count below zero is a put too many: the structure was freed early. */
void put_sighand(struct sighand_struct *sh)
{
	int count = __sync_sub_and_fetch(&sh->count, 1);

	WARN_ON(count < 0);
	if (!count)
		kmem_cache_free(sighand_cachep, sh);
}

struct signal_struct *signal_alloc(void)
{
	struct signal_struct *sig = kmem_cache_alloc(signal_cachep, GFP_KERNEL);

	if (sig) {
		memset(sig, 0, sizeof(*sig));
		sig->count = 1;
		sig->live = sig->nr_threads = 1;
		init_waitqueue_head(&sig->wait_chldexit);
		init_timer(&sig->real_timer);
	}
	return sig;
}

void put_signal(struct signal_struct *sig)
{
	int count = __sync_sub_and_fetch(&sig->count, 1);

	WARN_ON(count < 0);
	if (!count)
		kmem_cache_free(signal_cachep, sig);
}

/* Also true while p has a group stop to take part in: a sleep ends, and
 * the way back to user mode stops it (do_signal_stop). */
bool signal_pending(struct task_struct *p)
{
	return ((p->pending | p->signal->shared_pending) & ~p->blocked) != 0 ||
	       (p->jobctl & JOBCTL_STOP_PENDING);
}

bool fatal_signal_pending(const struct task_struct *p)
{
	return (p->pending & sigmask(SIGKILL)) != 0;
}

/* SIGCONT's default action (continuing) is taken when it is sent. */
static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == 23 /* SIGURG */ ||
	       sig == 28 /* SIGWINCH */;
}

/* A signal nobody will act on is dropped when sent, as in Linux, so it
 * never cuts a sleep short.  A blocked one is kept: the handler may change
 * before it is unblocked.  init dies of nothing it did not ask for. */
static bool sig_ignored(struct task_struct *p, int sig)
{
	u32 handler = p->sighand->action[sig - 1].handler;

	if ((p->blocked | p->real_blocked) & sigmask(sig))
		return false;
	if (handler == SIG_DFL && p->tgid == 1)
		return true;
	if (sig == SIGKILL)
		return false;
	return handler == SIG_IGN || (handler == SIG_DFL && ignored_by_default(sig));
}

/* What the kernel sends on its own behalf: no sender to name. */
static const struct kernel_siginfo from_kernel;

/* A system call's signal: from current's process. */
static struct kernel_siginfo from_current(s32 code)
{
	return (struct kernel_siginfo){ .code = code, .pid = current->tgid };
}

/* Mark sig pending, its siginfo first (the atomic or orders the two); a
 * first SIGKILL is timed from here (khungtaskd). */
static void add_pending(struct task_struct *p, int sig, const struct kernel_siginfo *info)
{
	if (sig == SIGKILL && !fatal_signal_pending(p))
		p->sigkill_jiffies = jiffies;
	p->siginfo[sig - 1] = *info;
	__sync_fetch_and_or(&p->pending, sigmask(sig));
}

/* SIGCONT ended p's group's stop: the parent hears of it and wait may
 * report it (WCONTINUED).  A stop still under way is just called off. */
static void continue_group(struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	bool was_stopped = signal->flags & SIGNAL_STOP_STOPPED;

	signal->group_stop_count = 0;
	signal->flags &= ~SIGNAL_STOP_STOPPED;
	if (!was_stopped)
		return;
	signal->flags |= SIGNAL_STOP_CONTINUED;
	signal->group_exit_code = 0;
	do_notify_parent(p->group_leader, CLD_CONTINUED, SIGCONT);
}

/* Job control acts when a signal is sent, before any mask or handler is
 * looked at (Linux's prepare_signal): a stop signal discards a pending
 * SIGCONT, and SIGCONT discards pending stop signals and resumes every
 * thread of a stopped group.  tasklist_lock held. */
static void prepare_signal(int sig, struct task_struct *p)
{
	u64 discard = sig == SIGCONT ? STOP_SIGNALS : sigmask(SIGCONT);
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	if ((sig != SIGCONT && !(sigmask(sig) & STOP_SIGNALS)) ||
	    (p->signal->flags & SIGNAL_GROUP_EXIT))
		return;
	__sync_fetch_and_and(&p->signal->shared_pending, ~discard);
	for_each_thread_from(p->group_leader, t) {
		__sync_fetch_and_and(&t->pending, ~discard);
		if (sig == SIGCONT) {
			t->jobctl &= ~JOBCTL_STOP_PENDING;
			try_to_wake_up(t, TASK_STOPPED);
		}
	}
	if (sig == SIGCONT) {
		p->signal->cont_count++;        /* after the discards: see next_signal */
		continue_group(p);
	}
}

/* A stopped thread wakes for SIGKILL only (and SIGCONT, prepare_signal). */
static void signal_wake_up(struct task_struct *t, int sig)
{
	try_to_wake_up(t, TASK_INTERRUPTIBLE | (sig == SIGKILL ? TASK_STOPPED : 0));
}

static int send_sig_from(int sig, struct task_struct *p, const struct kernel_siginfo *info)
{
	unsigned long flags;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (sig == SIGCONT || (sigmask(sig) & STOP_SIGNALS)) {
		spin_lock_irqsave(&tasklist_lock, flags);
		prepare_signal(sig, p);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	if (sig_ignored(p, sig))
		return 0;
	add_pending(p, sig, info);
	if (signal_pending(p))
		signal_wake_up(p, sig);
	return 0;
}

int send_sig(int sig, struct task_struct *p)
{
	return send_sig_from(sig, p, &from_kernel);
}

static void kill_thread(struct task_struct *t)
{
	add_pending(t, SIGKILL, &from_kernel);
	signal_wake_up(t, SIGKILL);
}

/* The group is exiting: no stop is to be taken part in any more. */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	p->signal->group_stop_count = 0;
	p->signal->flags &= ~(SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED);
	for_each_thread_from(p->group_leader, t) {
		t->jobctl &= ~JOBCTL_STOP_PENDING;
		if (t != p && !t->exit_state)
			kill_thread(t);
	}
}

/* Could t act on sig now?  Not if it blocks it or has exited. */
static bool wants_signal(int sig, const struct task_struct *t)
{
	return !(t->blocked & sigmask(sig)) && !t->exit_state && t->mm;
}

/* Wake one thread of p's group that will take the shared signal: the
 * leader if it can, else the first that can; nobody if all block it
 * (it waits until one unblocks it).  tasklist_lock held. */
static void complete_signal(int sig, struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread_from(p->group_leader, t) {
		if (wants_signal(sig, t)) {
			try_to_wake_up(t, TASK_INTERRUPTIBLE);
			return;
		}
	}
}

static int group_send_sig_from(int sig, struct task_struct *p, const struct kernel_siginfo *info)
{
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	prepare_signal(sig, p);
	if (sig_ignored(p, sig))
		return 0;
	if (sig == SIGKILL) {
		for_each_thread_from(p->group_leader, t)
			if (!t->exit_state)
				kill_thread(t);
		return 0;
	}
	p->signal->shared_info[sig - 1] = *info;
	__sync_fetch_and_or(&p->signal->shared_pending, sigmask(sig));
	complete_signal(sig, p);
	return 0;
}

int group_send_sig(int sig, struct task_struct *p)
{
	return group_send_sig_from(sig, p, &from_kernel);
}

/* Only current changes its own mask; another task only ever gets
 * SIGKILL here, which has no handler. */
static void force_sig_info(int sig, const struct kernel_siginfo *info, struct task_struct *p)
{
	struct sighand_struct *sh = p->sighand;
	unsigned long flags;

	if (p == current) {
		spin_lock_irqsave(&sh->siglock, flags);
		if (sh->action[sig - 1].handler == SIG_IGN || (p->blocked & sigmask(sig))) {
			sh->action[sig - 1].handler = SIG_DFL;
			p->blocked &= ~sigmask(sig);
		}
		spin_unlock_irqrestore(&sh->siglock, flags);
	}
	__sync_fetch_and_or(&p->forced, sigmask(sig));
	add_pending(p, sig, info);
	if (p != current)
		signal_wake_up(p, sig);
}

void force_sig(int sig, struct task_struct *p)
{
	force_sig_info(sig, &from_kernel, p);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct kernel_siginfo info = { .code = code, .addr = (u32)addr };

	force_sig_info(sig, &info, current);
}

void do_notify_parent(struct task_struct *child, int code, int status)
{
	struct task_struct *parent = child->group_leader->parent;
	struct kernel_siginfo info = { .code = code, .pid = child->tgid, .status = status };
	struct sighand_struct *sh;
	unsigned long flags;
	bool quiet;

	lockdep_assert_held(&tasklist_lock);
	if (!parent)
		return;
	sh = parent->sighand;
	spin_lock_irqsave(&sh->siglock, flags);
	quiet = code >= CLD_STOPPED && (sh->action[SIGCHLD - 1].flags & SA_NOCLDSTOP);
	spin_unlock_irqrestore(&sh->siglock, flags);
	if (!quiet)
		group_send_sig_from(SIGCHLD, parent, &info);
	wake_up_all(&parent->signal->wait_chldexit);
}

void flush_signal_handlers(struct task_struct *p)
{
	struct sighand_struct *sh = p->sighand;
	unsigned long flags;

	spin_lock_irqsave(&sh->siglock, flags);
	for (int i = 0; i < _NSIG; i++)
		if (sh->action[i].handler != SIG_IGN)
			memset(&sh->action[i], 0, sizeof(sh->action[i]));
	spin_unlock_irqrestore(&sh->siglock, flags);
	p->sas_ss_sp = p->sas_ss_size = 0;
}

/* The i386 user siginfo (128 bytes): signo, errno (0), code, then the
 * union as Linux lays it out for that code - a fault's si_addr, else
 * si_pid and si_uid (0: everyone is root), and SIGCHLD's si_status. */
void fill_user_siginfo(u32 uinfo[32], int sig, const struct kernel_siginfo *info)
{
	bool fault = sig != SIGCHLD && info->code > 0 && info->code < SI_KERNEL;

	memset(uinfo, 0, 32 * sizeof(u32));
	uinfo[0] = (u32)sig;
	uinfo[2] = (u32)info->code;
	uinfo[3] = fault ? info->addr : (u32)info->pid;
	uinfo[5] = (u32)info->status;
}

/* The next signal for current among want: its own first, then the
 * group's (which another thread may take first: -1, look again); 0 if
 * none. */
static int dequeue_signal(u64 want, struct kernel_siginfo *info)
{
	u64 mine = current->pending & want;
	u64 shared = current->signal->shared_pending & want;
	int sig;

	if (mine) {
		sig = __builtin_ctzll(mine) + 1;
		__sync_fetch_and_and(&current->pending, ~sigmask(sig));
		*info = current->siginfo[sig - 1];
		return sig;
	}
	if (!shared)
		return 0;
	sig = __builtin_ctzll(shared) + 1;
	if (!(__sync_fetch_and_and(&current->signal->shared_pending, ~sigmask(sig)) & sigmask(sig)))
		return -1;
	*info = current->signal->shared_info[sig - 1];
	return sig;
}

/* t has done its part of the group stop; the last one to stop tells the
 * parent (CLD_STOPPED with the stop signal).  tasklist_lock held. */
static void group_stop_done(struct task_struct *t)
{
	struct signal_struct *signal = t->signal;

	lockdep_assert_held(&tasklist_lock);
	t->jobctl &= ~JOBCTL_STOP_PENDING;
	if (--signal->group_stop_count)
		return;
	signal->flags = (signal->flags & ~SIGNAL_STOP_CONTINUED) | SIGNAL_STOP_STOPPED;
	do_notify_parent(t->group_leader, CLD_STOPPED, signal->group_exit_code);
}

void exit_group_stop(struct task_struct *tsk)
{
	lockdep_assert_held(&tasklist_lock);
	if (tsk->jobctl & JOBCTL_STOP_PENDING)
		group_stop_done(tsk);
}

/* current took stop signal sig when cont_count was conts: every live
 * thread of the group is to stop (Linux's group stop); false if the
 * group is exiting instead, or a SIGCONT was sent since.
 * tasklist_lock held. */
static bool start_group_stop(int sig, unsigned int conts)
{
	struct signal_struct *signal = current->signal;
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	if ((signal->flags & SIGNAL_GROUP_EXIT) || signal->cont_count != conts)
		return false;
	if (!(signal->flags & SIGNAL_STOP_STOPPED))
		signal->group_exit_code = sig;
	for_each_thread_from(current->group_leader, t) {
		if (t->exit_state || (t->jobctl & JOBCTL_STOP_PENDING))
			continue;
		t->jobctl |= JOBCTL_STOP_PENDING;
		signal->group_stop_count++;
		if (t != current)
			try_to_wake_up(t, TASK_INTERRUPTIBLE);
	}
	return true;
}

/* Stop current for its group's stop (sig: the stop signal it took when
 * cont_count was conts, or 0 when another thread's started it), until
 * SIGCONT or SIGKILL wakes it.  Interrupts on. */
static void do_signal_stop(int sig, unsigned int conts)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if ((sig && !start_group_stop(sig, conts)) || !(current->jobctl & JOBCTL_STOP_PENDING)) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return;
	}
	set_current_state(TASK_STOPPED);
	group_stop_done(current);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* A SIGKILL sent without tasklist_lock (tkill) may have come before
	 * the state was set, its wake-up lost: it is looked at after. */
	if (!fatal_signal_pending(current))
		schedule();
	__set_current_state(TASK_RUNNING);
}

/* sig's action, as it is now (another thread may change it); a one-shot
 * handler (SA_RESETHAND) is reset as it is taken. */
static struct k_sigaction take_action(int sig)
{
	struct sighand_struct *sh = current->sighand;
	struct k_sigaction ka;
	unsigned long flags;

	spin_lock_irqsave(&sh->siglock, flags);
	ka = sh->action[sig - 1];
	if ((ka.flags & SA_RESETHAND) && ka.handler > SIG_IGN)
		sh->action[sig - 1].handler = SIG_DFL;
	spin_unlock_irqrestore(&sh->siglock, flags);
	return ka;
}

/* A user process still running: a group leader (alive, or a zombie
 * whose other threads still are).  Not kernel threads or dead groups. */
static bool user_process(const struct task_struct *p)
{
	return thread_group_leader(p) && p->signal->live &&
	       (p->mm || p->exit_state == EXIT_ZOMBIE);
}

/* POSIX's orphaned process group: no member has a parent in another
 * group of the same session (init as a parent does not count, nor a
 * member that has exited).  Nobody is there to continue it, so the stop
 * signals other than SIGSTOP do not stop it (Linux's
 * is_current_pgrp_orphaned). */
static bool is_current_pgrp_orphaned(void)
{
	int pgrp = current->signal->pgrp;
	bool orphaned = true;
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		struct task_struct *parent = p->parent;

		if (!user_process(p) || p->exit_state || p->signal->pgrp != pgrp || !parent ||
		    parent->tgid == 1)
			continue;
		if (parent->signal->pgrp != pgrp &&
		    parent->signal->session == p->signal->session) {
			orphaned = false;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/* One step of get_signal_to_deliver: a signal with a handler (> 0, its
 * action in *ka), none left (0), or one dealt with here (-1: look again). */
static int next_signal(struct kernel_siginfo *info, struct k_sigaction *ka)
{
	unsigned int conts;
	int sig;

	if ((current->jobctl & JOBCTL_STOP_PENDING) && !fatal_signal_pending(current)) {
		do_signal_stop(0, 0);
		return -1;
	}
	/* Read before the dequeue (its atomic op orders the two): a SIGCONT
	 * that comes after cancels the stop signal taken here. */
	conts = current->signal->cont_count;
	sig = dequeue_signal(~current->blocked, info);
	if (sig <= 0)
		return sig;
	if (current->forced & sigmask(sig))
		__sync_fetch_and_and(&current->forced, ~sigmask(sig));
	else if (sig != SIGKILL && sig_ignored(current, sig))   /* it was blocked when sent */
		return -1;      /* (a SIGKILL still pending is a group exit's or de_thread's,
				 * even in init: send_sig dropped any other) */
	*ka = take_action(sig);
	if (ka->handler == SIG_DFL && (sigmask(sig) & STOP_SIGNALS)) {
		if (sig == SIGSTOP || !is_current_pgrp_orphaned())
			do_signal_stop(sig, conts);
		return -1;
	}
	if (ka->handler == SIG_DFL)
		exit_by_signal(sig);
	if (ka->handler == SIG_IGN)             /* just changed by another thread */
		return -1;
	return sig;
}

int get_signal_to_deliver(struct kernel_siginfo *info, struct k_sigaction *ka)
{
	int sig;

	while ((sig = next_signal(info, ka)) < 0)
		;
	return sig;
}

void signal_delivered(int sig, const struct k_sigaction *ka)
{
	current->blocked |= (ka->mask | (ka->flags & SA_NODEFER ? 0 : sigmask(sig))) & ~UNBLOCKABLE;
	current->restore_sigmask = false;       /* the frame has the mask now */
}

long sys_rt_sigaction(unsigned long sig, const void __user *uact, void __user *uoact,
		      unsigned long size)
{
	struct sighand_struct *sh = current->sighand;
	struct k_sigaction act, old;
	unsigned long flags;

	if (sig < 1 || sig > _NSIG || size != 8)
		return -EINVAL;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	spin_lock_irqsave(&sh->siglock, flags);
	old = sh->action[sig - 1];
	if (uact)
		sh->action[sig - 1] = act;
	spin_unlock_irqrestore(&sh->siglock, flags);
	if (uoact && copy_to_user(uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(unsigned long how, const u64 __user *uset, u64 __user *uoset,
			unsigned long size)
{
	u64 set;

	if (size != 8)
		return -EINVAL;
	if (uoset && copy_to_user(uoset, &current->blocked, sizeof(u64)))
		return -EFAULT;
	if (!uset)
		return 0;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	if (how == SIG_BLOCK)
		current->blocked |= set;
	else if (how == SIG_UNBLOCK)
		current->blocked &= ~set;
	else if (how == SIG_SETMASK)
		current->blocked = set;
	else
		return -EINVAL;
	current->blocked &= ~UNBLOCKABLE;
	return 0;
}

/* What is pending and blocked: the thread's own and its group's. */
long sys_rt_sigpending(u64 __user *uset, unsigned long size)
{
	u64 set = (current->pending | current->signal->shared_pending) & current->blocked;

	if (size > sizeof(set))
		return -EINVAL;
	return copy_to_user(uset, &set, size) ? -EFAULT : 0;
}

/* kill's pid: > 0 that process (or the process of that thread), 0 our
 * group, -1 everyone but init and us, < -1 the group -pid.  One task per
 * process matches. */
static bool kill_matches(const struct task_struct *p, long pid)
{
	if (pid > 0)
		return p->pid == pid && user_process(p->group_leader);
	if (!user_process(p))
		return false;
	if (pid == 0)
		return p->signal->pgrp == current->signal->pgrp;
	if (pid == -1)
		return p->tgid > 1 && p->signal != current->signal;
	return p->signal->pgrp == -pid;
}

int kill_pgrp(int pgrp, int sig)
{
	struct task_struct *p;
	unsigned long flags;
	int found = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (user_process(p) && p->signal->pgrp == pgrp) {
			group_send_sig(sig, p);
			found++;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

long sys_kill(unsigned long upid, unsigned long sig)
{
	struct kernel_siginfo from = from_current(SI_USER);
	struct task_struct *p;
	unsigned long flags;
	long pid = (long)upid;
	int found = 0;

	if (sig >= _NSIG)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!kill_matches(p, pid))
			continue;
		found++;
		if (sig)
			group_send_sig_from((int)sig, p, &from);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

/* A signal for one thread (tgid 0: any group). */
static long do_tkill(long tgid, long tid, unsigned long sig)
{
	struct kernel_siginfo from = from_current(SI_TKILL);
	struct task_struct *t;
	long err = -ESRCH;

	if (tid <= 0 || sig > _NSIG)
		return -EINVAL;
	t = find_get_task((int)tid);
	if (!t)
		return -ESRCH;
	if (t->mm && !t->exit_state && (!tgid || t->tgid == tgid))
		err = sig ? send_sig_from((int)sig, t, &from) : 0;
	put_task_struct(t);
	return err;
}

long sys_tkill(unsigned long tid, unsigned long sig)
{
	return do_tkill(0, (long)tid, sig);
}

long sys_tgkill(unsigned long tgid, unsigned long tid, unsigned long sig)
{
	if ((long)tgid <= 0)
		return -EINVAL;
	return do_tkill((long)tgid, (long)tid, sig);
}

/* The call that returned -ERESTART_RESTARTBLOCK, resumed with what it
 * saved; called by a program itself (nothing saved) it is -EINTR. */
long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

/* Sleep until a signal is delivered; a handler then makes it -EINTR. */
static long sleep_for_signal(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	return sleep_for_signal();
}

/* Wait for a signal with a temporary mask; the old one comes back once
 * the handler returns (it is saved in the handler's frame). */
long sys_rt_sigsuspend(const u64 __user *umask, unsigned long size)
{
	u64 mask;

	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = mask & ~UNBLOCKABLE;
	return sleep_for_signal();
}

/* Take one of these, if pending; 0 if none. */
static int dequeue_wanted(u64 these, struct kernel_siginfo *info)
{
	int sig;

	while ((sig = dequeue_signal(these, info)) < 0)
		;       /* another thread took that one: each retry has one bit fewer */
	return sig;
}

/* Sleep until a signal is pending or ns have passed (KTIME_MAX: no
 * limit); true if the time ran out.  these are unblocked meanwhile, so
 * that a signal sent to the group picks this thread; real_blocked keeps
 * the caller's mask (so they are not dropped as ignored), and it is back
 * on return. */
static bool sleep_unblocked(u64 these, u64 ns)
{
	u64 start = ktime_get_ns(), done;

	current->real_blocked = current->blocked;
	barrier();              /* sig_ignored on another CPU reads both */
	current->blocked &= ~these;
	while ((done = ktime_get_ns() - start) < ns) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule_timeout((long)nsecs_to_jiffies(ns - done) + 1);
	}
	__set_current_state(TASK_RUNNING);
	current->blocked = current->real_blocked;
	barrier();
	current->real_blocked = 0;
	return done >= ns;
}

/* Wait for one of these (current's own first, then the group's) and
 * take it without running its handler: its number, -EAGAIN once the
 * timeout (NULL: none) has passed, -EINTR for a signal outside these
 * (its handler runs; not restarted, as in Linux). */
static int sigtimedwait(u64 these, const struct timespec64 *ts, struct kernel_siginfo *info)
{
	u64 ns = ts ? timespec_to_ns(ts->tv_sec, ts->tv_nsec) : KTIME_MAX;
	int sig = dequeue_wanted(these, info);
	bool timed_out;

	if (sig)
		return sig;
	if (!ns)
		return -EAGAIN;
	timed_out = sleep_unblocked(these, ns);
	sig = dequeue_wanted(these, info);
	if (sig)
		return sig;
	return timed_out ? -EAGAIN : -EINTR;
}

static long do_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo, const void __user *uts,
			       unsigned long size, bool wide)
{
	struct kernel_siginfo info;
	struct timespec64 ts;
	u32 kinfo[32];
	u64 these;
	int sig;

	if (size != sizeof(these))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts && get_timespec(uts, wide, &ts))
		return -EFAULT;
	if (uts && (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC))
		return -EINVAL;
	sig = sigtimedwait(these & ~UNBLOCKABLE, uts ? &ts : NULL, &info);
	if (sig < 0 || !uinfo)
		return sig;
	fill_user_siginfo(kinfo, sig, &info);
	return copy_to_user(uinfo, kinfo, sizeof(kinfo)) ? -EFAULT : sig;
}

long sys_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo, const void __user *uts,
			 unsigned long size)
{
	return do_rt_sigtimedwait(uthese, uinfo, uts, size, false);
}

long sys_rt_sigtimedwait_time64(const u64 __user *uthese, void __user *uinfo,
				const void __user *uts, unsigned long size)
{
	return do_rt_sigtimedwait(uthese, uinfo, uts, size, true);
}
