/*
 * mm/mmap.c - address spaces and their areas: creating and copying an
 * mm, finding, adding, splitting and removing vmas; brk, mmap2, munmap.
 * (mprotect, mremap, mlock and madvise have files of their own; the page
 * tables under the areas are mm/memory.c's.)
 *
 * Data: mm_cachep and vma_cachep (slab caches); each mm's vma list, kept
 * sorted and non-overlapping, and its layout (mmap_base, mmap_topdown:
 * pick_mmap_layout); vm_committed_pages, /proc/meminfo's Committed_AS.
 * Each area mapping a file is also on that file's list of areas
 * (address_space i_mmap or i_mmap_shared, mm/pagemap.h), for truncate.
 * Locking: callers hold mm->mmap_sem around changes to the list; a new
 * mm is private to its creator until published.  A file area's place on
 * its file's list and its extent change under the file's i_mmap_lock too
 * (insert_vma, vma_adjust, remove_vma).
 */
#include "mm/mmap.h"
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/mmu_context.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/swapfile.h"
#include "mm/tlbflush.h"
#include "mm/vmstat.h"

/* A file area pins its inode, so an unlinked file lives while mapped. */
void vma_set_inode(struct vm_area_struct *vma, struct inode *inode, unsigned long pgoff)
{
	vma->vm_inode = inode ? igrab(inode) : NULL;
	vma->vm_pgoff = pgoff;
}

struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start, unsigned long end,
				 unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags;
		INIT_LIST_HEAD(&vma->vm_list);
		INIT_LIST_HEAD(&vma->shared);
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
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);   /* the users' one */
	mm->mmap_base = TASK_UNMAPPED_BASE;     /* legacy until exec picks */
	spin_lock_init(&mm->page_table_lock);
	INIT_LIST_HEAD(&mm->mmap);
	INIT_LIST_HEAD(&mm->mmlist);
	init_rwsem(&mm->mmap_sem);
	return mm;
}

/* Committed_AS: pages that private writable areas could each need a
 * copy of (Linux's accountable memory, without its sticky VM_ACCOUNT:
 * an area counts while it is private and writable), and every shmem
 * object's size (mm/shmem.c: shared anonymous memory, System V
 * segments), charged when it is made and given back when it goes, as
 * Linux charges shared memory.  Every place that creates, removes,
 * resizes or re-flags an area calls vm_acct_vma with -1 before and +1
 * after - which is also where the mm's total_vm changes, and its peak
 * (VmPeak) is taken. */
unsigned long vm_committed_pages;
int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;

static bool vm_accountable(unsigned long vm_flags)
{
	return (vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
}

void vm_acct_vma(const struct vm_area_struct *vma, long sign)
{
	long pages = (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
	struct mm_struct *mm = vma->vm_mm;

	mm->total_vm += (unsigned long)(sign * pages);
	mm->hiwater_vm = max(mm->hiwater_vm, mm->total_vm);

	if (vm_accountable(vma->vm_flags))
		__sync_fetch_and_add(&vm_committed_pages, (unsigned long)(sign * pages));
}

/* Linux's: overcommit_ratio percent of the memory (there is no swap). */
unsigned long vm_commit_limit(void)
{
	unsigned long swap_total, swap_free;

	si_swapinfo(&swap_total, &swap_free);
	return (zone_sum(false, false) + zone_sum(true, false)) *
	       (unsigned long)sysctl_overcommit_ratio / 100 + swap_total;
}

/* Charge first, then look: two callers at once cannot both squeeze
 * under the limit. */
int vm_enough_memory(unsigned long pages)
{
	unsigned long committed = __sync_add_and_fetch(&vm_committed_pages, pages);

	if (sysctl_overcommit_memory != OVERCOMMIT_NEVER || committed <= vm_commit_limit())
		return 0;
	vm_unacct_memory(pages);
	return -ENOMEM;
}

void vm_unacct_memory(unsigned long pages)
{
	__sync_fetch_and_sub(&vm_committed_pages, pages);
}

int vm_commit_check(unsigned long vm_flags, unsigned long pages)
{
	if (!vm_accountable(vm_flags))
		return 0;
	if (vm_enough_memory(pages))
		return -ENOMEM;
	vm_unacct_memory(pages);
	return 0;
}

int set_overcommit_memory(unsigned long v)
{
	if (v > OVERCOMMIT_NEVER)
		return -EINVAL;
	sysctl_overcommit_memory = (int)v;
	return 0;
}

int set_overcommit_ratio(unsigned long v)
{
	if (v > 0x7fffffffUL / 100)
		return -EINVAL;
	sysctl_overcommit_ratio = (int)v;
	return 0;
}

static void remove_vma(struct vm_area_struct *vma)
{
	vm_acct_vma(vma, -1);
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	if (vma->vm_inode) {
		struct address_space *mapping = &vma->vm_inode->i_data;

		spin_lock(&mapping->i_mmap_lock);
		list_del(&vma->shared);
		spin_unlock(&mapping->i_mmap_lock);
	}
	list_del(&vma->vm_list);
	vma->vm_mm->map_count--;
	if (vma->vm_flags & VM_LOCKED)
		vma->vm_mm->locked_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	iput(vma->vm_inode);
	kfree(vma);
}

/* The last user (of however many tasks shared the mm) tears it down,
 * once: the decrement to 0, under mmlist_lock, picks exactly one caller
 * and takes the mm off swapoff's list (mm/swapfile.h).  Nobody else can
 * reach the areas now; mmap_sem is taken for writing all the same, so
 * the teardown runs under the lock its callees assert.  CPUs running the
 * mm lazily (kernel threads) still have its page directory loaded: the
 * flush after the page tables go makes them leave it (flush_ipi), and
 * mm_count keeps the directory itself until they have. */
void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	if (!mmput_leave_mmlist(mm))
		return;
	down_write(&mm->mmap_sem);
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list)
		remove_vma(vma);
	free_pgtables(mm);
	up_write(&mm->mmap_sem);
	flush_tlb_mm(mm);
	dput(mm->exe_file);
	mm->exe_file = NULL;
	mmdrop(mm);
}

