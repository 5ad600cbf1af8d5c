/*
 * mm/madvise.c - madvise: MADV_DONTNEED drops a range's pages; other
 * advice is accepted and ignored.
 *
 * Data: none of its own.
 * Locking: mmap_sem held around the walk of the vma list.
 */
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "mm/internal.h"
#include "mm/mmap.h"

#define MADV_DONTNEED 4

/* MADV_DONTNEED drops the pages: private anonymous memory reads as zeros
 * again, file mappings reread the file.  Other advice is accepted. */
long sys_madvise(unsigned long start, unsigned long len, unsigned long advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma;

	if ((start & ~PAGE_MASK) || end < start)
		return -EINVAL;
	if (advice != MADV_DONTNEED)
		return 0;
	down_read(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > start && vma->vm_start < end)
			zap_page_range(vma, max(start, vma->vm_start), min(end, vma->vm_end));
	up_read(&mm->mmap_sem);
	return 0;
}
