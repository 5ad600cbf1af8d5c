/*
 * kernel/exit.c - init, and how threads and processes end: exit (one
 * thread), exit_group and fatal signals (the whole thread group), death by
 * SIGSEGV, wait4 and waitid, and what happens when init (pid 1) ends -
 * the kernel says `init exited with status N` and powers off, the exit
 * code carrying N through isa-debug-exit as TESTING.md promises.
 *
 * A thread that exits lets go of its mm, files and fs at once, leaves
 * its counts to the process (kernel/cputime.c:account_exiting_thread),
 * and, if it is the last, stops the process's real timer.  The
 * group's leader then stays a zombie until every other thread has gone;
 * the last one to go tells the parent, whose wait4 sees the group as one
 * child.  Other threads reap themselves (EXIT_DEAD): nobody waits for
 * them but pthread_join, through the CLONE_CHILD_CLEARTID word
 * (mm_release).  exit_group marks the group SIGNAL_GROUP_EXIT and sends
 * SIGKILL to the other threads; each reports the group's exit code.
 * The parent's SIGCHLD carries the child's CLD_* code, pid and status
 * (kernel/signal.c:do_notify_parent).  wait4 and waitid share do_wait:
 * a child's state change is its exit (WEXITED), a group stop (WSTOPPED,
 * wait4's WUNTRACED: reported once, by clearing the stop signal) or a
 * continue (WCONTINUED, once); WNOWAIT leaves it to be reported again.
 *
 * Data: init_argv/init_envp, set by init= (and rdinit=, its Linux synonym);
 * child_reaper, init's leader.
 * Locking: tasklist_lock (irqsave) for the links, the thread-group list,
 * exit_state and the group's live count and flags.
 */
#include "fs/exec.h"
#include "fs/file.h"
#include "fs/fs_struct.h"
#include "kernel/arch/power.h"
#include "kernel/arch/uaccess.h"
#include "kernel/futex.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mmap.h"

#define WNOHANG 1
#define WSTOPPED 2                      /* wait4's WUNTRACED */
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000
#define WAIT_IGNORED 0xe0000000         /* __WNOTHREAD, __WALL, __WCLONE: all children are alike */
#define P_ALL 0
#define P_PID 1
#define P_PGID 2

#define MAX_INIT_ARGS 16

static struct task_struct *child_reaper;       /* init: adopts orphans */
static char init_cmd[256], init_extra[512];
static size_t init_extra_len;
static char *init_argv[MAX_INIT_ARGS + 1];
static char *init_envp[MAX_INIT_ARGS + 1] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin:/usr/bin" };

/* init=/PROG takes the rest of the command line as PROG's arguments
 * (params.c stops parsing after it, as Linux does). */
static int set_init(char *val)
{
	int argc = 0;
	char *p;

	if (!val || val[0] != '/')
		return -1;
	strlcpy(init_cmd, val, sizeof(init_cmd));
	p = init_cmd;
	while (argc < MAX_INIT_ARGS && (init_argv[argc] = strsep(&p, " ")))
		if (*init_argv[argc])
			argc++;
	init_argv[argc] = NULL;
	return 0;
}
__setup("init", set_init);

static int set_rdinit(char *val)
{
	return set_init(val);
}
__setup("rdinit", set_rdinit);

static void append(char **vec, const char *word, const char *val)
{
	int n = 0;
	size_t len = strlen(word) + (val ? strlen(val) + 1 : 0) + 1;
	char *copy = init_extra + init_extra_len;

	while (vec[n])
		n++;
	if (n == MAX_INIT_ARGS || init_extra_len + len > sizeof(init_extra))
		return;
	snprintf(copy, len, val ? "%s=%s" : "%s", word, val);
	init_extra_len += len;
	vec[n] = copy;
}

bool init_takes_param(const char *param, const char *val)
{
	if (!init_argv[0])
		return false;
	append(val ? init_envp : init_argv, param, val);
	return true;
}

