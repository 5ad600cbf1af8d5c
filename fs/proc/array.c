/*
 * fs/proc/array.c - the files of /proc/PID: stat, statm, status, cmdline,
 * environ, comm and maps, in the layouts ps, top and free parse; stack and
 * wchan, where a task sleeps in the kernel; and make-it-fail, the fault injectors' task filter (mm/fault_inject.h).
 * The same files describe one thread in /proc/PID/task/TID: pid fields
 * are the thread's, Tgid and Threads the group's, and stat's faults and
 * CPU times the thread's (tid_stat_show) where /proc/PID/stat has the
 * process's (pid_stat_show).
 *
 * Data: none of its own; each show gets its task with a reference.
 * Locking: the task reference (find_get_task) keeps the task; the address
 * space is taken with get_task_mm and its vmas are read under mmap_sem.
 */
#include "fs/file.h"
#include "fs/fs.h"
#include "fs/fs_struct.h"
#include "fs/proc/internal.h"
#include "fs/seq_file.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/uaccess.h"
#include "kernel/cputime.h"
#include "kernel/kallsyms.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/resource.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

/* ---- /proc/PID files (arg: the task, with a reference) ---- */

static char task_state(const struct task_struct *p)
{
	if (p->exit_state)
		return 'Z';
	if (p->state == TASK_RUNNING)
		return 'R';
	if (p->state == TASK_STOPPED)
		return 'T';
	return p->state & TASK_UNINTERRUPTIBLE ? 'D' : 'S';
}

static const char *state_name(char state)
{
	return state == 'R' ? "R (running)" : state == 'Z' ? "Z (zombie)"
	       : state == 'D' ? "D (disk sleep)" : state == 'T' ? "T (stopped)" : "S (sleeping)";
}

/* Sizes of an address space, in pages, from its areas. */
struct mm_sizes {
	unsigned long total, data, stack, exec, locked;
	unsigned long start_code, end_code;
};

static void mm_sizes(struct mm_struct *mm, struct mm_sizes *s)
{
	struct vm_area_struct *vma;

	memset(s, 0, sizeof(*s));
	if (!mm)
		return;
	down_read(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		s->total += pages;
		if (vma->vm_flags & VM_GROWSDOWN)
			s->stack += pages;
		else if ((vma->vm_flags & VM_EXEC) && vma->vm_inode)
			s->exec += pages;
		else if (vma->vm_flags & VM_WRITE)
			s->data += pages;
		if ((vma->vm_flags & VM_EXEC) && !s->start_code) {
			s->start_code = vma->vm_start;
			s->end_code = vma->vm_end;
		}
	}
	s->locked = mm->locked_vm;
	up_read(&mm->mmap_sem);
}

static u64 sig_bits(const struct task_struct *p, unsigned long handler_kind)
{
	u64 bits = 0;

	for (int i = 0; i < _NSIG; i++) {
		u32 h = p->sighand->action[i].handler;

		if (handler_kind == 1 ? h == 1 : h > 1)
			bits |= 1ULL << i;
	}
	return bits;
}

/* What is pending for p: its own and its group's. */
static u64 sig_pending(const struct task_struct *p)
{
	return p->pending | p->signal->shared_pending;
}

/* Linux's /proc/PID/stat: 44 fields on one line (see proc(5)).  The
 * faults and CPU times are the process's (every thread it had) in
 * /proc/PID, the thread's own in /proc/PID/task/TID (whole); the reaped
 * children's are the process's in both, as in Linux. */
static void do_task_stat(struct seq_file *m, struct task_struct *p, bool whole)
{
	struct mm_struct *mm = get_task_mm(p);
	struct task_usage u, c;
	struct mm_sizes s;

	if (whole)
		thread_group_usage(p, &u);
	else
		task_usage(p, &u);
	children_usage(p, &c);
	mm_sizes(mm, &s);
	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu %lu %lu %d %d %d 0 %lu ",
		   p->pid, p->comm, task_state(p), task_ppid(p), p->signal->pgrp,
		   p->signal->session,
		   mm ? 5 << 8 | 1 : 0, -1, mm ? 0 : 0x00200000 /* PF_KTHREAD */, u.min_flt,
		   c.min_flt, u.maj_flt, c.maj_flt, jiffies_to_clock_t(u.utime),
		   jiffies_to_clock_t(u.stime), jiffies_to_clock_t(c.utime),
		   jiffies_to_clock_t(c.stime), p->prio, p->prio - DEFAULT_PRIO,
		   get_nr_threads(p), jiffies_to_clock_t(p->start_time - INITIAL_JIFFIES));
	seq_printf(m, "%lu %d %lu %lu %lu %lu 0 0 %llu %llu %llu %llu 0 0 0 17 %d 0 0 0 0 0\n",
		   s.total << PAGE_SHIFT, mm ? get_mm_counter(mm, rss) : 0, 4294967295UL /* rsslim */,
		   s.start_code, s.end_code, mm ? mm->start_stack : 0,
		   (unsigned long long)(sig_pending(p) & 0xffffffff),
		   (unsigned long long)(p->blocked & 0xffffffff),
		   (unsigned long long)(sig_bits(p, 1) & 0xffffffff),
		   (unsigned long long)(sig_bits(p, 2) & 0xffffffff), task_cpu(p));
	if (mm)
		mmput(mm);
}

