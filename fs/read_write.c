/*
 * fs/read_write.c - moving bytes: read, write, pread64/pwrite64,
 * readv/writev, lseek and _llseek (a device may have its own: f_op->llseek),
 * fsync/fdatasync, sendfile/sendfile64.  The work is the
 * file's f_op; this file checks descriptors and user buffers and keeps
 * f_pos.  kernel_read is the same read into a kernel buffer (the
 * monitor's cat).
 *
 * Data: none of its own.  Locking: fget's reference keeps the file; the
 * position is the file's own (no lock: like Linux 2.6.0, two tasks
 * sharing a file race on f_pos).
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mmap.h"
#include "mm/slab.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* A big transfer goes to the file in pieces this size, so one call can
 * neither outlast SIGKILL nor hold its CPU (see move_in_pieces). */
#define RW_PIECE (256UL << 10)

/* Piece by piece while each piece moves whole (a short one: end of file,
 * an empty pipe or terminal).  Between pieces a fatal signal ends the call
 * with the count so far, as Linux's file read and write loops do (other
 * signals wait: a regular file's read or write is not interruptible),
 * and the CPU goes to whoever is due. */
static long move_in_pieces(struct file *f, char __user *buf, unsigned long count, bool write,
			   u64 *pos)
{
	unsigned long done = 0;

	while (done < count) {
		unsigned long want = min(count - done, RW_PIECE);
		long n = write ? f->f_op->write(f, buf + done, want, pos)
			       : f->f_op->read(f, buf + done, want, pos);

		if (n < 0)
			return done ? (long)done : n;
		done += (unsigned long)n;
		if ((unsigned long)n < want || done == count || fatal_signal_pending(current))
			break;
		cond_resched();
	}
	return (long)done;
}

/* Read or write at *pos (the file's own position, or pread's). */
static long rw_at(unsigned long fd, char __user *buf, unsigned long count, bool write,
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
	else
		n = move_in_pieces(f, buf, count, write, at ? at : &f->f_pos);
	fput(f);
	return n;
}

/*
 * A kernel reader goes through the very f_op->read a user's read() uses,
 * so a /proc file is rendered at open and read as user space sees it.  The
 * buffer is kernel memory: for this call only, the task's user copies may
 * reach it (TIF_KERNEL_DS, Linux 2.6's set_fs(KERNEL_DS)).
 */
ssize_t kernel_read(struct file *f, void *buf, size_t len, u64 *pos)
{
	struct thread_info *ti = current_thread_info();
	ssize_t n;

	if (f->f_dentry && S_ISDIR(f->f_dentry->d_inode->i_mode))
		return -EISDIR;
	set_ti_flag(ti, TIF_KERNEL_DS);
	n = f->f_op->read(f, (char __force __user *)buf, len, pos);
	clear_ti_flag(ti, TIF_KERNEL_DS);
	return n;
}

static long rw(unsigned long fd, char __user *buf, unsigned long count, bool write)
{
	return rw_at(fd, buf, count, write, NULL);
}

long sys_pread64(unsigned long fd, char __user *buf, unsigned long count, unsigned long lo,
		 unsigned long hi)
{
	u64 pos = (u64)hi << 32 | lo;

	return rw_at(fd, buf, count, false, &pos);
}

long sys_pwrite64(unsigned long fd, const char __user *buf, unsigned long count,
		  unsigned long lo, unsigned long hi)
{
	u64 pos = (u64)hi << 32 | lo;

	/* rw_at serves both directions; write never stores through buf. */
	return rw_at(fd, (char __user *)buf, count, true, &pos);
}

long sys_read(unsigned long fd, char __user *buf, unsigned long count)
{
	return rw(fd, buf, count, false);
}

long sys_write(unsigned long fd, const char __user *buf, unsigned long count)
{
	return rw(fd, (char __user *)buf, count, true);
}

struct iovec32 {
	u32 base, len;
};

static long rwv(unsigned long fd, const struct iovec32 __user *uiov, unsigned long cnt,
		bool write)
{
	long total = 0;

	if (cnt > 1024)
		return -EINVAL;
	for (unsigned long i = 0; i < cnt; i++) {
		struct iovec32 iov;
		long n;

		if (copy_from_user(&iov, uiov + i, sizeof(iov)))
			return total ? total : -EFAULT;
		n = rw(fd, (char __user *)(unsigned long)iov.base, iov.len, write);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((u32)n < iov.len)
			break;
	}
	return total;
}

long sys_readv(unsigned long fd, const void __user *iov, unsigned long cnt)
{
	return rwv(fd, iov, cnt, false);
}