/* init starts with the console as stdin, stdout and stderr. */
static int open_console_fds(void)
{
	int err;
	struct file *f = filp_open("/dev/console", O_RDWR, 0, &err);

	current->files = files_alloc();
	if (!f || !current->files) {
		printk(KERN_ERR "init: no /dev/console (error %d)\n", f ? -ENOMEM : err);
		return -1;
	}
	fd_install(current->files, f, 0, false);
	for (int fd = 1; fd < 3; fd++) {
		__sync_fetch_and_add(&f->f_count, 1);
		fd_install(current->files, f, fd, false);
	}
	return 0;
}

/* Without init=, the first of these in the initramfs is init, as Linux
 * looks for them; with none, the kernel monitor runs instead. */
static const char *const default_inits[] = { "/sbin/init", "/bin/init", "/bin/sh" };

static void find_default_init(void)
{
	int err;
	struct dentry *d;

	for (unsigned int i = 0; i < ARRAY_SIZE(default_inits); i++) {
		if ((d = path_lookup(default_inits[i], &err))) {
			dput(d);
			set_init((char *)default_inits[i]);
			return;
		}
	}
}

void run_init_process(void)
{
	int err;

	child_reaper = current;
	if (!init_argv[0])
		find_default_init();
	if (!init_argv[0])
		return;
	if (open_console_fds())
		return;
	err = do_execve(init_argv[0], init_argv, init_envp);
	printk(KERN_ERR "init: cannot run %s (error %d)\n", init_argv[0], err);
}

/* A dying thread's children stay in its group (with the leader, which
 * stays until the group is done); once the group is done, its children
 * and the leader's go to init, zombies included.  tasklist_lock held. */
static void forget_children(struct task_struct *dying, bool group_done)
{
	struct task_struct *leader = dying->group_leader, *to = group_done ? child_reaper : leader;
	struct task_struct *c, *n;

	lockdep_assert_held(&tasklist_lock);
	if (to == dying)
		return;
	list_for_each_entry_safe(c, n, &dying->children, sibling) {
		c->parent = to;
		list_move_tail(&c->sibling, &to->children);
	}
	if (group_done && leader != dying)
		forget_children(leader, true);
}

/* The leader is a zombie and no other thread is left: wait4 may reap the
 * group.  tasklist_lock held. */
static bool group_done(const struct task_struct *leader)
{
	return leader->exit_state == EXIT_ZOMBIE && list_empty(&leader->thread_group);
}

/* init's group has ended: so does the machine. */
static void __attribute__((noreturn)) init_exited(int status)
{
	if (status & 0x7f)
		printk(KERN_NOTICE "init killed by signal %d\n", status & 0x7f);
	else
		printk(KERN_NOTICE "init exited with status %d\n", status >> 8);
	qemu_exit(status & 0x7f ? 128 + (status & 0x7f) : status >> 8);
	machine_power_off();
}

/* The wait status of a group that is done. */
static int exit_status(const struct task_struct *z)
{
	return z->signal->flags & SIGNAL_GROUP_EXIT ? z->signal->group_exit_code : z->exit_code;
}

static struct kernel_siginfo exit_siginfo(const struct task_struct *z)
{
	int status = exit_status(z), sig = status & 0x7f;

	return (struct kernel_siginfo){
		.code = !sig ? CLD_EXITED : status & 0x80 ? CLD_DUMPED : CLD_KILLED,
		.pid = z->tgid, .status = sig ? sig : (status >> 8) & 0xff,
	};
}

/* Off the family lists: a leader becomes a zombie, another thread is
 * gone (EXIT_DEAD).  The last of the group to go tells the parent, and
 * an execve waiting in de_thread hears of every exit. */
static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader, *waiter;
	unsigned long flags;
	bool done;

	spin_lock_irqsave(&tasklist_lock, flags);
	account_exiting_thread(tsk);
	if (thread_group_leader(tsk)) {
		tsk->exit_state = EXIT_ZOMBIE;
	} else {
		tsk->exit_state = EXIT_DEAD;
		list_del_init(&tsk->thread_group);
		tsk->signal->nr_threads--;
	}
	done = group_done(leader);
	forget_children(tsk, done);
	if (done) {
		struct kernel_siginfo info = exit_siginfo(leader);

		do_notify_parent(leader, info.code, info.status);
	}
	waiter = tsk->signal->group_exit_task;
	if (waiter)
		wake_up_process(waiter);
	if (!list_empty(&child_reaper->children))
		wake_up_all(&child_reaper->signal->wait_chldexit);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void exit_files_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	if (tsk->files) {
		put_files(tsk->files);
		tsk->files = NULL;
	}
	spin_lock(&tsk->alloc_lock);    /* /proc's cwd reads it under task_lock */
	tsk->fs = NULL;
	spin_unlock(&tsk->alloc_lock);
	put_fs_struct(fs);
}

