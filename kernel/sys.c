/*
 * kernel/sys.c - the small system calls: time, identity, randomness,
 * affinity, system information and the system's names (uname,
 * sethostname), reboot/power-off, process groups and sessions, resource
 * limits (Linux's defaults for init), nice and I/O priorities, and
 * supplementary groups.  (What a process has used - times, getrusage,
 * the CPU clocks' readings - is kernel/cputime.c; alarm and the interval
 * timers kernel/itimer.c.)
 *
 * Time is the TSC clock (kernel/time.c): CLOCK_MONOTONIC counts from
 * boot, CLOCK_REALTIME is the wall clock started from the CMOS RTC.
 * Every timeout is clamped on its way to jiffies (kernel/time.c:
 * timespec_to_jiffies), so a huge one is a long sleep, never a wrapped
 * one.  Everyone is root (uid 0).
 * Data: rnd_state, the getrandom generator (xorshift, reseeded from the
 * TSC on every call; not cryptographic); uts, the names.
 * Locking: uts_lock over uts; tasklist_lock while priorities are looked
 * up (set_task_prio's runqueue lock taken after it is dropped); none
 * needed beyond what the other calls use.
 */
#include "fs/file.h"
#include "fs/fs_struct.h"
#include "kernel/arch/power.h"
#include "kernel/arch/uaccess.h"
#include "kernel/arch/x86.h"
#include "kernel/cputime.h"
#include "kernel/printk.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/utsname.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"

#define TIMER_ABSTIME 1

#define LINUX_REBOOT_MAGIC1 0xfee1deadUL
#define LINUX_REBOOT_MAGIC2 672274793UL
#define LINUX_REBOOT_CMD_RESTART 0x01234567UL
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcUL

#define PR_SET_NAME 15
#define PR_GET_NAME 16

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5         /* glibc's time() reads this one */
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

struct timespec32 { s32 tv_sec; s32 tv_nsec; };

static bool clock_ok(unsigned long which)
{
	return which == CLOCK_REALTIME || which == CLOCK_MONOTONIC ||
	       which == CLOCK_MONOTONIC_RAW || which == CLOCK_BOOTTIME ||
	       which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE ||
	       which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID;
}

/* The CPU-time clocks: ns the process (every thread it had) or the
 * calling thread has run (kernel/cputime.c). */
static bool clock_is_cputime(unsigned long which)
{
	return which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID;
}

static bool clock_is_real(unsigned long which)
{
	return which == CLOCK_REALTIME || which == CLOCK_REALTIME_COARSE;
}

/* A clock's reading in ns: the wall clock, time since boot, or CPU time. */
static u64 clock_now(unsigned long which)
{
	struct task_usage u;

	if (which == CLOCK_THREAD_CPUTIME_ID)
		return task_sched_runtime(current);
	if (which == CLOCK_PROCESS_CPUTIME_ID) {
		thread_group_usage(current, &u);
		return u.sum_exec_runtime;
	}
	return clock_is_real(which) ? ktime_get_real_ns() : ktime_get_ns();
}

/* A timespec to user space, in the 64-bit (time64) or the old layout. */
static long put_timespec(void __user *tp, u64 ns, bool wide)
{
	struct timespec64 t64 = { (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC) };
	struct timespec32 t32 = { (s32)t64.tv_sec, (s32)t64.tv_nsec };

	if (wide)
		return copy_to_user(tp, &t64, sizeof(t64)) ? -EFAULT : 0;
	return copy_to_user(tp, &t32, sizeof(t32)) ? -EFAULT : 0;
}

long get_timespec(const void __user *tp, bool wide, struct timespec64 *t)
{
	struct timespec32 t32;

	if (wide)
		return copy_from_user(t, tp, sizeof(*t)) ? -EFAULT : 0;
	if (copy_from_user(&t32, tp, sizeof(t32)))
		return -EFAULT;
	t->tv_sec = t32.tv_sec;
	t->tv_nsec = t32.tv_nsec;
	return 0;
}

