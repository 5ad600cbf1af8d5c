/*
 * fs/namei.c - from a user's path to a dentry, and the calls that change
 * the tree: mkdir, mknod/mknodat (files, FIFOs, devices), unlink, rmdir,
 * symlink/symlinkat, link/linkat (hard links), rename.
 *
 * Paths come from user memory (strncpy_from_user) and are made absolute
 * with the task's current directory (task->fs->cwd) or the directory of an
 * *at call's descriptor before path_lookup (fs/ramfs.c); the other file
 * system calls (fs/open.c, fs/stat.c) use get_path_at and user_lookup_at
 * from here.
 * Data: none of its own.  Locking: the descriptor table's lock (fget);
 * the file system's own below.
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

/* The directory relative paths start from: cwd, or dirfd's directory. */
static int base_dir(unsigned long dirfd, char *buf, size_t size)
{
	struct file *f;
	int n;

	if ((long)dirfd == AT_FDCWD)
		return (int)get_fs_pwd(current->fs, buf, size);
	f = fget((unsigned int)dirfd);
	if (!f)
		return -EBADF;
	n = !f->f_dentry ? -ENOTDIR : !S_ISDIR(f->f_dentry->d_inode->i_mode) ? -ENOTDIR
	    : dentry_path(f->f_dentry, buf, size);
	fput(f);
	return n;
}

/* The user path, made absolute against dirfd (AT_FDCWD: the current
 * directory).  kfree the result. */
char *get_path_at(unsigned long dirfd, const char __user *upath, long *err)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL), *rel = path ? path + PATH_MAX / 2 : NULL;
	long n, base;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(rel, upath, PATH_MAX / 2);
	if (n < 0 || n == PATH_MAX / 2 || !n) {
		*err = n < 0 ? n : n ? -ENAMETOOLONG : -ENOENT;
		kfree(path);
		return NULL;
	}
	if (rel[0] == '/') {
		memmove(path, rel, (size_t)n + 1);
		return path;
	}
	base = base_dir(dirfd, path, PATH_MAX / 2 - 1);
	if (base < 0) {
		*err = base;
		kfree(path);
		return NULL;
	}
	path[base] = '/';
	memmove(path + base + 1, rel, (size_t)n + 1);
	return path;
}

char *get_path(const char __user *upath, long *err)
{
	return get_path_at((unsigned long)AT_FDCWD, upath, err);
}

/* Look a user path up (relative to dirfd); the referenced dentry, or NULL
 * with *err set. */
struct dentry *user_lookup_at(unsigned long dirfd, const char __user *upath, bool follow,
			      long *err)
{
	char *path = get_path_at(dirfd, upath, err);
	struct dentry *d;
	int lerr = 0;

	if (!path)
		return NULL;
	d = path_lookup_flags(path, follow, &lerr);
	kfree(path);
	*err = lerr;
	return d;
}

struct dentry *user_lookup(const char __user *upath, long *err)
{
	return user_lookup_at((unsigned long)AT_FDCWD, upath, true, err);
}

/* The *at calls with AT_EMPTY_PATH and "" mean the descriptor itself. */
bool empty_path(const char __user *upath, unsigned long flags)
{
	char c;

	return (flags & AT_EMPTY_PATH) && !get_user(c, upath) && !c;
}

long sys_mkdir(const char __user *upath, unsigned long mode)
{
	long err = 0;
	char *path = get_path(upath, &err);

	if (!path)
		return err;
	err = vfs_mkdir(path, (u32)mode & ~get_fs_umask(current->fs));
	kfree(path);
	return err;
}

long with_path(const char __user *upath, int (*op)(const char *path))
{
	long err = 0;
	char *path = get_path(upath, &err);

	if (!path)
		return err;
	err = op(path);
	kfree(path);
	return err;
}

long sys_unlink(const char __user *upath)
{
	return with_path(upath, vfs_unlink);
}

long sys_rmdir(const char __user *upath)
{
	return with_path(upath, vfs_rmdir);
}

