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
 * Locking: none of its own; the page cache's tree_lock inside
 * find_or_create_page, the inode's atomic count.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include "lib/types.h"

struct inode;
struct vm_area_struct;

/* What a shmem object keeps beside its inode (inode->i_private). */
struct shmem_inode_info {
	char name[16];                  /* as /proc/PID/maps shows it */
	/* Optional: called by the last iput before the object goes, for
	 * its owner (ipc/shm.c: the segment) to let go of it. */
	void (*evict)(struct inode *inode);
	void *owner;
	unsigned long committed;        /* pages charged to Committed_AS */
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

#endif
