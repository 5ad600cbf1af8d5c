/*
 * kernel/file.c - open files, descriptor tables, and the two kinds of
 * file there are so far: ramfs files (through the page cache) and the
 * console character device with a small line discipline, plus the memory
 * devices /dev/null, /dev/zero, /dev/random and /dev/urandom.
 *
 * Data: struct file and struct files_struct from the slab; console_line,
 * the line being typed (echoed, with backspace) until Enter hands it to
 * the reader.
 * Locking: files->lock for the table (see kernel/file.h); console reads
 * are serialised by console_read_mutex.
 */
#include "kernel/file.h"
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
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
	spin_unlock_irqrestore(&old->lock, flags);
	return files;
}

void fput(struct file *f)
{
	if (__sync_sub_and_fetch(&f->f_count, 1))
		return;
	if (f->f_op->release)
		f->f_op->release(f);
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

int fd_install(struct files_struct *files, struct file *f, int min_fd)
{
	unsigned long flags;
	int fd;

	spin_lock_irqsave(&files->lock, flags);
	for (fd = min_fd; fd < NR_OPEN && files->fd[fd]; fd++)
		;
	if (fd < NR_OPEN)
		files->fd[fd] = f;
	spin_unlock_irqrestore(&files->lock, flags);
	return fd < NR_OPEN ? fd : -EMFILE;
}

/* ramfs: copy through a kernel bounce buffer (the page cache is reached
 * with kmap, user memory with copy_to/from_user). */
static ssize_t ramfs_file_read(struct file *f, char *buf, size_t len, u64 *pos)
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

static ssize_t ramfs_file_write(struct file *f, const char *buf, size_t len, u64 *pos)
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

static const struct file_operations ramfs_fops = { ramfs_file_read, ramfs_file_write, NULL };

static ssize_t console_file_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	char bounce[BOUNCE];
	size_t done = 0;

	(void)f;
	(void)pos;
	while (done < len) {
		size_t n = min(len - done, (size_t)BOUNCE);

		if (copy_from_user(bounce, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write(bounce, n);
		done += n;
	}
	return (ssize_t)done;
}

/* The line discipline: echo, Backspace erases, Enter (CR or LF) ends the
 * line, which the reader gets whole (canonical mode). */
static DEFINE_MUTEX(console_read_mutex);
static char console_line[256];
static size_t line_len, line_off;

static void console_read_line(void)
{
	line_len = line_off = 0;
	for (;;) {
		char c = (char)console_getc();

		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			console_line[line_len++] = '\n';
			return;
		}
		if ((c == 0x7f || c == '\b') && line_len) {
			line_len--;
			console_write("\b \b", 3);
		} else if (c == 0x04 && !line_len) {
			return;                 /* Ctrl-D on an empty line: end of file */
		} else if (c >= ' ' && line_len < sizeof(console_line) - 1) {
			console_line[line_len++] = c;
			console_write(&c, 1);
		}
	}
}

static ssize_t console_file_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	size_t n;

	(void)f;
	(void)pos;
	mutex_lock(&console_read_mutex);
	if (line_off == line_len)
		console_read_line();
	n = min(len, line_len - line_off);
	if (n && copy_to_user(buf, console_line + line_off, n)) {
		mutex_unlock(&console_read_mutex);
		return -EFAULT;
	}
	line_off += n;
	mutex_unlock(&console_read_mutex);
	return (ssize_t)n;
}

const struct file_operations console_fops = { console_file_read, console_file_write, NULL };

/* The memory devices (major 1): null, zero, random and urandom. */
static ssize_t null_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return 0;
}

static ssize_t sink_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	(void)f, (void)buf, (void)pos;
	return (ssize_t)len;
}

static ssize_t zero_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	(void)f, (void)pos;
	return clear_user(buf, len) ? -EFAULT : (ssize_t)len;
}

static ssize_t random_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	(void)f, (void)pos;
	return sys_getrandom((unsigned long)buf, len, 0);
}

static const struct file_operations null_fops = { null_read, sink_write, NULL };
static const struct file_operations zero_fops = { zero_read, sink_write, NULL };
static const struct file_operations random_fops = { random_read, sink_write, NULL };

static const struct file_operations *fops_for(const struct inode *inode)
{
	u32 major = inode->i_rdev >> 8, minor = inode->i_rdev & 0xff;

	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		return &ramfs_fops;
	if ((inode->i_mode & S_IFMT) != S_IFCHR)
		return NULL;
	if (major == CONSOLE_MAJOR || major == TTY_MAJOR)
		return &console_fops;
	if (major == MEM_MAJOR && minor == 3)
		return &null_fops;
	if (major == MEM_MAJOR && minor == 5)
		return &zero_fops;
	if (major == MEM_MAJOR && (minor == 8 || minor == 9))
		return &random_fops;
	return NULL;
}

struct file *filp_open(const char *path, unsigned int flags, u32 mode, int *err)
{
	struct dentry *d;
	struct file *f;

	*err = 0;
	d = path_lookup(path, err);
	if (!d && *err == -ENOENT && (flags & O_CREAT))
		*err = vfs_mknod(path, S_IFREG | (mode & 0777), 0, &d);
	else if (d && (flags & O_CREAT) && (flags & O_EXCL))
		*err = -EEXIST;
	if (!d || (*err && *err != -ENOENT))
		return NULL;
	if ((flags & O_DIRECTORY) && !S_ISDIR(d->d_inode->i_mode)) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (S_ISDIR(d->d_inode->i_mode) && (flags & O_ACCMODE) != O_RDONLY) {
		*err = -EISDIR;
		return NULL;
	}
	if (!fops_for(d->d_inode)) {
		*err = -ENXIO;
		return NULL;
	}
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if ((flags & O_TRUNC) && S_ISREG(d->d_inode->i_mode) && (flags & O_ACCMODE) != O_RDONLY)
		vfs_truncate(d->d_inode, 0);
	f->f_count = 1;
	f->f_flags = flags;
	f->f_dentry = d;
	f->f_op = fops_for(d->d_inode);
	*err = 0;
	return f;
}
