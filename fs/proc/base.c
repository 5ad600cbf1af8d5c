/*
 * fs/proc/base.c - /proc: the kernel's state as text files, in Linux's
 * formats, so that free, ps, top and vmstat (busybox's, or ours in user/)
 * read them unchanged.  This file is proc's skeleton: the tables of
 * files, opening and reading, the /proc/PID directories and the root;
 * the shows are in fs/proc/proc_misc.c (system-wide), fs/proc/array.c
 * (/proc/PID) and the subsystems themselves (meminfo in mm/, ...).
 *
 * Every file is a show function (fs/seq_file.h) rendered when the file
 * is opened; reads then come from that snapshot, so a reader sees one
 * consistent text however small its reads.  The system-wide files
 * (meminfo, stat, ...) and /proc/sys/vm are ordinary dentries made at boot
 * whose inodes carry proc's file operations; the process directories
 * /proc/PID come and go with the processes, so /proc's inode has a lookup
 * and a readdir (proc_root_iops) that make a private dentry for a PID on
 * demand, as Linux's proc does - nothing stays behind once the last user
 * puts it.  /proc lists only thread-group leaders (processes), as Linux;
 * /proc/PID/task has a directory per thread of the group, TID, with the
 * same files (but no task of its own) describing that thread - its stat
 * with the thread's own counters (proc_tid_stat) - and
 * /proc/TID finds a thread that is not listed, as in Linux.  /proc/self is
 * a symlink whose target is the reader's process (tgid).
 *
 * Data: proc_root_files[], proc_pid_files[], proc_vm_files[],
 * proc_sysvipc_shm, proc_bus_pci_devices (the PCI functions, drivers/pci/),
 * proc_fail_*_files[]: what each file is called and how it is shown (or,
 * for the tunables, set).  /proc/sys/debug holds the fault injectors'
 * parameters (mm/fault_inject.h), which Linux keeps in debugfs.
 * Locking: a /proc/PID file takes a reference on its task while showing
 * it (find_get_task) and on its address space (get_task_mm, mmap_sem for
 * the vmas); the system-wide shows take the locks of what they read.
 */
#include "drivers/block/blkdev.h"
#include "drivers/pci/pci.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "fs/fs_struct.h"
#include "fs/proc/internal.h"
#include "fs/seq_file.h"
#include "ipc/shm.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/uaccess.h"
#include "kernel/module.h"
#include "kernel/profile.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/utsname.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/fault_inject.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"

#define PROC_PID_INO 0x10000000UL       /* /proc/PID inode numbers from here */
#define PROC_TID_INO 0x20000000UL       /* /proc/PID/task/TID ones from here */

/* The text of an open proc file: rendered at open, read from here. */
struct proc_text {
	char *text;
	size_t len;
};

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

#define FAIL_FILE(attr, file)                                                \
	{ .name = file, .mode = S_IFREG | 0644, .show = fault_file_show, .data = attr }
#define FAIL_ATTR_FILES(attr)                                                \
	FAIL_FILE(attr, "probability"), FAIL_FILE(attr, "interval"),         \
	FAIL_FILE(attr, "times"), FAIL_FILE(attr, "space"),                  \
	FAIL_FILE(attr, "verbose"), FAIL_FILE(attr, "ignore-gfp-wait"),      \
	FAIL_FILE(attr, "task-filter")

static const struct proc_entry proc_fail_page_alloc_files[] = {
	FAIL_ATTR_FILES(&fail_page_alloc),
	FAIL_FILE(&fail_page_alloc, "ignore-gfp-highmem"),
	FAIL_FILE(&fail_page_alloc, "min-order"),
};
static const struct proc_entry proc_failslab_files[] = { FAIL_ATTR_FILES(&failslab) };
static const struct proc_entry proc_fault_seed_file = FAIL_FILE(NULL, "fault_inject_seed");

