/*
 * kernel/exit.c - init, and how threads and processes end: exit (one
 * thread), exit_group and fatal signals (the whole thread group), death by
 * SIGSEGV, wait4, and what happens when init (pid 1) ends - the kernel
 * says `init exited with status N` and powers off, the exit code carrying
 * N through isa-debug-exit as TESTING.md promises.
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
	}
	done = group_done(leader);
	forget_children(tsk, done);
	if (done && leader->parent) {
		group_send_sig(SIGCHLD, leader->parent);
		wake_up_all(&leader->parent->signal->wait_chldexit);
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

/* Both only queue the signal (force_sig): the trap handler runs with
 * interrupts off, and dying means sleeping (closing files, a pipe's
 * mutex), so do_notify_resume does it on the way back to user mode. */
void force_sigsegv(struct pt_regs *regs, unsigned long addr)
{
	if (!fault_handler_ready(SIGSEGV))
		printk(KERN_INFO "%s[%d]: segfault at %lx ip %08x sp %08x error %x\n",
		       current->comm, current->pid, addr, regs->eip, regs->esp, regs->error_code);
	force_sig(SIGSEGV, current);
}

void force_sig_trap(int sig, struct pt_regs *regs, const char *what)
{
	if (!fault_handler_ready(sig))
		printk(KERN_INFO "traps: %s[%d] %s%s ip:%08x sp:%08x error:%x\n", current->comm,
		       current->pid, sig == SIGSEGV ? "" : "trap ", what, regs->eip, regs->esp,
		       regs->error_code);
	force_sig(sig, current);
}

/* wait's pid: > 0 that child, -1 any, 0 our process group, < -1 the
 * group -pid. */
static bool wait_matches(const struct task_struct *c, long pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->signal->pgrp == current->signal->pgrp;
	return pid == -1 || c->signal->pgrp == -pid;
}

/* A child of any thread of our group matching pid - one whose whole
 * group is done, if there is one; *any says whether any child matched
 * at all.  tasklist_lock held. */
static struct task_struct *find_zombie(long pid, bool *any)
{
	struct task_struct *t, *c;

	lockdep_assert_held(&tasklist_lock);
	*any = false;
	for_each_thread_from(current->group_leader, t) {
		list_for_each_entry(c, &t->children, sibling) {
			if (!wait_matches(c, pid))
				continue;
			*any = true;
			if (group_done(c))
				return c;
		}
	}
	return NULL;
}

static bool zombie_ready(long pid)
{
	unsigned long flags;
	bool any, ready;

	spin_lock_irqsave(&tasklist_lock, flags);
	ready = find_zombie(pid, &any) || !any;
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

long sys_wait4(unsigned long upid, int __user *stat_addr, unsigned long options,
	       void __user *ru)
{
	long pid = (long)upid;

	for (;;) {
		struct task_struct *z;
		unsigned long flags;
		int status, zpid;
		bool any;

		spin_lock_irqsave(&tasklist_lock, flags);
		z = find_zombie(pid, &any);
		if (z)
			list_del_init(&z->sibling);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (z) {
			status = z->signal->flags & SIGNAL_GROUP_EXIT ? z->signal->group_exit_code
								     : z->exit_code;
			zpid = z->pid;
			if (reap(z, ru))
				return -EFAULT;
			if (stat_addr && put_user(status, stat_addr))
				return -EFAULT;
			return zpid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (wait_event_interruptible(current->signal->wait_chldexit, zombie_ready(pid)))
			return -ERESTARTSYS;
	}
}

long sys_waitpid(unsigned long pid, int __user *stat_addr, unsigned long options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}
