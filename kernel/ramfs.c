/*
 * kernel/ramfs.c - the in-memory file system: inodes and dentries, path
 * lookup, and file data in page-cache pages.
 *
 * Data: root_dentry and the dentry tree below it; inodes from the
 * "inode_cache" slab; file pages from the page allocator with
 * GFP_HIGHUSER (so they may be high memory, reached with kmap) in each
 * inode's address_space.  A hole (a page never written) reads as zeros.
 * Locking: namespace_mutex over the tree, i_mutex over a file's data.
 */
#include "kernel/fs.h"
#include "kernel/monitor.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/types.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/slab.h"

struct dentry *root_dentry;
static DEFINE_MUTEX(namespace_mutex);
static struct kmem_cache *inode_cachep;
static unsigned long last_ino;

static struct inode *new_inode(u32 mode, u32 rdev)
{
	struct inode *inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	memset(inode, 0, sizeof(*inode));
	inode->i_ino = ++last_ino;
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	address_space_init(&inode->i_data, inode);
	mutex_init(&inode->i_mutex);
	return inode;
}

static struct dentry *new_dentry(const char *name, size_t len, struct dentry *parent,
				 struct inode *inode)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d || !(d->d_name = kmalloc(len + 1, GFP_KERNEL))) {
		kfree(d);
		return NULL;
	}
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	d->d_parent = parent ? parent : d;
	d->d_inode = inode;
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_child);
	if (parent)
		list_add_tail(&d->d_child, &parent->d_subdirs);
	return d;
}

void vfs_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0, 0, NULL);
	if (!inode_cachep)
		panic("vfs_init: no inode cache");
	page_cache_init();
	root_dentry = new_dentry("/", 1, NULL, new_inode(S_IFDIR | 0755, 0));
	if (!root_dentry || !root_dentry->d_inode)
		panic("vfs_init: no memory for the root directory");
	/* The devices exist before any archive: init's stdin/stdout. */
	vfs_mkdir("/dev", 0755);
	vfs_mknod("/dev/console", S_IFCHR | 0600, 5 << 8 | 1, NULL);
	vfs_mknod("/dev/null", S_IFCHR | 0666, 1 << 8 | 3, NULL);
	vfs_mknod("/dev/zero", S_IFCHR | 0666, 1 << 8 | 5, NULL);
	vfs_mknod("/dev/random", S_IFCHR | 0666, 1 << 8 | 8, NULL);
	vfs_mknod("/dev/urandom", S_IFCHR | 0666, 1 << 8 | 9, NULL);
}

static struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (strlen(d->d_name) == len && !memcmp(d->d_name, name, len))
			return d;
	return NULL;
}

/* Walk the components of path - all but the last when `parent_only`,
 * returning that one through last and last_len.  namespace_mutex held. */
