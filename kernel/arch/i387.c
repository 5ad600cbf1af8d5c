/*
 * kernel/arch/i387.c - FPU/SSE setup and the per-task FXSAVE state (see
 * kernel/arch/i387.h).
 *
 * Data: per task, thread.fpu and used_math.
 * Locking: the context switch runs with interrupts off.
 */
#include "kernel/arch/i387.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/x86.h"
#include "kernel/sched.h"

#define X86_CR0_MP (1u << 1)
#define X86_CR0_EM (1u << 2)
#define X86_CR0_TS (1u << 3)
#define X86_CR0_NE (1u << 5)
#define X86_CR0_NW (1u << 29)
#define X86_CR0_CD (1u << 30)
#define X86_CR4_OSFXSR (1u << 9)
#define X86_CR4_OSXMMEXCPT (1u << 10)
#define X86_FEATURE_FXSR (1u << 24)
#define MXCSR_DEFAULT 0x1f80

static inline void write_cr4(u32 v) { asm volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

void fpu_init(void)
{
	u32 cr0 = read_cr0();

	/* x87 present and native (no emulation, errors by exception), caches
	 * on (an AP comes out of reset with CD and NW set). */
	cr0 &= ~(X86_CR0_EM | X86_CR0_TS | X86_CR0_CD | X86_CR0_NW);
	write_cr0(cr0 | X86_CR0_MP | X86_CR0_NE);
	if (boot_cpu_data.features_edx & X86_FEATURE_FXSR)
		write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	asm volatile("fninit");
}

void fpu_init_task(struct task_struct *tsk)
{
	u32 mxcsr = MXCSR_DEFAULT;

	asm volatile("fninit");
	if (boot_cpu_data.features_edx & X86_FEATURE_FXSR) {
		asm volatile("ldmxcsr %0" : : "m"(mxcsr));
		asm volatile("fxsave %0" : "=m"(tsk->thread.fpu));
	}
	tsk->used_math = true;
}

void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	if (!(boot_cpu_data.features_edx & X86_FEATURE_FXSR))
		return;
	if (prev->used_math)
		asm volatile("fxsave %0" : "=m"(prev->thread.fpu));
	if (next->used_math)
		asm volatile("fxrstor %0" : : "m"(next->thread.fpu));
}

/* fork copies the parent's live registers: save them first. */
void fpu_save_current(void)
{
	if (current->used_math && (boot_cpu_data.features_edx & X86_FEATURE_FXSR))
		asm volatile("fxsave %0" : "=m"(current->thread.fpu));
}

/* rt_sigreturn put the interrupted state back in thread.fpu: load it. */
void fpu_restore_current(void)
{
	if (current->used_math && (boot_cpu_data.features_edx & X86_FEATURE_FXSR))
		asm volatile("fxrstor %0" : : "m"(current->thread.fpu));
}
