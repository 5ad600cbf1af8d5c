/*
 * mm/test_swapin.c - ktests for swap-in and the swap entries in page
 * tables: the fault path (mm/memory.c:do_swap_page), fork's copy, zap,
 * mprotect and mremap of swap ptes, swapoff bringing every page back
 * (mm/swapfile.c:try_to_unuse) or failing - out of memory, killed -
 * with the area left on, a failed read giving SIGBUS, and shmem's pages
 * going out and back (mm/shmem.c:shmem_writepage, shmem_getpage).
 *
 * Until reclaim pushes pages out on its own, push_out does it by hand the
 * way reclaim will: add_to_swap, try_to_unmap (each pte becomes the swap
 * entry) - for a shmem page try_to_unmap, then shmem_writepage -
 * swap_writepage and a wait, then the page scribbled on and taken
 * out of the swap cache, so that the slot on the block layer's memory
 * disk ktda (swapon'd whole) holds the only copy of the data.  Each test
 * page holds bytes made from a seed, read back with access_process_vm.
 *
 * Locking: the mms and the area are the tests'; each page is locked
 * where the swap cache's interface says.
 */
#include "drivers/block/test_memdisk.h"
#include "fs/fs.h"
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/ktest_swap.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"

#define RW (VM_READ | VM_WRITE)
#define NPAGES 4
#define AREA "/dev/ktda"

static u32 word(u32 seed, unsigned int i)
{
	return seed * 2654435761u + i;
}

/* Write the seed's bytes to the page at addr of the current mm. */
static bool fill_user(unsigned long addr, u32 seed)
{
	u32 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	bool ok;

	if (!buf)
		return false;
	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		buf[i] = word(seed, i);
	ok = !copy_to_user((void __user *)addr, buf, PAGE_SIZE);
	kfree(buf);
	return ok;
}

/* Does the page at addr of mm hold the seed's bytes?  Read as /proc
 * does (access_process_vm), which faults a swapped page in. */
static bool user_holds(struct mm_struct *mm, unsigned long addr, u32 seed)
{
	u32 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	bool same;

	if (!buf)
		return false;
	same = access_process_vm(mm, addr, buf, PAGE_SIZE) == PAGE_SIZE;
	for (unsigned int i = 0; same && i < PAGE_SIZE / 4; i++)
		same = buf[i] == word(seed, i);
	kfree(buf);
	return same;
}

/* A fault at addr of mm, as do_page_fault makes it. */
static int touch(struct mm_struct *mm, unsigned long addr, bool write)
{
	return do_user_fault(mm, addr, write, addr);
}

/* Write the seed's bytes into the page mm maps at addr (after a write
 * fault made it its own). */
static void write_page(struct mm_struct *mm, unsigned long addr, u32 seed)
{
	struct page *page = user_page(mm, addr);
	u32 *p;

	KEXPECT(page && pte_write(user_pte(mm, addr)));
	if (!page)
		return;
	p = kmap(page);
	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = word(seed, i);
	kunmap(page);
}

static void scribble(struct page *page)
{
	memset(kmap(page), 0x5a, PAGE_SIZE);
	kunmap(page);
}

static int unmap(struct page *page)
{
	int ret;

	pte_chain_lock(page);
	ret = try_to_unmap(page);
	pte_chain_unlock(page);
	return ret;
}

/* page (locked) into the swap cache and unmapped, as reclaim will do it:
 * an anonymous page is given a slot first (its ptes become the entry), a
 * shmem object's page is unmapped first and moved by shmem_writepage. */
static bool into_swap_cache(struct page *page)
{
	if (page->mapping) {
		KEXPECT_EQ(unmap(page), SWAP_SUCCESS);
		KEXPECT_EQ(shmem_writepage(page), 0);
		return PageSwapCache(page);
	}
	if (!PageSwapCache(page) && !add_to_swap(page))
		return false;
	KEXPECT_EQ(unmap(page), SWAP_SUCCESS);
	return true;
}

