/*
 * mm/memory.c - user pages: demand faults, copy-on-write, swap-in
 * (do_swap_page, and swapoff's unuse_vma), fork's copy of the page tables
 * (copy_page_range), unmapping (zap_page_range), freeing the page tables
 * at the end (free_pgtables), reading another process's memory
 * (access_process_vm), and the one pair of functions that maps and
 * unmaps every user page, entering and removing it in the page's reverse
 * map (mm/rmap.h).  The range walks have Linux's shape (below).
 *
 * A user pte is either empty, or maps a page with the area's permissions
 * - except that a private writable area's pte is read-only while its page
 * may be shared (with the page cache, or with a forked address space):
 * the first write faults and do_wp_page either reuses the page (this pte
 * is its only user) or copies it.  Anonymous pages come from GFP_HIGHUSER
 * (high memory first) and are zeroed through kmap_atomic; once mapped
 * they go on the active LRU list (lru_cache_add_active, mm/lru.h), and a
 * fault on a cached page counts as a use of it (mark_page_accessed).
 *
 * A pte that is neither empty nor present (nor PROT_NONE) holds a swap
 * entry (mm/swap.h) with one count on its slot: a fault reads the page
 * back through the swap cache (do_swap_page), fork's copy duplicates the
 * entry, a zap frees it (free_swap_and_cache), mremap moves it, mprotect
 * leaves it; each mm counts its swap ptes (swapents: VmSwap) and is on
 * the mmlist swapoff searches (mm/swapfile.h) once it has had one.
 *
 * Faults run with mmap_sem held only for reading, so two threads of one
 * mm can fault on the same address at once, on two CPUs.  Every fault
 * path therefore has one shape: look at the pte under its lock, drop the
 * lock, prepare what may sleep (allocate, zero, copy, look up the page
 * cache), take the lock again and install only if the pte is still what
 * it was; otherwise the other fault won, and this one frees what it
 * prepared and returns success (the access is retried and finds the
 * winner's page).  Growing the stack (expand_stack) changes an area
 * under that read hold, so it is serialised by mm->page_table_lock.
 *
 * A page unmapped from an mm that other CPUs may be running is freed
 * only after the TLB shootdown (struct mmu_gather, as Linux's): until
 * then another CPU may still reach it through a stale translation.
 *
 * Data: none of its own; the page tables of each mm; a zap's gather of
 * pages to free on the stack.
 * Locking: the page lock (a swap-in's, before the page-table lock);
 * mm->page_table_lock when a page table is added to the page
 * directory or a stack area grows; the page table's own lock
 * (pte_offset_map_lock) around every pte change, with the page's chain
 * lock inside it while rmap records the change - the pte_chain block that
 * may need is allocated before the page-table lock (pte_chain_alloc), and
 * fork's copy drops its locks to sleep for one; mmap_sem held by the
 * callers for the vma list (for reading at least; for writing where the
 * vma list changes) - except a truncate's unmap_mapping_range, which
 * holds the file's i_mmap_lock instead: it keeps the areas on the file's
 * list (and their page tables) in place while it unmaps.
 */
#include "fs/fs.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap_state.h"
#include "mm/swapfile.h"
#include "mm/tlbflush.h"
#include "mm/vmstat.h"

#define PAGE_USER_RO __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_USER_RW __pgprot(pgprot_val(PAGE_USER_RO) | _PAGE_RW | _PAGE_DIRTY)

/* Every pte that maps a page is entered in the page's reverse map here
 * (page_add_rmap) and leaves it in unmap_user_page, move_user_page or
 * reclaim's try_to_unmap; the reverse map knows when a page gains its
 * first mapping and loses its last, so the counts of mapped pages
 * (AnonPages, Mapped in /proc/meminfo) count each page once however many
 * address spaces share it. */
struct pte_chain *map_user_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				struct page *page, bool writable, struct pte_chain *reserve)
{
	pte_t pte = mk_pte(page, writable ? PAGE_USER_RW : PAGE_USER_RO);

	(void)addr;
	if (!page->mapping)
		pte = __pte(pte_val(pte) | _PAGE_ANON);
	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		pte = pte_mkprotnone(pte);      /* fork's copy of a PROT_NONE page */
	set_pte(ptep, pte);
	inc_mm_counter(vma->vm_mm, rss);
	return page_add_rmap(page, ptep, reserve);
}

/* The pte's dirty bit goes to the page: another pte may still map it
 * clean (fork's copy is made clean), and a swap-cache page that nobody
 * says is dirty is freed by reclaim without being written - its slot
 * then gives back older bytes (Linux's zap does set_page_dirty too). */
