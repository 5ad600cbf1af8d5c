/*
 * fs/proc/internal.h - what the parts of /proc share: the table entry
 * that names a file and says how it is shown, and the show functions of
 * fs/proc/proc_misc.c and fs/proc/array.c that fs/proc/base.c lists.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

struct task_struct;

#include "fs/seq_file.h"
#include "kernel/time.h"

struct proc_entry {
	const char *name;
	u32 mode;
	seq_show_t show;                /* arg: the task, for /proc/PID files */
	int (*set)(unsigned long val);  /* writable tunables: 0 or -EINVAL */
	/* writable /proc/PID files: the task (referenced), 0 or -EINVAL */
	int (*set_task)(struct task_struct *p, unsigned long val);
	void *data;                     /* /proc/sys/debug: the fault injector */
	/* writable text files (/proc/sys/kernel/hostname): 0 or -errno */
	int (*set_str)(const struct proc_entry *e, const char *s, size_t len);
};

/* fs/proc/proc_misc.c: system-wide files (arg unused) and the vm tunables
 * (int_show's arg: the value; set_*: 0 or -EINVAL). */
void stat_show(struct seq_file *m, void *arg);
void uptime_show(struct seq_file *m, void *arg);
void loadavg_show(struct seq_file *m, void *arg);
void version_show(struct seq_file *m, void *arg);
void mounts_show(struct seq_file *m, void *arg);
void int_show(struct seq_file *m, void *arg);
/* /proc/sys/kernel/NAME (arg: the entry) and its writable names. */
void sys_kernel_show(struct seq_file *m, void *arg);
int sys_kernel_set_name(const struct proc_entry *e, const char *s, size_t len);
int set_swappiness(unsigned long v);
int set_page_cluster(unsigned long v);
/* drop_caches: drain the per-CPU page lists and reap free slabs. */
extern int drop_caches_value;
int set_drop_caches(unsigned long v);

/* fs/proc/array.c: /proc/PID files (arg: the task, referenced). */
void pid_stat_show(struct seq_file *m, void *arg);
void tid_stat_show(struct seq_file *m, void *arg);       /* the thread's own counters */
void pid_statm_show(struct seq_file *m, void *arg);
void pid_status_show(struct seq_file *m, void *arg);
void pid_cmdline_show(struct seq_file *m, void *arg);
void pid_environ_show(struct seq_file *m, void *arg);
void pid_comm_show(struct seq_file *m, void *arg);
void pid_stack_show(struct seq_file *m, void *arg);
void pid_wchan_show(struct seq_file *m, void *arg);
void pid_maps_show(struct seq_file *m, void *arg);
void pid_auxv_show(struct seq_file *m, void *arg);
/* make-it-fail: the task's flag for the fault injectors' task filter. */
void pid_make_it_fail_show(struct seq_file *m, void *arg);
int pid_set_make_it_fail(struct task_struct *p, unsigned long val);

#endif
