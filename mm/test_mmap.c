/*
 * mm/test_mmap.c - ktests for address spaces: demand-zero pages reached
 * through copy_to_user, -EFAULT-style short copies for bad addresses,
 * HIGHPTE page tables, copy-on-write after dup_mm (and the last sharer
 * taking its page over), munmap dropping pages, and private file mappings
 * sharing the page cache until written; the page-table walkers across
 * page-table boundaries; and the out-of-memory paths of MAP_FIXED and
 * mremap, which must leave the old mapping and its data as they were,
 * reached by failing exactly the nth slab or page allocation this task
 * makes (fail_nth_alloc: failslab and fail_page_alloc with the task
 * filter, mm/fault_inject.h).
 * Each test runs in an address space of its own (use_mm) and drops it.
 * Locking: the mm is this test's alone.
 */
#include "fs/fs.h"
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/tlbflush.h"

#define RW (VM_READ | VM_WRITE)

/* A do_mmap() result as the user pointer the copies take. */
static char __user *uaddr(long addr)
{
	return (char __user *)(unsigned long)addr;
}

KTEST(mmap, demand_zero_pages_and_short_copies)
{
	struct mm_struct *mm = enter_new_mm();
	char buf[64], zero[64] = { 0 };
	long addr;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	addr = do_mmap(mm, 0, 3 * PAGE_SIZE, RW, NULL, 0);
	KEXPECT_EQ(addr, TASK_UNMAPPED_BASE);
	KEXPECT(user_page(mm, addr) == NULL);   /* nothing until touched */
	KEXPECT_EQ(copy_to_user(uaddr(addr) + PAGE_SIZE - 8, "across a page!", 15), 0);
	KEXPECT(user_page(mm, addr) && user_page(mm, addr + PAGE_SIZE));
	KEXPECT(user_page(mm, addr + 2 * PAGE_SIZE) == NULL);
	KEXPECT_EQ(copy_from_user(buf, uaddr(addr) + PAGE_SIZE - 8, 15), 0);
	KEXPECT(!memcmp(buf, "across a page!", 15));
	KEXPECT_EQ(copy_from_user(buf, uaddr(addr) + 2 * PAGE_SIZE, 64), 0);
	KEXPECT(!memcmp(buf, zero, 64));        /* demand-zero */
	/* Off the end of the area: only the part inside is copied. */
	KEXPECT_EQ(copy_to_user(uaddr(addr) + 3 * PAGE_SIZE - 10, buf, 64), 54);
	KEXPECT_EQ(copy_to_user((void __user *)0xC0001000, buf, 4), 4);       /* kernel space */
	KEXPECT_EQ(strncpy_from_user(buf, uaddr(addr) + PAGE_SIZE - 8, 64), 14);
	KEXPECT_EQ(strncpy_from_user(buf, uaddr(addr) + 5 * PAGE_SIZE, 64), -EFAULT);
	if (contig_page_data.node_zones[ZONE_HIGHMEM].free_pages > 64)
		KEXPECT(PageHighMem(pmd_page(*pmd_offset(pgd_offset(mm, addr), addr))));
	leave_mm(mm);
}

/* Issue 12, defect 4: PROT_NONE over a touched page, then read-write over
 * a range running past the area: -ENOMEM, but the area's part is applied
 * to the area and to its pte alike, so the page can be read again. */
KTEST(mmap, partial_mprotect_leaves_areas_and_ptes_agreeing)
{
	struct mm_struct *mm = enter_new_mm();
	long addr = mm ? do_mmap(mm, 0x10000000, PAGE_SIZE, RW, NULL, 0) : 0;
	const unsigned long keep = ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC);
	char buf[8];

	KEXPECT_EQ(addr, 0x10000000);
	if (!mm)
		return;
	KEXPECT_EQ(copy_to_user(uaddr(addr), "path", 5), 0);
	down_write(&mm->mmap_sem);
	KEXPECT_EQ(change_range_flags(mm, 0x10000000, 0x10001000, keep, 0), 0);
	KEXPECT(!(pte_val(user_pte(mm, 0x10000000)) & _PAGE_PRESENT));
	KEXPECT_EQ(change_range_flags(mm, 0x10000000, 0x10002000, keep, RW), -ENOMEM);
	KEXPECT(pte_val(user_pte(mm, 0x10000000)) & _PAGE_PRESENT);
	up_write(&mm->mmap_sem);
	KEXPECT_EQ(strncpy_from_user(buf, uaddr(addr), sizeof(buf)), 4);
	leave_mm(mm);
}

/* A PROT_NONE pte under an area that allows access, however it came to
 * be: the fault brings the pte in line instead of "succeeding" with the
 * access still refused (a user copy would take the fault for ever). */