void unmap_user_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep)
{
	struct page *page = pte_page(*ptep);
	pte_t pte;

	(void)addr;
	page_remove_rmap(page, ptep);
	pte = ptep_get_and_clear(ptep);         /* the CPU's dirty bit is not lost */
	if (pte_dirty(pte))
		SetPageDirty(page);
	put_page(page);
	dec_mm_counter(vma->vm_mm, rss);
}

void move_user_page(pte_t *old, pte_t *new)
{
	pte_t pte = ptep_get_and_clear(old);    /* the CPU's dirty bit is not lost */

	set_pte(new, pte);
	page_move_rmap(pte_page(pte), old, new);
}

/* The walk to one pte, mapped and locked: get_locked_pte (mm/pgtable.h). */
pte_t *__get_locked_pte(struct mm_struct *mm, unsigned long addr, spinlock_t **ptl)
{
	/* LAB pgtable BEGIN: walk mm's page directory to addr's pmd
	 * (pgd_offset, then pmd_offset); if the pmd has no page table, give
	 * it one with pte_alloc (NULL if that fails: no memory).  Return the
	 * pte for addr mapped with kmap_atomic in slot KM_PTE0 and locked
	 * with its page table's own lock, which goes to *ptl for the caller's
	 * pte_unmap_unlock: pte_offset_map_lock does both.  Then
	 * __release(*ptl), for sparse: get_locked_pte says it is held. */
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);
	pte_t *pte;

	if (pmd_none(*pmd) && pte_alloc(mm, pmd, addr))
		return NULL;
	pte = pte_offset_map_lock(pmd, addr, ptl);
	__release(*ptl);        /* held: get_locked_pte tells the checker */
	return pte;
	/* LAB pgtable STUB: (void)mm, (void)addr, (void)ptl; */
	/* LAB pgtable STUB: return NULL; */
	/* LAB pgtable END */
}

static struct page *alloc_zeroed_user_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *va;

	if (!page)
		return NULL;
	va = kmap_atomic(page, KM_USER0);
	memset(va, 0, PAGE_SIZE);
	kunmap_atomic(va, KM_USER0);
	return page;
}

static void copy_user_page(struct page *to, struct page *from)
{
	void *dst = kmap_atomic(to, KM_USER0), *src = kmap_atomic(from, KM_USER1);

	memcpy(dst, src, PAGE_SIZE);
	kunmap_atomic(src, KM_USER1);
	kunmap_atomic(dst, KM_USER0);
}

