/*
 * fs/pipe.c - pipes: a one-page ring buffer between a read end and a
 * write end.
 *
 * A reader sleeps while the pipe is empty and there is still a writer;
 * with no writer left it reads end of file (0).  A writer sleeps while the
 * pipe is full; with no reader left it gets SIGPIPE and -EPIPE.  Both
 * waits end early on a signal (the call is restarted, or fails with
 * EINTR).  Each end is a struct file whose release drops the pipe's
 * count of readers or writers and wakes the other side.
 * Data: struct pipe_inode_info - buffer, head/len, readers, writers.
 * Locking: pipe->lock (a mutex: copies to and from user memory may sleep)
 * over the ring; sleepers wait on pipe->wait.
 */
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/locking/mutex.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/slab.h"

#define PIPE_SIZE PAGE_SIZE

struct pipe_inode_info {
	struct mutex lock;
	wait_queue_head_t wait;
	char *buf;
	size_t head, len;               /* data at buf[head..head+len) mod size */
	int readers, writers;
};

static bool readable(struct pipe_inode_info *p)
{
	return p->len || !p->writers;
}

static bool writable(struct pipe_inode_info *p)
{
	return p->len < PIPE_SIZE || !p->readers;
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
	n = min(len, min(p->len, PIPE_SIZE - p->head));    /* up to the ring's end */
	if (n && copy_to_user(ubuf, p->buf + p->head, n)) {
		mutex_unlock(&p->lock);
		return -EFAULT;
	}
	p->head = (p->head + n) % PIPE_SIZE;
	p->len -= n;
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
		size_t tail, n;

		if ((f->f_flags & O_NONBLOCK) && !writable(p))
			return done ? (ssize_t)done : -EAGAIN;
		if (wait_event_interruptible(p->wait, writable(p)))
			return done ? (ssize_t)done : -ERESTARTSYS;
		mutex_lock(&p->lock);
		if (!p->readers) {
			mutex_unlock(&p->lock);
			send_sig(SIGPIPE, current);
			return done ? (ssize_t)done : -EPIPE;
		}
		tail = (p->head + p->len) % PIPE_SIZE;
		n = min(len - done, min(PIPE_SIZE - p->len, PIPE_SIZE - tail));
		if (n && copy_from_user(p->buf + tail, ubuf + done, n)) {
			mutex_unlock(&p->lock);
			return done ? (ssize_t)done : -EFAULT;
		}
		p->len += n;
		done += n;
		mutex_unlock(&p->lock);
		wake_up_all(&p->wait);
	}
	return (ssize_t)done;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;
	bool last;

	mutex_lock(&p->lock);
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	last = !p->readers && !p->writers;
	mutex_unlock(&p->lock);
	wake_up_all(&p->wait);
	if (last) {
		free_page((unsigned long)p->buf);
		kfree(p);
	}
}

/* Read end: data, or hang-up once the writers are gone; write end: room,
 * or an error once the readers are gone. */
static unsigned int pipe_poll(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;

	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		return (p->len ? POLLIN : 0) | (!p->writers ? POLLHUP : 0);
	return (p->len < PIPE_SIZE ? POLLOUT : 0) | (!p->readers ? POLLERR : 0);
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
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
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct file *r = NULL, *w = NULL;
	int fds[2] = { -1, -1 };

	if (!p || !(p->buf = (char *)__get_free_pages(GFP_KERNEL, 0)))
		goto nomem;
	mutex_init(&p->lock);
	init_waitqueue_head(&p->wait);
	p->readers = p->writers = 1;
	r = pipe_end(p, O_RDONLY | (flags & O_NONBLOCK));
	w = pipe_end(p, O_WRONLY | (flags & O_NONBLOCK));
	if (!r || !w)
		goto nomem;
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
nomem:
	if (p && p->buf)
		free_page((unsigned long)p->buf);
	kfree(r);
	kfree(w);
	kfree(p);
	return -ENOMEM;
}

long sys_pipe(int __user *ufds)
{
	return sys_pipe2(ufds, 0);
}
