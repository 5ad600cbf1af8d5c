/*
 * kernel/sched.h - tasks and the scheduler.
 *
 * struct task_struct is one thread of execution: its kernel stack (8 KiB,
 * vmalloc'd, with the vmalloc area's unmapped guard page below it), the
 * state the scheduler keeps, and (for kernel threads) the function it runs.
 * `current` is the task whose stack we are on.
 *
 * The scheduler is the "simple SMP-aware" one of ARCHITECTURE.md: each CPU
 * has a runqueue (struct rq) with one FIFO list per priority (0 is the
 * most important, MAX_PRIO - 1 the least) and a bitmap of non-empty lists;
 * schedule() runs the first task of the most important list, round-robin
 * among equals as time slices (from the tick) run out.  A task waking up
 * goes to the runqueue of a CPU it may run on and preempts a less
 * important task there (by IPI if the CPU is remote).  Idle CPUs pull work
 * from the busiest runqueue, and every CPU rebalances periodically,
 * always respecting cpus_allowed.
 *
 * Locking: each runqueue's lock covers its lists and the on_rq/cpu fields
 * of its tasks; two runqueue locks are taken in CPU order.  A task's state
 * is set by the task itself (set_current_state) and by wakers under its
 * runqueue lock.  tasklist_lock covers the list of all tasks, the
 * process links and the thread-group lists (kernel/fork.c).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "kernel/arch/i387.h"
#include "kernel/cpumask.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/spinlock.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/wait_types.h"
#include "lib/list.h"

#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_STOPPED 4                  /* group stop: SIGCONT or SIGKILL wakes it */
#define TASK_DEAD 64
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define MAX_PRIO 40
#define DEFAULT_PRIO 20
#define DEF_TIMESLICE 5                 /* ticks */
#define TASK_COMM_LEN 16
/* The task is reclaiming memory (kswapd, or an allocation's direct
 * reclaim): its own allocations may dip below the watermarks and never
 * reclaim again, recursively (mm/page_alloc.c). */
#define PF_MEMALLOC 0x800
#define RLIMIT_STACK 3
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0UL)
#define NGROUPS_SMALL 32               /* supplementary groups kept per task */

struct mm_struct;
struct completion;
struct files_struct;
struct fs_struct;
struct oops_recovery;

struct thread_struct {
	u32 esp;                        /* saved by switch_to_asm */
	u32 esp0;                       /* top of the kernel stack */
	u64 tls_array[3];               /* GDT TLS descriptors (kernel/arch/tls.c) */
	int __user *clear_child_tid;    /* set_tid_address */
	struct fpu_state fpu;           /* user FPU/SSE registers (kernel/arch/i387.c) */
};

