/*
 * mm/ktest_mm.h - helpers the mm ktests share (mm/test_mmap.c,
 * mm/test_shmem.c, mm/test_rmap.c, mm/test_cow.c, mm/test_pgtable.c,
 * mm/test_smp_fault.c, mm/test_fault_inject.c, ipc/test_shm.c): an
 * address space of the test's own, entered with use_mm, the pte and the
 * page a user address maps, and the free page count with nothing parked
 * in caches.
 *
 * Locking: the mm is the test's alone; the pte is read without its lock.
 */
#ifndef MM_KTEST_MM_H
#define MM_KTEST_MM_H

#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/slab.h"

/* A new address space, entered (NULL without memory). */
static inline struct mm_struct *enter_new_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (mm)
		use_mm(mm);
	return mm;
}

static inline void leave_mm(struct mm_struct *mm)
{
	unuse_mm(mm);
	mmput(mm);
}

/* The pte at addr in mm (0 without a page table). */
static inline pte_t user_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset_pgd(mm->pgd, addr), addr);
	pte_t *pte, entry;

	if (pmd_none(*pmd))
		return __pte(0);
	pte = pte_offset_map(pmd, addr);
	entry = *pte;
	pte_unmap(pte);
	return entry;
}

/* The page mapped at addr in mm, or NULL. */
static inline struct page *user_page(struct mm_struct *mm, unsigned long addr)
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

/* Free pages with nothing parked in caches: slabs reaped, the LRU
 * pagevecs (whose references may be a page's last) and pcp drained. */
static inline unsigned long settled_free_pages(void)
{
	kmem_cache_reap(GFP_KERNEL);
	lru_add_drain_all();
	drain_all_pages();
	return nr_free_pages();
}

#endif
