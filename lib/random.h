/*
 * lib/random.h - a small, fast, seedable pseudo-random generator
 * (xorshift32) for randomised tests and benchmarks: the same seed always
 * gives the same sequence, so a failing run can be repeated exactly.
 * Not for anything that needs unpredictability.  State is the caller's.
 */
#ifndef LIB_RANDOM_H
#define LIB_RANDOM_H

#include "lib/types.h"

static inline u32 prandom_next(u32 *state)
{
	u32 x = *state ? *state : 0x9e3779b9u;   /* 0 is a fixed point: avoid it */

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Uniform-enough value in [0, bound). */
static inline u32 prandom_below(u32 *state, u32 bound)
{
	return (u32)(((u64)prandom_next(state) * bound) >> 32);
}

#endif