/* End this thread; status is wait(2)'s encoding, replaced by the
 * group's once the group is exiting. */
static void __attribute__((noreturn)) exit_thread(int status)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig = tsk->signal;
	struct mm_struct *mm = tsk->mm;
	unsigned long flags;
	bool last;

	spin_lock_irqsave(&tasklist_lock, flags);
	last = !--sig->live;
	exit_group_stop(tsk);
	if (sig->flags & SIGNAL_GROUP_EXIT)
		status = sig->group_exit_code;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (last && sig == child_reaper->signal)
		init_exited(status);
	if (last)       /* the process's alarm: no SIGALRM to the dead */
		del_timer_sync(&sig->real_timer);
	/* Futexes (kernel/futex.c): robust mutexes still held get
	 * OWNER_DIED, for whoever shares the memory. */
	exit_robust_list(tsk);
	if (mm) {
		mm_release(tsk, mm);
		setmax_mm_hiwater_rss(&sig->maxrss, mm);
		unuse_mm(mm);
		mmput(mm);
	}
	exit_files_fs(tsk);
	tsk->exit_code = status;
	exit_notify(tsk);
	if (!thread_group_leader(tsk))
		put_task_struct(tsk);   /* reaped by itself: the reaper's reference */
	do_exit();
}

void become_group_leader(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader, *c;
	unsigned long flags;
	int tid;

	spin_lock_irqsave(&tasklist_lock, flags);
	tid = tsk->pid;
	tsk->pid = leader->pid;
	leader->pid = tid;
	tsk->start_time = leader->start_time;
	tsk->parent = leader->parent;
	leader->parent = NULL;
	list_add(&tsk->sibling, &leader->sibling);
	list_del_init(&leader->sibling);
	list_splice_init(&leader->children, &tsk->children);
	list_for_each_entry(c, &tsk->children, sibling)
		c->parent = tsk;
	list_del_init(&tsk->thread_group);
	tsk->signal->nr_threads--;      /* the old leader, going with this exec */
	tsk->group_leader = leader->group_leader = tsk;
	tsk->signal->leader = tsk;
	leader->exit_state = EXIT_DEAD;
	if (child_reaper == leader)
		child_reaper = tsk;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(leader);        /* the reaper's reference: nobody waits for it now */
}

void do_group_exit(int status)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		status = sig->group_exit_code;
	} else if (!sig->group_exit_task || status != SIGKILL) {
		/* (de_thread's SIGKILL ends only the thread it hits) */
		sig->flags |= SIGNAL_GROUP_EXIT;
		sig->group_exit_code = status;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	exit_thread(status);
}

long sys_exit(unsigned long status)
{
	exit_thread((int)(status & 0xff) << 8);
}

long sys_exit_group(unsigned long status)
{
	do_group_exit((int)(status & 0xff) << 8);
}

void exit_by_signal(int sig)
{
	do_group_exit(sig);
}

/* A fault's signal goes to the program's handler if it has one ready;
 * otherwise (no handler, ignored or blocked: a fault cannot be skipped)
 * the program dies of it - the log line says so now. */
static bool fault_handler_ready(int sig)
{
	return current->sighand->action[sig - 1].handler > 1 &&
	       !(current->blocked & (1ULL << (sig - 1)));
}

/* Both only queue the signal (force_sig_fault, for the faulting thread
 * with its si_code and si_addr): the trap handler runs with
 * interrupts off, and dying means sleeping (closing files, a pipe's
 * mutex), so do_notify_resume does it on the way back to user mode. */
