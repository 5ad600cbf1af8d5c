/*
 * kernel/arch/signal.c - the i386 side of signals: the frame a handler
 * runs on, restarting the call a signal cut short, do_notify_resume on
 * the way back to user mode, rt_sigreturn and sigreturn, sigaltstack.
 * kernel/signal.c sends signals and chooses the one to deliver
 * (get_signal_to_deliver).
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
 * Data: the frames' layouts (the i386 ABI glibc expects); the task's
 * alternate stack (sas_ss_sp, sas_ss_size).
 * Locking: none of its own: everything here is current's, on its way to
 * or from user mode.
 */
#include "kernel/signal.h"
#include "fs/exec.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

#define SA_RESTORER 0x04000000
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define FLAGS_USER_MASK 0x00000dd5u     /* CF PF AF ZF SF TF DF OF */
#define NR_rt_sigreturn 173
#define NR_sigreturn 119
#define NR_restart_syscall 0

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

/* Run sig's handler on the way back to user mode: the call it cut short
 * restarted or failed first, then the frame, then the handler's mask. */
static void handle_signal(int sig, const struct kernel_siginfo *info, const struct k_sigaction *ka,
			  struct pt_regs *regs)
{
	if (regs->vector == SYSCALL_VECTOR && (s32)regs->eax == -ERESTARTSYS)
		restart_or_fail(regs, ka->flags & SA_RESTART);  /* a sleep cut short */
	if (regs->vector == SYSCALL_VECTOR && ((s32)regs->eax == -ERESTARTNOHAND ||
					       (s32)regs->eax == -ERESTART_RESTARTBLOCK))
		restart_or_fail(regs, false);
	if (ka->flags & SA_SIGINFO ? setup_rt_frame(sig, info, ka, regs) : setup_frame(sig, ka, regs))
		exit_by_signal(sig);
	signal_delivered(sig, ka);
}

void do_notify_resume(struct pt_regs *regs)
{
	struct kernel_siginfo info;
	struct k_sigaction ka;
	int sig;

	if (!current->mm)
		return;
	if (signal_pending(current)) {
		local_irq_enable();
		sig = get_signal_to_deliver(&info, &ka);
		if (sig > 0)            /* one handler per return to user mode */
			handle_signal(sig, &info, &ka, regs);
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
