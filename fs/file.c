/*
 * fs/file.c - open files, descriptor tables with dup/dup2/dup3, and
 * opening: ramfs files (through the page cache), the memory devices
 * /dev/null, /dev/zero, /dev/random and /dev/urandom, the console
 * (drivers/tty/tty.c) and whatever an inode brings its own operations for
 * (/proc).
 *
 * Data: struct file and struct files_struct from the slab.
 * Locking: files->lock for the table (see fs/file.h).
 */
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

#define CONSOLE_MAJOR 5
#define TTY_MAJOR 4
#define MEM_MAJOR 1
#define BOUNCE 512

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files) {
		files->count = 1;
		spin_lock_init(&files->lock);
	}
	return files;
}

/* fork: the child gets every open file, each with one more reference. */
struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&old->lock, flags);
	for (int fd = 0; fd < NR_OPEN; fd++) {
		files->fd[fd] = old->fd[fd];
		if (files->fd[fd])
			__sync_fetch_and_add(&files->fd[fd]->f_count, 1);
	}
	files->close_on_exec = old->close_on_exec;
	spin_unlock_irqrestore(&old->lock, flags);
	return files;
}

void fput(struct file *f)
{
	if (__sync_sub_and_fetch(&f->f_count, 1))
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	dput(f->f_dentry);
	kfree(f);
}

void put_files(struct files_struct *files)
{
	if (__sync_sub_and_fetch(&files->count, 1))
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (!files || fd >= NR_OPEN)
		return NULL;
	spin_lock_irqsave(&files->lock, flags);
	f = files->fd[fd];
	if (f)
		__sync_fetch_and_add(&f->f_count, 1);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

static void set_cloexec(struct files_struct *files, unsigned int fd, bool cloexec)
{
	if (cloexec)
		files->close_on_exec |= 1ULL << fd;
	else
		files->close_on_exec &= ~(1ULL << fd);
}

int fd_install(struct files_struct *files, struct file *f, int min_fd, bool cloexec)
{
	int limit = (int)min(current->rlim_cur[RLIMIT_NOFILE], (unsigned long)NR_OPEN);
	unsigned long flags;
	int fd;

	spin_lock_irqsave(&files->lock, flags);
	for (fd = min_fd; fd < limit && files->fd[fd]; fd++)
		;
	if (fd < limit) {
		files->fd[fd] = f;
		set_cloexec(files, (unsigned int)fd, cloexec);
	}
	spin_unlock_irqrestore(&files->lock, flags);
	return fd < limit ? fd : -EMFILE;
}

struct file *fd_swap(struct files_struct *files, unsigned int fd, struct file *f, bool cloexec)
{
	struct file *old;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	old = files->fd[fd];
	files->fd[fd] = f;
	set_cloexec(files, fd, cloexec);
	spin_unlock_irqrestore(&files->lock, flags);
	return old;
}

int fd_replace(struct files_struct *files, unsigned int fd, struct file *f, bool cloexec)
{
	struct file *old;

	if (fd >= NR_OPEN)
		return -EBADF;
	old = fd_swap(files, fd, f, cloexec);
	if (old)
		fput(old);
	return (int)fd;
}

void fd_set_cloexec(struct files_struct *files, unsigned int fd, bool cloexec)
{
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	set_cloexec(files, fd, cloexec);
	spin_unlock_irqrestore(&files->lock, flags);
}

void close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < NR_OPEN; fd++)
		if (files->close_on_exec & (1ULL << fd))
			fd_replace(files, fd, NULL, false);
}

/* ramfs: copy through a kernel bounce buffer (the page cache is reached
 * with kmap, user memory with copy_to/from_user). */
static ssize_t ramfs_file_read(struct file *f, char __user *buf, size_t len, u64 *pos)
{
	char bounce[BOUNCE];
	size_t done = 0;

	while (done < len) {
		ssize_t n = vfs_read(f->f_dentry->d_inode, bounce, min(len - done, (size_t)BOUNCE), *pos);

		if (n <= 0)
			return done ? (ssize_t)done : n;
		if (copy_to_user(buf + done, bounce, (size_t)n))
			return done ? (ssize_t)done : -EFAULT;
		done += (size_t)n;
		*pos += (u64)n;
	}
	return (ssize_t)done;
}

