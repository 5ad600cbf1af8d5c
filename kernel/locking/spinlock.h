/*
 * kernel/locking/spinlock.h - ticket spinlocks, with optional lock debugging.
 *
 * The lock itself is two 16-bit counters (raw_spinlock_t): `next`, the
 * ticket the next locker draws, and `owner`, the ticket now served.  A
 * locker takes a ticket with one atomic xadd and spins until owner reaches
 * it, so CPUs get the lock in the order they asked - fair, unlike a
 * test-and-set lock.
 *
 * spinlock_t adds what debugging needs: the CPU holding it and its lock
 * class (kernel/locking/lockdep.h).  Holding a spinlock disables preemption (a task
 * holding one must not be switched out, or another task on this CPU could
 * spin on it forever); the _irqsave/_irq variants also disable local
 * interrupts, for locks an interrupt handler takes too.
 *
 * With the `lock_debug` boot option (on in the tests), every acquire and
 * release goes through kernel/locking/lockdep.c: taking a lock this CPU already
 * holds, releasing one it does not hold, and lock-order inversions between
 * classes are reported with backtraces, and a lock spun on for seconds is
 * reported as a suspected lockup with every CPU's backtrace.
 *
 * Locking: this is the locking.
 */
#ifndef KERNEL_LOCKING_SPINLOCK_H
#define KERNEL_LOCKING_SPINLOCK_H

#include "kernel/arch/x86.h"
#include "kernel/locking/lockdep.h"
#include "kernel/preempt.h"

typedef struct {
	volatile u16 owner;
	volatile u16 next;
} raw_spinlock_t;

typedef struct spinlock {
	raw_spinlock_t raw;
	s8 owner_cpu;                   /* -1 when free (kept with lock_debug) */
	u8 pad;
	u16 class_idx;                  /* lockdep class, 0 until first use */
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED { 0, 0 }
#define __SPIN_LOCK_UNLOCKED { __RAW_SPIN_LOCK_UNLOCKED, -1, 0, 0 }
#define DEFINE_SPINLOCK(x)                                                   \
	spinlock_t x = __SPIN_LOCK_UNLOCKED;                                 \
	LOCK_NAME(x)

static inline void raw_spin_lock(raw_spinlock_t *lock) __acquires(lock)
{
	u16 ticket = 1;

	asm volatile("lock xaddw %0, %1" : "+r"(ticket), "+m"(lock->next) : : "memory");
	while (lock->owner != ticket)
		cpu_relax();
	barrier();
	__acquire(lock);
}

static inline bool __raw_spin_trylock(raw_spinlock_t *lock)
{
	u32 old = *(volatile u32 *)lock;
	u16 owner = old & 0xffff, next = old >> 16;
	u32 want = ((u32)(u16)(next + 1) << 16) | owner;

	if (owner != next)
		return false;
	return __sync_bool_compare_and_swap((u32 *)lock, old, want);
}
/* For the checker: held exactly when it returns true. */
#define raw_spin_trylock(lock) __cond_lock(lock, __raw_spin_trylock(lock))

static inline void raw_spin_unlock(raw_spinlock_t *lock) __releases(lock)
{
	barrier();
	lock->owner++;
	__release(lock);
}

static inline bool raw_spin_is_locked(const raw_spinlock_t *lock)
{
	return lock->owner != lock->next;
}

/* Every lock made at one spin_lock_init() call site is one lock class. */
#define spin_lock_init(lock)                                                 \
	do {                                                                 \
		static struct lock_class_key __key;                          \
		__spin_lock_init((lock), #lock, &__key);                     \
	} while (0)

static inline void __spin_lock_init(spinlock_t *lock, const char *name,
				    const struct lock_class_key *key)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED;
	if (debug_locks)
		lock->class_idx = lockdep_register_key(key, name);
}

void spin_lock_debug(spinlock_t *lock) __acquires(lock);
bool spin_trylock_debug(spinlock_t *lock);
/* false: refused (this CPU does not hold it), nothing to undo */
bool spin_unlock_debug(spinlock_t *lock) __releases(lock);

/*
 * The checker's view (kernel/compiler.h): spin_lock() returns holding
 * `lock`, spin_unlock() releases it, spin_trylock() holds it when true.
 * A function that returns with a lock held, or expects one, says so with
 * __acquires/__releases/__must_hold, and `make check` follows every path.
 */
static inline void spin_lock(spinlock_t *lock) __acquires(lock)
{
	preempt_disable();
	if (unlikely(debug_locks))
		spin_lock_debug(lock);
	else
		raw_spin_lock(&lock->raw);
}

static inline bool __spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (unlikely(debug_locks) ? spin_trylock_debug(lock)
				  : __raw_spin_trylock(&lock->raw))
		return true;
	preempt_enable();
	return false;
}
#define spin_trylock(lock) __cond_lock(lock, __spin_trylock(lock))

static inline void spin_unlock(spinlock_t *lock) __releases(lock)
{
	if (unlikely(debug_locks)) {
		if (!spin_unlock_debug(lock))
			return;         /* reported; its preempt_disable never happened */
	} else {
		raw_spin_unlock(&lock->raw);
	}
	preempt_enable();
}

static inline bool spin_is_locked(const spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->raw);
}

/* Taken by someone: where code relies on a lock its caller took.  Always
 * checked (one compare); lockdep_assert_held() also knows whose it is. */
#define assert_spin_locked(lock)                                             \
	do {                                                                 \
		if (unlikely(!spin_is_locked(lock)))                         \
			lock_not_held(lock, #lock, __FILE__, __LINE__);      \
	} while (0)

#define spin_lock_irqsave(lock, flags)                                       \
	do {                                                                 \
		(flags) = local_irq_save();                                  \
		spin_lock(lock);                                             \
	} while (0)

/* Interrupts come back on before preemption: preempt_schedule() does
 * nothing while they are off. */
static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
	__releases(lock)
{
	preempt_disable();
	spin_unlock(lock);
	local_irq_restore(flags);
	preempt_enable();
}

static inline void spin_lock_irq(spinlock_t *lock) __acquires(lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock) __releases(lock)
{
	preempt_disable();
	spin_unlock(lock);
	local_irq_enable();
	preempt_enable();
}

#endif
