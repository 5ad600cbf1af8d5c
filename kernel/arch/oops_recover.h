/*
 * kernel/arch/oops_recover.h - getting out of a function that oopsed,
 * for the one caller that can undo what the function was for: the module
 * loader, around a module's init (kernel/module.c).
 *
 * call_recoverable(fn, r) calls fn() and returns its value, after saving
 * in r what the call started from: the callee-saved registers, the stack
 * pointer and the return address (a setjmp, in effect), and the
 * preemption count and sleeping locks held.  While it runs,
 * current->oops_recovery points at r.  If fn oopses, die() prints the
 * oops as always and then, instead of panicking, calls oops_recover():
 * when the oops is the task's own (no interrupt handler under it) and fn
 * holds nothing it took (no spinlock: the preemption count is as saved;
 * with lock_debug, no mutex), the stack is unwound to r and
 * call_recoverable returns -EFAULT with interrupts on.  Otherwise the
 * oops stays fatal.  What fn did before the oops - memory it took,
 * things it registered - is not undone: the loader frees the module's
 * own memory only.
 *
 * Locking: r belongs to the calling task; nothing else reads it.
 */
#ifndef KERNEL_ARCH_OOPS_RECOVER_H
#define KERNEL_ARCH_OOPS_RECOVER_H

#include "lib/types.h"

struct pt_regs;

struct oops_recovery {
	u32 ebx, esi, edi, ebp, esp, eip, eflags;       /* call_recoverable's own */
	unsigned int preempt_count;
	int mutexes_held;
	bool oopsed;                    /* the -EFAULT is the oops's */
};

/* fn(), or -EFAULT if it oopsed and could be left (asm, recoverable.asm). */
int call_recoverable(int (*fn)(void), struct oops_recovery *r);
/* From die(): leave the oopsing function if that is safe; returns if not. */
void oops_recover(const struct pt_regs *regs);

#endif
