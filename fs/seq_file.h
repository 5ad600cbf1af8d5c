/*
 * fs/seq_file.h - text built in a buffer, for /proc files and the
 * monitor commands that print the same things.
 *
 * A show function prints into a struct seq_file with seq_printf();
 * seq_render() runs it into a buffer and, if the text did not fit, runs it
 * again into one twice as big (as Linux's seq_file does), so a show
 * function never has to know its size in advance.  The same function
 * serves /proc/meminfo and the monitor's `meminfo` (MONITOR_SHOW), so the
 * two can never disagree.  A seq_file without a buffer writes to the
 * console directly (the monitor's case).
 *
 * Data: the buffer (kmalloc'd, up to KMALLOC_MAX_SIZE).
 * Locking: none; a seq_file belongs to its caller.
 */
#ifndef FS_SEQ_FILE_H
#define FS_SEQ_FILE_H

#include "kernel/debug/monitor.h"
#include "lib/types.h"

struct seq_file {
	char *buf;                      /* NULL: straight to the console */
	size_t size, count;             /* count == size: it overflowed */
};

typedef void (*seq_show_t)(struct seq_file *m, void *arg);

void seq_printf(struct seq_file *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void seq_write(struct seq_file *m, const void *data, size_t len);
/* show's whole text: a kmalloc'd buffer (NUL-terminated; kfree it) and
 * its length in *len, or NULL without memory. */
char *seq_render(seq_show_t show, void *arg, size_t *len);
/* Print what show prints on the console as it goes: no buffer, so the
 * monitor's commands allocate nothing - they work when memory is
 * exhausted, and looking does not change what is looked at. */
void seq_to_console(seq_show_t show, void *arg);

/* A monitor command printing what show prints (seq_to_console). */
#define MONITOR_SHOW(name, help, show)                                       \
	static int cmd_##show(int argc, char **argv)                         \
	{                                                                    \
		(void)argc;                                                  \
		(void)argv;                                                  \
		seq_to_console(show, NULL);                                  \
		return 0;                                                    \
	}                                                                    \
	MONITOR_CMD(name, help, cmd_##show)

#endif
