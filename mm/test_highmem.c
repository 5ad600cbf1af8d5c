/*
 * mm/test_highmem.c - ktests of kernel mappings of high pages: kmap and
 * kmap_atomic see the same memory, repeated kmaps share a slot, the
 * wrap-around flush really flushes, and page tables living in high memory
 * are walked correctly through pte_offset_map.  Meaningful on a machine
 * with high memory (lowmem=32M, or more than 896 MiB); on one without,
 * high requests fall back to low pages and the tests check the low paths.
 * Locking: run alone on the boot CPU.
 */
#include "kernel/debug/ktest.h"
#include "lib/string.h"
#include "mm/highmem.h"
#include "mm/mmzone.h"
#include "mm/pgtable.h"

static bool zone_of_highmem_present(void)
{
	return contig_page_data.node_zones[ZONE_HIGHMEM].present_pages != 0;
}

static struct page *high_page(void)
{
	return alloc_page(GFP_HIGHUSER);
}

KTEST(highmem, kmap_and_kmap_atomic_agree)
{
	struct page *p = high_page();
	u32 *a, *k;

	KEXPECT(p != NULL);
	if (!p)
		return;
	a = kmap_atomic(p, KM_USER0);
	a[10] = 0x600dcafe;
	kunmap_atomic(a, KM_USER0);
	k = kmap(p);
	KEXPECT_EQ(k[10], 0x600dcafe);
	k[11] = 0xfeedface;
	KEXPECT(page_address(p) == k);
	kunmap(p);
	a = kmap_atomic(p, KM_USER1);
	KEXPECT_EQ(a[11], 0xfeedface);
	kunmap_atomic(a, KM_USER1);
	__free_page(p);
}

KTEST(highmem, second_kmap_shares_the_slot)
{
	struct page *p = high_page();
	void *v1, *v2;

	if (!p || !PageHighMem(p)) {
		KEXPECT(!p || kmap(p) == page_address(p));
		if (p)
			__free_page(p);
		return;
	}
	v1 = kmap(p);
	v2 = kmap(p);
	KEXPECT(v1 == v2);
	KEXPECT_EQ(pkmap_slot_count(PKMAP_NR(v1)), 3);          /* two users */
	KEXPECT(pkmap_slot_page(PKMAP_NR(v1)) == p);
	kunmap(p);
	kunmap(p);
	KEXPECT_EQ(pkmap_slot_count(PKMAP_NR(v1)), 1);          /* free, not flushed */
	__free_page(p);
}

KTEST(highmem, low_page_needs_no_mapping)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KEXPECT(kmap(p) == lowmem_page_address(p));
	KEXPECT(kmap_atomic(p, KM_USER0) == lowmem_page_address(p));
	kunmap_atomic(lowmem_page_address(p), KM_USER0);
	kunmap(p);
	__free_page(p);
}

KTEST(highmem, nested_atomic_types)
{
	struct page *a = high_page(), *b = high_page();
	u32 *va = kmap_atomic(a, KM_USER0), *vb = kmap_atomic(b, KM_USER1);

	if (PageHighMem(a) && PageHighMem(b))
		KEXPECT(va != vb);
	va[0] = 1;
	vb[0] = 2;
	KEXPECT_EQ(va[0], 1);
	kunmap_atomic(vb, KM_USER1);
	kunmap_atomic(va, KM_USER0);
	__free_page(a);
	__free_page(b);
}

static void stamp_pfn(struct page *p)
{
	u32 *a = kmap_atomic(p, KM_USER0);

	a[0] = (u32)page_to_pfn(p);
	kunmap_atomic(a, KM_USER0);
}

/*
 * A slot freed by kunmap keeps its translation (count 1) until the search
 * wraps around and flush_all_zero_pkmaps flushes the TLB.  Read page A
 * through slot s (the CPU caches s -> A), unmap it, then hold new kmaps
 * until one lands on s again: it must show its own page, not A.
 */
KTEST(highmem, wraparound_flush_prevents_stale_reads)
{
	struct page **held = (struct page **)__get_free_pages(GFP_KERNEL, 1);
	struct page *a = high_page();
	void *va;
	int n = 0;
	bool reused = false;

	KEXPECT(held && a);
	if (!held || !a || !PageHighMem(a))
		goto out;
	stamp_pfn(a);
	va = kmap(a);
	KEXPECT_EQ(*(volatile u32 *)va, (u32)page_to_pfn(a));
	kunmap(a);
	while (n < LAST_PKMAP && !reused) {
		struct page *p = high_page();

		if (!p)
			break;
		stamp_pfn(p);
		held[n++] = p;
		u32 *v = kmap(p);

		if ((void *)v == va) {
			reused = true;
			KEXPECT_EQ(*(volatile u32 *)v, (u32)page_to_pfn(p));
		}
	}
	KEXPECT(reused);
	while (n--) {
		kunmap(held[n]);
		__free_page(held[n]);
	}
out:
	if (a)
		__free_page(a);
	free_pages((unsigned long)held, 1);
}

KTEST(pgtable, highpte_walk_through_pte_offset_map)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);
	struct page *data = alloc_page(GFP_KERNEL);
	unsigned long addr = 0x08049000;
	spinlock_t *ptl;
	pte_t *pte;

	KEXPECT(pgd && data);
	pte = pte_alloc_map(NULL, pmd_offset(pgd_offset_pgd(pgd, addr), addr), addr);
	KEXPECT(pte != NULL);
	if (!pte)
		return;
	set_pte(pte, mk_pte(data, PAGE_KERNEL));
	pte_unmap(pte);
	pmd_t *pmd = pmd_offset(pgd_offset_pgd(pgd, addr), addr);

	if (zone_of_highmem_present())
		KEXPECT(PageHighMem(pmd_page(*pmd)));           /* HIGHPTE */
	pte = pte_offset_map_lock(pmd, addr, &ptl);
	KEXPECT(spin_is_locked(ptl));
	KEXPECT(pte_present(*pte) && pte_page(*pte) == data);
	KEXPECT(pte_write(*pte) && !pte_write(pte_wrprotect(*pte)));
	KEXPECT(!pte_young(pte_mkold(*pte)) && pte_young(pte_mkyoung(pte_mkold(*pte))));
	KEXPECT(pte_dirty(pte_mkdirty(*pte)) && !pte_dirty(pte_mkclean(*pte)));
	KEXPECT(pte_write(pte_mkwrite(pte_wrprotect(*pte))) && !pte_user(*pte));
	pte_t *other = pte_offset_map_nested(pmd, addr + PAGE_SIZE);

	KEXPECT(pte_none(*other));
	pte_unmap_nested(other);
	pte_unmap_unlock(pte, ptl);
	KEXPECT(!spin_is_locked(ptl));
	pte_free_page(pmd_page(*pmd));
	__free_page(data);
	free_page((unsigned long)pgd);
}
