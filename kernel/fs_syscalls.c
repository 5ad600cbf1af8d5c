/*
 * kernel/fs_syscalls.c - the file system calls: open/openat, close, read,
 * write, readv/writev, lseek/_llseek, dup/dup2/dup3, fcntl64, the stat
 * family and statx, getdents64, getcwd/chdir, mkdir, unlink, rename,
 * access/faccessat, readlink/readlinkat, umask, and ioctl (the
 * descriptor-level commands; the rest go to the device's f_op->ioctl).
 *
 * Paths come from user memory (strncpy_from_user) and are made absolute
 * with the task's current directory (task->cwd) or the directory of an
 * *at call's descriptor before path_lookup.
 * Data: none of its own.  Locking: the descriptor table's lock (fget,
 * fd_install); the file system's own below.
 */
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH 0x1000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* The directory relative paths start from: cwd, or dirfd's directory. */
static int base_dir(unsigned long dirfd, char *buf, size_t size)
{
	struct file *f;
	int n;

	if ((long)dirfd == AT_FDCWD)
		return (int)strlcpy(buf, current->cwd, size);
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
static char *get_path_at(unsigned long dirfd, unsigned long upath, long *err)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL), *rel = path ? path + PATH_MAX / 2 : NULL;
	long n, base;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(rel, (const char *)upath, PATH_MAX / 2);
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

static char *get_path(unsigned long upath, long *err)
{
	return get_path_at((unsigned long)AT_FDCWD, upath, err);
}

long sys_openat(unsigned long dirfd, unsigned long upath, unsigned long flags,
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

long sys_open(unsigned long upath, unsigned long flags, unsigned long mode)
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

/* Read or write at *pos (the file's own position, or pread's). */
static long rw_at(unsigned long fd, unsigned long buf, unsigned long count, bool write,
		  u64 *at)
{
	struct file *f = fget((unsigned int)fd);
	unsigned int acc;
	long n;

	if (!f)
		return -EBADF;
	acc = f->f_flags & O_ACCMODE;
	if (write ? acc == O_RDONLY : acc == O_WRONLY)
		n = -EBADF;
	else if (f->f_dentry && S_ISDIR(f->f_dentry->d_inode->i_mode))
		n = -EISDIR;
	else if (at && !f->f_dentry)
		n = -ESPIPE;
	else if (write)
		n = f->f_op->write(f, (const char *)buf, count, at ? at : &f->f_pos);
	else
		n = f->f_op->read(f, (char *)buf, count, at ? at : &f->f_pos);
	fput(f);
	return n;
}

static long rw(unsigned long fd, unsigned long buf, unsigned long count, bool write)
{
	return rw_at(fd, buf, count, write, NULL);
}

long sys_pread64(unsigned long fd, unsigned long buf, unsigned long count, unsigned long lo,
		 unsigned long hi)
{
	u64 pos = (u64)hi << 32 | lo;

	return rw_at(fd, buf, count, false, &pos);
}

long sys_pwrite64(unsigned long fd, unsigned long buf, unsigned long count, unsigned long lo,
		  unsigned long hi)
{
	u64 pos = (u64)hi << 32 | lo;

	return rw_at(fd, buf, count, true, &pos);
}

long sys_read(unsigned long fd, unsigned long buf, unsigned long count)
{
	return rw(fd, buf, count, false);
}

long sys_write(unsigned long fd, unsigned long buf, unsigned long count)
{
	return rw(fd, buf, count, true);
}

struct iovec32 {
	u32 base, len;
};

static long rwv(unsigned long fd, unsigned long uiov, unsigned long cnt, bool write)
{
	long total = 0;

	if (cnt > 1024)
		return -EINVAL;
	for (unsigned long i = 0; i < cnt; i++) {
		struct iovec32 iov;
		long n;

		if (copy_from_user(&iov, (void *)(uiov + i * sizeof(iov)), sizeof(iov)))
			return total ? total : -EFAULT;
		n = rw(fd, iov.base, iov.len, write);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((u32)n < iov.len)
			break;
	}
	return total;
}

long sys_readv(unsigned long fd, unsigned long iov, unsigned long cnt)
{
	return rwv(fd, iov, cnt, false);
}

long sys_writev(unsigned long fd, unsigned long iov, unsigned long cnt)
{
	return rwv(fd, iov, cnt, true);
}

static long do_lseek(unsigned long fd, s64 off, unsigned long whence, u64 *result)
{
	struct file *f = fget((unsigned int)fd);
	s64 base;

	if (!f)
		return -EBADF;
	if (!f->f_dentry) {
		fput(f);
		return -ESPIPE;         /* a pipe has no position */
	}
	base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->f_pos
	       : (s64)f->f_dentry->d_inode->i_size;
	if (whence > SEEK_END || base + off < 0) {
		fput(f);
		return -EINVAL;
	}
	f->f_pos = (u64)(base + off);
	*result = f->f_pos;
	fput(f);
	return 0;
}

long sys_lseek(unsigned long fd, unsigned long off, unsigned long whence)
{
	u64 pos;
	long err = do_lseek(fd, (s32)off, whence, &pos);

	return err ? err : pos > 0x7fffffff ? -EOVERFLOW : (long)pos;
}

long sys_llseek(unsigned long fd, unsigned long hi, unsigned long lo, unsigned long result,
		unsigned long whence)
{
	u64 pos;
	long err = do_lseek(fd, (s64)((u64)hi << 32 | lo), whence, &pos);

	if (err)
		return err;
	return copy_to_user((void *)result, &pos, sizeof(pos)) ? -EFAULT : 0;
}

long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags)
{
	struct file *f;

	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	f = fget((unsigned int)oldfd);
	if (!f)
		return -EBADF;
	if (newfd >= NR_OPEN) {
		fput(f);
		return -EBADF;
	}
	return fd_replace(current->files, (unsigned int)newfd, f, flags & O_CLOEXEC);
}

