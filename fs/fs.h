/*
 * fs/fs.h - files and directories: inodes, dentries, path lookup, and
 * ramfs, the memory file system the root lives in.
 *
 * An inode is a file: its mode (type and permissions), size, owner, and
 * its data in the page cache (i_data, an address_space: offset/PAGE_SIZE
 * -> page).  A dentry is a name in a directory pointing at an inode; the
 * dentries of a directory hang off its dentry (d_subdirs), so the tree of
 * dentries is the directory tree.  ramfs keeps everything in memory, so
 * the dentry tree is the whole file system (as in Linux's ramfs, where the
 * dcache is the only copy).  The file system calls (fs/open.c,
 * fs/read_write.c, fs/stat.c, fs/namei.c, ...) sit on the vfs_* calls
 * here.
 *
 * References: a dentry's d_count counts its users - the tree itself while
 * the dentry is linked in its parent (d_hashed), each child (which pins
 * its parent), each open file and each walk in progress; at zero it is
 * freed.  An inode's i_count counts its dentry and the mappings of it
 * (vmas), so an unlinked file lives on while it is open or mapped, as in
 * Linux.  A file with hard links (vfs_link) has a dentry per name, each
 * holding one reference; i_nlink counts the names.
 *
 * Other file systems plug in through an inode's i_op and i_fop: /proc's
 * directories look names up and list them on demand (i_op->lookup,
 * i_op->readdir) with dentries that are never linked into the tree, and
 * its files supply their own file operations (fs/proc/base.c).
 *
 * Locking: namespace_mutex covers the dentry tree (lookups and changes)
 * and i_nlink; inode->i_mutex covers an inode's data, size and times; the
 * counts are atomic.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include "kernel/locking/mutex.h"
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
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)

#define NAME_MAX 255
/* The largest file offset Linux allows on a 32-bit machine: a page index
 * must fit in an unsigned long with its top bit clear (2^43 - 1 bytes). */
#define MAX_LFS_FILESIZE ((((u64)PAGE_SIZE) << 31) - 1)
#define PATH_MAX 4096

struct dentry;
struct file_operations;

/* Directory listing callback: false when the caller's buffer is full. */
typedef bool (*filldir_t)(void *ctx, const char *name, unsigned long ino, u32 mode);

struct inode_operations {
	/* A name that is not in d_subdirs: a new dentry holding one reference
	 * (the caller's), or NULL with *err. */
	struct dentry *(*lookup)(struct dentry *dir, const char *name, size_t len, int *err);
	/* The names beyond d_subdirs, from the index-th: how many were
	 * emitted before emit() said stop. */
	long (*readdir)(struct dentry *dir, long index, filldir_t emit, void *ctx);
	/* A symlink's target, NUL-terminated: its length or -errno.  Called
	 * with the namespace locked (see __dentry_path). */
	int (*readlink)(struct dentry *d, char *buf, size_t size);
	/* Optional: the last reference went (iput), before the pages and
	 * the inode are freed: the file system lets go of i_private
	 * (Linux's evict_inode).  May sleep. */
	void (*evict)(struct inode *inode);
};

/* A file's time stamp: seconds and nanoseconds of CLOCK_REALTIME. */
struct inode_time {
	s64 sec;
	u32 nsec;
};

struct inode {
	unsigned long i_ino;
	int i_count;                    /* its dentry and the vmas mapping it */
	u32 i_mode, i_uid, i_gid, i_nlink;
	/* last access, data change, and inode change (chmod, chown, ...) */
	struct inode_time i_atime, i_mtime, i_ctime;
	u32 i_rdev;                     /* device number, for device files */
	u64 i_size;
	struct address_space i_data;
	struct mutex i_mutex;
	const struct inode_operations *i_op;    /* NULL: ramfs */
	const struct file_operations *i_fop;    /* NULL: chosen by the file type */
	void *i_private;                /* the file system's (proc: its entry) */
	struct dentry *i_dentry;        /* its newest name while that lives, else NULL */
	long i_tag;                     /* the file system's (proc: the pid) */
};

