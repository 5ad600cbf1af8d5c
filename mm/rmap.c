/*
 * mm/rmap.c - the reverse map: which ptes map a user page (pte chains,
 * as in Linux 2.6.0), so that reclaim can look at and unmap a page shared
 * by many processes once for all of them.
 *
 * From a page to its ptes: page->pte holds the physical address of the
 * one pte (PG_direct) or a chain of struct pte_chain blocks (mm/rmap.h
 * draws them and states the invariant).  From a pte to its mm and address:
 * the page table's own struct page records both when pte_alloc makes it
 * (mapping = mm, index = the first address it maps, mm/pgtable.c), and
 * the pte's offset in its table gives the rest.  A pte is looked at
 * through its own atomic kmap slot, KM_PTE2, since the fault paths may
 * hold KM_PTE0/KM_PTE1 when they call in.
 *
 * Data: the slab cache "pte_chain" (one cache line per block, aligned),
 * and per CPU one spare block (pte_chain_reserve) that pte_chain_alloc
 * hands out first and pte_chain_free refills, so the usual fault finds a
 * block without touching the slab.
 *
 * An anonymous page's pte that try_to_unmap turns into a swap entry
 * counts in its mm's swapents and puts the mm on swapoff's mmlist
 * (mm/swapfile.h:mmlist_add).
 *
 * Locking: page->pte and PG_direct are under the page's chain lock, a
 * bit spinlock on PG_chainlock, taken inside the page-table lock of the
 * pte being added or removed (mm/lock_order.c).  page_add_rmap never
 * allocates: its block was taken before the page-table lock.  Reclaim
 * comes the other way - page lock, chain lock, then each mm - so
 * try_to_unmap only tries the mm's mmap_sem (to read the area's
 * VM_LOCKED) and the page table's lock, and answers SWAP_AGAIN for an mm
 * it could not lock.  The per-CPU spare is touched with preemption off.
 */
#include "mm/rmap.h"
#include "kernel/locking/lockdep.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "mm/highmem.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/swapfile.h"
#include "mm/tlbflush.h"
#include "mm/vmstat.h"

struct kmem_cache *pte_chain_cache;
static DEFINE_PER_CPU(struct pte_chain *, pte_chain_reserve);
static struct lock_class_key chainlock_key;
static u16 chainlock_class;             /* lock_debug's "PG_chainlock" */

void pte_chain_lock(struct page *page)
{
	preempt_disable();
	lockdep_bit_lock_acquire(chainlock_class, page, false);
	while (test_and_set_bit(PG_chainlock, &page->flags))
		cpu_relax();
}

bool pte_chain_trylock(struct page *page)
{
	preempt_disable();
	if (test_and_set_bit(PG_chainlock, &page->flags)) {
		preempt_enable();
		return false;
	}
	lockdep_bit_lock_acquire(chainlock_class, page, true);
	return true;
}

void pte_chain_unlock(struct page *page)
{
	lockdep_bit_lock_release(page);
	clear_bit(PG_chainlock, &page->flags);
	preempt_enable();
}

bool pte_chain_locked_by_me(struct page *page)
{
	return ((page->flags >> PG_chainlock) & 1) && lockdep_bit_lock_held_by_me(page);
}

