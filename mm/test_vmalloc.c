/*
 * mm/test_vmalloc.c - ktests of vmalloc: areas are virtually contiguous
 * and usable end to end, backed by pages of any zone, separated by guard
 * pages that fault, and their pages and address space come back on vfree.
 * Locking: run alone on the boot CPU.
 */
#include "kernel/arch/extable.h"
#include "kernel/debug/ktest.h"
#include "lib/string.h"
#include "mm/maccess.h"
#include "mm/mmzone.h"
#include "mm/pgtable.h"
#include "mm/vmalloc.h"

#define EFAULT 14

static struct page *vmalloc_to_page(const void *addr)
{
	pte_t pte = *pte_offset_kernel(pmd_offset(pgd_offset_k((unsigned long)addr),
						  (unsigned long)addr), (unsigned long)addr);

	return pte_present(pte) ? pte_page(pte) : NULL;
}

KTEST(vmalloc, contiguous_and_usable)
{
	unsigned long size = 40 * PAGE_SIZE + 123;
	u8 *v = vmalloc(size);
	bool any_high = false;

	KEXPECT(v != NULL);
	if (!v)
		return;
	KEXPECT((unsigned long)v >= VMALLOC_START && (unsigned long)v + size <= VMALLOC_END);
	for (unsigned long i = 0; i < size; i++)
		v[i] = (u8)(i * 7);
	for (unsigned long i = 0; i < size; i++)
		if (v[i] != (u8)(i * 7)) {
			ktest_fail(__FILE__, __LINE__, "byte %lu changed", i);
			break;
		}
	for (unsigned long off = 0; off < size; off += PAGE_SIZE)
		any_high |= PageHighMem(vmalloc_to_page(v + off));
	if (contig_page_data.node_zones[ZONE_HIGHMEM].present_pages)
		KEXPECT(any_high);      /* vmalloc takes high pages when there are any */
	vfree(v);
}

KTEST(vmalloc, guard_page_faults)
{
	u8 *a = vmalloc(PAGE_SIZE), *b = vmalloc(PAGE_SIZE);
	u8 byte;

	KEXPECT(a && b);
	if (!a || !b)
		return;
	KEXPECT(b >= a + 2 * PAGE_SIZE || a >= b + 2 * PAGE_SIZE);   /* a gap between */
	KEXPECT_EQ(probe_kernel_read(&byte, a + PAGE_SIZE - 1, 1), 0);
	KEXPECT_EQ(probe_kernel_read(&byte, a + PAGE_SIZE, 1), -EFAULT);
	KEXPECT_EQ(last_fixup.cr2, (unsigned long)a + PAGE_SIZE);
	KEXPECT(strstr(vmalloc_describe((unsigned long)a + PAGE_SIZE), "guard page"));
	vfree(a);
	vfree(b);
}

KTEST(vmalloc, vfree_returns_pages_and_space)
{
	unsigned long free_before = nr_free_pages();
	void *first, *again;

	drain_all_pages();
	free_before = nr_free_pages();
	first = vmalloc(64 * PAGE_SIZE);
	KEXPECT(first != NULL);
	vfree(first);
	drain_all_pages();
	KEXPECT_EQ(nr_free_pages(), free_before);
	again = vmalloc(64 * PAGE_SIZE);
	KEXPECT(again == first);                        /* first fit reuses it */
	vfree(again);
	KEXPECT(vmalloc_to_page(first) == NULL);        /* unmapped */
}

KTEST(vmalloc, refuses_impossible_sizes)
{
	KEXPECT(vmalloc(0) == NULL);
	KEXPECT(vmalloc(VMALLOC_END - VMALLOC_START + 1) == NULL);
	vfree(NULL);
}
