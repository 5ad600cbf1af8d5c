/*
 * kernel/arch/ptrace.h - struct pt_regs, the register frame that kernel/arch/entry.asm
 * builds on the stack for every interrupt, exception and (later) system
 * call.  Field order is the push order reversed; keep the two in step.
 * esp and ss are only pushed by the CPU when it came from user mode.
 */
#ifndef KERNEL_ARCH_PTRACE_H
#define KERNEL_ARCH_PTRACE_H

#include "lib/types.h"

struct pt_regs {
	u32 ebx, ecx, edx, esi, edi, ebp, eax;
	u32 ds, es, fs, gs;
	u32 vector;
	u32 error_code;
	u32 eip, cs, eflags;
	u32 esp, ss;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}

#endif
