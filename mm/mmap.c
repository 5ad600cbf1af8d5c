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
#include "fs/file.h"
#include "kernel/syscall.h"
#include "kernel/arch/uaccess.h"
#include "mm/internal.h"

/* A file area pins its inode, so an unlinked file lives while mapped. */
static void vma_set_file(struct vm_area_struct *vma, struct inode *file, unsigned long pgoff)
{
	vma->vm_file = file ? igrab(file) : NULL;
	vma->vm_pgoff = pgoff;
}

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
	if (vma->vm_flags & VM_LOCKED)
		vma->vm_mm->locked_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	iput(vma->vm_file);
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
	dput(mm->exe_file);
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

	if (!len || (addr & ~PAGE_MASK))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE || addr > TASK_SIZE - len)
		return -ENOMEM;         /* more than an address space holds */
	if (addr)
		do_munmap(mm, addr, len);       /* MAP_FIXED replaces */
	else if (!(addr = get_unmapped_area(mm, len)))
		return -ENOMEM;
	vma = vma_alloc(mm, addr, addr + len, vm_flags);
	if (!vma)
		return -ENOMEM;
	vma_set_file(vma, file, pgoff);
	insert_vma(mm, vma);
	return (long)addr;
}

/* Split vma at addr: vma keeps [start, addr), a new one gets the rest. */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail = vma_alloc(vma->vm_mm, addr, vma->vm_end, vma->vm_flags);

	if (!tail)
		return -ENOMEM;
	vma_set_file(tail, vma->vm_file, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
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
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->locked_vm = oldmm->locked_vm;
	mm->exe_file = oldmm->exe_file ? dget(oldmm->exe_file) : NULL;
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		copy = vma_alloc(mm, vma->vm_start, vma->vm_end, vma->vm_flags);
		if (!copy)
			goto fail;
		vma_set_file(copy, vma->vm_file, vma->vm_pgoff);
		insert_vma(mm, copy);
		if (copy_page_range(copy, vma))
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
	spin_lock(&tsk->alloc_lock);
	tsk->mm = mm;
	spin_unlock(&tsk->alloc_lock);
	tsk->active_mm = mm;
	switch_mm(old, mm, smp_processor_id());
	preempt_enable();
}

void unuse_mm(struct mm_struct *mm)
{
	preempt_disable();
	spin_lock(&current->alloc_lock);
	current->mm = NULL;
	spin_unlock(&current->alloc_lock);
	current->active_mm = &init_mm;
	switch_mm(mm, &init_mm, smp_processor_id());
	preempt_enable();
}

struct mm_struct *get_task_mm(struct task_struct *p)
{
	struct mm_struct *mm;

	spin_lock(&p->alloc_lock);
	mm = p->mm;
	if (mm)
		__sync_fetch_and_add(&mm->mm_users, 1);
	spin_unlock(&p->alloc_lock);
	return mm;
}

/* brk: move the end of the heap; returns the new end (or the old one if
 * the request cannot be met, as Linux does). */
/* Linux's do_brk: the heap area just grows when it can (one [heap] line
 * in /proc/PID/maps); the first growth starts it. */
static bool brk_grow(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *heap = find_vma(mm, start - 1);

	if (heap && heap->vm_end == start && heap->vm_start >= PAGE_ALIGN(mm->start_brk) &&
	    !heap->vm_file && heap->vm_flags == (VM_READ | VM_WRITE)) {
		heap->vm_end = end;
		return true;
	}
	return !IS_ERR_VALUE(do_mmap(mm, start, end - start, VM_READ | VM_WRITE, NULL, 0));
}

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
		if (!brk_grow(mm, PAGE_ALIGN(old), PAGE_ALIGN(brk)))
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

/* Bring the mapped ptes of [start, end) in line with mprotect's new
 * flags: no access makes them PROT_NONE, no write write-protects them;
 * access given back is read-only, so a write faults and copy-on-write
 * (or reuse of an unshared page) decides, as after fork. */
static pte_t pte_modify_flags(pte_t pte, unsigned long flags)
{
	if (!(flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return pte_mkprotnone(pte);
	pte = pte_mkaccessible(pte);
	return flags & VM_WRITE ? pte : pte_wrprotect(pte);
}

static void change_pte_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			     unsigned long flags)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset_pgd(mm->pgd, addr), addr);
		spinlock_t *ptl;
		pte_t *pte;

		if (pmd_none(*pmd))
			continue;
		pte = pte_offset_map_lock(pmd, addr, &ptl);
		if (pte_present(*pte))
			set_pte(pte, pte_modify_flags(*pte, flags));
		pte_unmap_unlock(pte, ptl);
	}
	flush_tlb_range(mm, start, end);
}

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

/* Give [start, end) new flags (keeping those in keep), splitting areas at
 * the edges; -ENOMEM if part of the range is not mapped.  mmap_sem held. */
static long change_range_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned long keep, unsigned long set)
{
	struct vm_area_struct *vma;

	for (unsigned long addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;         /* a hole in the range */
		if (vma->vm_start < addr && split_vma(vma, addr))
			return -ENOMEM;
		vma = find_vma(mm, addr);
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		if ((vma->vm_flags ^ set) & VM_LOCKED & ~keep)
			mm->locked_vm += (set & VM_LOCKED ? 1 : -1) *
					 (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
		vma->vm_flags = (vma->vm_flags & keep) | set;
	}
	return 0;
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + PAGE_ALIGN(len), flags;
	long err;

	if ((start & ~PAGE_MASK) || end > TASK_SIZE || end < start)
		return -EINVAL;
	flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		(prot & PROT_EXEC ? VM_EXEC : 0);
	mutex_lock(&mm->mmap_sem);
	err = change_range_flags(mm, start, end, ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC),
				 flags);
	if (!err)
		change_pte_range(mm, start, end, flags);
	mutex_unlock(&mm->mmap_sem);
	return err;
}

/* mlock: the pages are faulted in now (written, for writable private
 * areas, so copy-on-write is broken up front) and VM_LOCKED keeps them
 * resident - the reclaim of the swap issue skips locked areas. */
long sys_mlock(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = PAGE_ALIGN(start + len);
	struct vm_area_struct *vma;
	long err;

	start &= PAGE_MASK;
	if (end > TASK_SIZE || end < start)
		return -EINVAL;
	mutex_lock(&mm->mmap_sem);
	err = change_range_flags(mm, start, end, ~0UL, VM_LOCKED);
	for (unsigned long addr = start; !err && addr < end; addr += PAGE_SIZE) {
		vma = find_vma(mm, addr);
		if (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
			err = handle_mm_fault(mm, vma, addr, vma->vm_flags & VM_WRITE) ? -ENOMEM : 0;
	}
	mutex_unlock(&mm->mmap_sem);
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
	mutex_lock(&mm->mmap_sem);
	err = change_range_flags(mm, start, end, ~(unsigned long)VM_LOCKED, 0);
	mutex_unlock(&mm->mmap_sem);
	return err;
}

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

/* Is [addr, addr + len) free of areas? */
static bool range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return addr + len <= TASK_SIZE && addr + len > addr && (!vma || vma->vm_start >= addr + len);
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
	if (move_page_range(vma, addr, new, new_addr, old_len)) {
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

long sys_set_tid_address(int __user *tidptr)
{
	current->thread.clear_child_tid = tidptr;
	return current->pid;
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