long sys_clock_gettime64(unsigned long which, void __user *tp)
{
	return clock_ok(which) ? put_timespec(tp, clock_now(which), true) : -EINVAL;
}

long sys_clock_gettime32(unsigned long which, void __user *tp)
{
	return clock_ok(which) ? put_timespec(tp, clock_now(which), false) : -EINVAL;
}

/* The coarse clocks are read as precisely as the others (the TSC is
 * cheap) but report the tick as their resolution, as in Linux. */
static long clock_getres(unsigned long which, void __user *tp, bool wide)
{
	bool coarse = which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE;

	if (!clock_ok(which))
		return -EINVAL;
	return tp ? put_timespec(tp, coarse ? NSEC_PER_JIFFY : 1, wide) : 0;
}

long sys_clock_getres32(unsigned long which, void __user *tp)
{
	return clock_getres(which, tp, false);
}

long sys_clock_getres64(unsigned long which, void __user *tp)
{
	return clock_getres(which, tp, true);
}

long sys_gettimeofday(void __user *tv, void __user *tz)
{
	u64 ns = ktime_get_real_ns();
	struct timeval32 t = { (s32)(ns / NSEC_PER_SEC), (s32)(ns % NSEC_PER_SEC / 1000) };
	u32 zone[2] = { 0, 0 };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}