void mmdrop(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_count))
		return;
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

void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *after)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);
	struct address_space *mapping = vma->vm_inode ? &vma->vm_inode->i_data : NULL;

	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
	vm_acct_vma(vma, 1);
	if (after) {
		vma_adjust(after, after->vm_end, vma);
	} else if (mapping) {
		spin_lock(&mapping->i_mmap_lock);
		list_add_tail(&vma->shared, vma->vm_flags & VM_SHARED ? &mapping->i_mmap_shared
								      : &mapping->i_mmap);
		spin_unlock(&mapping->i_mmap_lock);
	}
}

void vma_adjust(struct vm_area_struct *vma, unsigned long end, struct vm_area_struct *next)
{
	struct address_space *mapping = vma->vm_inode ? &vma->vm_inode->i_data : NULL;

	if (!mapping) {
		vma->vm_end = end;
		return;
	}
	spin_lock(&mapping->i_mmap_lock);
	vma->vm_end = end;
	if (next)
		list_add(&next->shared, &vma->shared);
	spin_unlock(&mapping->i_mmap_lock);
}

/* Linux's bounds on the gap left for the stack above mmap_base. */
#define MIN_GAP (128UL << 20)
#define MAX_GAP (TASK_SIZE / 6 * 5)

/*
 * The layout of a new program's mmaps (Linux's arch_pick_mmap_layout,
 * from exec): top-down below the stack's room - mmap_base is TASK_SIZE
 * less the stack rlimit, the gap clamped to [128 MiB, 5/6 of TASK_SIZE] -
 * so that one large gap stays between the heap and the mappings; or, when
 * the stack rlimit is unlimited (no room could be kept for it), the
 * legacy layout bottom-up from TASK_UNMAPPED_BASE.  mm_alloc leaves the
 * legacy layout (kernel threads' and ktests' address spaces).
 */
void pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlimit)
{
	unsigned long gap = stack_rlimit;

	mm->mmap_topdown = stack_rlimit != RLIM_INFINITY;
	if (!mm->mmap_topdown) {
		mm->mmap_base = TASK_UNMAPPED_BASE;
		return;
	}
	gap = gap < MIN_GAP ? MIN_GAP : gap > MAX_GAP ? MAX_GAP : gap;
	mm->mmap_base = PAGE_ALIGN(TASK_SIZE - gap);
}

/* The lowest free gap of len bytes from base up; 0 if none. */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
				   unsigned long base)
{
	unsigned long addr = base;
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

/* The highest free gap of len bytes ending at or below mm->mmap_base
 * and above the NULL page; 0 if none. */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len)
{
	unsigned long high = mm->mmap_base;
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (high < len + PAGE_SIZE)
			return 0;
		if (vma->vm_start >= high)
			continue;               /* above the candidate */
		if (vma->vm_end <= high - len)
			break;                  /* [high - len, high) is free */
		high = vma->vm_start;
	}
	return high >= len + PAGE_SIZE ? high - len : 0;
}