static const struct proc_entry proc_root_files[] = {
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = meminfo_show },
	{ .name = "buddyinfo", .mode = S_IFREG | 0444, .show = buddyinfo_show },
	{ .name = "zoneinfo", .mode = S_IFREG | 0444, .show = zoneinfo_show },
	{ .name = "slabinfo", .mode = S_IFREG | 0444, .show = slabinfo_show },
	{ .name = "vmstat", .mode = S_IFREG | 0444, .show = vmstat_show },
	{ .name = "swaps", .mode = S_IFREG | 0444, .show = swaps_show },
	{ .name = "modules", .mode = S_IFREG | 0444, .show = modules_show },
	{ .name = "profile", .mode = S_IFREG | 0644, .show = profile_show, .set = profile_reset },
	{ .name = "cpuinfo", .mode = S_IFREG | 0444, .show = cpuinfo_show },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = stat_show },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = uptime_show },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = loadavg_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = version_show },
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = mounts_show },
	{ .name = "partitions", .mode = S_IFREG | 0444, .show = partitions_show },
	{ .name = "diskstats", .mode = S_IFREG | 0444, .show = diskstats_show },
};

#define KERNEL_FILE(file) { .name = file, .mode = S_IFREG | 0444, .show = sys_kernel_show }
#define KERNEL_NAME(file)                                                    \
	{ .name = file, .mode = S_IFREG | 0644, .show = sys_kernel_show,      \
	  .set_str = sys_kernel_set_name }

static const struct proc_entry proc_kernel_files[] = {
	KERNEL_FILE("ostype"), KERNEL_FILE("osrelease"), KERNEL_FILE("version"),
	KERNEL_NAME("hostname"), KERNEL_NAME("domainname"), KERNEL_FILE("pid_max"),
	KERNEL_FILE("threads-max"), KERNEL_FILE("ngroups_max"), KERNEL_FILE("printk"),
};

static int vm_set_lowmem_reserve_ratio(const struct proc_entry *e, const char *s, size_t len)
{
	(void)e;
	return set_lowmem_reserve_ratio(s, len);
}

static const struct proc_entry proc_vm_files[] = {
	{ .name = "min_free_kbytes", .mode = S_IFREG | 0644, .show = int_show, .set = set_min_free_kbytes },
	{ .name = "page-cluster", .mode = S_IFREG | 0644, .show = int_show, .set = set_page_cluster },
	{ .name = "swappiness", .mode = S_IFREG | 0644, .show = int_show, .set = set_swappiness },
	{ .name = "drop_caches", .mode = S_IFREG | 0200, .show = int_show, .set = set_drop_caches },
	{ .name = "overcommit_memory", .mode = S_IFREG | 0644, .show = int_show,
	  .set = set_overcommit_memory },
	{ .name = "overcommit_ratio", .mode = S_IFREG | 0644, .show = int_show,
	  .set = set_overcommit_ratio },
	{ .name = "lowmem_reserve_ratio", .mode = S_IFREG | 0644, .show = lowmem_reserve_ratio_show,
	  .set_str = vm_set_lowmem_reserve_ratio },
};
static int *const proc_vm_values[] = { &min_free_kbytes, &page_cluster, &vm_swappiness,
				       &drop_caches_value, &sysctl_overcommit_memory,
				       &sysctl_overcommit_ratio, NULL };

static const struct proc_entry proc_sysvipc_shm =
	{ .name = "shm", .mode = S_IFREG | 0444, .show = sysvipc_shm_show };

static const struct proc_entry proc_bus_pci_devices =
	{ .name = "devices", .mode = S_IFREG | 0444, .show = pci_devices_show };

