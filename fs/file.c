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
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

#define CONSOLE_MAJOR 5
#define TTY_MAJOR 4
#define MEM_MAJOR 1
#define BOUNCE 512

static bool test_cloexec(const struct files_struct *files, unsigned int fd)
{
	return files->close_on_exec[fd / 32] >> (fd % 32) & 1;
}

static void set_cloexec(struct files_struct *files, unsigned int fd, bool cloexec)
{
	if (cloexec)
		files->close_on_exec[fd / 32] |= 1U << (fd % 32);
	else
		files->close_on_exec[fd / 32] &= ~(1U << (fd % 32));
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files) {
		files->count = 1;
		spin_lock_init(&files->lock);
		files->max_fds = NR_OPEN_DEFAULT;
		files->fd = files->fd_array;
		files->close_on_exec = files->close_on_exec_init;
	}
	return files;
}

static void free_table(struct files_struct *files, struct file **fd, u32 *cloexec)
{
	if (fd != files->fd_array) {
		kfree(fd);
		kfree(cloexec);
	}
}

/* Make room for descriptor nr (nr < NR_OPEN): the table doubles until nr
 * fits, the new arrays allocated before the lock is taken.  0 or -ENOMEM
 * (someone else having grown it meanwhile is fine). */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int size = files->max_fds, old_size;
	struct file **fd, **old_fd;
	u32 *cloexec, *old_cloexec;
	unsigned long flags;

	while (size <= nr)
		size *= 2;
	fd = kzalloc(size * sizeof(*fd), GFP_KERNEL);
	cloexec = kzalloc(size / 8, GFP_KERNEL);
	if (!fd || !cloexec) {
		kfree(fd);
		kfree(cloexec);
		return -ENOMEM;
	}
	spin_lock_irqsave(&files->lock, flags);
	old_size = files->max_fds;
	old_fd = files->fd;
	old_cloexec = files->close_on_exec;
	if (old_size < size) {
		memcpy(fd, old_fd, old_size * sizeof(*fd));
		memcpy(cloexec, old_cloexec, old_size / 8);
		files->fd = fd;
		files->close_on_exec = cloexec;
		files->max_fds = size;
	}
	spin_unlock_irqrestore(&files->lock, flags);
	if (old_size < size)
		free_table(files, old_fd, old_cloexec);
	else
		free_table(files, fd, cloexec);
	return 0;
}

/* fork: the child gets every open file, each with one more reference
 * (its table grown first to the old one's size, again if that grew). */
struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned long flags;

	if (!files)
		return NULL;
	for (;;) {
		if (files->max_fds < old->max_fds && expand_files(files, old->max_fds - 1)) {
			put_files(files);
			return NULL;
		}
		spin_lock_irqsave(&old->lock, flags);
		if (files->max_fds >= old->max_fds)
			break;
		spin_unlock_irqrestore(&old->lock, flags);
	}
	for (unsigned int fd = 0; fd < old->max_fds; fd++) {
		files->fd[fd] = old->fd[fd];
		if (files->fd[fd]) {
			__sync_fetch_and_add(&files->fd[fd]->f_count, 1);
			set_cloexec(files, fd, test_cloexec(old, fd));
		}
	}
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
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	free_table(files, files->fd, files->close_on_exec);
	kfree(files);
}

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&files->lock, flags);
	f = fd < files->max_fds ? files->fd[fd] : NULL;
	if (f)
		__sync_fetch_and_add(&f->f_count, 1);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

static unsigned int nofile_limit(void)
{
	return (unsigned int)min(current->signal->rlim_cur[RLIMIT_NOFILE], (unsigned long)NR_OPEN);
}

