/*
 * kernel/sys.c - the small system calls: time, identity, randomness,
 * affinity, system information, and reboot/power-off.
 *
 * Time is the TSC clock (kernel/time.c): CLOCK_REALTIME has no wall clock
 * behind it yet (no RTC driver) and counts from boot like
 * CLOCK_MONOTONIC.  Everyone is root (uid 0).
 * Data: rnd_state, the getrandom generator (xorshift, reseeded from the
 * TSC on every call; not cryptographic).
 * Locking: none needed beyond what the calls use.
 */
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/vmstat.h"

#define NSEC_PER_SEC 1000000000ull
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define CLOCK_MONOTONIC_RAW 4

struct timespec64 { s64 tv_sec; s64 tv_nsec; };
struct timespec32 { s32 tv_sec; s32 tv_nsec; };
struct timeval32 { s32 tv_sec; s32 tv_usec; };

static bool clock_ok(unsigned long which)
{
	return which == CLOCK_REALTIME || which == CLOCK_MONOTONIC ||
	       which == CLOCK_MONOTONIC_RAW || which == CLOCK_BOOTTIME;
}

/* A timespec to user space, in the 64-bit (time64) or the old layout. */
static long put_timespec(unsigned long tp, u64 ns, bool wide)
{
	struct timespec64 t64 = { (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC) };
	struct timespec32 t32 = { (s32)t64.tv_sec, (s32)t64.tv_nsec };

	if (wide)
		return copy_to_user((void *)tp, &t64, sizeof(t64)) ? -EFAULT : 0;
	return copy_to_user((void *)tp, &t32, sizeof(t32)) ? -EFAULT : 0;
}

static long get_timespec(unsigned long tp, bool wide, struct timespec64 *t)
{
	struct timespec32 t32;

	if (wide)
		return copy_from_user(t, (void *)tp, sizeof(*t)) ? -EFAULT : 0;
	if (copy_from_user(&t32, (void *)tp, sizeof(t32)))
		return -EFAULT;
	t->tv_sec = t32.tv_sec;
	t->tv_nsec = t32.tv_nsec;
	return 0;
}

long sys_clock_gettime64(unsigned long which, unsigned long tp)
{
	return clock_ok(which) ? put_timespec(tp, ktime_get_ns(), true) : -EINVAL;
}

long sys_clock_gettime32(unsigned long which, unsigned long tp)
{
	return clock_ok(which) ? put_timespec(tp, ktime_get_ns(), false) : -EINVAL;
}

