/*
 * kernel/proc.c - /proc: the kernel's state as text files, in Linux's
 * formats, so that free, ps, top and vmstat (busybox's, or ours in user/)
 * read them unchanged.
 *
 * Every file is a show function (kernel/seq_file.h) rendered when the file
 * is opened; reads then come from that snapshot, so a reader sees one
 * consistent text however small its reads.  The system-wide files
 * (meminfo, stat, ...) and /proc/sys/vm are ordinary dentries made at boot
 * whose inodes carry proc's file operations; the process directories
 * /proc/PID come and go with the processes, so /proc's inode has a lookup
 * and a readdir (proc_root_iops) that make a private dentry for a PID on
 * demand, as Linux's proc does - nothing stays behind once the last user
 * puts it.  /proc/self is a symlink whose target is the reader's pid.
 *
 * Data: proc_root_files[], proc_pid_files[], proc_vm_files[],
 * proc_fail_*_files[]: what each file is called and how it is shown (or,
 * for the tunables, set).  /proc/sys/debug holds the fault injectors'
 * parameters (mm/fault_inject.h), which Linux keeps in debugfs.
 * Locking: a /proc/PID file takes a reference on its task while showing
 * it (find_get_task) and on its address space (get_task_mm, mmap_sem for
 * the vmas); the system-wide shows take the locks of what they read.
 */
#include "kernel/cpu.h"
#include "kernel/file.h"
#include "kernel/fs.h"
#include "kernel/sched.h"
#include "kernel/seq_file.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/fault_inject.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

#define USER_HZ 100                     /* clock ticks as /proc counts them */
#define PROC_PID_INO 0x10000000UL       /* /proc/PID inode numbers from here */

struct proc_entry {
	const char *name;
	u32 mode;
	seq_show_t show;                /* arg: the task, for /proc/PID files */
	int (*set)(unsigned long val);  /* writable tunables: 0 or -EINVAL */
	void *data;                     /* /proc/sys/debug: the fault injector */
};

/* The text of an open proc file: rendered at open, read from here. */
struct proc_text {
	char *text;
	size_t len;
};

static unsigned long to_clock_t(unsigned long ticks)
{
	return ticks * USER_HZ / HZ;
}

/* ---- System-wide files ---- */

static void stat_cpu_line(struct seq_file *m, const char *name, struct cpu_usage_stat s)
{
	seq_printf(m, "%s %llu %llu %llu %llu %llu %llu %llu 0 0 0\n", name, s.user, s.nice,
		   s.system, s.idle, s.iowait, s.irq, s.softirq);
}

static void stat_show(struct seq_file *m, void *arg)
{
	struct cpu_usage_stat sum = { 0 };
	unsigned long long ctxt = 0;
	unsigned long running = 0;
	char name[16];
	int cpu;

	(void)arg;
	for_each_online_cpu(cpu) {
		struct cpu_usage_stat s = kstat_cpu(cpu);

		sum.user += s.user;
		sum.system += s.system;
		sum.idle += s.idle;
		ctxt += nr_context_switches(cpu);
		running += nr_running_on(cpu);
	}
	stat_cpu_line(m, "cpu ", sum);
	for_each_online_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%d", cpu);
		stat_cpu_line(m, name, kstat_cpu(cpu));
	}
	seq_printf(m, "ctxt %llu\nbtime 0\nprocesses %d\nprocs_running %lu\nprocs_blocked 0\n",
		   ctxt, last_pid_used(), running);
}

static void uptime_show(struct seq_file *m, void *arg)
{
	u64 ns = ktime_get_ns();
	unsigned long long idle = 0;
	int cpu;

	(void)arg;
	for_each_online_cpu(cpu)
		idle += kstat_cpu(cpu).idle;
	seq_printf(m, "%llu.%02llu %llu.%02llu\n", ns / 1000000000ull, ns / 10000000ull % 100,
		   idle / HZ, idle % HZ * 100 / HZ);
}

/* avenrun is fixed point with FSHIFT fraction bits: print two decimals. */
static void load_field(struct seq_file *m, unsigned long load, const char *sep)
{
	unsigned long x = load + FIXED_1 / 200;         /* round */

	seq_printf(m, "%lu.%02lu%s", x >> FSHIFT, ((x & (FIXED_1 - 1)) * 100) >> FSHIFT, sep);
}

