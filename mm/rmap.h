/*
 * mm/rmap.h - the reverse map (mm/rmap.c): from a user page to every pte
 * that maps it, the way Linux 2.6.0 kept it (pte chains).
 *
 * Data: page->pte (mm/mm_types.h).  A page with one mapping has PG_direct
 * set and the pte's physical address in page->pte.direct (pte_addr_t:
 * page tables may be high pages, so a pte has no lasting kernel address;
 * it is mapped with kmap_atomic(KM_PTE2) when rmap looks at it).  With more
 * mappings page->pte.chain is a list of struct pte_chain blocks, one cache
 * line each: a word packing the next block's address with the index of
 * the block's first used slot, then NRPTE pte addresses.  Invariant: only
 * the first block (the head) may have free slots, and they are its
 * leading ones - slots [0, idx) free, [idx, NRPTE) used - so adding is
 * "fill slot idx - 1 of the head, or push a new head" and removing is
 * "move the head's first entry into the hole".  A chain that falls to one
 * entry is turned back into a direct mapping lazily, by page_referenced.
 * page_mapped(page): page->pte is not empty.
 *
 * Locking: the chain lock, a bit spinlock on PG_chainlock
 * (pte_chain_lock/unlock), guards page->pte and PG_direct.  It nests
 * inside the page-table lock (page->ptl), which nests inside the page lock
 * (PG_locked); mm/lock_order.c has the whole order.  Blocks are allocated
 * before the page-table lock is taken (pte_chain_alloc, which may sleep
 * with GFP_KERNEL) and handed to page_add_rmap, which gives back what it
 * did not use.
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include "kernel/preempt.h"
#include "mm/gfp.h"
#include "mm/mm_types.h"
#include "mm/pgtable.h"

/* The Pentium's cache line, Linux 2.6.0's i386 default: one pte_chain. */
#define L1_CACHE_BYTES 32
/* Of the form 2^k - 1: the head's index fits in the low bits of the next
 * pointer (blocks are L1_CACHE_BYTES aligned). */
#define NRPTE ((L1_CACHE_BYTES - sizeof(unsigned long)) / sizeof(pte_addr_t))

struct pte_chain {
	unsigned long next_and_idx;     /* next block | first used slot */
	pte_addr_t ptes[NRPTE];
} __attribute__((aligned(L1_CACHE_BYTES)));

_Static_assert(sizeof(struct pte_chain) == L1_CACHE_BYTES, "a pte_chain is one cache line");
_Static_assert((NRPTE & (NRPTE + 1)) == 0, "NRPTE must be 2^k - 1");

static inline struct pte_chain *pte_chain_next(const struct pte_chain *pc)
{
	return (struct pte_chain *)(pc->next_and_idx & ~NRPTE);
}

static inline unsigned int pte_chain_idx(const struct pte_chain *pc)
{
	return pc->next_and_idx & NRPTE;
}

static inline void pte_chain_set(struct pte_chain *pc, struct pte_chain *next, unsigned int idx)
{
	pc->next_and_idx = (unsigned long)next | idx;
}

/* The chain lock: a bit spinlock, preemption off while held, known to
 * lock_debug as class "PG_chainlock". */
void pte_chain_lock(struct page *page);
void pte_chain_unlock(struct page *page);
bool pte_chain_trylock(struct page *page);
/* Held by this CPU (with lock_debug; without it: held by someone). */
bool pte_chain_locked_by_me(struct page *page);

static inline bool page_mapped(const struct page *page)
{
	return page->pte.direct != 0;
}

/* A block for page_add_rmap: the per-CPU reserve, else the slab (gfp may
 * sleep: call before taking the page-table lock).  NULL without memory. */
struct pte_chain *pte_chain_alloc(gfp_t gfp);
/* Give back an unused block (NULL is fine): it refills the reserve. */
void pte_chain_free(struct pte_chain *pc);

/* Record that the pte at ptep (mapped, already set to page) maps page.
 * Page-table lock held.  reserve: a block from pte_chain_alloc (it may be
 * needed); returns it if unused, else NULL.  The first mapping counts the
 * page in NR_ANON_PAGES or NR_FILE_MAPPED (by the pte's _PAGE_ANON). */
struct pte_chain *page_add_rmap(struct page *page, pte_t *ptep, struct pte_chain *reserve);
/* Forget that ptep (still set) maps page: page-table lock held.  The last
 * mapping uncounts the page. */
void page_remove_rmap(struct page *page, pte_t *ptep);
/* mremap: the pte moved from old to new (both mapped, the page-table
 * locks held): same page, same number of mappings, nothing allocated. */
void page_move_rmap(struct page *page, pte_t *old, pte_t *new);

/* How many of page's ptes had the accessed bit, which is cleared in each,
 * plus one for PG_referenced (cleared too).  A one-entry chain becomes a
 * direct mapping here.  Chain lock held. */
int page_referenced(struct page *page);

#define SWAP_SUCCESS 0                  /* no pte maps the page any more */
#define SWAP_AGAIN 1                    /* some were busy: try later */
#define SWAP_FAIL 2                     /* it cannot be unmapped (mlocked, no swap entry) */
/*
 * Unmap page from every pte: an anonymous page in the swap cache leaves
 * its swap entry (page->private) in each pte, one swap_map count per pte;
 * a file or shmem page (page->mapping) is just unmapped, staying in its
 * cache.  A dirty pte makes the page dirty; each mm's TLB is shot down and
 * its rss lowered.  An anonymous page without a swap entry (or whose
 * slot is not in use), or one in a VM_LOCKED area, is SWAP_FAIL; an mm whose mmap_sem or page-table lock
 * is taken is skipped (trylocks: reclaim comes the wrong way round
 * through the lock order) and the answer is SWAP_AGAIN.  Page lock and
 * chain lock held; the caller holds a reference to the page.
 */
int try_to_unmap(struct page *page);

/* Check page's chain: the invariant, each entry a pte that maps page (its
 * pfn).  The number of mappings, or -1 (reported).  Chain lock held. */
int page_check_rmap(struct page *page);

void pte_chain_init(void);
/* The cache the blocks come from ("pte_chain" in slabinfo). */
extern struct kmem_cache *pte_chain_cache;

#endif