long sys_dup2(unsigned long oldfd, unsigned long newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget((unsigned int)oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return (long)newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

long sys_dup(unsigned long oldfd)
{
	struct file *f = fget((unsigned int)oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(current->files, f, 0, false);
	if (fd < 0)
		fput(f);
	return fd;
}

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

/* Linux's device numbers for stat: old-style major << 8 | minor. */
static u32 dev_of(const struct inode *i)
{
	return i->i_op ? 3 : 1;         /* proc is its own file system */
}

static long put_stat(const struct inode *i, unsigned long ubuf)
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
	st.st_blocks = (i->i_size + 511) / 512;
	st.st_mtime = st.st_atime = st.st_ctime = i->i_mtime;
	return copy_to_user((void *)ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* A pipe has no inode in the tree: a FIFO with nothing else to say. */
static const struct inode fifo_inode = { .i_mode = S_IFIFO | 0600, .i_nlink = 1 };

static const struct inode *file_inode(const struct file *f)
{
	return f->f_dentry ? f->f_dentry->d_inode : &fifo_inode;
}

long sys_fstat64(unsigned long fd, unsigned long ubuf)
{
	struct file *f = fget((unsigned int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_stat(file_inode(f), ubuf);
	fput(f);
	return err;
}

/* Look a user path up (relative to dirfd); the referenced dentry, or NULL
 * with *err set. */
static struct dentry *user_lookup_at(unsigned long dirfd, unsigned long upath, bool follow,
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

static struct dentry *user_lookup(unsigned long upath, long *err)
{
	return user_lookup_at((unsigned long)AT_FDCWD, upath, true, err);
}

/* The *at calls with AT_EMPTY_PATH and "" mean the descriptor itself. */
static bool empty_path(unsigned long upath, unsigned long flags)
{
	char c;

	return (flags & AT_EMPTY_PATH) && !copy_from_user(&c, (void *)upath, 1) && !c;
}

long sys_fstatat64(unsigned long dirfd, unsigned long upath, unsigned long ubuf,
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

long sys_stat64(unsigned long upath, unsigned long ubuf)
{
	return sys_fstatat64((unsigned long)AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat64(unsigned long upath, unsigned long ubuf)
{
	return sys_fstatat64((unsigned long)AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 reserved;
};

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
#define STATX_BASIC_STATS 0x7ff

static long put_statx(const struct inode *i, unsigned long ubuf)
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
	stx.stx_blocks = (i->i_size + 511) / 512;
	stx.stx_atime.tv_sec = stx.stx_ctime.tv_sec = stx.stx_mtime.tv_sec = i->i_mtime;
	stx.stx_rdev_major = i->i_rdev >> 8;
	stx.stx_rdev_minor = i->i_rdev & 0xff;
	stx.stx_dev_minor = dev_of(i);
	return copy_to_user((void *)ubuf, &stx, sizeof(stx)) ? -EFAULT : 0;
}

long sys_statx(unsigned long dirfd, unsigned long upath, unsigned long flags,
	       unsigned long mask, unsigned long ubuf)
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

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __attribute__((packed));

struct dirent_buf {
	char *kbuf;
	size_t used, cap;
};

/* Emit one record; false when it does not fit. */
static bool emit_dirent(void *ctx, const char *name, unsigned long ino, u32 mode)
{
	struct dirent_buf *b = ctx;
	size_t len = strlen(name), reclen = ALIGN(sizeof(struct linux_dirent64) + len + 1, 8);
	struct linux_dirent64 *de = (struct linux_dirent64 *)(b->kbuf + b->used);

	if (b->used + reclen > b->cap)
		return false;
	de->d_ino = ino;
	de->d_off = 0;
	de->d_reclen = (u16)reclen;
	de->d_type = (u8)((mode & S_IFMT) >> 12);       /* DT_* are the S_IF* bits >> 12 */
	memcpy(de->d_name, name, len + 1);
	b->used += reclen;
	return true;
}

/* f_pos counts entries (see vfs_readdir). */
long sys_getdents64(unsigned long fd, unsigned long ubuf, unsigned long count)
{
	struct file *f = fget((unsigned int)fd);
	struct dirent_buf b = { NULL, 0, min(count, 4096UL) };
	long ret;

	if (!f)
		return -EBADF;
	if (!f->f_dentry || !S_ISDIR(f->f_dentry->d_inode->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	b.kbuf = kmalloc(b.cap, GFP_KERNEL);
	if (!b.kbuf) {
		fput(f);
		return -ENOMEM;
	}
	u64 before = f->f_pos;

	vfs_readdir(f->f_dentry, &f->f_pos, emit_dirent, &b);
	ret = b.used ? (copy_to_user((void *)ubuf, b.kbuf, b.used) ? -EFAULT : (long)b.used)
		     : (f->f_pos == before && count < 64 ? -EINVAL : 0);
	if (ret == -EFAULT)
		f->f_pos = before;      /* nothing was delivered: read them again */
	kfree(b.kbuf);
	fput(f);
	return ret;
}

long sys_getcwd(unsigned long ubuf, unsigned long size)
{
	size_t len = strlen(current->cwd) + 1;

	if (size < len)
		return -ERANGE;
	return copy_to_user((void *)ubuf, current->cwd, len) ? -EFAULT : (long)len;
}

/* cwd stays canonical: the path is rebuilt from the dentry chain. */
long sys_chdir(unsigned long upath)
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

long sys_mkdir(unsigned long upath, unsigned long mode)
{
	long err = 0;
	char *path = get_path(upath, &err);

	if (!path)
		return err;
	err = vfs_mkdir(path, (u32)mode & ~current->umask);
	kfree(path);
	return err;
}

/* A call taking one path and doing one thing with it. */
static long with_path(unsigned long upath, int (*op)(const char *path))
{
	long err = 0;
	char *path = get_path(upath, &err);

	if (!path)
		return err;
	err = op(path);
	kfree(path);
	return err;
}

long sys_unlink(unsigned long upath)
{
	return with_path(upath, vfs_unlink);
}

long sys_rmdir(unsigned long upath)
{
	return with_path(upath, vfs_rmdir);
}

long sys_symlinkat(unsigned long utarget, unsigned long dirfd, unsigned long upath)
{
	long err = 0;
	char *target = kmalloc(PATH_MAX, GFP_KERNEL), *path = NULL;
	long n = target ? strncpy_from_user(target, (const char *)utarget, PATH_MAX) : -ENOMEM;

	if (n < 0 || n == PATH_MAX || !n)
		err = n < 0 ? n : n ? -ENAMETOOLONG : -ENOENT;
	else if ((path = get_path_at(dirfd, upath, &err)))
		err = vfs_symlink(target, path);
	kfree(target);
	kfree(path);
	return err;
}

long sys_symlink(unsigned long utarget, unsigned long upath)
{
	return sys_symlinkat(utarget, (unsigned long)AT_FDCWD, upath);
}

long sys_rename(unsigned long uold, unsigned long unew)
{
	long err = 0;
	char *oldpath = get_path(uold, &err), *newpath = oldpath ? get_path(unew, &err) : NULL;

	if (newpath)
		err = vfs_rename(oldpath, newpath);
	kfree(oldpath);
	kfree(newpath);
	return err;
}

#define R_OK 4
#define W_OK 2
#define X_OK 1

/* Everyone is root: a file is accessible if it exists, except that
 * executing needs an x bit somewhere (as for Linux's root). */
long sys_faccessat(unsigned long dirfd, unsigned long upath, unsigned long amode)
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

long sys_access(unsigned long upath, unsigned long amode)
{
	return sys_faccessat((unsigned long)AT_FDCWD, upath, amode);
}

long sys_readlinkat(unsigned long dirfd, unsigned long upath, unsigned long ubuf,
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
		if (copy_to_user((void *)ubuf, target, (size_t)n))
			n = -EFAULT;
	}
	kfree(target);
	return n;
}

long sys_readlink(unsigned long upath, unsigned long ubuf, unsigned long size)
{
	return sys_readlinkat((unsigned long)AT_FDCWD, upath, ubuf, size);
}

long sys_umask(unsigned long mask)
{
	u32 old = current->umask;

	current->umask = (u32)mask & 0777;
	return old;
}

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

long sys_fcntl64(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget((unsigned int)fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= NR_OPEN ? -EINVAL
		      : fd_install(files, f, (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (ret >= 0)
			return ret;     /* the descriptor keeps fget's reference */
		break;
	case F_GETFD:
		ret = files->close_on_exec >> fd & 1 ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fd_set_cloexec(files, (unsigned int)fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		ret = f->f_flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~(O_APPEND | O_NONBLOCK)) |
			     (arg & (O_APPEND | O_NONBLOCK));
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}

#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* The descriptor-level commands here, the rest to the device. */
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget((unsigned int)fd);
	long err = 0;
	int on;

	if (!f)
		return -EBADF;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		fd_set_cloexec(current->files, (unsigned int)fd, cmd == FIOCLEX);
	} else if (cmd == FIONBIO) {
		err = copy_from_user(&on, (void *)arg, sizeof(on)) ? -EFAULT : 0;
		if (!err)
			f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
	} else {
		err = f->f_op->ioctl ? f->f_op->ioctl(f, (unsigned int)cmd, arg) : -ENOTTY;
	}
	fput(f);
	return err;
}