static unsigned long linear_page_index(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/* A shared mapping has no page past the end of its file: a fault there
 * is -EIO, which the fault handler turns into SIGBUS, as in Linux (a
 * shared anonymous area grown by mremap past its object, a /dev/shm
 * file mapped past its size). */
static bool beyond_shared_eof(struct vm_area_struct *vma, unsigned long addr)
{
	struct inode *inode = vma->vm_inode;

	return inode && (vma->vm_flags & VM_SHARED) &&
	       (u64)linear_page_index(vma, addr) >= (inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* A shared mapping's page, referenced: a shmem object's from wherever it
 * is (shmem_getpage: its cache, or read back from swap - *major), a
 * file's from its cache.  NULL with *err set. */
static struct page *shared_page(struct vm_area_struct *vma, unsigned long addr, int *err,
				bool *major)
{
	struct inode *inode = vma->vm_inode;
	struct page *page = NULL;

	if (SHMEM_I(inode)) {
		*err = shmem_getpage(inode, linear_page_index(vma, addr), &page, major);
		return *err ? NULL : page;
	}
	return find_or_create_page(&inode->i_data, linear_page_index(vma, addr));
}

/* The page behind addr before any write: the file's page-cache page
 * (referenced), or a fresh zeroed page for anonymous memory or past the
 * end of a privately mapped file.  A shared mapping's page is always the
 * file's, added to its cache if need be (a hole, a shmem object's page
 * first touched), so that every process mapping it sees the same page.
 * NULL with *err set (-ENOMEM unless shmem says otherwise); *major if it
 * was read from swap. */
static struct page *source_page(struct vm_area_struct *vma, unsigned long addr, bool *shared,
				int *err, bool *major)
{
	bool file_shared = vma->vm_inode && (vma->vm_flags & VM_SHARED);
	struct page *page = NULL;

	*shared = vma->vm_inode != NULL;
	if (file_shared)
		page = shared_page(vma, addr, err, major);
	else if (vma->vm_inode)
		page = find_get_page(&vma->vm_inode->i_data, linear_page_index(vma, addr));
	if (page)
		mark_page_accessed(page);       /* a use of a cached page, as a read is */
	if (page || file_shared)
		return page;
	*shared = false;
	return alloc_zeroed_user_page();
}

/* The page the first touch of addr maps, prepared without locks (it may
 * sleep): a shared source page written through a private mapping is
 * copied at once.  *writable: may the pte allow writes?  *major: was it
 * read from swap?  NULL with *err set. */
static struct page *no_page_source(struct vm_area_struct *vma, unsigned long addr, bool write,
				   bool *writable, int *err, bool *major)
{
	bool shared, private = !(vma->vm_flags & VM_SHARED);
	struct page *page = source_page(vma, addr, &shared, err, major), *copy;

	*writable = (vma->vm_flags & VM_WRITE) && (!shared || !private);
	if (!page || !shared || !write || !private)
		return page;
	copy = alloc_page(GFP_HIGHUSER);
	if (copy)
		copy_user_page(copy, page);
	put_page(page);
	*writable = true;
	return copy;
}

/* The disk was read for this fault: pgmajfault and the task's maj_flt
 * (the fault path counts it minor otherwise). */
static void count_major_fault(void)
{
	count_vm_event(PGMAJFAULT);
	current->maj_flt++;
}

/* The first touch of addr (its pte is none): 0, VM_FAULT_MAJOR when a
 * shmem object's page had to be read from swap, or -errno. */
static int do_no_page(struct vm_area_struct *vma, unsigned long addr, bool write)
{
	int err = 0;
	bool writable, major = false;
	struct page *page;
	struct pte_chain *reserve;
	spinlock_t *ptl;
	pte_t *pte;

	if (beyond_shared_eof(vma, addr))
		return -EIO;
	err = -ENOMEM;
	page = no_page_source(vma, addr, write, &writable, &err, &major);
	if (!page)
		return err;
	if (major)
		count_major_fault();
	err = major ? VM_FAULT_MAJOR : 0;
	reserve = pte_chain_alloc(GFP_KERNEL);
	pte = reserve ? get_locked_pte(vma->vm_mm, addr, &ptl) : NULL;
	if (!pte) {
		put_page(page);         /* no rmap block, or no page table */
		pte_chain_free(reserve);
		return -ENOMEM;
	}
	/* A truncate may have shrunk the file since the look above: it sets
	 * i_size before it unmaps (taking this lock), so looking again under
	 * the lock either sees the new size or is unmapped after. */
	if (beyond_shared_eof(vma, addr)) {
		err = -EIO;
	} else if (pte_none(*pte)) {
		reserve = map_user_page(vma, addr, pte, page, writable, reserve);
		if (!page->mapping)
			lru_cache_add_active(page);     /* a new anonymous page */
		page = NULL;
	}
	pte_unmap_unlock(pte, ptl);
	pte_chain_free(reserve);
	if (page)
		put_page(page);         /* lost a race, or past the end now */
	return err;
}

/* May the one pte mapping a private anonymous page write it in place?
 * Only if nothing else holds it: not another pte, nor the swap cache
 * for other users of its slot (can_share_swap_page, which wants the
 * page lock: a page locked by someone else is copied).  A swapped-in
 * page written by its only user is not copied.  Page-table lock held.
 * (inline: in the cow lab's student tree its one caller is a TODO.) */
static inline bool may_reuse(struct page *page)
{
	bool reuse;

	if (page->mapping || TestSetPageLocked(page))
		return false;
	if (PageSwapCache(page) && !PageLRU(page))
		lru_add_drain();        /* a pagevec's reference is nobody's use */
	reuse = can_share_swap_page(page);
	unlock_page(page);
	return reuse;
}

/* The copy half of copy-on-write: old (referenced by the caller) is
 * copied outside the lock - the allocations may sleep - and the copy
 * replaces it if the pte is still orig; otherwise another fault won and
 * the copy goes back.  0 or -ENOMEM; old's reference is dropped. */
static int wp_page_copy(struct vm_area_struct *vma, unsigned long addr, pte_t orig,
			struct page *old)
{
	struct page *copy = alloc_page(GFP_HIGHUSER);
	struct pte_chain *reserve = pte_chain_alloc(GFP_KERNEL);
	int err = copy && reserve ? 0 : -ENOMEM;
	spinlock_t *ptl;
	pte_t *pte;

	if (copy)
		copy_user_page(copy, old);
	pte = get_locked_pte(vma->vm_mm, addr, &ptl);
	if (!pte) {
		err = -ENOMEM;
		goto out;
	}
	if (!err && pte_same(*pte, orig)) {
		/* LAB cow BEGIN: replace old with copy at pte, under the lock:
		 * unmap_user_page takes old out of the pte, its reverse map and
		 * rss (and drops the pte's reference); map_user_page(vma, addr,
		 * pte, copy, true, reserve) maps copy writable and enters it in
		 * its reverse map (keep the block it returns in reserve); the
		 * new anonymous page goes on the LRU (lru_cache_add_active).
		 * Then unlock, free what is left of reserve, flush addr from
		 * every CPU's TLB (flush_tlb_page) - another CPU may still reach
		 * old through a stale translation - and only then drop our
		 * reference to old (put_page: maybe its last); return 0. */
		unmap_user_page(vma, addr, pte);
		reserve = map_user_page(vma, addr, pte, copy, true, reserve);
		lru_cache_add_active(copy);
		pte_unmap_unlock(pte, ptl);
		pte_chain_free(reserve);
		flush_tlb_page(vma->vm_mm, addr);
		put_page(old);
		return 0;
		/* LAB cow STUB: set_pte(pte, pte_mkdirty(pte_mkwrite(orig))); */
		/* LAB cow END */
	}
	pte_unmap_unlock(pte, ptl);     /* lost a race, or no copy: err says */
out:
	pte_chain_free(reserve);
	if (copy)
		put_page(copy);
	put_page(old);
	return err;
}

/* A write to a present read-only pte of a writable area: in a shared area
 * the page is written where it is (mprotect gave write access back);
 * the last user of a private page takes it over; otherwise the page is
 * copied (wp_page_copy).  A pte that is no longer present and read-only
 * was changed by someone else meanwhile: the access is retried. */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr)
{
	spinlock_t *ptl;
	pte_t *pte = get_locked_pte(vma->vm_mm, addr, &ptl), orig;
	struct page *old;
	bool reuse;

	if (!pte)
		return -ENOMEM;
	orig = *pte;
	if (!pte_present(orig) || pte_write(orig)) {
		pte_unmap_unlock(pte, ptl);
		return 0;
	}
	old = pte_page(orig);
	/* LAB cow BEGIN: may this pte write old in place (reuse)?  Yes in a
	 * shared area (VM_SHARED: every mapper must see the write), and when
	 * may_reuse(old) finds this pte is the page's only user (its other
	 * sharers have copied it or gone); else old must be copied. */
	reuse = (vma->vm_flags & VM_SHARED) || may_reuse(old);
	/* LAB cow STUB: reuse = true; */
	/* LAB cow END */
	if (reuse) {
		set_pte(pte, pte_mkdirty(pte_mkwrite(orig)));
		pte_unmap_unlock(pte, ptl);
		return 0;
	}
	get_page(old);
	pte_unmap_unlock(pte, ptl);
	return wp_page_copy(vma, addr, orig, old);
}

/* The swap-cache page of entry, locked (so its read is over), with a
 * reference; NULL without memory or when the slot was freed meanwhile.
 * A fault reads the cluster around the slot first (swapin_readahead).
 * *major: the page was not in the cache. */
static struct page *swapin_page(swp_entry_t entry, bool fault, bool *major)
{
	struct page *page = lookup_swap_cache(entry);

	*major = !page;
	if (!page && fault)
		swapin_readahead(entry);
	if (!page)
		page = read_swap_cache_async(entry);
	if (page)
		lock_page(page);
	return page;
}

/* Does the pte at addr still hold orig? */
static bool pte_still(struct vm_area_struct *vma, unsigned long addr, pte_t orig)
{
	spinlock_t *ptl;
	pte_t *pte = get_locked_pte(vma->vm_mm, addr, &ptl);
	bool same;

	if (!pte)
		return false;
	same = pte_same(*pte, orig);
	pte_unmap_unlock(pte, ptl);
	return same;
}

/* The read of page (locked, ours) failed: take it out of the swap cache,
 * so that the slot keeps only its ptes' counts and the next fault reads
 * it again, and let it go. */
static void swapin_failed(struct page *page, swp_entry_t entry)
{
	if (PageSwapCache(page) && page->private == entry.val && !PageWriteback(page))
		delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
}

/* Map page (locked, in the swap cache, our reference the pte's) where
 * the swap pte of entry was: the pte's count on the slot goes.  Writable
 * only for a write by the page's only user; a swapoff's pte is old.  When
 * swap is filling up, a page nobody else uses leaves the cache, its slot
 * with it (remove_exclusive_swap_page).  Page-table lock held. */
static struct pte_chain *map_swap_page(struct vm_area_struct *vma, unsigned long addr,
				       pte_t *pte, struct page *page, bool write, bool fault,
				       struct pte_chain *reserve)
{
	bool writable;

	swap_free(pte_to_swp_entry(*pte));      /* first: can_share_swap_page counts the rest */
	dec_mm_counter(vma->vm_mm, swapents);
	writable = write && (vma->vm_flags & VM_WRITE) && can_share_swap_page(page);
	reserve = map_user_page(vma, addr, pte, page, writable, reserve);
	if (!fault)
		set_pte(pte, pte_mkold(*pte));
	if (vm_swap_full())
		remove_exclusive_swap_page(page);
	return reserve;
}

/*
 * The pte at addr held the swap entry orig: bring its page in and map it
 * (fault: a page fault, with readahead, a major fault counted and the
 * page marked accessed; else swapoff).  The read may sleep, so the pte
 * is looked at again under its lock: if it changed, another fault won.
 * A failed read is -EIO (SIGBUS) with the pte left as it was.  0,
 * VM_FAULT_MAJOR, or -errno.
 */
static int do_swap_page(struct vm_area_struct *vma, unsigned long addr, pte_t orig, bool write,
			bool fault)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct pte_chain *reserve;
	struct page *page;
	spinlock_t *ptl;
	bool major;
	pte_t *pte;

	page = swapin_page(entry, fault, &major);
	if (!page)
		return pte_still(vma, addr, orig) ? -ENOMEM : 0;
	if (PageError(page)) {
		swapin_failed(page, entry);
		return pte_still(vma, addr, orig) ? -EIO : 0;
	}
	if (fault && major)
		count_major_fault();
	if (fault)
		mark_page_accessed(page);
	if (write)
		lru_add_drain();        /* the pagevec's reference would forbid sharing */
	reserve = pte_chain_alloc(GFP_KERNEL);
	pte = reserve ? get_locked_pte(vma->vm_mm, addr, &ptl) : NULL;
	if (!pte) {
		pte_chain_free(reserve);
		unlock_page(page);
		put_page(page);
		return -ENOMEM;
	}
	if (pte_same(*pte, orig)) {
		reserve = map_swap_page(vma, addr, pte, page, write, fault, reserve);
		/* Our reference is the pte's now: a zap may drop it as soon
		 * as the table is unlocked, so the page is let go first. */
		unlock_page(page);
		page = NULL;
	}
	pte_unmap_unlock(pte, ptl);
	pte_chain_free(reserve);
	if (page) {                     /* another fault won: it has its own */
		unlock_page(page);
		put_page(page);
	}
	return major ? VM_FAULT_MAJOR : 0;
}

int unuse_vma(struct vm_area_struct *vma, unsigned int type)
{
	unsigned long addr;

	lockdep_assert_held(&vma->vm_mm->mmap_sem);
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset(vma->vm_mm, addr), addr);
		pte_t *ptep, pte;
		int err;

		if (pmd_none(*pmd)) {
			addr = pmd_addr_end(addr, vma->vm_end) - PAGE_SIZE;
			continue;
		}
		ptep = pte_offset_map(pmd, addr);
		pte = *ptep;
		pte_unmap(ptep);
		if (!is_swap_pte(pte) || swp_type(pte_to_swp_entry(pte)) != type)
			continue;
		err = do_swap_page(vma, addr, pte, false, false);
		if (err < 0)
			return err;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* Every fault the area allows ends with a pte that grants it, or an
 * error: a fault that returned 0 over a pte still refusing the access
 * would be taken again at once, for ever (a user copy in the kernel
 * would spin in it).  So a pte left PROT_NONE in an area that allows
 * access is brought in line here (read-only: a write goes on to
 * do_wp_page), whatever left it so.
 *
 * Only this CPU's TLB is flushed at the end: a fault only fills an empty
 * or non-present pte or grants more access, and no CPU caches a
 * translation that is not present, while one that caches the read-only
 * one faults, finds the pte already writable and flushes its own.  The
 * one change that takes access away - do_wp_page replacing the page -
 * shoots the other CPUs down itself.  (A shootdown per fault would make
 * the threads of one mm interrupt each other on every fault.) */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		    bool write)
{
	spinlock_t *ptl;
	pte_t *pte, entry;
	int err = 0;
	bool cow;

	if (write ? !(vma->vm_flags & VM_WRITE) : !(vma->vm_flags & (VM_READ | VM_EXEC)))
		return -EFAULT;
	addr &= PAGE_MASK;
	pte = get_locked_pte(mm, addr, &ptl);
	if (!pte)
		return -ENOMEM;
	if (pte_present(*pte) && !(pte_val(*pte) & _PAGE_PRESENT))
		set_pte(pte, pte_mkaccessible(*pte));
	entry = *pte;
	pte_unmap_unlock(pte, ptl);
	/* A write to a read-only page, or to a swapped one (brought in
	 * read-only unless its only user writes it): copy-on-write. */
	cow = write && (is_swap_pte(entry) || (pte_present(entry) && !pte_write(entry)));
	if (pte_none(entry))
		err = do_no_page(vma, addr, write);
	else if (is_swap_pte(entry))
		err = do_swap_page(vma, addr, entry, write, true);
	if (cow && err >= 0) {
		int wp = do_wp_page(vma, addr);

		err = wp ? wp : err;
	}
	/* No flush here: a pte that became present or writable needs none
	 * on x86 (a page fault drops the CPU's entries for the address it
	 * faulted on, so a stale read-only one cannot outlive it - Linux's
	 * flush_tlb_fix_spurious_fault is empty there), and a page replaced
	 * by copy-on-write was shot down by do_wp_page. */
	return err;
}

