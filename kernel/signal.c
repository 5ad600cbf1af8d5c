/*
 * kernel/signal.c - sending and delivering signals (see kernel/signal.h),
 * rt_sigaction, rt_sigprocmask, rt_sigreturn, kill, tkill, tgkill,
 * rt_sigpending and rt_sigtimedwait.
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
 * rt_sigtimedwait takes a signal from a given set without its handler:
 * while it sleeps those signals are unblocked (real_blocked keeps the
 * mask), so that a signal for the group is given to the waiting thread.
 *
 * A handler runs on the user stack: setup_rt_frame pushes a struct
 * rt_sigframe - the return address (glibc's __restore_rt, or the frame's
 * own `mov $173, %eax; int $0x80`), the handler's three arguments, a
 * siginfo, and a ucontext holding the interrupted registers, FPU state and
 * signal mask - and points eip at the handler.  rt_sigreturn reads the
 * ucontext back, trusting nothing in it that could raise privilege (the
 * segment selectors are forced to user ones, only user-settable flags are
 * taken).
 * A sleep a signal cuts short returns -ERESTARTSYS; on the way out the
 * call is re-issued (a handler with SA_RESTART, or no handler needed) by
 * backing eip up over the `int $0x80`, or fails with EINTR.  A timed
 * wait returns -ERESTART_RESTARTBLOCK instead: EINTR after a handler,
 * else resumed by restart_syscall from current->restart_block, so it
 * keeps its first deadline.
 * Data: per thread pending (with each one's siginfo), forced, blocked,
 * real_blocked and jobctl; per group struct signal_struct; the actions
 * in struct sighand_struct.
 * Locking: see kernel/signal.h.
 */
#include "kernel/signal.h"
#include "fs/exec.h"
#include "kernel/arch/gdt.h"
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

#define SIG_DFL 0
#define SIG_IGN 1
#define SA_NOCLDSTOP 0x00000001
#define SA_SIGINFO 0x00000004
#define SA_RESTART 0x10000000
#define SA_ONSTACK 0x08000000
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SA_RESTORER 0x04000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define FLAGS_USER_MASK 0x00000dd5u     /* CF PF AF ZF SF TF DF OF */
#define NR_rt_sigreturn 173
#define NR_sigreturn 119
#define NR_restart_syscall 0

#define sigmask(sig) (1ULL << ((sig) - 1))
#define UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))
/* Default action: stop the group (job control). */
#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

struct sigcontext {
	u32 gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax;
	u32 trapno, err, eip, cs, eflags, esp_at_signal, ss, fpstate, oldmask, cr2;
};

struct ucontext {
	u32 uc_flags, uc_link;
	u32 ss_sp, ss_flags, ss_size;
	struct sigcontext mc;
	u64 sigmask;
};

struct rt_sigframe {
	u32 pretcode;
	s32 sig;
	u32 pinfo, puc;
	u32 info[32];                   /* siginfo: signo, errno, code, ... */
	struct ucontext uc;
	u8 retcode[8];
	u8 fpstate[512 + 16];           /* FXSAVE area, 16-byte aligned inside */
};

/* The old-style frame, for handlers without SA_SIGINFO: glibc's restorer
 * for those (__restore) pops sig and calls sigreturn (119). */
struct sigframe {
	u32 pretcode;
	s32 sig;
	struct sigcontext sc;
	u32 extramask;                  /* the high half of the old mask */
	u8 retcode[8];
	u8 fpstate[512 + 16];
};

/* The i386 layouts glibc expects (a u64 is 4-byte aligned in a struct). */
_Static_assert(sizeof(struct sigcontext) == 88, "sigcontext is 88 bytes");
_Static_assert(sizeof(struct ucontext) == 116, "ucontext is 116 bytes");

static bool on_sig_stack(unsigned long sp)
{
	return sp - current->sas_ss_sp < current->sas_ss_size;
}

/* Where a frame of size bytes goes: below the interrupted stack pointer,
 * or at the top of the alternate stack for SA_ONSTACK handlers (unless
 * already on it); the handler's esp + 4 is then 16-byte aligned. */
