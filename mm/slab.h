/* TEMPORARY stub header: replaced by the slab allocator's real mm/slab.h. */
#ifndef MM_SLAB_H
#define MM_SLAB_H
#include "mm/gfp.h"
int kmem_cache_reap(gfp_t gfp);
unsigned long slab_pages_total(void);
void kmem_cache_init(void);
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
#endif
