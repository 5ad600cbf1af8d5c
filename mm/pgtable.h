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
 *
 * A walk over a range goes a level at a time, as Linux's do:
 *
 *     pgd = pgd_offset(mm, addr);
 *     do { next = pgd_addr_end(addr, end); ...pmd level on [addr, next)...
 *     } while (pgd++, addr = next, addr != end);
 *
 * and at the bottom maps and locks each page table once for the part of
 * the range inside it.  Entries are typed (mm/page.h); a page table is
 * installed with pmd_populate (user, maybe high) or pmd_populate_kernel.
 * Locking: none here beyond what pte_offset_map_lock takes; installing a
 * user page table is pte_alloc's, under mm->page_table_lock.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "kernel/locking/spinlock.h"
#include "mm/highmem.h"
#include "mm/mm.h"

/* The folded middle level: a pmd entry is the pgd entry, seen as a pmd. */
typedef struct { pgd_t pgd; } pmd_t;
#define pmd_val(x) pgd_val((x).pgd)
#define __pmd(x) ((pmd_t){ __pgd(x) })

#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define PMD_SIZE PGDIR_SIZE             /* folded: one pmd per pgd entry */
#define PMD_MASK PGDIR_MASK

#define pgd_index(addr) (((unsigned long)(addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(addr) (((unsigned long)(addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/*
 * Where the walk of [addr, end) leaves the pgd (pmd) entry that addr is
 * in: the next entry's boundary, or end if that comes first.  The "- 1"s
 * make an end of 0 (the top of the address space, wrapped) still compare
 * as the largest address.
 */
static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PMD_SIZE) & PMD_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
	return pgd + pgd_index(addr);
}
#define pgd_offset(mm, addr) pgd_offset_pgd((mm)->pgd, addr)
#define pgd_offset_k(addr) pgd_offset_pgd(swapper_pg_dir, addr)

static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	(void)addr;
	return (pmd_t *)pgd;
}

static inline bool pmd_none(pmd_t pmd) { return !(pmd_val(pmd) & _PAGE_PRESENT); }
static inline bool pmd_large(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PSE; }
static inline struct page *pmd_page(pmd_t pmd)
{
	return pfn_to_page(pmd_val(pmd) >> PAGE_SHIFT);
}

static inline void set_pgd(pgd_t *pgdp, pgd_t pgd) { *(volatile pgd_t *)pgdp = pgd; }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { *(volatile pmd_t *)pmdp = pmd; }
static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }

/* Install a user page table (a page, maybe high) in pmd. */
static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmd, struct page *pte_page)
{
	(void)mm;
	set_pmd(pmd, __pmd((page_to_pfn(pte_page) << PAGE_SHIFT) | _PAGE_TABLE));
}

/* Install a kernel page table (always low, reached by address). */
static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmd, pte_t *table)
{
	(void)mm;
	set_pmd(pmd, __pmd(__pa(table) | _KERNPG_TABLE));
}

/* Kernel page tables are always in low memory. */
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)__va(pmd_val(*pmd) & PAGE_MASK) + pte_index(addr);
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
static inline bool pte_none(pte_t pte) { return pte_val(pte) == 0; }
static inline bool pte_same(pte_t a, pte_t b) { return pte_val(a) == pte_val(b); }
/* Mapped to a page: accessible, or PROT_NONE (then the CPU faults). */
static inline bool pte_present(pte_t pte)
{
	return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}
static inline bool pte_write(pte_t pte) { return pte_val(pte) & _PAGE_RW; }
static inline bool pte_young(pte_t pte) { return pte_val(pte) & _PAGE_ACCESSED; }
static inline bool pte_dirty(pte_t pte) { return pte_val(pte) & _PAGE_DIRTY; }
static inline bool pte_user(pte_t pte) { return pte_val(pte) & _PAGE_USER; }
static inline pte_t pte_mkold(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_ACCESSED); }
static inline pte_t pte_mkyoung(pte_t pte) { return __pte(pte_val(pte) | _PAGE_ACCESSED); }
static inline pte_t pte_mkclean(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_DIRTY); }
static inline pte_t pte_mkdirty(pte_t pte) { return __pte(pte_val(pte) | _PAGE_DIRTY); }
static inline pte_t pte_wrprotect(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_RW); }
static inline pte_t pte_mkwrite(pte_t pte) { return __pte(pte_val(pte) | _PAGE_RW); }
static inline pte_t pte_mkprotnone(pte_t pte)
{
	return __pte((pte_val(pte) & ~(_PAGE_PRESENT | _PAGE_RW)) | _PAGE_PROTNONE);
}
/* Back from PROT_NONE: read-only, so a write faults and COW decides. */
static inline pte_t pte_mkaccessible(pte_t pte)
{
	if (pte_val(pte) & _PAGE_PRESENT)
		return pte;
	return __pte((pte_val(pte) & ~_PAGE_PROTNONE) | _PAGE_PRESENT);
}
static inline unsigned long pte_pfn(pte_t pte) { return pte_val(pte) >> PAGE_SHIFT; }
static inline struct page *pte_page(pte_t pte) { return pfn_to_page(pte_pfn(pte)); }

#define PAGE_KERNEL __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
/* Device registers: every access must reach the device, uncached. */
#define PAGE_KERNEL_NOCACHE __pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_PCD | _PAGE_PWT)

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return pfn_pte(page_to_pfn(page), prot);
}

static inline void set_pte(pte_t *ptep, pte_t pte) { *(volatile pte_t *)ptep = pte; }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, __pte(0)); }

/* Atomic against the CPU, which sets the accessed and dirty bits of a
 * live pte with locked cycles of its own: a bit set meanwhile is never
 * lost (rmap's view of a pte other CPUs may be using). */
static inline pte_t ptep_get_and_clear(pte_t *ptep)
{
	return __pte(__atomic_exchange_n(&ptep->pte_low, 0, __ATOMIC_SEQ_CST));
}

static inline bool ptep_test_and_clear_young(pte_t *ptep)
{
	return test_and_clear_bit(__builtin_ctz(_PAGE_ACCESSED), (volatile unsigned long *)ptep);
}

/* Allocate a page-table page (possibly high: HIGHPTE) for pmd if it has
 * none, then map the pte for addr; NULL when memory is short. */
pte_t *pte_alloc_map(struct mm_struct *mm, pmd_t *pmd, unsigned long addr);
/* Free a page table pte_alloc installed (counted in NR_PAGETABLE), or
 * one of pte_alloc_map's (not counted). */
void pte_free(struct page *pte_page);
void pte_free_page(struct page *pte_page);
/* Give pmd a page table (HIGHPTE) for the addresses around addr unless
 * it has one; 0 or -1 (no memory).  The table's struct page records mm
 * and the first address it maps, for rmap. */
int pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr);

/* The pte for addr in mm, mapped (kmap_atomic, KM_PTE0) and locked (its
 * page table's own lock, stored in *ptl), the page table allocated first
 * if need be (before any lock is taken: it may sleep); NULL without
 * memory.  mmap_sem held; undone by pte_unmap_unlock(pte, *ptl).  The
 * macro tells the checker the lock is held when the result is not NULL. */
pte_t *__get_locked_pte(struct mm_struct *mm, unsigned long addr, spinlock_t **ptl);
#define get_locked_pte(mm, addr, ptl)                                        \
	({                                                                   \
		pte_t *__pte;                                                \
		__cond_lock(*(ptl), __pte = __get_locked_pte(mm, addr, ptl)); \
		__pte;                                                       \
	})

#endif