static ssize_t ramfs_file_write(struct file *f, const char __user *buf, size_t len,
				u64 *pos)
{
	char bounce[BOUNCE];
	size_t done = 0;

	if (f->f_flags & O_APPEND)
		*pos = f->f_dentry->d_inode->i_size;
	while (done < len) {
		size_t n = min(len - done, (size_t)BOUNCE);
		ssize_t w;

		if (copy_from_user(bounce, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		w = vfs_write(f->f_dentry->d_inode, bounce, n, *pos);
		if (w <= 0)
			return done ? (ssize_t)done : w;
		done += (size_t)w;
		*pos += (u64)w;
	}
	return (ssize_t)done;
}

static const struct file_operations ramfs_fops = { .read = ramfs_file_read, .write = ramfs_file_write };

/* The memory devices (major 1): null, zero, random and urandom. */
static ssize_t null_read(struct file *f, char __user *buf, size_t len, u64 *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return 0;
}

static ssize_t sink_write(struct file *f, const char __user *buf, size_t len, u64 *pos)
{
	(void)f, (void)buf, (void)pos;
	return (ssize_t)len;
}

static ssize_t zero_read(struct file *f, char __user *buf, size_t len, u64 *pos)
{
	(void)f, (void)pos;
	return clear_user(buf, len) ? -EFAULT : (ssize_t)len;
}

static ssize_t random_read(struct file *f, char __user *buf, size_t len, u64 *pos)
{
	(void)f, (void)pos;
	return sys_getrandom(buf, len, 0);
}

static const struct file_operations null_fops = { .read = null_read, .write = sink_write };
static const struct file_operations zero_fops = { .read = zero_read, .write = sink_write };
static const struct file_operations random_fops = { .read = random_read, .write = sink_write };

static const struct file_operations *fops_for(const struct inode *inode)
{
	u32 major = inode->i_rdev >> 8, minor = inode->i_rdev & 0xff;

	if (inode->i_fop)
		return inode->i_fop;
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		return &ramfs_fops;
	if ((inode->i_mode & S_IFMT) != S_IFCHR)
		return NULL;
	if (major == CONSOLE_MAJOR || major == TTY_MAJOR)
		return &tty_fops;
	if (major == MEM_MAJOR && minor == 3)
		return &null_fops;
	if (major == MEM_MAJOR && minor == 5)
		return &zero_fops;
	if (major == MEM_MAJOR && (minor == 8 || minor == 9))
		return &random_fops;
	return NULL;
}

/* Why d may not be opened with flags, or 0. */
static int may_open(struct dentry *d, unsigned int flags)
{
	u32 mode = d->d_inode->i_mode;

	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && (flags & O_ACCMODE) != O_RDONLY)
		return -EISDIR;
	if (!fops_for(d->d_inode))
		return S_ISLNK(mode) ? -ELOOP : -ENXIO;
	return 0;
}

struct file *filp_open(const char *path, unsigned int flags, u32 mode, int *err)
{
	struct dentry *d;
	struct file *f = NULL;

	*err = 0;
	d = path_lookup(path, err);
	if (!d && *err == -ENOENT && (flags & O_CREAT)) {
		*err = vfs_mknod(path, S_IFREG | (mode & 0777), 0, &d);
		d = *err ? NULL : dget(d);
	} else if (d && (flags & O_CREAT) && (flags & O_EXCL)) {
		*err = -EEXIST;
	}
	if (d && !*err)
		*err = may_open(d, flags);
	if (d && !*err && !(f = kzalloc(sizeof(*f), GFP_KERNEL)))
		*err = -ENOMEM;
	if (!f) {
		dput(d);
		return NULL;
	}
	if ((flags & O_TRUNC) && S_ISREG(d->d_inode->i_mode) && !d->d_inode->i_fop &&
	    (flags & O_ACCMODE) != O_RDONLY)
		vfs_truncate(d->d_inode, 0);
	f->f_count = 1;
	f->f_flags = flags;
	f->f_dentry = d;
	f->f_op = fops_for(d->d_inode);
	if (f->f_op->open && (*err = f->f_op->open(f))) {
		f->f_op = &null_fops;           /* nothing of it to release */
		fput(f);
		return NULL;
	}
	return f;
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
