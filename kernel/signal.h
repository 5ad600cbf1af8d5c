/*
 * kernel/signal.h - signals: sending them, and delivering them on the way
 * back to user mode, to a handler (with a Linux rt signal frame on the
 * user stack, undone by rt_sigreturn) or by the default action.
 *
 * Each thread has a blocked set and a private pending set (bit sig-1):
 * what tkill/tgkill and faults send it.  Its thread group shares a
 * struct signal_struct whose shared_pending holds what kill() sends the
 * process, taken by whichever thread does not block it; threads made with
 * CLONE_SIGHAND share the actions (struct sighand_struct).  fork copies
 * the actions and the blocked set, exec resets handlers to the default
 * (ignored signals stay ignored).  Default actions: SIGCHLD, SIGURG and
 * SIGWINCH are ignored; SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stop the
 * whole thread group (a group stop: each thread gets JOBCTL_STOP_PENDING
 * and stops in TASK_STOPPED, the last one tells the parent); SIGCONT
 * resumes a stopped group as soon as it is sent, whatever its action;
 * everything else terminates the whole thread group, which its parent's
 * wait4 then sees (WIFSIGNALED).  Init (pid 1) gets only the signals it
 * has handlers for, as in Linux.
 * Each pending signal also keeps its siginfo (struct kernel_siginfo):
 * kill() is SI_USER, tkill/tgkill SI_TKILL, with the sender's tgid in
 * si_pid (glibc's pthread_cancel handler acts only on SI_TKILL from its
 * own process); a fault has its si_code and si_addr, SIGCHLD the child's
 * CLD_* code, pid and status; what else the kernel sends has code and
 * pid 0.  As in Linux a signal already pending is not queued twice, but
 * the siginfo kept is the last sender's (written before the bit, without
 * a lock).
 * Locking: pending and shared_pending are changed with atomic bit
 * operations (senders on any CPU); blocked only by the thread itself; the
 * actions under sighand->siglock; the group's flags, exit code, live and
 * nr_threads counts, group_stop_count, each thread's jobctl, the thread
 * list, leader and accounting under tasklist_lock (sighand->siglock nests
 * inside it); the timer is armed under the leader's alloc_lock
 * (kernel/itimer.c).  Both structures are
 * refcounted (count, atomic) and freed with the last task using them.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/arch/ptrace.h"
#include "kernel/cputime.h"
#include "kernel/locking/spinlock.h"
#include "kernel/timer.h"
#include "kernel/wait_types.h"

#define RLIM_NLIMITS 16

#define _NSIG 64

/* What a pending signal's siginfo says besides its number (Linux's
 * kernel_siginfo, cut to the fields we fill; si_uid is always 0). */
struct kernel_siginfo {
	s32 code;                       /* SI_USER, SI_TKILL, SI_KERNEL, or the
					 * signal's own: SEGV_MAPERR, CLD_EXITED... */
	s32 pid;                        /* the sender's tgid; SIGCHLD: the child's */
	s32 status;                     /* SIGCHLD: exit code, or the signal */
	u32 addr;                       /* a fault's: si_addr */
};

/* si_code values (Linux's): who sent it, or why the kernel did. */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

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
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27

#define SIG_DFL 0
#define SIG_IGN 1
#define SA_SIGINFO 0x00000004
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000

#define sigmask(sig) (1ULL << ((sig) - 1))
#define UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {
	u32 handler;                    /* SIG_DFL 0, SIG_IGN 1, or an address */
	u32 flags;
	u32 restorer;
	u64 mask;
};

struct task_struct;
struct kmem_cache;

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
		struct {                /* kernel/sys.c:nanosleep_restart */
			void __user *rem;
			u64 deadline;   /* ns on the monotonic clock */
			bool wide;      /* rem is the 64-bit timespec */
		} nanosleep;
	};
};

/* The actions, shared by CLONE_SIGHAND threads. */
struct sighand_struct {
	int count;
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
};

#define SIGNAL_GROUP_EXIT 1             /* exit_group or a fatal signal: all die */
#define SIGNAL_STOP_STOPPED 2           /* every thread has stopped (group stop) */
#define SIGNAL_STOP_CONTINUED 4         /* SIGCONT ended a stop; wait may report it */

/* task->jobctl: this thread has still to stop for its group's stop. */
#define JOBCTL_STOP_PENDING 1