/* The page mm maps at addr out to swap, from every mm mapping it (see
 * the top of the file), the way reclaim does it when !always: written
 * only if dirty - a clean swap-cache page is taken to match its slot.
 * Its entry, val 0 if that failed. */
static swp_entry_t swap_page_out(struct mm_struct *mm, unsigned long addr, bool always)
{
	struct page *page = user_page(mm, addr);
	swp_entry_t e = { 0 };

	KEXPECT(page);
	if (!page)
		return e;
	get_page(page);
	lock_page(page);
	if (!into_swap_cache(page)) {
		KEXPECT(false);
		unlock_page(page);
		put_page(page);
		return e;
	}
	e.val = page->private;
	if (always || PageDirty(page)) {
		KEXPECT_EQ(swap_writepage(page), 0);
		wait_on_page_writeback(page);
		KEXPECT(!PageError(page));
		lock_page(page);
	}
	scribble(page);
	delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
	return e;
}

static swp_entry_t push_out(struct mm_struct *mm, unsigned long addr)
{
	return swap_page_out(mm, addr, true);
}

/* ktda swapon'd whole: its area, or NULL (the test skipped or failed). */
static struct swap_info_struct *area_on(void)
{
	if (!memdisk_ready())
		return NULL;
	whole_disk_area(true);
	KEXPECT_EQ(swapon_path(AREA, false, 0), 0);
	return area_named(AREA);
}

static void area_off(void)
{
	fresh_log();
	KEXPECT_EQ(swapoff_path(AREA), 0);
}

/* A new entered mm with NPAGES pages at *addr (an anonymous area with
 * flags: private, or shared - a shmem object), page i holding seed
 * i + 1, the pages off the per-CPU pagevecs; NULL without memory. */
static struct mm_struct *filled_mm(unsigned long *addr, unsigned long flags)
{
	struct mm_struct *mm = enter_new_mm();
	long a = mm ? do_mmap(mm, 0, NPAGES * PAGE_SIZE, flags, NULL, 0) : -1;
	bool ok = a >= 0;

	*addr = (unsigned long)a;
	for (unsigned int i = 0; ok && i < NPAGES; i++)
		ok = fill_user(*addr + i * PAGE_SIZE, i + 1);
	KEXPECT(ok);
	lru_add_drain_all();
	if (!ok && mm) {
		leave_mm(mm);
		mm = NULL;
	}
	return mm;
}

/* ktda's area on and a filled_mm entered: the mm (*si the area), or
 * NULL with the area off again (the test skipped or failed). */
static struct mm_struct *start_with(struct swap_info_struct **si, unsigned long *addr,
				    unsigned long flags)
{
	struct mm_struct *mm;

	*si = area_on();
	if (!*si)
		return NULL;
	mm = filled_mm(addr, flags);
	if (!mm)
		area_off();
	return mm;
}

static struct mm_struct *start(struct swap_info_struct **si, unsigned long *addr)
{
	return start_with(si, addr, RW);
}

/* The test's mm goes, every slot of the area with it; the area goes. */
static void finish(struct swap_info_struct *si, struct mm_struct *mm)
{
	leave_mm(mm);
	KEXPECT_EQ(si->inuse_pages, 0);
	area_off();
}

static bool is_entry(pte_t pte, swp_entry_t e)
{
	return is_swap_pte(pte) && pte_to_swp_entry(pte).val == e.val;
}