void pid_stat_show(struct seq_file *m, void *arg)
{
	do_task_stat(m, arg, true);
}

void tid_stat_show(struct seq_file *m, void *arg)
{
	do_task_stat(m, arg, false);
}

void pid_statm_show(struct seq_file *m, void *arg)
{
	struct task_struct *p = arg;
	struct mm_struct *mm = get_task_mm(p);
	struct mm_sizes s;

	mm_sizes(mm, &s);
	seq_printf(m, "%lu %d 0 %lu 0 %lu 0\n", s.total, mm ? get_mm_counter(mm, rss) : 0, s.exec,
		   s.data + s.stack);
	if (mm)
		mmput(mm);
}

static void status_memory(struct seq_file *m, struct mm_struct *mm)
{
	struct mm_sizes s;

	mm_sizes(mm, &s);
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\n",
		   max(s.total, mm->hiwater_vm) * 4, s.total * 4, s.locked * 4);
	seq_printf(m, "VmHWM:\t%8lu kB\n", get_mm_hiwater_rss(mm) * 4);
	seq_printf(m, "VmRSS:\t%8d kB\nVmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
		   get_mm_counter(mm, rss) * 4, s.data * 4, s.stack * 4, s.exec * 4);
	seq_printf(m, "VmSwap:\t%8d kB\n", get_mm_counter(mm, swapents) * 4);
}

/* The CPUs p may run on, as Linux prints them: the mask over the CPUs
 * there are (CPU_MASK_ALL on two CPUs is 3), then as a list of ranges. */
static void cpus_allowed_show(struct seq_file *m, unsigned long mask)
{
	const char *sep = "";

	seq_printf(m, "Cpus_allowed:\t%lx\nCpus_allowed_list:\t", mask);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		int last = cpu;

		if (!(mask >> cpu & 1))
			continue;
		while (last + 1 < NR_CPUS && mask >> (last + 1) & 1)
			last++;
		if (last == cpu)
			seq_printf(m, "%s%d", sep, cpu);
		else
			seq_printf(m, "%s%d-%d", sep, cpu, last);
		sep = ",";
		cpu = last;
	}
	seq_printf(m, "\n");
}

void pid_status_show(struct seq_file *m, void *arg)
{
	struct task_struct *p = arg;
	struct mm_struct *mm = get_task_mm(p);
	char state = task_state(p);

	u32 umask = 0;

	spin_lock(&p->alloc_lock);      /* p->fs goes at exit */
	if (p->fs)
		umask = get_fs_umask(p->fs);
	spin_unlock(&p->alloc_lock);
	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n",
		   p->comm, umask, state_name(state), p->tgid, p->pid, task_ppid(p));
	seq_printf(m, "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\n",
		   NR_OPEN_DEFAULT);   /* the table before it grows: another's is not ours to read */
	if (mm) {
		status_memory(m, mm);
		mmput(mm);
	}
	seq_printf(m, "Threads:\t%d\nSigQ:\t0/%lu\nSigPnd:\t%016llx\nShdPnd:\t%016llx\n",
		   get_nr_threads(p), p->signal->rlim_cur[RLIMIT_SIGPENDING], (unsigned long long)p->pending,
		   (unsigned long long)p->signal->shared_pending);
	seq_printf(m, "SigBlk:\t%016llx\n", (unsigned long long)p->blocked);
	seq_printf(m, "SigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   (unsigned long long)sig_bits(p, 1), (unsigned long long)sig_bits(p, 2));
	cpus_allowed_show(m, p->cpus_allowed.bits & cpu_online_map.bits);
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   p->nvcsw, p->nivcsw);
}

/* The strings between start and end of the process's memory: argv or
 * the environment, NUL-separated, as exec laid them out. */
static void show_user_strings(struct seq_file *m, struct task_struct *p, bool env)
{
	struct mm_struct *mm = get_task_mm(p);
	unsigned long start, len;
	char *buf;

	if (!mm)
		return;                 /* a kernel thread: empty, as in Linux */
	start = env ? mm->env_start : mm->arg_start;
	len = min((env ? mm->env_end : mm->arg_end) - start, (unsigned long)PAGE_SIZE);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (buf)
		seq_write(m, buf, (size_t)access_process_vm(mm, start, buf, (int)len));
	kfree(buf);
	mmput(mm);
}

