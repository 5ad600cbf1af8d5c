/*
 * fs/pipe.c - pipes and FIFOs: a one-page ring buffer between a read end
 * and a write end.
 *
 * A reader sleeps while the pipe is empty and there is still a writer;
 * with no writer left it reads end of file (0).  A writer sleeps while the
 * pipe lacks room; with no reader left it gets SIGPIPE and -EPIPE.  A
 * write of at most PIPE_BUF bytes goes in whole or not at all (it waits
 * until it fits, then is copied under one hold of the lock), so writers
 * sharing a pipe never interleave such messages, as POSIX and Linux
 * promise; a longer write may be split.  Both waits end early on a signal
 * (the call is restarted, or fails with EINTR).  Each end is a struct file
 * whose release drops the pipe's count of readers or writers and wakes the
 * other side.
 *
 * A FIFO (a named pipe: mknod S_IFIFO, mkfifo) is the same ring hung off
 * its inode (i_private) while anyone has it open: opening it for reading
 * waits for a writer, for writing waits for a reader (O_NONBLOCK: the
 * reader goes on, the writer fails with ENXIO), O_RDWR waits for nobody -
 * Linux's rules.  r_counter/w_counter count opens, so a waiting open sees
 * a partner that came and went.
 * Data: struct pipe_inode_info - buffer, head/len, readers, writers.
 * Locking: pipe->lock (a mutex: copies to and from user memory may sleep)
 * over the ring and counts; a FIFO's inode->i_mutex over i_private
 * (taken before pipe->lock); sleepers wait on pipe->wait.
 */
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/mutex.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/slab.h"

#define PIPE_SIZE PAGE_SIZE
#define PIPE_BUF 4096                   /* writes up to this size are atomic */

struct pipe_inode_info {
	struct mutex lock;
	wait_queue_head_t wait;
	char *buf;
	size_t head, len;               /* data at buf[head..head+len) mod size */
	int readers, writers;
	unsigned int r_counter, w_counter; /* opens ever, for FIFO opens */
};

static bool readable(struct pipe_inode_info *p)
{
	return p->len || !p->writers;
}

/* Room for a write of len bytes now: all of it if it must be atomic,
 * else some; or no reader left (the writer then learns so). */
static bool writable(struct pipe_inode_info *p, size_t len)
{
	size_t need = len <= PIPE_BUF ? len : 1;

	return PIPE_SIZE - p->len >= need || !p->readers;
}

/* Move n bytes (n <= len) out of the ring to user memory, in up to two
 * pieces around the ring's end.  pipe->lock held. */
static int ring_read(struct pipe_inode_info *p, char __user *ubuf, size_t n)
{
	size_t first = min(n, PIPE_SIZE - p->head);

	lockdep_assert_held(&p->lock);
	if (copy_to_user(ubuf, p->buf + p->head, first) ||
	    copy_to_user(ubuf + first, p->buf, n - first))
		return -EFAULT;
	p->head = (p->head + n) % PIPE_SIZE;
	p->len -= n;
	return 0;
}

/* Move n bytes (n <= the room left) from user memory into the ring.
 * pipe->lock held. */
static int ring_write(struct pipe_inode_info *p, const char __user *ubuf, size_t n)
{
	size_t tail = (p->head + p->len) % PIPE_SIZE, first = min(n, PIPE_SIZE - tail);

	lockdep_assert_held(&p->lock);
	if (copy_from_user(p->buf + tail, ubuf, first) ||
	    copy_from_user(p->buf, ubuf + first, n - first))
		return -EFAULT;
	p->len += n;
	return 0;
}

static ssize_t pipe_read(struct file *f, char __user *ubuf, size_t len, u64 *pos)
{
	struct pipe_inode_info *p = f->private_data;
	size_t n;

	(void)pos;
	for (;;) {
		if ((f->f_flags & O_NONBLOCK) && !readable(p))
			return -EAGAIN;
		if (wait_event_interruptible(p->wait, readable(p)))
			return -ERESTARTSYS;
		mutex_lock(&p->lock);
		if (readable(p))
			break;
		mutex_unlock(&p->lock);
	}
	n = min(len, p->len);
	if (n && ring_read(p, ubuf, n)) {
		mutex_unlock(&p->lock);
		return -EFAULT;
	}
	mutex_unlock(&p->lock);
	wake_up_all(&p->wait);
	return (ssize_t)n;
}

