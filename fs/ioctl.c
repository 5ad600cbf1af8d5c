/*
 * fs/ioctl.c - ioctl: the descriptor-level commands (FIOCLEX, FIONCLEX,
 * FIONBIO) here, every other command to the device's f_op->ioctl.
 *
 * Data: none of its own.  Locking: fget's reference keeps the file.
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

#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* The descriptor-level commands here, the rest to the device. */
long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget((unsigned int)fd);
	long err = 0;
	int on;

	if (!f)
		return -EBADF;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		fd_set_cloexec(current->files, (unsigned int)fd, cmd == FIOCLEX);
	} else if (cmd == FIONBIO) {
		err = get_user(on, (int __user *)arg);
		if (!err)
			f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
	} else {
		err = f->f_op->ioctl ? f->f_op->ioctl(f, (unsigned int)cmd, arg) : -ENOTTY;
	}
	fput(f);
	return err;
}
