/*
 * mm/shmem.c - shmem objects (see mm/shmem.h): the memory behind shared
 * anonymous mappings, MAP_SHARED of /dev/zero and System V segments.
 *
 * An object is an inode from new_inode() with no dentry: i_size is its
 * size, i_data (swap-backed) holds its pages, i_private its
 * shmem_inode_info.  A fault in an area mapping it goes through the
 * shared-file path of mm/memory.c (find_or_create_page on i_data): the
 * first toucher adds a zeroed page, everyone after maps the same one,
 * before fork or after.  The object goes with its last reference
 * (iput -> shmem_evict_inode, then the pages).
 *
 * Its whole size is charged to Committed_AS when it is made and given
 * back when it goes, as Linux accounts shared writable memory (the pages
 * may all be touched, and nobody's private area counts them); under
 * overcommit mode 2 an object that would pass CommitLimit is not made.
 *
 * Swap (mm/shmem.h): shmem_writepage moves a page into the swap cache
 * and records its entry in the object's swap index; shmem_getpage finds
 * a page in the object's cache, else on swap (shmem_swapin: read into
 * the swap cache, then moved back), else makes a zeroed one.  The order
 * of the steps makes every look find the page somewhere: writepage
 * records the entry before the page leaves the cache, a swap-in puts the
 * page in the cache before it forgets the entry.  The last iput gives
 * every slot back (free_swap_and_cache).
 *
 * Data: one shmem_inode_info (kmalloc) per object; shmem_swaplist, the
 * objects with pages on swap.
 * Locking: shmem_swaplist_lock, then info->lock (mm/shmem.h); a page's
 * lock while it moves between the caches.
 */
#include "mm/shmem.h"
#include "fs/fs.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swap_state.h"
#include "mm/swapfile.h"

static LIST_HEAD(shmem_swaplist);
static DEFINE_SPINLOCK(shmem_swaplist_lock);

