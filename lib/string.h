/*
 * lib/string.h - memory and string functions with the C library's names and
 * meanings, plus Linux's strlcpy, strsep and strim.
 *
 * Freestanding: the kernel has no libc, and the host build tests these very
 * definitions.  No data structures of its own.
 *
 * Locking: none; callers serialise.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include "lib/types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/* The bytes' sum modulo 256: 0 for an intact ACPI or MP table, whose
 * checksum byte is chosen to make it so. */
u8 checksum8(const void *p, size_t len);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
/* Copy at most size-1 bytes, always NUL-terminate (if size > 0); returns
 * strlen(src), so a result >= size means truncation. */
size_t strlcpy(char *dst, const char *src, size_t size);
char *strcat(char *dst, const char *src);
char *strstr(const char *haystack, const char *needle);
/* Cut the next token off *s at any byte of delim; NULL when *s is NULL. */
char *strsep(char **s, const char *delim);
/* Trim white space at both ends in place; returns the first non-space. */
char *strim(char *s);

#endif