KTEST(mmap, fault_on_a_prot_none_pte_in_an_accessible_area_makes_progress)
{
	struct mm_struct *mm = enter_new_mm();
	long addr = mm ? do_mmap(mm, 0x10000000, PAGE_SIZE, RW, NULL, 0) : 0;
	pmd_t *pmd;
	spinlock_t *ptl;
	pte_t *pte;
	char buf[8];

	KEXPECT_EQ(addr, 0x10000000);
	if (!mm)
		return;
	KEXPECT_EQ(copy_to_user(uaddr(addr), "path", 5), 0);
	pmd = pmd_offset(pgd_offset(mm, 0x10000000), 0x10000000);
	pte = pte_offset_map_lock(pmd, 0x10000000, &ptl);
	set_pte(pte, pte_mkprotnone(*pte));
	pte_unmap_unlock(pte, ptl);
	flush_tlb_mm(mm);
	KEXPECT_EQ(strncpy_from_user(buf, uaddr(addr), sizeof(buf)), 4);
	KEXPECT_EQ(copy_to_user(uaddr(addr), "x", 1), 0);
	KEXPECT(pte_write(user_pte(mm, 0x10000000)));
	leave_mm(mm);
}

/* The flexible layout exec picks: top-down below the stack's room (the
 * gap is the stack rlimit, at least 128 MiB), falling back to bottom-up
 * when no gap below is large enough; legacy bottom-up for an unlimited
 * stack rlimit. */
KTEST(mmap, flexible_layout_top_down_with_legacy_fallback)
{
	struct mm_struct *mm = enter_new_mm();
	const unsigned long base = TASK_SIZE - (128UL << 20);
	long a, b, big;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	pick_mmap_layout(mm, 8UL << 20);
	KEXPECT_EQ(mm->mmap_base, base);
	a = do_mmap(mm, 0, PAGE_SIZE, RW, NULL, 0);
	b = do_mmap(mm, 0, 2 * PAGE_SIZE, RW, NULL, 0);
	KEXPECT_EQ(a, (long)(base - PAGE_SIZE));
	KEXPECT_EQ(b, (long)(base - 3 * PAGE_SIZE));
	/* A hole left by munmap is reused by a mapping that fits in it. */
	KEXPECT_EQ(do_munmap(mm, (unsigned long)a, PAGE_SIZE), 0);
	KEXPECT_EQ(do_mmap(mm, 0, PAGE_SIZE, RW, NULL, 0), a);
	/* A stack rlimit of 3 GiB: the gap is clamped to 5/6 of TASK_SIZE,
	 * and 512 MiB no longer fits below mmap_base: bottom-up instead. */
	pick_mmap_layout(mm, 3UL << 30);
	KEXPECT_EQ(mm->mmap_base, 0x20000000);
	big = do_mmap(mm, 0, 0x20000000, RW, NULL, 0);
	KEXPECT_EQ(big, (long)TASK_UNMAPPED_BASE);
	pick_mmap_layout(mm, RLIM_INFINITY);
	KEXPECT(!mm->mmap_topdown && mm->mmap_base == TASK_UNMAPPED_BASE);
	KEXPECT_EQ(do_mmap(mm, 0, PAGE_SIZE, RW, NULL, 0), (long)TASK_UNMAPPED_BASE + 0x20000000);
	leave_mm(mm);
}

KTEST(mmap, read_only_area_refuses_writes)
{
	struct mm_struct *mm = enter_new_mm();
	long addr = mm ? do_mmap(mm, 0x10000000, PAGE_SIZE, VM_READ, NULL, 0) : 0;
	char c;

	KEXPECT_EQ(addr, 0x10000000);
	if (!mm)
		return;
	KEXPECT_EQ(copy_from_user(&c, uaddr(addr), 1), 0);
	KEXPECT_EQ(c, 0);
	KEXPECT_EQ(copy_to_user(uaddr(addr), "x", 1), 1);
	leave_mm(mm);
}

