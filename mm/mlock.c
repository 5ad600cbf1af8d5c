/*
 * mm/mlock.c - mlock and munlock: VM_LOCKED areas, faulted in up front and
 * counted in mm->locked_vm.
 *
 * Data: none of its own; the vma list of the mm.
 * Locking: mmap_sem held around each call.
 */
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "mm/internal.h"
#include "mm/mmap.h"

/* mlock: the pages are faulted in now (written, for writable private
 * areas, so copy-on-write is broken up front) and VM_LOCKED keeps them
 * resident - the reclaim of the swap issue skips locked areas.  Up to
 * 3 GiB of faults: a fatal signal (the OOM killer's) ends the loop, and
 * it offers the CPU as it goes. */
long sys_mlock(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = PAGE_ALIGN(start + len);
	struct vm_area_struct *vma;
	long err;

	start &= PAGE_MASK;
	if (end > TASK_SIZE || end < start)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	err = change_range_flags(mm, start, end, ~0UL, VM_LOCKED);
	for (unsigned long addr = start; !err && addr < end; addr += PAGE_SIZE) {
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		cond_resched();
		vma = find_vma(mm, addr);
		if (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC) &&
		    handle_mm_fault(mm, vma, addr, vma->vm_flags & VM_WRITE) < 0)
			err = -ENOMEM;
	}
	up_write(&mm->mmap_sem);
	return err;
}

long sys_munlock(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = PAGE_ALIGN(start + len);
	long err;

	start &= PAGE_MASK;
	if (end > TASK_SIZE || end < start)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	err = change_range_flags(mm, start, end, ~(unsigned long)VM_LOCKED, 0);
	up_write(&mm->mmap_sem);
	return err;
}
