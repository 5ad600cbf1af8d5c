/*
 * mm/vmalloc.h - virtually contiguous kernel memory.
 *
 * vmalloc(size) finds a free range in the vmalloc area (between the end of
 * the direct map plus a gap, and the pkmap window), maps pages from any
 * zone - high ones included - into it, and returns its address.  Memory is
 * contiguous to the kernel, scattered physically; good for big tables,
 * not for DMA.  Every area is followed by an unmapped guard page, so
 * running off the end of one faults instead of corrupting the next.
 *
 * struct vm_struct describes one area; vmlist, sorted by address, holds
 * them all under vmlist_lock.
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"

#define VMALLOC_OFFSET (8UL << 20)      /* the gap that catches direct-map overruns */
#define VMALLOC_START (PAGE_OFFSET + lowmem_limit + VMALLOC_OFFSET)
#define VMALLOC_END (PKMAP_BASE - 2 * PAGE_SIZE)

struct vm_struct {
	struct vm_struct *next;
	void *addr;
	unsigned long size;             /* including the guard page */
	struct page **pages;
	unsigned int nr_pages;
	void *caller;                   /* who asked, for vmallocinfo */
};

void *vmalloc(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask);
/* Starting at a multiple of align (a power of two): kernel stacks. */
void *vmalloc_aligned(unsigned long size, unsigned long align);
void vfree(const void *addr);
/* Make size bytes from addr, inside one area, read-only (vfree undoes it). */
void vmalloc_set_readonly(const void *addr, unsigned long size);
/* /proc/meminfo's VmallocUsed (bytes of areas, guards included) and
 * VmallocChunk (the largest free gap), as Linux 2.6 counts them. */
void get_vmalloc_info(unsigned long *used, unsigned long *largest_chunk);
/* "vmalloc area (guard page of ...)" and friends, for fault reports. */
const char *vmalloc_describe(unsigned long addr);

#endif
