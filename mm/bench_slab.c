/*
 * mm/bench_slab.c - what an object costs: kmalloc+kfree pairs of 32, 256
 * and 4096 bytes, and kmem_cache_alloc+free from a 64-byte cache.  After
 * the first pair every operation is a per-CPU array hit, so these measure
 * the fast path.  Locking: runs alone on the boot CPU.
 */
#include "kernel/arch/x86.h"
#include "kernel/debug/bench.h"
#include "mm/slab.h"

#define BENCH_OPS 20000

static void bench_kmalloc(const char *name, size_t size)
{
	u64 start;

	kfree(kmalloc(size, GFP_KERNEL));
	start = rdtsc();
	for (int i = 0; i < BENCH_OPS; i++)
		kfree(kmalloc(size, GFP_KERNEL));
	bench_report_per_op(name, rdtsc() - start, BENCH_OPS);
}

KBENCH(slab, kmalloc_32,
       "kmalloc + kfree of 32 bytes from a warm per-CPU array: the slab fast path")
{
	bench_kmalloc("kmalloc_kfree_32", 32);
}

KBENCH(slab, kmalloc_256,
       "kmalloc + kfree of 256 bytes: the same path, a bigger general cache")
{
	bench_kmalloc("kmalloc_kfree_256", 256);
}

KBENCH(slab, kmalloc_4096,
       "kmalloc + kfree of 4096 bytes: a general cache with off-slab descriptors")
{
	bench_kmalloc("kmalloc_kfree_4096", 4096);
}

KBENCH(slab, cache_alloc_64,
       "kmem_cache_alloc + free from a cache of its own: the per-CPU array, no lookup by size")
{
	struct kmem_cache *c = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	u64 start;

	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	start = rdtsc();
	for (int i = 0; i < BENCH_OPS; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	bench_report_per_op("kmem_cache_alloc_free_64", rdtsc() - start, BENCH_OPS);
	kmem_cache_destroy(c);
}
