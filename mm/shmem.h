/*
 * mm/shmem.h - shmem objects: memory that several address spaces map and
 * no file stands behind (shared anonymous memory, MAP_SHARED of
 * /dev/zero, System V shared memory).
 *
 * A shmem object is an unnamed inode (no dentry, no directory) whose
 * address_space is swap-backed (mm/pagemap.h: AS_SWAP_BACKED): its pages
 * are page-cache pages of that inode, found through its radix tree by
 * index, so page->mapping and page->index say which object and where,
 * as for a file's page.  Areas map it through vm_inode like a file;
 * every area and every other holder (a System V segment) counts in the
 * inode's i_count, and the last iput frees the pages and the object.
 *
 * Its pages are swapped too, as Linux's shmem's are: reclaim hands an
 * unmapped page to shmem_writepage, which moves it from the object's
 * cache into the swap cache and records its swap entry in the object's
 * swap index (page index -> entry, one count on the slot), where the
 * page was; shmem_getpage, the fault path's way to an object's page,
 * reads it back and moves it into the object's cache again.  Objects
 * with entries are on shmem_swaplist, where swapoff finds them
 * (shmem_unuse).
 *
 * Locking: shmem_swaplist_lock, then an object's info->lock (the swap
 * index and swapped), both spinlocks taken with at most a page lock and
 * mmap_sem held (mm/lock_order.c); the page lock of a page moving between
 * the caches; the page cache's tree_lock inside find_or_create_page; the
 * inode's atomic count.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include "kernel/locking/spinlock.h"
#include "lib/list.h"
#include "lib/radix-tree.h"
#include "mm/swap.h"

struct inode;
struct page;
struct vm_area_struct;

/* What a shmem object keeps beside its inode (inode->i_private). */
struct shmem_inode_info {
	char name[16];                  /* as /proc/PID/maps shows it */
	/* Optional: called by the last iput before the object goes, for
	 * its owner (ipc/shm.c: the segment) to let go of it. */
	void (*evict)(struct inode *inode);
	void *owner;
	unsigned long committed;        /* pages charged to Committed_AS */
	spinlock_t lock;                /* swap and swapped */
	/* Its pages on swap: page index -> swp_entry_t.val. */
	struct radix_tree_root swap;
	unsigned long swapped;          /* entries in swap */
	struct list_head swaplist;      /* on shmem_swaplist while swapped */
	struct inode *inode;            /* the object (for swapoff) */
};

/* A new shmem object of size bytes, holding one reference for the
 * caller, its size charged to Committed_AS until it goes; name is what
 * maps shows ("/dev/zero", "/SYSV0000002a").  NULL without memory, or
 * when overcommit mode 2 refuses the charge. */
struct inode *shmem_file_setup(const char *name, u64 size);
/* MAP_SHARED|MAP_ANONYMOUS and MAP_SHARED of /dev/zero: vma (not yet
 * inserted, no backing yet) gets a new object of its size.  0 or -ENOMEM. */
int shmem_zero_setup(struct vm_area_struct *vma);
/* inode's shmem_inode_info, or NULL when inode is not a shmem object. */
struct shmem_inode_info *SHMEM_I(const struct inode *inode);

/*
 * Reclaim's writepage for an object's page: page locked, mapped by no
 * pte (try_to_unmap first), in its object's cache.  It moves to the swap
 * cache under a fresh slot, which the object records at its index: 0 -
 * the page is now a dirty swap-cache page, still locked, to be written
 * with swap_writepage as an anonymous one after add_to_swap - or, with
 * nothing changed, -EINVAL (not an object's page), -EBUSY (mapped, or
 * under writeback), -ENOSPC (swap is full) or -ENOMEM.
 */
int shmem_writepage(struct page *page);
/* The object's page at index with a reference taken: from its cache,
 * read back from swap (with readahead; *major set if the disk was read:
 * the fault counts a major fault), or a new zeroed one.  0, -ENOMEM, or
 * -EIO (its slot could not be read: the entry stays).  May sleep. */
int shmem_getpage(struct inode *inode, unsigned long index, struct page **pagep, bool *major);
/* swapoff (mm/swapfile.c:try_to_unuse): every page of every object
 * that is on swap area type back in its object's cache.  0, -ENOMEM,
 * -EIO, or -EINTR with a fatal signal pending. */
int shmem_unuse(unsigned int type);

#endif
