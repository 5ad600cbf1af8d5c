/*
 * mm/gfp.h - the page allocator's interface: GFP flags and the
 * alloc_pages family.
 *
 * GFP ("get free pages") flags say where a page may come from and what
 * the allocator may do to find one:
 *   __GFP_DMA      only ZONE_DMA (below 16 MiB)
 *   __GFP_HIGHMEM  ZONE_HIGHMEM is allowed (the caller will kmap it)
 *   __GFP_WAIT     may sleep, and so may reclaim directly
 *   __GFP_HIGH     may dip below the min watermark (atomic emergencies)
 *   __GFP_IO/_FS   reclaim may start I/O / call into file systems
 *   __GFP_ZERO     return zero-filled memory
 * GFP_ATOMIC never sleeps; GFP_KERNEL is the usual kernel allocation;
 * GFP_HIGHUSER is for user pages, which may live in high memory.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include "mm/mm_types.h"

typedef unsigned int gfp_t;

#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_WAIT 0x10u
#define __GFP_HIGH 0x20u
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_COLD 0x100u
#define __GFP_NOWARN 0x200u
#define __GFP_ZERO 0x8000u

#define GFP_ATOMIC (__GFP_HIGH)
#define GFP_NOIO (__GFP_WAIT)
#define GFP_NOFS (__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA __GFP_DMA

#define MAX_ORDER 11

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)

/* Low memory only (these return kernel virtual addresses). */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp_mask);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

/* Give back every CPU's pcp pages to the buddy lists (memory is short, or
 * a CPU goes idle). */
void drain_local_pages(void);
void drain_all_pages(void);

#endif
