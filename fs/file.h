/*
 * fs/file.h - open files and file-descriptor tables.
 *
 * A struct file is one open of an inode: its position, its open flags and
 * the operations that read and write it (ramfs files through the page
 * cache, the console for /dev/console).  A process's files_struct maps
 * descriptor numbers to files; fork shares the files (each gains a
 * reference), exit drops them.  The table starts with NR_OPEN_DEFAULT
 * slots inside the files_struct and grows (expand_files, doubling) up to
 * RLIMIT_NOFILE, at most NR_OPEN, as Linux's fdtable does.
 *
 * Locking: files->lock (irqsave) for the table and its arrays (a grown
 * table replaces them under the lock); a file's position is
 * updated by whoever uses the descriptor (no lock: like Linux before
 * f_pos_lock, concurrent users of one descriptor race).
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include "fs/fs.h"

#define NR_OPEN_DEFAULT 32              /* slots inside files_struct */
#define NR_OPEN 4096                    /* the table's maximum (Linux: fs.nr_open) */
#define INR_OPEN_CUR 1024               /* RLIMIT_NOFILE's default, soft */
#define INR_OPEN_MAX 4096               /* and hard, as Linux gives init */

#define O_ACCMODE 0003
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000

struct file;

struct file_operations {
	/* buf is a user pointer; *pos is advanced. */
	ssize_t (*read)(struct file *f, char __user *buf, size_t len, u64 *pos);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t len, u64 *pos);
	void (*release)(struct file *f);        /* the last reference went */
	int (*open)(struct file *f);            /* optional: 0 or -errno */
	/* Optional: which of POLLIN/POLLOUT/... hold now (NULL: always
	 * readable and writable, as a regular file). */
	unsigned int (*poll)(struct file *f);
	/* Optional: the file's own lseek (a block device ends at its
	 * capacity, not at i_size): the new f_pos, or -EINVAL. */
	s64 (*llseek)(struct file *f, s64 off, int whence);
	/* Optional: a device's ioctl; -ENOTTY for commands it does not know. */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* mmap of the device maps anonymous memory, private or shared
	 * (/dev/zero: what Linux's mmap_zero does). */
	bool mmap_anonymous;
};

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020

struct file {
	int f_count;
	unsigned int f_flags;
	u64 f_pos;
	struct dentry *f_dentry;        /* referenced; NULL for a pipe */
	const struct file_operations *f_op;
	void *private_data;             /* the pipe, for a pipe */
};

struct files_struct {
	int count;
	spinlock_t lock;
	unsigned int max_fds;           /* slots in fd[] and close_on_exec */
	struct file **fd;               /* fd_array, or a grown table */
	u32 *close_on_exec;             /* bit fd: closed by execve */
	struct file *fd_array[NR_OPEN_DEFAULT];
	u32 close_on_exec_init[NR_OPEN_DEFAULT / 32];
};

struct files_struct *files_alloc(void);
struct files_struct *dup_files(struct files_struct *old);
void put_files(struct files_struct *files);
struct file *fget(unsigned int fd);     /* with a reference, or NULL */
void fput(struct file *f);
/* Open the file at an absolute path (O_CREAT etc.); a file or -errno in
 * *err. */
struct file *filp_open(const char *path, unsigned int flags, u32 mode, int *err);
/* Read from f at *pos into kernel memory through its f_op->read, as a
 * user's read would (fs/read_write.c). */
ssize_t kernel_read(struct file *f, void *buf, size_t len, u64 *pos);
/* The lowest free descriptor >= min_fd (below RLIMIT_NOFILE) now refers
 * to f; it, or -EMFILE (none free) or -ENOMEM (the table cannot grow). */
int fd_install(struct files_struct *files, struct file *f, int min_fd, bool cloexec);
/* Put f at descriptor fd (closing what was there); fd, or -EBADF when fd
 * is not below RLIMIT_NOFILE (as Linux's dup2), or -ENOMEM. */
int fd_replace(struct files_struct *files, unsigned int fd, struct file *f, bool cloexec);
/* Take the file out of slot fd (NULL if none or out of range). */
struct file *fd_remove(struct files_struct *files, unsigned int fd);
void fd_set_cloexec(struct files_struct *files, unsigned int fd, bool cloexec);
bool fd_get_cloexec(struct files_struct *files, unsigned int fd);
/* execve: close the descriptors marked close-on-exec. */
void close_on_exec(struct files_struct *files);

/* The console as a terminal: /dev/console (5, 1) and /dev/tty (5, 0),
 * with its line discipline (drivers/tty/tty.c). */
extern const struct file_operations tty_fops;
/* A FIFO in ramfs: opened as a pipe hung off its inode (fs/pipe.c). */
extern const struct file_operations fifo_fops;
/* A block device file: /dev/hda, /dev/hda1, ... (fs/block_dev.c). */
extern const struct file_operations def_blk_fops;

#endif
