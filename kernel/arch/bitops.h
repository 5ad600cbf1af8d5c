/*
 * kernel/arch/bitops.h - atomic bit operations on an unsigned long
 * (lock bts/btr), for flag words that several CPUs change at once, such
 * as page->flags.
 *
 * set_bit/clear_bit only change the bit; test_and_set_bit and
 * test_and_clear_bit also say what it was before, in one locked
 * instruction, so exactly one of several racing CPUs sees "was clear" -
 * which is how PG_locked is taken.  The test_and_ ones are full barriers.
 * Data: none.  Locking: none needed.
 */
#ifndef KERNEL_ARCH_BITOPS_H
#define KERNEL_ARCH_BITOPS_H

#include "lib/types.h"

static inline void set_bit(unsigned int nr, volatile unsigned long *addr)
{
	asm volatile("lock btsl %1, %0" : "+m"(*addr) : "Ir"(nr) : "memory");
}

static inline void clear_bit(unsigned int nr, volatile unsigned long *addr)
{
	asm volatile("lock btrl %1, %0" : "+m"(*addr) : "Ir"(nr) : "memory");
}

static inline bool test_and_set_bit(unsigned int nr, volatile unsigned long *addr)
{
	unsigned char was;

	asm volatile("lock btsl %2, %0; setc %1" : "+m"(*addr), "=qm"(was) : "Ir"(nr) : "memory");
	return was;
}

static inline bool test_and_clear_bit(unsigned int nr, volatile unsigned long *addr)
{
	unsigned char was;

	asm volatile("lock btrl %2, %0; setc %1" : "+m"(*addr), "=qm"(was) : "Ir"(nr) : "memory");
	return was;
}

#endif
