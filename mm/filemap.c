/*
 * mm/filemap.c - the page cache (see mm/pagemap.h; its insert and
 * removal also without the lock, for shmem's moves to and from the swap
 * cache), the radix tree's node allocator for the kernel, and the page
 * lock with the waits for a page's I/O.
 *
 * Data: radix_tree_node_cachep, the slab cache of tree nodes;
 * page_wait_table[], the wait queues pages hash to.
 * Locking: mapping->tree_lock with interrupts off; nodes are allocated
 * with GFP_ATOMIC because they are needed under that lock.  PG_locked
 * and PG_writeback are bits changed atomically; their waiters recheck
 * the bit after every wake-up (the queues are shared).  A waiter unplugs
 * the disks first (sync_page).
 */
#include "drivers/block/blkdev.h"
#include "kernel/locking/lockdep.h"
#include "kernel/panic.h"
#include "lib/errno.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/pagemap.h"
#include "mm/slab.h"
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

#define GANG 16

static struct kmem_cache *radix_tree_node_cachep;

struct radix_tree_node *radix_tree_node_alloc(void)
{
	struct radix_tree_node *node = kmem_cache_alloc(radix_tree_node_cachep, GFP_ATOMIC);

	if (node)
		memset(node, 0, sizeof(*node));
	return node;
}

void radix_tree_node_free(struct radix_tree_node *node)
{
	kmem_cache_free(radix_tree_node_cachep, node);
}

#define PAGE_WAIT_TABLE_BITS 8
static wait_queue_head_t page_wait_table[1 << PAGE_WAIT_TABLE_BITS];

void page_cache_init(void)
{
	radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
						   sizeof(struct radix_tree_node), 0, 0, NULL);
	if (!radix_tree_node_cachep)
		panic("page_cache_init: no radix_tree_node cache");
	for (unsigned int i = 0; i < ARRAY_SIZE(page_wait_table); i++)
		init_waitqueue_head(&page_wait_table[i]);
	swap_setup();
	swap_cache_init();
}

void address_space_init(struct address_space *mapping, struct inode *host)
{
	mapping->page_tree = (struct radix_tree_root)RADIX_TREE_INIT;
	spin_lock_init(&mapping->tree_lock);
	mapping->nrpages = 0;
	mapping->host = host;
	mapping->flags = 0;
	spin_lock_init(&mapping->i_mmap_lock);
	INIT_LIST_HEAD(&mapping->i_mmap);
	INIT_LIST_HEAD(&mapping->i_mmap_shared);
}

int __add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	int err;

	lockdep_assert_held(&mapping->tree_lock);
	err = radix_tree_insert(&mapping->page_tree, index, page);
	if (!err) {
		get_page(page);
		page->mapping = mapping;
		page->index = index;
		mapping->nrpages++;
		inc_zone_page_state(page, NR_FILE_PAGES);
		if (PageSwapBacked(page))
			inc_zone_page_state(page, NR_SHMEM);
	}
	return err;
}

int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	err = __add_to_page_cache(page, mapping, index);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	return err;
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index)
{
	int err = add_to_page_cache(page, mapping, index);

	if (!err)
		lru_cache_add(page);
	return err;
}

void __remove_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	lockdep_assert_held(&mapping->tree_lock);
	radix_tree_delete(&mapping->page_tree, page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	dec_zone_page_state(page, NR_FILE_PAGES);
	if (TestClearPageSwapBacked(page))
		dec_zone_page_state(page, NR_SHMEM);
}

void remove_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	__remove_from_page_cache(page);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	put_page(page);
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	page = radix_tree_lookup(&mapping->page_tree, index);
	if (page)
		get_page(page);
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	return page;
}

/* Two faults (or a fault and a write) may both find no page and both
 * add one: the insert that loses (-EEXIST) frees its page and looks again. */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;
	int err;

	for (;;) {
		page = find_get_page(mapping, index);
		if (page)
			return page;
		page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (!page)
			return NULL;
		if (mapping_swap_backed(mapping))
			SetPageSwapBacked(page);
		err = add_to_page_cache_lru(page, mapping, index);
		if (!err)
			return page;    /* our reference and the cache's */
		ClearPageSwapBacked(page);
		put_page(page);
		if (err != -EEXIST)
			return NULL;
	}
}

void truncate_inode_pages(struct address_space *mapping, unsigned long start)
{
	struct page *pages[GANG];
	unsigned long flags;
	unsigned int n;

	do {
		spin_lock_irqsave(&mapping->tree_lock, flags);
		n = radix_tree_gang_lookup(&mapping->page_tree, (void **)pages, start, GANG);
		spin_unlock_irqrestore(&mapping->tree_lock, flags);
		for (unsigned int i = 0; i < n; i++)
			remove_from_page_cache(pages[i]);
	} while (n);
}

/* ---- the page lock and I/O waits ---- */

/* Multiplicative hashing of the frame number: neighbouring pages, often
 * waited on together by a readahead, land on different queues. */
static wait_queue_head_t *page_waitqueue(const struct page *page)
{
	u32 hash = (u32)page_to_pfn(page) * 0x9e370001u;

	return &page_wait_table[hash >> (32 - PAGE_WAIT_TABLE_BITS)];
}

/* Wake whoever waits on page's queue, for any bit.  Always through the
 * queue's lock, never a lockless look at the list first: a waiter queues
 * itself under that lock before it looks at the bit, so either it sees
 * the bit clear or it is on the list when this takes the lock. */
static void wake_up_page(struct page *page)
{
	wake_up_all(page_waitqueue(page));
}

/* Whoever holds page locked or under writeback may be waiting for a
 * disk whose queue is plugged: let it go before sleeping on the page
 * (Linux 2.6.0's sync_page and block_sync_page). */
static void sync_page(struct page *page)
{
	if (PageSwapCache(page))
		blk_run_queues();
}

/* Sleep until page's flag bit is clear: a wait for I/O (io_schedule). */
static void __sched wait_on_page_bit(struct page *page, int bit)
{
	wait_queue_head_t *q = page_waitqueue(page);
	DEFINE_WAIT(wait);

	might_sleep();
	for (;;) {
		prepare_to_wait(q, &wait, TASK_UNINTERRUPTIBLE);
		if (!((__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >> bit) & 1))
			break;
		sync_page(page);
		io_schedule();
	}
	finish_wait(q, &wait);
}

void __sched lock_page(struct page *page)
{
	while (TestSetPageLocked(page))
		wait_on_page_bit(page, PG_locked);
}

void unlock_page(struct page *page)
{
	if (!TestClearPageLocked(page))
		panic("unlock_page: page %p (pfn %#lx) is not locked", (void *)page,
		      page_to_pfn(page));
	wake_up_page(page);
	writeback_done();
}

void __sched wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_on_page_bit(page, PG_locked);
}

void __sched wait_on_page_writeback(struct page *page)
{
	if (PageWriteback(page))
		wait_on_page_bit(page, PG_writeback);
}

void end_page_writeback(struct page *page)
{
	if (TestClearPageReclaim(page))
		rotate_reclaimable_page(page);
	if (!TestClearPageWriteback(page))
		panic("end_page_writeback: page %p (pfn %#lx) is not under writeback",
		      (void *)page, page_to_pfn(page));
	wake_up_page(page);
}
