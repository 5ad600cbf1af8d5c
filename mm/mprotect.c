/*
 * mm/mprotect.c - mprotect: new permissions for a range of areas, and the
 * walk that brings their present ptes in line (change_protection).
 *
 * Data: none of its own; the vma list and page tables of the mm.
 * Locking: mmap_sem held around the whole call (areas are split and their
 * flags changed); each page table's lock (page->ptl) around its ptes.
 * An area's ptes change with its flags, area by area (change_range_flags),
 * so the two agree even when the call fails part way.
 */
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/tlbflush.h"

/* A mapped pte brought in line with mprotect's new flags: no access
 * makes it PROT_NONE, no write write-protects it;
 * access given back is read-only, so a write faults and copy-on-write
 * (or reuse of an unshared page) decides, as after fork. */
static pte_t pte_modify_flags(pte_t pte, unsigned long flags)
{
	if (!(flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return pte_mkprotnone(pte);
	pte = pte_mkaccessible(pte);
	return flags & VM_WRITE ? pte : pte_wrprotect(pte);
}

/* One page table's part of the range: mapped and locked once. */
static void change_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
			     unsigned long flags)
{
	spinlock_t *ptl;
	pte_t *start = pte_offset_map_lock(pmd, addr, &ptl), *pte = start;

	do {
		if (pte_present(*pte))
			set_pte(pte, pte_modify_flags(*pte, flags));
	} while (pte++, addr += PAGE_SIZE, addr != end);
	pte_unmap_unlock(start, ptl);
}

static void change_pmd_range(pgd_t *pgd, unsigned long addr, unsigned long end,
			     unsigned long flags)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		change_pte_range(pmd, addr, next, flags);
	} while (pmd++, addr = next, addr != end);
}

/* The ptes of [start, end) (start < end) after the areas took flags;
 * then one TLB flush for the range.  mmap_sem held for writing. */
static void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
			      unsigned long flags)
{
	unsigned long addr = start, next;
	pgd_t *pgd = pgd_offset(mm, addr);

	lockdep_assert_held_write(&mm->mmap_sem);
	do {
		next = pgd_addr_end(addr, end);
		change_pmd_range(pgd, addr, next, flags);
	} while (pgd++, addr = next, addr != end);
	flush_tlb_range(mm, start, end);
}

/* May an area have flags?  Each access needs its VM_MAY* bit, 4 places
 * up (Linux's check). */
static bool may_have(unsigned long flags)
{
	return !(flags & ~(flags >> 4) & (VM_READ | VM_WRITE | VM_EXEC));
}

/* Give [start, end) new flags (keeping those in keep), splitting areas at
 * the edges, area by area as Linux does: each area that took new
 * permissions has its ptes changed before the next is looked at, so a
 * range that runs into a hole (-ENOMEM) or out of memory for a split is
 * left applied in part with every area and its ptes agreeing - never an
 * area that allows access over ptes that still refuse it.  mmap_sem held
 * for writing. */
long change_range_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned long keep, unsigned long set)
{
	const unsigned long access = VM_READ | VM_WRITE | VM_EXEC;
	struct vm_area_struct *vma;

	lockdep_assert_held_write(&mm->mmap_sem);
	for (unsigned long addr = start; addr < end; addr = vma->vm_end) {
		unsigned long old;

		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;         /* a hole in the range */
		if (!may_have((vma->vm_flags & keep) | set))
			return -EACCES;
		if (vma->vm_start < addr && split_vma(vma, addr))
			return -ENOMEM;
		vma = find_vma(mm, addr);
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		if (!(vma->vm_flags & VM_WRITE) && vm_commit_check((vma->vm_flags & keep) | set,
				(vma->vm_end - vma->vm_start) >> PAGE_SHIFT))
			return -ENOMEM;         /* overcommit mode 2 */
		if ((vma->vm_flags ^ set) & VM_LOCKED & ~keep)
			mm->locked_vm += (set & VM_LOCKED ? 1 : -1) *
					 (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
		old = vma->vm_flags;
		vm_acct_vma(vma, -1);
		vma->vm_flags = (vma->vm_flags & keep) | set;
		vm_acct_vma(vma, 1);
		if ((old ^ vma->vm_flags) & access)
			change_protection(mm, vma->vm_start, vma->vm_end, vma->vm_flags);
	}
	return 0;
}

/* The prot bits mprotect knows; PROT_GROWSDOWN/PROT_GROWSUP are not
 * supported: EINVAL, as any unknown bit. */
#define PROT_KNOWN (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)

/* Linux's checks and errors: a misaligned start or an unknown prot bit is
 * EINVAL; a range that wraps or is not all mapped is ENOMEM (applied up
 * to the hole); an access an area may not have (VM_MAY*: a shared mapping
 * of a read-only file, a SHM_RDONLY attach) is EACCES, the areas before
 * it changed, as Linux leaves them. */
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + PAGE_ALIGN(len);
	long err;

	if ((start & ~PAGE_MASK) || (prot & ~(unsigned long)PROT_KNOWN))
		return -EINVAL;
	if (!len)
		return 0;
	if (end <= start)
		return -ENOMEM;         /* wraps, or the length rounds up past 4 GiB */
	down_write(&mm->mmap_sem);
	err = change_range_flags(mm, start, end, ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC),
				 calc_vm_prot_bits(prot));
	up_write(&mm->mmap_sem);
	return err;
}
