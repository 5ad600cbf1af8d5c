/*
 * kernel/file.h - open files and file-descriptor tables.
 *
 * A struct file is one open of an inode: its position, its open flags and
 * the operations that read and write it (ramfs files through the page
 * cache, the console for /dev/console).  A process's files_struct maps
 * descriptor numbers to files; fork shares the files (each gains a
 * reference), exit drops them.
 *
 * Locking: files->lock (irqsave) for the table; a file's position is
 * updated by whoever uses the descriptor (no lock: like Linux before
 * f_pos_lock, concurrent users of one descriptor race).
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "kernel/fs.h"

#define NR_OPEN 64

#define O_ACCMODE 0003
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 0200000

struct file;

struct file_operations {
	/* buf is a user pointer; *pos is advanced. */
	ssize_t (*read)(struct file *f, char *buf, size_t len, u64 *pos);
	ssize_t (*write)(struct file *f, const char *buf, size_t len, u64 *pos);
	void (*release)(struct file *f);        /* the last reference went */
};

struct file {
	int f_count;
	unsigned int f_flags;
	u64 f_pos;
	struct dentry *f_dentry;        /* NULL for a pipe */
	const struct file_operations *f_op;
	void *private_data;             /* the pipe, for a pipe */
};

struct files_struct {
	int count;
	spinlock_t lock;
	struct file *fd[NR_OPEN];
};

struct files_struct *files_alloc(void);
struct files_struct *dup_files(struct files_struct *old);
void put_files(struct files_struct *files);
struct file *fget(unsigned int fd);     /* with a reference, or NULL */
void fput(struct file *f);
/* Open the file at an absolute path (O_CREAT etc.); a file or -errno in
 * *err. */
struct file *filp_open(const char *path, unsigned int flags, u32 mode, int *err);
int fd_install(struct files_struct *files, struct file *f, int min_fd);

/* The console as a character device (5, 1). */
extern const struct file_operations console_fops;

#endif
