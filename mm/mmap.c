/*
 * mm/mmap.c - address spaces and their areas: creating and copying an
 * mm, finding, adding and removing vmas.
 *
 * Data: mm_cachep and vma_cachep (slab caches); each mm's vma list, kept
 * sorted and non-overlapping.
 * Locking: callers hold mm->mmap_sem around changes to the list; a new
 * mm is private to its creator until published.
 */
#include "mm/mmap.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmu_context.h"
#include "mm/slab.h"
#include "mm/tlbflush.h"
#include "kernel/file.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void free_pgtables(struct mm_struct *mm);

static struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
					unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags;
		INIT_LIST_HEAD(&vma->vm_list);
	}
	return vma;
}

/* A page directory sharing the kernel's entries (0xC0000000 and up). */
static pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	if (pgd)
		memcpy(pgd + pgd_index(TASK_SIZE), swapper_pg_dir + pgd_index(TASK_SIZE),
		       (PTRS_PER_PGD - pgd_index(TASK_SIZE)) * sizeof(pgd_t));
	return pgd;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	mm->mm_users = 1;
	spin_lock_init(&mm->page_table_lock);
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init(&mm->mmap_sem);
	return mm;
}

static void remove_vma(struct vm_area_struct *vma)
{
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	list_del(&vma->vm_list);
	vma->vm_mm->map_count--;
	kfree(vma);
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	if (__sync_sub_and_fetch(&mm->mm_users, 1))
		return;
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list)
		remove_vma(vma);
	free_pgtables(mm);
	free_page((unsigned long)mm->pgd);
	kfree(mm);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* Put vma in address order; the range must be free. */
static void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
}

/* The lowest free gap of len bytes from TASK_UNMAPPED_BASE up; 0 if none. */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = TASK_UNMAPPED_BASE;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= addr)
			continue;
		if (vma->vm_start >= addr + len)
			break;
		addr = vma->vm_end;
	}
	return addr + len <= TASK_SIZE && addr + len > addr ? addr : 0;
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *file, unsigned long pgoff)
{
	struct vm_area_struct *vma;

	len = PAGE_ALIGN(len);
	if (!len || (addr & ~PAGE_MASK) || addr + len > TASK_SIZE || addr + len < addr)
		return -EINVAL;
	if (addr)
		do_munmap(mm, addr, len);       /* MAP_FIXED replaces */
	else if (!(addr = get_unmapped_area(mm, len)))
		return -ENOMEM;
	vma = vma_alloc(mm, addr, addr + len, vm_flags);
	if (!vma)
		return -ENOMEM;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	insert_vma(mm, vma);
	return (long)addr;
}

/* Split vma at addr: vma keeps [start, addr), a new one gets the rest. */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail = vma_alloc(vma->vm_mm, addr, vma->vm_end, vma->vm_flags);

	if (!tail)
		return -ENOMEM;
	tail->vm_file = vma->vm_file;
	tail->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	vma->vm_end = addr;
	list_add(&tail->vm_list, &vma->vm_list);
	vma->vm_mm->map_count++;
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long end = addr + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *n;

	if ((addr & ~PAGE_MASK) || end > TASK_SIZE || end <= addr)
		return -EINVAL;
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list) {
		if (vma->vm_end <= addr || vma->vm_start >= end)
			continue;
		if (vma->vm_start < addr && split_vma(vma, addr))
			return -ENOMEM;
		if (vma->vm_start < addr) {
			n = list_next_entry(vma, vm_list);      /* the tail just made */
			continue;
		}
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		remove_vma(vma);
	}
	flush_tlb_range(mm, addr, end);
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma, *copy;

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_sem);
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		copy = vma_alloc(mm, vma->vm_start, vma->vm_end, vma->vm_flags);
		if (!copy)
			goto fail;
		copy->vm_file = vma->vm_file;
		copy->vm_pgoff = vma->vm_pgoff;
		insert_vma(mm, copy);
		if (copy_page_range(mm, oldmm, vma))
			goto fail;
	}
	mutex_unlock(&oldmm->mmap_sem);
	flush_tlb_mm(oldmm);            /* its private pages just became read-only */
	return mm;
fail:
	mutex_unlock(&oldmm->mmap_sem);
	mmput(mm);
	return NULL;
}

void use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old;

	preempt_disable();
	old = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm(old, mm, smp_processor_id());
	preempt_enable();
}

void unuse_mm(struct mm_struct *mm)
{
	(void)mm;
	preempt_disable();
	current->mm = NULL;
	current->active_mm = &init_mm;
	switch_mm(mm, &init_mm, smp_processor_id());
	preempt_enable();
}

