/*
 * mm/slab_def.h - the slab allocator's data structures, shared by
 * mm/slab.c (caches and slabs) and mm/kmalloc.c (general caches,
 * slabinfo).  Not for use outside mm/.
 *
 *   kmem_cache --slabs_full----> slab -> slab -> ...
 *              --slabs_partial-> slab -> ...
 *              --slabs_free----> slab -> ...
 *              array[cpu]: recently freed objects, LIFO, per CPU
 *
 *   one slab (on-slab descriptor):
 *   | colour | struct slab | bufctl[num] | pad | obj 0 | obj 1 | ... | left |
 *            ^ slabp                           ^ s_mem
 *   bufctl[i] is the index of the free object after i (a free list
 *   threaded through an index array); slab->free is its head.
 *   Big objects keep struct slab + bufctl off the slab, in a kmalloc
 *   buffer, so whole pages are left for objects.
 */
#ifndef MM_SLAB_DEF_H
#define MM_SLAB_DEF_H

#include "kernel/locking/mutex.h"
#include "kernel/locking/spinlock.h"
#include "kernel/smp.h"
#include "lib/list.h"
#include "mm/slab.h"

typedef unsigned int kmem_bufctl_t;
#define BUFCTL_END (~0u)
#define AC_LIMIT_MAX 32

struct slab {
	struct list_head list;
	unsigned long colouroff;
	void *s_mem;                    /* the first object */
	unsigned int inuse;             /* objects handed out */
	kmem_bufctl_t free;             /* first free object, or BUFCTL_END */
};

static inline kmem_bufctl_t *slab_bufctl(struct slab *slabp)
{
	return (kmem_bufctl_t *)(slabp + 1);
}

/* Per-CPU stack of free objects.  Embedded in the cache (sized for the
 * largest limit) rather than allocated, so caches need no allocator of
 * their own while kmalloc itself is being set up.  The hit and miss
 * counts are per CPU too: only this CPU, with interrupts off, touches
 * any of it (kmem_cache_stats() adds them up). */
struct array_cache {
	unsigned int avail, limit, batchcount;
	unsigned long allochit, allocmiss, freehit, freemiss;
	void *entry[AC_LIMIT_MAX];
};

struct kmem_cache {
	struct array_cache array[NR_CPUS];
	spinlock_t lock;
	struct list_head slabs_full, slabs_partial, slabs_free;
	size_t objsize;                 /* what the user asked for */
	size_t buffer_size;             /* stride: object + red zones, aligned */
	size_t align;
	unsigned int num;               /* objects per slab */
	unsigned int gfporder;          /* pages per slab: 2^gfporder */
	gfp_t gfpflags;
	unsigned int flags;
	unsigned int colour, colour_off, colour_next;
	size_t slab_size;               /* struct slab + bufctl[num] */
	struct kmem_cache *slabp_cache; /* off-slab descriptors come from here */
	void (*ctor)(void *);
	const char *name;
	struct list_head next;          /* on cache_chain */
	/* Statistics, under lock (the hit/miss counts are in array[]). */
	unsigned long num_active, num_slabs, grown, reaped;
};

/* The array caches' hit and miss counts, and the free objects parked in
 * them (counted in num_active: they are out of the slabs), summed over
 * the CPUs. */
struct kmem_cache_stats {
	unsigned long allochit, allocmiss, freehit, freemiss, parked;
};
void kmem_cache_stats(const struct kmem_cache *cachep, struct kmem_cache_stats *st);

extern struct list_head cache_chain;
extern struct mutex cache_chain_mutex;

/* The slab page (and so cache and slab) of an object. */
static inline struct kmem_cache *page_get_cache(struct page *page)
{
	return (struct kmem_cache *)page->lru.next;
}

static inline struct slab *page_get_slab(struct page *page)
{
	return (struct slab *)page->lru.prev;
}

void kmem_cache_setup(struct kmem_cache *cachep, const char *name, size_t size,
		      size_t align, unsigned int flags, void (*ctor)(void *));
/* Is objp an object of cachep, as far as its address says? */
bool obj_in_cache(struct kmem_cache *cachep, const void *objp);
void kmalloc_init(void);
/* The normal general cache for size bytes; NULL while the general caches
 * are being created (so early caches keep descriptors on-slab). */
struct kmem_cache *kmalloc_cache_for(size_t size);

#endif