/* One per thread group (process), shared by its CLONE_THREAD threads. */
struct signal_struct {
	int count;                      /* tasks pointing here */
	int live;                       /* threads that have not exited yet */
	int nr_threads;                 /* ...and a zombie leader too: until reaped */
	volatile u64 shared_pending;    /* kill(): for any thread of the group */
	struct kernel_siginfo shared_info[_NSIG]; /* each one's siginfo */
	unsigned int flags;             /* SIGNAL_GROUP_EXIT, SIGNAL_STOP_* */
	/* The wait status once SIGNAL_GROUP_EXIT; while stopped, the stop
	 * signal, until wait reports it (then 0), as in Linux. */
	int group_exit_code;
	int group_stop_count;           /* threads still to stop (JOBCTL_STOP_PENDING) */
	/* SIGCONTs sent so far: a stop signal taken before one of them
	 * does not stop the group after it (Linux's SIGNAL_STOP_DEQUEUED). */
	unsigned int cont_count;
	/* An execve in a thread (de_thread) waits here for the others to go. */
	struct task_struct *group_exit_task;
	wait_queue_head_t wait_chldexit; /* its threads sleep here in wait4 */
	/* Resource limits are the process's, as in Linux: one thread's
	 * setrlimit holds for all (written under the leader's alloc_lock). */
	unsigned long rlim_cur[RLIM_NLIMITS], rlim_max[RLIM_NLIMITS];
	int pgrp, session;              /* process group and session, under tasklist_lock */
	/* Accounting (kernel/cputime.c), under tasklist_lock: what the
	 * threads that have exited used, and the whole-process totals of the
	 * children reaped (theirs and their own reaped children's); the peak
	 * resident pages of the address spaces it left, and its children's. */
	struct task_usage dead, children;
	struct prev_cputime prev_cputime;       /* the process's last reported */
	unsigned long maxrss, cmaxrss;
	/* ITIMER_REAL (kernel/itimer.c), one per process: SIGALRM to the
	 * group at it_real_expires (ktime ns), then every it_real_incr ns
	 * (0: once); real_timer is armed towards it, in hops of at most
	 * MAX_JIFFY_OFFSET; `leader` (under tasklist_lock) is whom its
	 * handler signals. */
	struct timer_list real_timer;
	u64 it_real_expires, it_real_incr;
	struct task_struct *leader;
	/* ITIMER_VIRTUAL and ITIMER_PROF, in it[which - 1]: counted down by
	 * the tick of every thread (kernel/cputime.c:account_process_tick). */
	struct cpu_itimer it[2];
};

/* Their slab caches (slabinfo's sighand_cache and signal_cache), made
 * by signals_init before the first task is created. */
extern struct kmem_cache *sighand_cachep, *signal_cachep;
void signals_init(void);
struct sighand_struct *sighand_alloc(void);
void put_sighand(struct sighand_struct *sh);
struct signal_struct *signal_alloc(void);
void put_signal(struct signal_struct *sig);

/* To the thread p alone, as Linux's send_sig (tkill, tgkill, SIGPIPE):
 * its private pending set. */
int send_sig(int sig, struct task_struct *p);
/* To p's thread group (kill, SIGCHLD, alarm, the OOM killer): the shared
 * pending set, acted on by one thread that does not block it (woken
 * here); SIGKILL goes to every thread at once.  tasklist_lock held. */
int group_send_sig(int sig, struct task_struct *p);
/* A signal p cannot refuse (Linux's force_sig): blocked or ignored it
 * becomes the default action, and even init acts on it.  A fault's
 * signal to current, or the OOM killer's SIGKILL to init.  Delivered,
 * like every signal, by do_notify_resume on the way back to user mode,
 * with interrupts on: never from inside a trap handler. */
void force_sig(int sig, struct task_struct *p);
/* A fault's signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) to current
 * alone, with its si_code and si_addr. */
void force_sig_fault(int sig, int code, unsigned long addr);
/* SIGCHLD to the parent of the child whose leader is child: a state
 * change (CLD_EXITED... CLD_CONTINUED) with its status; the parent's
 * wait sleepers are woken even when the signal is not sent (SA_NOCLDSTOP,
 * ignored).  tasklist_lock held. */
void do_notify_parent(struct task_struct *child, int code, int status);
/* A thread leaves: it has no group stop to take part in any more.
 * tasklist_lock held. */
void exit_group_stop(struct task_struct *tsk);
/* SIGKILL to every thread of p's group but p itself; tasklist_lock held. */
void zap_other_threads(struct task_struct *p);
/* Every process of group pgrp (the terminal's Ctrl-C): 0 or -ESRCH. */
int kill_pgrp(int pgrp, int sig);
bool signal_pending(struct task_struct *p);
/* SIGKILL is pending: what ends even a call Linux does not interrupt for
 * a signal with a handler (a regular file's read or write). */
bool fatal_signal_pending(const struct task_struct *p);
/* On every return to user mode: deliver what is pending and unblocked
 * (kernel/arch/signal.c). */
void do_notify_resume(struct pt_regs *regs);
/* The next pending, unblocked signal current must run a handler for: its
 * number, with its siginfo and action; 0 when none is left.  On the way
 * it drops ignored signals, takes part in group stops and carries out
 * default actions (which may not return). */
int get_signal_to_deliver(struct kernel_siginfo *info, struct k_sigaction *ka);
/* sig's handler frame is set up: block ka's mask (and sig itself, unless
 * SA_NODEFER) while it runs. */
void signal_delivered(int sig, const struct k_sigaction *ka);
/* The i386 user siginfo (128 bytes) of a signal: for a handler's frame
 * and for rt_sigtimedwait. */
void fill_user_siginfo(u32 uinfo[32], int sig, const struct kernel_siginfo *info);
/* exec: handlers back to the default. */
void flush_signal_handlers(struct task_struct *p);

#endif
