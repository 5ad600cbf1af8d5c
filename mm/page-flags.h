/*
 * mm/page-flags.h - the PG_ bits of page->flags and the functions that
 * test and change them: PageX, SetPageX, ClearPageX, TestSetPageX and
 * TestClearPageX for every flag X, made by one macro.
 *
 * Data: bits 0..__NR_PAGEFLAGS-1 of page->flags (the zone index lives in
 * the top bits, mm/mmzone.h).
 * Locking: every change is an atomic bit operation, since other CPUs may
 * change other bits of the same word at the same time.
 */
#ifndef MM_PAGE_FLAGS_H
#define MM_PAGE_FLAGS_H

#include "kernel/arch/bitops.h"

/* Included by mm/mm_types.h once struct page is complete. */

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_slab,
	PG_highmem,
	PG_reserved,
	PG_swapcache,
	PG_writeback,
	PG_buddy,
	PG_swapbacked,          /* shmem: its backing store will be swap, not a file */
	PG_direct,              /* page->pte.direct is its one mapping (mm/rmap.h) */
	PG_chainlock,           /* the bit spinlock over page->pte (pte_chain_lock) */
	PG_error,               /* its last read or write failed (swap I/O) */
	PG_reclaim,             /* written for reclaim: rotate when the write ends */
	__NR_PAGEFLAGS
};

/* Page##name tests the flag; SetPage, ClearPage, TestSetPage and
 * TestClearPage change it atomically (lock bts/btr), the Test ones also
 * saying what it was before: exactly one of several racing CPUs sees
 * TestSetPageLocked return false, and that one holds the page lock. */
#define PAGEFLAG(name, bit)                                                  \
	static inline bool Page##name(const struct page *p)                  \
	{ return (p->flags >> (bit)) & 1; }                                  \
	static inline void SetPage##name(struct page *p)                     \
	{ set_bit(bit, &p->flags); }                                         \
	static inline void ClearPage##name(struct page *p)                   \
	{ clear_bit(bit, &p->flags); }                                       \
	static inline bool TestSetPage##name(struct page *p)                 \
	{ return test_and_set_bit(bit, &p->flags); }                         \
	static inline bool TestClearPage##name(struct page *p)               \
	{ return test_and_clear_bit(bit, &p->flags); }

PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Referenced, PG_referenced)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(LRU, PG_lru)
PAGEFLAG(Active, PG_active)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(HighMem, PG_highmem)
PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(SwapCache, PG_swapcache)
PAGEFLAG(Writeback, PG_writeback)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(SwapBacked, PG_swapbacked)
PAGEFLAG(Direct, PG_direct)
PAGEFLAG(Error, PG_error)
PAGEFLAG(Reclaim, PG_reclaim)

#endif
