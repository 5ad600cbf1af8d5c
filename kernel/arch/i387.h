/*
 * kernel/arch/i387.h - the x87/SSE register state of user programs.
 *
 * glibc uses SSE (memcpy, strrchr...), so each CPU turns on FXSR/SSE
 * support in CR4 (fpu_init) and every task that runs user code keeps its
 * FPU/SSE registers in a 512-byte FXSAVE area: saved when it is switched
 * out and restored when it is switched in (eager switching - simple, and
 * only tasks that have run user code pay for it).  The kernel itself is
 * built without x87/SSE code, so kernel threads never touch the state.
 * Locking: runs in the context switch, interrupts off.
 */
#ifndef KERNEL_ARCH_I387_H
#define KERNEL_ARCH_I387_H

#include "lib/types.h"

struct fpu_state {
	u8 fxsave[512];
} __attribute__((aligned(16)));

struct task_struct;

void fpu_init(void);                    /* this CPU */
void fpu_switch(struct task_struct *prev, struct task_struct *next);
/* A fresh state for a program about to start (exec). */
void fpu_init_task(struct task_struct *tsk);
void fpu_save_current(void);
void fpu_restore_current(void);

#endif
