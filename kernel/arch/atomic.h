/*
 * kernel/arch/atomic.h - atomic_t: an int that several CPUs change at once
 * (reference counts, counters), with lock-prefixed x86 instructions.
 *
 * atomic_t is a one-member struct, as in Linux, so the counter cannot be
 * read or written by accident with plain C: only atomic_read() and
 * atomic_set() (a plain load or store, which x86 does atomically for an
 * aligned int) and the read-modify-write operations below.  The ones that
 * return a value (atomic_dec_and_test, atomic_add_return) are also full
 * memory barriers, since a reference count's last drop must see every
 * earlier access; the others order nothing.
 * Data: none.  Locking: none needed - that is the point.
 */
#ifndef KERNEL_ARCH_ATOMIC_H
#define KERNEL_ARCH_ATOMIC_H

#include "lib/types.h"

typedef struct { volatile int counter; } atomic_t;

#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v) { return v->counter; }
static inline void atomic_set(atomic_t *v, int i) { v->counter = i; }

static inline void atomic_add(int i, atomic_t *v)
{
	asm volatile("lock addl %1, %0" : "+m"(v->counter) : "ir"(i));
}

static inline void atomic_sub(int i, atomic_t *v)
{
	asm volatile("lock subl %1, %0" : "+m"(v->counter) : "ir"(i));
}

static inline void atomic_inc(atomic_t *v)
{
	asm volatile("lock incl %0" : "+m"(v->counter));
}

static inline void atomic_dec(atomic_t *v)
{
	asm volatile("lock decl %0" : "+m"(v->counter));
}

/* Decrement; true when the result is 0 (the last reference went). */
static inline bool atomic_dec_and_test(atomic_t *v)
{
	unsigned char zero;

	asm volatile("lock decl %0; sete %1" : "+m"(v->counter), "=qm"(zero) : : "memory");
	return zero;
}

/* Add i and return the new value (xadd hands back the old one). */
static inline int atomic_add_return(int i, atomic_t *v)
{
	int old = i;

	asm volatile("lock xaddl %0, %1" : "+r"(old), "+m"(v->counter) : : "memory");
	return old + i;
}

#endif
