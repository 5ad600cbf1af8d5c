/*
 * fs/open.c - opening and closing: open/openat, close, access/faccessat,
 * and the current directory (getcwd, chdir).
 *
 * Data: none of its own.  Locking: the descriptor table's lock
 * (fd_install, fd_swap); the file system's own below.
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
	f = filp_open(path, (unsigned int)flags, (u32)mode & ~current->umask, &ferr);
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
	struct file *f = fd < NR_OPEN ? fd_swap(current->files, (unsigned int)fd, NULL, false) : NULL;

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

long sys_getcwd(char __user *ubuf, unsigned long size)
{
	size_t len = strlen(current->cwd) + 1;

	if (size < len)
		return -ERANGE;
	return copy_to_user(ubuf, current->cwd, len) ? -EFAULT : (long)len;
}

/* cwd stays canonical: the path is rebuilt from the dentry chain. */
long sys_chdir(const char __user *upath)
{
	long err = 0;
	struct dentry *d = user_lookup(upath, &err);

	if (!d)
		return err;
	if (!S_ISDIR(d->d_inode->i_mode))
		err = -ENOTDIR;
	else if (dentry_path(d, current->cwd, sizeof(current->cwd)) < 0)
		err = -ENAMETOOLONG;
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
