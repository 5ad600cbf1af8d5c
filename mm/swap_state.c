/*
 * mm/swap_state.c - the swap cache (mm/swap_state.h): the pages that
 * are on their way to a swap slot or back from one, found by their swap
 * entry, so that a page is never read twice nor written while another
 * copy of it is in memory.
 *
 * A page enters the cache in two ways: reclaim's add_to_swap gives an
 * anonymous page a fresh slot (the slot's first count, from
 * get_swap_page, is the cache's), and a swap-in's read_swap_cache_async
 * adds a new page for a slot that swap ptes use (the cache takes a count
 * of its own with swap_duplicate).  It leaves with delete_from_swap_cache,
 * which gives the cache's count and page reference back - directly, or
 * through remove_exclusive_swap_page when nothing else needs the slot
 * (a swap-in with swap filling up, a zap of the last mapping), or
 * reclaim's reclaim_swap_page, which does so only for a page nobody
 * else holds.
 *
 * Data: swapper_space (its tree keyed by swp_entry_t.val, nrpages).
 * Locking: swapper_space.tree_lock with interrupts off around the tree,
 * PG_swapcache and page->private of the pages in it; the caller holds
 * the page lock while a page goes in or out, so whoever holds it sees a
 * stable PageSwapCache.  swap_lock (mm/swapfile.c) is never held here
 * when tree_lock is taken, and never taken under it.
 */
#include "kernel/locking/lockdep.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/swap_state.h"
#include "mm/swapfile.h"

struct address_space swapper_space;

void swap_cache_init(void)
{
	address_space_init(&swapper_space, NULL);
}

/* page's fields for the swap cache, the swapper tree holding it already
 * (its tree_lock held). */
static void mark_swap_cache(struct page *page, swp_entry_t entry)
{
	SetPageSwapCache(page);
	page->private = entry.val;
	swapper_space.nrpages++;
}

/* Insert page under entry, its slot count already taken for the cache. */
static int __add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	unsigned long flags;
	int err;

	if (!PageLocked(page) || PageSwapCache(page) || page->mapping)
		panic("add_to_swap_cache: page %p: not locked, or not a free anonymous page",
		      (void *)page);
	spin_lock_irqsave(&swapper_space.tree_lock, flags);
	err = radix_tree_insert(&swapper_space.page_tree, entry.val, page);
	if (!err) {
		get_page(page);
		mark_swap_cache(page, entry);
	}
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	return err;
}

int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	int err;

	if (!swap_duplicate(entry))
		return -ENOENT;
	err = __add_to_swap_cache(page, entry);
	if (err)
		swap_free(entry);
	return err;
}

bool add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	if (!entry.val)
		return false;
	/* A fresh slot has no page in the cache: only -ENOMEM can fail. */
	if (__add_to_swap_cache(page, entry)) {
		swap_free(entry);
		return false;
	}
	SetPageDirty(page);
	return true;
}

static void check_deletable(struct page *page, const char *who)
{
	if (!PageLocked(page) || !PageSwapCache(page) || PageWriteback(page))
		panic("%s: page %p: not locked, not in the cache, or under writeback", who,
		      (void *)page);
}

/* Out of the tree; the slot's count and the page reference are the
 * caller's to drop.  tree_lock held. */
static void __delete_from_swap_cache(struct page *page)
{
	lockdep_assert_held(&swapper_space.tree_lock);
	radix_tree_delete(&swapper_space.page_tree, page->private);
	ClearPageSwapCache(page);
	page->private = 0;
	swapper_space.nrpages--;
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { page->private };
	unsigned long flags;

	check_deletable(page, "delete_from_swap_cache");
	spin_lock_irqsave(&swapper_space.tree_lock, flags);
	__delete_from_swap_cache(page);
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	swap_free(entry);
	put_page(page);
}

/* The count is read under tree_lock, where lookup_swap_cache takes its
 * reference: a swap-in cannot find the page between the test and the
 * removal. */
bool reclaim_swap_page(struct page *page)
{
	swp_entry_t entry = { page->private };
	unsigned long flags;
	bool unused;

	check_deletable(page, "reclaim_swap_page");
	spin_lock_irqsave(&swapper_space.tree_lock, flags);
	unused = page_count(page) == 2;
	if (unused)
		__delete_from_swap_cache(page);
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	if (!unused)
		return false;
	swap_free(entry);
	put_page(page);
	return true;
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&swapper_space.tree_lock, flags);
	page = radix_tree_lookup(&swapper_space.page_tree, entry.val);
	if (page)
		get_page(page);
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	return page;
}

