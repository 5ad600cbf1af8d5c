/*
 * fs/stat.c - what a file is: fstat64, stat64/lstat64/fstatat64, statx,
 * readlink/readlinkat, in the i386 layouts glibc expects.
 *
 * Data: none of its own.  Locking: the dentry reference from the lookup
 * keeps the inode while it is copied out.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

#define STATX_BASIC_STATS 0x7ff

/* struct stat64 as i386 Linux lays it out (96 bytes). */
struct stat64 {
	u64 st_dev;
	u32 pad0, st_ino32, st_mode, st_nlink, st_uid, st_gid;
	u64 st_rdev;
	u32 pad3;
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u64 st_ino;
} __attribute__((packed));

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 reserved;
};

/* Linux's device numbers for stat: old-style major << 8 | minor. */
static u32 dev_of(const struct inode *i)
{
	return i->i_op ? 3 : 1;         /* proc is its own file system */
}

/* st_blocks counts 512-byte units of what the file occupies: in ramfs
 * the page-cache pages it holds (a 24-byte file holds one 4 KiB page: 8;
 * a hole holds none), as Linux's ramfs/tmpfs report. */
static u64 blocks_of(const struct inode *i)
{
	return (u64)i->i_data.nrpages * (PAGE_SIZE / 512);
}

static struct statx_timestamp statx_time(struct inode_time t)
{
	return (struct statx_timestamp){ .tv_sec = t.sec, .tv_nsec = t.nsec };
}

static long put_stat(const struct inode *i, void __user *ubuf)
{
	struct stat64 st;

	memset(&st, 0, sizeof(st));
	st.st_dev = dev_of(i);
	st.st_ino32 = (u32)i->i_ino;
	st.st_ino = i->i_ino;
	st.st_mode = i->i_mode;
	st.st_nlink = i->i_nlink;
	st.st_uid = i->i_uid;
	st.st_gid = i->i_gid;
	st.st_rdev = i->i_rdev;
	st.st_size = (s64)i->i_size;
	st.st_blksize = PAGE_SIZE;
	st.st_blocks = blocks_of(i);
	st.st_atime = (u32)i->i_atime.sec;
	st.st_atime_nsec = i->i_atime.nsec;
	st.st_mtime = (u32)i->i_mtime.sec;
	st.st_mtime_nsec = i->i_mtime.nsec;
	st.st_ctime = (u32)i->i_ctime.sec;
	st.st_ctime_nsec = i->i_ctime.nsec;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* A pipe has no inode in the tree: a FIFO with nothing else to say. */
static const struct inode fifo_inode = { .i_mode = S_IFIFO | 0600, .i_nlink = 1 };

static const struct inode *file_inode(const struct file *f)
{
	return f->f_dentry ? f->f_dentry->d_inode : &fifo_inode;
}

long sys_fstat64(unsigned long fd, void __user *ubuf)
{
	struct file *f = fget((unsigned int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_stat(file_inode(f), ubuf);
	fput(f);
	return err;
}

long sys_fstatat64(unsigned long dirfd, const char __user *upath, void __user *ubuf,
		   unsigned long flags)
{
	long err = 0;
	struct dentry *d;

	if (empty_path(upath, flags))
		return sys_fstat64(dirfd, ubuf);
	d = user_lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &err);
	if (!d)
		return err;
	err = put_stat(d->d_inode, ubuf);
	dput(d);
	return err;
}

long sys_stat64(const char __user *upath, void __user *ubuf)
{
	return sys_fstatat64((unsigned long)AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat64(const char __user *upath, void __user *ubuf)
{
	return sys_fstatat64((unsigned long)AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

/* struct statx (256 bytes, the same on every architecture). */
struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 spare[14];
};

static long put_statx(const struct inode *i, void __user *ubuf)
{
	struct statx stx;

	memset(&stx, 0, sizeof(stx));
	stx.stx_mask = STATX_BASIC_STATS;
	stx.stx_blksize = PAGE_SIZE;
	stx.stx_nlink = i->i_nlink;
	stx.stx_uid = i->i_uid;
	stx.stx_gid = i->i_gid;
	stx.stx_mode = (u16)i->i_mode;
	stx.stx_ino = i->i_ino;
	stx.stx_size = i->i_size;
	stx.stx_blocks = blocks_of(i);
	stx.stx_atime = statx_time(i->i_atime);
	stx.stx_mtime = statx_time(i->i_mtime);
	stx.stx_ctime = statx_time(i->i_ctime);
	stx.stx_rdev_major = i->i_rdev >> 8;
	stx.stx_rdev_minor = i->i_rdev & 0xff;
	stx.stx_dev_minor = dev_of(i);
	return copy_to_user(ubuf, &stx, sizeof(stx)) ? -EFAULT : 0;
}

long sys_statx(unsigned long dirfd, const char __user *upath, unsigned long flags,
	       unsigned long mask, void __user *ubuf)
{
	long err = 0;
	struct dentry *d;
	struct file *f;

	(void)mask;                     /* everything basic is always filled in */
	if (empty_path(upath, flags)) {
		f = fget((unsigned int)dirfd);
		if (!f)
			return -EBADF;
		err = put_statx(file_inode(f), ubuf);
		fput(f);
		return err;
	}
	d = user_lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &err);
	if (!d)
		return err;
	err = put_statx(d->d_inode, ubuf);
	dput(d);
	return err;
}

long sys_readlinkat(unsigned long dirfd, const char __user *upath, char __user *ubuf,
		    unsigned long size)
{
	long err = 0;
	struct dentry *d;
	char *target;
	int n;

	if ((long)size <= 0)
		return -EINVAL;
	d = user_lookup_at(dirfd, upath, false, &err);
	if (!d)
		return err;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	n = target ? vfs_readlink(d, target, PATH_MAX) : -ENOMEM;
	dput(d);
	if (n >= 0) {
		n = min(n, (int)size);          /* no NUL, possibly truncated, as Linux */
		if (copy_to_user(ubuf, target, (size_t)n))
			n = -EFAULT;
	}
	kfree(target);
	return n;
}

long sys_readlink(const char __user *upath, char __user *ubuf, unsigned long size)
{
	return sys_readlinkat((unsigned long)AT_FDCWD, upath, ubuf, size);
}
