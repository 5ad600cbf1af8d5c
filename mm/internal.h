/*
 * mm/internal.h - functions shared between mm/ files but not meant for the
 * rest of the kernel.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/mmzone.h"
#include "mm/pgtable.h"

struct inode;
struct mm_struct;
struct vm_area_struct;

/* The vma list (mm/mmap.c); mmap_sem held by the callers, unless the mm
 * is still private to them (exec's new one, a ktest's own). */
struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start, unsigned long end,
				 unsigned long flags);
/* Back vma by inode from page pgoff on (referencing it), or by nothing. */
void vma_set_inode(struct vm_area_struct *vma, struct inode *inode, unsigned long pgoff);
/* Put vma in address order (the range must be free) and, for a file's
 * area, on the file's list of areas: right after `after` (fork's copy
 * after its original, so a truncate meets the copy second and catches
 * any pte copied before it unmapped the original), else at the end. */
void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *after);
/* vma ends at end now; next (if given) goes right after it on the file's
 * list of areas - both under the file's i_mmap_lock, for truncate. */
void vma_adjust(struct vm_area_struct *vma, unsigned long end, struct vm_area_struct *next);
/* Split vma at addr: vma keeps [start, addr), a new one gets the rest. */
int split_vma(struct vm_area_struct *vma, unsigned long addr);
/* Where a new mapping of len bytes goes in mm's layout (top-down from
 * mmap_base, or bottom-up from TASK_UNMAPPED_BASE); 0 if nowhere. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len);
/* Give [start, end) new flags (keeping those in keep), splitting areas at
 * the edges (mm/mprotect.c; mlock uses it too). */
long change_range_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned long keep, unsigned long set);

/* The page tables under the areas (mm/memory.c, mm/mremap.c). */
/* fork: share vma's pages with its copy dst_vma (copy-on-write). */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *vma);
/* Unmap every page of [start, end) in vma. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* mremap: carry the ptes of [old_addr, old_addr + len) of vma over to
 * new_addr (the new area, same mm); returns the bytes moved (fewer than
 * len: out of memory). */
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       unsigned long new_addr, unsigned long len);
/* The page tables of the user half, once no area is left. */
void free_pgtables(struct mm_struct *mm);

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

/* The mm lock order, outermost first (mm/lock_order.c). */
extern const char *const mm_lock_order[];
extern const unsigned int mm_lock_order_len;

/* Reclaim hooks (mm/vmscan.c, mm/oom_kill.c). */
void wakeup_kswapd(struct zone *zone);
unsigned long try_to_free_pages(struct zonelist *zonelist, gfp_t gfp_mask,
				unsigned int order);
void out_of_memory(gfp_t gfp_mask, unsigned int order);
/* A sweep of direct reclaim freed less than a cluster: is the machine
 * thrashing (time for out_of_memory)? */
bool reclaim_failing(void);
extern unsigned long out_of_memory_calls;      /* for the tests */
/* A user page fault got no memory: let the OOM victim exit, then retry. */
void pagefault_out_of_memory(void);

/* Bad page reports so far (double frees, freed reserved pages, ...), and
 * refused GFP masks (__GFP_HIGHMEM|__GFP_ZERO in interrupt context). */
extern unsigned long bad_page_reports, bad_gfp_reports;

#endif
