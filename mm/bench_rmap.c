/*
 * mm/bench_rmap.c - what the reverse map costs in memory: a process with
 * 32 MiB of anonymous memory, every page touched, forks 1, 4, 16 and 64
 * children (dup_mm, as fork does), and the pte_chain cache is read as
 * slabinfo shows it: blocks in use, the slab pages holding them, and the
 * bytes of chain per pte that maps a page.  Every page then has one more
 * mapping than there are children, so a chain of n + 1 ptes needs
 * ceil((n + 1) / 7) blocks of 32 bytes: a cost per pte that falls from
 * 16 bytes (two mappings in a block of seven) towards 32 / 7 = 4.6 as
 * chains grow, more than the 4 bytes of the pte itself.
 * Locking: the mms are the benchmark's; the cache's counts are read
 * without its lock (nothing else allocates blocks meanwhile).
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/bench.h"
#include "kernel/printk.h"
#include "lib/vsprintf.h"
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/slab_def.h"

#define AREA_PAGES (32UL << (20 - PAGE_SHIFT))
#define MAX_CHILDREN 64

/* Blocks in use (parked free ones left out, as slabinfo does) and the
 * pages of the cache's slabs, after giving back its empty ones. */
static void pte_chain_usage(unsigned long *objects, unsigned long *pages)
{
	struct kmem_cache_stats st;

	kmem_cache_shrink(pte_chain_cache);
	kmem_cache_stats(pte_chain_cache, &st);
	*objects = pte_chain_cache->num_active - st.parked;
	*pages = pte_chain_cache->num_slabs << pte_chain_cache->gfporder;
}

/* The parent: AREA_PAGES written pages; NULL when memory is short. */
static struct mm_struct *touched_parent(void)
{
	struct mm_struct *mm = mm_alloc();
	long addr = mm ? do_mmap(mm, 0, AREA_PAGES * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0) : -1;
	bool ok = addr >= 0;

	if (mm && ok) {
		use_mm(mm);
		for (unsigned long i = 0; ok && i < AREA_PAGES; i++)
			ok = !put_user(1u, (u32 __user *)((unsigned long)addr + i * PAGE_SIZE));
		unuse_mm(mm);
	}
	if (mm && !ok) {
		mmput(mm);
		mm = NULL;
	}
	return mm;
}

static void report(const char *what, int children, unsigned long long value, const char *unit)
{
	char name[64];

	snprintf(name, sizeof(name), "pte_chain_%s_32MiB_%dchild%s", what, children,
		 children > 1 ? "ren" : "");
	bench_report(name, value, unit);
}

static void bench_children(int children)
{
	static struct mm_struct *child[MAX_CHILDREN];
	struct mm_struct *parent = touched_parent();
	unsigned long base_objects, base_pages, objects, pages;
	int n = 0;

	if (!parent) {
		printk(KERN_ERR "bench_rmap: no memory for the parent\n");
		return;
	}
	pte_chain_usage(&base_objects, &base_pages);
	while (n < children && (child[n] = dup_mm(parent)))
		n++;
	pte_chain_usage(&objects, &pages);
	if (n < children)
		printk(KERN_ERR "bench_rmap: only %d of %d children forked\n", n, children);
	objects -= base_objects < objects ? base_objects : objects;
	pages -= base_pages < pages ? base_pages : pages;
	report("objects", children, objects, "blocks");
	report("slab", children, pages * (PAGE_SIZE / 1024), "KiB");
	report("bytes_per_100_ptes", children,
	       (unsigned long long)objects * sizeof(struct pte_chain) * 100 /
		       (AREA_PAGES * (unsigned long)(n + 1)), "bytes");
	while (n)
		mmput(child[--n]);
	mmput(parent);
}

KBENCH(rmap, pte_chain_memory,
       "pte_chain blocks and slab KiB for a 32 MiB process forked 1, 4, 16, 64 times (dup_mm)")
{
	for (int children = 1; children <= MAX_CHILDREN; children *= 4)
		bench_children(children);
}
