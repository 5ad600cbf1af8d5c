/*
 * fs/test_ramfs.c - ktests for ramfs, the page cache behind it, and
 * unpacking an initramfs: data across pages (in high memory when there is
 * some), holes, truncation, path lookup and its errors, symlinks, reference
 * counts (an unlinked file lives while someone holds it), hard links,
 * rename, /proc,
 * and archives good, corrupt, and too big for the memory left.  Each test works under its own directory.
 * Locking: none beyond the file system's own.
 */
#include "fs/fs.h"
#include "kernel/debug/ktest.h"
#include "kernel/printk.h"
#include "lib/cpio.h"
#include "lib/inflate.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

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
	lru_add_drain();                        /* the pagevec's references */
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
	dput(d);
	d = path_lookup("/..", &err);
	KEXPECT(d == root_dentry);
	dput(d);
	KEXPECT(!path_lookup("/ktest/a/nope", &err) && err == -ENOENT);
	KEXPECT(!path_lookup("/ktest/a/b/f/x", &err) && err == -ENOTDIR);
	KEXPECT(!path_lookup("ktest", &err) && err == -EINVAL);        /* absolute only */
	KEXPECT_EQ(vfs_mkdir("/ktest/missing/dir", 0755), -ENOENT);
}

KTEST(ramfs, symlinks_are_followed_except_at_the_end_when_asked)
{
	int err = 0;
	struct dentry *d;

	vfs_mkdir("/ktest-ln", 0755);
	vfs_mkdir("/ktest-ln/a", 0755);
	KEXPECT(vfs_mknod("/ktest-ln/a/f", S_IFREG | 0644, 0, NULL) == 0);
	KEXPECT_EQ(vfs_symlink("/ktest-ln/a", "/ktest-ln/abs"), 0);
	KEXPECT_EQ(vfs_symlink("a", "/ktest-ln/rel"), 0);
	KEXPECT_EQ(vfs_symlink("loop", "/ktest-ln/loop"), 0);
	d = path_lookup_flags("/ktest-ln/abs", false, &err);
	KEXPECT(d && S_ISLNK(d->d_inode->i_mode) && d->d_inode->i_size == 11);
	dput(d);
	d = path_lookup("/ktest-ln/abs", &err);
	KEXPECT(d && S_ISDIR(d->d_inode->i_mode) && !strcmp(d->d_name, "a"));
	dput(d);
	d = path_lookup_flags("/ktest-ln/rel/f", false, &err);
	KEXPECT(d && !strcmp(d->d_name, "f"));
	dput(d);
	d = path_lookup_flags("/ktest-ln/rel/", false, &err);  /* a trailing slash follows */
	KEXPECT(d && S_ISDIR(d->d_inode->i_mode));
	dput(d);
	KEXPECT(!path_lookup("/ktest-ln/loop", &err) && err == -ELOOP);
}

KTEST(ramfs, unlinked_file_lives_while_held_and_rename_moves)
{
	int err = 0;
	struct dentry *d, *held;
	char buf[4];

	vfs_mkdir("/ktest-rm", 0755);
	vfs_mkdir("/ktest-rm/dir", 0755);
	KEXPECT(vfs_mknod("/ktest-rm/f", S_IFREG | 0644, 0, NULL) == 0);
	held = path_lookup("/ktest-rm/f", &err);
	KEXPECT(held != NULL);
	if (!held)
		return;
	KEXPECT_EQ(vfs_write(held->d_inode, "abc", 3, 0), 3);
	KEXPECT_EQ(vfs_unlink("/ktest-rm/f"), 0);
	KEXPECT(!path_lookup("/ktest-rm/f", &err) && err == -ENOENT);
	KEXPECT_EQ(vfs_read(held->d_inode, buf, 3, 0), 3);     /* still readable */
	KEXPECT(!memcmp(buf, "abc", 3) && held->d_inode->i_nlink == 0);
	dput(held);                     /* the last user: freed now */
	KEXPECT_EQ(vfs_unlink("/ktest-rm/dir"), -EISDIR);
	KEXPECT(vfs_mknod("/ktest-rm/g", S_IFREG | 0644, 0, NULL) == 0);
	KEXPECT_EQ(vfs_rename("/ktest-rm/g", "/ktest-rm/dir/h"), 0);
	d = path_lookup("/ktest-rm/dir/h", &err);
	KEXPECT(d && d->d_parent->d_inode->i_nlink == 2);
	dput(d);
	KEXPECT_EQ(vfs_rename("/ktest-rm", "/ktest-rm/dir/x"), -EINVAL);        /* into itself */
	KEXPECT_EQ(vfs_rename("/ktest-rm/dir", "/ktest-rm/dir2"), 0);
	KEXPECT(!path_lookup("/ktest-rm/dir/h", &err) && err == -ENOENT);
	d = path_lookup("/ktest-rm/dir2/h", &err);
	KEXPECT(d != NULL);
	dput(d);
}