/* Where a mapping of len bytes goes: top-down from mmap_base, falling
 * back to bottom-up from TASK_UNMAPPED_BASE when no gap below is large
 * enough (as Linux does); bottom-up alone in the legacy layout.  0 if
 * nowhere. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = mm->mmap_topdown ? unmapped_area_topdown(mm, len) : 0;

	return addr ? addr : unmapped_area(mm, len, TASK_UNMAPPED_BASE);
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *inode, unsigned long pgoff)
{
	bool fixed = addr;
	struct vm_area_struct *vma;
	int err;

	if (!len || (addr & ~PAGE_MASK))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE || addr > TASK_SIZE - len)
		return -ENOMEM;         /* more than an address space holds */
	if (!fixed && !(addr = get_unmapped_area(mm, len)))
		return -ENOMEM;
	if (vm_commit_check(vm_flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	if (!(vm_flags & VM_MAY_ACCESS))
		vm_flags |= VM_MAY_ACCESS;
	if (vm_flags & VM_SHARED)
		vm_flags |= VM_MAYSHARE;
	vma = vma_alloc(mm, addr, addr + len, vm_flags);
	if (!vma)
		return -ENOMEM;
	/* Shared anonymous memory is a shmem object's, so that pages first
	 * touched after fork are shared too. */
	vma_set_inode(vma, inode, pgoff);
	if (!inode && (vm_flags & VM_SHARED) && shmem_zero_setup(vma)) {
		kfree(vma);
		return -ENOMEM;
	}
	/* MAP_FIXED replaces what was there: all of it or, out of memory,
	 * nothing - which is why the new vma was made first. */
	err = fixed ? do_munmap(mm, addr, len) : 0;
	if (err) {
		iput(vma->vm_inode);
		kfree(vma);
		return err;
	}
	insert_vma(mm, vma, NULL);
	return (long)addr;
}

/* Split vma at addr: vma keeps [start, addr), a new one gets the rest. */
int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail = vma_alloc(vma->vm_mm, addr, vma->vm_end, vma->vm_flags);

	if (!tail)
		return -ENOMEM;
	vma_set_inode(tail, vma->vm_inode, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
	vma_adjust(vma, addr, tail);
	list_add(&tail->vm_list, &vma->vm_list);
	vma->vm_mm->map_count++;
	return 0;
}

/* Remove [addr, addr + len) from the areas: the areas at the edges are
 * split first, so that out of memory (-ENOMEM) nothing has been removed -
 * a split already made only cut an area in two, mapping the same. */
int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long end = addr + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *last;

	if ((addr & ~PAGE_MASK) || end > TASK_SIZE || end <= addr)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (vma->vm_start < addr && split_vma(vma, addr))
		return -ENOMEM;
	last = find_vma(mm, end - 1);
	if (last && last->vm_start < end && last->vm_end > end && split_vma(last, end))
		return -ENOMEM;
	for (vma = find_vma(mm, addr); vma && vma->vm_start < end; vma = find_vma(mm, addr))
		remove_vma(vma);        /* each zap shot down what it unmapped */
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma, *copy;

	if (!mm)
		return NULL;
	down_write(&oldmm->mmap_sem);
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->locked_vm = oldmm->locked_vm;
	mm->mmap_base = oldmm->mmap_base;
	mm->mmap_topdown = oldmm->mmap_topdown;
	mm->exe_file = oldmm->exe_file ? dget(oldmm->exe_file) : NULL;
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		if (vm_commit_check(vma->vm_flags, (vma->vm_end - vma->vm_start) >> PAGE_SHIFT))
			goto fail;      /* overcommit mode 2: fork is ENOMEM */
		copy = vma_alloc(mm, vma->vm_start, vma->vm_end, vma->vm_flags);
		if (!copy)
			goto fail;
		vma_set_inode(copy, vma->vm_inode, vma->vm_pgoff);
		insert_vma(mm, copy, vma);
		if (copy_page_range(copy, vma))
			goto fail;
	}
	up_write(&oldmm->mmap_sem);
	flush_tlb_mm(oldmm);            /* its private pages just became read-only */
	return mm;
fail:
	up_write(&oldmm->mmap_sem);
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
	mmgrab(mm);                     /* active_mm's reference */
	tsk->active_mm = mm;
	switch_mm(old, mm, smp_processor_id());
	preempt_enable();
	mmdrop(old);                    /* off its page directory now */
}