KTEST(swapin, a_swapped_out_page_faults_back_in_with_its_bytes)
{
	struct swap_info_struct *si;
	unsigned long addr, a1, maj, pgmaj = vm_events[PGMAJFAULT];
	struct mm_struct *mm;
	struct page *page;
	long rss;
	swp_entry_t e;

	mm = start(&si, &addr);
	if (!mm)
		return;
	a1 = addr + PAGE_SIZE;
	rss = get_mm_counter(mm, rss);
	e = push_out(mm, a1);
	KEXPECT(is_entry(user_pte(mm, a1), e));
	KEXPECT_EQ(get_mm_counter(mm, swapents), 1);
	KEXPECT_EQ(get_mm_counter(mm, rss), rss - 1);
	KEXPECT_EQ(swap_count(e), 1);                   /* the pte's */
	KEXPECT(!list_empty(&mm->mmlist));              /* swapoff will look here */
	maj = current->maj_flt;
	KEXPECT(user_holds(mm, a1, 2));
	KEXPECT_EQ(current->maj_flt, maj + 1);
	KEXPECT(vm_events[PGMAJFAULT] >= pgmaj + 1);
	KEXPECT(pte_present(user_pte(mm, a1)) && !pte_write(user_pte(mm, a1)));
	KEXPECT_EQ(get_mm_counter(mm, swapents), 0);
	KEXPECT_EQ(get_mm_counter(mm, rss), rss);
	KEXPECT(swap_count(e) <= 1);                    /* the cache's at most */
	page = user_page(mm, a1);
	KEXPECT(fill_user(a1, 7));                      /* its only user writes */
	KEXPECT(user_page(mm, a1) == page);             /* in place, not copied */
	KEXPECT(user_holds(mm, a1, 7) && user_holds(mm, addr, 1));
	finish(si, mm);         /* the swap cache's slot goes with the page */
}

KTEST(swapin, forked_mms_share_the_swapped_page_and_copy_on_write_after)
{
	struct swap_info_struct *si;
	struct mm_struct *mm, *child;
	struct page *page;
	unsigned long addr;
	swp_entry_t e;

	mm = start(&si, &addr);
	if (!mm)
		return;
	child = dup_mm(mm);
	KEXPECT(child);
	if (!child)
		goto out;
	e = push_out(mm, addr);
	KEXPECT(is_entry(user_pte(mm, addr), e) && is_entry(user_pte(child, addr), e));
	KEXPECT_EQ(swap_count(e), 2);                   /* a pte each */
	KEXPECT_EQ(get_mm_counter(child, swapents), 1);
	KEXPECT(!list_empty(&child->mmlist));
	KEXPECT(user_holds(child, addr, 1));
	KEXPECT(user_holds(mm, addr, 1));
	page = user_page(mm, addr);
	KEXPECT(page && user_page(child, addr) == page);        /* one page for both */
	KEXPECT_EQ(touch(child, addr, true), 0);
	KEXPECT(user_page(child, addr) != page);        /* shared: the child copies */
	write_page(child, addr, 9);
	KEXPECT(user_holds(mm, addr, 1) && user_holds(child, addr, 9));
	KEXPECT_EQ(touch(mm, addr, true), 0);
	KEXPECT(user_page(mm, addr) == page);           /* now the parent's alone */
	mmput(child);
	KEXPECT(user_holds(mm, addr, 1));
out:
	finish(si, mm);
}

/* The parent wrote a swapped-in page it had to itself (its pte dirty, the
 * slot stale), forked, and wrote again: a copy for it, and the old page
 * is the child's alone, mapped clean.  The parent's dirty bit must reach
 * the page when its pte goes, or reclaim frees the page unwritten and
 * the child reads the slot's stale bytes (memhog's forked children and
 * init crashed so). */