static ssize_t pipe_write(struct file *f, const char __user *ubuf, size_t len, u64 *pos)
{
	struct pipe_inode_info *p = f->private_data;
	size_t done = 0;

	(void)pos;
	while (done < len) {
		size_t n;

		if ((f->f_flags & O_NONBLOCK) && !writable(p, len - done))
			return done ? (ssize_t)done : -EAGAIN;
		if (wait_event_interruptible(p->wait, writable(p, len - done)))
			return done ? (ssize_t)done : -ERESTARTSYS;
		mutex_lock(&p->lock);
		if (!p->readers) {
			mutex_unlock(&p->lock);
			send_sig(SIGPIPE, current);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (!writable(p, len - done)) {         /* another writer came first */
			mutex_unlock(&p->lock);
			continue;
		}
		n = min(len - done, PIPE_SIZE - p->len);
		if (ring_write(p, ubuf + done, n)) {
			mutex_unlock(&p->lock);
			return done ? (ssize_t)done : -EFAULT;
		}
		done += n;
		mutex_unlock(&p->lock);
		wake_up_all(&p->wait);
	}
	return (ssize_t)done;
}

static bool reads(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_WRONLY;
}

static bool writes(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_RDONLY;
}

static void free_pipe(struct pipe_inode_info *p)
{
	free_page((unsigned long)p->buf);
	kfree(p);
}

/* Drop f's ends; whether the pipe has no end left. */
static bool put_ends(struct pipe_inode_info *p, const struct file *f)
{
	bool last;

	mutex_lock(&p->lock);
	if (reads(f))
		p->readers--;
	if (writes(f))
		p->writers--;
	last = !p->readers && !p->writers;
	mutex_unlock(&p->lock);
	wake_up_all(&p->wait);
	return last;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;

	if (put_ends(p, f))
		free_pipe(p);
}

/* Read end: data, or hang-up once the writers are gone; write end: room,
 * or an error once the readers are gone. */
static unsigned int pipe_poll(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;
	unsigned int mask = 0;

	if (reads(f))
		mask |= (p->len ? POLLIN : 0) | (!p->writers ? POLLHUP : 0);
	if (writes(f))
		mask |= (p->len < PIPE_SIZE ? POLLOUT : 0) | (!p->readers ? POLLERR : 0);
	return mask;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
	.poll = pipe_poll,
};

static struct pipe_inode_info *alloc_pipe(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (p && !(p->buf = (char *)__get_free_pages(GFP_KERNEL, 0))) {
		kfree(p);
		return NULL;
	}
	if (p) {
		mutex_init(&p->lock);
		init_waitqueue_head(&p->wait);
	}
	return p;
}

/* A FIFO's last end gone: the ring goes with it, under the inode's lock
 * so that a concurrent open finds either the old ring counted or none. */
static void fifo_release(struct file *f)
{
	struct inode *inode = f->f_dentry->d_inode;
	struct pipe_inode_info *p = f->private_data;

	mutex_lock(&inode->i_mutex);
	if (put_ends(p, f)) {
		inode->i_private = NULL;
		free_pipe(p);
	}
	mutex_unlock(&inode->i_mutex);
}

/* Wait until *counter moves past seen (the partner's open); 0, or
 * -ERESTARTSYS with f's ends given back. */
static int wait_for_partner(struct file *f, struct pipe_inode_info *p,
			    unsigned int *counter, unsigned int seen)
{
	if (!wait_event_interruptible(p->wait, *(volatile unsigned int *)counter != seen))
		return 0;
	fifo_release(f);
	return -ERESTARTSYS;
}

static int fifo_open(struct file *f)
{
	struct inode *inode = f->f_dentry->d_inode;
	struct pipe_inode_info *p;
	unsigned int r_seen, w_seen;
	bool nonblock = f->f_flags & O_NONBLOCK, need_writer, need_reader;

	mutex_lock(&inode->i_mutex);
	p = inode->i_private ? inode->i_private : alloc_pipe();
	if (!p) {
		mutex_unlock(&inode->i_mutex);
		return -ENOMEM;
	}
	inode->i_private = p;
	mutex_lock(&p->lock);
	if (!reads(f) && nonblock && !p->readers) {
		bool unused = !p->readers && !p->writers;

		mutex_unlock(&p->lock);
		if (unused) {
			inode->i_private = NULL;
			free_pipe(p);
		}
		mutex_unlock(&inode->i_mutex);
		return -ENXIO;          /* O_WRONLY|O_NONBLOCK with no reader */
	}
	r_seen = p->r_counter;
	w_seen = p->w_counter;
	/* Decided now, under the lock: a partner that opens, writes and
	 * closes again before we look would otherwise leave us waiting for
	 * an open that has happened already. */
	need_writer = !writes(f) && !nonblock && !p->writers;
	need_reader = !reads(f) && !p->readers;
	if (reads(f)) {
		p->readers++;
		p->r_counter++;
	}
	if (writes(f)) {
		p->writers++;
		p->w_counter++;
	}
	f->private_data = p;
	mutex_unlock(&p->lock);
	mutex_unlock(&inode->i_mutex);
	wake_up_all(&p->wait);
	if (need_writer)
		return wait_for_partner(f, p, &p->w_counter, w_seen);
	if (need_reader)
		return wait_for_partner(f, p, &p->r_counter, r_seen);
	return 0;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.release = fifo_release,
	.poll = pipe_poll,
};

static struct file *pipe_end(struct pipe_inode_info *p, unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (f) {
		f->f_count = 1;
		f->f_flags = flags;
		f->f_op = &pipe_fops;
		f->private_data = p;
	}
	return f;
}

long sys_pipe2(int __user *ufds, unsigned long flags)
{
	struct pipe_inode_info *p = alloc_pipe();
	struct file *r = NULL, *w = NULL;
	int fds[2] = { -1, -1 };

	if (!p)
		return -ENOMEM;
	p->readers = p->writers = 1;
	r = pipe_end(p, O_RDONLY | (flags & O_NONBLOCK));
	w = pipe_end(p, O_WRONLY | (flags & O_NONBLOCK));
	if (!r || !w) {
		kfree(r);
		kfree(w);
		free_pipe(p);
		return -ENOMEM;
	}
	fds[0] = fd_install(current->files, r, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -1 : fd_install(current->files, w, 0, flags & O_CLOEXEC);
	if (fds[1] < 0 || copy_to_user(ufds, fds, sizeof(fds))) {
		if (fds[0] >= 0)
			sys_close((unsigned long)fds[0]);     /* drops r */
		if (fds[1] >= 0)
			sys_close((unsigned long)fds[1]);
		else
			fput(w);
		if (fds[0] < 0)
			fput(r);
		return fds[1] < 0 ? -EMFILE : -EFAULT;
	}
	return 0;
}

long sys_pipe(int __user *ufds)
{
	return sys_pipe2(ufds, 0);
}
