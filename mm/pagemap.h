/*
 * mm/pagemap.h - the page cache: file data in struct pages, indexed by
 * (address_space, page index).
 *
 * Every file (inode) owns an address_space; its page_tree maps the index
 * of each cached page (offset / PAGE_SIZE) to the page, whose
 * page->mapping and page->index point back.  find_get_page() looks a page
 * up and takes a reference for the caller; add_to_page_cache() inserts a
 * new page (the cache holds one reference of its own); the cache's pages
 * may be high memory, reached through kmap.  find_or_create_page() is the
 * fault path of a shared mapping: the page at index, a new zeroed one
 * added (and put on the inactive LRU list, mm/lru.h) if there was none.
 * The swap cache (mm/swap_state.h) is an address_space too, keyed by
 * swap entry, whose pages do not point back (page->mapping stays NULL).
 * Page locks and the I/O waits are at the end.  A swap-backed mapping (AS_SWAP_BACKED: a
 * shmem object, mm/shmem.h) has no file behind it: its pages are marked
 * PG_swapbacked and counted in NR_SHMEM while they are in the cache.
 *
 * The address_space also lists the areas mapping it (Linux 2.6's i_mmap
 * and i_mmap_shared, each vma on one through vma->shared), so that a
 * truncate can take the pages past the new end out of every process
 * (mm/memory.c:unmap_mapping_range).
 *
 * Locking: mapping->tree_lock (irqsave) covers the tree and nrpages;
 * mapping->i_mmap_lock the two vma lists and, for the areas on them,
 * vm_start, vm_end and vm_pgoff (which change only under it as well as
 * under their mm's mmap_sem): see mm/lock_order.c for its place.
 */
#ifndef MM_PAGEMAP_H
#define MM_PAGEMAP_H

#include "kernel/locking/spinlock.h"
#include "lib/radix-tree.h"
#include "mm/mm_types.h"

struct address_space {
	struct radix_tree_root page_tree;
	spinlock_t tree_lock;
	unsigned long nrpages;
	struct inode *host;             /* the inode whose data this is */
	unsigned long flags;            /* AS_ bits, set before any page is added */
	spinlock_t i_mmap_lock;
	struct list_head i_mmap;        /* private areas mapping it */
	struct list_head i_mmap_shared; /* shared areas mapping it */
};

#define AS_SWAP_BACKED 0x1

static inline bool mapping_swap_backed(const struct address_space *mapping)
{
	return mapping->flags & AS_SWAP_BACKED;
}

void address_space_init(struct address_space *mapping, struct inode *host);
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index);
/* add_to_page_cache, and on success onto the inactive LRU list. */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index);
void remove_from_page_cache(struct page *page);
/* The two without the lock (mapping->tree_lock held) and, for the
 * removal, without dropping the cache's reference: for moving a page
 * between a shmem object's cache and the swap cache in one step
 * (mm/swap_state.c). */
int __add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index);
void __remove_from_page_cache(struct page *page);
/* The page at index with a reference taken, or NULL. */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* The page at index with a reference taken; a zeroed page (GFP_HIGHUSER)
 * is added first if there is none.  NULL without memory. */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index);
/* Unmap the pages at index pgoff and on from every area mapping the
 * file, in every process: a shrinking truncate, before it drops them
 * from the cache, so that no freed page stays mapped and an access past
 * the new end faults (SIGBUS in a shared mapping, as Linux's vmtruncate;
 * a private one gets a fresh zeroed page here).  Copies a private area
 * made (copy-on-write) are dropped too, as in Linux. */
void unmap_mapping_range(struct address_space *mapping, unsigned long pgoff);
/* Drop every page from index `start` on (the cache's references). */
void truncate_inode_pages(struct address_space *mapping, unsigned long start);

void page_cache_init(void);

/*
 * The page lock (PG_locked) and waiting for I/O (PG_writeback).  A page
 * is locked while it is being read (the read's completion unlocks it)
 * and by whoever changes its identity (adds it to or takes it out of
 * the swap cache); PG_writeback is set while a write is under way.
 * Waiters sleep on one of a table of wait queues, chosen by hashing the
 * page (Linux's page_waitqueue): a queue per page would make struct
 * page grow, and the rare collision only wakes a waiter that looks and
 * sleeps again.  The lock and wait functions sleep: process context,
 * no spinlock held.
 */
void lock_page(struct page *page);
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);
void wait_on_page_writeback(struct page *page);
/* The write that set PG_writeback is over (from its completion, maybe
 * in an interrupt): clear it and wake the waiters; a page written for
 * reclaim (PG_reclaim) goes to the tail of the inactive list. */
void end_page_writeback(struct page *page);

#endif
