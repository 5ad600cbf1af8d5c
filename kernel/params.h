/*
 * kernel/params.h - kernel command-line parameters.
 *
 * The subsystem that owns a parameter registers it beside its code:
 *
 *     static int set_loglevel(char *val) { ... return 0; }
 *     __setup("loglevel", set_loglevel);
 *
 * __setup puts a struct kernel_param into the .setup section; at boot
 * parse_kernel_cmdline() walks the command line and calls the handler of
 * every "name" or "name=value" it finds (val is NULL without '=').  A
 * handler returns 0, or -1 to have the value reported as invalid.  Names
 * nobody registered are collected and reported in one line, Linux-style.
 */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include "lib/types.h"

struct kernel_param {
	const char *name;
	int (*setup)(char *val);
};

#define __setup(str, fn)                                                     \
	static const struct kernel_param __setup_##fn                        \
		__attribute__((used, section(".setup"), aligned(4))) = { str, fn }

extern const struct kernel_param __setup_start[], __setup_end[];

/* The boot command line as the loader gave it (unparsed copy). */
extern char boot_command_line[];
#define COMMAND_LINE_SIZE 1024

/*
 * Parse args (modified in place) against the table [start, end).  Unknown
 * names are appended, space-separated, to unknown; invalid values are
 * reported with printk.  Returns the number of unknown parameters.
 */
int parse_args(char *args, const struct kernel_param *start,
	       const struct kernel_param *end, char *unknown, size_t unknown_len);

void parse_kernel_cmdline(void);

#endif
