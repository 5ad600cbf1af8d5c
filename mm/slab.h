/*
 * mm/slab.h - the slab allocator: caches of equal-sized objects, and
 * kmalloc on top of them.
 *
 * A kmem_cache hands out objects of one size.  It carves them out of slabs
 * (one or more contiguous pages from the buddy allocator), keeps each
 * slab on one of three lists - full, partial, free - and serves most
 * requests from a small per-CPU array of recently freed objects without
 * taking its lock.  kmalloc(size) picks the smallest of 13 general caches
 * (size-32 ... size-131072, each also in a DMA variant) that fits.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "mm/gfp.h"

#define SLAB_HWCACHE_ALIGN 0x01u        /* align objects to cache lines */
#define SLAB_CACHE_DMA 0x02u            /* slabs from ZONE_DMA */
#define SLAB_POISON 0x04u               /* fill freed objects, check on reuse */
#define SLAB_RED_ZONE 0x08u             /* guard words around each object */

#define KMALLOC_MAX_SIZE 131072

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *));
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
/* Give the cache's free slabs back to the buddy allocator; returns pages. */
int kmem_cache_shrink(struct kmem_cache *cachep);
/* Destroy an empty cache; refused (with a report, returns -1) if not empty. */
int kmem_cache_destroy(struct kmem_cache *cachep);
const char *kmem_cache_name(const struct kmem_cache *cachep);
size_t kmem_cache_size(const struct kmem_cache *cachep);

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);

void kmem_cache_init(void);
/* Reclaim's hook: shrink every cache; returns the pages freed. */
int kmem_cache_reap(gfp_t gfp_mask);
unsigned long slab_pages_total(void);
/* Of those, the pages of empty slabs, which kmem_cache_reap gives back
 * (/proc/meminfo's SReclaimable). */
unsigned long slab_pages_reclaimable(void);

/* Corruption reports so far (poison, red zone, double free), for tests. */
extern unsigned long slab_corruption_reports;

#endif