/* Grow the stack area down over addr, as Linux's expand_stack: only for
 * an access near the stack pointer (a push, or glibc probing below it),
 * and within RLIMIT_STACK.  (addr is above every area below: find_vma.)
 * mmap_sem is held only for reading, so two threads may grow the same
 * stack at once: page_table_lock serialises them, and vm_start is looked
 * at again under it, so the area only ever grows. */
static void expand_stack(struct vm_area_struct *vma, unsigned long addr, unsigned long sp)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long start = addr & PAGE_MASK;

	lockdep_assert_held(&mm->mmap_sem);
	if (!(vma->vm_flags & VM_GROWSDOWN) || addr + 65536 + 32 * sizeof(long) < sp)
		return;
	spin_lock(&mm->page_table_lock);
	if (start < vma->vm_start && vma->vm_end - start <= current->signal->rlim_cur[RLIMIT_STACK]) {
		vm_acct_vma(vma, -1);
		vma->vm_start = start;
		vm_acct_vma(vma, 1);
	}
	spin_unlock(&mm->page_table_lock);
}

/* A fault at a user address: find the area (growing the stack down to
 * it if need be) and resolve it.  mmap_sem is taken for reading: the
 * threads of an mm fault in parallel (see the top of this file). */
int do_user_fault(struct mm_struct *mm, unsigned long addr, bool write, unsigned long sp)
{
	struct vm_area_struct *vma;
	int err = -EFAULT;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start > addr)
		expand_stack(vma, addr, sp);
	if (vma && vma->vm_start <= addr)
		err = handle_mm_fault(mm, vma, addr, write);
	count_vm_event(PGFAULT);        /* every fault at a user address */
	if (!err)
		current->min_flt++;     /* a major one counted itself */
	if (err == VM_FAULT_MAJOR)
		err = 0;
	up_read(&mm->mmap_sem);
	return err;
}

