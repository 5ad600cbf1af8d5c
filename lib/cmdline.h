/*
 * lib/cmdline.h - splitting a kernel command line.
 *
 * next_arg() takes the next "param" or "param=value" off a line, in place;
 * double quotes group spaces into one value ("init=\"/bin/sh -x\"").
 * memparse() reads a size with an optional K, M or G suffix.
 * No data structures of its own.
 *
 * Locking: none; callers serialise.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

/* Leading spaces are skipped.  Returns the rest of the line, past the
 * spaces after this argument; *val is NULL when there is no '='. */
char *next_arg(char *args, char **param, char **val);
/* A number as simple_strtoull base 0 reads it, times 2^10, 2^20 or 2^30
 * for a K, M or G suffix (either case); *retptr (if set) is after it all. */
unsigned long long memparse(const char *ptr, char **retptr);

#endif