void unuse_mm(struct mm_struct *mm)
{
	preempt_disable();
	spin_lock(&current->alloc_lock);
	current->mm = NULL;
	spin_unlock(&current->alloc_lock);
	mmgrab(&init_mm);
	current->active_mm = &init_mm;
	switch_mm(mm, &init_mm, smp_processor_id());
	preempt_enable();
	mmdrop(mm);
}

struct mm_struct *get_task_mm(struct task_struct *p)
{
	struct mm_struct *mm;

	spin_lock(&p->alloc_lock);
	mm = p->mm;
	if (mm)
		atomic_inc(&mm->mm_users);
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
	    !heap->vm_inode && heap->vm_flags == (VM_READ | VM_WRITE | VM_MAY_ACCESS)) {
		if (vm_commit_check(heap->vm_flags, (end - start) >> PAGE_SHIFT))
			return false;
		vm_acct_vma(heap, -1);
		heap->vm_end = end;
		vm_acct_vma(heap, 1);
		return true;
	}
	return !IS_ERR_VALUE(do_mmap(mm, start, end - start, VM_READ | VM_WRITE, NULL, 0));
}

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old;

	down_write(&mm->mmap_sem);
	old = mm->brk;
	if (brk < mm->start_brk || brk >= TASK_SIZE - (1UL << 24))
		goto out;
	if (PAGE_ALIGN(brk) > PAGE_ALIGN(old)) {
		struct vm_area_struct *next = find_vma(mm, PAGE_ALIGN(old));

		if (next && next->vm_start < PAGE_ALIGN(brk))
			goto out;               /* would run into another area */
		if (!brk_grow(mm, PAGE_ALIGN(old), PAGE_ALIGN(brk)))
			goto out;
	} else if (PAGE_ALIGN(brk) < PAGE_ALIGN(old) &&
		   do_munmap(mm, PAGE_ALIGN(brk), PAGE_ALIGN(old) - PAGE_ALIGN(brk))) {
		goto out;
	}
	mm->brk = brk;
out:
	brk = mm->brk;
	up_write(&mm->mmap_sem);
	return (long)brk;
}

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03        /* Linux 4.15's strict MAP_SHARED */
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20

/* What a mapping of f may be given, now and by a later mprotect, as
 * Linux decides: a file must be open for reading; a shared mapping of one
 * not open for writing may never write (EACCES now, no VM_MAYWRITE).
 * 0 or -EACCES, *vm_flags completed. */
static long file_may_flags(const struct file *f, unsigned long *vm_flags)
{
	unsigned int acc = f->f_flags & O_ACCMODE;

	if (acc == O_WRONLY)
		return -EACCES;
	*vm_flags |= VM_MAY_ACCESS;
	if ((*vm_flags & VM_SHARED) && acc != O_RDWR) {
		if (*vm_flags & VM_WRITE)
			return -EACCES;
		*vm_flags &= ~(unsigned long)VM_MAYWRITE;
	}
	return 0;
}

/* mmap2: offsets in pages.  Anonymous or a ramfs file, private (copy on
 * write) or shared (writes reach the page cache); shared anonymous
 * memory is a shmem object (do_mmap).  /dev/zero maps as anonymous
 * memory. */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = calc_vm_prot_bits(prot) | (flags & MAP_SHARED ? VM_SHARED : 0);
	struct inode *inode = NULL;
	struct file *f = NULL;
	long ret;

	if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_PRIVATE &&
	    (flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		return -EINVAL;         /* private or shared: one must be said */
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget((unsigned int)fd);
		if (!f)
			return -EBADF;
		if (!f->f_op->mmap_anonymous &&
		    (!f->f_dentry || !S_ISREG(f->f_dentry->d_inode->i_mode))) {
			fput(f);
			return -ENODEV;
		}
		if (!f->f_op->mmap_anonymous)
			inode = f->f_dentry->d_inode;
		ret = inode ? file_may_flags(f, &vm_flags) : 0;
		if (ret) {
			fput(f);
			return ret;
		}
	}
	down_write(&mm->mmap_sem);
	ret = do_mmap(mm, flags & MAP_FIXED ? addr : 0, len, vm_flags, inode, pgoff);
	up_write(&mm->mmap_sem);
	if (f)
		fput(f);                /* the inode lives as long as its dentry */
	return ret;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	long err;

	down_write(&mm->mmap_sem);
	err = do_munmap(mm, addr, len);
	up_write(&mm->mmap_sem);
	return err;
}
