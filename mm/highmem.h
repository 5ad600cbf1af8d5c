/*
 * mm/highmem.h - kernel mappings of (possibly high) pages.
 *
 * A high page has no permanent kernel address.  Two ways to get one:
 *
 * kmap(page) / kunmap(page): a slot in the pkmap window, a page table's
 *   worth (LAST_PKMAP) of addresses just below the fixmap, shared by all
 *   CPUs.  The mapping lasts until the last kunmap and a page mapped twice
 *   gets the same address (page->virtual).  kmap may wait for a free slot,
 *   so it must not be called in interrupt context.
 *
 * kmap_atomic(page, type) / kunmap_atomic(addr, type): this CPU's fixmap
 *   slot for `type`.  Never waits, never shared, but the mapping must be
 *   dropped before anything that could sleep, and each type belongs to one
 *   context (KM_USER0/1 kernel code, KM_PTE0/1 page tables, KM_PTE2 the
 *   reverse map's look at a pte, KM_IRQ0/1 interrupt handlers) so nested
 *   users never collide.
 *
 * Both return the direct-map address of a low page without mapping it.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include "mm/fixmap.h"
#include "mm/mm_types.h"

#define LAST_PKMAP 1024
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
/* The page table just below the fixmap's. */
#define PKMAP_BASE ((FIXADDR_START & ~((1UL << PGDIR_SHIFT) - 1)) - (1UL << PGDIR_SHIFT))
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(vaddr) (((unsigned long)(vaddr) - PKMAP_BASE) >> PAGE_SHIFT)

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page, enum km_type type);
void kunmap_atomic(void *addr, enum km_type type);
/* The page behind an address kmap_atomic returned (a low page's direct
 * address too), while it is mapped: how rmap learns a pte's physical
 * address. */
struct page *kmap_atomic_to_page(const void *addr);

/* For the monitor's kmaps and the tests: slot nr's count (0 free, 1 free
 * but not yet flushed, n > 1 mapped by n - 1 users) and its page. */
int pkmap_slot_count(unsigned int nr);
struct page *pkmap_slot_page(unsigned int nr);
void kmap_init(void);
/* How many times a kmap found every slot taken and slept (tests). */
extern unsigned long pkmap_waits;

#endif
