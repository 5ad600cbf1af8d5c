/*
 * lib/vsprintf.h - formatted output into buffers, and number parsing.
 *
 * vsnprintf() follows C99: it returns the length the whole output would
 * have, truncating what it stores; scnprintf() returns what it actually
 * stored (Linux's convenience for appending).  Supported: %d %i %u %x %X %o
 * %c %s %p %%, flags - 0 + space #, width and precision (also *), length
 * modifiers hh h l ll z t.  %p prints 0x and every hex digit of a pointer;
 * %s of NULL prints "(null)".  No data structures of its own.
 *
 * Locking: none; callers serialise.
 */
#ifndef LIB_VSPRINTF_H
#define LIB_VSPRINTF_H

#include "lib/types.h"
#include <stdarg.h>

#define EINVAL 22
#define ERANGE 34

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* base 0: "0x" means 16, a leading "0" means 8, else 10.  *endp (if
 * endp) is set to the first byte not used. */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
/* The whole string (one trailing '\n' allowed) must be a number:
 * 0, -EINVAL or -ERANGE. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);

#endif
