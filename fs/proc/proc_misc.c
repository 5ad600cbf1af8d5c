/*
 * fs/proc/proc_misc.c - the system-wide /proc files that are not some
 * subsystem's own: stat, uptime, loadavg, version, mounts, the
 * /proc/sys/vm tunables' setters (drop_caches among them), and
 * /proc/sys/kernel (the names uname gives, limits, printk's levels).  (meminfo, buddyinfo, zoneinfo, vmstat,
 * slabinfo and swaps are shown by mm/, cpuinfo by kernel/arch/cpu.c: the same
 * show functions serve the monitor.)
 *
 * Data: none of its own.  Locking: each show takes the locks of what it
 * reads.
 */
#include "fs/file.h"
#include "fs/fs.h"
#include "fs/proc/internal.h"
#include "fs/seq_file.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/uaccess.h"
#include "kernel/cputime.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/utsname.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

/* ---- System-wide files ---- */

static void stat_cpu_line(struct seq_file *m, const char *name, struct cpu_usage_stat s)
{
	seq_printf(m, "%s %llu %llu %llu %llu %llu %llu %llu 0 0 0\n", name, s.user, s.nice,
		   s.system, s.idle, s.iowait, s.irq, s.softirq);
}

/* intr: the total, then each interrupt line's count over the CPUs. */
static void stat_intr_line(struct seq_file *m)
{
	unsigned long count[NR_IRQS] = { 0 }, total = 0;
	const char *name;
	int cpu;

	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		for_each_online_cpu(cpu)
			count[irq] += irq_count(irq, cpu, &name);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		total += count[irq];
	seq_printf(m, "intr %lu", total);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		seq_printf(m, " %lu", count[irq]);
	seq_printf(m, "\n");
}

void stat_show(struct seq_file *m, void *arg)
{
	struct cpu_usage_stat sum = { 0 };
	unsigned long long ctxt = 0;
	unsigned long running = 0, blocked = 0;
	char name[16];
	int cpu;

	(void)arg;
	for_each_online_cpu(cpu) {
		struct cpu_usage_stat s = kstat_cpu(cpu);

		sum.user += s.user;
		sum.system += s.system;
		sum.idle += s.idle;
		sum.iowait += s.iowait;
		ctxt += nr_context_switches(cpu);
		running += nr_running_on(cpu);
		blocked += nr_iowait_on(cpu);
	}
	stat_cpu_line(m, "cpu ", sum);
	for_each_online_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%d", cpu);
		stat_cpu_line(m, name, kstat_cpu(cpu));
	}
	stat_intr_line(m);
	seq_printf(m, "ctxt %llu\nbtime %llu\nprocesses %d\nprocs_running %lu\nprocs_blocked %lu\n",
		   ctxt, get_boottime_seconds(), last_pid_used(), running, blocked);
	/* Linux's ten softirq kinds: none here (no bottom halves) */
	seq_printf(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}

void uptime_show(struct seq_file *m, void *arg)
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

void loadavg_show(struct seq_file *m, void *arg)
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

void version_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "Linux version 6.1.0-tessera (Tessera teaching kernel) #1 SMP\n");
}

void mounts_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "rootfs / rootfs rw 0 0\nproc /proc proc rw 0 0\n");
}

void int_show(struct seq_file *m, void *arg)
{
	seq_printf(m, "%d\n", *(int *)arg);
}

/* ---- The vm tunables (/proc/sys/vm) ---- */

int set_swappiness(unsigned long v)
{
	if (v > 100)
		return -EINVAL;
	vm_swappiness = (int)v;
	return 0;
}

int set_page_cluster(unsigned long v)
{
	if (v > 10)
		return -EINVAL;
	page_cluster = (int)v;
	return 0;
}

/* Linux's drop_caches: 1 frees clean page cache, 2 slab objects, 3 both.
 * Tessera's page cache is ramfs's data, never clean to drop; what is
 * given back is what only caches free memory: every CPU's LRU pagevecs
 * (whose references may be the last to freed pages) and per-CPU page
 * lists (drained), and the free slabs of every cache (reaped), for 1, 2
 * or 3. */
int drop_caches_value;

int set_drop_caches(unsigned long v)
{
	if (v < 1 || v > 4)
		return -EINVAL;
	drop_caches_value = (int)v;
	if (v & 3) {
		kmem_cache_reap(GFP_KERNEL);
		lru_add_drain_all();
		drain_all_pages();
	}
	return 0;
}

/* ---- /proc/sys/kernel ---- */

#define PID_MAX_DEFAULT 32768

void sys_kernel_show(struct seq_file *m, void *arg)
{
	const char *name = ((const struct proc_entry *)arg)->name;
	struct new_utsname u;

	uts_get(&u);
	if (!strcmp(name, "ostype"))
		seq_printf(m, "%s\n", u.sysname);
	else if (!strcmp(name, "osrelease"))
		seq_printf(m, "%s\n", u.release);
	else if (!strcmp(name, "version"))
		seq_printf(m, "%s\n", u.version);
	else if (!strcmp(name, "hostname"))
		seq_printf(m, "%s\n", u.nodename);
	else if (!strcmp(name, "domainname"))
		seq_printf(m, "%s\n", u.domainname);
	else if (!strcmp(name, "pid_max"))
		seq_printf(m, "%d\n", PID_MAX_DEFAULT);
	else if (!strcmp(name, "threads-max"))
		seq_printf(m, "%d\n", max_threads);
	else if (!strcmp(name, "ngroups_max"))
		seq_printf(m, "%d\n", NGROUPS_SMALL);
	else if (!strcmp(name, "printk"))       /* console, default, minimum, boot-time */
		seq_printf(m, "%d\t4\t1\t7\n", console_loglevel);
}

/* hostname and domainname: the text up to a newline, as echo writes it. */
int sys_kernel_set_name(const struct proc_entry *e, const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);

	return uts_set(!strcmp(e->name, "domainname"), s, nl ? (size_t)(nl - s) : len);
}
