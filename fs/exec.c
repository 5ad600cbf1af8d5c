/*
 * fs/exec.c - running a program: execve's arguments copied in, `#!`
 * scripts resolved to their interpreter (fs/binfmt_script.c), a fresh
 * address space loaded by the ELF loader (fs/binfmt_elf.c), the old one
 * dropped, and the new program entered in user mode through
 * resume_userspace with a pt_regs frame of our own making.  In a
 * process of several threads, de_thread first ends the others (and the
 * exec'ing thread becomes the group's leader).
 *
 * Data: none kept; struct exec_image describes the file while loading.
 * Locking: the new mm is private to this task until it runs; de_thread
 * waits for the other threads under tasklist_lock (kernel/exit.c wakes
 * it).
 */
#include "fs/exec.h"
#include "fs/binfmt_elf.h"
#include "fs/binfmt_script.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "fs/fs_struct.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/uaccess.h"
#include "kernel/futex.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mmap.h"
#include "mm/mmu_context.h"
#include "mm/slab.h"

#define EXEC_ARGS_MAX 64
#define EXEC_STRINGS (16 * 1024)

/* Leave the kernel for the new program: a user-mode frame at the top of
 * this task's kernel stack, popped by resume_userspace's iret. */
static void __attribute__((noreturn)) start_thread(unsigned long eip, unsigned long esp)
{
	struct pt_regs *regs = task_pt_regs(current);

	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->eip = eip;
	regs->esp = esp;
	regs->eflags = X86_EFLAGS_IF | 0x2;
	local_irq_disable();
	fpu_init_task(current);
	tss_set_esp0(current->thread.esp0);
	asm volatile("movl %0, %%esp\n\tjmp resume_userspace" : : "r"(regs) : "memory");
	__builtin_unreachable();
}

/* Look up the program: a relative path (execve("./s"), a #! line's
 * "bin/x") starts from the current directory. */
static struct dentry *lookup_program(const char *path, int *err)
{
	char *abs, cwd[TASK_CWD_MAX];
	struct dentry *d;

	if (path[0] == '/' || !path[0]) {
		*err = -ENOENT;         /* what the walk says unless it finds path */
		return path[0] ? path_lookup(path, err) : NULL;
	}
	abs = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!abs) {
		*err = -ENOMEM;
		return NULL;
	}
	get_fs_pwd(current->fs, cwd, sizeof(cwd));
	if (snprintf(abs, PATH_MAX, "%s/%s", cwd, path) >= PATH_MAX) {
		*err = -ENAMETOOLONG;
		d = NULL;
	} else {
		d = path_lookup(abs, err);
	}
	kfree(abs);
	return d;
}

/* Follow `#!` lines from path to a program that is no script: its dentry
 * (referenced) and, through *argv and *path, what to run; the scripts
 * read on the way (their strings in use) are left in scripts[] for the
 * caller to kfree.  NULL with *err on failure. */
static struct dentry *resolve_scripts(const char **path, char *const **argv,
				      struct script *scripts[], int *err)
{
	for (int depth = 0;; depth++) {
		struct dentry *d = lookup_program(*path, err);
		int r;

		if (!d || !S_ISREG(d->d_inode->i_mode) || !(d->d_inode->i_mode & 0111)) {
			*err = d ? -EACCES : *err;
			dput(d);
			return NULL;
		}
		r = load_script(d->d_inode, *path, *argv, &scripts[depth]);
		if (r < 0) {
			*err = r;
			dput(d);
			return NULL;
		}
		if (r == 0)
			return d;               /* no script: the ELF loader decides */
		dput(d);
		if (depth == SCRIPT_MAX_NESTING) {
			*err = -ELOOP;          /* too many interpreters that are scripts */
			return NULL;
		}
		*path = scripts[depth]->interp;
		*argv = scripts[depth]->argv;
	}
}

static void free_scripts(struct script *scripts[])
{
	for (int i = 0; i <= SCRIPT_MAX_NESTING; i++)
		kfree(scripts[i]);
}

/* Have the other threads of tsk's group gone?  Only tsk may be left,
 * and the leader (if not tsk) a zombie.  tasklist_lock held. */
static bool others_gone(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	lockdep_assert_held(&tasklist_lock);
	if (leader == tsk)
		return list_empty(&leader->thread_group);
	return leader->exit_state == EXIT_ZOMBIE && leader->thread_group.next == &tsk->thread_group &&
	       tsk->thread_group.next == &leader->thread_group;
}

/* An execve in a thread: the group's other threads get SIGKILL and we
 * wait until they have exited (each wakes us, kernel/exit.c:exit_notify);
 * then, if we are not the leader, we take its place.  The wait is
 * uninterruptible but bounded: SIGKILL ends the others' sleeps.  0, or
 * -EAGAIN when the group is already dying or exec'ing. */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exit_task) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -EAGAIN;
	}
	sig->group_exit_task = tsk;
	zap_other_threads(tsk);
	while (!others_gone(tsk)) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		schedule();
		spin_lock_irqsave(&tasklist_lock, flags);
	}
	__set_current_state(TASK_RUNNING);
	sig->group_exit_task = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!thread_group_leader(tsk))
		become_group_leader(tsk);
	return 0;
}

