/*
 * mm/swap.h - swap entries: where a page that is not in memory lives on
 * swap, and how a non-present pte says so.
 *
 * A swap entry names one page-sized slot: the swap area (its type, the
 * index in swap_info[], mm/swapfile.h) and the slot's offset in that
 * area (offset 0 is the area's header page, never handed out).  It has
 * two forms, as in Linux:
 *
 *   swp_entry_t, the machine-independent one the swap code passes
 *   around: the type in the top MAX_SWAPFILES_SHIFT bits of val, the
 *   offset below them.
 *
 *        31    27 26                                        0
 *       +--------+-------------------------------------------+
 *       |  type  |                 offset                    |
 *       +--------+-------------------------------------------+
 *
 *   the pte form, what try_to_unmap will leave in a page table.  The
 *   CPU ignores every bit of a pte whose present bit (0) is clear, so the
 *   kernel may use them, but two other kinds of entry must stay apart:
 *   pte_none (all zero) and a PROT_NONE page (bit 7, _PAGE_PROTNONE,
 *   mm/page.h; pte_present() counts it as mapped).  So bits 0 and 7
 *   are always clear in a swap pte, bit 6 is kept clear as well (Linux
 *   i386 uses it for nonlinear file ptes), the type sits in bits 1-5 and
 *   the offset in bits 8-31:
 *
 *        31                                 8   7   6  5     1   0
 *       +------------------------------------+---+---+--------+---+
 *       |           offset (24 bits)         | 0 | 0 |  type  | 0 |
 *       +------------------------------------+---+---+--------+---+
 *
 *   An offset has at least one bit set (slot 0 is never an entry), so a
 *   swap pte is never pte_none.  24 bits of offset limit an area to
 *   2^24 pages (64 GiB): SWP_OFFSET_MAX.
 *
 * Locking: none; these are values.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "mm/pgtable.h"

#define MAX_SWAPFILES_SHIFT 5
#define MAX_SWAPFILES (1 << MAX_SWAPFILES_SHIFT)

typedef struct {
	unsigned long val;
} swp_entry_t;

#define SWP_TYPE_SHIFT (32 - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK ((1UL << SWP_TYPE_SHIFT) - 1)

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	return (swp_entry_t){ (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK) };
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return (unsigned int)(entry.val >> SWP_TYPE_SHIFT);
}

static inline unsigned long swp_offset(swp_entry_t entry)
{
	return entry.val & SWP_OFFSET_MASK;
}

/* The pte form (see the drawing above). */
#define SWP_PTE_TYPE_SHIFT 1
#define SWP_PTE_OFFSET_SHIFT 8
#define SWP_OFFSET_MAX ((1UL << (32 - SWP_PTE_OFFSET_SHIFT)) - 1)

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __pte(((u32)swp_type(entry) << SWP_PTE_TYPE_SHIFT) |
		     ((u32)swp_offset(entry) << SWP_PTE_OFFSET_SHIFT));
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((pte_val(pte) >> SWP_PTE_TYPE_SHIFT) & (MAX_SWAPFILES - 1),
			 pte_val(pte) >> SWP_PTE_OFFSET_SHIFT);
}

/* Neither empty nor mapped (PROT_NONE counts as mapped): a swap entry. */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

#endif
