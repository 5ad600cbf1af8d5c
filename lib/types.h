/*
 * lib/types.h - the basic types and helper macros every file uses.
 *
 * Fixed-width integers under Linux's short names (u8..u64, s8..s64);
 * size_t, uintptr_t, bool, NULL and offsetof come from the compiler's own
 * freestanding headers, which are safe in the kernel and on the host.
 * The macros evaluate their arguments once where that matters (min, max).
 *
 * Locking: none; callers serialise.
 */
#ifndef LIB_TYPES_H
#define LIB_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef long ssize_t;            /* a byte count or a negative errno */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Round x up to a multiple of a, which must be a power of two.  The mask
 * takes x's type so a 64-bit x is not cut down by a 32-bit mask. */
#define ALIGN(x, a) (((x) + ((typeof(x))(a) - 1)) & ~((typeof(x))(a) - 1))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
/* Stop the compiler moving memory accesses across this point. */
#define barrier() asm volatile("" : : : "memory")

/* Statement expressions, so min(i++, n) increments i only once. */
#define min(a, b)                                                            \
	({                                                                   \
		__auto_type __min_a = (a);                                   \
		__auto_type __min_b = (b);                                   \
		__min_a < __min_b ? __min_a : __min_b;                       \
	})
#define max(a, b)                                                            \
	({                                                                   \
		__auto_type __max_a = (a);                                   \
		__auto_type __max_b = (b);                                   \
		__max_a > __max_b ? __max_a : __max_b;                       \
	})

/* val limited to [lo, hi]. */
#define clamp_val(val, lo, hi) min(max((val), (typeof(val))(lo)), (typeof(val))(hi))

/* From a pointer to a member back to the structure that embeds it.  The
 * typeof assignment makes the compiler check ptr really points at such a
 * member. */
#define container_of(ptr, type, member)                                      \
	({                                                                   \
		const typeof(((type *)0)->member) *__cof_p = (ptr);          \
		(type *)((char *)__cof_p - offsetof(type, member));          \
	})

#endif
