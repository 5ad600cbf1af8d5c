/*
 * kernel/debug/monitor.h - the kernel monitor: a command prompt on the console.
 *
 * A subsystem adds a command with one line beside its code:
 *
 *     MONITOR_CMD("buddyinfo", "free blocks per order and zone", cmd_buddyinfo);
 *
 * where cmd_buddyinfo(int argc, char **argv) returns 0 or an error.  The
 * macro places a struct monitor_cmd in the .monitor_cmds section; `help`
 * lists them all.
 */
#ifndef KERNEL_DEBUG_MONITOR_H
#define KERNEL_DEBUG_MONITOR_H

#include "lib/types.h"

#define MONITOR_PROMPT "tessera> "
#define MONITOR_MAX_ARGS 16

struct monitor_cmd {
	const char *name;
	const char *help;
	int (*fn)(int argc, char **argv);
};

#define MONITOR_CMD(name, help, fn)                                          \
	static const struct monitor_cmd __monitor_cmd_##fn                   \
		__attribute__((used, section(".monitor_cmds"), aligned(4))) = { \
			name, help, fn }

/* Command output: straight to the console, without printk's timestamps
 * (or wherever monitor_set_output sends it; NULL: the console again). */
int mprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void monitor_write(const char *s, size_t n);
void monitor_set_output(void (*sink)(const char *s, size_t n));

/* Split line (in place) into words and run the command; returns its result,
 * or -1 for an unknown command. */
int monitor_exec(char *line);
void monitor_run(void) __attribute__((noreturn));

#endif