KTEST(swapin, a_pte_that_goes_leaves_its_dirty_bit_on_the_page)
{
	struct swap_info_struct *si;
	struct mm_struct *mm, *child;
	struct page *old;
	unsigned long addr;

	mm = start(&si, &addr);
	if (!mm)
		return;
	KEXPECT(push_out(mm, addr).val);                /* the slot holds seed 1 */
	KEXPECT_EQ(touch(mm, addr, true), 0);           /* in, and taken over */
	write_page(mm, addr, 2);
	child = dup_mm(mm);
	KEXPECT(child);
	if (!child)
		goto out;
	KEXPECT_EQ(touch(mm, addr, true), 0);           /* the parent copies */
	write_page(mm, addr, 3);
	old = user_page(child, addr);
	KEXPECT(old && PageSwapCache(old));     /* clean in the cache: the slot says 1 */
	swap_page_out(child, addr, false);      /* as reclaim would */
	KEXPECT(user_holds(child, addr, 2));
	KEXPECT(user_holds(mm, addr, 3));
	mmput(child);
out:
	finish(si, mm);
}

KTEST(swapin, exit_and_munmap_free_the_slots_of_swap_ptes)
{
	struct swap_info_struct *si;
	struct mm_struct *mm, *child;
	unsigned long addr;
	swp_entry_t e[NPAGES];

	mm = start(&si, &addr);
	if (!mm)
		return;
	child = dup_mm(mm);
	KEXPECT(child);
	for (unsigned int i = 0; i < NPAGES; i++)
		e[i] = push_out(mm, addr + i * PAGE_SIZE);
	KEXPECT_EQ(si->inuse_pages, NPAGES);
	if (child)
		mmput(child);                           /* exit: its counts go */
	for (unsigned int i = 0; i < NPAGES; i++)
		KEXPECT_EQ(swap_count(e[i]), 1);
	KEXPECT_EQ(do_munmap(mm, addr, 2 * PAGE_SIZE), 0);
	KEXPECT_EQ(swap_count(e[0]), 0);
	KEXPECT_EQ(swap_count(e[1]), 0);
	KEXPECT_EQ(si->inuse_pages, NPAGES - 2);
	KEXPECT_EQ(get_mm_counter(mm, swapents), NPAGES - 2);
	finish(si, mm);
}

KTEST(swapin, mprotect_and_mremap_keep_the_swap_entries_and_the_data)
{
	struct swap_info_struct *si;
	const unsigned long to = 0x60000000;
	struct mm_struct *mm;
	unsigned long addr;
	swp_entry_t e0, e1;

	mm = start(&si, &addr);
	if (!mm)
		return;
	e0 = push_out(mm, addr);
	e1 = push_out(mm, addr + PAGE_SIZE);
	KEXPECT_EQ(sys_mprotect(addr, 2 * PAGE_SIZE, PROT_READ), 0);
	KEXPECT(is_entry(user_pte(mm, addr), e0) && is_entry(user_pte(mm, addr + PAGE_SIZE), e1));
	KEXPECT_EQ(sys_mremap(addr, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, to),
		   (long)to);
	KEXPECT(is_entry(user_pte(mm, to), e0) && is_entry(user_pte(mm, to + PAGE_SIZE), e1));
	KEXPECT(pte_none(user_pte(mm, addr)));
	KEXPECT_EQ(swap_count(e0), 1);
	KEXPECT(user_holds(mm, to, 1) && user_holds(mm, to + PAGE_SIZE, 2));
	KEXPECT(!pte_write(user_pte(mm, to)));
	KEXPECT_EQ(touch(mm, to, true), -EFAULT);       /* still read-only */
	finish(si, mm);
}

/* Every page of mm back, read-only and - but for page faulted, which a
 * fault brought back before - old, with its bytes (page i the seed
 * i + 1). */
static void all_back(struct mm_struct *mm, unsigned long addr, unsigned int faulted)
{
	for (unsigned int i = 0; i < NPAGES; i++) {
		pte_t pte = user_pte(mm, addr + i * PAGE_SIZE);

		KEXPECT(pte_present(pte) && !pte_write(pte));
		KEXPECT(i == faulted || !pte_young(pte));
		KEXPECT(user_holds(mm, addr + i * PAGE_SIZE, i + 1));
	}
	KEXPECT_EQ(get_mm_counter(mm, swapents), 0);
}