void pid_cmdline_show(struct seq_file *m, void *arg)
{
	show_user_strings(m, arg, false);
}

void pid_environ_show(struct seq_file *m, void *arg)
{
	show_user_strings(m, arg, true);
}

void pid_make_it_fail_show(struct seq_file *m, void *arg)
{
	seq_printf(m, "%d\n", ((struct task_struct *)arg)->make_it_fail);
}

int pid_set_make_it_fail(struct task_struct *p, unsigned long val)
{
	if (val > 1)
		return -EINVAL;
	p->make_it_fail = val;
	return 0;
}

void pid_comm_show(struct seq_file *m, void *arg)
{
	seq_printf(m, "%s\n", ((struct task_struct *)arg)->comm);
}

/* Where the task sleeps in the kernel, as Linux 2.6.29's stack file
 * shows it: one "[<address>] function+offset/size" line per frame,
 * innermost first; nothing while it runs. */
void pid_stack_show(struct seq_file *m, void *arg)
{
	unsigned long trace[32];
	int n = save_task_stack_trace(arg, trace, ARRAY_SIZE(trace));
	char sym[128];

	for (int i = 0; i < n; i++) {
		sprint_symbol(sym, sizeof(sym), trace[i]);
		seq_printf(m, "[<%08lx>] %s\n", trace[i], sym);
	}
}

/* The function it sleeps in, or "0" while it runs (no newline, as in
 * Linux, so `cat` prints it before the prompt). */
void pid_wchan_show(struct seq_file *m, void *arg)
{
	unsigned long size, offset, wchan = get_wchan(arg);
	const char *name = wchan ? kallsyms_lookup(wchan, &size, &offset) : NULL;

	seq_printf(m, "%s", name ? name : "0");
}

/* The name a file area shows in maps: its path, "[heap]", "[stack]";
 * a shmem object's name with " (deleted)", as Linux shows the unlinked
 * file behind it ("/dev/zero (deleted)", "/SYSV0000002a (deleted)"). */
static void vma_name(struct seq_file *m, struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct shmem_inode_info *info = vma->vm_inode ? SHMEM_I(vma->vm_inode) : NULL;
	char *path;

	if (info) {
		seq_printf(m, "%s (deleted)", info->name);
	} else if (vma->vm_inode && vma->vm_inode->i_dentry && (path = kmalloc(PATH_MAX, GFP_KERNEL))) {
		if (dentry_path(vma->vm_inode->i_dentry, path, PATH_MAX) >= 0)
			seq_printf(m, "%s", path);
		kfree(path);
	} else if (vma->vm_inode) {
		seq_printf(m, "(deleted)");
	} else if (vma->vm_start >= mm->start_brk && vma->vm_end <= PAGE_ALIGN(mm->brk) &&
		   mm->brk > mm->start_brk) {
		seq_printf(m, "[heap]");
	} else if (vma->vm_flags & VM_GROWSDOWN) {
		seq_printf(m, "[stack]");
	}
}

void pid_maps_show(struct seq_file *m, void *arg)
{
	struct mm_struct *mm = get_task_mm(arg);
	struct vm_area_struct *vma;

	if (!mm)
		return;
	down_read(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long f = vma->vm_flags;

		seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx 00:%02x %-10lu ", vma->vm_start,
			   vma->vm_end, f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
			   f & VM_EXEC ? 'x' : '-', f & VM_SHARED ? 's' : 'p',
			   vma->vm_inode ? vma->vm_pgoff << PAGE_SHIFT : 0, vma->vm_inode ? 1 : 0,
			   vma->vm_inode ? vma->vm_inode->i_ino : 0);
		vma_name(m, mm, vma);
		seq_printf(m, "\n");
	}
	up_read(&mm->mmap_sem);
	mmput(mm);
}

/* The auxiliary vector exec built (binary: pairs of words up to and with
 * AT_NULL), read back from the initial stack: argc, argv[], NULL, envp[],
 * NULL, then the vector.  (Linux keeps a copy in the mm; this reads the
 * same words unless the program overwrote them.) */
void pid_auxv_show(struct seq_file *m, void *arg)
{
	struct mm_struct *mm = get_task_mm(arg);
	u32 *w = kmalloc(PAGE_SIZE, GFP_KERNEL);
	size_t n, i;

	if (mm && w && mm->start_stack) {
		n = (size_t)access_process_vm(mm, mm->start_stack, w, PAGE_SIZE) / sizeof(u32);
		i = n ? w[0] + 2 : n;                   /* past argc, argv[], NULL */
		while (i < n && w[i])
			i++;                            /* past envp[] */
		for (size_t a = ++i; a + 1 < n; a += 2)
			if (!w[a]) {                    /* AT_NULL: the end, included */
				seq_write(m, w + i, (a + 2 - i) * sizeof(u32));
				break;
			}
	}
	kfree(w);
	if (mm)
		mmput(mm);
}
