/*
 * mm/mremap.c - mremap: shrink an area, grow it in place, or move it
 * (move_vma) with its ptes carried over by move_page_tables; the data is
 * never copied.
 *
 * Data: none of its own; the vma list and page tables of the mm.
 * Locking: mmap_sem held around the whole call (it keeps faults out while
 * ptes are in flight); each page table's lock (page->ptl) around its ptes.
 */
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/tlbflush.h"

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

/* Is [addr, addr + len) free of areas? */
static bool range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return addr + len <= TASK_SIZE && addr + len > addr && (!vma || vma->vm_start >= addr + len);
}

/* mremap: carry the pages of [addr, addr + len) in vma over to new_addr in
 * dst, one at a time (the two ptes may share a page table, so never both
 * locked at once; mmap_sem keeps faults out meanwhile). */
int move_page_tables(struct vm_area_struct *vma, unsigned long addr, struct vm_area_struct *dst,
		    unsigned long new_addr, unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		spinlock_t *ptl;
		pte_t *pte = get_locked_pte(vma->vm_mm, addr + off, &ptl);
		struct page *page = NULL;
		bool writable = false;

		if (!pte)
			return -ENOMEM;
		if (pte_present(*pte)) {
			page = pte_page(*pte);
			writable = pte_write(*pte);
			get_page(page);
			unmap_user_page(vma, addr + off, pte);
		}
		pte_unmap_unlock(pte, ptl);
		if (!page)
			continue;
		pte = get_locked_pte(dst->vm_mm, new_addr + off, &ptl);
		if (!pte) {
			put_page(page);
			return -ENOMEM;
		}
		map_user_page(dst, new_addr + off, pte, page, writable);
		pte_unmap_unlock(pte, ptl);
	}
	flush_tlb_range(vma->vm_mm, addr, addr + len);
	return 0;
}

/* Move [addr, addr + old_len) of vma to new_addr, new_len long: a new
 * area with the same backing, the pages carried over, the old range
 * unmapped.  mmap_sem held. */
static long move_vma(struct vm_area_struct *vma, unsigned long addr, unsigned long old_len,
		     unsigned long new_addr, unsigned long new_len)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new = vma_alloc(mm, new_addr, new_addr + new_len, vma->vm_flags);

	if (!new)
		return -ENOMEM;
	vma_set_file(new, vma->vm_file, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
	insert_vma(mm, new);
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += new_len >> PAGE_SHIFT;
	if (move_page_tables(vma, addr, new, new_addr, old_len)) {
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	do_munmap(mm, addr, old_len);
	return (long)new_addr;
}

static long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr || vma->vm_end < addr + old_len)
		return -EFAULT;         /* not one mapped area */
	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || !(new_addr + new_len <= addr ||
						new_addr >= addr + old_len))
			return -EINVAL;
		do_munmap(mm, new_addr, new_len);
		return move_vma(vma, addr, min(old_len, new_len), new_addr, new_len);
	}
	if (new_len <= old_len) {
		if (new_len < old_len)
			do_munmap(mm, addr + new_len, old_len - new_len);
		return (long)addr;
	}
	if (vma->vm_end == addr + old_len && range_free(mm, addr + old_len, new_len - old_len)) {
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm += (new_len - old_len) >> PAGE_SHIFT;
		vma->vm_end = addr + new_len;   /* grow in place */
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, new_len);
	return new_addr ? move_vma(vma, addr, old_len, new_addr, new_len) : -ENOMEM;
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	long ret;

	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if ((addr & ~PAGE_MASK) || (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) || !new_len || !old_len)
		return -EINVAL;
	mutex_lock(&mm->mmap_sem);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	mutex_unlock(&mm->mmap_sem);
	return ret;
}
