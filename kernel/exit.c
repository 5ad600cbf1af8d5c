/*
 * kernel/exit.c - init, and how a process ends: exit/exit_group, death by
 * SIGSEGV, and what happens when init (pid 1) ends - the kernel says
 * `init exited with status N` and powers off, the exit code carrying N
 * through isa-debug-exit as TESTING.md promises.
 *
 * Data: init_argv/init_envp, set by init= (and rdinit=, its Linux synonym).
 * Locking: none; these run in the exiting task.
 */
#include "fs/exec.h"
#include "fs/file.h"
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

/* The children of a dying process go to init, zombies included. */
static void forget_children(struct task_struct *dying)
{
	struct task_struct *c, *n;

	list_for_each_entry_safe(c, n, &dying->children, sibling) {
		c->parent = child_reaper;
		list_move_tail(&c->sibling, &child_reaper->children);
	}
}

static void __attribute__((noreturn)) exit_process(int code, int signal)
{
	struct task_struct *tsk = current, *parent;
	struct mm_struct *mm = tsk->mm;
	unsigned long flags;

	if (tsk == child_reaper) {
		if (signal)
			printk(KERN_NOTICE "init killed by signal %d\n", signal);
		else
			printk(KERN_NOTICE "init exited with status %d\n", code);
		qemu_exit(signal ? 128 + signal : code);
		machine_power_off();
	}
	del_timer_sync(&tsk->real_timer);     /* no SIGALRM for the dead */
	/* Futexes (kernel/futex.c): robust mutexes still held get
	 * OWNER_DIED; CLONE_CHILD_CLEARTID writes 0 and wakes a waiter
	 * (pthread_join) - for whoever shares the memory. */
	exit_robust_list(tsk);
	if (mm && tsk->thread.clear_child_tid && atomic_read(&mm->mm_users) > 1)
		futex_clear_child_tid(tsk->thread.clear_child_tid);
	if (mm) {
		setmax_mm_hiwater_rss(&tsk->maxrss, mm);
		unuse_mm(mm);
		mmput(mm);
	}
	if (tsk->files) {
		put_files(tsk->files);
		tsk->files = NULL;
	}
	if (tsk->vfork_done)
		complete(tsk->vfork_done);
	tsk->vfork_done = NULL;
	spin_lock_irqsave(&tasklist_lock, flags);
	forget_children(tsk);
	tsk->exit_code = signal ? signal : code << 8;   /* wait(2)'s encoding */
	tsk->exit_state = EXIT_ZOMBIE;
	parent = tsk->parent;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (parent) {
		send_sig(SIGCHLD, parent);
		wake_up_all(&parent->wait_chldexit);
	}
	if (!list_empty(&child_reaper->children))
		wake_up_all(&child_reaper->wait_chldexit);
	do_exit();
}

long sys_exit(unsigned long status)
{
	exit_process((int)(status & 0xff), 0);
}

long sys_exit_group(unsigned long status)
{
	exit_process((int)(status & 0xff), 0);
}

void exit_by_signal(int sig)
{
	exit_process(0, sig);
}

/* A fault's signal goes to the program's handler if it has one ready;
 * otherwise (no handler, ignored or blocked: a fault cannot be skipped)
 * the program dies of it - the log line says so now. */
static bool fault_handler_ready(int sig)
{
	return current->sighand[sig - 1].handler > 1 && !(current->blocked & (1ULL << (sig - 1)));
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
		return c->pgid == current->pgid;
	return pid == -1 || c->pgid == -pid;
}

/* A child matching pid - a zombie if there is one; *any says whether any
 * child matched at all. */
static struct task_struct *find_zombie(long pid, bool *any)
{
	struct task_struct *c;

	*any = false;
	list_for_each_entry(c, &current->children, sibling) {
		if (!wait_matches(c, pid))
			continue;
		*any = true;
		if (c->exit_state == EXIT_ZOMBIE)
			return c;
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

/* The reaped child's times go to the parent's children's times (and its
 * rusage, for wait4), its peak resident size to the parent's children's
 * peak (the largest), as in Linux. */
static long reap(struct task_struct *z, void __user *ru)
{
	struct rusage r;

	current->cutime += z->utime + z->cutime;
	current->cstime += z->stime + z->cstime;
	current->cmaxrss = max(current->cmaxrss, max(z->maxrss, z->cmaxrss));
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
			status = z->exit_code;
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
		if (wait_event_interruptible(current->wait_chldexit, zombie_ready(pid)))
			return -ERESTARTSYS;
	}
}

long sys_waitpid(unsigned long pid, int __user *stat_addr, unsigned long options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}
