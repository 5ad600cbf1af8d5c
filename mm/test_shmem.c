/*
 * mm/test_shmem.c - ktests for shmem objects: a shared anonymous area is
 * backed by one, its pages are page-cache pages of the object (mapping,
 * index, PG_swapbacked, NR_SHMEM), a page first touched after dup_mm is
 * the same page in both address spaces, the object's count follows the
 * areas (fork, split, munmap), and the object with all its pages is freed
 * with the last area - no page leaked, NR_SHMEM back where it was; and a
 * file's list of the areas mapping it (i_mmap_shared: split, fork's copy
 * after its original, removal), which a truncate walks to unmap the
 * pages past the new end from every address space.
 * Each test runs in address spaces of its own (use_mm) and drops them.
 * Locking: the mms are this test's alone.
 */
#include "fs/fs.h"
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

#define SHARED_RW (VM_READ | VM_WRITE | VM_SHARED)
#define PAGES 16

static char __user *uaddr(unsigned long addr)
{
	return (char __user *)addr;
}

/* A new mm with a shared anonymous area of PAGES pages, entered; 0 on
 * failure (nothing left behind). */
static unsigned long enter_with_shared_area(struct mm_struct **mmp)
{
	struct mm_struct *mm = enter_new_mm();
	long addr;

	*mmp = mm;
	if (!mm)
		return 0;
	addr = do_mmap(mm, 0, PAGES * PAGE_SIZE, SHARED_RW, NULL, 0);
	if (IS_ERR_VALUE(addr)) {
		leave_mm(mm);
		*mmp = NULL;
		return 0;
	}
	return (unsigned long)addr;
}

KTEST(shmem, shared_anonymous_area_is_a_shmem_object)
{
	struct mm_struct *mm;
	unsigned long addr = enter_with_shared_area(&mm);
	struct vm_area_struct *vma;
	struct page *page;

	KEXPECT(addr);
	if (!addr)
		return;
	vma = find_vma(mm, addr);
	KEXPECT(vma->vm_inode && SHMEM_I(vma->vm_inode));
	KEXPECT_EQ(vma->vm_inode->i_count, 1);          /* the area's alone */
	KEXPECT_EQ(vma->vm_inode->i_size, (u64)PAGES * PAGE_SIZE);
	KEXPECT_EQ(copy_to_user(uaddr(addr + 3 * PAGE_SIZE), "s", 1), 0);
	page = user_page(mm, addr + 3 * PAGE_SIZE);
	KEXPECT(page && page->mapping == &vma->vm_inode->i_data);
	KEXPECT(page && page->index == 3 && PageSwapBacked(page));
	KEXPECT_EQ(vma->vm_inode->i_data.nrpages, 1);
	/* Two areas after a split, one reference each. */
	KEXPECT_EQ(split_vma(vma, addr + PAGE_SIZE), 0);
	KEXPECT_EQ(vma->vm_inode->i_count, 2);
	KEXPECT_EQ(do_munmap(mm, addr, PAGE_SIZE), 0);
	vma = find_vma(mm, addr);
	KEXPECT_EQ(vma->vm_inode->i_count, 1);
	KEXPECT_EQ(vma->vm_pgoff, 1);
	leave_mm(mm);
}

KTEST(shmem, page_first_touched_after_dup_mm_is_shared)
{
	struct mm_struct *parent, *child;
	unsigned long addr = enter_with_shared_area(&parent);
	struct inode *object;
	char c = 0;

	KEXPECT(addr);
	if (!addr)
		return;
	object = find_vma(parent, addr)->vm_inode;
	child = dup_mm(parent);
	KEXPECT(child);
	if (!child)
		goto out;
	KEXPECT_EQ(object->i_count, 2);
	KEXPECT(find_vma(child, addr)->vm_inode == object);
	use_mm(child);
	KEXPECT_EQ(copy_to_user(uaddr(addr + 5 * PAGE_SIZE), "C", 1), 0);
	unuse_mm(child);
	use_mm(parent);
	KEXPECT_EQ(copy_from_user(&c, uaddr(addr + 5 * PAGE_SIZE), 1), 0);
	KEXPECT_EQ(c, 'C');
	KEXPECT(user_page(parent, addr + 5 * PAGE_SIZE) ==
		user_page(child, addr + 5 * PAGE_SIZE));
	mmput(child);
	KEXPECT_EQ(object->i_count, 1);
	KEXPECT_EQ(copy_from_user(&c, uaddr(addr + 5 * PAGE_SIZE), 1), 0);
	KEXPECT_EQ(c, 'C');                     /* the child's exit kept the page */
out:
	leave_mm(parent);
}

