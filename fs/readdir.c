/*
 * fs/readdir.c - getdents64: a directory's entries as linux_dirent64
 * records, filled by the file system's readdir (vfs_readdir) into a
 * kernel buffer and copied out in one piece.
 *
 * Data: none of its own.  Locking: the file system's own (vfs_readdir).
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
long sys_getdents64(unsigned long fd, void __user *ubuf, unsigned long count)
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
	ret = b.used ? (copy_to_user(ubuf, b.kbuf, b.used) ? -EFAULT : (long)b.used)
		     : (f->f_pos == before && count < 64 ? -EINVAL : 0);
	if (ret == -EFAULT)
		f->f_pos = before;      /* nothing was delivered: read them again */
	kfree(b.kbuf);
	fput(f);
	return ret;
}
