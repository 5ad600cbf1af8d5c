/*
 * mm/filemap.c - the page cache (see mm/pagemap.h), the radix tree's
 * node allocator for the kernel, and the page lock (lock_page).
 *
 * Data: radix_tree_node_cachep, the slab cache of tree nodes;
 * page_wait_table, the wait queues of tasks waiting for a page lock,
 * shared by pages hashed on their address (a wake-up wakes every waiter
 * of the bucket, and each looks at its own page again).
 * Locking: mapping->tree_lock with interrupts off; nodes are allocated
 * with GFP_ATOMIC because they are needed under that lock.  The page lock
 * is PG_locked, a sleeping bit lock: TestSetPageLocked takes it without
 * waiting (reclaim), lock_page sleeps for it; its place in the mm lock
 * order is in mm/lock_order.c.
 */
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/pagemap.h"
#include "mm/slab.h"
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

#define PAGE_WAIT_TABLE_SIZE 64

static wait_queue_head_t page_wait_table[PAGE_WAIT_TABLE_SIZE];

static wait_queue_head_t *page_waitqueue(const struct page *page)
{
	return &page_wait_table[((unsigned long)page / sizeof(*page)) % PAGE_WAIT_TABLE_SIZE];
}

/* Sleep until page's lock is free; take it too if take. */
static void page_lock_wait(struct page *page, bool take)
{
	wait_queue_head_t *wq = page_waitqueue(page);
	DEFINE_WAIT(wait);

	might_sleep();
	while (take ? TestSetPageLocked(page) : PageLocked(page)) {
		prepare_to_wait(wq, &wait, TASK_UNINTERRUPTIBLE);
		if (PageLocked(page))
			schedule();
	}
	finish_wait(wq, &wait);
}

void lock_page(struct page *page)
{
	page_lock_wait(page, true);
}

void wait_on_page_locked(struct page *page)
{
	page_lock_wait(page, false);
}

void unlock_page(struct page *page)
{
	BUG_ON(!TestClearPageLocked(page));
	wake_up_all(page_waitqueue(page));
}

void page_cache_init(void)
{
	for (int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&page_wait_table[i]);
	radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
						   sizeof(struct radix_tree_node), 0, 0, NULL);
	if (!radix_tree_node_cachep)
		panic("page_cache_init: no radix_tree_node cache");
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

int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&mapping->tree_lock, flags);
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
	spin_unlock_irqrestore(&mapping->tree_lock, flags);
	return err;
}

void remove_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	spin_lock_irqsave(&mapping->tree_lock, flags);
	radix_tree_delete(&mapping->page_tree, page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	dec_zone_page_state(page, NR_FILE_PAGES);
	if (TestClearPageSwapBacked(page))
		dec_zone_page_state(page, NR_SHMEM);
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
		err = add_to_page_cache(page, mapping, index);
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