long sys_writev(unsigned long fd, const void __user *iov, unsigned long cnt)
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
	if (f->f_op->llseek) {
		s64 r = f->f_op->llseek(f, off, (int)whence);

		fput(f);
		if (r < 0)
			return r;
		*result = (u64)r;
		return 0;
	}
	base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->f_pos
	       : (s64)f->f_dentry->d_inode->i_size;
	/* A regular file's offset stays within what a file can hold. */
	if (whence > SEEK_END || base + off < 0 || (off > 0 && (u64)off > MAX_LFS_FILESIZE) ||
	    (S_ISREG(f->f_dentry->d_inode->i_mode) && (u64)(base + off) > MAX_LFS_FILESIZE)) {
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

long sys_llseek(unsigned long fd, unsigned long hi, unsigned long lo, u64 __user *result,
		unsigned long whence)
{
	u64 pos;
	long err = do_lseek(fd, (s64)((u64)hi << 32 | lo), whence, &pos);

	if (err)
		return err;
	return put_user(pos, result);
}

/* Every file's writes are complete when write() returns: ramfs is
 * memory, block device files write through (fs/block_dev.c).  So there
 * is nothing to flush; what cannot be synced at all (a pipe, a
 * terminal) is -EINVAL, as in Linux. */
long sys_fsync(unsigned long fd)
{
	struct file *f = fget((unsigned int)fd);
	long err = 0;
	u32 type;

	if (!f)
		return -EBADF;
	type = f->f_dentry ? f->f_dentry->d_inode->i_mode & S_IFMT : 0;
	if (type != S_IFREG && type != S_IFDIR && type != S_IFBLK)
		err = -EINVAL;
	fput(f);
	return err;
}

long sys_fdatasync(unsigned long fd)
{
	return sys_fsync(fd);
}

/* sendfile: count bytes of the file at in_fd, from *ppos (NULL: its own
 * position, which then advances), written to out_fd.  The source is a
 * ramfs file (Linux too wants one with page-cache data); its pages are
 * mapped read-only into the caller for the moment of each chunk, so the
 * out file's write copies from them as from any user buffer - whatever
 * out is (the terminal, a pipe, a file).  Stops early at end of file, on
 * a short write, or at a signal, with what was sent. */
#define SENDFILE_CHUNK (64 * 1024)
#define MAP_PRIVATE 0x02

static long send_chunk(struct file *out, unsigned long in_fd, u64 pos, size_t n)
{
	u64 base = pos & PAGE_MASK;
	size_t off = (size_t)(pos - base), maplen = PAGE_ALIGN(off + n);
	long addr = sys_mmap2(0, maplen, PROT_READ, MAP_PRIVATE, in_fd,
			      (unsigned long)(base >> PAGE_SHIFT));
	long w;

	if (addr < 0 && addr > -4096)
		return addr;
	w = out->f_op->write(out, (const char __user *)(addr + off), n, &out->f_pos);
	sys_munmap((unsigned long)addr, maplen);
	return w;
}

static long do_sendfile(unsigned long out_fd, unsigned long in_fd, u64 *ppos, size_t count)
{
	struct file *in = fget((unsigned int)in_fd), *out = fget((unsigned int)out_fd);
	u64 pos = 0;
	size_t done = 0;
	long err = 0;

	if (!in || !out || (in->f_flags & O_ACCMODE) == O_WRONLY ||
	    (out->f_flags & O_ACCMODE) == O_RDONLY)
		err = -EBADF;
	else if (!in->f_dentry || !S_ISREG(in->f_dentry->d_inode->i_mode) ||
		 in->f_dentry->d_inode->i_fop || (out->f_flags & O_APPEND))
		err = -EINVAL;
	if (!err)
		pos = ppos ? *ppos : in->f_pos;
	while (!err && done < count && pos < in->f_dentry->d_inode->i_size) {
		size_t n = (size_t)min((u64)min(count - done, (size_t)SENDFILE_CHUNK),
				       in->f_dentry->d_inode->i_size - pos);
		long w = send_chunk(out, in_fd, pos, n);

		if (w <= 0) {
			err = w;
			break;
		}
		done += (size_t)w;
		pos += (u64)w;
		if ((size_t)w < n || signal_pending(current))
			break;
	}
	if (done || !err) {             /* then in and out are both there */
		if (ppos)
			*ppos = pos;
		else
			in->f_pos = pos;
	}
	if (in)
		fput(in);
	if (out)
		fput(out);
	return done ? (long)done : err;
}

long sys_sendfile64(unsigned long out_fd, unsigned long in_fd, u64 __user *uoffset,
		    unsigned long count)
{
	u64 pos;
	long n;

	if (uoffset && copy_from_user(&pos, uoffset, sizeof(pos)))
		return -EFAULT;
	n = do_sendfile(out_fd, in_fd, uoffset ? &pos : NULL, count);
	if (uoffset && n > 0 && copy_to_user(uoffset, &pos, sizeof(pos)))
		return -EFAULT;
	return n;
}

/* The old call: a 32-bit offset. */
long sys_sendfile(unsigned long out_fd, unsigned long in_fd, s32 __user *uoffset,
		  unsigned long count)
{
	s32 off32;
	u64 pos;
	long n;

	if (uoffset && copy_from_user(&off32, uoffset, sizeof(off32)))
		return -EFAULT;
	if (uoffset && off32 < 0)
		return -EINVAL;
	pos = (u64)off32;
	n = do_sendfile(out_fd, in_fd, uoffset ? &pos : NULL, count);
	off32 = (s32)pos;
	if (uoffset && n > 0 && copy_to_user(uoffset, &off32, sizeof(off32)))
		return -EFAULT;
	return n;
}