/* release: memory holding path/argv/envp, freed once they are copied to
 * the new stack (on success this function does not return).  The name
 * the program is known by (comm, AT_EXECFN) stays path even when a
 * script's interpreter is what runs, as in Linux. */
static int exec_and_release(const char *path, char *const argv[], char *const envp[],
			    void *release)
{
	struct exec_image *img = kzalloc(sizeof(*img), GFP_KERNEL);
	struct script *scripts[SCRIPT_MAX_NESTING + 1] = { NULL };
	struct mm_struct *mm, *old = current->mm;
	const char *prog = path;
	struct dentry *d;
	unsigned long sp;
	int err = -ENOMEM;

	if (!img)
		return -ENOMEM;
	d = resolve_scripts(&prog, &argv, scripts, &err);
	if (!d)
		goto out;
	img->inode = d->d_inode;
	err = elf_read_headers(img);
	if (!err)
		err = de_thread(current);       /* a program we can load: the other threads go */
	if (!err && !(mm = mm_alloc()))
		err = -ENOMEM;
	if (err)
		goto out_dput;
	pick_mmap_layout(mm, current->signal->rlim_cur[RLIMIT_STACK]);
	use_mm(mm);
	err = load_elf_binary(mm, img);
	if (!err)
		err = create_elf_tables(img, path, argv, envp, &sp);
	if (err) {
		if (old)
			use_mm(old);
		else
			unuse_mm(mm);
		mmput(mm);
		goto out_dput;
	}
	mm->exe_file = d;               /* the interpreter, for a script: /proc/self/exe */
	mm->start_stack = sp;           /* where argc is: /proc/PID/stat's startstack */
	if (old) {
		setmax_mm_hiwater_rss(&current->signal->maxrss, old);
		futex_exec_release(old, mm);
		mmput(old);
	}
	flush_signal_handlers(current);
	flush_thread();
	if (current->files)
		close_on_exec(current->files);
	if (current->vfork_done) {      /* the vfork parent may go on now */
		complete(current->vfork_done);
		current->vfork_done = NULL;
	}
	current->thread.clear_child_tid = NULL; /* an address in the old program */
	strlcpy(current->comm, strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
		sizeof(current->comm));
	unsigned long entry = img->ehdr.e_entry;

	kfree(img);
	free_scripts(scripts);
	kfree(release);
	start_thread(entry, sp);
out_dput:
	dput(d);
out:
	free_scripts(scripts);
	kfree(img);
	return err;
}

int do_execve(const char *path, char *const argv[], char *const envp[])
{
	return exec_and_release(path, argv, envp, NULL);
}

/* Copy a NULL-terminated user array of strings into buf; n entries. */
static int copy_strings(char **vec, const char __user *const __user *uvec, char **buf,
			size_t *left)
{
	int n = 0;

	for (; uvec; n++) {
		u32 ustr;
		long len;

		if (n == EXEC_ARGS_MAX)
			return -E2BIG;
		if (copy_from_user(&ustr, uvec + n, sizeof(ustr)))
			return -EFAULT;
		if (!ustr)
			break;
		len = strncpy_from_user(*buf, (const char __user *)(unsigned long)ustr,
					(long)*left);
		if (len < 0)
			return (int)len;
		if ((size_t)len == *left)
			return -E2BIG;
		vec[n] = *buf;
		*buf += len + 1;
		*left -= (size_t)len + 1;
	}
	vec[n] = NULL;
	return n;
}

long sys_execve(const char __user *upath, const char __user *const __user *uargv,
		const char __user *const __user *uenvp)
{
	char **vec = kmalloc(2 * (EXEC_ARGS_MAX + 1) * sizeof(char *) + EXEC_STRINGS, GFP_KERNEL);
	char *buf, *path;
	size_t left = EXEC_STRINGS;
	long err;

	if (!vec)
		return -ENOMEM;
	buf = (char *)(vec + 2 * (EXEC_ARGS_MAX + 1));
	path = buf;
	err = strncpy_from_user(path, upath, PATH_MAX < (long)left ? PATH_MAX : (long)left);
	if (err >= 0) {
		buf += err + 1;
		left -= (size_t)err + 1;
		err = copy_strings(vec, uargv, &buf, &left);
	}
	if (err >= 0)
		err = copy_strings(vec + EXEC_ARGS_MAX + 1, uenvp, &buf, &left);
	if (err >= 0)
		err = exec_and_release(path, vec, vec + EXEC_ARGS_MAX + 1, vec);
	kfree(vec);
	return err;
}