KTEST(swapin, swapoff_brings_every_page_back_into_every_mm)
{
	struct swap_info_struct *si;
	struct mm_struct *mm, *child;
	unsigned long addr;

	mm = start(&si, &addr);
	if (!mm)
		return;
	child = dup_mm(mm);
	KEXPECT(child);
	for (unsigned int i = 0; i < NPAGES; i++)
		push_out(mm, addr + i * PAGE_SIZE);
	KEXPECT(user_holds(child, addr + 3 * PAGE_SIZE, 4));   /* one in the cache */
	KEXPECT(si->inuse_pages == NPAGES);
	fresh_log();
	KEXPECT_EQ(swapoff_path(AREA), 0);
	KEXPECT(!area_named(AREA));
	KEXPECT_EQ(total_swap_pages, 0);
	KEXPECT_EQ(nr_swap_pages, 0);
	KEXPECT_EQ(total_swapcache_pages, 0);
	all_back(mm, addr, NPAGES);
	if (child) {
		all_back(child, addr, 3);
		KEXPECT(user_page(child, addr) == user_page(mm, addr));
		mmput(child);
	}
	leave_mm(mm);
}

/* start_with, then every page pushed out. */
static struct mm_struct *start_out(struct swap_info_struct **si, unsigned long *addr,
				   unsigned long flags)
{
	struct mm_struct *mm = start_with(si, addr, flags);

	for (unsigned int i = 0; mm && i < NPAGES; i++)
		push_out(mm, *addr + i * PAGE_SIZE);
	return mm;
}

/* The area is still on after a failed swapoff, its counts consistent,
 * and every page of mm (NPAGES at addr) still reads its bytes. */
static void still_on(struct swap_info_struct *si, struct mm_struct *mm, unsigned long addr)
{
	KEXPECT(area_named(AREA) == si);
	KEXPECT_EQ(nr_swap_pages, (long)(si->pages - si->inuse_pages));
	KEXPECT_EQ(total_swap_pages, (long)si->pages);
	for (unsigned int i = 0; i < NPAGES; i++)
		KEXPECT(user_holds(mm, addr + i * PAGE_SIZE, i + 1));
}

KTEST(swapin, a_swapoff_without_memory_leaves_the_area_on)
{
	struct swap_info_struct *si;
	unsigned long addr;
	struct mm_struct *mm = start_out(&si, &addr, RW);

	if (!mm)
		return;
	fail_nth_alloc(&fail_page_alloc, 1);            /* the first page read in */
	KEXPECT_EQ(swapoff_path(AREA), -ENOMEM);
	fail_nth_alloc(&fail_page_alloc, 0);
	KEXPECT_EQ(si->inuse_pages, NPAGES);
	still_on(si, mm, addr);
	finish(si, mm);
}

KTEST(swapin, a_killed_swapoff_leaves_the_area_on_and_consistent)
{
	struct swap_info_struct *si;
	unsigned long addr;
	struct mm_struct *mm = start_out(&si, &addr, RW);

	if (!mm)
		return;
	current->pending |= 1ULL << (SIGKILL - 1);   /* pending, as kill -9 leaves it */
	KEXPECT_EQ(swapoff_path(AREA), -EINTR);
	current->pending = 0;
	KEXPECT(si->inuse_pages >= NPAGES - 1);         /* at most one came back */
	still_on(si, mm, addr);
	finish(si, mm);
}

KTEST(swapin, a_failed_read_is_sigbus_and_leaves_the_slot_alone)
{
	struct swap_info_struct *si;
	struct mm_struct *mm;
	unsigned long addr;
	swp_entry_t e;

	mm = start(&si, &addr);
	if (!mm)
		return;
	e = push_out(mm, addr);
	set_fail_sector(swp_offset(e) * PAGE_SECTORS);
	KEXPECT_EQ(touch(mm, addr, false), -EIO);       /* do_page_fault: SIGBUS */
	KEXPECT(is_entry(user_pte(mm, addr), e));
	KEXPECT_EQ(swap_count(e), 1);
	KEXPECT(!lookup_swap_cache(e));                 /* nothing left in the cache */
	KEXPECT_EQ(get_mm_counter(mm, swapents), 1);
	set_fail_sector(~(sector_t)0);
	KEXPECT(user_holds(mm, addr, 1));               /* the next fault reads it */
	finish(si, mm);
}