struct task_struct {
	volatile long state;
	struct thread_info *thread_info; /* bottom of the kernel stack */
	int pid;                        /* the thread id (gettid) */
	int tgid;                       /* the thread group's: its leader's pid (getpid) */
	char comm[TASK_COMM_LEN];
	int prio;
	unsigned int time_slice;
	bool on_rq;
	int migrate_to;                 /* -1, or the CPU to move to once off-CPU */
	struct list_head run_list;
	cpumask_t cpus_allowed;
	int usage;                      /* references; freed at zero */
	bool make_it_fail;              /* fault injection's task filter */
	unsigned int flags;             /* PF_ bits, changed only by the task itself */
	unsigned long oom_wait_since;   /* when the OOM killer began waiting for it to die; 0 never */
	u64 exec_start, sum_exec_runtime; /* ns */
	unsigned long nvcsw, nivcsw;    /* voluntary / involuntary switches */
	/* khungtaskd (kernel/hung_task.c): when SIGKILL arrived, what was
	 * reported, the switches seen and since when (the D-state check). */
	unsigned long sigkill_jiffies, hung_switches, hung_since;
	int hung_report;
	struct list_head tasks;         /* all tasks, under tasklist_lock */
	struct mm_struct *mm, *active_mm;
	spinlock_t alloc_lock;          /* task_lock: mm changes, for get_task_mm */
	struct thread_struct thread;
	struct held_locks held_mutexes; /* sleeping locks held (lockdep) */
	struct oops_recovery *oops_recovery;    /* call_recoverable's, while it runs */
	struct kthread *kthread;        /* NULL for the idle tasks */
	bool used_math;                 /* thread.fpu holds user state */
	/* Processes (kernel/fork.c, kernel/exit.c), under tasklist_lock.  A
	 * thread group's children hang off whichever thread forked them;
	 * its threads are on the leader's thread_group list. */
	struct task_struct *parent;     /* a thread: its leader's parent */
	struct list_head children, sibling;
	struct task_struct *group_leader;
	struct list_head thread_group;
	int exit_state;                 /* EXIT_ZOMBIE / EXIT_DEAD once exited */
	int exit_code;                  /* wait status: code << 8 | signal */
	struct completion *vfork_done;  /* vfork's parent waits for exec/exit */
	int __user *set_child_tid;
	struct files_struct *files;     /* open files (fs/file.h); NULL: none */
	struct fs_struct *fs;           /* cwd and umask (fs/fs_struct.h); NULL once exited */
	/* Signals (kernel/signal.h): this thread's own, bit sig-1 */
	volatile u64 pending;
	struct kernel_siginfo siginfo[_NSIG]; /* each one's (who sent it, why) */
	volatile u64 forced;            /* of those, sent by force_sig: act on them */
	u64 blocked;
	u64 real_blocked;               /* rt_sigtimedwait's caller's mask */
	unsigned int jobctl;            /* JOBCTL_STOP_PENDING, under tasklist_lock */
	u64 saved_sigmask;              /* rt_sigsuspend's caller's mask */
	bool restore_sigmask;           /* put saved_sigmask back on the way out */
	struct signal_struct *signal;   /* the thread group's */
	struct sighand_struct *sighand; /* the actions */
	u32 syscall_nr;                 /* the call in progress, for restarting */
	struct restart_block restart_block;     /* restart_syscall's work */
	/* What the process calls keep (kernel/sys.c) and /proc shows; this
	 * thread's own counters (its process's sums: kernel/cputime.c): */
	unsigned long start_time;       /* jiffies when created */
	unsigned long utime, stime;     /* ticks charged in user / kernel mode */
	struct prev_cputime prev_cputime; /* as last reported, under tasklist_lock */
	unsigned long min_flt, maj_flt; /* page faults resolved */
	unsigned long sas_ss_sp, sas_ss_size;   /* sigaltstack */
	void __user *robust_list;       /* set_robust_list's head */
	int ioprio;                     /* ioprio_set's value, kept (no I/O scheduler) */
	unsigned int ngroups;           /* setgroups' supplementary groups */
	u32 groups[NGROUPS_SMALL];
};

#define EXIT_ZOMBIE 16
#define EXIT_DEAD 32                    /* a thread that reaped itself */

/* The idle tasks are pid 0, and nothing else is. */
static inline bool is_idle_task(const struct task_struct *p)
{
	return p->pid == 0;
}

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* The threads of p's group, p first; tasklist_lock held. */
#define for_each_thread_from(p, t)                                           \
	for (t = (p); t; t = next_thread_or_null(p, t))

static inline struct task_struct *next_thread_or_null(struct task_struct *p,
						       struct task_struct *t)
{
	t = list_entry(t->thread_group.next, struct task_struct, thread_group);
	return t == p ? NULL : t;
}

/* A process's user-mode registers, saved at the top of its kernel stack
 * on every entry from user mode. */
static inline struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)(p->thread.esp0 - sizeof(struct pt_regs));
}

static inline struct task_struct *get_current(void)
{
	return current_thread_info()->task;
}
#define current get_current()

static inline int task_cpu(const struct task_struct *p) { return p->thread_info->cpu; }

#define set_current_state(s)                                                 \
	do {                                                                 \
		current->state = (s);                                        \
		__sync_synchronize();                                        \
	} while (0)
#define __set_current_state(s) (current->state = (s))

extern spinlock_t tasklist_lock;
extern struct list_head task_list;

/* Booting: one CPU, interrupts off, nothing may sleep but nothing needs
 * to - the sleep checks stay quiet until init runs. */
