/*
 * kernel/test_ramfs.c - ktests for ramfs, the page cache behind it, and
 * unpacking an initramfs: data across pages (in high memory when there is
 * some), holes, truncation, path lookup and its errors, and archives good
 * and corrupt.  Each test works under its own directory.
 * Locking: none beyond the file system's own.
 */
#include "kernel/fs.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "lib/cpio.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/slab.h"

static struct inode *make_file(const char *path)
{
	struct dentry *d;

	vfs_mkdir("/ktest", 0755);
	return vfs_mknod(path, S_IFREG | 0644, 0, &d) ? NULL : d->d_inode;
}

KTEST(ramfs, data_across_pages_round_trips)
{
	struct inode *inode = make_file("/ktest/pages");
	size_t len = 3 * PAGE_SIZE + 50;
	u8 *out = kmalloc(len, GFP_KERNEL), *in = kmalloc(len, GFP_KERNEL);
	struct page *page;

	KEXPECT(inode && out && in);
	if (!inode || !out || !in)
		goto out;
	for (size_t i = 0; i < len; i++)
		out[i] = (u8)(i * 7 + 3);
	KEXPECT_EQ(vfs_write(inode, out, len, 100), (ssize_t)len);
	KEXPECT_EQ(inode->i_size, len + 100);
	KEXPECT_EQ(inode->i_data.nrpages, 4);
	KEXPECT_EQ(vfs_read(inode, in, len, 100), (ssize_t)len);
	KEXPECT(!memcmp(in, out, len));
	KEXPECT_EQ(vfs_read(inode, in, len, len + 90), 10);        /* stops at EOF */
	KEXPECT_EQ(vfs_read(inode, in, len, len + 100), 0);
	page = find_get_page(&inode->i_data, 1);
	KEXPECT(page && page->mapping == &inode->i_data && page->index == 1);
	KEXPECT_EQ(page_count(page), 2);        /* the cache's and ours */
	if (contig_page_data.node_zones[ZONE_HIGHMEM].free_pages > 64)
		KEXPECT(PageHighMem(page));     /* GFP_HIGHUSER prefers high memory */
	put_page(page);
out:
	kfree(out);
	kfree(in);
}

KTEST(ramfs, holes_read_as_zeros_and_truncate_clears)
{
	struct inode *inode = make_file("/ktest/holes");
	char buf[32];

	KEXPECT(inode != NULL);
	if (!inode)
		return;
	KEXPECT_EQ(vfs_write(inode, "tail", 4, 3 * PAGE_SIZE), 4);
	KEXPECT_EQ(inode->i_data.nrpages, 1);   /* only the written page */
	memset(buf, 'x', sizeof(buf));
	KEXPECT_EQ(vfs_read(inode, buf, sizeof(buf), 10), (ssize_t)sizeof(buf));
	KEXPECT(!memchr(buf, 'x', sizeof(buf)) && !buf[0] && !buf[31]);
	KEXPECT_EQ(vfs_write(inode, "0123456789abcdef", 16, 0), 16);
	KEXPECT_EQ(vfs_truncate(inode, 10), 0);
	KEXPECT_EQ(inode->i_size, 10);
	KEXPECT_EQ(inode->i_data.nrpages, 1);   /* pages past the end dropped */
	KEXPECT_EQ(vfs_write(inode, "Z", 1, 15), 1);
	KEXPECT_EQ(vfs_read(inode, buf, sizeof(buf), 0), 16);
	KEXPECT(!memcmp(buf, "0123456789\0\0\0\0\0Z", 16));      /* tail was zeroed */
}

KTEST(ramfs, path_lookup_and_its_errors)
{
	int err = 0;
	struct dentry *d;

	vfs_mkdir("/ktest", 0755);
	KEXPECT_EQ(vfs_mkdir("/ktest/a", 0755), 0);
	KEXPECT_EQ(vfs_mkdir("/ktest/a/b", 0700), 0);
	KEXPECT_EQ(vfs_mkdir("/ktest/a/b", 0700), -EEXIST);
	KEXPECT(make_file("/ktest/a/b/f") != NULL);
	d = path_lookup("//ktest/./a/b/../b///f", &err);
	KEXPECT(d && !strcmp(d->d_name, "f") && S_ISREG(d->d_inode->i_mode));
	KEXPECT(path_lookup("/..", &err) == root_dentry);
	KEXPECT(!path_lookup("/ktest/a/nope", &err) && err == -ENOENT);
	KEXPECT(!path_lookup("/ktest/a/b/f/x", &err) && err == -ENOTDIR);
	KEXPECT(!path_lookup("ktest", &err) && err == -EINVAL);        /* absolute only */
	KEXPECT_EQ(vfs_mkdir("/ktest/missing/dir", 0755), -ENOENT);
	KEXPECT_EQ(vfs_symlink("/ktest/a", "/ktest/link"), 0);
	d = path_lookup("/ktest/link", &err);
	KEXPECT(d && S_ISLNK(d->d_inode->i_mode) && d->d_inode->i_size == 8);
}

static u8 archive[1024];

static size_t build_archive(bool corrupt_second)
{
	size_t n = cpio_put(archive, 0, sizeof(archive), "./ktest-cpio", 040755, NULL, 0);

	n = cpio_put(archive, n, sizeof(archive), "ktest-cpio/one", 0100600, "first\n", 6);
	n = cpio_put(archive, n, sizeof(archive), "ktest-cpio/two", 0100644, "second\n", 7);
	if (corrupt_second)
		memcpy(archive + n - 136, "07070X", 6);        /* "two"'s magic */
	return cpio_put(archive, n, sizeof(archive), "TRAILER!!!", 0, NULL, 0);
}

KTEST(ramfs, unpack_archive_creates_the_tree)
{
	char buf[16];
	int err = 0;
	struct dentry *d;

	KEXPECT_EQ(unpack_archive(archive, build_archive(false), "ktest archive"), 0);
	d = path_lookup("/ktest-cpio/two", &err);
	KEXPECT(d != NULL);
	if (!d)
		return;
	KEXPECT_EQ(d->d_inode->i_mode, 0100644);
	KEXPECT_EQ(vfs_read(d->d_inode, buf, sizeof(buf), 0), 7);
	KEXPECT(!memcmp(buf, "second\n", 7));
}

KTEST(ramfs, corrupt_archive_is_refused_keeping_what_came_before)
{
	size_t mark = log_buf_len();
	int err = 0;

	KEXPECT_EQ(unpack_archive(archive, build_archive(true), "bad archive"), -EINVAL);
	KEXPECT(log_buf_contains("initramfs: bad archive: corrupt archive at offset", mark));
	KEXPECT(log_buf_contains("bad magic", mark));
	KEXPECT(path_lookup("/ktest-cpio/one", &err) != NULL);
}