long sys_symlinkat(const char __user *utarget, unsigned long dirfd, const char __user *upath)
{
	long err = 0;
	char *target = kmalloc(PATH_MAX, GFP_KERNEL), *path = NULL;
	long n = target ? strncpy_from_user(target, utarget, PATH_MAX) : -ENOMEM;

	if (n < 0 || n == PATH_MAX || !n)
		err = n < 0 ? n : n ? -ENAMETOOLONG : -ENOENT;
	else if ((path = get_path_at(dirfd, upath, &err)))
		err = vfs_symlink(target, path);
	kfree(target);
	kfree(path);
	return err;
}

long sys_symlink(const char __user *utarget, const char __user *upath)
{
	return sys_symlinkat(utarget, (unsigned long)AT_FDCWD, upath);
}

/* The dentry of the file open at fd (linkat's AT_EMPTY_PATH), referenced;
 * a pipe has none: it is on another file system. */
static struct dentry *fd_dentry(unsigned long fd, long *err)
{
	struct file *f = fget((unsigned int)fd);
	struct dentry *d = f && f->f_dentry ? dget(f->f_dentry) : NULL;

	*err = !f ? -EBADF : -EXDEV;
	if (f)
		fput(f);
	return d;
}

/* A hard link: the old name is not followed if it is a symlink, unless
 * AT_SYMLINK_FOLLOW (as Linux's link(2) since 2.0). */
long sys_linkat(unsigned long olddirfd, const char __user *uold, unsigned long newdirfd,
		const char __user *unew, unsigned long flags)
{
	long err = 0;
	struct dentry *old;
	char *newpath;

	if (flags & ~(unsigned long)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	old = empty_path(uold, flags) ? fd_dentry(olddirfd, &err)
				      : user_lookup_at(olddirfd, uold, flags & AT_SYMLINK_FOLLOW, &err);
	if (!old)
		return err;
	newpath = get_path_at(newdirfd, unew, &err);
	if (newpath)
		err = vfs_link(old, newpath);
	kfree(newpath);
	dput(old);
	return err;
}

long sys_link(const char __user *uold, const char __user *unew)
{
	return sys_linkat((unsigned long)AT_FDCWD, uold, (unsigned long)AT_FDCWD, unew, 0);
}

long sys_rename(const char __user *uold, const char __user *unew)
{
	long err = 0;
	char *oldpath = get_path(uold, &err), *newpath = oldpath ? get_path(unew, &err) : NULL;

	if (newpath)
		err = vfs_rename(oldpath, newpath);
	kfree(oldpath);
	kfree(newpath);
	return err;
}

/* mknod: a regular file, a FIFO (a named pipe, fs/pipe.c), a device or a
 * socket name; dev is the new encoding (major in bits 8-19, minor in 0-7
 * and 20-31), kept as major << 8 | minor for devices up to 255. */
long sys_mknodat(unsigned long dirfd, const char __user *upath, unsigned long mode,
		 unsigned long dev)
{
	u32 type = (u32)mode & S_IFMT, major = (u32)(dev & 0xfff00) >> 8;
	u32 minor = (u32)(dev & 0xff) | (u32)((dev >> 12) & 0xfff00);
	long err = 0;
	char *path;

	if (!type)
		type = S_IFREG;
	if (type == S_IFDIR)
		return -EPERM;
	if (type != S_IFREG && type != S_IFIFO && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFSOCK)
		return -EINVAL;
	path = get_path_at(dirfd, upath, &err);
	if (!path)
		return err;
	err = vfs_mknod(path, type | ((u32)mode & 07777 & ~get_fs_umask(current->fs)),
			type == S_IFCHR || type == S_IFBLK ? major << 8 | (minor & 0xff) : 0, NULL);
	kfree(path);
	return err;
}

long sys_mknod(const char __user *upath, unsigned long mode, unsigned long dev)
{
	return sys_mknodat((unsigned long)AT_FDCWD, upath, mode, dev);
}
