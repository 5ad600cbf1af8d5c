/*
 * kernel/signal.h - signals: sending them, and delivering them on the way
 * back to user mode, to a handler (with a Linux rt signal frame on the
 * user stack, undone by rt_sigreturn) or by the default action.
 *
 * Each task has a pending and a blocked set (bit sig-1) and its actions;
 * fork copies the actions and the blocked set, exec resets handlers to
 * the default (ignored signals stay ignored).  Default actions: SIGCHLD,
 * SIGCONT, SIGURG and SIGWINCH are ignored, the stop signals too (job
 * control is not there), everything else terminates the process, which
 * its parent's wait4 then sees (WIFSIGNALED).  Init (pid 1) gets only the
 * signals it has handlers for, as in Linux.
 * Locking: pending is changed with atomic bit operations (senders on any
 * CPU); blocked and the actions only by the task itself.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/arch/ptrace.h"

#define _NSIG 64
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGSTOP 19

struct k_sigaction {
	u32 handler;                    /* SIG_DFL 0, SIG_IGN 1, or an address */
	u32 flags;
	u32 restorer;
	u64 mask;
};

struct task_struct;

/* How restart_syscall resumes a call that returned -ERESTART_RESTARTBLOCK
 * (Linux's restart_block, kept in the task): fn, with what it saved.
 * NULL fn: nothing to resume, restart_syscall is -EINTR. */
struct restart_block {
	long (*fn)(struct restart_block *rb);
	union {
		struct {                /* kernel/futex.c:futex_wait_restart */
			u32 __user *uaddr;
			u32 val, flags, bitset;
			u64 deadline;   /* ns on the monotonic or the real clock */
		} futex;
	};
};

int send_sig(int sig, struct task_struct *p);
/* A signal p cannot refuse (Linux's force_sig): blocked or ignored it
 * becomes the default action, and even init acts on it.  A fault's
 * signal to current, or the OOM killer's SIGKILL to init.  Delivered,
 * like every signal, by do_notify_resume on the way back to user mode,
 * with interrupts on: never from inside a trap handler. */
void force_sig(int sig, struct task_struct *p);
/* Every process of group pgrp (the terminal's Ctrl-C): 0 or -ESRCH. */
int kill_pgrp(int pgrp, int sig);
bool signal_pending(struct task_struct *p);
/* SIGKILL is pending: what ends even a call Linux does not interrupt for
 * a signal with a handler (a regular file's read or write). */
bool fatal_signal_pending(const struct task_struct *p);
/* On every return to user mode: deliver what is pending and unblocked. */
void do_notify_resume(struct pt_regs *regs);
/* exec: handlers back to the default. */
void flush_signal_handlers(struct task_struct *p);

#endif
