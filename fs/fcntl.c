/*
 * fs/fcntl.c - fcntl64: duplicating a descriptor (F_DUPFD), its
 * close-on-exec flag and the file's status flags.
 *
 * Data: none of its own.  Locking: the descriptor table's lock.
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

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

long sys_fcntl64(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget((unsigned int)fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* Linux: a start at or past RLIMIT_NOFILE is EINVAL, a full
		 * table EMFILE. */
		ret = arg >= min(current->signal->rlim_cur[RLIMIT_NOFILE], (unsigned long)NR_OPEN)
		      ? -EINVAL : fd_install(files, f, (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (ret >= 0)
			return ret;     /* the descriptor keeps fget's reference */
		break;
	case F_GETFD:
		ret = fd_get_cloexec(files, (unsigned int)fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fd_set_cloexec(files, (unsigned int)fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		ret = f->f_flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~(O_APPEND | O_NONBLOCK)) |
			     (arg & (O_APPEND | O_NONBLOCK));
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}
