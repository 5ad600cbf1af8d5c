/*
 * ipc/syscall.c - ipc(2), the i386 multiplexer through which glibc 2.36
 * reaches System V IPC: the call number picks the operation, the other
 * arguments are passed on as Linux's sys_ipc passes them.  Shared memory
 * is here (ipc/shm.c); semaphores and message queues are not, and their
 * calls return -ENOSYS as an unknown call does.
 *
 * Data: none.  Locking: none of its own.
 */
#include "ipc/shm.h"
#include "kernel/arch/uaccess.h"
#include "kernel/syscall.h"
#include "lib/errno.h"

#define SHMAT 21
#define SHMDT 22
#define SHMGET 23
#define SHMCTL 24

/* shmat's address goes back through third (a user pointer), the result
 * being 0; version 1 of SHMAT (iBCS2's) is refused as in Linux. */
long sys_ipc(unsigned long call, unsigned long first, unsigned long second,
	     unsigned long third, unsigned long ptr, unsigned long fifth)
{
	unsigned long addr;
	long err;

	(void)fifth;
	switch (call & 0xffff) {
	case SHMAT:
		if (call >> 16 == 1)
			return -EINVAL;
		err = do_shmat((int)first, ptr, (int)second, &addr);
		if (!err && put_user(addr, (unsigned long __user *)third))
			return -EFAULT;
		return err;
	case SHMDT:
		return sys_shmdt(ptr);
	case SHMGET:
		return sys_shmget(first, second, third);
	case SHMCTL:
		return ipc_shmctl(first, second, (void __user *)ptr);
	default:
		return -ENOSYS;
	}
}
