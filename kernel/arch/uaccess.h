/*
 * kernel/arch/uaccess.h - reading and writing user memory from the kernel.
 *
 * A user pointer is never dereferenced directly: it may be unmapped, point
 * into the kernel, or fault in a page.  These functions check that the
 * range lies below TASK_SIZE (access_ok) and copy with an exception-table
 * fixup on the copying instruction, so a bad address ends the copy instead
 * of oopsing; a page that is merely not there yet is brought in by the
 * fault handler (mm/fault.c) and the copy goes on.  They may sleep.
 *
 * copy_to_user/copy_from_user/clear_user return the number of bytes NOT
 * copied (0 on success); strncpy_from_user returns the string's length or
 * -EFAULT; get_user/put_user move one value and return 0 or -EFAULT.
 * System calls turn a short copy into -EFAULT.
 *
 * User addresses are `__user` pointers (kernel/compiler.h): `make check`
 * reports a dereference of one, or a kernel pointer passed where a user
 * one belongs (and the other way round).  uaccess.c is where they are
 * opened, with __force.
 * Locking: none; callers must not hold spinlocks.
 */
#ifndef KERNEL_ARCH_UACCESS_H
#define KERNEL_ARCH_UACCESS_H

#include "kernel/arch/thread_info.h"
#include "lib/errno.h"
#include "mm/mmap.h"

/* Below TASK_SIZE, unless the kernel itself is reading a file into its own
 * memory through the file's read (TIF_KERNEL_DS, set by kernel_read). */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	if (a + size < a)
		return false;
	return a + size <= TASK_SIZE || test_ti_flag(current_thread_info(), TIF_KERNEL_DS);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);

/* One value of *ptr's own type: 0, or -EFAULT (x then reads as 0).  The
 * cast inside typeof drops a const the pointed-to type may carry. */
#define get_user(x, ptr)                                                     \
	({                                                                   \
		__typeof__((__typeof__(*(ptr)))0) __gu_val;                  \
		unsigned long __gu_left =                                    \
			copy_from_user(&__gu_val, (ptr), sizeof(__gu_val));  \
		(x) = __gu_left ? (__typeof__(__gu_val))0 : __gu_val;        \
		__gu_left ? -EFAULT : 0;                                     \
	})
#define put_user(x, ptr)                                                     \
	({                                                                   \
		__typeof__(*(ptr)) __pu_val = (x);                           \
		copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0; \
	})

#endif
