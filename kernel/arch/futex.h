/*
 * kernel/arch/futex.h - the x86 instructions futexes need on user memory:
 * reading a futex word, compare-and-exchange on it, and FUTEX_WAKE_OP's
 * read-modify-write, each one instruction (or a cmpxchg loop) with an
 * exception-table entry.
 *
 * These run with a hash-bucket spinlock held (kernel/futex.c), so they
 * must never sleep: a fault is not resolved (mm/fault.c refuses to bring
 * a page in while in_atomic()) but fixed up into -EFAULT, and the caller
 * drops its locks, faults the page in the ordinary way and tries again.
 * Unlike copy_from_user they do not call might_sleep().
 * Locking: callers hold a spinlock (or at least have preemption off).
 */
#ifndef KERNEL_ARCH_FUTEX_H
#define KERNEL_ARCH_FUTEX_H

#include "kernel/arch/extable.h"
#include "kernel/arch/uaccess.h"

/* FUTEX_WAKE_OP's operations on the word at uaddr2 (Linux's values). */
#define FUTEX_OP_SET 0          /* *uaddr2 = oparg */
#define FUTEX_OP_ADD 1          /* *uaddr2 += oparg */
#define FUTEX_OP_OR 2           /* *uaddr2 |= oparg */
#define FUTEX_OP_ANDN 3         /* *uaddr2 &= ~oparg */
#define FUTEX_OP_XOR 4          /* *uaddr2 ^= oparg */

/* *val = *uaddr without sleeping: 0, or -EFAULT if the page is not there. */
static inline int futex_get_value_locked(u32 *val, const u32 __user *uaddr)
{
	int err = -EFAULT;
	u32 v = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	/* A fault resumes at 2 with err still -EFAULT. */
	asm volatile("1:	movl (%2), %1\n"
		     "	xorl %0, %0\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(err), "+r"(v)
		     : "r"((const u32 __force *)uaddr)
		     : "cc");
	*val = v;
	return err;
}

/* If *uaddr is old make it new, atomically; *cur is what was there.
 * 0, or -EFAULT. */
static inline int futex_atomic_cmpxchg_inatomic(u32 *cur, u32 __user *uaddr, u32 old, u32 new)
{
	int err = -EFAULT;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	asm volatile("1:	lock cmpxchgl %3, (%2)\n"
		     "	movl $0, %0\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(err), "+a"(old)
		     : "r"((u32 __force *)uaddr), "r"(new)
		     : "memory", "cc");
	*cur = old;
	return err;
}

/* Apply op with oparg to *uaddr atomically; *oldval is the value before.
 * 0, -EFAULT, or -ENOSYS for an op Linux does not have. */
static inline int futex_atomic_op_inuser(unsigned int op, u32 oparg, u32 __user *uaddr,
					 u32 *oldval)
{
	u32 old, cur, new;
	int err;

	if ((err = futex_get_value_locked(&old, uaddr)))
		return err;
	for (;;) {
		switch (op) {
		case FUTEX_OP_SET: new = oparg; break;
		case FUTEX_OP_ADD: new = old + oparg; break;
		case FUTEX_OP_OR: new = old | oparg; break;
		case FUTEX_OP_ANDN: new = old & ~oparg; break;
		case FUTEX_OP_XOR: new = old ^ oparg; break;
		default: return -ENOSYS;
		}
		if ((err = futex_atomic_cmpxchg_inatomic(&cur, uaddr, old, new)))
			return err;
		if (cur == old)
			break;
		old = cur;              /* someone changed it meanwhile: again */
	}
	*oldval = old;
	return 0;
}

#endif