/* Two swap-ins of one entry (two faults, a fault and readahead) may both
 * miss the cache: the one whose insert loses (-EEXIST) frees its page and
 * looks again, finding the winner's. */
struct page *read_swap_cache_async(swp_entry_t entry)
{
	for (;;) {
		struct page *page = lookup_swap_cache(entry);
		int err;

		if (page)
			return page;
		page = alloc_page(GFP_HIGHUSER);
		if (!page)
			return NULL;
		SetPageLocked(page);    /* nobody else knows it yet */
		err = add_to_swap_cache(page, entry);
		if (!err) {
			lru_cache_add_active(page);
			swap_readpage(page);
			return page;
		}
		ClearPageLocked(page);
		put_page(page);
		if (err != -EEXIST)
			return NULL;
	}
}

void swapin_readahead(swp_entry_t entry)
{
	unsigned long offset;
	unsigned int n = valid_swaphandles(entry, &offset);

	for (unsigned int i = 0; i < n; i++) {
		struct page *page = read_swap_cache_async(swp_entry(swp_type(entry), offset + i));

		if (!page)
			break;
		put_page(page);
	}
}

/* The page of entry, locked, with a reference; NULL if there is none or
 * its lock is taken (whoever holds it will deal with the page). */
static struct page *find_trylock_swap_page(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry);

	if (page && TestSetPageLocked(page)) {
		put_page(page);
		return NULL;
	}
	return page;
}

void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	page = find_trylock_swap_page(entry);
	if (!page)
		return;
	/* Ours and the cache's references, and only the cache's count on
	 * the slot: no pte will ever look for this page again. */
	if (PageSwapCache(page) && page->private == entry.val && !PageWriteback(page) &&
	    page_count(page) == 2 && swap_count(entry) == 1)
		delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
}

int move_to_swap_cache(struct page *page, swp_entry_t entry)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;
	int err;

	if (!PageLocked(page) || PageSwapCache(page) || !mapping)
		panic("move_to_swap_cache: page %p: not locked, or not a cache page", (void *)page);
	if (!swap_duplicate(entry))
		return -ENOENT;
	spin_lock_irqsave(&mapping->tree_lock, flags);
	spin_lock(&swapper_space.tree_lock);
	err = radix_tree_insert(&swapper_space.page_tree, entry.val, page);
	if (!err) {
		__remove_from_page_cache(page);         /* its reference is the swap cache's now */
		mark_swap_cache(page, entry);
	}
	spin_unlock(&swapper_space.tree_lock);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (err)
		swap_free(entry);
	else
		SetPageDirty(page);
	return err;
}

int move_from_swap_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	swp_entry_t entry = { page->private };
	unsigned long flags;
	int err;

	if (!PageLocked(page) || !PageSwapCache(page) || PageWriteback(page))
		panic("move_from_swap_cache: page %p: not locked, not in the cache, or under writeback",
		      (void *)page);
	spin_lock_irqsave(&mapping->tree_lock, flags);
	spin_lock(&swapper_space.tree_lock);
	err = __add_to_page_cache(page, mapping, index);
	if (!err) {
		radix_tree_delete(&swapper_space.page_tree, entry.val);
		ClearPageSwapCache(page);
		page->private = 0;
		swapper_space.nrpages--;
	}
	spin_unlock(&swapper_space.tree_lock);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	if (err)
		return err;
	swap_free(entry);
	put_page(page);         /* the swap cache's; the caller holds one */
	return 0;
}

bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

bool remove_exclusive_swap_page(struct page *page)
{
	if (!PageLocked(page))
		panic("remove_exclusive_swap_page: page %p is not locked", (void *)page);
	if (!PageSwapCache(page) || PageWriteback(page) || !can_share_swap_page(page))
		return false;
	delete_from_swap_cache(page);
	return true;
}

bool can_share_swap_page(struct page *page)
{
	if (!PageLocked(page))
		panic("can_share_swap_page: page %p is not locked", (void *)page);
	if (!PageSwapCache(page))
		return page_count(page) == 1;
	return page_count(page) == 2 && swap_count((swp_entry_t){ page->private }) == 1;
}