/* The object's size in pages: the indices its swap index may hold. */
static unsigned long shmem_pages(const struct inode *inode)
{
	return (unsigned long)((inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* The entry recorded at index (val 0: none). */
static swp_entry_t swap_entry_at(struct shmem_inode_info *info, unsigned long index)
{
	swp_entry_t entry;

	spin_lock(&info->lock);
	entry.val = (unsigned long)radix_tree_lookup(&info->swap, index);
	spin_unlock(&info->lock);
	return entry;
}

/* Record entry at index (0 or -ENOMEM), the object on the swaplist. */
static int set_swap_entry(struct shmem_inode_info *info, unsigned long index, swp_entry_t entry)
{
	int err;

	spin_lock(&shmem_swaplist_lock);
	spin_lock(&info->lock);
	err = radix_tree_insert(&info->swap, index, (void *)entry.val);
	if (!err && !info->swapped++)
		list_add_tail(&info->swaplist, &shmem_swaplist);
	spin_unlock(&info->lock);
	spin_unlock(&shmem_swaplist_lock);
	return err;
}

/* Forget entry at index if it is still there: true if it was. */
static bool clear_swap_entry(struct shmem_inode_info *info, unsigned long index,
			     swp_entry_t entry)
{
	bool was;

	spin_lock(&shmem_swaplist_lock);
	spin_lock(&info->lock);
	was = radix_tree_lookup(&info->swap, index) == (void *)entry.val;
	if (was) {
		radix_tree_delete(&info->swap, index);
		if (!--info->swapped)
			list_del_init(&info->swaplist);
	}
	spin_unlock(&info->lock);
	spin_unlock(&shmem_swaplist_lock);
	return was;
}

/* The last iput: every slot the object holds goes. */
static void shmem_free_swap(struct inode *inode, struct shmem_inode_info *info)
{
	for (unsigned long index = 0; info->swapped && index < shmem_pages(inode); index++) {
		swp_entry_t entry = swap_entry_at(info, index);

		if (entry.val && clear_swap_entry(info, index, entry))
			free_swap_and_cache(entry);
	}
}

static void shmem_evict_inode(struct inode *inode)
{
	struct shmem_inode_info *info = inode->i_private;

	if (info->evict)
		info->evict(inode);
	shmem_free_swap(inode, info);
	vm_unacct_memory(info->committed);
	inode->i_private = NULL;
	kfree(info);
}

static const struct inode_operations shmem_inode_operations = {
	.evict = shmem_evict_inode,
};

struct shmem_inode_info *SHMEM_I(const struct inode *inode)
{
	return inode->i_op == &shmem_inode_operations ? inode->i_private : NULL;
}

/* A regular file with rwx for all and no links, as Linux's; nobody can
 * open it by name, so the mode only shows in fstat-like places. */
struct inode *shmem_file_setup(const char *name, u64 size)
{
	unsigned long pages = (unsigned long)((size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct shmem_inode_info *info;
	struct inode *inode;

	if (vm_enough_memory(pages))
		return NULL;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	inode = info ? new_inode(S_IFREG | 0777, 0) : NULL;
	if (!inode) {
		vm_unacct_memory(pages);
		kfree(info);
		return NULL;
	}
	info->committed = pages;
	spin_lock_init(&info->lock);
	info->swap = (struct radix_tree_root)RADIX_TREE_INIT;
	INIT_LIST_HEAD(&info->swaplist);
	info->inode = inode;
	strlcpy(info->name, name, sizeof(info->name));
	inode->i_private = info;
	inode->i_op = &shmem_inode_operations;
	inode->i_nlink = 0;
	inode->i_size = size;
	inode->i_data.flags |= AS_SWAP_BACKED;
	return inode;
}

/* The area holds the object's only reference: it goes with the last
 * area mapping it (a fork's copies and split parts count too). */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct inode *inode = shmem_file_setup("/dev/zero", vma->vm_end - vma->vm_start);

	if (!inode)
		return -ENOMEM;
	vma_set_inode(vma, inode, 0);
	iput(inode);
	return 0;
}

/* ---- swap ---- */

int shmem_writepage(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct shmem_inode_info *info = mapping && mapping->host ? SHMEM_I(mapping->host) : NULL;
	unsigned long index = page->index;
	swp_entry_t entry;
	int err;

	if (!PageLocked(page))
		panic("shmem_writepage: page %p is not locked", (void *)page);
	if (!info)
		return -EINVAL;
	if (page_mapped(page) || PageWriteback(page))
		return -EBUSY;
	entry = get_swap_page();        /* its count is the index's */
	if (!entry.val)
		return -ENOSPC;
	err = set_swap_entry(info, index, entry);
	if (!err) {
		err = move_to_swap_cache(page, entry);
		if (err)
			clear_swap_entry(info, index, entry);
	}
	if (err)
		swap_free(entry);
	return err;
}

/*
 * page (locked, read for entry) goes back to inode's cache at index,
 * where entry was: the swap cache's count and the index's go.  0 - also
 * when the page or the index changed meanwhile (someone else got there
 * first: look again) - or -EIO (the read failed: the page leaves the
 * swap cache, the next look reads again) or -ENOMEM.
 */
static int shmem_take_page(struct inode *inode, unsigned long index, swp_entry_t entry,
			   struct page *page)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	int err;

	if (!PageSwapCache(page) || page->private != entry.val ||
	    swap_entry_at(info, index).val != entry.val)
		return 0;
	wait_on_page_writeback(page);
	if (PageError(page)) {
		delete_from_swap_cache(page);
		return -EIO;
	}
	SetPageSwapBacked(page);
	err = move_from_swap_cache(page, &inode->i_data, index);
	if (err) {
		ClearPageSwapBacked(page);
		return err;
	}
	SetPageDirty(page);             /* its only copy is in memory now */
	if (clear_swap_entry(info, index, entry))
		swap_free(entry);
	return 0;
}

/* Read entry, recorded at index, and move its page back into the
 * object's cache: as shmem_take_page.  A fault (major set: told whether
 * it had to wait for the disk, a major fault) reads the slots around it
 * too (swapin_readahead, as Linux 2.6.0's shmem_getpage does): reclaim
 * gave the object's pages their slots in the order it took them, which
 * is mostly the order they were used in - without it, a shared hog of
 * 2.5 times the RAM came back a page per disk request, ten times slower
 * than a private one. */
static int shmem_swapin(struct inode *inode, unsigned long index, swp_entry_t entry,
			bool *major)
{
	struct page *page = lookup_swap_cache(entry);
	int err;

	if (!page && major) {
		swapin_readahead(entry);
		*major = true;
	}
	if (!page)
		page = read_swap_cache_async(entry);

	if (!page)      /* no memory, or the slot was freed: gone from the index? */
		return swap_entry_at(SHMEM_I(inode), index).val == entry.val ? -ENOMEM : 0;
	lock_page(page);
	err = shmem_take_page(inode, index, entry, page);
	unlock_page(page);
	put_page(page);
	return err;
}

int shmem_getpage(struct inode *inode, unsigned long index, struct page **pagep, bool *major)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	for (;;) {
		struct page *page = find_get_page(&inode->i_data, index);
		swp_entry_t entry;
		int err;

		if (page) {
			*pagep = page;
			return 0;
		}
		entry = swap_entry_at(info, index);
		if (!entry.val) {
			*pagep = find_or_create_page(&inode->i_data, index);
			return *pagep ? 0 : -ENOMEM;
		}
		err = shmem_swapin(inode, index, entry, major);
		if (err)
			return err;
	}
}

/* Every entry of area type in info's object back in its cache. */
static int shmem_unuse_inode(struct shmem_inode_info *info, unsigned int type)
{
	struct inode *inode = info->inode;

	for (unsigned long index = 0; info->swapped && index < shmem_pages(inode); index++) {
		swp_entry_t entry = swap_entry_at(info, index);
		int err;

		if (!entry.val || swp_type(entry) != type)
			continue;
		err = shmem_swapin(inode, index, entry, NULL);
		if (err)
			return err;
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/* The first object on the swaplist after the first skip ones, held
 * (igrab), or NULL. */
static struct shmem_inode_info *nth_swapped(unsigned long skip)
{
	struct shmem_inode_info *info, *found = NULL;

	spin_lock(&shmem_swaplist_lock);
	list_for_each_entry(info, &shmem_swaplist, swaplist) {
		if (skip--)
			continue;
		if (igrab(info->inode))
			found = info;
		break;
	}
	spin_unlock(&shmem_swaplist_lock);
	return found;
}

/* The list changes as objects lose their last entry (they leave it), so
 * the walk counts the objects it leaves on the list and starts from the
 * head each time: an object with entries of other areas stays, and is
 * skipped from then on. */
int shmem_unuse(unsigned int type)
{
	struct shmem_inode_info *info;
	unsigned long stayed = 0;

	while ((info = nth_swapped(stayed))) {
		int err = shmem_unuse_inode(info, type);
		bool stays;

		spin_lock(&shmem_swaplist_lock);
		stays = !list_empty(&info->swaplist);
		spin_unlock(&shmem_swaplist_lock);
		iput(info->inode);
		if (err)
			return err;
		stayed += stays;
	}
	return 0;
}
