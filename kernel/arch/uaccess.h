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
 * -EFAULT.  System calls turn a short copy into -EFAULT.
 * Locking: none; callers must not hold spinlocks.
 */
#ifndef KERNEL_ARCH_UACCESS_H
#define KERNEL_ARCH_UACCESS_H

#include "mm/mmap.h"

static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a + size >= a && a + size <= TASK_SIZE;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
unsigned long clear_user(void *to, unsigned long n);
long strncpy_from_user(char *dst, const char *src, long count);

#endif