static void loadavg_show(struct seq_file *m, void *arg)
{
	unsigned long running = 0;
	int cpu;

	(void)arg;
	for_each_online_cpu(cpu)
		running += nr_running_on(cpu);
	load_field(m, avenrun[0], " ");
	load_field(m, avenrun[1], " ");
	load_field(m, avenrun[2], " ");
	seq_printf(m, "%lu/%d %d\n", running, nr_threads, last_pid_used());
}

static void swaps_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
}

static void version_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "Linux version 6.1.0-tessera (Tessera teaching kernel) #1 SMP\n");
}

static void mounts_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "rootfs / rootfs rw 0 0\nproc /proc proc rw 0 0\n");
}

static void int_show(struct seq_file *m, void *arg)
{
	seq_printf(m, "%d\n", *(int *)arg);
}

/* ---- The vm tunables (/proc/sys/vm) ---- */

static int set_swappiness(unsigned long v)
{
	if (v > 100)
		return -EINVAL;
	vm_swappiness = (int)v;
	return 0;
}

static int set_page_cluster(unsigned long v)
{
	if (v > 10)
		return -EINVAL;
	page_cluster = (int)v;
	return 0;
}

/* Linux's drop_caches: 1 frees clean page cache, 2 slab objects, 3 both.
 * Tessera's page cache is ramfs's data, never clean to drop; what is
 * given back is what only caches free memory: the per-CPU page lists
 * (drained) and the free slabs of every cache (reaped), for 1, 2 or 3. */
static int drop_caches_value;

static int set_drop_caches(unsigned long v)
{
	if (v < 1 || v > 4)
		return -EINVAL;
	drop_caches_value = (int)v;
	if (v & 3) {
		kmem_cache_reap(GFP_KERNEL);
		drain_all_pages();
	}
	return 0;
}

/* ---- /proc/sys/debug: the fault injectors ---- */

static void fault_file_show(struct seq_file *m, void *arg)
{
	const struct proc_entry *e = arg;
	long v;

	if (fault_inject_proc_read(e->data, e->name, &v))
		return;
	if (e->data)
		seq_printf(m, "%ld\n", v);
	else
		seq_printf(m, "%lu\n", (unsigned long)v);      /* the seed */
}

#define FAIL_FILE(attr, file) { file, S_IFREG | 0644, fault_file_show, NULL, attr }
#define FAIL_ATTR_FILES(attr)                                                \
	FAIL_FILE(attr, "probability"), FAIL_FILE(attr, "interval"),         \
	FAIL_FILE(attr, "times"), FAIL_FILE(attr, "space"),                  \
	FAIL_FILE(attr, "verbose"), FAIL_FILE(attr, "ignore-gfp-wait")

static const struct proc_entry proc_fail_page_alloc_files[] = {
	FAIL_ATTR_FILES(&fail_page_alloc),
	FAIL_FILE(&fail_page_alloc, "ignore-gfp-highmem"),
	FAIL_FILE(&fail_page_alloc, "min-order"),
};
static const struct proc_entry proc_failslab_files[] = { FAIL_ATTR_FILES(&failslab) };
static const struct proc_entry proc_fault_seed_file = FAIL_FILE(NULL, "fault_inject_seed");

/* ---- /proc/PID files (arg: the task, with a reference) ---- */

static char task_state(const struct task_struct *p)
{
	if (p->exit_state)
		return 'Z';
	if (p->state == TASK_RUNNING)
		return 'R';
	return p->state & TASK_UNINTERRUPTIBLE ? 'D' : 'S';
}

static const char *state_name(char state)
{
	return state == 'R' ? "R (running)" : state == 'Z' ? "Z (zombie)"
	       : state == 'D' ? "D (disk sleep)" : "S (sleeping)";
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
	mutex_lock(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		s->total += pages;
		if (vma->vm_flags & VM_GROWSDOWN)
			s->stack += pages;
		else if ((vma->vm_flags & VM_EXEC) && vma->vm_file)
			s->exec += pages;
		else if (vma->vm_flags & VM_WRITE)
			s->data += pages;
		if ((vma->vm_flags & VM_EXEC) && !s->start_code) {
			s->start_code = vma->vm_start;
			s->end_code = vma->vm_end;
		}
	}
	s->locked = mm->locked_vm;
	mutex_unlock(&mm->mmap_sem);
}

static u64 sig_bits(const struct task_struct *p, unsigned long handler_kind)
{
	u64 bits = 0;

	for (int i = 0; i < _NSIG; i++) {
		u32 h = p->sighand[i].handler;

		if (handler_kind == 1 ? h == 1 : h > 1)
			bits |= 1ULL << i;
	}
	return bits;
}

