/*
 * kernel/arch/test_vsyscall.c - ktests of the vsyscall page and the
 * sysenter MSRs (kernel/arch/vsyscall.c): what user mode may reach in the
 * fixmap, and that each CPU's SYSENTER_ESP is the running task's stack.
 *
 * No shared data.  Runs in a task with interrupts on; the MSR reads are
 * made with preemption off, so they are this CPU's.
 */
#include "fs/binfmt_elf.h"
#include "kernel/arch/entry.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/vsyscall.h"
#include "kernel/arch/x86.h"
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/fixmap.h"
#include "mm/pgtable.h"

/* The one user-visible fixmap slot is read-only and holds the object
 * whose entry AT_SYSINFO names; the slots around it stay the kernel's. */
KTEST(vsyscall, only_the_vsyscall_slot_is_user_and_it_is_read_only)
{
	if (!sysenter_enabled)
		ktest_skip("no sysenter (nosep, or no SEP)");
	pte_t pte = fixmap_get(FIX_VSYSCALL);
	const Elf32_Ehdr *e = (const Elf32_Ehdr *)VSYSCALL_BASE;

	KEXPECT(pte_present(pte) && pte_user(pte) && !pte_write(pte));
	for (int idx = FIX_VSYSCALL + 1; idx < __end_of_fixed_addresses; idx++)
		if (pte_present(fixmap_get(idx)))
			KEXPECT(!pte_user(fixmap_get(idx)));
	KEXPECT(!memcmp(e->e_ident, ELFMAG, SELFMAG));
	KEXPECT_EQ(e->e_entry, vsyscall_entry());
	KEXPECT_EQ(vsyscall_ehdr(), VSYSCALL_BASE);
}

static void expect_msrs_are_current(void)
{
	preempt_disable();
	KEXPECT_EQ(rdmsr(MSR_IA32_SYSENTER_CS), __KERNEL_CS);
	KEXPECT_EQ(rdmsr(MSR_IA32_SYSENTER_EIP), (u32)sysenter_entry);
	KEXPECT_EQ(rdmsr(MSR_IA32_SYSENTER_ESP), current->thread.esp0);
	preempt_enable();
}

static int check_in_thread(void *done)
{
	expect_msrs_are_current();
	msleep(2);                      /* switched out and back in */
	expect_msrs_are_current();
	complete(done);
	return 0;
}

/* Wrong, a sysenter would run on another task's stack: checked here, in
 * a second task, and after each has slept (so switched back in). */
KTEST(vsyscall, sysenter_stack_follows_the_running_task)
{
	struct completion done;

	if (!sysenter_enabled)
		ktest_skip("no sysenter (nosep, or no SEP)");
	expect_msrs_are_current();
	init_completion(&done);
	KEXPECT(kthread_run(check_in_thread, &done, "ktest-sysenter") != NULL);
	wait_for_completion(&done);
	expect_msrs_are_current();
}