struct dentry {
	char *d_name;
	struct dentry *d_parent;        /* the root is its own parent */
	struct list_head d_child;       /* in the parent's d_subdirs */
	struct list_head d_subdirs;
	struct inode *d_inode;
	int d_count;                    /* see "References" above */
	bool d_hashed;                  /* linked in the parent's d_subdirs */
	bool d_mounted;                 /* another file system's root (/dev, /proc) */
};

extern struct dentry *root_dentry;

void vfs_init(void);
/* Resolve an absolute path (".", ".." and repeated slashes allowed;
 * symlinks followed, the last one only with follow_last).  A dentry with a
 * reference for the caller (dput it), or NULL with *err = -ENOENT,
 * -ENOTDIR, -ELOOP, ... */
struct dentry *path_lookup_flags(const char *path, bool follow_last, int *err);
static inline struct dentry *path_lookup(const char *path, int *err)
{
	return path_lookup_flags(path, true, err);
}
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
/* Another reference to inode, or NULL when its last one has already
 * gone (it is being freed), as Linux's igrab. */
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
struct inode *new_inode(u32 mode, u32 rdev);
/* Now, for a time stamp (the clock user space reads as CLOCK_REALTIME). */
struct inode_time current_time(void);
/* The data changed: mtime and ctime are now.  i_mutex held. */
void inode_mark_modified(struct inode *inode);
/* A dentry for inode under parent (pinning it); linked into the tree when
 * hashed, else private to whoever holds it (proc's).  It holds inode's
 * reference: NULL (and the inode put) when out of memory. */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len,
		       struct inode *inode, bool hashed);
/* Emit a directory's entries from *pos on (0 ".", 1 "..", then the
 * children, then what i_op->readdir adds), advancing *pos past each. */
void vfs_readdir(struct dentry *dir, u64 *pos, filldir_t emit, void *ctx);
int vfs_readlink(struct dentry *d, char *buf, size_t size);
int vfs_unlink(const char *path);
int vfs_rmdir(const char *path);        /* an empty directory */
/* rename(2): replaces newpath's file; -EXDEV across file systems; two
 * links to one file: nothing happens, as POSIX says. */
int vfs_rename(const char *oldpath, const char *newpath);
/* A new name newpath for old's file (a hard link): 0 or link(2)'s errno. */
int vfs_link(struct dentry *old, const char *newpath);
/* The absolute path of d into buf: its length or -ENAMETOOLONG.  The
 * __ form is for i_op->readlink, which runs with the namespace locked. */
int dentry_path(struct dentry *d, char *buf, size_t size);
int __dentry_path(struct dentry *d, char *buf, size_t size);
/* Make a new name (its parent must exist); 0 or -EEXIST/-ENOENT/...
 * *result (if given) is borrowed: the tree holds the dentry. */
int vfs_mknod(const char *path, u32 mode, u32 rdev, struct dentry **result);
int vfs_mkdir(const char *path, u32 mode);
int vfs_symlink(const char *target, const char *path);
ssize_t vfs_read(struct inode *inode, void *buf, size_t len, u64 pos);
ssize_t vfs_write(struct inode *inode, const void *buf, size_t len, u64 pos);
int vfs_truncate(struct inode *inode, u64 size);

/* Make /proc and its files (fs/proc/base.c). */
void proc_root_init(void);

/* Unpack each initramfs (cpio newc boot module) into the root. */
void populate_rootfs(void);
/* The part of a boot module already given back while unpacking it. */
struct initrd_release {
	unsigned long start;            /* the module's first byte */
	unsigned long done;             /* freed below here */
	unsigned long pages;            /* how many pages so far */
};
/* Unpack one archive under the root; 0, or -EINVAL with the reason
 * logged.  A file that cannot be created or written whole is logged and
 * left out.  With rel, buf is that module in the direct map and its
 * pages are freed as the reader passes them. */
int unpack_archive(const void *buf, size_t len, const char *what, struct initrd_release *rel);

#endif