int fd_install(struct files_struct *files, struct file *f, int min_fd, bool cloexec)
{
	unsigned int limit = nofile_limit(), fd = (unsigned int)min_fd;
	unsigned long flags;
	bool done;

	for (;;) {
		spin_lock_irqsave(&files->lock, flags);
		while (fd < limit && fd < files->max_fds && files->fd[fd])
			fd++;
		done = fd < limit && fd < files->max_fds;
		if (done) {
			files->fd[fd] = f;
			set_cloexec(files, fd, cloexec);
		}
		spin_unlock_irqrestore(&files->lock, flags);
		if (fd >= limit)
			return -EMFILE;
		if (done)
			return (int)fd;
		if (expand_files(files, fd))    /* every slot so far is taken */
			return -ENOMEM;
	}
}

/* Put f (may be NULL) in slot fd < max_fds; the file that was there. */
static struct file *fd_swap(struct files_struct *files, unsigned int fd, struct file *f,
			    bool cloexec)
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

struct file *fd_remove(struct files_struct *files, unsigned int fd)
{
	return fd < files->max_fds ? fd_swap(files, fd, NULL, false) : NULL;
}

int fd_replace(struct files_struct *files, unsigned int fd, struct file *f, bool cloexec)
{
	struct file *old;

	if (fd >= nofile_limit())
		return -EBADF;
	if (fd >= files->max_fds && expand_files(files, fd))
		return -ENOMEM;
	old = fd_swap(files, fd, f, cloexec);
	if (old)
		fput(old);
	return (int)fd;
}

void fd_set_cloexec(struct files_struct *files, unsigned int fd, bool cloexec)
{
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds)
		set_cloexec(files, fd, cloexec);
	spin_unlock_irqrestore(&files->lock, flags);
}

bool fd_get_cloexec(struct files_struct *files, unsigned int fd)
{
	unsigned long flags;
	bool set;

	spin_lock_irqsave(&files->lock, flags);
	set = fd < files->max_fds && test_cloexec(files, fd);
	spin_unlock_irqrestore(&files->lock, flags);
	return set;
}

void close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (fd_get_cloexec(files, fd)) {
			struct file *f = fd_remove(files, fd);

			if (f)
				fput(f);
		}
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

/* Linux's generic_write_checks: the file-size limit (RLIMIT_FSIZE: a
 * write starting at or past it raises SIGXFSZ and fails with EFBIG, one
 * crossing it is cut short) and the largest offset there is. */
static ssize_t write_checks(u64 pos, size_t *len)
{
	u64 limit = current->signal->rlim_cur[RLIMIT_FSIZE];

	if (limit != RLIM_INFINITY && pos + *len > limit) {
		if (pos >= limit) {
			send_sig(SIGXFSZ, current);
			return -EFBIG;
		}
		*len = (size_t)(limit - pos);
	}
	if (pos >= MAX_LFS_FILESIZE)
		return *len ? -EFBIG : 0;
	*len = (size_t)min((u64)*len, MAX_LFS_FILESIZE - pos);
	return 0;
}

static ssize_t ramfs_file_write(struct file *f, const char __user *buf, size_t len,
				u64 *pos)
{
	char bounce[BOUNCE];
	size_t done = 0;
	ssize_t err;

	if (f->f_flags & O_APPEND)
		*pos = f->f_dentry->d_inode->i_size;
	if ((err = write_checks(*pos, &len)))
		return err;
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
static const struct file_operations zero_fops = {
	.read = zero_read, .write = sink_write, .mmap_anonymous = true,
};
static const struct file_operations random_fops = { .read = random_read, .write = sink_write };

static const struct file_operations *fops_for(const struct inode *inode)
{
	u32 major = inode->i_rdev >> 8, minor = inode->i_rdev & 0xff;

	if (inode->i_fop)
		return inode->i_fop;
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		return &ramfs_fops;
	if ((inode->i_mode & S_IFMT) == S_IFIFO)
		return &fifo_fops;
	if ((inode->i_mode & S_IFMT) == S_IFBLK)
		return &def_blk_fops;
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
	int ret;

	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	f = fget((unsigned int)oldfd);
	if (!f)
		return -EBADF;
	ret = fd_replace(current->files, (unsigned int)newfd, f, flags & O_CLOEXEC);
	if (ret < 0)
		fput(f);
	return ret;
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