#define assert_chain_locked(page)                                            \
	do {                                                                 \
		if (unlikely(!pte_chain_locked_by_me(page)))                 \
			lock_not_held(page, "pte_chain_lock(" #page ")", __FILE__, __LINE__); \
	} while (0)

struct pte_chain *pte_chain_alloc(gfp_t gfp)
{
	struct pte_chain *pc;

	preempt_disable();
	pc = __get_cpu_var(pte_chain_reserve);
	__get_cpu_var(pte_chain_reserve) = NULL;
	preempt_enable();
	return pc ? pc : kmem_cache_alloc(pte_chain_cache, gfp);
}

void pte_chain_free(struct pte_chain *pc)
{
	if (!pc)
		return;
	preempt_disable();
	if (!__get_cpu_var(pte_chain_reserve)) {
		__get_cpu_var(pte_chain_reserve) = pc;
		pc = NULL;
	}
	preempt_enable();
	if (pc)
		kmem_cache_free(pte_chain_cache, pc);
}

/* The physical address of the pte at ptep (mapped with kmap_atomic or in
 * low memory), whose page table's lock the caller holds (checked). */
static pte_addr_t ptep_to_paddr(const pte_t *ptep)
{
	struct page *table = kmap_atomic_to_page(ptep);

	lockdep_assert_held(&table->ptl);
	return (pte_addr_t)((page_to_pfn(table) << PAGE_SHIFT) |
			    ((unsigned long)ptep & ~PAGE_MASK));
}

static struct page *paddr_table(pte_addr_t paddr)
{
	return pfn_to_page(paddr >> PAGE_SHIFT);
}

static pte_t *rmap_ptep_map(pte_addr_t paddr)
{
	return (pte_t *)((char *)kmap_atomic(paddr_table(paddr), KM_PTE2) + (paddr & ~PAGE_MASK));
}

static void rmap_ptep_unmap(pte_t *ptep)
{
	kunmap_atomic(ptep, KM_PTE2);
}

/* The user address a pte maps: its table's first address plus its slot. */
static unsigned long paddr_address(pte_addr_t paddr)
{
	return paddr_table(paddr)->index +
	       (((paddr & ~PAGE_MASK) / sizeof(pte_t)) << PAGE_SHIFT);
}

/* Mapped and Anon in /proc/meminfo count pages, not ptes: a page counts
 * from its first mapping to its last, by the kind its pte says. */
static void count_mapped(const struct page *page, bool anon, int delta)
{
	enum vm_stat_item item = anon ? NR_ANON_PAGES : NR_FILE_MAPPED;

	if (delta > 0)
		inc_zone_page_state(page, item);
	else
		dec_zone_page_state(page, item);
}

struct pte_chain *page_add_rmap(struct page *page, pte_t *ptep, struct pte_chain *reserve)
{
	pte_addr_t paddr = ptep_to_paddr(ptep);

	pte_chain_lock(page);
	if (!page_mapped(page)) {
		page->pte.direct = paddr;
		SetPageDirect(page);
		count_mapped(page, pte_val(*ptep) & _PAGE_ANON, 1);
	} else {
		/* LAB rmap BEGIN: a second or later mapping: put paddr in the
		 * chain.  A chain whose head (page->pte.chain) has a free slot
		 * (pte_chain_idx > 0) takes it in the slot just before the head's
		 * first used one.  Otherwise reserve becomes the new head, in
		 * front of the old one, with paddr in its last slot - and when
		 * the page was direct (PageDirect), the old pte
		 * (page->pte.direct) goes in that last slot and paddr just
		 * before it, and PG_direct is cleared.  A used reserve is not
		 * given back: set it to NULL. */
		struct pte_chain *head = PageDirect(page) ? NULL : page->pte.chain;
		unsigned int idx = head ? pte_chain_idx(head) : 0;

		if (idx) {
			head->ptes[idx - 1] = paddr;
			pte_chain_set(head, pte_chain_next(head), idx - 1);
		} else {
			BUG_ON(!reserve);
			idx = NRPTE - 1;
			if (!head) {            /* the direct pte moves in first */
				reserve->ptes[idx--] = page->pte.direct;
				ClearPageDirect(page);
			}
			reserve->ptes[idx] = paddr;
			pte_chain_set(reserve, head, idx);
			page->pte.chain = reserve;
			reserve = NULL;
		}
		/* LAB rmap END */
	}
	pte_chain_unlock(page);
	return reserve;
}

/* Take the head's first used entry out (freeing the head if that was its
 * last): the one removal that keeps free slots leading. */
static pte_addr_t pop_first(struct page *page)
{
	struct pte_chain *head = page->pte.chain;
	unsigned int idx = pte_chain_idx(head);
	pte_addr_t paddr = head->ptes[idx];

	/* LAB rmap BEGIN: free the head's slot idx: its first used slot
	 * becomes idx + 1 (pte_chain_set) - or, when idx was the last slot,
	 * the head is empty: the next block becomes the head
	 * (page->pte.chain; NULL when there is none) and this one goes back
	 * with pte_chain_free. */
	if (idx + 1 < NRPTE) {
		pte_chain_set(head, pte_chain_next(head), idx + 1);
	} else {
		page->pte.chain = pte_chain_next(head);
		pte_chain_free(head);
	}
	/* LAB rmap END */
	return paddr;
}

/* After try_to_unmap zeroed the slots it unmapped: fill every hole from
 * the front.  Every slot between the head's first and the one looked at
 * is in use, so what pop_first moves is never a hole itself. */
static void pte_chain_compact(struct page *page)
{
	struct pte_chain *pc = page->pte.chain;
	unsigned int i = pc ? pte_chain_idx(pc) : 0;

	while (pc) {
		if (i == NRPTE) {
			pc = pte_chain_next(pc);
			i = 0;
		} else if (pc->ptes[i]) {
			i++;
		} else if (pc == page->pte.chain && i == pte_chain_idx(pc)) {
			pop_first(page);        /* may free pc */
			pc = page->pte.chain;
			i = pc ? pte_chain_idx(pc) : 0;
		} else {
			pc->ptes[i++] = pop_first(page);
		}
	}
}

/* Take paddr out of page's mappings: false if it is not one of them. */
static bool unlink_pte(struct page *page, pte_addr_t paddr)
{
	if (PageDirect(page)) {
		if (page->pte.direct != paddr)
			return false;
		page->pte.direct = 0;
		ClearPageDirect(page);
		return true;
	}
	for (struct pte_chain *pc = page->pte.chain; pc; pc = pte_chain_next(pc)) {
		for (unsigned int i = pc == page->pte.chain ? pte_chain_idx(pc) : 0; i < NRPTE; i++) {
			if (pc->ptes[i] != paddr)
				continue;
			/* LAB rmap BEGIN: slot i of pc is the hole: take the head's
			 * first entry out (pop_first, which may free the head) and
			 * move it into the hole - unless the hole is that first
			 * entry, which popping takes out by itself. */
			if (pc == page->pte.chain && i == pte_chain_idx(pc))
				pop_first(page);
			else
				pc->ptes[i] = pop_first(page);
			/* LAB rmap END */
			return true;
		}
	}
	return false;
}

void page_remove_rmap(struct page *page, pte_t *ptep)
{
	pte_addr_t paddr = ptep_to_paddr(ptep);

	pte_chain_lock(page);
	if (!unlink_pte(page, paddr)) {
		pr_err("page_remove_rmap: pte at %#x is not a mapping of pfn %#lx\n", paddr,
		       page_to_pfn(page));
		WARN_ON(1);
	} else if (!page_mapped(page)) {
		count_mapped(page, pte_val(*ptep) & _PAGE_ANON, -1);
	}
	pte_chain_unlock(page);
}

void page_move_rmap(struct page *page, pte_t *old, pte_t *new)
{
	pte_addr_t from = ptep_to_paddr(old), to = ptep_to_paddr(new);

	pte_chain_lock(page);
	if (PageDirect(page) && page->pte.direct == from) {
		page->pte.direct = to;
		goto out;
	}
	for (struct pte_chain *pc = PageDirect(page) ? NULL : page->pte.chain; pc;
	     pc = pte_chain_next(pc)) {
		for (unsigned int i = pc == page->pte.chain ? pte_chain_idx(pc) : 0; i < NRPTE; i++) {
			if (pc->ptes[i] == from) {
				pc->ptes[i] = to;
				goto out;
			}
		}
	}
	pr_err("page_move_rmap: pte at %#x is not a mapping of pfn %#lx\n", from, page_to_pfn(page));
	WARN_ON(1);
out:
	pte_chain_unlock(page);
}

static int test_and_clear_young(pte_addr_t paddr)
{
	pte_t *ptep = rmap_ptep_map(paddr);
	int young = ptep_test_and_clear_young(ptep);

	rmap_ptep_unmap(ptep);
	return young;
}

int page_referenced(struct page *page)
{
	int referenced = TestClearPageReferenced(page);
	struct pte_chain *head;

	assert_chain_locked(page);
	if (PageDirect(page))
		return referenced + test_and_clear_young(page->pte.direct);
	for (struct pte_chain *pc = page->pte.chain; pc; pc = pte_chain_next(pc))
		for (unsigned int i = pc == page->pte.chain ? pte_chain_idx(pc) : 0; i < NRPTE; i++)
			referenced += test_and_clear_young(pc->ptes[i]);
	head = page->pte.chain;
	if (head && pte_chain_idx(head) == NRPTE - 1 && !pte_chain_next(head)) {
		page->pte.direct = head->ptes[NRPTE - 1];       /* the lazy collapse */
		SetPageDirect(page);
		pte_chain_free(head);
	}
	return referenced;
}

/* The pte becomes the swap entry (a swap-cache page: the caller has
 * counted the pte on its slot) or empty (a file's page), the page's dirty
 * bit takes the pte's, the TLB forgets it.  The table's lock held; *anon
 * says what kind of mapping it was. */
static void unmap_pte(struct page *page, struct mm_struct *mm, pte_addr_t paddr, bool *anon)
{
	pte_t *ptep = rmap_ptep_map(paddr);
	pte_t pte = ptep_get_and_clear(ptep);

	flush_tlb_page(mm, paddr_address(paddr));
	if (pte_dirty(pte))
		SetPageDirty(page);
	if (PageSwapCache(page)) {
		set_pte(ptep, swp_entry_to_pte((swp_entry_t){ page->private }));
		inc_mm_counter(mm, swapents);
		mmlist_add(mm);         /* where swapoff will look for the entry */
	}
	rmap_ptep_unmap(ptep);
	*anon = pte_val(pte) & _PAGE_ANON;
	dec_mm_counter(mm, rss);
	put_page(page);                 /* the pte's reference; the caller holds one */
}

/* unmap_pte unless the pte's area is locked in memory or the page's swap
 * slot cannot take one more user (the swap cache's entry is stale), if
 * its page table can be locked without waiting.  mm's mmap_sem held. */
static int unmap_pte_trylock(struct page *page, struct mm_struct *mm, pte_addr_t paddr, bool *anon)
{
	struct page *table = paddr_table(paddr);
	struct vm_area_struct *vma = find_vma(mm, paddr_address(paddr));
	int ret = SWAP_FAIL;

	if (!spin_trylock(&table->ptl))
		return SWAP_AGAIN;
	if (vma && !(vma->vm_flags & VM_LOCKED) &&
	    (!PageSwapCache(page) || swap_duplicate((swp_entry_t){ page->private }))) {
		unmap_pte(page, mm, paddr, anon);
		ret = SWAP_SUCCESS;
	}
	spin_unlock(&table->ptl);
	return ret;
}

/* Unmap one pte of page, if its mm and page table can be locked without
 * waiting and its area is not locked in memory. */
static int try_to_unmap_one(struct page *page, pte_addr_t paddr, bool *anon)
{
	struct mm_struct *mm = paddr_table(paddr)->mapping;
	int ret;

	/* down_read_trylock, spelt out: sparse cannot pair that macro's
	 * conditional hold with up_read's annotation. */
	if (!_down_read_trylock(&mm->mmap_sem))
		return SWAP_AGAIN;
	__acquire(&mm->mmap_sem);
	ret = unmap_pte_trylock(page, mm, paddr, anon);
	up_read(&mm->mmap_sem);
	return ret;
}

int try_to_unmap(struct page *page)
{
	int ret = SWAP_SUCCESS;
	bool anon = false;

	BUG_ON(!PageLocked(page));
	assert_chain_locked(page);
	if (!PageSwapCache(page) && !page->mapping)
		return SWAP_FAIL;       /* anonymous, and nowhere to put it */
	if (PageDirect(page)) {
		ret = try_to_unmap_one(page, page->pte.direct, &anon);
		if (ret == SWAP_SUCCESS) {
			page->pte.direct = 0;
			ClearPageDirect(page);
		}
	} else {
		for (struct pte_chain *pc = page->pte.chain; pc && ret != SWAP_FAIL;
		     pc = pte_chain_next(pc)) {
			for (unsigned int i = pc == page->pte.chain ? pte_chain_idx(pc) : 0;
			     i < NRPTE && ret != SWAP_FAIL; i++) {
				int one = try_to_unmap_one(page, pc->ptes[i], &anon);

				if (one == SWAP_SUCCESS)
					pc->ptes[i] = 0;
				else
					ret = one;
			}
		}
		pte_chain_compact(page);
	}
	if (page_mapped(page))
		return ret == SWAP_SUCCESS ? SWAP_AGAIN : ret;
	count_mapped(page, anon, -1);
	return SWAP_SUCCESS;
}

/* One entry of page_check_rmap: a pte that maps page? */
static bool pte_maps(pte_addr_t paddr, const struct page *page)
{
	pte_t *ptep;
	bool ok;

	if (!paddr)
		return false;
	ptep = rmap_ptep_map(paddr);
	ok = pte_present(*ptep) && pte_page(*ptep) == page;
	rmap_ptep_unmap(ptep);
	return ok;
}

int page_check_rmap(struct page *page)
{
	int n = 0;

	assert_chain_locked(page);
	if (PageDirect(page))
		return pte_maps(page->pte.direct, page) ? 1 : -1;
	for (struct pte_chain *pc = page->pte.chain; pc; pc = pte_chain_next(pc)) {
		unsigned int first = pc == page->pte.chain ? pte_chain_idx(pc) : 0;

		if (first >= NRPTE || (pc != page->pte.chain && pte_chain_idx(pc))) {
			pr_err("page_check_rmap: pfn %#lx: block %p has free slots from %u\n",
			       page_to_pfn(page), pc, pte_chain_idx(pc));
			return -1;
		}
		for (unsigned int i = first; i < NRPTE; i++, n++) {
			if (!pte_maps(pc->ptes[i], page)) {
				pr_err("page_check_rmap: pfn %#lx: slot %u of %p, pte at %#x, "
				       "does not map it\n", page_to_pfn(page), i, pc, pc->ptes[i]);
				return -1;
			}
		}
	}
	return n;
}

void pte_chain_init(void)
{
	pte_chain_cache = kmem_cache_create("pte_chain", sizeof(struct pte_chain), L1_CACHE_BYTES,
					    0, NULL);
	if (!pte_chain_cache)
		panic("pte_chain_init: no pte_chain cache");
	if (debug_locks)
		chainlock_class = lockdep_register_key(&chainlock_key, "PG_chainlock");
}
