/*
 * kernel/arch/thread_info.h - the few per-task words that sit at the bottom of
 * every kernel stack.
 *
 * A kernel stack is THREAD_SIZE bytes aligned to THREAD_SIZE, so masking
 * the stack pointer finds its thread_info in one instruction: that is how
 * `current` and smp_processor_id() are found without a per-CPU segment.
 * The stack grows down towards the thread_info; a vmalloc'd stack has an
 * unmapped guard page below it, so an overflow faults instead of silently
 * overwriting these words.
 *
 * Fields: task (the owning task_struct), cpu (where it runs now),
 * preempt_count (see kernel/preempt.h), flags (TIF_NEED_RESCHED,
 * TIF_KERNEL_DS, TIF_MEMDIE, TIF_SINGLESTEP).
 * Locking: only the owning CPU writes preempt_count; flags bits are set
 * remotely with atomic bit operations.
 */
#ifndef KERNEL_ARCH_THREAD_INFO_H
#define KERNEL_ARCH_THREAD_INFO_H

#include "lib/types.h"

#define THREAD_SIZE 8192

struct task_struct;

struct thread_info {
	struct task_struct *task;
	int cpu;
	int preempt_count;
	volatile unsigned long flags;
};

#define TIF_NEED_RESCHED 0      /* schedule() at the next opportunity */
#define TIF_KERNEL_DS 1         /* user copies may reach kernel memory: Linux's
				 * set_fs(KERNEL_DS), for fs/read_write.c:kernel_read */
#define TIF_MEMDIE 2            /* the OOM killer's victim: it may use the memory
				 * reserves on its way out (mm/oom_kill.c) */
#define TIF_SINGLESTEP 3        /* sysenter took the user's trap flag with it:
				 * kernel/arch/vsyscall.c gives it back */

static inline struct thread_info *current_thread_info(void)
{
	unsigned long esp;

	asm("movl %%esp, %0" : "=r"(esp));
	return (struct thread_info *)(esp & ~(THREAD_SIZE - 1UL));
}

static inline void set_ti_flag(struct thread_info *ti, int bit)
{
	asm volatile("lock btsl %1, %0" : "+m"(ti->flags) : "Ir"(bit) : "memory");
}

static inline void clear_ti_flag(struct thread_info *ti, int bit)
{
	asm volatile("lock btrl %1, %0" : "+m"(ti->flags) : "Ir"(bit) : "memory");
}

static inline bool test_ti_flag(const struct thread_info *ti, int bit)
{
	return (ti->flags >> bit) & 1;
}

static inline bool need_resched(void)
{
	return test_ti_flag(current_thread_info(), TIF_NEED_RESCHED);
}

#endif