KTEST(mmap, copy_on_write_after_dup_mm)
{
	struct mm_struct *parent = enter_new_mm(), *child;
	long addr = parent ? do_mmap(parent, 0, PAGE_SIZE, RW, NULL, 0) : 0;
	struct page *page;
	char c = 0;

	if (!parent)
		return;
	copy_to_user(uaddr(addr), "A", 1);
	lru_add_drain();                        /* the pagevec's reference */
	page = user_page(parent, addr);
	child = dup_mm(parent);
	KEXPECT(child != NULL);
	if (!child)
		goto out;
	KEXPECT(user_page(child, addr) == page);        /* shared ... */
	KEXPECT_EQ(page_count(page), 2);
	use_mm(child);
	KEXPECT_EQ(copy_to_user(uaddr(addr), "B", 1), 0);      /* ... until written */
	KEXPECT(user_page(child, addr) != page);
	KEXPECT_EQ(page_count(page), 1);
	copy_from_user(&c, uaddr(addr), 1);
	KEXPECT_EQ(c, 'B');
	unuse_mm(child);
	mmput(child);
	use_mm(parent);
	copy_from_user(&c, uaddr(addr), 1);
	KEXPECT_EQ(c, 'A');                     /* the parent never saw B */
	KEXPECT_EQ(copy_to_user(uaddr(addr), "C", 1), 0);
	KEXPECT(user_page(parent, addr) == page);       /* last sharer: no copy */
out:
	leave_mm(parent);
}

KTEST(mmap, munmap_drops_pages_and_splits_areas)
{
	struct mm_struct *mm = enter_new_mm();
	long addr = mm ? do_mmap(mm, 0, 4 * PAGE_SIZE, RW, NULL, 0) : 0;
	struct page *page;

	if (!mm)
		return;
	clear_user(uaddr(addr), 4 * PAGE_SIZE);        /* touch all four */
	lru_add_drain();                        /* the pagevec's references */
	page = user_page(mm, addr + PAGE_SIZE);
	get_page(page);
	KEXPECT_EQ(page_count(page), 2);
	KEXPECT_EQ(do_munmap(mm, addr + PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KEXPECT_EQ(page_count(page), 1);        /* the mapping's reference went */
	put_page(page);
	KEXPECT_EQ(mm->map_count, 2);           /* a hole in the middle */
	KEXPECT(find_vma(mm, addr)->vm_end == (unsigned long)addr + PAGE_SIZE);
	KEXPECT(find_vma(mm, addr + PAGE_SIZE)->vm_start == (unsigned long)addr + 3 * PAGE_SIZE);
	KEXPECT_EQ(copy_to_user(uaddr(addr + PAGE_SIZE), "x", 1), 1);
	leave_mm(mm);
}

KTEST(mmap, private_file_mapping_shares_the_page_cache_until_written)
{
	struct mm_struct *mm;
	struct dentry *d;
	char buf[8];
	long addr;

	vfs_mkdir("/ktest", 0755);
	if (vfs_mknod("/ktest/mapped", S_IFREG | 0644, 0, &d)) {
		KEXPECT(false);
		return;
	}
	vfs_write(d->d_inode, "file data", 9, PAGE_SIZE);      /* in page 1 */
	mm = enter_new_mm();
	if (!mm)
		return;
	addr = do_mmap(mm, 0, PAGE_SIZE, RW, d->d_inode, 1);
	KEXPECT_EQ(copy_from_user(buf, uaddr(addr), 9), 0);
	KEXPECT(!memcmp(buf, "file data", 9));
	KEXPECT(user_page(mm, addr) == find_get_page(&d->d_inode->i_data, 1));
	put_page(user_page(mm, addr));          /* find_get_page's reference */
	KEXPECT_EQ(copy_to_user(uaddr(addr), "FILE", 4), 0);
	KEXPECT(user_page(mm, addr)->mapping == NULL);  /* a private copy now */
	vfs_read(d->d_inode, buf, 9, PAGE_SIZE);
	KEXPECT(!memcmp(buf, "file data", 9));  /* the file is unchanged */
	leave_mm(mm);
}

/* Write 'a' + i at the start of page i of n, stride bytes apart. */
static void mark_pages(unsigned long addr, int n, unsigned long stride)
{
	for (int i = 0; i < n; i++)
		copy_to_user(uaddr(addr) + i * stride, &(char){ (char)('a' + i) }, 1);
}

static bool pages_marked(unsigned long addr, int n, unsigned long stride)
{
	char c;

	for (int i = 0; i < n; i++)
		if (copy_from_user(&c, uaddr(addr) + i * stride, 1) || c != 'a' + i)
			return false;
	return true;
}

/* The areas of mm are in address order and none overlaps another. */
static bool areas_sorted_apart(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long end = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_start < end || vma->vm_start >= vma->vm_end)
			return false;
		end = vma->vm_end;
	}
	return true;
}

/* Pages on both sides of two page-table boundaries: fork's copy,
 * mprotect and munmap each walk several tables in one call. */
