/*
 * kernel/fs_syscalls.c - the file system calls: open/openat, close, read,
 * write, readv/writev, lseek/_llseek, dup/dup2/dup3, the stat family,
 * getdents64, getcwd/chdir, mkdir, and ioctl for the console.
 *
 * Paths come from user memory (strncpy_from_user) and are made absolute
 * with the task's current directory (task->cwd) before path_lookup.
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
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413

/* The user path, made absolute against the current directory. */
static char *get_path(unsigned long upath, long *err)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL), *rel;
	size_t cwd_len = strlen(current->cwd);
	long n;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	rel = path + cwd_len + 1;
	n = strncpy_from_user(rel, (const char *)upath, (long)(PATH_MAX - cwd_len - 1));
	if (n < 0 || n == (long)(PATH_MAX - cwd_len - 1) || !n) {
		*err = n < 0 ? n : n ? -ENAMETOOLONG : -ENOENT;
		kfree(path);
		return NULL;
	}
	if (rel[0] == '/')
		memmove(path, rel, (size_t)n + 1);
	else {
		memcpy(path, current->cwd, cwd_len);
		path[cwd_len] = '/';
	}
	return path;
}

long sys_openat(unsigned long dirfd, unsigned long upath, unsigned long flags,
		unsigned long mode)
{
	long err = 0;
	char *path;
	struct file *f;
	int ferr, fd;

	if ((long)dirfd != AT_FDCWD)
		return -EINVAL;         /* directory descriptors come later */
	path = get_path(upath, &err);
	if (!path)
		return err;
	f = filp_open(path, (unsigned int)flags, (u32)mode, &ferr);
	kfree(path);
	if (!f)
		return ferr;
	fd = fd_install(current->files, f, 0);
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
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (fd >= NR_OPEN)
		return -EBADF;
	spin_lock_irqsave(&files->lock, flags);
	f = files->fd[fd];
	files->fd[fd] = NULL;
	spin_unlock_irqrestore(&files->lock, flags);
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
	struct files_struct *files = current->files;
	struct file *f = fget((unsigned int)oldfd), *old;
	unsigned long iflags;

	(void)flags;
	if (!f)
		return -EBADF;
	if (newfd >= NR_OPEN) {
		fput(f);
		return -EBADF;
	}
	spin_lock_irqsave(&files->lock, iflags);
	old = files->fd[newfd];
	files->fd[newfd] = f;
	spin_unlock_irqrestore(&files->lock, iflags);
	if (old)
		fput(old);
	return (long)newfd;
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
	fd = fd_install(current->files, f, 0);
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

static long put_stat(const struct inode *i, unsigned long ubuf)
{
	struct stat64 st;

	memset(&st, 0, sizeof(st));
	st.st_dev = 1;
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
static long put_pipe_stat(unsigned long ubuf)
{
	static const struct inode fifo = { .i_mode = S_IFIFO | 0600, .i_nlink = 1 };

	return put_stat(&fifo, ubuf);
}

long sys_fstat64(unsigned long fd, unsigned long ubuf)
{
	struct file *f = fget((unsigned int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->f_dentry ? put_stat(f->f_dentry->d_inode, ubuf) : put_pipe_stat(ubuf);
	fput(f);
	return err;
}

/* Look a user path up; the dentry, or NULL with *err set. */
static struct dentry *user_lookup(unsigned long upath, long *err)
{
	char *path = get_path(upath, err);
	struct dentry *d;
	int lerr = 0;

	if (!path)
		return NULL;
	d = path_lookup(path, &lerr);
	kfree(path);
	*err = lerr;
	return d;
}

long sys_stat64(unsigned long upath, unsigned long ubuf)
{
	long err = 0;
	struct dentry *d = user_lookup(upath, &err);

	return d ? put_stat(d->d_inode, ubuf) : err;
}

long sys_fstatat64(unsigned long dirfd, unsigned long upath, unsigned long ubuf,
		   unsigned long flags)
{
	char c;

	if ((flags & AT_EMPTY_PATH) && !copy_from_user(&c, (void *)upath, 1) && !c)
		return sys_fstat64(dirfd, ubuf);
	if ((long)dirfd != AT_FDCWD)
		return -EINVAL;
	return sys_stat64(upath, ubuf);         /* no symlink is followed anyway */
}

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __attribute__((packed));

static u8 dt_type(u32 mode)
{
	return (u8)((mode & S_IFMT) >> 12);      /* DT_* are the S_IF* bits >> 12 */
}

/* Emit one record; false when it does not fit. */
static bool emit_dirent(char *kbuf, size_t *used, size_t cap, const char *name, u64 ino,
			u32 mode, s64 next)
{
	size_t len = strlen(name), reclen = ALIGN(sizeof(struct linux_dirent64) + len + 1, 8);
	struct linux_dirent64 *de = (struct linux_dirent64 *)(kbuf + *used);

	if (*used + reclen > cap)
		return false;
	de->d_ino = ino;
	de->d_off = next;
	de->d_reclen = (u16)reclen;
	de->d_type = dt_type(mode);
	memcpy(de->d_name, name, len + 1);
	*used += reclen;
	return true;
}

/* f_pos counts entries: 0 ".", 1 "..", then the children in list order. */
long sys_getdents64(unsigned long fd, unsigned long ubuf, unsigned long count)
{
	struct file *f = fget((unsigned int)fd);
	struct dentry *dir, *c;
	size_t used = 0, cap = min(count, 4096UL);
	char *kbuf;
	s64 idx = 0;
	long ret;

	if (!f)
		return -EBADF;
	dir = f->f_dentry;
	kbuf = kmalloc(cap, GFP_KERNEL);
	if (!dir || !S_ISDIR(dir->d_inode->i_mode) || !kbuf) {
		fput(f);
		kfree(kbuf);
		return kbuf ? -ENOTDIR : -ENOMEM;
	}
	if ((s64)f->f_pos <= 0 && emit_dirent(kbuf, &used, cap, ".", dir->d_inode->i_ino,
					      S_IFDIR, 1))
		f->f_pos = 1;
	if (f->f_pos == 1 && emit_dirent(kbuf, &used, cap, "..", dir->d_parent->d_inode->i_ino,
					 S_IFDIR, 2))
		f->f_pos = 2;
	list_for_each_entry(c, &dir->d_subdirs, d_child) {
		if (idx++ < (s64)f->f_pos - 2)
			continue;
		if (!emit_dirent(kbuf, &used, cap, c->d_name, c->d_inode->i_ino, c->d_inode->i_mode,
				 idx + 2))
			break;
		f->f_pos = (u64)idx + 2;
	}
	ret = used ? (copy_to_user((void *)ubuf, kbuf, used) ? -EFAULT : (long)used)
		   : (f->f_pos >= 2 && count < 64 ? -EINVAL : 0);
	kfree(kbuf);
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

/* Keep cwd canonical: resolve ".." and "." by looking the path up and
 * rebuilding it from the dentry chain. */
static int dentry_path(struct dentry *d, char *buf, size_t size)
{
	char tmp[TASK_CWD_MAX];
	size_t len = 0;

	if (d == root_dentry)
		return (int)strlcpy(buf, "/", size);
	buf[0] = '\0';
	for (; d != root_dentry; d = d->d_parent) {
		int n = snprintf(tmp, sizeof(tmp), "/%s%s", d->d_name, buf);

		if (n >= (int)sizeof(tmp) || (size_t)n >= size)
			return -ENAMETOOLONG;
		strlcpy(buf, tmp, size);
		len = (size_t)n;
	}
	return (int)len;
}

long sys_chdir(unsigned long upath)
{
	long err = 0;
	struct dentry *d = user_lookup(upath, &err);

	if (!d)
		return err;
	if (!S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	return dentry_path(d, current->cwd, sizeof(current->cwd)) < 0 ? -ENAMETOOLONG : 0;
}

long sys_mkdir(unsigned long upath, unsigned long mode)
{
	long err = 0;
	char *path = get_path(upath, &err);

	if (!path)
		return err;
	err = vfs_mkdir(path, (u32)mode);
	kfree(path);
	return err;
}

struct winsize {
	u16 rows, cols, xpixel, ypixel;
};

/* TCGETS: a termios for a canonical, echoing terminal; TIOCGWINSZ 80x25. */
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget((unsigned int)fd);
	bool tty = f && f->f_op == &console_fops;
	long err = -ENOTTY;

	if (f)
		fput(f);
	if (!f)
		return -EBADF;
	if (tty && cmd == TCGETS) {
		u32 termios[9] = { 0x0500 /* ICRNL|IXON */, 0x0005 /* OPOST|ONLCR */,
				   0x00bf /* B38400|CS8|CREAD */, 0x8a3b /* ISIG|ICANON|ECHO... */ };

		err = copy_to_user((void *)arg, termios, sizeof(termios)) ? -EFAULT : 0;
	} else if (tty && cmd == TIOCGWINSZ) {
		struct winsize ws = { 25, 80, 0, 0 };

		err = copy_to_user((void *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	}
	return err;
}