void force_sigsegv(struct pt_regs *regs, unsigned long addr, int code)
{
	if (!fault_handler_ready(SIGSEGV))
		printk(KERN_INFO "%s[%d]: segfault at %lx ip %08x sp %08x error %x\n",
		       current->comm, current->pid, addr, regs->eip, regs->esp, regs->error_code);
	force_sig_fault(SIGSEGV, code, addr);
}

void force_sig_trap(int sig, int code, unsigned long addr, struct pt_regs *regs, const char *what)
{
	if (!fault_handler_ready(sig))
		printk(KERN_INFO "traps: %s[%d] %s%s ip:%08x sp:%08x error:%x\n", current->comm,
		       current->pid, sig == SIGSEGV ? "" : "trap ", what, regs->eip, regs->esp,
		       regs->error_code);
	force_sig_fault(sig, code, addr);
}

/* Which children a wait is for, and what it reports (Linux's wait_opts). */
struct wait_opts {
	int type;                       /* P_ALL, P_PID, P_PGID */
	long id;                        /* the pid or process group */
	int options;                    /* WEXITED, WSTOPPED, WCONTINUED, WNOHANG, WNOWAIT */
};

static bool wait_matches(const struct task_struct *c, const struct wait_opts *wo)
{
	if (wo->type == P_PID)
		return c->pid == wo->id;
	return wo->type == P_ALL || c->signal->pgrp == wo->id;
}

/* wait4's status word for what waitid would say. */
static int wait_status(const struct kernel_siginfo *info)
{
	if (info->code == CLD_EXITED)
		return info->status << 8;
	if (info->code == CLD_STOPPED)
		return info->status << 8 | 0x7f;
	if (info->code == CLD_CONTINUED)
		return 0xffff;
	return info->status | (info->code == CLD_DUMPED ? 0x80 : 0);
}

/* What child c has for this wait: its siginfo (CLD_EXITED... as waitid
 * reports it); false if nothing.  A stop is reported once, then its
 * signal is cleared, as in Linux.  tasklist_lock held. */
static bool child_state(const struct task_struct *c, int options, struct kernel_siginfo *info)
{
	const struct signal_struct *sig = c->signal;

	if ((options & WEXITED) && group_done(c))
		*info = exit_siginfo(c);
	else if ((options & WSTOPPED) && (sig->flags & SIGNAL_STOP_STOPPED) && sig->group_exit_code)
		*info = (struct kernel_siginfo){ CLD_STOPPED, c->tgid, sig->group_exit_code, 0 };
	else if ((options & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED))
		*info = (struct kernel_siginfo){ CLD_CONTINUED, c->tgid, SIGCONT, 0 };
	else
		return false;
	return true;
}

/* A child of any thread of our group that matches wo and has something
 * to report (in *info), if there is one; *any says whether any child
 * matched at all.  tasklist_lock held. */
static struct task_struct *find_child(const struct wait_opts *wo, struct kernel_siginfo *info,
				      bool *any)
{
	struct task_struct *t, *c;

	lockdep_assert_held(&tasklist_lock);
	*any = false;
	for_each_thread_from(current->group_leader, t) {
		list_for_each_entry(c, &t->children, sibling) {
			if (!wait_matches(c, wo))
				continue;
			*any = true;
			if (child_state(c, wo->options, info))
				return c;
		}
	}
	return NULL;
}

static bool child_ready(const struct wait_opts *wo)
{
	struct kernel_siginfo info;
	unsigned long flags;
	bool any, ready;

	spin_lock_irqsave(&tasklist_lock, flags);
	ready = find_child(wo, &info, &any) || !any;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ready;
}

/* The reaped child's usage, its own children's included, goes to our
 * process's children's (kernel/cputime.c) and to wait4's rusage. */