static unsigned long frame_sp(const struct pt_regs *regs, const struct k_sigaction *ka,
			      size_t size)
{
	unsigned long sp = regs->esp;

	if ((ka->flags & SA_ONSTACK) && current->sas_ss_size && !on_sig_stack(sp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	return ((sp - size) & ~15UL) - 4;
}

/* The mask a handler's frame restores: after sigsuspend, the one from
 * before it, not sigsuspend's temporary one. */
static u64 mask_to_save(void)
{
	return current->restore_sigmask ? current->saved_sigmask : current->blocked;
}

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
		p->signal->cont_count++;        /* after the discards: see deliver_one */
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

static void save_context(struct sigcontext *sc, const struct pt_regs *regs, u64 oldmask)
{
	*sc = (struct sigcontext){
		.gs = regs->gs, .fs = regs->fs, .es = regs->es, .ds = regs->ds,
		.edi = regs->edi, .esi = regs->esi, .ebp = regs->ebp, .esp = regs->esp,
		.ebx = regs->ebx, .edx = regs->edx, .ecx = regs->ecx, .eax = regs->eax,
		.trapno = regs->vector, .err = regs->error_code, .eip = regs->eip,
		.cs = regs->cs, .eflags = regs->eflags, .esp_at_signal = regs->esp,
		.ss = regs->ss, .oldmask = (u32)oldmask,
	};
}

/* The FPU state into a frame's area (16-byte aligned inside it); the
 * user address of the copy, or 0. */
static u32 save_fpstate(u8 *karea, unsigned long uarea)
{
	unsigned long fp = (uarea + 15) & ~15UL;

	if (!current->used_math)
		return 0;
	fpu_save_current();
	memcpy(karea + (fp - uarea), &current->thread.fpu, 512);
	return (u32)fp;
}

/* Point the user registers at the handler, the stack at the frame. */
static void enter_handler(struct pt_regs *regs, const struct k_sigaction *ka, unsigned long frame)
{
	regs->esp = (u32)frame;
	regs->eip = ka->handler;
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->eflags &= ~0x100u;        /* no single-stepping into the handler */
}

/* The i386 user siginfo (128 bytes): signo, errno (0), code, then the
 * union as Linux lays it out for that code - a fault's si_addr, else
 * si_pid and si_uid (0: everyone is root), and SIGCHLD's si_status. */
static void fill_user_siginfo(u32 uinfo[32], int sig, const struct kernel_siginfo *info)
{
	bool fault = sig != SIGCHLD && info->code > 0 && info->code < SI_KERNEL;

	memset(uinfo, 0, 32 * sizeof(u32));
	uinfo[0] = (u32)sig;
	uinfo[2] = (u32)info->code;
	uinfo[3] = fault ? info->addr : (u32)info->pid;
	uinfo[5] = (u32)info->status;
}

static int setup_rt_frame(int sig, const struct kernel_siginfo *info, const struct k_sigaction *ka,
			  struct pt_regs *regs)
{
	static const u8 retcode[8] = { 0xb8, NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };
	struct rt_sigframe __user *frame;
	struct rt_sigframe *k = kzalloc(sizeof(*k), GFP_KERNEL);
	int err;

	if (!k)
		return -ENOMEM;
	frame = (struct rt_sigframe __user *)frame_sp(regs, ka, sizeof(*frame));
	k->pretcode = ka->flags & SA_RESTORER ? ka->restorer : (u32)(unsigned long)frame->retcode;
	k->sig = sig;
	k->pinfo = (u32)(unsigned long)frame->info;
	k->puc = (u32)(unsigned long)&frame->uc;
	fill_user_siginfo(k->info, sig, info);
	save_context(&k->uc.mc, regs, mask_to_save());
	k->uc.sigmask = mask_to_save();
	k->uc.ss_sp = (u32)current->sas_ss_sp;
	k->uc.ss_size = (u32)current->sas_ss_size;
	k->uc.ss_flags = !current->sas_ss_size ? SS_DISABLE
			 : on_sig_stack(regs->esp) ? SS_ONSTACK : 0;
	k->uc.mc.fpstate = save_fpstate(k->fpstate, (unsigned long)frame->fpstate);
	memcpy(k->retcode, retcode, sizeof(retcode));
	err = copy_to_user(frame, k, sizeof(*k)) ? -EFAULT : 0;
	kfree(k);
	if (err)
		return err;
	enter_handler(regs, ka, (unsigned long)frame);
	regs->eax = (u32)sig;
	regs->edx = (u32)(unsigned long)frame->info;
	regs->ecx = (u32)(unsigned long)&frame->uc;
	return 0;
}

static int setup_frame(int sig, const struct k_sigaction *ka, struct pt_regs *regs)
{
	static const u8 retcode[8] = { 0x58, 0xb8, NR_sigreturn, 0, 0, 0, 0xcd, 0x80 };
	struct sigframe __user *frame;
	struct sigframe *k = kzalloc(sizeof(*k), GFP_KERNEL);
	int err;

	if (!k)
		return -ENOMEM;
	frame = (struct sigframe __user *)frame_sp(regs, ka, sizeof(*frame));
	k->pretcode = ka->flags & SA_RESTORER ? ka->restorer : (u32)(unsigned long)frame->retcode;
	k->sig = sig;
	save_context(&k->sc, regs, mask_to_save());
	k->extramask = (u32)(mask_to_save() >> 32);
	k->sc.fpstate = save_fpstate(k->fpstate, (unsigned long)frame->fpstate);
	memcpy(k->retcode, retcode, sizeof(retcode));
	err = copy_to_user(frame, k, sizeof(*k)) ? -EFAULT : 0;
	kfree(k);
	if (!err)
		enter_handler(regs, ka, (unsigned long)frame);
	return err;
}

/* Re-issue the interrupted system call after the handler (back up over
 * the int $0x80), or make it fail with EINTR. */
static void restart_or_fail(struct pt_regs *regs, bool restart)
{
	if (restart) {
		regs->eax = current->syscall_nr;
		regs->eip -= 2;
	} else {
		regs->eax = (u32)-EINTR;
	}
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

/* Deliver one pending signal; false when there is none left. */
static bool deliver_one(struct pt_regs *regs)
{
	struct kernel_siginfo info;
	struct k_sigaction ka;
	unsigned int conts;
	int sig;

	if ((current->jobctl & JOBCTL_STOP_PENDING) && !fatal_signal_pending(current)) {
		do_signal_stop(0, 0);
		return true;
	}
	/* Read before the dequeue (its atomic op orders the two): a SIGCONT
	 * that comes after cancels the stop signal taken here. */
	conts = current->signal->cont_count;
	sig = dequeue_signal(~current->blocked, &info);
	if (sig <= 0)
		return sig < 0;
	if (current->forced & sigmask(sig))
		__sync_fetch_and_and(&current->forced, ~sigmask(sig));
	else if (sig != SIGKILL && sig_ignored(current, sig))   /* it was blocked when sent */
		return true;    /* (a SIGKILL still pending is a group exit's or de_thread's,
				 * even in init: send_sig dropped any other) */
	ka = take_action(sig);
	if (ka.handler == SIG_DFL && (sigmask(sig) & STOP_SIGNALS)) {
		do_signal_stop(sig, conts);
		return true;
	}
	if (ka.handler == SIG_DFL)
		exit_by_signal(sig);
	if (ka.handler == SIG_IGN)              /* just changed by another thread */
		return true;
	if (regs->vector == SYSCALL_VECTOR && (s32)regs->eax == -ERESTARTSYS)
		restart_or_fail(regs, ka.flags & SA_RESTART);   /* a sleep cut short */
	if (regs->vector == SYSCALL_VECTOR && ((s32)regs->eax == -ERESTARTNOHAND ||
					       (s32)regs->eax == -ERESTART_RESTARTBLOCK))
		restart_or_fail(regs, false);
	if (ka.flags & SA_SIGINFO ? setup_rt_frame(sig, &info, &ka, regs) : setup_frame(sig, &ka, regs))
		exit_by_signal(sig);
	current->blocked |= (ka.mask | (ka.flags & SA_NODEFER ? 0 : sigmask(sig))) & ~UNBLOCKABLE;
	current->restore_sigmask = false;       /* the frame has the mask now */
	return false;                   /* one handler per return to user mode */
}

void do_notify_resume(struct pt_regs *regs)
{
	if (!current->mm)
		return;
	if (signal_pending(current)) {
		local_irq_enable();
		while (deliver_one(regs))
			;
		local_irq_disable();
	}
	/* Cut short by a signal that needed no handler: just try again. */
	if (regs->vector == SYSCALL_VECTOR &&
	    ((s32)regs->eax == -ERESTARTSYS || (s32)regs->eax == -ERESTARTNOHAND))
		restart_or_fail(regs, true);
	if (regs->vector == SYSCALL_VECTOR && (s32)regs->eax == -ERESTART_RESTARTBLOCK) {
		regs->eax = NR_restart_syscall;         /* resumes from restart_block */
		regs->eip -= 2;
	}
	if (current->restore_sigmask) {         /* sigsuspend's mask is over */
		current->restore_sigmask = false;
		current->blocked = current->saved_sigmask;
	}
}

/* Put back what the handler interrupted (only what user mode may set). */
static long restore_context(struct pt_regs *regs, const struct sigcontext *sc, u64 mask)
{
	regs->edi = sc->edi;
	regs->esi = sc->esi;
	regs->ebp = sc->ebp;
	regs->esp = sc->esp;
	regs->ebx = sc->ebx;
	regs->edx = sc->edx;
	regs->ecx = sc->ecx;
	regs->eip = sc->eip;
	regs->gs = sc->gs & 0xffff;
	regs->fs = sc->fs & 0xffff;
	regs->eflags = (regs->eflags & ~FLAGS_USER_MASK) | (sc->eflags & FLAGS_USER_MASK);
	current->blocked = mask & ~UNBLOCKABLE;
	current->restart_block.fn = NULL;       /* what it saved is over */
	if (sc->fpstate && current->used_math &&
	    !copy_from_user(&current->thread.fpu, (void __user *)(unsigned long)sc->fpstate, 512))
		fpu_restore_current();
	return (long)sc->eax;           /* do_syscall stores it back in eax */
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe __user *frame =
		(struct rt_sigframe __user *)(unsigned long)(regs->esp - 4);
	struct ucontext uc;

	if (copy_from_user(&uc, &frame->uc, sizeof(uc)))
		exit_by_signal(SIGSEGV);
	return restore_context(regs, &uc.mc, uc.sigmask);
}

long sys_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct sigframe __user *frame = (struct sigframe __user *)(unsigned long)(regs->esp - 8);
	struct sigcontext sc;
	u32 extramask;

	if (copy_from_user(&sc, &frame->sc, sizeof(sc)) ||
	    copy_from_user(&extramask, &frame->extramask, sizeof(extramask)))
		exit_by_signal(SIGSEGV);
	return restore_context(regs, &sc, (u64)extramask << 32 | sc.oldmask);
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

/* A user process still running: a group leader (alive, or a zombie
 * whose other threads still are).  Not kernel threads or dead groups. */
static bool user_process(const struct task_struct *p)
{
	return thread_group_leader(p) && p->signal->live &&
	       (p->mm || p->exit_state == EXIT_ZOMBIE);
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

struct stack32 {
	u32 ss_sp;
	s32 ss_flags;
	u32 ss_size;
};

long sys_sigaltstack(const void __user *uss, void __user *uoss)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct stack32 ss, old = { (u32)current->sas_ss_sp, 0, (u32)current->sas_ss_size };

	old.ss_flags = !current->sas_ss_size ? SS_DISABLE : on_sig_stack(regs->esp) ? SS_ONSTACK : 0;
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(regs->esp))
			return -EPERM;          /* not while running on it */
		if (ss.ss_flags & ~SS_DISABLE)
			return -EINVAL;
		if (!(ss.ss_flags & SS_DISABLE) && ss.ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		current->sas_ss_sp = ss.ss_flags & SS_DISABLE ? 0 : ss.ss_sp;
		current->sas_ss_size = ss.ss_flags & SS_DISABLE ? 0 : ss.ss_size;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
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
