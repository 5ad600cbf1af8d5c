/*
 * kernel/signal.c - sending and delivering signals (see kernel/signal.h),
 * rt_sigaction, rt_sigprocmask, rt_sigreturn, kill, tkill and tgkill.
 *
 * A signal for the thread group (kill) waits in the group's shared set
 * until one thread that does not block it dequeues it; complete_signal
 * wakes such a thread, the leader first (Linux's choice).  A thread's own
 * signals (tkill, tgkill, faults) go to its private set and are taken
 * first.  A signal whose default action is to terminate ends the whole
 * group (do_group_exit), and SIGKILL reaches every thread as soon as it
 * is sent.
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
 * Data: per thread pending, forced and blocked; per group struct
 * signal_struct; the actions in struct sighand_struct.
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
		sig->live = 1;
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

bool signal_pending(struct task_struct *p)
{
	return ((p->pending | p->signal->shared_pending) & ~p->blocked) != 0;
}

bool fatal_signal_pending(const struct task_struct *p)
{
	return (p->pending & sigmask(SIGKILL)) != 0;
}

static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == 18 /* SIGCONT */ || sig == 23 /* SIGURG */ ||
	       sig == 28 /* SIGWINCH */ || (sig >= SIGSTOP && sig <= 22);
}

/* A signal nobody will act on is dropped when sent, as in Linux, so it
 * never cuts a sleep short.  A blocked one is kept: the handler may change
 * before it is unblocked.  init dies of nothing it did not ask for. */
static bool sig_ignored(struct task_struct *p, int sig)
{
	u32 handler = p->sighand->action[sig - 1].handler;

	if (p->blocked & sigmask(sig))
		return false;
	if (handler == SIG_DFL && p->tgid == 1)
		return true;
	if (sig == SIGKILL)
		return false;
	return handler == SIG_IGN || (handler == SIG_DFL && ignored_by_default(sig));
}

/* What the kernel sends on its own behalf: no sender to name. */
static const struct sig_origin from_kernel;

/* A system call's signal: from current's process. */
static struct sig_origin from_current(s32 code)
{
	return (struct sig_origin){ code, current->tgid };
}

/* Mark sig pending, its origin first (the atomic or orders the two); a
 * first SIGKILL is timed from here (khungtaskd). */
static void add_pending(struct task_struct *p, int sig, const struct sig_origin *from)
{
	if (sig == SIGKILL && !fatal_signal_pending(p))
		p->sigkill_jiffies = jiffies;
	p->origin[sig - 1] = *from;
	__sync_fetch_and_or(&p->pending, sigmask(sig));
}

static int send_sig_from(int sig, struct task_struct *p, const struct sig_origin *from)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (sig_ignored(p, sig))
		return 0;
	add_pending(p, sig, from);
	if (signal_pending(p))
		try_to_wake_up(p, TASK_INTERRUPTIBLE);
	return 0;
}

int send_sig(int sig, struct task_struct *p)
{
	return send_sig_from(sig, p, &from_kernel);
}

static void kill_thread(struct task_struct *t)
{
	add_pending(t, SIGKILL, &from_kernel);
	try_to_wake_up(t, TASK_INTERRUPTIBLE);
}

void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	for_each_thread_from(p->group_leader, t)
		if (t != p && !t->exit_state)
			kill_thread(t);
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

static int group_send_sig_from(int sig, struct task_struct *p, const struct sig_origin *from)
{
	struct task_struct *t;

	lockdep_assert_held(&tasklist_lock);
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (sig_ignored(p, sig))
		return 0;
	if (sig == SIGKILL) {
		for_each_thread_from(p->group_leader, t)
			if (!t->exit_state)
				kill_thread(t);
		return 0;
	}
	p->signal->shared_origin[sig - 1] = *from;
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
void force_sig(int sig, struct task_struct *p)
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
	add_pending(p, sig, &from_kernel);
	if (p != current)
		try_to_wake_up(p, TASK_INTERRUPTIBLE);
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

static int setup_rt_frame(int sig, const struct sig_origin *from, const struct k_sigaction *ka,
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
	k->info[0] = (u32)sig;
	k->info[2] = (u32)from->code;   /* si_errno (1) stays 0 */
	k->info[3] = (u32)from->pid;    /* si_uid (4): everyone is root */
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

/* The next signal for current: its own first, then the group's (which
 * another thread may take first: -1, look again); 0 if none. */
static int dequeue_signal(struct sig_origin *from)
{
	u64 mine = current->pending & ~current->blocked;
	u64 shared = current->signal->shared_pending & ~current->blocked;
	int sig;

	if (mine) {
		sig = __builtin_ctzll(mine) + 1;
		__sync_fetch_and_and(&current->pending, ~sigmask(sig));
		*from = current->origin[sig - 1];
		return sig;
	}
	if (!shared)
		return 0;
	sig = __builtin_ctzll(shared) + 1;
	if (!(__sync_fetch_and_and(&current->signal->shared_pending, ~sigmask(sig)) & sigmask(sig)))
		return -1;
	*from = current->signal->shared_origin[sig - 1];
	return sig;
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
	struct sig_origin from;
	int sig = dequeue_signal(&from);
	struct k_sigaction ka;

	if (sig <= 0)
		return sig < 0;
	if (current->forced & sigmask(sig))
		__sync_fetch_and_and(&current->forced, ~sigmask(sig));
	else if (sig != SIGKILL && sig_ignored(current, sig))   /* it was blocked when sent */
		return true;    /* (a SIGKILL still pending is a group exit's or de_thread's,
				 * even in init: send_sig dropped any other) */
	ka = take_action(sig);
	if (ka.handler == SIG_DFL)
		exit_by_signal(sig);
	if (ka.handler == SIG_IGN)              /* just changed by another thread */
		return true;
	if (regs->vector == SYSCALL_VECTOR && (s32)regs->eax == -ERESTARTSYS)
		restart_or_fail(regs, ka.flags & SA_RESTART);   /* a sleep cut short */
	if (regs->vector == SYSCALL_VECTOR && ((s32)regs->eax == -ERESTARTNOHAND ||
					       (s32)regs->eax == -ERESTART_RESTARTBLOCK))
		restart_or_fail(regs, false);
	if (ka.flags & SA_SIGINFO ? setup_rt_frame(sig, &from, &ka, regs) : setup_frame(sig, &ka, regs))
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
	struct sig_origin from = from_current(SI_USER);
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
	struct sig_origin from = from_current(SI_TKILL);
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
