/*
 * mm/pgtable.h - walking and editing i386 page tables, in Linux's shape.
 *
 * The hardware has two levels (page directory -> page table).  Linux code
 * is written for three (pgd -> pmd -> pte); here the pmd level is folded:
 * a pmd_t is the pgd entry itself, so pmd_offset(pgd, addr) just returns
 * the pgd pointer and walks read the same as in Linux:
 *
 *     pgd = pgd_offset(mm, addr);  pmd = pmd_offset(pgd, addr);
 *     pte = pte_offset_map(pmd, addr);  ...  pte_unmap(pte);
 *
 * Page-table pages of user address spaces may be high pages (HIGHPTE), so
 * a pte pointer is only valid between pte_offset_map (a kmap_atomic in
 * KM_PTE0; _nested uses KM_PTE1) and pte_unmap.  pte_offset_kernel is for
 * the kernel's own tables, which are always low.  pte_offset_map_lock also
 * takes the split page-table lock (page->ptl) of that page-table page.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "kernel/locking/spinlock.h"
#include "mm/highmem.h"
#include "mm/mm.h"

typedef pgd_t pmd_t;

#define pgd_index(addr) (((unsigned long)(addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(addr) (((unsigned long)(addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
	return pgd + pgd_index(addr);
}
#define pgd_offset_k(addr) pgd_offset_pgd(swapper_pg_dir, addr)

static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	(void)addr;
	return pgd;
}

static inline bool pmd_none(pmd_t pmd) { return !(pmd & _PAGE_PRESENT); }
static inline bool pmd_large(pmd_t pmd) { return pmd & _PAGE_PSE; }
static inline struct page *pmd_page(pmd_t pmd) { return pfn_to_page(pmd >> PAGE_SHIFT); }

/* Kernel page tables are always in low memory. */
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)__va(*pmd & PAGE_MASK) + pte_index(addr);
}

static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)kmap_atomic(pmd_page(*pmd), KM_PTE0) + pte_index(addr);
}

static inline pte_t *pte_offset_map_nested(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)kmap_atomic(pmd_page(*pmd), KM_PTE1) + pte_index(addr);
}

static inline void pte_unmap(pte_t *pte) { kunmap_atomic(pte, KM_PTE0); }
static inline void pte_unmap_nested(pte_t *pte) { kunmap_atomic(pte, KM_PTE1); }

static inline spinlock_t *pte_lockptr(pmd_t *pmd)
{
	return &pmd_page(*pmd)->ptl;
}

static inline pte_t *pte_offset_map_lock(pmd_t *pmd, unsigned long addr,
					 spinlock_t **ptlp) __acquires(*ptlp)
{
	spinlock_t *ptl = pte_lockptr(pmd);

	spin_lock(ptl);
	*ptlp = ptl;
	return pte_offset_map(pmd, addr);
}

static inline void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl) __releases(ptl)
{
	pte_unmap(pte);
	spin_unlock(ptl);
}

/* pte accessors: test and build entries (values, not pointers). */
static inline bool pte_none(pte_t pte) { return pte == 0; }
/* Mapped to a page: accessible, or PROT_NONE (then the CPU faults). */
static inline bool pte_present(pte_t pte) { return pte & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_write(pte_t pte) { return pte & _PAGE_RW; }
static inline bool pte_young(pte_t pte) { return pte & _PAGE_ACCESSED; }
static inline bool pte_dirty(pte_t pte) { return pte & _PAGE_DIRTY; }
static inline bool pte_user(pte_t pte) { return pte & _PAGE_USER; }
static inline pte_t pte_mkold(pte_t pte) { return pte & ~_PAGE_ACCESSED; }
static inline pte_t pte_mkyoung(pte_t pte) { return pte | _PAGE_ACCESSED; }
static inline pte_t pte_mkclean(pte_t pte) { return pte & ~_PAGE_DIRTY; }
static inline pte_t pte_mkdirty(pte_t pte) { return pte | _PAGE_DIRTY; }
static inline pte_t pte_wrprotect(pte_t pte) { return pte & ~_PAGE_RW; }
static inline pte_t pte_mkwrite(pte_t pte) { return pte | _PAGE_RW; }
static inline pte_t pte_mkprotnone(pte_t pte)
{
	return (pte & ~(_PAGE_PRESENT | _PAGE_RW)) | _PAGE_PROTNONE;
}
/* Back from PROT_NONE: read-only, so a write faults and COW decides. */
static inline pte_t pte_mkaccessible(pte_t pte)
{
	return pte & _PAGE_PRESENT ? pte : (pte & ~_PAGE_PROTNONE) | _PAGE_PRESENT;
}
static inline unsigned long pte_pfn(pte_t pte) { return pte >> PAGE_SHIFT; }
static inline struct page *pte_page(pte_t pte) { return pfn_to_page(pte_pfn(pte)); }

typedef u32 pgprot_t;
#define PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return (pte_t)(page_to_pfn(page) << PAGE_SHIFT) | prot;
}

static inline void set_pte(pte_t *ptep, pte_t pte) { *(volatile pte_t *)ptep = pte; }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, 0); }

/* Allocate a page-table page (possibly high: HIGHPTE) for pmd if it has
 * none, then map the pte for addr; NULL when memory is short. */
pte_t *pte_alloc_map(pmd_t *pmd, unsigned long addr);
void pte_free(struct page *pte_page);
struct mm_struct;
/* Give pmd a page table (HIGHPTE) unless it has one; 0 or -1 (no memory). */
int pte_alloc(struct mm_struct *mm, pmd_t *pmd);

#endif
