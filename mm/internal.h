/*
 * mm/internal.h - functions shared between mm/ files but not meant for the
 * rest of the kernel.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/mmzone.h"

/* Boot: give a block of 2^order reserved-at-boot pages to the buddy lists. */
void free_bootmem_block(struct page *page, unsigned int order);

/* Zone setup (mm/zone_init.c). */
void free_area_init(unsigned long max_dma_pfn, unsigned long max_low_pfn,
		    unsigned long max_pfn);
void build_all_zonelists(void);
/* Watermarks, pcp sizes, zonelists, once the zones' pages are free. */
void zones_finish_init(unsigned long lowmem_kb);
void setup_pageset(struct zone *zone);
struct zonelist *gfp_zonelist(gfp_t gfp_mask);

/* Reclaim hooks (mm/vmscan.c, mm/oom_kill.c). */
void wakeup_kswapd(struct zone *zone);
unsigned long try_to_free_pages(struct zonelist *zonelist, gfp_t gfp_mask,
				unsigned int order);
void out_of_memory(gfp_t gfp_mask, unsigned int order);
extern unsigned long out_of_memory_calls;      /* for the tests */
/* A user page fault got no memory: let the OOM victim exit, then retry. */
void pagefault_out_of_memory(void);

/* Page-table work for address spaces (mm/fault_user.c, used by mm/mmap.c). */
struct vm_area_struct;
struct mm_struct;
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src);
int move_page_range(struct vm_area_struct *vma, unsigned long addr, struct vm_area_struct *dst,
		    unsigned long new_addr, unsigned long len);
void free_pgtables(struct mm_struct *mm);

/* Bad page reports so far (double frees, freed reserved pages, ...). */
extern unsigned long bad_page_reports;

#endif
