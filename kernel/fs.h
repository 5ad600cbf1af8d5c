/*
 * kernel/fs.h - files and directories: inodes, dentries, path lookup, and
 * ramfs, the memory file system the root lives in.
 *
 * An inode is a file: its mode (type and permissions), size, owner, and
 * its data in the page cache (i_data, an address_space: offset/PAGE_SIZE
 * -> page).  A dentry is a name in a directory pointing at an inode; the
 * dentries of a directory hang off its dentry (d_subdirs), so the tree of
 * dentries is the directory tree.  ramfs keeps everything in memory, so
 * the dentry tree is the whole file system (as in Linux's ramfs, where the
 * dcache is the only copy).  System calls (open, read, ...) arrive with
 * the process issue, on top of the vfs_* calls here.
 *
 * Locking: namespace_mutex covers the dentry tree (lookups and changes);
 * inode->i_mutex covers an inode's data and size.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "kernel/mutex.h"
#include "lib/list.h"
#include "mm/pagemap.h"

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)

#define NAME_MAX 255
#define PATH_MAX 4096

struct inode {
	unsigned long i_ino;
	u32 i_mode, i_uid, i_gid, i_nlink, i_mtime;
	u32 i_rdev;                     /* device number, for device files */
	u64 i_size;
	struct address_space i_data;
	struct mutex i_mutex;
};

struct dentry {
	char *d_name;
	struct dentry *d_parent;        /* the root is its own parent */
	struct list_head d_child;       /* in the parent's d_subdirs */
	struct list_head d_subdirs;
	struct inode *d_inode;
};

extern struct dentry *root_dentry;

void vfs_init(void);
/* Resolve an absolute path (".", ".." and repeated slashes allowed; a
 * symlink is not followed).  NULL with *err = -ENOENT/-ENOTDIR/... */
struct dentry *path_lookup(const char *path, int *err);
/* Make a new name (its parent must exist); 0 or -EEXIST/-ENOENT/... */
int vfs_mknod(const char *path, u32 mode, u32 rdev, struct dentry **result);
int vfs_mkdir(const char *path, u32 mode);
int vfs_symlink(const char *target, const char *path);
ssize_t vfs_read(struct inode *inode, void *buf, size_t len, u64 pos);
ssize_t vfs_write(struct inode *inode, const void *buf, size_t len, u64 pos);
int vfs_truncate(struct inode *inode, u64 size);

/* Unpack each initramfs (cpio newc boot module) into the root. */
void populate_rootfs(void);
/* Unpack one archive under the root; 0, or -EINVAL with the reason logged. */
int unpack_archive(const void *buf, size_t len, const char *what);

#endif