struct page *get_user_page(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct page *page = NULL;
	spinlock_t *ptl;
	pte_t *pte;

	lockdep_assert_held(&mm->mmap_sem);
	if (!vma || vma->vm_start > addr || handle_mm_fault(mm, vma, addr, false) < 0)
		return NULL;
	pte = get_locked_pte(mm, addr & PAGE_MASK, &ptl);
	if (!pte)
		return NULL;
	if (pte_present(*pte)) {
		page = pte_page(*pte);
		get_page(page);
	}
	pte_unmap_unlock(pte, ptl);
	return page;
}

int access_process_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	int done = 0;

	down_read(&mm->mmap_sem);
	while (done < len) {
		unsigned long off = (addr + (unsigned long)done) & ~PAGE_MASK;
		int n = (int)min((unsigned long)(len - done), PAGE_SIZE - off);
		struct page *page = get_user_page(mm, addr + (unsigned long)done);

		if (!page)
			break;
		memcpy((char *)buf + done, (char *)kmap(page) + off, (size_t)n);
		kunmap(page);
		put_page(page);
		done += n;
	}
	up_read(&mm->mmap_sem);
	return done;
}

/*
 * The range walkers below have Linux's shape: one function per level,
 * each stepping through its entries with pgd_addr_end/pmd_addr_end, and
 * at the bottom one kmap_atomic and one page-table lock per page table,
 * then ptep++ across the part of the range that table covers.
 */