static bool count_entry(void *ctx, const char *name, unsigned long ino, u32 mode)
{
	(void)name;
	(void)ino;
	(void)mode;
	(*(int *)ctx)++;
	return true;
}

/* Two names, one inode: the data goes with the last name and the last
 * holder, not before. */
KTEST(ramfs, hard_link_keeps_the_data_until_the_last_name_and_holder)
{
	static char page[PAGE_SIZE];
	struct inode *inode = make_file("/ktest/hl-a");
	unsigned long cached;
	struct dentry *d, *held;
	int err = 0;

	KEXPECT(inode != NULL);
	if (!inode)
		return;
	KEXPECT_EQ(vfs_write(inode, page, sizeof(page), 2 * PAGE_SIZE), (ssize_t)sizeof(page));
	d = path_lookup("/ktest/hl-a", &err);
	KEXPECT_EQ(vfs_link(d, "/ktest/hl-b"), 0);
	KEXPECT_EQ(vfs_link(d, "/ktest/hl-b"), -EEXIST);
	KEXPECT_EQ(vfs_link(d->d_parent, "/ktest/hl-c"), -EPERM);
	KEXPECT_EQ(vfs_link(d, "/dev/hl-c"), -EXDEV);
	KEXPECT(inode->i_nlink == 2 && inode->i_count == 2);
	dput(d);
	cached = global_page_state(NR_FILE_PAGES);
	KEXPECT_EQ(vfs_unlink("/ktest/hl-a"), 0);
	held = path_lookup("/ktest/hl-b", &err);
	KEXPECT(held && held->d_inode == inode && inode->i_nlink == 1);
	KEXPECT_EQ(vfs_unlink("/ktest/hl-b"), 0);
	KEXPECT(inode->i_nlink == 0 && global_page_state(NR_FILE_PAGES) == cached);
	dput(held);                     /* the last holder: the page goes */
	KEXPECT_EQ(global_page_state(NR_FILE_PAGES), cached - 1);
}

KTEST(ramfs, proc_lists_processes_and_their_files)
{
	int err = 0, n = 0;
	struct dentry *d;
	u64 pos = 0;

	d = path_lookup("/proc/1", &err);
	KEXPECT(d && S_ISDIR(d->d_inode->i_mode) && err == 0);
	if (d)
		vfs_readdir(d, &pos, count_entry, &n);
	KEXPECT_EQ(n, 2 + 14);          /* ".", "..", auxv, cmdline ... wchan, task */
	dput(d);
	n = 0;
	pos = 0;
	d = path_lookup("/proc/1/task/1", &err);        /* the one thread: no task of its own */
	KEXPECT(d && S_ISDIR(d->d_inode->i_mode) && err == 0);
	if (d)
		vfs_readdir(d, &pos, count_entry, &n);
	KEXPECT_EQ(n, 2 + 13);
	dput(d);
	KEXPECT(!path_lookup("/proc/1/task/2", &err) && err == -ENOENT);
	d = path_lookup("/proc/self/status", &err);
	KEXPECT(d && S_ISREG(d->d_inode->i_mode) && d->d_inode->i_fop);
	dput(d);
	KEXPECT(!path_lookup("/proc/99999/status", &err) && err == -ENOENT);
	KEXPECT(!path_lookup("/proc/1/nosuch", &err) && err == -ENOENT);
	KEXPECT_EQ(vfs_mknod("/proc/new", S_IFREG | 0644, 0, NULL), -EACCES);
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

	KEXPECT_EQ(unpack_archive(archive, build_archive(false), "ktest archive", NULL), 0);
	d = path_lookup("/ktest-cpio/two", &err);
	KEXPECT(d != NULL);
	if (!d)
		return;
	KEXPECT_EQ(d->d_inode->i_mode, 0100644);
	KEXPECT_EQ(vfs_read(d->d_inode, buf, sizeof(buf), 0), 7);
	KEXPECT(!memcmp(buf, "second\n", 7));
	dput(d);
}

