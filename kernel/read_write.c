/*
 * kernel/read_write.c - write and writev, for now to the console only:
 * file descriptors 1 and 2 are the console, as for init on Linux; the
 * file-descriptor table (open, read, pipes, /dev) is the next step of
 * the user-space work.
 *
 * Data: none.  Locking: console output is serialised by its drivers.
 */
#include "kernel/console.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

#define CHUNK 256

static long write_console(const char *ubuf, unsigned long count)
{
	char chunk[CHUNK];
	unsigned long done = 0;

	while (done < count) {
		unsigned long n = count - done < CHUNK ? count - done : CHUNK;

		if (copy_from_user(chunk, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

long sys_write(unsigned long fd, unsigned long buf, unsigned long count)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	return write_console((const char *)buf, count);
}

struct iovec {
	u32 iov_base, iov_len;
};

long sys_writev(unsigned long fd, unsigned long uiov, unsigned long iovcnt)
{
	long total = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (iovcnt > 1024)
		return -EINVAL;
	for (unsigned long i = 0; i < iovcnt; i++) {
		struct iovec iov;
		long n;

		if (copy_from_user(&iov, (void *)(uiov + i * sizeof(iov)), sizeof(iov)))
			return total ? total : -EFAULT;
		n = write_console((const char *)(unsigned long)iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}