static struct dentry *walk(const char *path, bool parent_only, const char **last,
			   size_t *last_len, int *err)
{
	struct dentry *d = root_dentry;

	if (*path != '/') {
		*err = -EINVAL;         /* no current directory yet: absolute only */
		return NULL;
	}
	for (;;) {
		while (*path == '/')
			path++;
		size_t len = strchr(path, '/') ? (size_t)(strchr(path, '/') - path) : strlen(path);
		const char *rest = path + len;

		while (*rest == '/')
			rest++;
		if (parent_only && !*rest) {
			*last = path;
			*last_len = len;
			return d;
		}
		if (!len)
			return d;
		if (!S_ISDIR(d->d_inode->i_mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
		if (len > NAME_MAX) {
			*err = -ENAMETOOLONG;
			return NULL;
		}
		if (len == 1 && path[0] == '.')
			;
		else if (len == 2 && !memcmp(path, "..", 2))
			d = d->d_parent;
		else if (!(d = d_lookup(d, path, len))) {
			*err = -ENOENT;
			return NULL;
		}
		path += len;
	}
}

struct dentry *path_lookup(const char *path, int *err)
{
	struct dentry *d;

	mutex_lock(&namespace_mutex);
	d = walk(path, false, NULL, NULL, err);
	mutex_unlock(&namespace_mutex);
	return d;
}

int vfs_mknod(const char *path, u32 mode, u32 rdev, struct dentry **result)
{
	const char *name;
	size_t len;
	int err = 0;
	struct dentry *dir, *d = NULL;

	mutex_lock(&namespace_mutex);
	dir = walk(path, true, &name, &len, &err);
	if (!dir)
		goto out;
	if (!S_ISDIR(dir->d_inode->i_mode))
		err = -ENOTDIR;
	else if (!len || (len <= 2 && !memcmp(name, "..", len)) || d_lookup(dir, name, len))
		err = -EEXIST;
	else if (len > NAME_MAX)
		err = -ENAMETOOLONG;
	else if (!(d = new_dentry(name, len, dir, new_inode(mode, rdev))) || !d->d_inode)
		err = -ENOMEM;
	else if (S_ISDIR(mode))
		dir->d_inode->i_nlink++;
out:
	mutex_unlock(&namespace_mutex);
	if (result)
		*result = err ? NULL : d;
	return err;
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
	struct page *page = find_get_page(&inode->i_data, index);

	if (page || !create)
		return page;
	page = alloc_page(GFP_HIGHUSER);
	if (!page)
		return NULL;
	memset(kmap(page), 0, PAGE_SIZE);
	kunmap(page);
	if (add_to_page_cache(page, &inode->i_data, index)) {
		put_page(page);
		return NULL;
	}
	return page;                    /* our reference and the cache's */
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
	mutex_lock(&inode->i_mutex);
	n = copy_pages(inode, (void *)buf, len, pos, true);
	if (n > 0 && pos + (u64)n > inode->i_size)
		inode->i_size = pos + (u64)n;
	mutex_unlock(&inode->i_mutex);
	return n;
}

int vfs_truncate(struct inode *inode, u64 size)
{
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	mutex_lock(&inode->i_mutex);
	truncate_inode_pages(&inode->i_data, (unsigned long)((size + PAGE_SIZE - 1) >> PAGE_SHIFT));
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
	inode->i_size = size;
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

static void print_entry(struct dentry *d)
{
	struct inode *i = d->d_inode;

	mprintf("%c%03o %4u %10llu %s\n", type_char(i->i_mode), i->i_mode & 0777, i->i_nlink,
		(unsigned long long)i->i_size, d->d_name);
}

/* ls [PATH]: a directory's entries (type, mode, links, size, name). */
static int cmd_ls(int argc, char **argv)
{
	int err = 0;
	struct dentry *d = path_lookup(argc > 1 ? argv[1] : "/", &err), *c;

	if (!d) {
		mprintf("ls: %s: error %d\n", argv[1], err);
		return -1;
	}
	if (!S_ISDIR(d->d_inode->i_mode)) {
		print_entry(d);
		return 0;
	}
	mutex_lock(&namespace_mutex);
	list_for_each_entry(c, &d->d_subdirs, d_child)
		print_entry(c);
	mutex_unlock(&namespace_mutex);
	return 0;
}
MONITOR_CMD("ls", "list a directory of the root file system: ls [PATH]", cmd_ls);

/* cat PATH: a file's bytes, or a symlink's target. */
static int cmd_cat(int argc, char **argv)
{
	char chunk[256];
	int err = 0;
	struct dentry *d = argc > 1 ? path_lookup(argv[1], &err) : NULL;
	ssize_t n;

	if (!d) {
		mprintf("usage: cat PATH (%d)\n", err);
		return -1;
	}
	for (u64 pos = 0; (n = vfs_read(d->d_inode, chunk, sizeof(chunk), pos)) > 0; pos += (u64)n)
		mprintf("%.*s", (int)n, chunk);
	return n < 0 ? -1 : 0;
}
MONITOR_CMD("cat", "print a file of the root file system: cat PATH", cmd_cat);