KTEST(ramfs, corrupt_archive_is_refused_keeping_what_came_before)
{
	size_t mark = log_buf_len();
	int err = 0;
	struct dentry *d;

	KEXPECT_EQ(unpack_archive(archive, build_archive(true), "bad archive", NULL), -EINVAL);
	KEXPECT(log_buf_contains("initramfs: bad archive: corrupt archive at offset", mark));
	KEXPECT(log_buf_contains("bad magic", mark));
	d = path_lookup("/ktest-cpio/one", &err);
	KEXPECT(d != NULL);
	dput(d);
}

static u8 big_archive[4 * PAGE_SIZE];
static char big_data[3 * PAGE_SIZE - 100];

/* A file complete with big_data, or absent: never a part of it. */
static bool whole_or_absent(const char *path)
{
	int err = 0;
	struct dentry *d = path_lookup(path, &err);
	bool ok;

	if (!d)
		return err == -ENOENT;
	ok = d->d_inode->i_size == sizeof(big_data);
	for (size_t off = 0; ok && off < sizeof(big_data); off += 64) {
		char chunk[64];

		ok = vfs_read(d->d_inode, chunk, sizeof(chunk), off) > 0 &&
		     !memcmp(chunk, big_data + off, min(sizeof(chunk), sizeof(big_data) - off));
	}
	dput(d);
	return ok;
}

/* The initramfs that killed every shell: memory ran out while /bin/sh's
 * data was written and the first part of it stayed, to be run.  Fail
 * each of the first page allocations in turn: the file is whole or
 * missing, and a missing one is logged. */
KTEST(ramfs, unpack_leaves_no_half_written_file)
{
	size_t n;
	int failed = 0;

	for (size_t i = 0; i < sizeof(big_data); i++)
		big_data[i] = (char)('a' + i % 23);
	n = cpio_put(big_archive, 0, sizeof(big_archive), "ktest-big", 040755, NULL, 0);
	n = cpio_put(big_archive, n, sizeof(big_archive), "ktest-big/prog", 0100755, big_data,
		     sizeof(big_data));
	n = cpio_put(big_archive, n, sizeof(big_archive), "TRAILER!!!", 0, NULL, 0);
	for (unsigned long nth = 1; nth <= 6; nth++) {
		size_t mark = log_buf_len();

		vfs_unlink("/ktest-big/prog");
		fail_nth_alloc(&fail_page_alloc, nth);
		KEXPECT_EQ(unpack_archive(big_archive, n, "ktest big", NULL), 0);
		fail_nth_alloc(&fail_page_alloc, 0);
		KEXPECT(whole_or_absent("/ktest-big/prog"));
		if (log_buf_contains("initramfs: ktest big: cannot create ktest-big/prog (error -12)", mark))
			failed++;
	}
	KEXPECT(failed > 0);
	vfs_unlink("/ktest-big/prog");
}

/* gzip-compressed archives: written here with gzip_stored() (a member of
 * stored blocks is valid gzip; the Huffman decoding itself is tested in
 * lib/test_inflate.c and against the host's gzip). */
static u8 gz_archive[sizeof(big_archive) + 256];

static size_t gz_sample(size_t *cpio_len)
{
	for (size_t i = 0; i < sizeof(big_data); i++)
		big_data[i] = (char)('a' + i % 23);
	*cpio_len = cpio_put(big_archive, 0, sizeof(big_archive), "ktest-gz", 040755, NULL, 0);
	*cpio_len = cpio_put(big_archive, *cpio_len, sizeof(big_archive), "ktest-gz/small",
			     0100644, "small\n", 6);
	*cpio_len = cpio_put(big_archive, *cpio_len, sizeof(big_archive), "ktest-gz/prog",
			     0100755, big_data, sizeof(big_data));
	*cpio_len = cpio_put(big_archive, *cpio_len, sizeof(big_archive), "TRAILER!!!", 0,
			     NULL, 0);
	return gzip_stored(gz_archive, sizeof(gz_archive), big_archive, *cpio_len);
}