static int parent_pid(const struct task_struct *p)
{
	return p->parent ? p->parent->pid : 0;
}

/* Linux's /proc/PID/stat: 44 fields on one line (see proc(5)). */
static void pid_stat_show(struct seq_file *m, void *arg)
{
	struct task_struct *p = arg;
	struct mm_struct *mm = get_task_mm(p);
	struct mm_sizes s;

	mm_sizes(mm, &s);
	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu %lu %lu %d %d 1 0 %lu ",
		   p->pid, p->comm, task_state(p), parent_pid(p), p->pgid, p->sid,
		   mm ? 5 << 8 | 1 : 0, -1, mm ? 0 : 0x00200000 /* PF_KTHREAD */, p->min_flt,
		   0UL, p->maj_flt, 0UL, to_clock_t(p->utime), to_clock_t(p->stime),
		   to_clock_t(p->cutime), to_clock_t(p->cstime), p->prio, p->prio - DEFAULT_PRIO,
		   to_clock_t(p->start_time));
	seq_printf(m, "%lu %ld %lu %lu %lu %lu 0 0 %llu %llu %llu %llu 0 0 0 17 %d 0 0 0 0 0\n",
		   s.total << PAGE_SHIFT, mm ? mm->rss : 0, 4294967295UL /* rsslim */,
		   s.start_code, s.end_code, mm ? mm->start_stack : 0,
		   (unsigned long long)(p->pending & 0xffffffff),
		   (unsigned long long)(p->blocked & 0xffffffff),
		   (unsigned long long)(sig_bits(p, 1) & 0xffffffff),
		   (unsigned long long)(sig_bits(p, 2) & 0xffffffff), task_cpu(p));
	if (mm)
		mmput(mm);
}

static void pid_statm_show(struct seq_file *m, void *arg)
{
	struct task_struct *p = arg;
	struct mm_struct *mm = get_task_mm(p);
	struct mm_sizes s;

	mm_sizes(mm, &s);
	seq_printf(m, "%lu %ld 0 %lu 0 %lu 0\n", s.total, mm ? mm->rss : 0, s.exec,
		   s.data + s.stack);
	if (mm)
		mmput(mm);
}

static void status_memory(struct seq_file *m, struct mm_struct *mm)
{
	struct mm_sizes s;

	mm_sizes(mm, &s);
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\n", s.total * 4,
		   s.total * 4, s.locked * 4);
	seq_printf(m, "VmRSS:\t%8ld kB\nVmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
		   mm->rss * 4, s.data * 4, s.stack * 4, s.exec * 4);
}

static void pid_status_show(struct seq_file *m, void *arg)
{
	struct task_struct *p = arg;
	struct mm_struct *mm = get_task_mm(p);
	char state = task_state(p);

	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n",
		   p->comm, p->umask, state_name(state), p->pid, p->pid, parent_pid(p));
	seq_printf(m, "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\n",
		   NR_OPEN);
	if (mm) {
		status_memory(m, mm);
		mmput(mm);
	}
	seq_printf(m, "Threads:\t1\nSigPnd:\t%016llx\nSigBlk:\t%016llx\n",
		   (unsigned long long)p->pending, (unsigned long long)p->blocked);
	seq_printf(m, "SigIgn:\t%016llx\nSigCgt:\t%016llx\nCpus_allowed:\t%lx\n",
		   (unsigned long long)sig_bits(p, 1), (unsigned long long)sig_bits(p, 2),
		   (unsigned long)p->cpus_allowed.bits);
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

static void pid_cmdline_show(struct seq_file *m, void *arg)
{
	show_user_strings(m, arg, false);
}

static void pid_environ_show(struct seq_file *m, void *arg)
{
	show_user_strings(m, arg, true);
}

static void pid_comm_show(struct seq_file *m, void *arg)
{
	seq_printf(m, "%s\n", ((struct task_struct *)arg)->comm);
}

/* The name a file area shows in maps: its path, "[heap]", "[stack]". */
static void vma_name(struct seq_file *m, struct mm_struct *mm, struct vm_area_struct *vma)
{
	char *path;

	if (vma->vm_file && vma->vm_file->i_dentry && (path = kmalloc(PATH_MAX, GFP_KERNEL))) {
		if (dentry_path(vma->vm_file->i_dentry, path, PATH_MAX) >= 0)
			seq_printf(m, "%s", path);
		kfree(path);
	} else if (vma->vm_file) {
		seq_printf(m, "(deleted)");
	} else if (vma->vm_start >= mm->start_brk && vma->vm_end <= PAGE_ALIGN(mm->brk) &&
		   mm->brk > mm->start_brk) {
		seq_printf(m, "[heap]");
	} else if (vma->vm_flags & VM_GROWSDOWN) {
		seq_printf(m, "[stack]");
	}
}

