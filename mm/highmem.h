/*
 * mm/highmem.h - temporary kernel mappings of (possibly high) pages.
 *
 * A high page has no permanent kernel address.  kmap_atomic(page, type)
 * maps it into this CPU's fixmap slot for `type` and returns the address;
 * kunmap_atomic(addr, type) removes it.  The mapping is for short use:
 * no sleeping while it is held, and each type is used by one context
 * (KM_USER0/1 for ordinary kernel code, KM_PTE0/1 for page tables,
 * KM_IRQ0/1 for interrupt handlers) so nested users never share a slot.
 * A low page simply returns its direct-map address.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include "mm/fixmap.h"
#include "mm/mm_types.h"

void *kmap_atomic(struct page *page, enum km_type type);
void kunmap_atomic(void *addr, enum km_type type);

#endif
