/*
 * lib/string.c - memory and string functions (see lib/string.h).
 *
 * memcpy and memset move four bytes at a time with the string
 * instructions (`rep movsl`, `rep stosl`) and only the odd bytes at the
 * end one by one: every page the kernel zeroes or copies goes through
 * them, and a byte loop made that four times the work - under QEMU's TCG
 * each guest store is a dozen host instructions, and zeroing pages was
 * most of a fault's cost.  The rest are plain byte loops, simple to read
 * and to test.  The build uses -fno-tree-loop-distribute-patterns so gcc
 * cannot turn a loop back into a call to memset.  Comparisons treat
 * bytes as unsigned, as C does.
 * Data structures: none; every function works on its arguments only.
 *
 * Locking: none; callers serialise.
 */
#include "lib/string.h"
#include "lib/ctype.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	size_t words = n / 4, bytes = n % 4;
	void *d = dst;

	asm volatile("rep movsl" : "+c"(words), "+D"(d), "+S"(src) : : "memory");
	asm volatile("rep movsb" : "+c"(bytes), "+D"(d), "+S"(src) : : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)                     /* overlap with dst above src: go backwards */
		d[n] = s[n];
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	size_t words = n / 4, bytes = n % 4;
	void *p = s;

	u32 pattern = 0x01010101u * (u8)c;

	asm volatile("rep stosl" : "+c"(words), "+D"(p) : "a"(pattern) : "memory");
	asm volatile("rep stosb" : "+c"(bytes), "+D"(p) : "a"(pattern) : "memory");
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

u8 checksum8(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

void *memchr(const void *s, int c, size_t n)
{
	const u8 *p = s;

	for (; n; n--, p++)
		if (*p == (u8)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	while (*a && tolower((u8)*a) == tolower((u8)*b)) {
		a++;
		b++;
	}
	return tolower((u8)*a) - tolower((u8)*b);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

char *strsep(char **s, const char *delim)
{
	char *start = *s, *p;

	if (!start)
		return NULL;
	for (p = start; *p && !strchr(delim, *p); p++)
		;
	if (*p) {
		*p = '\0';
		*s = p + 1;
	} else {
		*s = NULL;
	}
	return start;
}

char *strim(char *s)
{
	size_t len;

	while (isspace(*s))
		s++;
	len = strlen(s);
	while (len && isspace(s[len - 1]))
		s[--len] = '\0';
	return s;
}
