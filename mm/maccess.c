/*
 * mm/maccess.c - reading and writing kernel memory that may not be mapped.
 *
 * probe_kernel_read/write copy byte by byte, each access covered by an
 * exception-table entry: a fault ends the copy with -EFAULT instead of an
 * oops.  Debuggers, the monitor and tests use them to touch addresses they
 * cannot trust.  No state, no locking.
 */
#include "mm/maccess.h"
#include "kernel/arch/extable.h"

#define EFAULT 14

static int probe_byte_read(const volatile u8 *src, u8 *val)
{
	int err = 0;
	u8 v = 0;

	asm volatile("1:	movb (%2), %1\n"
		     "	jmp 3f\n"
		     "2:	movl %3, %0\n"
		     "3:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(err), "+q"(v)
		     : "r"(src), "i"(-EFAULT)
		     : "memory");
	*val = v;
	return err;
}

static int probe_byte_write(volatile u8 *dst, u8 val)
{
	int err = 0;

	asm volatile("1:	movb %2, (%1)\n"
		     "	jmp 3f\n"
		     "2:	movl %3, %0\n"
		     "3:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(err)
		     : "r"(dst), "q"(val), "i"(-EFAULT)
		     : "memory");
	return err;
}

long probe_kernel_read(void *dst, const void *src, size_t size)
{
	u8 *d = dst;
	const u8 *s = src;

	for (size_t i = 0; i < size; i++)
		if (probe_byte_read(s + i, d + i))
			return -EFAULT;
	return 0;
}

long probe_kernel_write(void *dst, const void *src, size_t size)
{
	u8 *d = dst;
	const u8 *s = src;

	for (size_t i = 0; i < size; i++)
		if (probe_byte_write(d + i, s[i]))
			return -EFAULT;
	return 0;
}
