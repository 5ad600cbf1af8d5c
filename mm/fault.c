/*
 * mm/fault.c - the page-fault handler.
 *
 * A fault at a user address is resolved by the current address space
 * (mm/memory.c: demand-zero, copy-on-write; swap-in later) - from
 * kernel mode, when copy_to_user and friends touch a page not yet there;
 * user mode arrives with processes.  A fault in kernel mode is either expected - an
 * exception-table fixup turns it into an error return (copy_from_user's
 * -EFAULT) - or a kernel bug, reported with the address, which part of the
 * address space it is in (a guard page, the NULL page, read-only text...),
 * the error code, registers and call trace.  A user fault nothing
 * resolves is the faulting thread's SIGSEGV (si_code SEGV_MAPERR with no
 * area there, SEGV_ACCERR with one that forbids the access: segv_code)
 * or SIGBUS BUS_ADRERR, si_addr the address (user_page_fault).
 * Locking: runs with interrupts disabled (interrupt gate); they are turned
 * back on while a user page is brought in, which may sleep.
 */
#include "mm/fault.h"
#include "fs/exec.h"
#include "kernel/arch/extable.h"
#include "kernel/arch/sections.h"
#include "kernel/arch/traps.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/vmalloc.h"


const char *describe_address(unsigned long addr)
{
	if (addr < PAGE_SIZE)
		return "the NULL page";
	if (addr < PAGE_OFFSET)
		return "user space";
	if (addr >= (unsigned long)_text && addr < (unsigned long)__end_rodata)
		return "kernel text/rodata (read-only)";
	if (addr < PAGE_OFFSET + lowmem_limit)
		return "the direct map";
	if (addr >= VMALLOC_START && addr < VMALLOC_END)
		return vmalloc_describe(addr);
	if (addr >= PKMAP_BASE && addr < PKMAP_ADDR(LAST_PKMAP))
		return "the pkmap window (kmap)";
	if (addr >= FIXADDR_START)
		return "the fixmap";
	return "an unused kernel hole";
}

static void kernel_fault(struct pt_regs *regs, unsigned long address)
{
	const char *where = describe_address(address);

	if (address < PAGE_SIZE)
		printk(KERN_EMERG "BUG: kernel NULL pointer dereference, address: %08lx\n",
		       address);
	else if ((regs->error_code & (PF_PROT | PF_WRITE)) == (PF_PROT | PF_WRITE) &&
		 address >= (unsigned long)_text && address < (unsigned long)__end_rodata)
		printk(KERN_EMERG "BUG: write to read-only kernel text/rodata at %08lx\n",
		       address);
	else
		printk(KERN_EMERG "BUG: unable to handle kernel paging request at %08lx\n",
		       address);
	printk(KERN_EMERG "Fault at %08lx in %s: %s %s, %s mode\n", address, where,
	       regs->error_code & PF_PROT ? "protection violation" : "page not present",
	       regs->error_code & PF_WRITE ? "on write" : "on read",
	       regs->error_code & PF_USER ? "user" : "kernel");
	die("page fault", regs);
}

/* The kernel touched a user address of the current address space (a
 * copy_to_user, say): resolve it like a user fault.  Not from atomic
 * context, where sleeping for a page is not allowed: the fixup then makes
 * it an -EFAULT. */
static bool kernel_access_to_user(struct pt_regs *regs, unsigned long address)
{
	struct mm_struct *mm = current->mm;
	bool ok;

	if (address >= TASK_SIZE || !mm || in_atomic() || !(regs->eflags & X86_EFLAGS_IF))
		return false;
	local_irq_enable();
	/* The stack may grow for the program's own stack pointer only. */
	ok = do_user_fault(mm, address, regs->error_code & PF_WRITE,
			   task_pt_regs(current)->esp) == 0;
	local_irq_disable();
	return ok;
}

/* Why a user fault at address could not be resolved, for the siginfo:
 * no area there (SEGV_MAPERR), or an area that does not allow the access
 * (SEGV_ACCERR) - Linux's bad_area and bad_area_access_error.  Looked up
 * again after the fault; an munmap in between can only change which. */
static int segv_code(unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int code = SEGV_MAPERR;

	if (!mm || address >= TASK_SIZE)
		return code;
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	if (vma && vma->vm_start <= address)
		code = SEGV_ACCERR;
	up_read(&mm->mmap_sem);
	return code;
}

/* A fault in user mode: resolved, or a signal for the faulting thread
 * (SIGSEGV, or SIGBUS BUS_ADRERR for a page that cannot be read in). */
static void user_page_fault(struct pt_regs *regs, unsigned long address)
{
	int err = -EFAULT, code = 0;

	local_irq_enable();
	if (current->mm && address < TASK_SIZE)
		err = do_user_fault(current->mm, address, regs->error_code & PF_WRITE, regs->esp);
	if (err == -ENOMEM)
		pagefault_out_of_memory();
	if (err == -EFAULT)
		code = segv_code(address);
	local_irq_disable();
	if (err == -EFAULT)
		force_sigsegv(regs, address, code);
	else if (err == -EIO)
		force_sig_fault(SIGBUS, BUS_ADRERR, address);
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	if (!user_mode(regs) && kernel_access_to_user(regs, address))
		return;
	if (user_mode(regs)) {
		user_page_fault(regs, address);
		return;
	}
	if (fixup_exception(regs, address))
		return;
	kernel_fault(regs, address);
}
