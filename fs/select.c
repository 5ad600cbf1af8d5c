/*
 * fs/select.c - poll(): wait until one of a set of descriptors is
 * ready (readable, writable, hung up) or the time runs out.
 *
 * Each file answers through f_op->poll (pipes, the terminal); a file
 * without one (a ramfs file, /dev/null) is always ready, as in Linux.
 * Rather than queueing on every file's wait queue, the caller re-checks
 * once a tick until something is ready - simple, at the cost of up to one
 * tick (10 ms) of latency.  A negative timeout waits for ever; a positive
 * one is clamped at MAX_JIFFY_OFFSET (kernel/time.c:msecs_to_jiffies), as
 * in Linux, so 0x7fffffff ms is a very long wait, not an overflow.
 * Data: none of its own.  Locking: none beyond fget's.
 */
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "mm/slab.h"

struct pollfd {
	s32 fd;
	s16 events, revents;
};

static unsigned int file_poll(struct pollfd *p)
{
	struct file *f;
	unsigned int mask;

	if (p->fd < 0)
		return 0;
	f = fget((unsigned int)p->fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f) : POLLIN | POLLOUT;
	fput(f);
	return mask;
}

/* Fill in every revents; how many descriptors have something to say. */
static int poll_once(struct pollfd *fds, unsigned long nfds)
{
	int ready = 0;

	for (unsigned long i = 0; i < nfds; i++) {
		unsigned int mask = file_poll(&fds[i]);

		/* Errors and hang-ups are reported whether asked for or not. */
		fds[i].revents = (s16)(mask & ((u16)fds[i].events | POLLERR | POLLHUP | POLLNVAL));
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

long sys_poll(struct pollfd __user *ufds, unsigned long nfds, unsigned long timeout_ms)
{
	size_t size = nfds * sizeof(struct pollfd);
	struct pollfd *fds;
	bool forever = (int)timeout_ms < 0;
	unsigned long end = jiffies + msecs_to_jiffies((unsigned int)timeout_ms);
	long ret;

	if (nfds > current->signal->rlim_cur[RLIMIT_NOFILE])    /* Linux's bound */
		return -EINVAL;
	fds = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, size)) {
		kfree(fds);
		return -EFAULT;
	}
	for (;;) {
		ret = poll_once(fds, nfds);
		if (ret || !timeout_ms || (!forever && time_after_eq(jiffies, end)))
			break;
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(1);
	}
	if (ret >= 0 && copy_to_user(ufds, fds, size))
		ret = -EFAULT;
	kfree(fds);
	return ret;
}
