/*
 * mm/kmalloc.c - kmalloc and friends over the general caches, the
 * reclaim hook, and slabinfo.
 *
 * Data: malloc_sizes[], 13 general caches from size-32 to size-131072,
 * each with a DMA twin for GFP_DMA requests.  kfree finds an object's
 * cache from its address alone: the slab page's lru.next points at it.
 * Locking: the general caches are created at boot; after that everything
 * goes through kmem_cache_alloc/free and their locks.  The cache list is
 * walked under cache_chain_mutex.
 */
#include "fs/seq_file.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/slab_def.h"
#include "mm/vmstat.h"

#define NR_MALLOC_SIZES 13

struct cache_sizes {
	size_t size;
	const char *name, *dma_name;
	struct kmem_cache *cachep, *dma_cachep;
};

#define CACHE(n) { .size = n, .name = "size-" #n, .dma_name = "size-" #n "(DMA)" }

static struct cache_sizes malloc_sizes[NR_MALLOC_SIZES] = {
	CACHE(32), CACHE(64), CACHE(128), CACHE(256), CACHE(512), CACHE(1024),
	CACHE(2048), CACHE(4096), CACHE(8192), CACHE(16384), CACHE(32768),
	CACHE(65536), CACHE(131072),
};

static const struct cache_sizes *find_size(size_t size)
{
	for (int i = 0; i < NR_MALLOC_SIZES; i++)
		if (size <= malloc_sizes[i].size)
			return &malloc_sizes[i];
	return NULL;
}

struct kmem_cache *kmalloc_cache_for(size_t size)
{
	const struct cache_sizes *cs = find_size(size);

	return cs ? cs->cachep : NULL;
}

/* Smallest first, so a big cache's off-slab descriptors have a home. */
void kmalloc_init(void)
{
	for (int i = 0; i < NR_MALLOC_SIZES; i++) {
		struct cache_sizes *cs = &malloc_sizes[i];

		cs->cachep = kmem_cache_create(cs->name, cs->size, 0, SLAB_HWCACHE_ALIGN, NULL);
		cs->dma_cachep = kmem_cache_create(cs->dma_name, cs->size, 0,
						   SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA, NULL);
		if (!cs->cachep || !cs->dma_cachep)
			panic("kmalloc_init: cannot create %s", cs->name);
	}
}

void *kmalloc(size_t size, gfp_t flags)
{
	const struct cache_sizes *cs = find_size(size);

	if (!cs) {
		printk(KERN_WARNING "kmalloc: %zu bytes is more than the largest cache (%d)\n",
		       size, KMALLOC_MAX_SIZE);
		return NULL;
	}
	return kmem_cache_alloc(flags & __GFP_DMA ? cs->dma_cachep : cs->cachep, flags);
}

void *kzalloc(size_t size, gfp_t flags)
{
	void *p = kmalloc(size, flags);

	if (p)
		memset(p, 0, size);
	return p;
}

static struct kmem_cache *obj_cache(const void *objp)
{
	struct page *page;

	if (!virt_addr_valid(objp))
		return NULL;
	page = virt_to_page(objp);
	return PageSlab(page) ? page_get_cache(page) : NULL;
}

void kfree(const void *objp)
{
	struct kmem_cache *cachep;

	if (!objp)
		return;
	cachep = obj_cache(objp);
	if (!cachep) {
		slab_corruption_reports++;
		printk(KERN_ERR "kfree: %p was not allocated by kmalloc\n", objp);
		dump_stack();
		return;
	}
	kmem_cache_free(cachep, (void *)objp);
}

size_t ksize(const void *objp)
{
	struct kmem_cache *cachep = objp ? obj_cache(objp) : NULL;

	return cachep ? cachep->objsize : 0;
}

int kmem_cache_reap(gfp_t gfp_mask)
{
	struct kmem_cache *cachep;
	int pages = 0;

	(void)gfp_mask;
	/* Destroying a slab of a large cache frees its off-slab descriptor
	 * into a smaller cache that this pass may already have shrunk, so go
	 * round until a pass frees nothing. */
	for (;;) {
		int pass = 0;

		mutex_lock(&cache_chain_mutex);
		list_for_each_entry(cachep, &cache_chain, next)
			pass += kmem_cache_shrink(cachep);
		mutex_unlock(&cache_chain_mutex);
		if (!pass)
			return pages;
		pages += pass;
	}
}

unsigned long slab_pages_total(void)
{
	struct kmem_cache *cachep;
	unsigned long pages = 0;

	mutex_lock(&cache_chain_mutex);
	list_for_each_entry(cachep, &cache_chain, next)
		pages += cachep->num_slabs << cachep->gfporder;
	mutex_unlock(&cache_chain_mutex);
	return pages;
}

/* Empty slabs of one cache (on slabs_free), under its lock. */
static unsigned long free_slabs(struct kmem_cache *cachep)
{
	unsigned long n = 0, flags;
	struct list_head *pos;

	spin_lock_irqsave(&cachep->lock, flags);
	list_for_each(pos, &cachep->slabs_free)
		n++;
	spin_unlock_irqrestore(&cachep->lock, flags);
	return n;
}

unsigned long slab_pages_reclaimable(void)
{
	struct kmem_cache *cachep;
	unsigned long pages = 0;

	mutex_lock(&cache_chain_mutex);
	list_for_each_entry(cachep, &cache_chain, next)
		pages += free_slabs(cachep) << cachep->gfporder;
	mutex_unlock(&cache_chain_mutex);
	return pages;
}

/* Linux's /proc/slabinfo version 2.1, the format slabtop reads; the
 * tunables are the per-CPU array's limit and batch count (no shared
 * array: sharedfactor and sharedavail 0); active slabs are those not
 * empty.  One difference: active_objs leaves out the free objects parked
 * in per-CPU arrays (Linux counts them): how many an array holds depends
 * on which CPU last refilled it and how many free objects its slabs had
 * then, so counting them would make the figure wander with no object
 * allocated or freed (failtest compares it before and after).  The arrays
 * are read without their CPUs' locks: a moment's picture, exact when
 * nothing is allocating. */
void slabinfo_show(struct seq_file *m, void *arg)
{
	struct kmem_cache *cachep;

	(void)arg;
	seq_printf(m, "slabinfo - version: 2.1\n");
	seq_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		      "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		      "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	mutex_lock(&cache_chain_mutex);
	list_for_each_entry(cachep, &cache_chain, next) {
		struct kmem_cache_stats st;
		unsigned long active = cachep->num_active;

		kmem_cache_stats(cachep, &st);
		active -= st.parked < active ? st.parked : active;
		seq_printf(m, "%-17s %6lu %6lu %6zu %4u %4u : tunables %4u %4u %4u : "
			      "slabdata %6lu %6lu %6u\n", cachep->name, active,
			   cachep->num_slabs * cachep->num, cachep->objsize, cachep->num,
			   1u << cachep->gfporder, cachep->array[0].limit,
			   cachep->array[0].batchcount, 0u,
			   cachep->num_slabs - free_slabs(cachep), cachep->num_slabs, 0u);
	}
	mutex_unlock(&cache_chain_mutex);
}
MONITOR_SHOW("slabinfo", "slab caches, as /proc/slabinfo", slabinfo_show);
