/*
 * mm/bench_highmem.c - what it costs to reach a page: page_address of a
 * low page (arithmetic), kmap_atomic of a high page (set a fixmap pte,
 * invlpg on unmap), kmap of a high page (the pkmap pool under kmap_lock;
 * a repeated kmap of a page already in the pool is a lookup).
 * Locking: runs alone on the boot CPU.
 */
#include "kernel/arch/x86.h"
#include "kernel/debug/bench.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"

#define BENCH_OPS 20000

KBENCH(highmem, page_address_low,
       "page_address of a low page: the direct map's arithmetic")
{
	struct page *p = alloc_page(GFP_KERNEL);
	u64 start = rdtsc();

	for (int i = 0; i < BENCH_OPS; i++)
		*(volatile u32 *)page_address(p) = (u32)i;
	bench_report_per_op("page_address_low", rdtsc() - start, BENCH_OPS);
	__free_page(p);
}

KBENCH(highmem, kmap_atomic_high,
       "kmap_atomic + kunmap_atomic of a high page: a fixmap pte and an invlpg")
{
	struct page *p = alloc_page(GFP_HIGHUSER);
	u64 start = rdtsc();

	for (int i = 0; i < BENCH_OPS; i++) {
		u32 *v = kmap_atomic(p, KM_USER0);

		*(volatile u32 *)v = (u32)i;
		kunmap_atomic(v, KM_USER0);
	}
	bench_report_per_op(PageHighMem(p) ? "kmap_atomic_high" : "kmap_atomic_low_fallback",
			    rdtsc() - start, BENCH_OPS);
	__free_page(p);
}

KBENCH(highmem, kmap_high,
       "kmap + kunmap of a high page: the pkmap pool under kmap_lock")
{
	struct page *p = alloc_page(GFP_HIGHUSER);
	u64 start = rdtsc();

	for (int i = 0; i < BENCH_OPS; i++) {
		u32 *v = kmap(p);

		*(volatile u32 *)v = (u32)i;
		kunmap(p);
	}
	bench_report_per_op(PageHighMem(p) ? "kmap_high" : "kmap_low_fallback",
			    rdtsc() - start, BENCH_OPS);
	__free_page(p);
}