long sys_gettimeofday(unsigned long tv, unsigned long tz)
{
	u64 ns = ktime_get_ns();
	struct timeval32 t = { (s32)(ns / NSEC_PER_SEC), (s32)(ns % NSEC_PER_SEC / 1000) };
	u32 zone[2] = { 0, 0 };

	if (tv && copy_to_user((void *)tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user((void *)tz, zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}

long sys_time(unsigned long tloc)
{
	s32 t = (s32)(ktime_get_ns() / NSEC_PER_SEC);

	if (tloc && copy_to_user((void *)tloc, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

#define TIMER_ABSTIME 1

/* Sleep for ns (or until the clock reads ns, with TIMER_ABSTIME). */
static long sleep_ns(s64 sec, s64 nsec, unsigned long flags)
{
	u64 ns;

	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	ns = (u64)sec * NSEC_PER_SEC + (u64)nsec;
	if (flags & TIMER_ABSTIME) {
		u64 now = ktime_get_ns();

		ns = ns > now ? ns - now : 0;
	}
	if (ns)
		msleep((unsigned int)((ns + 999999) / 1000000));
	return 0;
}

static long clock_nanosleep(unsigned long which, unsigned long flags, unsigned long req,
			    bool wide)
{
	struct timespec64 t;

	if (!clock_ok(which))
		return -EINVAL;
	if (get_timespec(req, wide, &t))
		return -EFAULT;
	return sleep_ns(t.tv_sec, t.tv_nsec, flags);
}

/* Sleeps are never cut short (no signals yet): *rem is always zero. */
long sys_nanosleep(unsigned long req, unsigned long rem)
{
	if (rem && put_timespec(rem, 0, false))
		return -EFAULT;
	return clock_nanosleep(CLOCK_MONOTONIC, 0, req, false);
}

long sys_clock_nanosleep32(unsigned long which, unsigned long flags, unsigned long req,
			   unsigned long rem)
{
	(void)rem;
	return clock_nanosleep(which, flags, req, false);
}

long sys_clock_nanosleep64(unsigned long which, unsigned long flags, unsigned long req,
			   unsigned long rem)
{
	(void)rem;
	return clock_nanosleep(which, flags, req, true);
}

long sys_getrandom(unsigned long buf, unsigned long len, unsigned long flags)
{
	u8 chunk[64];
	u32 state = (u32)rdtsc() | 1;
	unsigned long done = 0;

	(void)flags;
	while (done < len) {
		unsigned long n = min(len - done, (unsigned long)sizeof(chunk));

		state ^= (u32)rdtsc();
		for (unsigned long i = 0; i < n; i++)
			chunk[i] = (u8)prandom_next(&state);
		if (copy_to_user((void *)(buf + done), chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

long sys_getuid(void)
{
	return 0;
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

long sys_uname(unsigned long name)
{
	static const struct new_utsname uts = {
		"Linux", "tessera", "6.1.0-tessera", "#1 SMP Tessera 0.1", "i686", "(none)",
	};

	return copy_to_user((void *)name, &uts, sizeof(uts)) ? -EFAULT : 0;
}

static struct task_struct *find_task(unsigned long pid)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	if (!pid)
		return current;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if ((unsigned long)p->pid == pid && p->mm && !p->exit_state)
			found = p;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

long sys_sched_setaffinity(unsigned long pid, unsigned long len, unsigned long umask)
{
	struct task_struct *p = find_task(pid);
	u32 mask;

	if (!p)
		return -ESRCH;
	if (len < sizeof(mask) || copy_from_user(&mask, (void *)umask, sizeof(mask)))
		return len < sizeof(mask) ? -EINVAL : -EFAULT;
	return set_cpus_allowed(p, (cpumask_t){ mask & ((1UL << NR_CPUS) - 1) }) ? -EINVAL : 0;
}

long sys_sched_getaffinity(unsigned long pid, unsigned long len, unsigned long umask)
{
	struct task_struct *p = find_task(pid);
	u32 mask;

	if (!p)
		return -ESRCH;
	if (len < sizeof(mask))
		return -EINVAL;
	mask = (u32)(p->cpus_allowed.bits & cpu_online_map.bits);
	return copy_to_user((void *)umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

struct sysinfo32 {
	s32 uptime;
	u32 loads[3];
	u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u32 totalhigh, freehigh, mem_unit;
	char reserved[8];
};

long sys_sysinfo(unsigned long info)
{
	struct sysinfo32 si;
	struct task_struct *p;
	unsigned long flags;

	memset(&si, 0, sizeof(si));
	si.uptime = (s32)(ktime_get_ns() / NSEC_PER_SEC);
	si.totalhigh = zone_sum(true, false);
	si.freehigh = zone_sum(true, true);
	si.totalram = zone_sum(false, false) + si.totalhigh;
	si.freeram = zone_sum(false, true) + si.freehigh;
	si.mem_unit = PAGE_SIZE;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		si.procs++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return copy_to_user((void *)info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define LINUX_REBOOT_MAGIC1 0xfee1deadUL
#define LINUX_REBOOT_MAGIC2 672274793UL
#define LINUX_REBOOT_CMD_RESTART 0x01234567UL
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcUL

long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd == LINUX_REBOOT_CMD_POWER_OFF) {
		printk(KERN_NOTICE "reboot: Power down\n");
		qemu_exit(0);
		machine_power_off();
	}
	if (cmd == LINUX_REBOOT_CMD_RESTART) {
		printk(KERN_NOTICE "reboot: Restarting system\n");
		machine_restart();
	}
	return -EINVAL;
}