static long reap(struct task_struct *z, void __user *ru)
{
	struct rusage r;

	account_reaped_child(z);
	fill_rusage(z, &r, true);
	put_task_struct(z);             /* the parent's reference: reaped */
	return ru && copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* What was found is taken (unless WNOWAIT): a dead child is unlinked,
 * to be reaped; a stop or a continue is not reported again.  True if
 * the child is to be reaped; else it gets a reference for the caller.
 * tasklist_lock held. */
static bool take_child(struct task_struct *c, const struct kernel_siginfo *info, int options)
{
	lockdep_assert_held(&tasklist_lock);
	if (options & WNOWAIT) {
		__sync_fetch_and_add(&c->usage, 1);
		return false;
	}
	if (info->code == CLD_STOPPED)
		c->signal->group_exit_code = 0;
	else if (info->code == CLD_CONTINUED)
		c->signal->flags &= ~SIGNAL_STOP_CONTINUED;
	else {
		list_del_init(&c->sibling);
		return true;
	}
	__sync_fetch_and_add(&c->usage, 1);
	return false;
}

/* A child reported but not reaped: its rusage so far, if asked. */
static long report_child(struct task_struct *c, void __user *ru)
{
	struct rusage r;

	fill_rusage(c, &r, true);
	put_task_struct(c);
	return ru && copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* wait4 and waitid: sleep until a child wo is for has a state change to
 * report, and report it in *info (reaping a dead child, unless WNOWAIT):
 * its pid, 0 with WNOHANG if none yet, -ECHILD if no child matches. */
static long do_wait(const struct wait_opts *wo, struct kernel_siginfo *info, void __user *ru)
{
	for (;;) {
		struct task_struct *c;
		unsigned long flags;
		bool any, dead = false;

		spin_lock_irqsave(&tasklist_lock, flags);
		c = find_child(wo, info, &any);
		if (c)
			dead = take_child(c, info, wo->options);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (c)
			return (dead ? reap(c, ru) : report_child(c, ru)) ?: info->pid;
		if (!any)
			return -ECHILD;
		if (wo->options & WNOHANG)
			return 0;
		if (wait_event_interruptible(current->signal->wait_chldexit, child_ready(wo)))
			return -ERESTARTSYS;
	}
}

long sys_wait4(unsigned long upid, int __user *stat_addr, unsigned long options,
	       void __user *ru)
{
	struct wait_opts wo = { P_PGID, -(long)upid, (int)options | WEXITED };
	struct kernel_siginfo info;
	long pid = (long)upid, ret;

	if (options & ~(WNOHANG | WSTOPPED | WCONTINUED | WAIT_IGNORED))
		return -EINVAL;
	if (pid > 0)
		wo = (struct wait_opts){ P_PID, pid, wo.options };
	else if (pid == -1)
		wo.type = P_ALL;
	else if (pid == 0)
		wo.id = current->signal->pgrp;
	ret = do_wait(&wo, &info, ru);
	if (ret > 0 && stat_addr && put_user(wait_status(&info), stat_addr))
		return -EFAULT;
	return ret;
}

long sys_waitpid(unsigned long pid, int __user *stat_addr, unsigned long options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}

/* The siginfo waitid fills: zeros but for si_signo, si_code, si_pid and
 * si_status (si_uid is root's) - all zero when nothing was found. */
long sys_waitid(unsigned long which, unsigned long id, void __user *infop, unsigned long options,
		void __user *ru)
{
	struct wait_opts wo = { (int)which, (long)id, (int)options };
	struct kernel_siginfo info = { 0 };
	u32 uinfo[6];
	long ret;

	if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WAIT_IGNORED)) ||
	    !(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (which > P_PGID || (which == P_PID && wo.id <= 0) || (which == P_PGID && wo.id < 0))
		return -EINVAL;
	if (which == P_PGID && !wo.id)
		wo.id = current->signal->pgrp;
	ret = do_wait(&wo, &info, ru);
	uinfo[0] = ret > 0 ? SIGCHLD : 0;
	uinfo[1] = uinfo[4] = 0;
	uinfo[2] = ret > 0 ? (u32)info.code : 0;
	uinfo[3] = ret > 0 ? (u32)info.pid : 0;
	uinfo[5] = ret > 0 ? (u32)info.status : 0;
	if (infop && copy_to_user(infop, uinfo, sizeof(uinfo)))
		return -EFAULT;
	return ret > 0 ? 0 : ret;
}
