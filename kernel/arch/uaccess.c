/*
 * kernel/arch/uaccess.c - the user-memory copies (see kernel/arch/uaccess.h).
 *
 * Each copy is one `rep movsb` (or `rep stosb`) with an exception-table
 * entry: when it faults on an address the fault handler cannot resolve,
 * execution resumes after the instruction with ecx holding the bytes not
 * done.  Locking: none.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/arch/extable.h"
#include "kernel/wait.h"
#include "lib/errno.h"

/* Either side may be the user's: the callers checked it with access_ok
 * and cast it here with __force, the one place a __user pointer is read. */
static unsigned long raw_copy(void *to, const void *from, unsigned long n)
{
	asm volatile("1:	rep movsb\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+c"(n), "+D"(to), "+S"(from)
		     :
		     : "memory");
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_sleep();
	return access_ok(to, n) ? raw_copy((void __force *)to, from, n) : n;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	might_sleep();
	return access_ok(from, n) ? raw_copy(to, (const void __force *)from, n) : n;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	void *dst = (void __force *)to;

	might_sleep();
	if (!access_ok(to, n))
		return n;
	asm volatile("1:	rep stosb\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+c"(n), "+D"(dst)
		     : "a"(0)
		     : "memory");
	return n;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (!access_ok(src + i, 1) || raw_copy(dst + i, (const char __force *)src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}
