/*
 * kernel/fork.c - creating processes: fork, vfork and clone (the fork-like
 * uses glibc makes of it: CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
 * SIGCHLD for fork, CLONE_VM | CLONE_VFORK with a new stack for
 * posix_spawn; vfork is CLONE_VM | CLONE_VFORK on the parent's stack, as
 * in Linux; threads - CLONE_THREAD, CLONE_SETTLS - are not supported).
 *
 * copy_process() makes the child: a task with its own kernel stack, a
 * copy of the parent's address space with private pages shared
 * copy-on-write (dup_mm), the parent's TLS descriptors and FPU state, and
 * on top of its kernel stack a copy of the parent's user-mode registers
 * with eax = 0, which is how the child sees fork() return 0.  Its first
 * switch-in lands in ret_from_fork (kernel/arch/entry.asm), which finishes the
 * switch and returns to user mode through resume_userspace.
 * set_tid_address is here too, as in Linux: it records where exit clears
 * the thread id (the CLONE_CHILD_CLEARTID address).
 *
 * Data: the parent/children links of struct task_struct.
 * Locking: tasklist_lock (irqsave) for the links.
 */
#include "fs/exec.h"
#include "fs/file.h"
#include "kernel/arch/entry.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmap.h"

#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CSIGNAL 0xff
#define SIGCHLD 17

extern char ret_from_fork[];

void init_process_links(struct task_struct *p)
{
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
}

/* The child's first C code, in its own context before user mode. */
void fork_child_start(void)
{
	struct task_struct *p = current;

	if (p->set_child_tid)
		(void)put_user(p->pid, p->set_child_tid);
}

/* CLONE_VM (allowed only with CLONE_VFORK, so the parent sleeps while
 * the child borrows its address space: vfork itself, and glibc's
 * posix_spawn, system and popen) shares the mm - one more mm_users, which
 * the child's exec (the mm it leaves) or exit gives back; otherwise the
 * child gets a copy-on-write copy.  Sharing is what vfork promises: the
 * child's stores (busybox's errno of a failed exec) reach the parent. */
static struct mm_struct *copy_mm(unsigned long flags)
{
	if (flags & CLONE_VM)
		return get_task_mm(current);
	return dup_mm(current->mm);
}

static struct task_struct *copy_process(unsigned long flags, unsigned long newsp,
					int __user *child_tid)
{
	struct task_struct *p = create_task(current->comm);
	unsigned long lock_flags;
	u32 *sp;

	if (!p)
		return NULL;
	p->umask = current->umask;
	p->make_it_fail = current->make_it_fail;     /* inherited, as in Linux */
	p->pgid = current->pgid;
	p->sid = current->sid;
	p->prio = current->prio;        /* the nice value, and the rest of who we are */
	p->ioprio = current->ioprio;
	p->ngroups = current->ngroups;
	memcpy(p->groups, current->groups, sizeof(p->groups));
	memcpy(p->rlim_cur, current->rlim_cur, sizeof(p->rlim_cur));
	memcpy(p->rlim_max, current->rlim_max, sizeof(p->rlim_max));
	p->mm = copy_mm(flags);
	if (!p->mm) {
		put_task_struct(p);
		return NULL;
	}
	mmgrab(p->mm);
	p->active_mm = p->mm;
	if (current->files && !(p->files = dup_files(current->files))) {
		mmput(p->mm);
		p->mm = NULL;
		put_task_struct(p);
		return NULL;
	}
	strlcpy(p->cwd, current->cwd, sizeof(p->cwd));
	memcpy(p->sighand, current->sighand, sizeof(p->sighand));
	p->blocked = current->blocked;
	p->usage = 2;                   /* its own, and its parent's until reaped */
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	if (current->used_math) {
		fpu_save_current();
		p->thread.fpu = current->thread.fpu;
		p->used_math = true;
	}
	*task_pt_regs(p) = *task_pt_regs(current);
	task_pt_regs(p)->eax = 0;
	if (newsp)
		task_pt_regs(p)->esp = (u32)newsp;
	sp = (u32 *)task_pt_regs(p);
	*--sp = (u32)ret_from_fork;
	for (int i = 0; i < 4; i++)
		*--sp = 0;
	p->thread.esp = (u32)sp;
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->thread.clear_child_tid = child_tid;
	init_process_links(p);
	spin_lock_irqsave(&tasklist_lock, lock_flags);
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	spin_unlock_irqrestore(&tasklist_lock, lock_flags);
	return p;
}

static long do_fork(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		    int __user *child_tid)
{
	struct task_struct *p;
	struct completion vfork;
	int pid;

	if ((flags & (CLONE_VM | CLONE_THREAD)) && !(flags & CLONE_VFORK))
		return -EINVAL;         /* threads are not supported yet */
	if ((flags & CSIGNAL) != SIGCHLD && (flags & CSIGNAL))
		return -EINVAL;
	/* Everyone is root here, but RLIMIT_NPROC still holds (unlike Linux,
	 * where root may exceed it): that is what stops a fork bomb. */
	if (nr_threads >= max_threads || (unsigned long)nr_threads >= current->rlim_cur[RLIMIT_NPROC])
		return -EAGAIN;
	p = copy_process(flags, newsp, child_tid);
	if (!p)
		return -ENOMEM;
	pid = p->pid;
	if (flags & CLONE_PARENT_SETTID)        /* a bad pointer is ignored, as in Linux */
		(void)put_user(pid, parent_tid);
	if (flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	wake_up_process(p);
	if (flags & CLONE_VFORK)
		wait_for_completion(&vfork);    /* until the child execs or exits */
	return pid;
}

long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, NULL, NULL);
}

long sys_vfork(void)
{
	return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL);
}

/* i386 order: flags, new stack, parent tid, tls, child tid. */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       unsigned long tls, int __user *child_tid)
{
	(void)tls;
	if (flags & CLONE_SETTLS)
		return -EINVAL;         /* a new thread's TLS: no threads yet */
	return do_fork(flags, newsp, parent_tid, child_tid);
}

long sys_getppid(void)
{
	return current->parent ? current->parent->pid : 0;
}

/* Where exit writes 0 for whoever waits on this thread (as
 * CLONE_CHILD_CLEARTID); returns the caller's pid, as glibc expects. */
long sys_set_tid_address(int __user *tidptr)
{
	current->thread.clear_child_tid = tidptr;
	return current->pid;
}