enum system_states { SYSTEM_BOOTING, SYSTEM_RUNNING };
extern enum system_states system_state;

void sched_init_early(void);
void sched_init(void);
/* The boot CPU's boot thread becomes CPU 0's idle task; others get theirs
 * from fork_idle() and enter cpu_idle() (kernel/idle.h) from
 * start_secondary(). */
struct task_struct *fork_idle(int cpu);
void init_idle(struct task_struct *idle, int cpu);

void schedule(void);
/* A long loop in process context offers the CPU when a reschedule is
 * due (Linux's cond_resched); true if it ran someone else. */
/* The functions a sleeping task sleeps in - schedule() and the sleeping
 * primitives around it - go to .sched.text, so /proc/PID/wchan can name
 * the caller that chose to sleep rather than schedule() itself. */
#define __sched __attribute__((section(".sched.text")))
bool cond_resched(void);
void preempt_schedule_irq(void);
void scheduler_tick(void);
long schedule_timeout(long ticks);       /* returns ticks left (0: timed out) */
/* schedule() and schedule_timeout() for a sleep that waits on a disk:
 * while it lasts, the CPU's idle time counts as iowait (/proc/stat) and
 * the task as blocked (procs_blocked, vmstat's b). */
void io_schedule(void);
long io_schedule_timeout(long ticks);
void yield(void);

bool wake_up_process(struct task_struct *p);
bool try_to_wake_up(struct task_struct *p, unsigned int state);
/* A new task, not yet running: wake_up_process() starts it in
 * kthread_entry() (kernel/kthread.c). */
struct task_struct *create_task(const char *name);
void set_task_prio(struct task_struct *p, int prio);
int set_cpus_allowed(struct task_struct *p, cpumask_t mask);
void put_task_struct(struct task_struct *p);
/* Is p running on a CPU right now? */
bool task_curr(const struct task_struct *p);
/* The task with this pid (not an idle task), with a reference, or NULL. */
struct task_struct *find_get_task(int pid);
/* The most recently handed out pid (/proc/loadavg). */
int last_pid_used(void);
/* An empty family: no children, a group of its own (kernel/fork.c). */
void init_process_links(struct task_struct *p);
/* The shared structures of a task that has none yet (kernel/fork.c):
 * a new group, actions and fs of its own; 0 or -ENOMEM. */
int alloc_task_shared(struct task_struct *p);
/* Give them back (put_task_struct). */
void free_task_shared(struct task_struct *p);
/* The process id of p's parent process (getppid, /proc's PPid). */
int task_ppid(struct task_struct *p);
/* Threads in p's group, a zombie leader included until the group is
 * reaped, as Linux counts them (/proc's Threads:, num_threads). */
int get_nr_threads(struct task_struct *p);
void do_exit(void) __attribute__((noreturn));
/* execve's de_thread (fs/exec.c), once tsk is the group's only thread
 * and its leader a zombie: tsk takes the leader's place - its pid, parent
 * and children - and the old leader is released (kernel/exit.c). */
void become_group_leader(struct task_struct *tsk);
/* tsk lets go of mm (exit; exec): a vfork parent may go on, and the
 * CLONE_CHILD_CLEARTID word is cleared for the threads that wait on it
 * (pthread_join) - the one place that write happens (kernel/fork.c). */
void mm_release(struct task_struct *tsk, struct mm_struct *mm);

/* The scheduler's per-CPU counters, for ps and the tests. */
/* "scheduling while atomic" and "sleeping function called from invalid
 * context" reports so far, for the tests. */
extern unsigned long sched_atomic_reports;

unsigned long nr_running_on(int cpu);
/* Tasks that began an I/O sleep on cpu and have not woken from it. */
unsigned long nr_iowait_on(int cpu);
/* Does each priority's bit in cpu's runqueue bitmap match its list? */
bool runqueue_consistent(int cpu);
/* Every task that exists (the idle tasks included), for fork's limit. */
extern int nr_threads;
extern int max_threads;
unsigned long long nr_context_switches(int cpu);

#endif