/* One round: map, touch every page in parent and copy, drop both. */
static void shared_round(void)
{
	struct mm_struct *parent, *child;
	unsigned long addr = enter_with_shared_area(&parent);

	if (!addr)
		return;
	for (int i = 0; i < PAGES; i += 2)
		copy_to_user(uaddr(addr + (unsigned long)i * PAGE_SIZE), "p", 1);
	child = dup_mm(parent);
	if (child) {
		use_mm(child);
		for (int i = 1; i < PAGES; i += 2)
			copy_to_user(uaddr(addr + (unsigned long)i * PAGE_SIZE), "c", 1);
		unuse_mm(child);
		mmput(child);
		use_mm(parent);         /* leave_mm drops the active_mm reference */
	}
	leave_mm(parent);
}

KTEST(shmem, object_and_pages_freed_with_the_last_area)
{
	unsigned long shmem = global_page_state(NR_SHMEM), free;

	shared_round();                 /* caches warmed: slabs, page tables */
	KEXPECT_EQ(global_page_state(NR_SHMEM), shmem);
	free = settled_free_pages();
	shared_round();
	KEXPECT_EQ(settled_free_pages(), free);
	KEXPECT_EQ(global_page_state(NR_SHMEM), shmem);
}

static int areas_on(struct list_head *list)
{
	struct vm_area_struct *vma;
	int n = 0;

	list_for_each_entry(vma, list, shared)
		n++;
	return n;
}

/* Touch each of pages pages from addr (reads fault them in). */
static void touch_pages(unsigned long addr, int pages)
{
	char c;

	for (int i = 0; i < pages; i++)
		copy_from_user(&c, uaddr(addr + (unsigned long)i * PAGE_SIZE), 1);
}

KTEST(shmem, truncate_unmaps_split_areas_and_fork_copies)
{
	static char data[4 * PAGE_SIZE];
	struct mm_struct *parent, *child;
	struct vm_area_struct *first;
	struct list_head *areas;
	struct dentry *d;
	long addr;

	vfs_mkdir("/ktest", 0755);
	KEXPECT_EQ(vfs_mknod("/ktest/trunc", S_IFREG | 0644, 0, &d), 0);
	parent = enter_new_mm();
	if (!d || !parent)
		return;
	areas = &d->d_inode->i_data.i_mmap_shared;
	KEXPECT_EQ(vfs_write(d->d_inode, data, sizeof(data), 0), (ssize_t)sizeof(data));
	addr = do_mmap(parent, 0, sizeof(data), SHARED_RW, d->d_inode, 0);
	KEXPECT(!IS_ERR_VALUE(addr));
	touch_pages((unsigned long)addr, 4);
	first = find_vma(parent, (unsigned long)addr);
	KEXPECT_EQ(split_vma(first, (unsigned long)addr + 2 * PAGE_SIZE), 0);
	child = dup_mm(parent);
	KEXPECT(child && areas_on(areas) == 4);
	KEXPECT(child && list_next_entry(first, shared) ==
			 find_vma(child, (unsigned long)addr));        /* right after its original */
	KEXPECT_EQ(vfs_truncate(d->d_inode, PAGE_SIZE + 1), 0);
	KEXPECT(user_page(parent, (unsigned long)addr + PAGE_SIZE) != NULL);   /* the partial page */
	KEXPECT(!user_page(parent, (unsigned long)addr + 2 * PAGE_SIZE));
	KEXPECT(child && !user_page(child, (unsigned long)addr + 3 * PAGE_SIZE));
	KEXPECT_EQ(get_mm_counter(parent, rss), 2);
	if (child)
		mmput(child);
	KEXPECT_EQ(areas_on(areas), 2);
	leave_mm(parent);
	KEXPECT(list_empty(areas));
	vfs_unlink("/ktest/trunc");
}