/* brk: move the end of the heap; returns the new end (or the old one if
 * the request cannot be met, as Linux does). */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old;

	mutex_lock(&mm->mmap_sem);
	old = mm->brk;
	if (brk < mm->start_brk || brk >= TASK_SIZE - (1UL << 24))
		goto out;
	if (PAGE_ALIGN(brk) > PAGE_ALIGN(old)) {
		struct vm_area_struct *next = find_vma(mm, PAGE_ALIGN(old));

		if (next && next->vm_start < PAGE_ALIGN(brk))
			goto out;               /* would run into another area */
		if (IS_ERR_VALUE(do_mmap(mm, PAGE_ALIGN(old), PAGE_ALIGN(brk) - PAGE_ALIGN(old),
					 VM_READ | VM_WRITE, NULL, 0)))
			goto out;
	} else if (PAGE_ALIGN(brk) < PAGE_ALIGN(old)) {
		do_munmap(mm, PAGE_ALIGN(brk), PAGE_ALIGN(old) - PAGE_ALIGN(brk));
	}
	mm->brk = brk;
out:
	brk = mm->brk;
	mutex_unlock(&mm->mmap_sem);
	return (long)brk;
}

/* Write-protect the present ptes of [start, end) (mprotect removing write). */
static void wrprotect_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset_pgd(mm->pgd, addr), addr);
		spinlock_t *ptl;
		pte_t *pte;

		if (pmd_none(*pmd))
			continue;
		pte = pte_offset_map_lock(pmd, addr, &ptl);
		if (pte_present(*pte))
			set_pte(pte, pte_wrprotect(*pte));
		pte_unmap_unlock(pte, ptl);
	}
	flush_tlb_range(mm, start, end);
}

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + PAGE_ALIGN(len), flags;
	struct vm_area_struct *vma;
	long err = 0;

	if ((start & ~PAGE_MASK) || end > TASK_SIZE || end < start)
		return -EINVAL;
	flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		(prot & PROT_EXEC ? VM_EXEC : 0);
	mutex_lock(&mm->mmap_sem);
	for (unsigned long addr = start; addr < end && !err; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr) {
			err = -ENOMEM;          /* a hole in the range */
			break;
		}
		if (vma->vm_start < addr && split_vma(vma, addr)) {
			err = -ENOMEM;
			break;
		}
		vma = find_vma(mm, addr);
		if (vma->vm_end > end && split_vma(vma, end))
			err = -ENOMEM;
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | flags;
	}
	if (!err && !(flags & VM_WRITE))
		wrprotect_range(mm, start, end);
	mutex_unlock(&mm->mmap_sem);
	return err;
}

long sys_set_tid_address(unsigned long tidptr)
{
	current->thread.clear_child_tid = tidptr;
	return current->pid;
}

#define RLIMIT_STACK 3
#define RLIM_INFINITY (~0UL)

long sys_ugetrlimit(unsigned long resource, unsigned long rlim)
{
	unsigned long lim[2] = { RLIM_INFINITY, RLIM_INFINITY };

	if (resource >= 16)
		return -EINVAL;
	if (resource == RLIMIT_STACK)
		lim[0] = 8UL << 20;
	return copy_to_user((void *)rlim, lim, sizeof(lim)) ? -EFAULT : 0;
}

#define MAP_SHARED 0x01
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MADV_DONTNEED 4

/* mmap2: offsets in pages.  Anonymous or a ramfs file, private (copy on
 * write) or shared (writes reach the page cache).  A shared anonymous
 * mapping is shared with children for the pages touched before fork. */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = (prot & PROT_READ ? VM_READ : 0) |
				 (prot & PROT_WRITE ? VM_WRITE : 0) |
				 (prot & PROT_EXEC ? VM_EXEC : 0) |
				 (flags & MAP_SHARED ? VM_SHARED : 0);
	struct inode *inode = NULL;
	struct file *f = NULL;
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		f = fget((unsigned int)fd);
		if (!f)
			return -EBADF;
		if (!f->f_dentry || !S_ISREG(f->f_dentry->d_inode->i_mode)) {
			fput(f);
			return -ENODEV;
		}
		inode = f->f_dentry->d_inode;
	}
	mutex_lock(&mm->mmap_sem);
	ret = do_mmap(mm, flags & MAP_FIXED ? addr : 0, len, vm_flags, inode, pgoff);
	mutex_unlock(&mm->mmap_sem);
	if (f)
		fput(f);                /* the inode lives as long as its dentry */
	return ret;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	long err;

	mutex_lock(&mm->mmap_sem);
	err = do_munmap(mm, addr, len);
	mutex_unlock(&mm->mmap_sem);
	return err;
}

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
	mutex_lock(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > start && vma->vm_start < end)
			zap_page_range(vma, max(start, vma->vm_start), min(end, vma->vm_end));
	mutex_unlock(&mm->mmap_sem);
	return 0;
}