static const struct proc_entry proc_pid_files[] = {
	{ .name = "auxv", .mode = S_IFREG | 0400, .show = pid_auxv_show },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = pid_cmdline_show },
	{ .name = "comm", .mode = S_IFREG | 0444, .show = pid_comm_show },
	{ .name = "cwd", .mode = S_IFLNK | 0777 },
	{ .name = "environ", .mode = S_IFREG | 0400, .show = pid_environ_show },
	{ .name = "exe", .mode = S_IFLNK | 0777 },
	{ .name = "make-it-fail", .mode = S_IFREG | 0644, .show = pid_make_it_fail_show,
	  .set_task = pid_set_make_it_fail },
	{ .name = "maps", .mode = S_IFREG | 0444, .show = pid_maps_show },
	{ .name = "stack", .mode = S_IFREG | 0400, .show = pid_stack_show },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = pid_stat_show },
	{ .name = "statm", .mode = S_IFREG | 0444, .show = pid_statm_show },
	{ .name = "status", .mode = S_IFREG | 0444, .show = pid_status_show },
	{ .name = "wchan", .mode = S_IFREG | 0444, .show = pid_wchan_show },
	{ .name = "task", .mode = S_IFDIR | 0555 },    /* last: TID directories have none */
};
#define NR_TID_FILES (ARRAY_SIZE(proc_pid_files) - 1)
/* A TID directory's stat: the thread's counters, not the process's. */
static const struct proc_entry proc_tid_stat =
	{ .name = "stat", .mode = S_IFREG | 0444, .show = tid_stat_show };

static bool is_pid_file(const struct proc_entry *e)
{
	return (e >= proc_pid_files && e < proc_pid_files + ARRAY_SIZE(proc_pid_files)) ||
	       e == &proc_tid_stat;
}

/* ---- Opening and reading ---- */

/* What an entry's show gets: the task for a /proc/PID file (referenced),
 * the tunable's value for /proc/sys/vm, the entry itself for
 * /proc/sys/debug, else nothing. */
