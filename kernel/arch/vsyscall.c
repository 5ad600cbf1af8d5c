/*
 * kernel/arch/vsyscall.c - system calls through sysenter: the vsyscall
 * page, the SYSENTER MSRs and the C half of the entry.
 *
 * int $0x80 makes the CPU read a gate from the IDT, check privileges,
 * load a stack from the TSS and push five words, and iret undoes all
 * of it with as many checks; sysenter and sysexit load fixed flat
 * segments and take eip and esp from registers, so a system call costs
 * less - under QEMU's TCG, whose helpers do each of those checks in
 * software, much less.  Linux 2.6 introduced the same arrangement.
 *
 * Data: sysenter_enabled, set once at boot when the CPU has SEP (and is
 * not a Pentium Pro that only claims it), cleared by `nosep`.  The page
 * holds a small shared object, linux-gate.so.1 (kernel/arch/vdso.asm,
 * vdso.lds), mapped read-only for user mode by the fixmap slot
 * FIX_VSYSCALL at VSYSCALL_BASE in every address space; a new program
 * finds it in AT_SYSINFO_EHDR and its entry in AT_SYSINFO
 * (fs/binfmt_elf.c), and a program given neither (nosep) uses int $0x80
 * as before.  Each CPU's
 * SYSENTER_ESP MSR holds the running task's kernel stack top, written
 * with the TSS's esp0 at every switch (kernel/arch/gdt.c:tss_set_esp0),
 * so that even an NMI at sysenter_entry's first instruction has a good
 * stack.
 *
 * Locking: the MSRs are per CPU, written with interrupts off (boot, a
 * CPU's start, the context switch); sysenter_enabled is written before
 * the other CPUs start.
 */
#include "kernel/arch/vsyscall.h"
#include "fs/binfmt_elf.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/entry.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/uaccess.h"
#include "kernel/arch/x86.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/fixmap.h"

#define X86_FEATURE_SEP (1u << 11)

extern const char vsyscall_page[];

bool sysenter_enabled;
static bool nosep;

static int set_nosep(char *val)
{
	(void)val;
	nosep = true;
	return 0;
}
__setup("nosep", set_nosep);

/* Pentium Pro before model 3 stepping 3 sets the SEP bit without
 * having the instructions. */
static bool cpu_has_sep(const struct cpuinfo_x86 *c)
{
	if (!(c->features_edx & X86_FEATURE_SEP))
		return false;
	return !(c->family == 6 && c->model < 3 && c->stepping < 3);
}

void vsyscall_init(void)
{
	const Elf32_Ehdr *ehdr = (const Elf32_Ehdr *)vsyscall_page;

	_Static_assert(fix_to_virt(FIX_VSYSCALL) == VSYSCALL_BASE, "vsyscall.h and fixmap.h");
	BUG_ON(memcmp(ehdr->e_ident, ELFMAG, SELFMAG) ||
	       ehdr->e_entry != VSYSCALL_BASE + VSYSCALL_ENTRY_OFFSET);
	if (nosep || !cpu_has_sep(&boot_cpu_data)) {
		pr_info("vsyscall: %s: system calls by int $0x80 only\n",
			nosep ? "nosep" : "no SEP");
		return;
	}
	set_fixmap_user_ro(FIX_VSYSCALL, __pa(vsyscall_page));
	sysenter_enabled = true;
	sysenter_cpu_init();
	pr_info("vsyscall: page at %#lx, system calls by sysenter\n", VSYSCALL_BASE);
}

void sysenter_cpu_init(void)
{
	if (!sysenter_enabled)
		return;
	wrmsr(MSR_IA32_SYSENTER_CS, __KERNEL_CS);
	wrmsr(MSR_IA32_SYSENTER_EIP, (u32)sysenter_entry);
	sysenter_set_stack(current->thread.esp0);
}

void sysenter_set_stack(u32 esp0)
{
	if (sysenter_enabled)
		wrmsr(MSR_IA32_SYSENTER_ESP, esp0);
}

unsigned long vsyscall_ehdr(void)
{
	return sysenter_enabled ? VSYSCALL_BASE : 0;
}

unsigned long vsyscall_entry(void)
{
	return sysenter_enabled ? VSYSCALL_BASE + VSYSCALL_ENTRY_OFFSET : 0;
}

/* sysenter keeps TF, and the CPU traps at sysenter_entry's first
 * instruction, in kernel mode: that trap clears TF to let the entry run
 * on and notes it; the call made, the flag goes back into the user's
 * saved flags (so the way out is iret, and stepping goes on) with the
 * SIGTRAP the step over sysenter owes, reported at VSYSCALL_RETURN. */
bool sysenter_debug_trap(struct pt_regs *regs)
{
	if (regs->eip < (u32)sysenter_entry || regs->eip >= (u32)sysenter_entry_end)
		return false;
	regs->eflags &= ~X86_EFLAGS_TF;
	set_ti_flag(current_thread_info(), TIF_SINGLESTEP);
	return true;
}

static void sysenter_restore_singlestep(struct pt_regs *regs)
{
	clear_ti_flag(current_thread_info(), TIF_SINGLESTEP);
	regs->eflags |= X86_EFLAGS_TF;
	force_sig_fault(SIGTRAP, TRAP_TRACE, VSYSCALL_BASE + VSYSCALL_RETURN_OFFSET);
}

/* The frame sysenter_entry built holds the user's esp where int $0x80's
 * holds ebp, the sixth argument: that is at [esp], where the vsyscall
 * page pushed it.  A program that runs sysenter itself with a bad ebp
 * gets -EFAULT (and returns through the page's pops on its own stack). */
void do_sysenter(struct pt_regs *regs)
{
	regs->vector = SYSCALL_VECTOR;
	local_irq_enable();                     /* get_user may fault and sleep */
	if (get_user(regs->ebp, (const u32 __user *)regs->esp)) {
		current->syscall_nr = regs->eax;
		regs->eax = (u32)-EFAULT;
	} else {
		syscall_invoke(regs);
	}
	if (unlikely(test_ti_flag(current_thread_info(), TIF_SINGLESTEP)))
		sysenter_restore_singlestep(regs);
	local_irq_disable();
}
