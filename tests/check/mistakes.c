/*
 * tests/check/mistakes.c - one of each mistake `make check` exists to
 * catch, made on purpose.  It is never built into the kernel (it lives
 * outside the kernel's rooms); tests/test_check.py runs sparse on it with
 * the kernel's flags (`make check CHECKSRC=tests/check/mistakes.c`) and
 * expects a warning on every line marked MISTAKE, naming what went wrong,
 * and on no other line - so the checker cannot quietly stop checking.
 *
 * Data: one per-CPU counter and one lock, only to be misused.
 * Locking: wrong on purpose (see the last function).
 */
#include "kernel/arch/uaccess.h"
#include "kernel/arch/x86.h"
#include "kernel/locking/spinlock.h"
#include "kernel/percpu.h"

static DEFINE_PER_CPU(int, counter);
static DEFINE_SPINLOCK(lock);

/* A user pointer read as if it were the kernel's own memory. */
static int read_user_directly(const int __user *uptr)
{
	return *uptr;   /* MISTAKE: dereference of noderef expression */
}

/* Arguments swapped: copy_to_user's destination is the user's. */
static long copy_the_wrong_way(int __user *uptr)
{
	int value = 1;

	return copy_to_user(&value, uptr, sizeof(value));  /* MISTAKE: different address spaces */
}

/* A per-CPU variable's own symbol, not one CPU's copy (per_cpu()). */
static int read_percpu_directly(void)
{
	return per_cpu__counter;        /* MISTAKE: dereference of noderef expression */
}

/* A device register loaded like memory instead of with readl(). */
static u32 read_register_directly(u32 __iomem *reg)
{
	return *reg;    /* MISTAKE: dereference of noderef expression */
}

/* Returns holding the lock without saying so (__acquires); sparse
 * reports it at the function's name. */
static void forget_to_unlock(void)      /* MISTAKE: context imbalance */
{
	spin_lock(&lock);
}

/* The same things done right: no warnings here. */
static long done_right(int __user *uptr, u32 __iomem *reg)
{
	int value;

	if (get_user(value, uptr))
		return -EFAULT;
	spin_lock(&lock);
	value += per_cpu(counter, 0) + (int)readl(reg);
	spin_unlock(&lock);
	return copy_to_user(uptr, &value, sizeof(value)) ? -EFAULT : 0;
}

/* Referenced, so that nothing above is merely unused. */
static void *const check_mistakes[] __attribute__((used)) = {
	read_user_directly, copy_the_wrong_way, read_percpu_directly,
	read_register_directly, forget_to_unlock, done_right,
};
