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
 * Data: one shmem_inode_info (kmalloc) per object.
 * Locking: none of its own (see mm/shmem.h).
 */
#include "mm/shmem.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"
#include "mm/slab.h"

static void shmem_evict_inode(struct inode *inode)
{
	struct shmem_inode_info *info = inode->i_private;

	if (info->evict)
		info->evict(inode);
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