static int show_arg(struct inode *inode, void **arg, struct task_struct **task)
{
	const struct proc_entry *e = inode->i_private;

	*task = NULL;
	*arg = NULL;
	if (is_pid_file(e)) {
		*task = find_get_task((int)inode->i_tag);
		if (!*task)
			return -ESRCH;
		*arg = *task;
	} else if (e >= proc_vm_files && e < proc_vm_files + ARRAY_SIZE(proc_vm_files)) {
		*arg = proc_vm_values[e - proc_vm_files];
	} else if (e->show == fault_file_show || e->show == sys_kernel_show) {
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

static ssize_t proc_read(struct file *f, char __user *buf, size_t len, u64 *pos)
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
/* A writable /proc/PID file: the value goes to the task, if it lives. */
static int set_task_file(struct file *f, const struct proc_entry *e, unsigned long val)
{
	struct task_struct *task = find_get_task((int)f->f_dentry->d_inode->i_tag);
	int err;

	if (!task)
		return -ESRCH;
	err = e->set_task(task, val);
	put_task_struct(task);
	return err;
}

static ssize_t proc_write(struct file *f, const char __user *buf, size_t len, u64 *pos)
{
	const struct proc_entry *e = f->f_dentry->d_inode->i_private;
	char kbuf[UTS_LEN + 2];
	unsigned long val;
	int err;

	(void)pos;
	if (!e->set && !e->set_task && !e->set_str && e->show != fault_file_show)
		return -EACCES;
	if (len >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, len))
		return -EFAULT;
	kbuf[len] = '\0';
	if (e->set_str) {
		err = e->set_str(e, kbuf, len);
		return err ? err : (ssize_t)len;
	}
	if (e->show == fault_file_show) {
		err = fault_inject_proc_write(e->data, e->name, kbuf);
		return err ? err : (ssize_t)len;
	}
	if (kstrtoul(kbuf, 10, &val))
		return -EINVAL;
	err = e->set_task ? set_task_file(f, e, val) : e->set(val);
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
		spin_lock(&p->alloc_lock);     /* p->fs goes at exit */
		n = p->fs ? (int)get_fs_pwd(p->fs, buf, size) : -ENOENT;
		spin_unlock(&p->alloc_lock);
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
	return snprintf(buf, size, "%d", current->tgid);
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

static const struct inode_operations proc_task_iops;

/* A name among the first nfiles of proc_pid_files in a PID or TID
 * directory. */
static struct dentry *pid_files_lookup(struct dentry *dir, const char *name, size_t len,
				       unsigned int nfiles, int *err)
{
	for (unsigned int i = 0; i < nfiles; i++) {
		const struct proc_entry *e = &proc_pid_files[i];
		struct dentry *d;

		if (strlen(e->name) != len || memcmp(e->name, name, len))
			continue;
		if (nfiles == NR_TID_FILES && e->show == pid_stat_show)
			e = &proc_tid_stat;
		d = proc_dentry(dir, name, len, e->mode, dir->d_inode->i_ino + 1 + i, err);
		if (d && S_ISDIR(e->mode)) {
			d->d_inode->i_op = &proc_task_iops;
			d->d_inode->i_tag = dir->d_inode->i_tag;
		} else if (d) {
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

static long pid_files_readdir(struct dentry *dir, long index, unsigned int nfiles,
			      filldir_t emit, void *ctx)
{
	long n = 0;

	for (long i = index; i < (long)nfiles; i++, n++)
		if (!emit(ctx, proc_pid_files[i].name, dir->d_inode->i_ino + 1 + (unsigned long)i,
			  proc_pid_files[i].mode))
			break;
	return n;
}

static struct dentry *pid_dir_lookup(struct dentry *dir, const char *name, size_t len, int *err)
{
	return pid_files_lookup(dir, name, len, ARRAY_SIZE(proc_pid_files), err);
}

static long pid_dir_readdir(struct dentry *dir, long index, filldir_t emit, void *ctx)
{
	return pid_files_readdir(dir, index, ARRAY_SIZE(proc_pid_files), emit, ctx);
}

static const struct inode_operations proc_pid_iops = {
	.lookup = pid_dir_lookup,
	.readdir = pid_dir_readdir,
};

static struct dentry *tid_dir_lookup(struct dentry *dir, const char *name, size_t len, int *err)
{
	return pid_files_lookup(dir, name, len, NR_TID_FILES, err);
}

static long tid_dir_readdir(struct dentry *dir, long index, filldir_t emit, void *ctx)
{
	return pid_files_readdir(dir, index, NR_TID_FILES, emit, ctx);
}

static const struct inode_operations proc_tid_iops = {
	.lookup = tid_dir_lookup,
	.readdir = tid_dir_readdir,
};

static unsigned long pid_ino(int pid)
{
	return PROC_PID_INO + (unsigned long)pid * 16;
}

static unsigned long tid_ino(int tid)
{
	return PROC_TID_INO + (unsigned long)tid * 16;
}

/* A decimal name (a pid); false if it is not one. */
static bool name_to_pid(const char *name, size_t len, int *pid)
{
	char num[12];
	unsigned long v;

	if (len >= sizeof(num))
		return false;
	memcpy(num, name, len);
	num[len] = '\0';
	if (kstrtoul(num, 10, &v) || !v || v > 0x7fffffff)
		return false;
	*pid = (int)v;
	return true;
}

/* /proc/PID/task/TID, for a thread TID of the group PID (the tag). */
static struct dentry *task_dir_lookup(struct dentry *dir, const char *name, size_t len,
				      int *err)
{
	struct task_struct *p;
	struct dentry *d;
	int tid;
	bool ours;

	*err = -ENOENT;
	if (!name_to_pid(name, len, &tid) || !(p = find_get_task(tid)))
		return NULL;
	ours = p->tgid == dir->d_inode->i_tag && p->exit_state != EXIT_DEAD;
	put_task_struct(p);
	if (!ours)
		return NULL;
	d = proc_dentry(dir, name, len, S_IFDIR | 0555, tid_ino(tid), err);
	if (d) {
		d->d_inode->i_op = &proc_tid_iops;
		d->d_inode->i_tag = tid;
	}
	return d;
}

/* The threads of the group, leader first, from the index-th. */
static long task_dir_readdir(struct dentry *dir, long index, filldir_t emit, void *ctx)
{
	struct task_struct *leader = find_get_task((int)dir->d_inode->i_tag), *t;
	unsigned long flags;
	char name[12];
	long i = 0, n = 0;

	if (!leader)
		return 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (thread_group_leader(leader)) {
		for_each_thread_from(leader, t) {
			if (i++ < index)
				continue;
			snprintf(name, sizeof(name), "%d", t->pid);
			if (!emit(ctx, name, tid_ino(t->pid), S_IFDIR | 0555))
				break;
			n++;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(leader);
	return n;
}

static const struct inode_operations proc_task_iops = {
	.lookup = task_dir_lookup,
	.readdir = task_dir_readdir,
};

/* /proc/N for a live task N (a thread's too, though it is not listed). */
static struct dentry *proc_root_lookup(struct dentry *dir, const char *name, size_t len,
				       int *err)
{
	int pid;
	struct task_struct *p;
	struct dentry *d;

	if (!name_to_pid(name, len, &pid) || !(p = find_get_task(pid)))
		goto noent;
	put_task_struct(p);
	d = proc_dentry(dir, name, len, S_IFDIR | 0555, pid_ino(pid), err);
	if (d) {
		d->d_inode->i_op = &proc_pid_iops;
		d->d_inode->i_tag = (long)pid;
	}
	return d;
noent:
	*err = -ENOENT;
	return NULL;
}

/* The processes (group leaders), in creation order, from the index-th. */
static long proc_root_readdir(struct dentry *dir, long index, filldir_t emit, void *ctx)
{
	struct task_struct *p;
	unsigned long flags;
	char name[12];
	long i = 0, n = 0;

	(void)dir;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->pid || !thread_group_leader(p) || i++ < index)
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
	vfs_mkdir("/proc/sys/kernel", 0555);
	vfs_mkdir("/proc/sys/debug", 0555);
	vfs_mkdir("/proc/sys/debug/fail_page_alloc", 0555);
	vfs_mkdir("/proc/sys/debug/failslab", 0555);
	vfs_mkdir("/proc/sysvipc", 0555);
	proc_create("/proc/sysvipc", &proc_sysvipc_shm);
	vfs_mkdir("/proc/bus", 0555);
	vfs_mkdir("/proc/bus/pci", 0555);
	proc_create("/proc/bus/pci", &proc_bus_pci_devices);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_root_files); i++)
		proc_create("/proc", &proc_root_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_vm_files); i++)
		proc_create("/proc/sys/vm", &proc_vm_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_kernel_files); i++)
		proc_create("/proc/sys/kernel", &proc_kernel_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_fail_page_alloc_files); i++)
		proc_create("/proc/sys/debug/fail_page_alloc", &proc_fail_page_alloc_files[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_failslab_files); i++)
		proc_create("/proc/sys/debug/failslab", &proc_failslab_files[i]);
	proc_create("/proc/sys/debug", &proc_fault_seed_file);
	if (!vfs_mknod("/proc/self", S_IFLNK | 0777, 0, &self))
		self->d_inode->i_op = &proc_self_iops;
	proc_seal("/proc/sys/vm", &proc_dir_iops);
	proc_seal("/proc/sys/kernel", &proc_dir_iops);
	proc_seal("/proc/sys/debug/fail_page_alloc", &proc_dir_iops);
	proc_seal("/proc/sys/debug/failslab", &proc_dir_iops);
	proc_seal("/proc/sys/debug", &proc_dir_iops);
	proc_seal("/proc/sys", &proc_dir_iops);
	proc_seal("/proc/bus/pci", &proc_dir_iops);
	proc_seal("/proc/bus", &proc_dir_iops);
	proc_seal("/proc", &proc_root_iops);
}
