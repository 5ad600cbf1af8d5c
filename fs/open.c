/*
 * fs/open.c - opening and closing: open/openat, close, access/faccessat,
 * the current directory (getcwd, chdir), a file's mode and owner
 * (chmod, fchmod, fchmodat, the chown family), ftruncate and truncate.
 *
 * Data: none of its own.  Locking: the descriptor table's lock
 * (fd_install, fd_remove); inode->i_mutex over mode, owner and ctime; the
 * file system's own below.
 */
#include "fs/file.h"
#include "fs/fs_struct.h"
#include "fs/internal.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

#define R_OK 4
#define W_OK 2
#define X_OK 1

long sys_openat(unsigned long dirfd, const char __user *upath, unsigned long flags,
		unsigned long mode)
{
	long err = 0;
	char *path = get_path_at(dirfd, upath, &err);
	struct file *f;
	int ferr, fd;

	if (!path)
		return err;
	f = filp_open(path, (unsigned int)flags, (u32)mode & ~get_fs_umask(current->fs), &ferr);
	kfree(path);
	if (!f)
		return ferr;
	fd = fd_install(current->files, f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_open(const char __user *upath, unsigned long flags, unsigned long mode)
{
	return sys_openat((unsigned long)AT_FDCWD, upath, flags, mode);
}

long sys_close(unsigned long fd)
{
	struct file *f = fd_remove(current->files, (unsigned int)fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

long sys_getcwd(char __user *ubuf, unsigned long size)
{
	char cwd[TASK_CWD_MAX];
	size_t len = get_fs_pwd(current->fs, cwd, sizeof(cwd)) + 1;

	if (size < len)
		return -ERANGE;
	return copy_to_user(ubuf, cwd, len) ? -EFAULT : (long)len;
}

/* cwd stays canonical: the path is rebuilt from the dentry chain. */
long sys_chdir(const char __user *upath)
{
	long err = 0;
	char cwd[TASK_CWD_MAX];
	struct dentry *d = user_lookup(upath, &err);

	if (!d)
		return err;
	if (!S_ISDIR(d->d_inode->i_mode))
		err = -ENOTDIR;
	else if (dentry_path(d, cwd, sizeof(cwd)) < 0)
		err = -ENAMETOOLONG;
	else
		set_fs_pwd(current->fs, cwd);
	dput(d);
	return err;
}

/* Everyone is root: a file is accessible if it exists, except that
 * executing needs an x bit somewhere (as for Linux's root). */
long sys_faccessat(unsigned long dirfd, const char __user *upath, unsigned long amode)
{
	long err = 0;
	struct dentry *d;

	if (amode & ~(unsigned long)(R_OK | W_OK | X_OK))
		return -EINVAL;
	d = user_lookup_at(dirfd, upath, true, &err);
	if (!d)
		return err;
	if ((amode & X_OK) && !S_ISDIR(d->d_inode->i_mode) && !(d->d_inode->i_mode & 0111))
		err = -EACCES;
	dput(d);
	return err;
}

long sys_access(const char __user *upath, unsigned long amode)
{
	return sys_faccessat((unsigned long)AT_FDCWD, upath, amode);
}

/* Attribute changes: everyone is root, so only existence is checked.
 * i_mutex covers the inode's attributes as its data. */
static long chmod_common(struct inode *inode, unsigned long mode)
{
	mutex_lock(&inode->i_mutex);
	inode->i_mode = (inode->i_mode & S_IFMT) | ((u32)mode & 07777);
	inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
	return 0;
}

/* -1 leaves an id alone.  A new owner drops a non-directory's set-user-ID
 * bit (and set-group-ID when group-executable), root's change too, as
 * Linux does since 2.2.13. */
static long chown_common(struct inode *inode, unsigned long uid, unsigned long gid)
{
	mutex_lock(&inode->i_mutex);
	if ((u32)uid != (u32)-1)
		inode->i_uid = (u32)uid;
	if ((u32)gid != (u32)-1)
		inode->i_gid = (u32)gid;
	if (((u32)uid != (u32)-1 || (u32)gid != (u32)-1) && !S_ISDIR(inode->i_mode)) {
		inode->i_mode &= ~S_ISUID;
		if (inode->i_mode & 010)
			inode->i_mode &= ~S_ISGID;
	}
	inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
	return 0;
}

typedef long (*attr_op_t)(struct inode *inode, unsigned long a, unsigned long b);

/* op on the file open at fd (a pipe has no inode to change). */
static long attr_fd(unsigned long fd, unsigned long a, unsigned long b, attr_op_t op)
{
	struct file *f = fget((unsigned int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->f_dentry ? op(f->f_dentry->d_inode, a, b) : 0;
	fput(f);
	return err;
}

/* op on a path (or, with AT_EMPTY_PATH and "", on dirfd itself). */
static long attr_at(unsigned long dirfd, const char __user *upath, unsigned long flags,
		    unsigned long a, unsigned long b, attr_op_t op)
{
	long err = 0;
	struct dentry *d;

	if (empty_path(upath, flags))
		return attr_fd(dirfd, a, b, op);
	d = user_lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &err);
	if (!d)
		return err;
	err = op(d->d_inode, a, b);
	dput(d);
	return err;
}

static long chmod_op(struct inode *inode, unsigned long mode, unsigned long unused)
{
	(void)unused;
	return chmod_common(inode, mode);
}

long sys_fchmodat(unsigned long dirfd, const char __user *upath, unsigned long mode)
{
	return attr_at(dirfd, upath, 0, mode, 0, chmod_op);
}

long sys_chmod(const char __user *upath, unsigned long mode)
{
	return sys_fchmodat((unsigned long)AT_FDCWD, upath, mode);
}

long sys_fchmod(unsigned long fd, unsigned long mode)
{
	return attr_fd(fd, mode, 0, chmod_op);
}

long sys_fchownat(unsigned long dirfd, const char __user *upath, unsigned long uid,
		  unsigned long gid, unsigned long flags)
{
	if (flags & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return attr_at(dirfd, upath, flags, uid, gid, chown_common);
}

long sys_chown(const char __user *upath, unsigned long uid, unsigned long gid)
{
	return sys_fchownat((unsigned long)AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown(const char __user *upath, unsigned long uid, unsigned long gid)
{
	return sys_fchownat((unsigned long)AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned long fd, unsigned long uid, unsigned long gid)
{
	return attr_fd(fd, uid, gid, chown_common);
}

/* The 16-bit ids of the old chown (182): -1 is 0xffff. */
long sys_chown16(const char __user *upath, unsigned long uid, unsigned long gid)
{
	return sys_chown(upath, (u16)uid == 0xffff ? ~0UL : (u16)uid,
			 (u16)gid == 0xffff ? ~0UL : (u16)gid);
}

/* Only a regular ramfs file open for writing takes a new size; anything
 * else - a directory, a device, a pipe, a read-only descriptor, a
 * negative length - is EINVAL, as in Linux. */
static long do_ftruncate(unsigned long fd, s64 length)
{
	struct file *f = fget((unsigned int)fd);
	struct inode *inode;
	long err = -EINVAL;

	if (!f)
		return -EBADF;
	inode = f->f_dentry ? f->f_dentry->d_inode : NULL;
	if (length >= 0 && inode && S_ISREG(inode->i_mode) && !inode->i_fop &&
	    (f->f_flags & O_ACCMODE) != O_RDONLY)
		err = vfs_truncate(inode, (u64)length);
	fput(f);
	return err;
}

/* truncate(2): the same by path; a directory is EISDIR, anything but a
 * regular ramfs file EINVAL, as in Linux. */
static long do_truncate_path(const char __user *upath, s64 length)
{
	long err = 0;
	struct dentry *d = length < 0 ? NULL : user_lookup(upath, &err);
	struct inode *inode;

	if (!d)
		return length < 0 ? -EINVAL : err;
	inode = d->d_inode;
	err = S_ISDIR(inode->i_mode) ? -EISDIR
	      : S_ISREG(inode->i_mode) && !inode->i_fop ? vfs_truncate(inode, (u64)length) : -EINVAL;
	dput(d);
	return err;
}

long sys_truncate(const char __user *upath, unsigned long length)
{
	return do_truncate_path(upath, (long)length);
}

long sys_truncate64(const char __user *upath, unsigned long lo, unsigned long hi)
{
	return do_truncate_path(upath, (s64)((u64)hi << 32 | lo));
}

long sys_ftruncate(unsigned long fd, unsigned long length)
{
	return do_ftruncate(fd, (long)length);
}

long sys_ftruncate64(unsigned long fd, unsigned long lo, unsigned long hi)
{
	return do_ftruncate(fd, (s64)((u64)hi << 32 | lo));
}