/* fork's copy of a swap pte: one more user of the slot, and the child
 * joins the mms swapoff looks in.  Both page tables locked. */
static void copy_swap_pte(struct mm_struct *dst_mm, pte_t *dst_pte, pte_t pte)
{
	if (!swap_duplicate(pte_to_swp_entry(pte)))
		return;                 /* a stale entry (reported): not copied */
	set_pte(dst_pte, pte);
	inc_mm_counter(dst_mm, swapents);
	mmlist_add(dst_mm);
}

/* fork, one page table: share every present page of [addr, end) with
 * dst_vma, the copy of the parent's area (its flags are the parent's),
 * and every swap entry (copy_swap_pte); in a private writable area both
 * ptes become read-only (COW).  The child's table is locked first, then
 * the parent's (different mms: nobody else can reach the child's yet, so
 * no cycle).  Each new mapping
 * may need a pte_chain block: when the one in hand is used, another is
 * tried with GFP_ATOMIC under the locks; failing that, the locks go, one
 * is allocated with GFP_KERNEL (it may sleep) and the copy goes on where
 * it stopped.  mmap_sem of the parent held. */
static int copy_pte_range(struct vm_area_struct *dst_vma, pmd_t *dst_pmd, pmd_t *src_pmd,
			  unsigned long addr, unsigned long end)
{
	struct pte_chain *reserve = pte_chain_alloc(GFP_KERNEL);
	pte_t *src_start, *dst_start, *src_pte, *dst_pte;
	spinlock_t *src_ptl, *dst_ptl;

	if (!reserve || (pmd_none(*dst_pmd) && pte_alloc(dst_vma->vm_mm, dst_pmd, addr))) {
		pte_chain_free(reserve);
		return -ENOMEM;
	}
again:
	dst_start = dst_pte = pte_offset_map_lock(dst_pmd, addr, &dst_ptl);
	src_start = src_pte = pte_offset_map_nested(src_pmd, addr);
	src_ptl = pte_lockptr(src_pmd);
	spin_lock(src_ptl);
	do {
		if (pte_none(*src_pte))
			continue;
		if (!pte_present(*src_pte)) {
			copy_swap_pte(dst_vma->vm_mm, dst_pte, *src_pte);
			continue;
		}
		if (!reserve && !(reserve = pte_chain_alloc(GFP_ATOMIC | __GFP_NOWARN)))
			break;
		/* LAB cow BEGIN: share the page *src_pte maps with the child.
		 * In a private writable area (dst_vma->vm_flags has VM_WRITE and
		 * not VM_SHARED) first write-protect the parent's pte
		 * (pte_wrprotect, set_pte at src_pte), so that its next write
		 * faults as the child's will; then take the child's reference
		 * (get_page) and map the page at dst_pte with the write
		 * permission the parent's pte has now: reserve =
		 * map_user_page(dst_vma, addr, dst_pte, page, writable, reserve)
		 * - it counts the child's rss and enters its pte in the page's
		 * reverse map.  (dup_mm flushes the parent's TLB afterwards.) */
		pte_t pte = *src_pte;

		if ((dst_vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE) {
			pte = pte_wrprotect(pte);
			set_pte(src_pte, pte);
		}
		get_page(pte_page(pte));
		reserve = map_user_page(dst_vma, addr, dst_pte, pte_page(pte), pte_write(pte),
					reserve);
		/* LAB cow END */
	} while (dst_pte++, src_pte++, addr += PAGE_SIZE, addr != end);
	spin_unlock(src_ptl);
	pte_unmap_nested(src_start);
	pte_unmap_unlock(dst_start, dst_ptl);
	if (addr != end) {              /* stopped at addr for want of a block */
		reserve = pte_chain_alloc(GFP_KERNEL);
		if (!reserve)
			return -ENOMEM;
		goto again;
	}
	pte_chain_free(reserve);
	return 0;
}

/* The pmd level (folded: one entry per pgd entry); a missing source
 * table has nothing to copy. */
static int copy_pmd_range(struct vm_area_struct *dst_vma, pgd_t *dst_pgd, pgd_t *src_pgd,
			  unsigned long addr, unsigned long end)
{
	pmd_t *src_pmd = pmd_offset(src_pgd, addr), *dst_pmd = pmd_offset(dst_pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*src_pmd))
			continue;
		if (copy_pte_range(dst_vma, dst_pmd, src_pmd, addr, next))
			return -ENOMEM;
	} while (dst_pmd++, src_pmd++, addr = next, addr != end);
	return 0;
}