static void pid_maps_show(struct seq_file *m, void *arg)
{
	struct mm_struct *mm = get_task_mm(arg);
	struct vm_area_struct *vma;

	if (!mm)
		return;
	mutex_lock(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long f = vma->vm_flags;

		seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx 00:%02x %-10lu ", vma->vm_start,
			   vma->vm_end, f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
			   f & VM_EXEC ? 'x' : '-', f & VM_SHARED ? 's' : 'p',
			   vma->vm_file ? vma->vm_pgoff << PAGE_SHIFT : 0, vma->vm_file ? 1 : 0,
			   vma->vm_file ? vma->vm_file->i_ino : 0);
		vma_name(m, mm, vma);
		seq_printf(m, "\n");
	}
	mutex_unlock(&mm->mmap_sem);
	mmput(mm);
}

static const struct proc_entry proc_root_files[] = {
	{ "meminfo", S_IFREG | 0444, meminfo_show, NULL, NULL },
	{ "buddyinfo", S_IFREG | 0444, buddyinfo_show, NULL, NULL },
	{ "zoneinfo", S_IFREG | 0444, zoneinfo_show, NULL, NULL },
	{ "slabinfo", S_IFREG | 0444, slabinfo_show, NULL, NULL },
	{ "vmstat", S_IFREG | 0444, vmstat_show, NULL, NULL },
	{ "swaps", S_IFREG | 0444, swaps_show, NULL, NULL },
	{ "cpuinfo", S_IFREG | 0444, cpuinfo_show, NULL, NULL },
	{ "stat", S_IFREG | 0444, stat_show, NULL, NULL },
	{ "uptime", S_IFREG | 0444, uptime_show, NULL, NULL },
	{ "loadavg", S_IFREG | 0444, loadavg_show, NULL, NULL },
	{ "version", S_IFREG | 0444, version_show, NULL, NULL },
	{ "mounts", S_IFREG | 0444, mounts_show, NULL, NULL },
};

static const struct proc_entry proc_vm_files[] = {
	{ "min_free_kbytes", S_IFREG | 0644, int_show, set_min_free_kbytes, NULL },
	{ "page-cluster", S_IFREG | 0644, int_show, set_page_cluster, NULL },
	{ "swappiness", S_IFREG | 0644, int_show, set_swappiness, NULL },
	{ "drop_caches", S_IFREG | 0200, int_show, set_drop_caches, NULL },
};
static int *const proc_vm_values[] = { &min_free_kbytes, &page_cluster, &vm_swappiness,
				       &drop_caches_value };

static const struct proc_entry proc_pid_files[] = {
	{ "cmdline", S_IFREG | 0444, pid_cmdline_show, NULL, NULL },
	{ "comm", S_IFREG | 0444, pid_comm_show, NULL, NULL },
	{ "cwd", S_IFLNK | 0777, NULL, NULL, NULL },
	{ "environ", S_IFREG | 0400, pid_environ_show, NULL, NULL },
	{ "exe", S_IFLNK | 0777, NULL, NULL, NULL },
	{ "maps", S_IFREG | 0444, pid_maps_show, NULL, NULL },
	{ "stat", S_IFREG | 0444, pid_stat_show, NULL, NULL },
	{ "statm", S_IFREG | 0444, pid_statm_show, NULL, NULL },
	{ "status", S_IFREG | 0444, pid_status_show, NULL, NULL },
};

/* ---- Opening and reading ---- */

/* What an entry's show gets: the task for a /proc/PID file (referenced),
 * the tunable's value for /proc/sys/vm, the entry itself for
 * /proc/sys/debug, else nothing. */
static int show_arg(struct inode *inode, void **arg, struct task_struct **task)
{
	const struct proc_entry *e = inode->i_private;

	*task = NULL;
	*arg = NULL;
	if (e >= proc_pid_files && e < proc_pid_files + ARRAY_SIZE(proc_pid_files)) {
		*task = find_get_task((int)inode->i_tag);
		if (!*task)
			return -ESRCH;
		*arg = *task;
	} else if (e >= proc_vm_files && e < proc_vm_files + ARRAY_SIZE(proc_vm_files)) {
		*arg = proc_vm_values[e - proc_vm_files];
	} else if (e->show == fault_file_show) {
		*arg = (void *)e;
	}
	return 0;
}