KTEST(mmap, walkers_cross_page_table_boundaries)
{
	const unsigned long base = 0x203fe000, stride = PGDIR_SIZE / 2;   /* 2 pages before 4M */
	struct mm_struct *mm = enter_new_mm(), *child;

	if (!mm)
		return;
	KEXPECT_EQ(do_mmap(mm, base, 5 * stride, RW, NULL, 0), (long)base);
	mark_pages(base, 5, stride);
	mark_pages(base + PAGE_SIZE, 1, 0);     /* and the last page before 4M */
	KEXPECT_EQ(get_mm_counter(mm, rss), 6);
	child = dup_mm(mm);
	KEXPECT(child != NULL);
	if (child) {
		KEXPECT_EQ(get_mm_counter(child, rss), 6);
		for (int i = 0; i < 5; i++)
			KEXPECT(user_page(child, base + i * stride) == user_page(mm, base + i * stride));
		mmput(child);
	}
	KEXPECT_EQ(sys_mprotect(base, 5 * stride, PROT_READ), 0);
	KEXPECT_EQ(copy_to_user(uaddr(base + 4 * stride), "x", 1), 1);
	KEXPECT(pages_marked(base, 5, stride));
	KEXPECT_EQ(do_munmap(mm, base + PAGE_SIZE, 3 * stride), 0);
	KEXPECT_EQ(get_mm_counter(mm, rss), 2);  /* the first and the last stay */
	KEXPECT(user_page(mm, base + 2 * stride) == NULL);
	leave_mm(mm);
}

KTEST(mmap, map_fixed_that_cannot_unmap_leaves_the_old_mapping)
{
	struct mm_struct *mm = enter_new_mm();
	long addr = mm ? do_mmap(mm, 0, 4 * PAGE_SIZE, RW, NULL, 0) : 0;

	if (!mm)
		return;
	mark_pages(addr, 4, PAGE_SIZE);
	/* Slab allocation 1 is the new area, 2 and 3 the splits at the edges
	 * of the hole it punches: fail each in turn. */
	for (int nth = 1; nth <= 3; nth++) {
		fail_nth_alloc(&failslab, (unsigned long)nth);
		KEXPECT_EQ(do_mmap(mm, addr + PAGE_SIZE, 2 * PAGE_SIZE, VM_READ, NULL, 0), -ENOMEM);
		fail_nth_alloc(&failslab, 0);
		KEXPECT(areas_sorted_apart(mm));
		KEXPECT(pages_marked(addr, 4, PAGE_SIZE));
		KEXPECT_EQ(find_vma(mm, addr + PAGE_SIZE)->vm_flags & ~(unsigned long)VM_MAY_ACCESS, RW);
		KEXPECT_EQ(get_mm_counter(mm, rss), 4);
	}
	KEXPECT_EQ(do_mmap(mm, addr + PAGE_SIZE, 2 * PAGE_SIZE, VM_READ, NULL, 0), addr + PAGE_SIZE);
	KEXPECT(areas_sorted_apart(mm));
	KEXPECT_EQ(mm->map_count, 3);
	KEXPECT_EQ(get_mm_counter(mm, rss), 2);
	leave_mm(mm);
}

/* mremap of 12 MiB (three page tables, a page touched in each) to an
 * empty place: its one slab allocation is the new area, its page
 * allocations 1 to 3 the new page tables.  Failing the third table means
 * two tables' pages had moved and must come back.  A fresh mm each time:
 * tables made by a failed try stay. */
static const struct {
	struct fail_alloc_attr *fa;
	unsigned long nth;
} mremap_failures[] = {
	{ &failslab, 1 }, { &fail_page_alloc, 1 }, { &fail_page_alloc, 2 },
	{ &fail_page_alloc, 3 }, { NULL, 0 },
};

KTEST(mmap, mremap_out_of_memory_halfway_moves_everything_back)
{
	const unsigned long len = 3 * PGDIR_SIZE, old = 0x20000000, new = 0x60000000;

	for (unsigned int i = 0; i < ARRAY_SIZE(mremap_failures); i++) {
		struct fail_alloc_attr *fa = mremap_failures[i].fa;
		struct mm_struct *mm = enter_new_mm();
		long want = fa ? -ENOMEM : (long)new;

		if (!mm)
			return;
		KEXPECT_EQ(do_mmap(mm, old, len, RW, NULL, 0), (long)old);
		mark_pages(old, 3, PGDIR_SIZE);
		if (fa)
			fail_nth_alloc(fa, mremap_failures[i].nth);
		KEXPECT_EQ(sys_mremap(old, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, new), want);
		if (fa)
			fail_nth_alloc(fa, 0);
		KEXPECT(areas_sorted_apart(mm));
		KEXPECT_EQ(mm->map_count, 1);
		KEXPECT_EQ(get_mm_counter(mm, rss), 3);
		KEXPECT(pages_marked(want < 0 ? old : new, 3, PGDIR_SIZE));
		KEXPECT(user_page(mm, want < 0 ? new : old) == NULL);
		leave_mm(mm);
	}
}
