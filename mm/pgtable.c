/*
 * mm/pgtable.c - page-table pages: allocating and freeing them.
 *
 * A page table of a user address space may live in high memory (HIGHPTE):
 * it is allocated with __GFP_HIGHMEM and only ever reached through
 * pte_offset_map's kmap_atomic.  Its struct page carries the split
 * page-table lock (page->ptl) that pte_offset_map_lock takes, and for the
 * reverse map (mm/rmap.c) the mm the table belongs to (mapping) and the
 * first user address it maps (index): from a pte's physical address rmap
 * reaches its mm and virtual address without walking anything.
 * The monitor's `pt` command walks the current page tables for an address.
 * Locking: pte_alloc allocates with no lock held (it may sleep), then
 * installs the table under mm->page_table_lock, and frees it again if
 * another thread installed one meanwhile.
 */
#include "mm/pgtable.h"
#include "kernel/debug/monitor.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/internal.h"
#include "mm/mm_types.h"
#include "mm/vmstat.h"

#define PAGE_TABLE_GFP (GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO)

/* A new page table's struct page, ready for rmap: its lock, its mm and
 * the first address it maps. */
static struct page *alloc_pte_page(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = alloc_page(PAGE_TABLE_GFP);

	if (!page)
		return NULL;
	spin_lock_init(&page->ptl);
	page->mapping = mm;
	page->index = addr & PMD_MASK;
	return page;
}

pte_t *pte_alloc_map(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		struct page *page = alloc_pte_page(mm, addr);

		if (!page)
			return NULL;
		pmd_populate(mm, pmd, page);
	}
	return pte_offset_map(pmd, addr);
}

/* Give pmd a page table if it has none.  The page is allocated before the
 * lock is taken (allocation may sleep); if another CPU installed one
 * meanwhile, ours goes back. */
int pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	/* LAB pgtable BEGIN: allocate a page table with alloc_pte_page (a
	 * zeroed page, high if possible, its ptl and rmap fields set; it may
	 * sleep, so no lock is held yet) - return -1 if there is none.  Then,
	 * under mm->page_table_lock, install it in pmd (pmd_populate) and
	 * count it (inc_zone_page_state, NR_PAGETABLE) only if pmd is still
	 * empty: another thread of mm may have installed one meanwhile, and
	 * then yours goes back (pte_free_page, after the unlock).  Return 0. */
	struct page *page = alloc_pte_page(mm, addr);

	if (!page)
		return -1;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {           /* still empty: ours goes in */
		pmd_populate(mm, pmd, page);
		inc_zone_page_state(page, NR_PAGETABLE);
		page = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (page)               /* another thread's table is in place */
		pte_free_page(page);
	return 0;
	/* LAB pgtable STUB: (void)mm, (void)pmd, (void)addr; */
	/* LAB pgtable STUB: return -1; */
	/* LAB pgtable END */
}

/* A page table's rmap fields go before the page does (the allocator
 * refuses a page with a mapping). */
void pte_free_page(struct page *pte_page)
{
	pte_page->mapping = NULL;
	pte_page->index = 0;
	__free_page(pte_page);
}

void pte_free(struct page *pte_page)
{
	dec_zone_page_state(pte_page, NR_PAGETABLE);
	pte_free_page(pte_page);
}

static void print_entry_flags(const char *level, u32 entry)
{
	if (!(entry & _PAGE_PRESENT)) {
		mprintf("%s %08x  not present%s\n", level, entry,
			entry & _PAGE_PROTNONE ? " (a PROT_NONE page)" : "");
		return;
	}
	mprintf("%s %08x  present %s %s %s %s%s\n", level, entry,
		entry & _PAGE_RW ? "rw" : "ro", entry & _PAGE_USER ? "user" : "kernel",
		entry & _PAGE_ACCESSED ? "accessed" : "-", entry & _PAGE_DIRTY ? "dirty" : "-",
		entry & _PAGE_PSE ? " 4M" : "");
}

/* pt ADDR: walk the current page directory for a virtual address. */
static int cmd_pt(int argc, char **argv)
{
	unsigned long addr;
	pmd_t *pmd;
	pte_t *pte;

	if (argc != 2 || kstrtoul(argv[1], 16, &addr)) {
		mprintf("usage: pt HEX-ADDRESS\n");
		return -1;
	}
	pmd = pmd_offset(pgd_offset_pgd(__va(read_cr3() & PAGE_MASK), addr), addr);
	mprintf("vaddr %08lx: pgd index %lu, pte index %lu, offset %#lx\n", addr,
		pgd_index(addr), pte_index(addr), addr & ~PAGE_MASK);
	print_entry_flags("pgd", pmd_val(*pmd));
	if (pmd_none(*pmd) || pmd_large(*pmd))
		return 0;
	pte = pte_offset_map(pmd, addr);
	print_entry_flags("pte", pte_val(*pte));
	if (pte_present(*pte))
		mprintf("paddr %08lx (pfn %#lx%s)\n",
			(pte_pfn(*pte) << PAGE_SHIFT) | (addr & ~PAGE_MASK), pte_pfn(*pte),
			pfn_valid(pte_pfn(*pte)) && PageHighMem(pte_page(*pte)) ? ", high" : "");
	pte_unmap(pte);
	return 0;
}
MONITOR_CMD("pt", "walk the page tables for an address: pt HEX-ADDRESS", cmd_pt);