static void gz_clean(void)
{
	vfs_unlink("/ktest-gz/prog");
	vfs_unlink("/ktest-gz/small");
}

KTEST(ramfs, gzip_archive_is_inflated_and_unpacked)
{
	size_t cpio_len, n = gz_sample(&cpio_len), mark = log_buf_len();

	KEXPECT(n > cpio_len);
	gz_clean();
	KEXPECT_EQ(unpack_archive(gz_archive, n, "ktest gz", NULL), 0);
	KEXPECT(log_buf_contains("initramfs: ktest gz: 2 files (12194 bytes)", mark));
	KEXPECT(whole_or_absent("/ktest-gz/prog"));
	KEXPECT(whole_or_absent("/ktest-gz/prog") && path_lookup("/ktest-gz/small", &(int){ 0 }));
	gz_clean();
}

/* Linux's mix: a plain archive, zeros, then two gzip members, as
 * tools/linux.py hands Linux its initramfs. */
static u8 mixed[sizeof(gz_archive) * 2 + 1024];

KTEST(ramfs, concatenated_plain_and_gzip_archives_are_unpacked)
{
	size_t cpio_len, n = gz_sample(&cpio_len), at, mark;

	at = cpio_put(mixed, 0, sizeof(mixed), "ktest-gz", 040755, NULL, 0);
	at = cpio_put(mixed, at, sizeof(mixed), "ktest-gz/first", 0100644, "1\n", 2);
	at = cpio_put(mixed, at, sizeof(mixed), "TRAILER!!!", 0, NULL, 0);
	memset(mixed + at, 0, 512);
	at += 512;
	memcpy(mixed + at, gz_archive, n);
	memcpy(mixed + at + n, gz_archive, n);  /* the same again: replaces */
	gz_clean();
	mark = log_buf_len();
	KEXPECT_EQ(unpack_archive(mixed, at + 2 * n, "ktest mix", NULL), 0);
	KEXPECT(log_buf_contains("initramfs: ktest mix: 5 files", mark));
	KEXPECT(whole_or_absent("/ktest-gz/prog"));
	KEXPECT(path_lookup("/ktest-gz/first", &(int){ 0 }) != NULL);
	vfs_unlink("/ktest-gz/first");
	gz_clean();
}

/* The gzip data cut in the middle of prog's data: the files before it
 * stay, prog is not left half written, and the reason is given. */
KTEST(ramfs, gzip_cut_in_a_file_leaves_no_half_file)
{
	size_t cpio_len, n = gz_sample(&cpio_len), mark = log_buf_len();
	int err = 0;

	gz_clean();
	KEXPECT_EQ(unpack_archive(gz_archive, n - 2000, "ktest cut", NULL), -EINVAL);
	KEXPECT(log_buf_contains("initramfs: ktest cut: corrupt gzip data at offset", mark));
	KEXPECT(log_buf_contains("truncated input", mark));
	KEXPECT(log_buf_contains("ktest-gz/prog cut short; removed", mark));
	KEXPECT(!path_lookup("/ktest-gz/prog", &err) && err == -ENOENT);
	KEXPECT(path_lookup("/ktest-gz/small", &err) != NULL);
	gz_clean();
}

KTEST(ramfs, gzip_crc_and_inner_archive_damage_are_reported)
{
	size_t cpio_len, n = gz_sample(&cpio_len), mark = log_buf_len();

	gz_archive[n - 8] ^= 1;                 /* the CRC */
	KEXPECT_EQ(unpack_archive(gz_archive, n, "ktest crc", NULL), -EINVAL);
	KEXPECT(log_buf_contains("ktest crc: corrupt gzip data at offset", mark));
	KEXPECT(log_buf_contains("CRC mismatch; kept the 2 files before it", mark));
	gz_clean();
	memcpy(big_archive + 120, "07070X", 6);       /* small's magic */
	n = gzip_stored(gz_archive, sizeof(gz_archive), big_archive, cpio_len);
	mark = log_buf_len();
	KEXPECT_EQ(unpack_archive(gz_archive, n, "ktest inner", NULL), -EINVAL);
	KEXPECT(log_buf_contains("ktest inner: corrupt archive at offset 120 (inflated): bad magic",
				 mark));
	gz_clean();
}
