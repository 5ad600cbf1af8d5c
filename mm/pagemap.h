/*
 * mm/pagemap.h - the page cache: file data in struct pages, indexed by
 * (address_space, page index).
 *
 * Every file (inode) owns an address_space; its page_tree maps the index
 * of each cached page (offset / PAGE_SIZE) to the page, whose
 * page->mapping and page->index point back.  find_get_page() looks a page
 * up and takes a reference for the caller; add_to_page_cache() inserts a
 * new page (the cache holds one reference of its own); the cache's pages
 * may be high memory, reached through kmap.
 *
 * Locking: mapping->tree_lock (irqsave) covers the tree and nrpages.
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
};

void address_space_init(struct address_space *mapping, struct inode *host);
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index);
void remove_from_page_cache(struct page *page);
/* The page at index with a reference taken, or NULL. */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* Drop every page from index `start` on (the cache's references). */
void truncate_inode_pages(struct address_space *mapping, unsigned long start);

void page_cache_init(void);

#endif
