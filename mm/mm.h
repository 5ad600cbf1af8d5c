/*
 * mm/mm.h - the frame <-> struct page <-> address conversions and page
 * reference counting that the rest of the kernel uses.
 *
 * mem_map[pfn] is the struct page of frame pfn, for every frame up to
 * max_pfn.  Frames below max_low_pfn are low memory, permanently mapped at
 * PAGE_OFFSET, so page_address() is arithmetic; a high page has an address
 * only while kmapped (page->virtual).  lowmem_limit (bytes) is where low
 * memory ends: min(RAM, MAXMEM = 896 MiB, the lowmem= parameter).
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "kernel/arch/x86.h"
#include "mm/mm_types.h"
#include "mm/page.h"

#define MAXMEM (896UL << 20)
#define LOWMEM_MIN (16UL << 20)

extern unsigned long lowmem_limit;
extern struct page *mem_map;
extern unsigned long max_pfn, max_low_pfn;

#define pfn_to_page(pfn) (mem_map + (pfn))
#define page_to_pfn(page) ((unsigned long)((page) - mem_map))
/* A frame's physical address: what a bus-master DMA engine is given (no
 * IOMMU: bus addresses are physical ones; below 4 GiB without PAE). */
#define page_to_phys(page) ((u32)page_to_pfn(page) << PAGE_SHIFT)
#define pfn_valid(pfn) ((pfn) < max_pfn)
#define virt_to_page(addr) pfn_to_page(__pa(addr) >> PAGE_SHIFT)
#define virt_addr_valid(addr)                                                \
	((unsigned long)(addr) >= PAGE_OFFSET &&                             \
	 (__pa(addr) >> PAGE_SHIFT) < max_low_pfn)

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}

static inline void *page_address(const struct page *page)
{
	return PageHighMem(page) ? page->virtual : lowmem_page_address(page);
}

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_count);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_count, v);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_count);
}

/* Drop a reference; the last one frees the page (order 0). */
void put_page(struct page *page);

/* Set up the direct map, mem_map, the zones and the buddy allocator;
 * called once from start_kernel. */
void mem_init(void);
/* Give the pages of an unpacked initramfs module [start, end) back to
 * the buddy allocator (the whole pages only); returns the pages freed. */
unsigned long free_initrd_mem(unsigned long start, unsigned long end);
/* Give lock_debug the mm lock order written in mm/lock_order.c. */
void mm_lock_order_init(void);
void zap_low_mappings(void);

#endif
