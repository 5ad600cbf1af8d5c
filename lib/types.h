/*
 * lib/types.h - the basic types and helper macros every file uses.
 *
 * Fixed-width integers (u8..u64, s8..s64) under Linux's names, size_t and
 * bool from the compiler's freestanding headers, and the usual macros.
 * Builds for the kernel (i386) and the host (HOST_TEST).  No locking.
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

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a) (((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member)                                      \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif
