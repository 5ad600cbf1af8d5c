/*
 * fs/ramfs.c - the in-memory file system: inodes and dentries, path
 * lookup, and file data in page-cache pages.
 *
 * Data: root_dentry and the dentry tree below it; inodes from the
 * "inode_cache" slab; file pages from the page allocator with
 * GFP_HIGHUSER (so they may be high memory, reached with kmap) in each
 * inode's address_space, on the LRU lists like any cached page (each
 * read or write of one counts as a use: mark_page_accessed).  A hole (a
 * page never written) reads as zeros.
 * A file may have several names (hard links, vfs_link): each is a dentry
 * holding a reference to the one inode, whose i_nlink counts them.
 * Directories that another file system is mounted on in Linux (/dev,
 * /dev/shm, /proc: d_mounted) bound a file system here too: link and
 * rename do not cross them (EXDEV).
 * Locking: namespace_mutex over the tree and every i_nlink, i_mutex over
 * a file's data and times.
 */
#include "fs/fs.h"
#include "kernel/debug/monitor.h"
#include "kernel/locking/lockdep.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/types.h"
#include "mm/highmem.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/slab.h"

/* Symlinks followed in one lookup before ELOOP (Linux gives up after 40;
 * a small tree needs fewer). */
#define MAX_NESTED_LINKS 8

struct dentry *root_dentry;
static DEFINE_MUTEX(namespace_mutex);
static struct kmem_cache *inode_cachep;
static unsigned long last_ino;

struct inode *new_inode(u32 mode, u32 rdev)
{
	struct inode *inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	memset(inode, 0, sizeof(*inode));
	inode->i_ino = __sync_add_and_fetch(&last_ino, 1);
	inode->i_count = 1;
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	address_space_init(&inode->i_data, inode);
	mutex_init(&inode->i_mutex);
	return inode;
}

/* Stamps come from CLOCK_REALTIME (kernel/time.c:ktime_get_real_ns), so
 * they agree with what `date` and stat's caller read. */
struct inode_time current_time(void)
{
	u64 ns = ktime_get_real_ns();

	return (struct inode_time){ (s64)(ns / 1000000000ull), (u32)(ns % 1000000000ull) };
}

void inode_mark_modified(struct inode *inode)
{
	lockdep_assert_held(&inode->i_mutex);
	inode->i_mtime = inode->i_ctime = current_time();
}

/* Only from a count above zero: whoever finds an inode through a table
 * of its own (System V shm) may race with its last iput. */
struct inode *igrab(struct inode *inode)
{
	int count;

	do {
		count = *(volatile int *)&inode->i_count;
		if (!count)
			return NULL;
	} while (!__sync_bool_compare_and_swap(&inode->i_count, count, count + 1));
	return inode;
}

/* The last user gone: the file system's evict, then the data pages go
 * back to the allocator. */
void iput(struct inode *inode)
{
	if (!inode || __sync_sub_and_fetch(&inode->i_count, 1))
		return;
	if (inode->i_op && inode->i_op->evict)
		inode->i_op->evict(inode);
	truncate_inode_pages(&inode->i_data, 0);
	kmem_cache_free(inode_cachep, inode);
}

struct dentry *dget(struct dentry *d)
{
	__sync_fetch_and_add(&d->d_count, 1);
	return d;
}

void dput(struct dentry *d)
{
	while (d && !__sync_sub_and_fetch(&d->d_count, 1)) {
		struct dentry *parent = d->d_parent;

		if (d->d_inode && d->d_inode->i_dentry == d)
			d->d_inode->i_dentry = NULL;
		iput(d->d_inode);
		kfree(d->d_name);
		kfree(d);
		d = parent == d ? NULL : parent;        /* a child pinned its parent */
	}
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len,
		       struct inode *inode, bool hashed)
{
	struct dentry *d = inode ? kzalloc(sizeof(*d), GFP_KERNEL) : NULL;

	if (!d || !(d->d_name = kmalloc(len + 1, GFP_KERNEL))) {
		kfree(d);
		iput(inode);
		return NULL;
	}
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	d->d_parent = parent ? dget(parent) : d;
	d->d_inode = inode;
	inode->i_dentry = d;            /* the newest name (sem_open's link) */
	d->d_count = 1;                 /* the tree's, or the caller's */
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_child);
	if (parent && hashed) {
		d->d_hashed = true;
		list_add_tail(&d->d_child, &parent->d_subdirs);
	}
	return d;
}

/* On Linux, another file system is mounted on path (devtmpfs, tmpfs,
 * proc): names below it are on that one. */
static void mark_mounted(const char *path)
{
	int err;
	struct dentry *d = path_lookup(path, &err);

	if (!d)
		panic("vfs_init: no %s", path);
	d->d_mounted = true;
	dput(d);
}

void vfs_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0, 0, NULL);
	if (!inode_cachep)
		panic("vfs_init: no inode cache");
	page_cache_init();
	root_dentry = d_alloc(NULL, "/", 1, new_inode(S_IFDIR | 0755, 0), false);
	if (!root_dentry)
		panic("vfs_init: no memory for the root directory");
	/* The devices exist before any archive: init's stdin/stdout. */
	vfs_mkdir("/dev", 0755);
	vfs_mknod("/dev/console", S_IFCHR | 0600, 5 << 8 | 1, NULL);
	vfs_mknod("/dev/tty", S_IFCHR | 0666, 5 << 8 | 0, NULL);
	vfs_mknod("/dev/null", S_IFCHR | 0666, 1 << 8 | 3, NULL);
	vfs_mknod("/dev/zero", S_IFCHR | 0666, 1 << 8 | 5, NULL);
	vfs_mknod("/dev/random", S_IFCHR | 0666, 1 << 8 | 8, NULL);
	vfs_mknod("/dev/urandom", S_IFCHR | 0666, 1 << 8 | 9, NULL);
	/* /tmp for everyone, sticky as a tmpfs /tmp is (everyone here is
	 * root, whom the sticky bit does not restrict); an archive's own
	 * /tmp merges into it. */
	vfs_mkdir("/tmp", 01777);
	/* POSIX shared memory (shm_open) and semaphores live in /dev/shm, a
	 * tmpfs on Linux: a directory of ordinary files here, mapped
	 * MAP_SHARED through the page cache. */
	vfs_mkdir("/dev/shm", 01777);
	proc_root_init();
	mark_mounted("/dev");
	mark_mounted("/dev/shm");
	mark_mounted("/proc");
}

static struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (strlen(d->d_name) == len && !memcmp(d->d_name, name, len))
			return d;
	return NULL;
}

/* One component in dir: the tree's child, or the file system's own
 * lookup (proc); a referenced dentry or NULL with *err. */
static struct dentry *step(struct dentry *dir, const char *name, size_t len, int *err)
{
	struct dentry *d;

	if (!S_ISDIR(dir->d_inode->i_mode)) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (len > NAME_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if (len == 1 && name[0] == '.')
		return dget(dir);
	if (len == 2 && !memcmp(name, "..", 2))
		return dget(dir->d_parent);
	d = d_lookup(dir, name, len);
	if (d)
		return dget(d);
	if (dir->d_inode->i_op && dir->d_inode->i_op->lookup)
		return dir->d_inode->i_op->lookup(dir, name, len, err);
	*err = -ENOENT;
	return NULL;
}

static struct dentry *walk(struct dentry *start, const char *path, bool follow_last,
			   const char **last, size_t *last_len, int *err, int depth);
static int __vfs_readlink(struct dentry *d, char *buf, size_t size);

/* What the symlink at link points to, referenced: a relative target is
 * looked up from the link's directory; -ELOOP past MAX_NESTED_LINKS. */
static struct dentry *follow_link(struct dentry *link, int depth, int *err)
{
	char *target;
	struct dentry *d = NULL;
	int n;

	if (depth >= MAX_NESTED_LINKS) {
		*err = -ELOOP;
		return NULL;
	}
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target) {
		*err = -ENOMEM;
		return NULL;
	}
	n = __vfs_readlink(link, target, PATH_MAX);
	if (n < 0)
		*err = n;
	else
		d = walk(target[0] == '/' ? root_dentry : link->d_parent, target, true, NULL, NULL,
			 err, depth + 1);
	kfree(target);
	return d;
}

/* Walk the components of path from start - all but the last when `last`
 * is given, returning that one through last and last_len.  The result
 * holds a reference.  namespace_mutex held. */
static struct dentry *walk(struct dentry *start, const char *path, bool follow_last,
			   const char **last, size_t *last_len, int *err, int depth)
{
	struct dentry *d = dget(start), *next;

	lockdep_assert_held(&namespace_mutex);
	for (;;) {
		while (*path == '/')
			path++;
		size_t len = strchr(path, '/') ? (size_t)(strchr(path, '/') - path) : strlen(path);
		const char *rest = path + len;
		bool dir_wanted = *rest == '/';         /* "link/" means the directory */

		while (*rest == '/')
			rest++;
		if (last && !*rest) {
			*last = path;
			*last_len = len;
			return d;
		}
		if (!len)
			return d;
		next = step(d, path, len, err);
		dput(d);
		if (!next)
			return NULL;
		d = next;
		if (S_ISLNK(next->d_inode->i_mode) && (*rest || follow_last || dir_wanted)) {
			d = follow_link(next, depth, err);
			dput(next);
			if (!d)
				return NULL;
		}
		path = rest;
	}
}

/* The top of every lookup: paths from system calls are made absolute. */
static struct dentry *walk_path(const char *path, bool follow_last, const char **last,
				size_t *last_len, int *err)
{
	if (*path != '/') {
		*err = -EINVAL;
		return NULL;
	}
	return walk(root_dentry, path, follow_last, last, last_len, err, 0);
}

struct dentry *path_lookup_flags(const char *path, bool follow_last, int *err)
{
	struct dentry *d;

	mutex_lock(&namespace_mutex);
	d = walk_path(path, follow_last, NULL, NULL, err);
	mutex_unlock(&namespace_mutex);
	if (d)
		*err = 0;
	return d;
}

/* The parent directory of path's last component, referenced; the name
 * through name/len.  namespace_mutex held. */
static struct dentry *lookup_parent(const char *path, const char **name, size_t *len, int *err)
{
	struct dentry *dir;

	lockdep_assert_held(&namespace_mutex);
	dir = walk_path(path, true, name, len, err);
	if (dir && !S_ISDIR(dir->d_inode->i_mode)) {
		*err = -ENOTDIR;
		dput(dir);
		return NULL;
	}
	if (dir && dir->d_inode->i_op) {
		*err = -EACCES;         /* proc's directories are not for changing */
		dput(dir);
		return NULL;
	}
	return dir;
}

int vfs_mknod(const char *path, u32 mode, u32 rdev, struct dentry **result)
{
	const char *name;
	size_t len;
	int err = 0;
	struct dentry *dir, *d = NULL;

	mutex_lock(&namespace_mutex);
	dir = lookup_parent(path, &name, &len, &err);
	if (!dir)
		goto out;
	if (!len || (len <= 2 && !memcmp(name, "..", len)) || d_lookup(dir, name, len))
		err = -EEXIST;
	else if (len > NAME_MAX)
		err = -ENAMETOOLONG;
	else if (!(d = d_alloc(dir, name, len, new_inode(mode, rdev), true)))
		err = -ENOMEM;
	else if (S_ISDIR(mode))
		dir->d_inode->i_nlink++;
	dput(dir);
out:
	mutex_unlock(&namespace_mutex);
	if (result)
		*result = err ? NULL : d;
	return err;
}

/* A link count changed: the inode did. */
static void set_ctime(struct inode *inode)
{
	mutex_lock(&inode->i_mutex);
	inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
}

/* Take d out of the tree; the tree's reference goes (d lives on while
 * others hold it).  namespace_mutex held. */
static void d_unhash(struct dentry *d)
{
	lockdep_assert_held(&namespace_mutex);
	list_del_init(&d->d_child);
	d->d_hashed = false;
	if (S_ISDIR(d->d_inode->i_mode)) {
		d->d_parent->d_inode->i_nlink--;
		d->d_inode->i_nlink = 0;
	} else {
		d->d_inode->i_nlink--;  /* other hard links keep the file */
	}
	set_ctime(d->d_inode);
	dput(d);
}

/* The root of the file system d is on: the tree's root or the nearest
 * mounted-on directory above it (d_mounted).  namespace_mutex held. */
static struct dentry *d_fs_root(struct dentry *d)
{
	lockdep_assert_held(&namespace_mutex);
	while (!d->d_mounted && d != root_dentry)
		d = d->d_parent;
	return d;
}

/* Why d may not be removed (unlink, or rmdir when dir), or 0. */
static int remove_check(struct dentry *d, bool dir)
{
	if (!dir)
		return S_ISDIR(d->d_inode->i_mode) ? -EISDIR : 0;
	if (!S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	return list_empty(&d->d_subdirs) ? 0 : -ENOTEMPTY;
}

static int remove_name(const char *path, bool dir)
{
	const char *name;
	size_t len;
	int err = 0;
	struct dentry *parent, *d;

	mutex_lock(&namespace_mutex);
	parent = lookup_parent(path, &name, &len, &err);
	if (parent) {
		d = len ? d_lookup(parent, name, len) : NULL;
		if (!d)
			err = !len ? -EBUSY : len <= 2 && !memcmp(name, "..", len) ? -EINVAL : -ENOENT;
		else if (!(err = remove_check(d, dir)))
			d_unhash(d);
		dput(parent);
	}
	mutex_unlock(&namespace_mutex);
	return err;
}

int vfs_unlink(const char *path)
{
	return remove_name(path, false);
}

int vfs_rmdir(const char *path)
{
	return remove_name(path, true);
}

static bool is_ancestor(struct dentry *a, struct dentry *d)
{
	for (; d != root_dentry; d = d->d_parent)
		if (d == a)
			return true;
	return a == root_dentry;
}

/* Move d to dir under a new name (replacing target, when given). */
static int d_move(struct dentry *d, struct dentry *dir, const char *name, size_t len,
		  struct dentry *target)
{
	char *new_name = kmalloc(len + 1, GFP_KERNEL);

	if (!new_name)
		return -ENOMEM;
	if (target)
		d_unhash(target);
	memcpy(new_name, name, len);
	new_name[len] = '\0';
	kfree(d->d_name);
	d->d_name = new_name;
	list_del(&d->d_child);
	list_add_tail(&d->d_child, &dir->d_subdirs);
	if (S_ISDIR(d->d_inode->i_mode)) {
		d->d_parent->d_inode->i_nlink--;
		dir->d_inode->i_nlink++;
	}
	dput(d->d_parent);
	d->d_parent = dget(dir);
	return 0;
}

/* Why renaming d over target must fail, or 0. */
static int rename_check(struct dentry *d, struct dentry *dir, struct dentry *target)
{
	if (d_fs_root(d) != d_fs_root(dir))
		return -EXDEV;
	if (S_ISDIR(d->d_inode->i_mode) && is_ancestor(d, dir))
		return -EINVAL;         /* into its own subtree */
	if (!target || target == d)
		return 0;
	if (S_ISDIR(target->d_inode->i_mode) && !S_ISDIR(d->d_inode->i_mode))
		return -EISDIR;
	if (!S_ISDIR(target->d_inode->i_mode) && S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(target->d_inode->i_mode) && !list_empty(&target->d_subdirs))
		return -ENOTEMPTY;
	return 0;
}

int vfs_rename(const char *oldpath, const char *newpath)
{
	const char *oname, *nname;
	size_t olen, nlen;
	int err = 0;
	struct dentry *odir, *ndir = NULL, *d = NULL, *target;

	mutex_lock(&namespace_mutex);
	odir = lookup_parent(oldpath, &oname, &olen, &err);
	if (odir)
		ndir = lookup_parent(newpath, &nname, &nlen, &err);
	if (ndir) {
		d = olen ? d_lookup(odir, oname, olen) : NULL;
		target = nlen ? d_lookup(ndir, nname, nlen) : NULL;
		if (!d || !nlen || (olen <= 2 && !memcmp(oname, "..", olen)))
			err = d ? -EBUSY : -ENOENT;
		else if (!(err = rename_check(d, ndir, target)) &&
			 (!target || target->d_inode != d->d_inode))
			err = d_move(d, ndir, nname, nlen, target);   /* two links: nothing */
	}
	dput(ndir);
	dput(odir);
	mutex_unlock(&namespace_mutex);
	return err;
}

/* Why old may not get the name name/len in dir, or 0, in Linux's order
 * of checks.  namespace_mutex held. */
static int link_check(struct dentry *old, struct dentry *dir, const char *name, size_t len)
{
	if (!S_ISDIR(dir->d_inode->i_mode))
		return -ENOTDIR;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!len || (len <= 2 && !memcmp(name, "..", len)) || d_lookup(dir, name, len))
		return -EEXIST;
	if (name[len] == '/')
		return -ENOENT;         /* "new/": only a directory could be that */
	if (dir->d_inode->i_op)
		return -ENOENT;         /* Linux looks the new name up before it compares
					 * mounts, and proc has no name it does not make */
	if (d_fs_root(old) != d_fs_root(dir))
		return -EXDEV;
	if (S_ISDIR(old->d_inode->i_mode) || old->d_inode->i_op || dir->d_inode->i_op)
		return -EPERM;          /* no links to directories; proc makes none */
	if (!old->d_inode->i_nlink)
		return -ENOENT;         /* an unlinked file opened (AT_EMPTY_PATH) */
	return 0;
}

int vfs_link(struct dentry *old, const char *newpath)
{
	const char *name;
	size_t len;
	int err = 0;
	struct dentry *dir;

	mutex_lock(&namespace_mutex);
	dir = walk_path(newpath, true, &name, &len, &err);
	if (dir && !(err = link_check(old, dir, name, len))) {
		/* old's reference keeps the inode: igrab cannot fail */
		if (d_alloc(dir, name, len, igrab(old->d_inode), true)) {
			old->d_inode->i_nlink++;
			set_ctime(old->d_inode);
		} else {
			err = -ENOMEM;
		}
	}
	dput(dir);
	mutex_unlock(&namespace_mutex);
	return err;
}

int __dentry_path(struct dentry *d, char *buf, size_t size)
{
	size_t len = 0;

	if (d == root_dentry)
		return (int)strlcpy(buf, "/", size);
	for (; d != root_dentry; d = d->d_parent) {
		size_t n = strlen(d->d_name);

		if (len + n + 2 > size)
			return -ENAMETOOLONG;
		memmove(buf + n + 1, buf, len);
		buf[0] = '/';
		memcpy(buf + 1, d->d_name, n);
		len += n + 1;
	}
	buf[len] = '\0';
	return (int)len;
}

int dentry_path(struct dentry *d, char *buf, size_t size)
{
	int n;

	mutex_lock(&namespace_mutex);
	n = __dentry_path(d, buf, size);
	mutex_unlock(&namespace_mutex);
	return n;
}

void vfs_readdir(struct dentry *dir, u64 *pos, filldir_t emit, void *ctx)
{
	const struct inode_operations *iop = dir->d_inode->i_op;
	struct dentry *c;
	long idx = 2;

	if (*pos == 0 && emit(ctx, ".", dir->d_inode->i_ino, S_IFDIR))
		*pos = 1;
	if (*pos == 1 && emit(ctx, "..", dir->d_parent->d_inode->i_ino, S_IFDIR))
		*pos = 2;
	if (*pos < 2)
		return;
	mutex_lock(&namespace_mutex);
	list_for_each_entry(c, &dir->d_subdirs, d_child) {
		if (idx++ < (long)*pos)
			continue;
		if (!emit(ctx, c->d_name, c->d_inode->i_ino, c->d_inode->i_mode)) {
			mutex_unlock(&namespace_mutex);
			return;
		}
		*pos = (u64)idx;
	}
	mutex_unlock(&namespace_mutex);
	if (iop && iop->readdir)
		*pos += (u64)iop->readdir(dir, (long)*pos - idx, emit, ctx);
}

/* A ramfs symlink keeps its target as its data.  namespace_mutex held
 * (the walk follows links with it held). */
static int __vfs_readlink(struct dentry *d, char *buf, size_t size)
{
	struct inode *inode = d->d_inode;
	ssize_t n;

	lockdep_assert_held(&namespace_mutex);
	if (!S_ISLNK(inode->i_mode))
		return -EINVAL;
	if (inode->i_op && inode->i_op->readlink)
		return inode->i_op->readlink(d, buf, size);
	n = vfs_read(inode, buf, size - 1, 0);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	return (int)n;
}

int vfs_readlink(struct dentry *d, char *buf, size_t size)
{
	int n;

	mutex_lock(&namespace_mutex);
	n = __vfs_readlink(d, buf, size);
	mutex_unlock(&namespace_mutex);
	return n;
}

int vfs_mkdir(const char *path, u32 mode)
{
	return vfs_mknod(path, S_IFDIR | (mode & 07777), 0, NULL);
}

/* A symlink's target is its data, like a tiny file. */
int vfs_symlink(const char *target, const char *path)
{
	struct dentry *d;
	int err = vfs_mknod(path, S_IFLNK | 0777, 0, &d);

	if (!err && vfs_write(d->d_inode, target, strlen(target), 0) < 0)
		err = -ENOMEM;
	return err;
}

/* The page at index, created (zeroed, in the cache) if need be. */
static struct page *get_data_page(struct inode *inode, unsigned long index, bool create)
{
	return create ? find_or_create_page(&inode->i_data, index)
		      : find_get_page(&inode->i_data, index);
}

/* Copy between buf and the file's pages; to_file picks the direction. */
static ssize_t copy_pages(struct inode *inode, void *buf, size_t len, u64 pos, bool to_file)
{
	size_t done = 0;

	while (done < len) {
		unsigned long index = (unsigned long)((pos + done) >> PAGE_SHIFT);
		size_t off = (size_t)((pos + done) & (PAGE_SIZE - 1));
		size_t n = min(len - done, PAGE_SIZE - off);
		struct page *page = get_data_page(inode, index, to_file);
		char *va;

		if (!page && to_file)
			return done ? (ssize_t)done : -ENOMEM;
		if (!page) {
			memset((char *)buf + done, 0, n);       /* a hole */
		} else {
			va = kmap(page);
			if (to_file)
				memcpy(va + off, (char *)buf + done, n);
			else
				memcpy((char *)buf + done, va + off, n);
			kunmap(page);
			mark_page_accessed(page);       /* reads and writes, as Linux */
			put_page(page);
		}
		done += n;
	}
	return (ssize_t)done;
}

ssize_t vfs_read(struct inode *inode, void *buf, size_t len, u64 pos)
{
	ssize_t n = 0;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	mutex_lock(&inode->i_mutex);
	if (pos < inode->i_size)
		n = copy_pages(inode, buf, (size_t)min((u64)len, inode->i_size - pos), pos, false);
	mutex_unlock(&inode->i_mutex);
	return n;
}

