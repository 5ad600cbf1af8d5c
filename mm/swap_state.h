/*
 * mm/swap_state.h - the swap cache (mm/swap_state.c) and swap I/O
 * (mm/page_io.c): anonymous pages on their way to swap and back.
 *
 * The swap cache is swapper_space, an address_space whose radix tree is
 * keyed by swp_entry_t.val.  A page in it has PG_swapcache and its entry
 * in page->private; page->mapping stays NULL (anonymous pages are told
 * apart by that).  The cache holds one reference to the page and one
 * count on the slot (swap_map); each swap pte holds another count.
 *
 *   swp_entry_t.val --radix tree--> struct page
 *                                     flags: PG_swapcache, PG_locked,
 *                                            PG_writeback, PG_error
 *                                     private: the entry
 *
 * Who waits on what: PG_locked is held by whoever adds a page to the
 * cache or takes it out, and while it is being read (swap_readpage;
 * the completion unlocks it), so a fault finding a page being read waits
 * on the lock (lock_page or wait_on_page_locked), and a read that failed
 * leaves PG_error.  PG_writeback is set while swap_writepage's write is
 * under way; a page under writeback stays in the cache
 * (wait_on_page_writeback).
 *
 * Locking: swapper_space.tree_lock (irqsave) covers the tree and
 * nrpages; it comes after swap_lock (mm/lock_order.c).  The page lock
 * (PG_locked) is held across add_to_swap and delete_from_swap_cache.
 */
#ifndef MM_SWAP_STATE_H
#define MM_SWAP_STATE_H

#include "mm/pagemap.h"
#include "mm/swap.h"

extern struct address_space swapper_space;
/* Pages in the swap cache (/proc/meminfo SwapCached). */
#define total_swapcache_pages (swapper_space.nrpages)

void swap_cache_init(void);

/* Add page (locked, anonymous, not in the cache) under entry, taking a
 * count on the slot for the cache: 0, -ENOENT (the slot is free),
 * -EEXIST (a page is there already) or -ENOMEM. */
int add_to_swap_cache(struct page *page, swp_entry_t entry);
/* Give page (locked, anonymous, not in the cache) a slot and add it to
 * the cache, marked dirty (its data is not on swap yet): true, or false
 * when swap is full (or no memory for the tree). */
bool add_to_swap(struct page *page);
/* Take page (locked, not under writeback) out of the cache: the slot's
 * count and the page's reference the cache held are dropped. */
void delete_from_swap_cache(struct page *page);
/* Reclaim's delete_from_swap_cache for page (locked, clean, not under
 * writeback) that the cache and the caller alone hold (page_count 2):
 * true if it went, the cache's reference dropped; false if anybody
 * else has the page (a swap-in found it) and it stays. */
bool reclaim_swap_page(struct page *page);
/* The cache's page for entry with a reference taken, or NULL. */
struct page *lookup_swap_cache(swp_entry_t entry);
/* The page of entry with a reference taken: from the cache, or a new
 * one added to it (locked, on the active LRU list) with its read
 * started; wait_on_page_locked, then PageError says whether the read
 * failed.  NULL when the slot is free or there is no memory. */
struct page *read_swap_cache_async(swp_entry_t entry);
/* Read the cluster of slots around entry (2^page_cluster, aligned) into
 * the cache without waiting: the fault path's readahead. */
void swapin_readahead(swp_entry_t entry);
/* A swap pte is zapped: drop its count on the slot, and when only the
 * cache's count is left and nobody uses the page, drop the page too. */
void free_swap_and_cache(swp_entry_t entry);
/*
 * shmem's moves (mm/shmem.c), each one step under both trees' locks (the
 * object's, then swapper_space's), so that nobody finds the page in both
 * caches or in neither.  move_to_swap_cache: page (locked, unmapped, in
 * its shmem object's cache) leaves that cache for the swap cache under
 * entry, dirty (the cache's count on the slot taken here).
 * move_from_swap_cache: page (locked, in the swap cache, not under
 * writeback) goes to mapping's cache at index, and the swap cache's count
 * and reference go.  0, or -ENOENT (entry's slot is free), -EEXIST
 * (index taken), -ENOMEM: nothing changed.
 */
int move_to_swap_cache(struct page *page, swp_entry_t entry);
int move_from_swap_cache(struct page *page, struct address_space *mapping, unsigned long index);

/* Is swap more than half used?  Then a swapped-in page leaves the cache
 * when nobody else needs its slot (Linux's vm_swap_full). */
bool vm_swap_full(void);
/* Take page (locked) out of the cache if only the cache and one mapping
 * (or one holder) have it and no pte uses its slot: true if it did. */
bool remove_exclusive_swap_page(struct page *page);
/* May the only mapping of page (locked) write it in place?  Yes if
 * nothing else holds it: not in the cache and one reference, or in the
 * cache with the cache's and one mapping's references and no other swap
 * pte on its slot. */
bool can_share_swap_page(struct page *page);

/* Swap I/O (mm/page_io.c), asynchronous.  swap_writepage: page locked,
 * in the swap cache; it clears PG_dirty, sets PG_writeback, unlocks the
 * page and starts the write; the completion calls end_page_writeback
 * (a failed write leaves PG_error and the page dirty again).  0, or
 * -ENOMEM (no bio, or an area without a device: a ktest's) with the
 * page unlocked and still dirty.  swap_readpage: page
 * locked, in the swap cache; the completion unlocks it (PG_error if the
 * read failed). */
int swap_writepage(struct page *page);
void swap_readpage(struct page *page);

#endif