KTEST(swapin, a_shmem_page_goes_to_swap_and_comes_back)
{
	struct swap_info_struct *si;
	struct shmem_inode_info *info;
	struct mm_struct *mm, *child;
	unsigned long addr, a1, maj, pgmaj;
	struct inode *inode;
	swp_entry_t e;

	mm = start_with(&si, &addr, RW | VM_SHARED);
	if (!mm)
		return;
	a1 = addr + PAGE_SIZE;
	inode = find_vma(mm, addr)->vm_inode;
	info = SHMEM_I(inode);
	KEXPECT(info);
	child = dup_mm(mm);
	KEXPECT(child);
	e = push_out(mm, a1);
	KEXPECT(e.val);
	KEXPECT(pte_none(user_pte(mm, a1)) && (!child || pte_none(user_pte(child, a1))));
	KEXPECT(!find_get_page(&inode->i_data, 1));     /* gone from the object's cache */
	KEXPECT_EQ(inode->i_data.nrpages, NPAGES - 1);
	KEXPECT_EQ(info->swapped, 1);
	KEXPECT_EQ(swap_count(e), 1);                   /* the object's */
	maj = current->maj_flt;
	pgmaj = vm_events[PGMAJFAULT];
	KEXPECT(child && user_holds(child, a1, 2));     /* read back for both */
	KEXPECT_EQ(current->maj_flt, maj + 1);          /* a major fault, */
	KEXPECT(vm_events[PGMAJFAULT] >= pgmaj + 1);
	KEXPECT(user_page(child, a1) && user_page(mm, a1) == NULL);
	KEXPECT(user_holds(mm, a1, 2));
	KEXPECT_EQ(current->maj_flt, maj + 1);          /* and the other minor */
	KEXPECT(user_page(child, a1) == user_page(mm, a1));
	KEXPECT_EQ(info->swapped, 0);
	KEXPECT_EQ(inode->i_data.nrpages, NPAGES);
	KEXPECT_EQ(swap_count(e), 0);
	KEXPECT(fill_user(a1, 5) && child && user_holds(child, a1, 5));        /* still shared */
	if (child)
		mmput(child);
	finish(si, mm);
}

KTEST(swapin, swapoff_and_the_last_iput_give_back_shmem_slots)
{
	struct swap_info_struct *si;
	struct shmem_inode_info *info;
	unsigned long addr;
	struct mm_struct *mm = start_out(&si, &addr, RW | VM_SHARED);
	struct inode *inode;

	if (!mm)
		return;
	inode = find_vma(mm, addr)->vm_inode;
	info = SHMEM_I(inode);
	KEXPECT_EQ(info->swapped, NPAGES);
	KEXPECT_EQ(si->inuse_pages, NPAGES);
	fresh_log();
	KEXPECT_EQ(swapoff_path(AREA), 0);              /* every page back in its object */
	KEXPECT_EQ(info->swapped, 0);
	KEXPECT_EQ(inode->i_data.nrpages, NPAGES);
	for (unsigned int i = 0; i < NPAGES; i++)
		KEXPECT(user_holds(mm, addr + i * PAGE_SIZE, i + 1));
	si = area_on();
	if (si) {
		push_out(mm, addr);
		push_out(mm, addr + PAGE_SIZE);
		KEXPECT_EQ(si->inuse_pages, 2);
		finish(si, mm);                         /* the last iput frees the slots */
	} else {
		leave_mm(mm);
	}
}