ssize_t vfs_write(struct inode *inode, const void *buf, size_t len, u64 pos)
{
	ssize_t n;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (pos >= MAX_LFS_FILESIZE)
		return len ? -EFBIG : 0;
	len = (size_t)min((u64)len, MAX_LFS_FILESIZE - pos);
	mutex_lock(&inode->i_mutex);
	n = copy_pages(inode, (void *)buf, len, pos, true);
	if (n > 0 && pos + (u64)n > inode->i_size)
		inode->i_size = pos + (u64)n;
	if (n > 0)
		inode_mark_modified(inode);
	mutex_unlock(&inode->i_mutex);
	return n;
}

/* Linux's vmtruncate: the new size first, so that a fault looks past
 * it; then the pages past it out of every process mapping the file and
 * out of the cache. */
int vfs_truncate(struct inode *inode, u64 size)
{
	unsigned long end = (unsigned long)((size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	bool shrinks;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	mutex_lock(&inode->i_mutex);
	shrinks = size < inode->i_size;
	inode->i_size = size;
	if (shrinks)
		unmap_mapping_range(&inode->i_data, end);
	truncate_inode_pages(&inode->i_data, end);
	if (size & (PAGE_SIZE - 1)) {
		/* Zero the tail of the last page, so growing again reads zeros. */
		struct page *page = find_get_page(&inode->i_data, (unsigned long)(size >> PAGE_SHIFT));

		if (page) {
			size_t off = (size_t)(size & (PAGE_SIZE - 1));

			memset((char *)kmap(page) + off, 0, PAGE_SIZE - off);
			kunmap(page);
			put_page(page);
		}
	}
	inode_mark_modified(inode);
	mutex_unlock(&inode->i_mutex);
	return 0;
}

static char type_char(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return 'd';
	case S_IFLNK: return 'l';
	case S_IFCHR: return 'c';
	case S_IFBLK: return 'b';
	case S_IFIFO: return 'p';
	default: return '-';
	}
}

static void print_inode(const struct inode *i, const char *name)
{
	mprintf("%c%03o %4u %10llu %s\n", type_char(i->i_mode), i->i_mode & 0777, i->i_nlink,
		(unsigned long long)i->i_size, name);
}

/* Names collected by vfs_readdir (which holds namespace_mutex while it
 * emits, so the entries are looked up after, a batch at a time). */
struct name_batch {
	char names[PAGE_SIZE / 2];
	size_t used;
};

static bool collect_name(void *ctx, const char *name, unsigned long ino, u32 mode)
{
	struct name_batch *b = ctx;
	size_t len = strlen(name) + 1;

	(void)ino;
	(void)mode;
	if (b->used + len > sizeof(b->names))
		return false;
	memcpy(b->names + b->used, name, len);
	b->used += len;
	return true;
}

static void print_batch(struct dentry *dir, struct name_batch *b)
{
	for (size_t off = 0; off < b->used; off += strlen(b->names + off) + 1) {
		const char *name = b->names + off;
		struct dentry *d;
		int err;

		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		mutex_lock(&namespace_mutex);
		d = step(dir, name, strlen(name), &err);
		mutex_unlock(&namespace_mutex);
		if (d) {
			print_inode(d->d_inode, name);
			dput(d);
		}
	}
}

/* ls [PATH]: a directory's entries (type, mode, links, size, name). */
static int cmd_ls(int argc, char **argv)
{
	int err = 0;
	struct dentry *d = path_lookup(argc > 1 ? argv[1] : "/", &err);
	struct name_batch *b = kmalloc(sizeof(*b), GFP_KERNEL);
	u64 pos = 0;

	if (!d || !b) {
		mprintf("ls: %s: error %d\n", argc > 1 ? argv[1] : "/", d ? -ENOMEM : err);
		kfree(b);
		dput(d);
		return -1;
	}
	if (!S_ISDIR(d->d_inode->i_mode)) {
		print_inode(d->d_inode, d->d_name);
	} else {
		do {
			b->used = 0;
			vfs_readdir(d, &pos, collect_name, b);
			print_batch(d, b);
		} while (b->used);
	}
	kfree(b);
	dput(d);
	return 0;
}
MONITOR_CMD("ls", "list a directory of the root file system: ls [PATH]", cmd_ls);
