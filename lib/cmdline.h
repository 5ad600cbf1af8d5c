/*
 * lib/cmdline.h - splitting a kernel command line.
 *
 * next_arg() takes the next "param" or "param=value" off a line, in place;
 * double quotes group spaces into one value ("init=\"/bin/sh -x\"").
 * memparse() reads a size with an optional K, M or G suffix.
 * No state, no locking.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

/* Returns the rest of the line; *val is NULL when there is no '='. */
char *next_arg(char *args, char **param, char **val);
unsigned long long memparse(const char *ptr, char **retptr);

#endif
