/*
 * fs/seq_file.c - rendering show functions into buffers (see
 * fs/seq_file.h).
 *
 * Data: none of its own.  Locking: none.
 */
#include "fs/seq_file.h"
#include "drivers/tty/console.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	char line[256];
	int n;

	if (!m->buf) {
		va_start(args, fmt);
		n = vscnprintf(line, sizeof(line), fmt, args);
		va_end(args);
		console_write(line, (size_t)n);
		return;
	}
	if (m->count >= m->size)
		return;
	va_start(args, fmt);
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
	va_end(args);
	/* vsnprintf needs room for its NUL too: a full buffer is an overflow. */
	m->count = (size_t)n < m->size - m->count ? m->count + (size_t)n : m->size;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (!m->buf) {
		console_write(data, len);
		return;
	}
	if (m->count + len >= m->size) {
		m->count = m->size;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

char *seq_render(seq_show_t show, void *arg, size_t *len)
{
	for (size_t size = PAGE_SIZE; size <= KMALLOC_MAX_SIZE; size *= 2) {
		struct seq_file m = { kmalloc(size, GFP_KERNEL), size, 0 };

		if (!m.buf)
			return NULL;
		show(&m, arg);
		if (m.count < m.size) {
			m.buf[m.count] = '\0';
			*len = m.count;
			return m.buf;
		}
		kfree(m.buf);
	}
	return NULL;
}

void seq_to_console(seq_show_t show, void *arg)
{
	struct seq_file m = { NULL, 0, 0 };

	show(&m, arg);
}
