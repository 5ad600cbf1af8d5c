/*
 * kernel/spinlock.h - ticket spinlocks.
 *
 * A spinlock_t is two 16-bit counters: `next` (the ticket the next locker
 * draws) and `owner` (the ticket now served).  A locker takes a ticket with
 * one atomic xadd and spins until owner reaches it, so CPUs get the lock in
 * the order they asked for it - fair, unlike a test-and-set lock.
 *
 * The _irqsave variants also disable local interrupts, for locks that an
 * interrupt handler takes too.  Preemption accounting joins these when the
 * scheduler arrives.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "kernel/x86.h"

typedef struct {
	volatile u16 owner;
	volatile u16 next;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED { 0, 0 }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->owner = 0;
	lock->next = 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	u16 ticket = 1;

	asm volatile("lock xaddw %0, %1" : "+r"(ticket), "+m"(lock->next) : : "memory");
	while (lock->owner != ticket)
		cpu_relax();
	barrier();
}

static inline bool spin_trylock(spinlock_t *lock)
{
	u32 old = *(volatile u32 *)lock;
	u16 owner = old & 0xffff, next = old >> 16;
	u32 want = ((u32)(u16)(next + 1) << 16) | owner;

	if (owner != next)
		return false;
	return __sync_bool_compare_and_swap((u32 *)lock, old, want);
}

static inline void spin_unlock(spinlock_t *lock)
{
	barrier();
	lock->owner++;
}

static inline bool spin_is_locked(spinlock_t *lock)
{
	return lock->owner != lock->next;
}

#define spin_lock_irqsave(lock, flags)                                       \
	do {                                                                 \
		(flags) = local_irq_save();                                  \
		spin_lock(lock);                                             \
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

#endif
