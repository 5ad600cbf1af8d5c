/*
 * mm/page.h - page size and the direct map of low memory.
 *
 * Physical address p of low memory is mapped at virtual PAGE_OFFSET + p, so
 * __va()/__pa() convert by adding/subtracting PAGE_OFFSET.  Only valid for
 * low memory (below the lowmem limit); high memory is reached through kmap.
 * Also the page-table entry types and their bits.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include "lib/types.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_OFFSET 0xC0000000UL
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

#define __pa(x) ((unsigned long)(x) - PAGE_OFFSET)
#define __va(x) ((void *)((unsigned long)(x) + PAGE_OFFSET))

/* Page-table entry bits (i386, non-PAE). */
#define _PAGE_PRESENT 0x001
#define _PAGE_RW 0x002
#define _PAGE_USER 0x004
#define _PAGE_PWT 0x008
#define _PAGE_PCD 0x010
#define _PAGE_ACCESSED 0x020
#define _PAGE_DIRTY 0x040
#define _PAGE_PSE 0x080
#define _PAGE_GLOBAL 0x100
/* With _PAGE_PRESENT clear the CPU ignores every other bit: as Linux, a
 * PROT_NONE page keeps its frame and marks itself with bit 7. */
#define _PAGE_PROTNONE 0x080
/* Bit 9 is the software's (AVL, ignored by the CPU): a user pte mapping
 * an anonymous page (not the page cache's), so that unmapping counts it
 * where mapping counted it (AnonPages or Mapped) even if the file page
 * left the page cache meanwhile. */
#define _PAGE_ANON 0x200

/* What a page-directory entry gives its page table: user tables may
 * hold user pages, kernel tables only kernel ones. */
#define _PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW)

#define PTRS_PER_PGD 1024
#define PTRS_PER_PTE 1024
#define PGDIR_SHIFT 22

/*
 * Entries are one-member structs, as in Linux, so that a pte, a pgd entry
 * and a protection cannot be mixed up or used as plain numbers by
 * accident: the compiler refuses.  x_val() reads the raw bits, __x()
 * builds an entry from them.
 */
typedef struct { u32 pte_low; } pte_t;
typedef struct { u32 pgd; } pgd_t;
typedef struct { u32 pgprot; } pgprot_t;

#define pte_val(x) ((x).pte_low)
#define pgd_val(x) ((x).pgd)
#define pgprot_val(x) ((x).pgprot)
#define __pte(x) ((pte_t){ (x) })
#define __pgd(x) ((pgd_t){ (x) })
#define __pgprot(x) ((pgprot_t){ (x) })

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

#endif
