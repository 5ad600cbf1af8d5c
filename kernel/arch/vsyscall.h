/*
 * kernel/arch/vsyscall.h - system calls through sysenter and the vsyscall
 * page (kernel/arch/vsyscall.c, the page in kernel/arch/vsyscall_page.asm).
 */
#ifndef KERNEL_ARCH_VSYSCALL_H
#define KERNEL_ARCH_VSYSCALL_H

#include "kernel/arch/ptrace.h"
#include "lib/types.h"

/* The same numbers as kernel/arch/vsyscall.inc, for C. */
#define VSYSCALL_BASE 0xffffe000UL
#define VSYSCALL_ENTRY_OFFSET 0x400
#define VSYSCALL_RETURN_OFFSET 0x410

#define MSR_IA32_SYSENTER_CS 0x174
#define MSR_IA32_SYSENTER_ESP 0x175
#define MSR_IA32_SYSENTER_EIP 0x176

/* The pseudo-vector sysenter_entry stores in pt_regs.vector: do_interrupt
 * sends the frame to do_sysenter, which makes it SYSCALL_VECTOR's. */
#define SYSENTER_VECTOR 0x100

extern bool sysenter_enabled;

void vsyscall_init(void);               /* boot CPU, after identify_cpu */
void sysenter_cpu_init(void);           /* each CPU: its three MSRs */
void sysenter_set_stack(u32 esp0);      /* at each switch, with the TSS's esp0 */
/* AT_SYSINFO_EHDR and AT_SYSINFO for a new program: the page's ELF
 * header and entry, or 0 when there is no page (nosep, no SEP). */
unsigned long vsyscall_ehdr(void);
unsigned long vsyscall_entry(void);
void do_sysenter(struct pt_regs *regs);
/* A kernel-mode debug trap at sysenter_entry (the user's TF survives
 * sysenter): handled, and true, or false when it is not that. */
bool sysenter_debug_trap(struct pt_regs *regs);

#endif
