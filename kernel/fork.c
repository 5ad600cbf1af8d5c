/*
 * kernel/fork.c - creating processes and threads: fork, vfork and clone.
 *
 * clone's flags say what the child shares with its creator instead of
 * copying: CLONE_VM the address space, CLONE_FS the current directory and
 * umask (struct fs_struct), CLONE_FILES the descriptor table,
 * CLONE_SIGHAND the signal actions, CLONE_THREAD the thread group (pid,
 * shared pending signals, exit - struct signal_struct).  fork shares
 * nothing: a copy-on-write copy of the address space (dup_mm) and copies
 * of the rest; glibc's pthread_create shares everything and adds
 * CLONE_SETTLS (the new thread's %gs descriptor, a struct user_desc as
 * set_thread_area takes it), CLONE_PARENT_SETTID and CLONE_CHILD_CLEARTID;
 * vfork and posix_spawn are CLONE_VM | CLONE_VFORK.  Linux's rules make
 * some combinations EINVAL: CLONE_THREAD needs CLONE_SIGHAND, which needs
 * CLONE_VM; CLONE_NEWNS (which we do not have) never goes with CLONE_FS.
 *
 * A thread group is its leader (whose pid is the group's tgid, what
 * getpid returns) and the threads on the leader's thread_group list; a
 * thread's parent is its leader's, and only the leader is anyone's child.
 * How threads end is kernel/exit.c; mm_release, here as in Linux, is what
 * a task does when it lets go of an address space (exit, exec).
 *
 * The child's kernel stack gets a copy of the parent's user-mode
 * registers with eax = 0 (clone returns 0 in the child) and the new stack
 * pointer if one was given; its first switch-in lands in ret_from_fork
 * (kernel/arch/entry.asm), which returns to user mode.
 *
 * Data: the parent/children and thread-group links of struct task_struct.
 * Locking: tasklist_lock (irqsave) for the links; the shared structures
 * are refcounted (atomic count), each freed by its last put.
 */
#include "fs/exec.h"
#include "fs/file.h"
#include "fs/fs_struct.h"
#include "kernel/arch/entry.h"
#include "kernel/arch/uaccess.h"
#include "kernel/futex.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmap.h"

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CSIGNAL 0xff

extern char ret_from_fork[];


void init_process_links(struct task_struct *p)
{
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_group);
	p->group_leader = p;
}

void free_task_shared(struct task_struct *p)
{
	if (p->signal)
		put_signal(p->signal);
	if (p->sighand)
		put_sighand(p->sighand);
	if (p->fs)
		put_fs_struct(p->fs);
	p->signal = NULL;
	p->sighand = NULL;
	p->fs = NULL;
}

int alloc_task_shared(struct task_struct *p)
{
	p->signal = signal_alloc();
	p->sighand = sighand_alloc();
	p->fs = fs_struct_alloc();
	if (p->signal && p->sighand && p->fs) {
		p->signal->leader = p;
		return 0;
	}
	free_task_shared(p);
	return -ENOMEM;
}

int get_nr_threads(struct task_struct *p)
{
	return __atomic_load_n(&p->signal->nr_threads, __ATOMIC_RELAXED);
}

/* The child's first C code, in its own context before user mode. */
void fork_child_start(void)
{
	struct task_struct *p = current;

	if (p->set_child_tid)
		(void)put_user(p->pid, p->set_child_tid);
}

void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
	/* Nobody else can see the word if nobody else uses the memory. */
	if (tsk->thread.clear_child_tid && atomic_read(&mm->mm_users) > 1)
		futex_clear_child_tid(tsk->thread.clear_child_tid);     /* 0, and a wake */
	tsk->thread.clear_child_tid = NULL;
}

/* Linux's EINVAL rules for flag combinations. */
static long check_clone_flags(unsigned long flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & CLONE_NEWNS)
		return -EINVAL;         /* there is one mount namespace */
	/* A thread's exit signals nobody; a process's can only be SIGCHLD. */
	if (!(flags & CLONE_THREAD) && (flags & CSIGNAL) && (flags & CSIGNAL) != SIGCHLD)
		return -EINVAL;
	return 0;
}

/* CLONE_VM shares the mm (one more mm_users, given back by the child's
 * exit or exec); otherwise the child gets a copy-on-write copy. */
static struct mm_struct *copy_mm(unsigned long flags)
{
	if (flags & CLONE_VM)
		return get_task_mm(current);
	return dup_mm(current->mm);
}

/* p's fresh signal actions and fs (alloc_task_shared) become shared
 * ones or copies of ours. */
static void copy_sighand_fs(unsigned long flags, struct task_struct *p)
{
	unsigned long irqflags;

	if (flags & CLONE_SIGHAND) {
		put_sighand(p->sighand);
		__sync_fetch_and_add(&current->sighand->count, 1);
		p->sighand = current->sighand;
	} else {
		spin_lock_irqsave(&current->sighand->siglock, irqflags);
		memcpy(p->sighand->action, current->sighand->action, sizeof(p->sighand->action));
		spin_unlock_irqrestore(&current->sighand->siglock, irqflags);
	}
	if (flags & CLONE_FS) {
		put_fs_struct(p->fs);
		__sync_fetch_and_add(&current->fs->count, 1);
		p->fs = current->fs;
	} else {
		copy_fs_struct(p->fs, current->fs);
	}
}