static int proc_open(struct file *f)
{
	struct inode *inode = f->f_dentry->d_inode;
	const struct proc_entry *e = inode->i_private;
	struct proc_text *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct task_struct *task;
	void *arg;
	int err;

	if (!t)
		return -ENOMEM;
	err = show_arg(inode, &arg, &task);
	if (!err && !(t->text = seq_render(e->show, arg, &t->len)))
		err = -ENOMEM;
	if (task)
		put_task_struct(task);
	if (err) {
		kfree(t);
		return err;
	}
	f->private_data = t;
	return 0;
}

static ssize_t proc_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct proc_text *t = f->private_data;
	size_t n;

	if (*pos >= t->len)
		return 0;
	n = min(len, t->len - (size_t)*pos);
	if (copy_to_user(buf, t->text + *pos, n))
		return -EFAULT;
	*pos += n;
	return (ssize_t)n;
}

/* A tunable takes one number (a trailing newline allowed, as echo gives);
 * the fault injectors' files parse their own. */
static ssize_t proc_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	const struct proc_entry *e = f->f_dentry->d_inode->i_private;
	char kbuf[24];
	unsigned long val;
	int err;

	(void)pos;
	if (!e->set && e->show != fault_file_show)
		return -EACCES;
	if (len >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, len))
		return -EFAULT;
	kbuf[len] = '\0';
	if (e->show == fault_file_show) {
		err = fault_inject_proc_write(e->data, e->name, kbuf);
		return err ? err : (ssize_t)len;
	}
	if (kstrtoul(kbuf, 10, &val))
		return -EINVAL;
	err = e->set(val);
	return err ? err : (ssize_t)len;
}

static void proc_release(struct file *f)
{
	struct proc_text *t = f->private_data;

	if (t)
		kfree(t->text);
	kfree(t);
}

static const struct file_operations proc_file_fops = {
	.read = proc_read,
	.write = proc_write,
	.release = proc_release,
	.open = proc_open,
};

/* ---- Directories and symlinks ---- */

static const struct inode_operations proc_dir_iops;    /* marks a proc inode */

static int pid_link_readlink(struct dentry *d, char *buf, size_t size)
{
	const struct proc_entry *e = d->d_inode->i_private;
	struct task_struct *p = find_get_task((int)d->d_inode->i_tag);
	struct mm_struct *mm;
	int n = -ENOENT;

	if (!p)
		return -ESRCH;
	if (!strcmp(e->name, "cwd")) {
		n = (int)strlcpy(buf, p->cwd, size);
	} else if ((mm = get_task_mm(p))) {
		if (mm->exe_file)
			n = __dentry_path(mm->exe_file, buf, size);
		mmput(mm);
	}
	put_task_struct(p);
	return n;
}

static const struct inode_operations proc_pid_link_iops = { .readlink = pid_link_readlink };

static int self_readlink(struct dentry *d, char *buf, size_t size)
{
	(void)d;
	return snprintf(buf, size, "%d", current->pid);
}

static const struct inode_operations proc_self_iops = { .readlink = self_readlink };

/* A private dentry for a name in a /proc/PID directory or /proc itself. */
static struct dentry *proc_dentry(struct dentry *dir, const char *name, size_t len, u32 mode,
				  unsigned long ino, int *err)
{
	struct inode *inode = new_inode(mode, 0);
	struct dentry *d;

	if (inode)
		inode->i_ino = ino;
	d = d_alloc(dir, name, len, inode, false);
	if (!d)
		*err = -ENOMEM;
	return d;
}

static struct dentry *pid_dir_lookup(struct dentry *dir, const char *name, size_t len, int *err)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_pid_files); i++) {
		const struct proc_entry *e = &proc_pid_files[i];
		struct dentry *d;

		if (strlen(e->name) != len || memcmp(e->name, name, len))
			continue;
		d = proc_dentry(dir, name, len, e->mode, dir->d_inode->i_ino + 1 + i, err);
		if (d) {
			d->d_inode->i_op = S_ISLNK(e->mode) ? &proc_pid_link_iops : &proc_dir_iops;
			d->d_inode->i_fop = S_ISLNK(e->mode) ? NULL : &proc_file_fops;
			d->d_inode->i_private = (void *)e;
			d->d_inode->i_tag = dir->d_inode->i_tag;
		}
		return d;
	}
	*err = -ENOENT;
	return NULL;
}