long sys_time(s32 __user *tloc)
{
	s32 t = (s32)(ktime_get_real_ns() / NSEC_PER_SEC);

	if (tloc && copy_to_user(tloc, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

/* Sleep ns, or less if a signal comes: 0, or -EINTR.  Each wait is
 * clamped by nsecs_to_jiffies, so the TSC deadline, not one huge timer,
 * decides when a long sleep is over. */
static long sleep_interruptible(u64 ns)
{
	u64 start = ktime_get_ns(), done;

	while ((done = ktime_get_ns() - start) < ns) {
		if (signal_pending(current))
			return -EINTR;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout((long)nsecs_to_jiffies(ns - done) + 1);
	}
	return 0;
}

/* How long to sleep for a request of sec/nsec on clock `which`: itself,
 * or until the clock reads it with TIMER_ABSTIME; -EINVAL if invalid. */
static long sleep_length(unsigned long which, s64 sec, s64 nsec, unsigned long flags, u64 *ns)
{
	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	*ns = timespec_to_ns(sec, nsec);
	if (flags & TIMER_ABSTIME) {
		u64 now = clock_now(which);

		*ns = *ns > now ? *ns - now : 0;
	}
	return 0;
}

static long nanosleep_restart(struct restart_block *rb);

/* A relative sleep until deadline (monotonic ns) cut short by a signal:
 * the time left goes to *rem, and the call returns -ERESTART_RESTARTBLOCK
 * - EINTR after a handler, as in Linux; else (a stop and SIGCONT, say)
 * restart_syscall sleeps on towards the same deadline. */
static long nanosleep_interrupted(u64 deadline, void __user *rem, bool wide)
{
	struct restart_block *rb = &current->restart_block;
	u64 now = ktime_get_ns();

	if (rem && put_timespec(rem, deadline > now ? deadline - now : 0, wide))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->nanosleep.rem = rem;
	rb->nanosleep.deadline = deadline;
	rb->nanosleep.wide = wide;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	u64 now = ktime_get_ns(), deadline = rb->nanosleep.deadline;
	long err = sleep_interruptible(deadline > now ? deadline - now : 0);

	return err ? nanosleep_interrupted(deadline, rb->nanosleep.rem, rb->nanosleep.wide) : 0;
}

/* glibc's nanosleep is clock_nanosleep_time64, then clock_nanosleep.  An
 * absolute sleep cut short is re-issued as it was (-ERESTARTNOHAND). */
static long clock_nanosleep(unsigned long which, unsigned long flags, const void __user *req,
			    void __user *rem, bool wide)
{
	u64 start = ktime_get_ns(), want;
	struct timespec64 t;
	long err;

	if (!clock_ok(which) || clock_is_cputime(which))
		return -EINVAL;         /* no sleeping until a CPU clock reads a time */
	if (get_timespec(req, wide, &t))
		return -EFAULT;
	err = sleep_length(which, t.tv_sec, t.tv_nsec, flags, &want);
	if (!err)
		err = sleep_interruptible(want);
	if (err != -EINTR)
		return err;
	if (flags & TIMER_ABSTIME)
		return -ERESTARTNOHAND;
	return nanosleep_interrupted(start + want, rem, wide);
}

long sys_nanosleep(const void __user *req, void __user *rem)
{
	return clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem, false);
}

long sys_clock_nanosleep32(unsigned long which, unsigned long flags, const void __user *req,
			   void __user *rem)
{
	return clock_nanosleep(which, flags, req, rem, false);
}

long sys_clock_nanosleep64(unsigned long which, unsigned long flags, const void __user *req,
			   void __user *rem)
{
	return clock_nanosleep(which, flags, req, rem, true);
}

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM 0x2
#define GRND_INSECURE 0x4
/* The most one call returns (Linux's urandom limit, INT_MAX >> 6). */
#define GETRANDOM_MAX 0x1ffffffUL

/* A long request stops early for a signal (what it has so far, or
 * -ERESTARTSYS for nothing yet) and yields the CPU as it goes. */
long sys_getrandom(char __user *buf, unsigned long len, unsigned long flags)
{
	u8 chunk[64];
	u32 state = (u32)rdtsc() | 1;
	unsigned long done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & GRND_INSECURE && flags & GRND_RANDOM))
		return -EINVAL;
	len = min(len, GETRANDOM_MAX);
	while (done < len) {
		unsigned long n = min(len - done, (unsigned long)sizeof(chunk));

		if (!(done % PAGE_SIZE) && done) {
			if (signal_pending(current))
				return (long)done;
			cond_resched();
		}

		state ^= (u32)rdtsc();
		for (unsigned long i = 0; i < n; i++)
			chunk[i] = (u8)prandom_next(&state);
		if (copy_to_user(buf + done, chunk, n))
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

/* The names: Linux's, so that programs probing the kernel see one. */
static struct new_utsname uts = {
	"Linux", "tessera", "6.1.0-tessera", "#1 SMP Tessera 0.1", "i686", "(none)",
};
static DEFINE_SPINLOCK(uts_lock);

void uts_get(struct new_utsname *copy)
{
	unsigned long flags;

	spin_lock_irqsave(&uts_lock, flags);
	*copy = uts;
	spin_unlock_irqrestore(&uts_lock, flags);
}

int uts_set(bool domain, const char *name, size_t len)
{
	unsigned long flags;
	char *field = domain ? uts.domainname : uts.nodename;

	if (len > UTS_LEN)
		return -EINVAL;
	spin_lock_irqsave(&uts_lock, flags);
	memcpy(field, name, len);
	field[len] = '\0';
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

long sys_uname(void __user *name)
{
	struct new_utsname copy;

	uts_get(&copy);
	return copy_to_user(name, &copy, sizeof(copy)) ? -EFAULT : 0;
}

static long set_name(bool domain, const char __user *uname, unsigned long len)
{
	char name[UTS_LEN];

	if (len > UTS_LEN)
		return -EINVAL;
	if (copy_from_user(name, uname, len))
		return -EFAULT;
	return uts_set(domain, name, len);
}

long sys_sethostname(const char __user *name, unsigned long len)
{
	return set_name(false, name, len);
}

long sys_setdomainname(const char __user *name, unsigned long len)
{
	return set_name(true, name, len);
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

long sys_sched_setaffinity(unsigned long pid, unsigned long len,
			   const unsigned long __user *umask)
{
	struct task_struct *p = find_task(pid);
	u32 mask;

	if (!p)
		return -ESRCH;
	if (len < sizeof(mask) || copy_from_user(&mask, umask, sizeof(mask)))
		return len < sizeof(mask) ? -EINVAL : -EFAULT;
	return set_cpus_allowed(p, (cpumask_t){ mask & ((1UL << NR_CPUS) - 1) }) ? -EINVAL : 0;
}

long sys_sched_getaffinity(unsigned long pid, unsigned long len, unsigned long __user *umask)
{
	struct task_struct *p = find_task(pid);
	u32 mask;

	if (!p)
		return -ESRCH;
	if (len < sizeof(mask))
		return -EINVAL;
	mask = (u32)(p->cpus_allowed.bits & cpu_online_map.bits);
	return copy_to_user(umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

struct sysinfo32 {
	s32 uptime;
	u32 loads[3];
	u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u32 totalhigh, freehigh, mem_unit;
	char reserved[8];
};

long sys_sysinfo(void __user *info)
{
	struct sysinfo32 si;
	struct task_struct *p;
	unsigned long flags, swap_total, swap_free;

	memset(&si, 0, sizeof(si));
	si.uptime = (s32)(ktime_get_ns() / NSEC_PER_SEC);
	si.totalhigh = zone_sum(true, false);
	si.freehigh = zone_sum(true, true);
	si.totalram = zone_sum(false, false) + si.totalhigh;
	si.freeram = zone_sum(false, true) + si.freehigh;
	si_swapinfo(&swap_total, &swap_free);
	si.totalswap = swap_total;
	si.freeswap = swap_free;
	si.mem_unit = PAGE_SIZE;
	for (int i = 0; i < 3; i++)
		si.loads[i] = (u32)(avenrun[i] << (16 - FSHIFT));     /* SI_LOAD_SHIFT */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		si.procs++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

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

/* Process groups and sessions: a group is the unit the terminal's
 * foreground and kill(-pgid) address; a session groups the groups of one
 * login (here: of the console). */
static struct task_struct *find_process(long pid)
{
	struct task_struct *p;

	if (pid == 0)
		return current;
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && p->mm && !p->exit_state)
			return p;
	return NULL;
}

long sys_setpgid(unsigned long pid, unsigned long pgid)
{
	struct task_struct *p;
	unsigned long flags;
	long err = 0;

	if ((long)pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_process((long)pid);
	if (!p || (p != current && p->parent != current))
		err = -ESRCH;
	else if (p->tgid == p->signal->session)
		err = -EPERM;           /* a session leader stays in its group */
	else if (p->signal->session != current->signal->session)
		err = -EPERM;
	else
		p->signal->pgrp = pgid ? (int)pgid : p->tgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static long get_id(unsigned long pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long id;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_process((long)pid);
	id = !p ? -ESRCH : session ? p->signal->session : p->signal->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return id;
}

long sys_getpgid(unsigned long pid)
{
	return get_id(pid, false);
}

long sys_getpgrp(void)
{
	return current->signal->pgrp;
}

long sys_getsid(unsigned long pid)
{
	return get_id(pid, true);
}

long sys_setsid(void)
{
	struct task_struct *p;
	unsigned long flags;
	long err = current->tgid;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->signal->pgrp == current->tgid && p->mm)
			err = p->signal == current->signal && current->signal->pgrp != current->tgid ?
			      err : -EPERM;
	if (err > 0)
		current->signal->pgrp = current->signal->session = current->tgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

void init_rlimits(struct task_struct *p)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		p->signal->rlim_cur[i] = p->signal->rlim_max[i] = RLIM_INFINITY;
	p->signal->rlim_cur[RLIMIT_STACK] = 8UL << 20;                 /* _STK_LIM */
	p->signal->rlim_cur[RLIMIT_CORE] = 0;
	p->signal->rlim_cur[RLIMIT_NOFILE] = INR_OPEN_CUR;
	p->signal->rlim_max[RLIMIT_NOFILE] = INR_OPEN_MAX;
	p->signal->rlim_cur[RLIMIT_MEMLOCK] = p->signal->rlim_max[RLIMIT_MEMLOCK] = 8UL << 20; /* MLOCK_LIMIT */
	p->signal->rlim_cur[RLIMIT_MSGQUEUE] = p->signal->rlim_max[RLIMIT_MSGQUEUE] = 819200; /* MQ_BYTES_MAX */
	p->signal->rlim_cur[RLIMIT_NICE] = p->signal->rlim_max[RLIMIT_NICE] = 0;
	p->signal->rlim_cur[RLIMIT_RTPRIO] = p->signal->rlim_max[RLIMIT_RTPRIO] = 0;
	p->signal->rlim_cur[RLIMIT_NPROC] = p->signal->rlim_max[RLIMIT_NPROC] = (unsigned long)max_threads / 2;
	p->signal->rlim_cur[RLIMIT_SIGPENDING] = p->signal->rlim_max[RLIMIT_SIGPENDING] =
		(unsigned long)max_threads / 2;
}

/* A new limit pair: soft <= hard, and no more descriptors than the table
 * holds (Linux: EPERM above fs.nr_open). */
static long check_rlimit(unsigned long resource, u64 cur, u64 max)
{
	if (cur > max)
		return -EINVAL;
	if (resource == RLIMIT_NOFILE && max > NR_OPEN)
		return -EPERM;
	return 0;
}

/* The process's limit pair, for all its threads at once: under the
 * group leader's alloc_lock, so two threads' setrlimits do not mix their
 * soft and hard values (readers take single words, as Linux's do). */
static void set_rlimit(unsigned long resource, unsigned long cur, unsigned long max)
{
	struct task_struct *leader = current->group_leader;

	spin_lock(&leader->alloc_lock);
	current->signal->rlim_cur[resource] = cur;
	current->signal->rlim_max[resource] = max;
	spin_unlock(&leader->alloc_lock);
}

/* Resource limits: kept per process (in signal_struct) and inherited; enforced for stack
 * growth (RLIMIT_STACK), descriptors (RLIMIT_NOFILE, at most NR_OPEN)
 * and processes (RLIMIT_NPROC, in fork); the others are only recorded. */
long sys_prlimit64(unsigned long pid, unsigned long resource, const u64 __user *unew,
		   u64 __user *uold)
{
	u64 lim[2];
	struct task_struct *p = current;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != (unsigned long)current->pid && pid != (unsigned long)current->tgid)
		return -ESRCH;          /* only our own process's */
	lim[0] = p->signal->rlim_cur[resource] == RLIM_INFINITY ? ~0ULL : p->signal->rlim_cur[resource];
	lim[1] = p->signal->rlim_max[resource] == RLIM_INFINITY ? ~0ULL : p->signal->rlim_max[resource];
	if (uold && copy_to_user(uold, lim, sizeof(lim)))
		return -EFAULT;
	if (!unew)
		return 0;
	if (copy_from_user(lim, unew, sizeof(lim)))
		return -EFAULT;
	if (check_rlimit(resource, lim[0], lim[1]))
		return check_rlimit(resource, lim[0], lim[1]);
	set_rlimit(resource, lim[0] >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)lim[0],
		   lim[1] >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)lim[1]);
	return 0;
}

long sys_ugetrlimit(unsigned long resource, void __user *ulim)
{
	unsigned long lim[2];

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	lim[0] = current->signal->rlim_cur[resource];
	lim[1] = current->signal->rlim_max[resource];
	return copy_to_user(ulim, lim, sizeof(lim)) ? -EFAULT : 0;
}

long sys_setrlimit(unsigned long resource, const void __user *ulim)
{
	unsigned long lim[2];

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(lim, ulim, sizeof(lim)))
		return -EFAULT;
	if (check_rlimit(resource, lim[0], lim[1]))
		return check_rlimit(resource, lim[0], lim[1]);
	set_rlimit(resource, lim[0], lim[1]);
	return 0;
}


long sys_prctl(unsigned long option, unsigned long arg2)
{
	char name[TASK_COMM_LEN];
	long n;

	if (option == PR_GET_NAME)
		return copy_to_user((char __user *)arg2, current->comm,
				    sizeof(current->comm)) ? -EFAULT : 0;
	if (option != PR_SET_NAME)
		return -EINVAL;
	n = strncpy_from_user(name, (const char __user *)arg2, sizeof(name));
	if (n < 0)
		return n;
	name[sizeof(name) - 1] = '\0';
	strlcpy(current->comm, name, sizeof(current->comm));
	return 0;
}

/* ramfs has no disk behind it: nothing to write back. */
long sys_sync(void)
{
	return 0;
}

/* Restartable sequences need a per-CPU area the kernel updates on every
 * switch; not here.  glibc takes -ENOSYS as "no rseq" and goes on. */
long sys_rseq(void)
{
	return -ENOSYS;
}

long sys_umask(unsigned long mask)
{
	return set_fs_umask(current->fs, (u32)mask & 0777);
}

/* Nice values (-20..19) are the scheduler's priorities around
 * DEFAULT_PRIO; which is PRIO_PROCESS (a pid, 0: us), PRIO_PGRP or
 * PRIO_USER (everyone: uid 0 owns every process). */
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

static bool prio_match(const struct task_struct *p, unsigned long which, long who)
{
	if (!p->mm || p->exit_state)
		return false;
	if (which == PRIO_PROCESS)
		return p->pid == (who ? who : current->pid);
	if (which == PRIO_PGRP)
		return p->signal->pgrp == (who ? who : current->signal->pgrp);
	return who == 0;                /* PRIO_USER: uid 0 is everyone */
}

/* Linux's return: 20 - nice (1..40), so that no success is negative. */
long sys_getpriority(unsigned long which, unsigned long who)
{
	struct task_struct *p;
	unsigned long flags;
	long best = -ESRCH;

	if (which > PRIO_USER)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, which, (long)who))
			best = max(best, (long)(20 - (p->prio - DEFAULT_PRIO)));
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

long sys_setpriority(unsigned long which, unsigned long who, unsigned long niceval)
{
	struct task_struct *p, *found[64];
	int nice = clamp_val((int)niceval, -20, 19), n = 0;
	unsigned long flags;

	if (which > PRIO_USER)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, which, (long)who) && n < (int)ARRAY_SIZE(found)) {
			__sync_fetch_and_add(&p->usage, 1);
			found[n++] = p;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* set_task_prio takes a runqueue lock: outside tasklist_lock */
	for (int i = 0; i < n; i++) {
		set_task_prio(found[i], DEFAULT_PRIO + nice);
		put_task_struct(found[i]);
	}
	return n ? 0 : -ESRCH;
}

/* I/O priorities: recorded per task and reported back, as Linux does
 * with no I/O scheduler that uses them.  IOPRIO_WHO_PROCESS only
 * (ionice's), class in bits 13-15, data below. */
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_CLASS_IDLE 3

long sys_ioprio_set(unsigned long which, unsigned long who, unsigned long ioprio)
{
	unsigned long class = ioprio >> IOPRIO_CLASS_SHIFT, data = ioprio & 0x1fff;
	struct task_struct *p;
	unsigned long flags;
	long err = -ESRCH;

	if (which != IOPRIO_WHO_PROCESS)
		return -EINVAL;
	if (class > IOPRIO_CLASS_IDLE || data >= 8)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, PRIO_PROCESS, (long)who)) {
			p->ioprio = (int)ioprio;
			err = 0;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

long sys_ioprio_get(unsigned long which, unsigned long who)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	if (which != IOPRIO_WHO_PROCESS)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, PRIO_PROCESS, (long)who))
			ret = p->ioprio;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* Supplementary groups (32-bit ids): kept up to NGROUPS_SMALL. */
long sys_getgroups32(unsigned long size, u32 __user *ugroups)
{
	unsigned int n = current->ngroups;

	if (!size)
		return n;
	if (size < n)
		return -EINVAL;
	return copy_to_user(ugroups, current->groups, n * sizeof(u32)) ? -EFAULT : (long)n;
}

long sys_setgroups32(unsigned long size, const u32 __user *ugroups)
{
	u32 groups[NGROUPS_SMALL];

	if (size > NGROUPS_SMALL)
		return -EINVAL;
	if (copy_from_user(groups, ugroups, size * sizeof(u32)))
		return -EFAULT;
	memcpy(current->groups, groups, size * sizeof(u32));
	current->ngroups = (unsigned int)size;
	return 0;
}
