/*
 * fs/statfs.c - what a file system holds: statfs64 (268) and fstatfs64
 * (269) in i386 Linux's struct statfs64, for df.
 *
 * ramfs reports itself as tmpfs would (TMPFS_MAGIC, the machine's memory
 * as its size and free memory as free: its pages come from there), /proc
 * as proc (PROC_SUPER_MAGIC, no blocks), a pipe as pipefs.
 * Data: none of its own.  Locking: none (a snapshot of the counters).
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/arch/uaccess.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/vmstat.h"

#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define ST_VALID 0x0020

/* i386's struct statfs64 (84 bytes: packed to 4). */
struct statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	s32 f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));

static void fill_statfs(const struct inode *inode, struct statfs64 *st)
{
	memset(st, 0, sizeof(*st));
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_flags = ST_VALID;
	if (!inode) {                   /* a pipe */
		st->f_type = PIPEFS_MAGIC;
		return;
	}
	if (inode->i_op) {              /* /proc: the only other file system */
		st->f_type = PROC_SUPER_MAGIC;
		return;
	}
	st->f_type = TMPFS_MAGIC;
	st->f_blocks = zone_sum(false, false) + zone_sum(true, false);
	st->f_bfree = st->f_bavail = zone_sum(false, true) + zone_sum(true, true);
}

static long put_statfs(const struct inode *inode, unsigned long size, void __user *ubuf)
{
	struct statfs64 st;

	if (size != sizeof(st))
		return -EINVAL;
	fill_statfs(inode, &st);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs64(const char __user *upath, unsigned long size, void __user *ubuf)
{
	long err = 0;
	struct dentry *d = user_lookup(upath, &err);

	if (!d)
		return err;
	err = put_statfs(d->d_inode, size, ubuf);
	dput(d);
	return err;
}

long sys_fstatfs64(unsigned long fd, unsigned long size, void __user *ubuf)
{
	struct file *f = fget((unsigned int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_statfs(f->f_dentry ? f->f_dentry->d_inode : NULL, size, ubuf);
	fput(f);
	return err;
}
