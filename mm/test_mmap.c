/*
 * mm/test_mmap.c - ktests for address spaces: demand-zero pages reached
 * through copy_to_user, -EFAULT-style short copies for bad addresses,
 * HIGHPTE page tables, copy-on-write after dup_mm (and the last sharer
 * taking its page over), munmap dropping pages, and private file mappings
 * sharing the page cache until written.
 * Each test runs in an address space of its own (use_mm) and drops it.
 * Locking: the mm is this test's alone.
 */
#include "fs/fs.h"
#include "kernel/debug/ktest.h"
#include "kernel/arch/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"

#define RW (VM_READ | VM_WRITE)

/* The page mapped at addr in mm, or NULL. */
/* A do_mmap() result as the user pointer the copies take. */
static char __user *uaddr(long addr)
{
	return (char __user *)(unsigned long)addr;
}

static struct page *user_page(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset_pgd(mm->pgd, addr), addr);
	struct page *page = NULL;
	pte_t *pte;

	if (pmd_none(*pmd))
		return NULL;
	pte = pte_offset_map(pmd, addr);
	if (pte_present(*pte))
		page = pte_page(*pte);
	pte_unmap(pte);
	return page;
}

static struct mm_struct *enter_new_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (mm)
		use_mm(mm);
	return mm;
}

static void leave_mm(struct mm_struct *mm)
{
	unuse_mm(mm);
	mmput(mm);
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
		KEXPECT(PageHighMem(pfn_to_page(mm->pgd[pgd_index(addr)] >> PAGE_SHIFT)));
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