/* fork: share every page of vma with its copy dst_vma; a private
 * writable page becomes read-only in both, for copy-on-write.
 * mmap_sem of vma's mm held. */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start, end = vma->vm_end, next;
	pgd_t *src_pgd = pgd_offset(vma->vm_mm, addr), *dst_pgd = pgd_offset(dst_vma->vm_mm, addr);

	lockdep_assert_held_write(&vma->vm_mm->mmap_sem);
	do {
		next = pgd_addr_end(addr, end);
		if (copy_pmd_range(dst_vma, dst_pgd, src_pgd, addr, next))
			return -ENOMEM;
	} while (dst_pgd++, src_pgd++, addr = next, addr != end);
	return 0;
}

/* Pages unmapped by a zap but not yet freed: each keeps the reference
 * its pte held until the TLB shootdown is done (Linux's mmu_gather,
 * without its page-table freeing).  [start, end) covers the present ptes
 * cleared since the last shootdown, and only they need one: a range that
 * had none (an area never touched, or all on swap) is not flushed at all
 * - under TCG a flush of more than a few pages empties QEMU's whole TLB. */
#define MMU_GATHER_PAGES 64

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;       /* start == end: nothing to flush */
	unsigned int nr;
	struct page *pages[MMU_GATHER_PAGES];
};

/* A page unmapped by a zap may be left to the swap cache alone: its slot
 * goes with it then (remove_exclusive_swap_page), or only reclaim would
 * ever free either.  A page locked by someone else is left to them. */
static void free_swap_cache(struct page *page)
{
	if (!PageSwapCache(page) || TestSetPageLocked(page))
		return;
	if (!PageLRU(page))
		lru_add_drain();        /* a pagevec's reference is nobody's use */
	remove_exclusive_swap_page(page);
	unlock_page(page);
}

