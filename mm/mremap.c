/*
 * mm/mremap.c - mremap: shrink an area, grow it in place, or move it
 * (move_vma) with its ptes carried over by move_page_tables - swap
 * entries too, with their counts on the slots; the data is never copied.
 *
 * Data: none of its own; the vma list and page tables of the mm.
 * Locking: mmap_sem held around the whole call (it keeps faults out while
 * ptes are in flight); each page table's lock (page->ptl) around its ptes;
 * for a file's area the file's i_mmap_lock around each extent's move, so
 * that a truncate (which does not take mmap_sem) never misses a pte in
 * flight between the two areas.
 */
#include "fs/fs.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/tlbflush.h"

/* Is [addr, addr + len) free of areas? */
static bool range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return addr + len <= TASK_SIZE && addr + len > addr && (!vma || vma->vm_start >= addr + len);
}

/* One extent, inside one old and one new page table: both mapped and
 * locked once (one lock when the two ranges share a table), then every
 * present pte carried over by move_user_page (the page keeps its
 * reference and its reverse map entry, moved: nothing to allocate).  Two tables of
 * one mm locked in no fixed order cannot deadlock: whoever else takes two
 * page-table locks of this mm (fork's copy) holds mmap_sem, as we do. */
static void move_ptes(pmd_t *old_pmd, unsigned long old_addr, unsigned long old_end,
		      pmd_t *new_pmd, unsigned long new_addr)
{
	spinlock_t *old_ptl, *new_ptl = pte_lockptr(new_pmd);
	pte_t *old_start, *new_start, *old_pte, *new_pte;

	old_start = old_pte = pte_offset_map_lock(old_pmd, old_addr, &old_ptl);
	new_start = new_pte = pte_offset_map_nested(new_pmd, new_addr);
	if (new_ptl != old_ptl)
		spin_lock(new_ptl);
	else
		__acquire(new_ptl);     /* one lock for both: tell the checker */
	do {
		if (pte_present(*old_pte))
			move_user_page(old_pte, new_pte);
		else if (!pte_none(*old_pte))   /* a swap entry: same slot, same count */
			set_pte(new_pte, ptep_get_and_clear(old_pte));
	} while (old_pte++, new_pte++, new_addr += PAGE_SIZE, old_addr += PAGE_SIZE,
		 old_addr != old_end);
	if (new_ptl != old_ptl)
		spin_unlock(new_ptl);
	else
		__release(new_ptl);
	pte_unmap_nested(new_start);
	pte_unmap_unlock(old_start, old_ptl);
}

/* move_ptes, under the file's i_mmap_lock for a file's area. */
static void move_ptes_locked(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old_addr,
			     unsigned long old_end, pmd_t *new_pmd, unsigned long new_addr)
{
	spinlock_t *lock = vma->vm_inode ? &vma->vm_inode->i_data.i_mmap_lock : NULL;

	if (!lock) {
		move_ptes(old_pmd, old_addr, old_end, new_pmd, new_addr);
		return;
	}
	spin_lock(lock);
	move_ptes(old_pmd, old_addr, old_end, new_pmd, new_addr);
	spin_unlock(lock);
}

/* Does [addr, end) of pmd's table map any page or hold a swap entry?
 * (mmap_sem keeps faults out, and reclaim only tries it, so no pte
 * appears or changes meanwhile.) */
static bool pte_range_mapped(pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *start = pte_offset_map(pmd, addr), *pte = start;
	bool mapped;

	while (!(mapped = !pte_none(*pte)) && (addr += PAGE_SIZE) != end)
		pte++;
	pte_unmap(start);
	return mapped;
}

/*
 * mremap: carry the ptes of [old_addr, old_addr + len) in vma over to
 * new_addr (same mm, ranges apart), extent by extent, each
 * extent within one old and one new page table (swap entries too).  A new page table is
 * allocated only where there is something to carry into it, before any
 * lock is taken (it may sleep); when that fails the move stops there.
 * Returns the bytes moved: len, or fewer when out of memory - the caller
 * then moves them back, which never needs a new table: each pte goes
 * back to the table it just left.  mmap_sem held for writing.
 */
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       unsigned long new_addr, unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long start = old_addr, old_end = old_addr + len, extent;

	lockdep_assert_held_write(&mm->mmap_sem);
	for (; old_addr < old_end; old_addr += extent, new_addr += extent) {
		pmd_t *old_pmd = pmd_offset(pgd_offset(mm, old_addr), old_addr);
		pmd_t *new_pmd = pmd_offset(pgd_offset(mm, new_addr), new_addr);

		extent = min(pmd_addr_end(old_addr, old_end) - old_addr,
			     pmd_addr_end(new_addr, new_addr + (old_end - old_addr)) - new_addr);
		if (pmd_none(*old_pmd))
			continue;
		if (pmd_none(*new_pmd)) {
			if (!pte_range_mapped(old_pmd, old_addr, old_addr + extent))
				continue;
			if (pte_alloc(mm, new_pmd, new_addr))
				break;
		}
		move_ptes_locked(vma, old_pmd, old_addr, old_addr + extent, new_pmd, new_addr);
	}
	if (old_addr != start)
		flush_tlb_range(mm, start, old_addr);
	return old_addr - start;
}

/* Move [addr, addr + old_len) of vma to new_addr, new_len long: a new
 * area with the same backing, the pages carried over, the old range
 * unmapped.  Out of memory, everything stays where it was (-ENOMEM).
 * mmap_sem held for writing. */
static long move_vma(struct vm_area_struct *vma, unsigned long addr, unsigned long old_len,
		     unsigned long new_addr, unsigned long new_len)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new = vma_alloc(mm, new_addr, new_addr + new_len, vma->vm_flags);
	unsigned long moved;

	lockdep_assert_held_write(&mm->mmap_sem);
	if (!new)
		return -ENOMEM;
	vma_set_inode(new, vma->vm_inode, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
	insert_vma(mm, new, NULL);
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += new_len >> PAGE_SHIFT;
	moved = move_page_tables(vma, addr, new_addr, old_len);
	if (moved < old_len) {
		/* Out of page tables halfway: what moved goes back (no table
		 * needed for that), the new area goes, the old one stays whole. */
		move_page_tables(new, new_addr, addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	/* As in Linux, a failure here (no memory to split the old area)
	 * leaves the emptied old range mapped; the data is safe at new_addr. */
	do_munmap(mm, addr, old_len);
	return (long)new_addr;
}

static long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	int err;

	if (!vma || vma->vm_start > addr || vma->vm_end < addr + old_len)
		return -EFAULT;         /* not one mapped area */
	if (new_len > old_len && vm_commit_check(vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM;         /* overcommit mode 2 */
	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || !(new_addr + new_len <= addr ||
						new_addr >= addr + old_len))
			return -EINVAL;
		err = do_munmap(mm, new_addr, new_len);
		return err ? err : move_vma(vma, addr, min(old_len, new_len), new_addr, new_len);
	}
	if (new_len <= old_len) {
		err = new_len < old_len ? do_munmap(mm, addr + new_len, old_len - new_len) : 0;
		return err ? err : (long)addr;
	}
	if (vma->vm_end == addr + old_len && range_free(mm, addr + old_len, new_len - old_len)) {
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm += (new_len - old_len) >> PAGE_SHIFT;
		vm_acct_vma(vma, -1);
		vma_adjust(vma, addr + new_len, NULL);  /* grow in place */
		vm_acct_vma(vma, 1);
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
	down_write(&mm->mmap_sem);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	up_write(&mm->mmap_sem);
	return ret;
}