static long pid_dir_readdir(struct dentry *dir, long index, filldir_t emit, void *ctx)
{
	long n = 0;

	for (long i = index; i < (long)ARRAY_SIZE(proc_pid_files); i++, n++)
		if (!emit(ctx, proc_pid_files[i].name, dir->d_inode->i_ino + 1 + (unsigned long)i,
			  proc_pid_files[i].mode))
			break;
	return n;
}

static const struct inode_operations proc_pid_iops = {
	.lookup = pid_dir_lookup,
	.readdir = pid_dir_readdir,
};

static unsigned long pid_ino(int pid)
{
	return PROC_PID_INO + (unsigned long)pid * 16;
}

/* /proc/N for a live task N. */
static struct dentry *proc_root_lookup(struct dentry *dir, const char *name, size_t len,
				       int *err)
{
	char num[12];
	unsigned long pid;
	struct task_struct *p;
	struct dentry *d;

	if (len >= sizeof(num))
		goto noent;
	memcpy(num, name, len);
	num[len] = '\0';
	if (kstrtoul(num, 10, &pid) || !(p = find_get_task((int)pid)))
		goto noent;
	put_task_struct(p);
	d = proc_dentry(dir, name, len, S_IFDIR | 0555, pid_ino((int)pid), err);
	if (d) {
		d->d_inode->i_op = &proc_pid_iops;
		d->d_inode->i_tag = (long)pid;
	}
	return d;
noent:
	*err = -ENOENT;
	return NULL;
}

/* The pids, in creation order, from the index-th. */
static long proc_root_readdir(struct dentry *dir, long index, filldir_t emit, void *ctx)
{
	struct task_struct *p;
	unsigned long flags;
	char name[12];
	long i = 0, n = 0;

	(void)dir;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->pid || i++ < index)
			continue;
		snprintf(name, sizeof(name), "%d", p->pid);
		if (!emit(ctx, name, pid_ino(p->pid), S_IFDIR | 0555))
			break;
		n++;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
	.readdir = proc_root_readdir,
};

/* A file of the static tree (under /proc, made at boot). */
static void proc_create(const char *dir, const struct proc_entry *e)
{
	char path[64];
	struct dentry *d;

	snprintf(path, sizeof(path), "%s/%s", dir, e->name);
	if (vfs_mknod(path, e->mode, 0, &d))
		return;
	d->d_inode->i_op = &proc_dir_iops;
	d->d_inode->i_fop = &proc_file_fops;
	d->d_inode->i_private = (void *)e;
}

/* Mark a static directory as proc's: read-only, and its own device. */
static void proc_seal(const char *path, const struct inode_operations *iops)
{
	int err;
	struct dentry *d = path_lookup(path, &err);

	if (d) {
		d->d_inode->i_op = iops;
		d->d_inode->i_mode = S_IFDIR | 0555;
		dput(d);
	}
}

void proc_root_init(void)
{
	struct dentry *self;

	vfs_mkdir("/proc", 0555);
	vfs_mkdir("/proc/sys", 0555);
	vfs_mkdir("/proc/sys/vm", 0555);
	vfs_mkdir("/proc/sys/debug", 0555);
	vfs_mkdir("/proc/sys/debug/fail_page_alloc", 0555);
	vfs_mkdir("/proc/sys/debug/failslab", 0555);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_root_files); i++)
		proc_create("/proc", &proc_root_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_vm_files); i++)
		proc_create("/proc/sys/vm", &proc_vm_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_fail_page_alloc_files); i++)
		proc_create("/proc/sys/debug/fail_page_alloc", &proc_fail_page_alloc_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_failslab_files); i++)
		proc_create("/proc/sys/debug/failslab", &proc_failslab_files[i]);
	proc_create("/proc/sys/debug", &proc_fault_seed_file);
	if (!vfs_mknod("/proc/self", S_IFLNK | 0777, 0, &self))
		self->d_inode->i_op = &proc_self_iops;
	proc_seal("/proc/sys/vm", &proc_dir_iops);
	proc_seal("/proc/sys/debug/fail_page_alloc", &proc_dir_iops);
	proc_seal("/proc/sys/debug/failslab", &proc_dir_iops);
	proc_seal("/proc/sys/debug", &proc_dir_iops);
	proc_seal("/proc/sys", &proc_dir_iops);
	proc_seal("/proc", &proc_root_iops);
}