/* Shoot down the range, then free what it mapped.  May run under a
 * page-table lock: the shootdown only waits for other CPUs' interrupt
 * handlers, which take no page-table lock. */
static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (tlb->end > tlb->start)
		flush_tlb_range(tlb->mm, tlb->start, tlb->end);
	tlb->start = tlb->end = 0;
	while (tlb->nr) {
		struct page *page = tlb->pages[--tlb->nr];

		free_swap_cache(page);
		put_page(page);
	}
}

/* Clear the pte of one present page and keep its reference in tlb. */
static void zap_one_pte(struct mmu_gather *tlb, struct vm_area_struct *vma,
			unsigned long addr, pte_t *ptep)
{
	struct page *page = pte_page(*ptep);

	get_page(page);                 /* unmap_user_page drops the pte's */
	unmap_user_page(vma, addr, ptep);
	if (tlb->end == tlb->start)     /* the walk goes up: the first sets start */
		tlb->start = addr;
	tlb->end = addr + PAGE_SIZE;
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == MMU_GATHER_PAGES)
		tlb_flush_mmu(tlb);
}

/* A swap pte goes: its count on the slot, and the swap-cache page if
 * nothing else will look for it (free_swap_and_cache). */
static void zap_swap_pte(struct mm_struct *mm, pte_t *ptep)
{
	free_swap_and_cache(pte_to_swp_entry(*ptep));
	pte_clear(ptep);
	dec_mm_counter(mm, swapents);
}

/* Unmap the present pages of [addr, end), and free the swap entries,
 * all in one page table. */
static void zap_pte_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pmd_t *pmd,
			  unsigned long addr, unsigned long end)
{
	spinlock_t *ptl;
	pte_t *start = pte_offset_map_lock(pmd, addr, &ptl), *pte = start;

	do {
		if (pte_present(*pte))
			zap_one_pte(tlb, vma, addr, pte);
		else if (!pte_none(*pte))
			zap_swap_pte(vma->vm_mm, pte);
	} while (pte++, addr += PAGE_SIZE, addr != end);
	pte_unmap_unlock(start, ptl);
}

static void zap_pmd_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pgd_t *pgd,
			  unsigned long addr, unsigned long end)
{
	pmd_t *pmd = pmd_offset(pgd, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		zap_pte_range(tlb, vma, pmd, addr, next);
	} while (pmd++, addr = next, addr != end);
}

/* The walk of zap_page_range (start < end), without the peak-RSS
 * bookkeeping, which a truncate reaching into other mms cannot do. */
static void zap_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb = { .mm = vma->vm_mm, .start = 0, .end = 0, .nr = 0 };
	unsigned long addr = start, next;
	pgd_t *pgd = pgd_offset(vma->vm_mm, addr);

	do {
		next = pgd_addr_end(addr, end);
		zap_pmd_range(&tlb, vma, pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
	tlb_flush_mmu(&tlb);
}

/* Unmap every page of [start, end) in vma (munmap, exit, MADV_DONTNEED);
 * the page tables stay.  The pages are freed only once no CPU can reach
 * them any more (struct mmu_gather above).  mmap_sem held (for reading
 * suffices: MADV_DONTNEED, racing faults settle under the pte lock), or
 * nobody else can reach the mm: exec's new one before it runs. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (start == end)
		return;                 /* the walk needs addr != end */
	update_hiwater_rss(vma->vm_mm);
	zap_range(vma, start, end);
}

/* Unmap, in each area on list, the pages at file index pgoff and on. */
static void unmap_areas_from(struct address_space *mapping, struct list_head *list,
			     unsigned long pgoff)
{
	struct vm_area_struct *vma;

	lockdep_assert_held(&mapping->i_mmap_lock);
	list_for_each_entry(vma, list, shared) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		if (vma->vm_pgoff + pages <= pgoff)
			continue;
		zap_range(vma, pgoff <= vma->vm_pgoff ? vma->vm_start
				: vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT), vma->vm_end);
	}
}

void unmap_mapping_range(struct address_space *mapping, unsigned long pgoff)
{
	spin_lock(&mapping->i_mmap_lock);
	unmap_areas_from(mapping, &mapping->i_mmap_shared, pgoff);
	unmap_areas_from(mapping, &mapping->i_mmap, pgoff);
	spin_unlock(&mapping->i_mmap_lock);
}

/* The page tables of the user half, once no area is left (the last
 * mmput: no one else can reach the mm). */
void free_pgtables(struct mm_struct *mm)
{
	pgd_t *pgd = pgd_offset(mm, 0);

	for (unsigned long addr = 0; addr < TASK_SIZE; addr += PGDIR_SIZE, pgd++) {
		pmd_t *pmd = pmd_offset(pgd, addr);

		if (pmd_none(*pmd))
			continue;
		pte_free(pmd_page(*pmd));
		pmd_clear(pmd);
	}
}