static struct files_struct *copy_files(unsigned long flags)
{
	if (!current->files || !(flags & CLONE_FILES))
		return current->files ? dup_files(current->files) : NULL;
	__sync_fetch_and_add(&current->files->count, 1);
	return current->files;
}

/* The user-mode registers: ours, with clone returning 0 on the new
 * stack, and a frame for the first switch into ret_from_fork. */
static void copy_thread(struct task_struct *p, unsigned long newsp)
{
	u32 *sp;

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
}

/* A new thread may not join a group that is dying or exec'ing (the
 * killer would miss it).  tasklist_lock held. */
static bool group_exiting(struct task_struct *tsk)
{
	lockdep_assert_held(&tasklist_lock);
	return (tsk->signal->flags & SIGNAL_GROUP_EXIT) || tsk->signal->group_exit_task ||
	       fatal_signal_pending(tsk);
}

/* Into the family: a thread joins our group (and counts as live in
 * it), a process becomes our child.  0, or -EAGAIN if we are dying. */
static int link_child(unsigned long flags, struct task_struct *p)
{
	unsigned long irqflags;
	int err = 0;

	spin_lock_irqsave(&tasklist_lock, irqflags);
	if (group_exiting(current)) {
		err = -EAGAIN;
	} else if (flags & CLONE_THREAD) {
		put_signal(p->signal);
		__sync_fetch_and_add(&current->signal->count, 1);
		p->signal = current->signal;
		p->signal->live++;
		p->signal->nr_threads++;
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
		list_add_tail(&p->thread_group, &p->group_leader->thread_group);
	} else {
		p->parent = current;
		list_add_tail(&p->sibling, &current->children);
	}
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
	return err;
}

/* Undo a child that never ran: what it holds beyond its task_struct. */
static void free_unborn(struct task_struct *p)
{
	if (p->files)
		put_files(p->files);
	p->files = NULL;
	if (p->mm)
		mmput(p->mm);
	p->mm = NULL;
	put_task_struct(p);
}

static struct task_struct *copy_process(unsigned long flags, unsigned long newsp,
					unsigned long tls, int __user *child_tid, int *err)
{
	struct task_struct *p = create_task(current->comm);

	*err = -ENOMEM;
	if (!p)
		return NULL;
	p->make_it_fail = current->make_it_fail;     /* inherited, as in Linux */
	p->signal->pgrp = current->signal->pgrp;
	p->signal->session = current->signal->session;
	p->prio = current->prio;        /* the nice value, and the rest of who we are */
	p->ioprio = current->ioprio;
	p->ngroups = current->ngroups;
	memcpy(p->groups, current->groups, sizeof(p->groups));
	memcpy(p->signal->rlim_cur, current->signal->rlim_cur, sizeof(p->signal->rlim_cur));
	memcpy(p->signal->rlim_max, current->signal->rlim_max, sizeof(p->signal->rlim_max));
	copy_sighand_fs(flags, p);
	p->blocked = current->blocked;
	copy_thread(p, newsp);
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->thread.clear_child_tid = child_tid;
	p->mm = copy_mm(flags);
	if (p->mm) {
		mmgrab(p->mm);
		p->active_mm = p->mm;
	}
	p->files = copy_files(flags);
	if (!p->mm || (current->files && !p->files))
		goto fail;
	if ((flags & CLONE_SETTLS) &&
	    (*err = do_set_thread_area(p, (void __user *)tls, false)))
		goto fail;
	if ((*err = link_child(flags, p)))
		goto fail;
	/* Its own, and its reaper's (kernel/exit.c); atomic: /proc may hold
	 * one already (find_get_task sees it from create_task on). */
	__sync_fetch_and_add(&p->usage, 1);
	return p;
fail:
	free_unborn(p);
	return NULL;
}

static long do_fork(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		    unsigned long tls, int __user *child_tid)
{
	struct task_struct *p;
	struct completion vfork;
	int pid, err = check_clone_flags(flags);

	if (err)
		return err;
	/* Everyone is root here, but RLIMIT_NPROC still holds (unlike Linux,
	 * where root may exceed it): that is what stops a fork bomb.  Like
	 * Linux's, it counts threads. */
	if (nr_threads >= max_threads || (unsigned long)nr_threads >= current->signal->rlim_cur[RLIMIT_NPROC])
		return -EAGAIN;
	p = copy_process(flags, newsp, tls, child_tid, &err);
	if (!p)
		return err;
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
	return do_fork(SIGCHLD, 0, NULL, 0, NULL);
}

long sys_vfork(void)
{
	return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, 0, NULL);
}

/* i386 order: flags, new stack, parent tid, tls (a struct user_desc *),
 * child tid. */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       unsigned long tls, int __user *child_tid)
{
	return do_fork(flags, newsp, parent_tid, tls, child_tid);
}

/* A thread's parent is its group's: the leader's. */
int task_ppid(struct task_struct *p)
{
	struct task_struct *parent;
	unsigned long flags;
	int ppid;

	spin_lock_irqsave(&tasklist_lock, flags);
	parent = p->group_leader->parent;
	ppid = parent ? parent->tgid : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ppid;
}

long sys_getppid(void)
{
	return task_ppid(current);
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_gettid(void)
{
	return current->pid;
}

/* Where exit writes 0 for whoever waits on this thread (as
 * CLONE_CHILD_CLEARTID); returns the caller's thread id, as glibc expects. */
long sys_set_tid_address(int __user *tidptr)
{
	current->thread.clear_child_tid = tidptr;
	return current->pid;
}
