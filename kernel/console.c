/*
 * kernel/console.c - console output fan-out and the input queue.
 *
 * Data: console_list (registered output drivers) and input_buf, a ring of
 * INPUT_BUF_LEN bytes filled by interrupt handlers (producer) and drained by
 * console_getc (consumer).
 * Locking: the ring's producer runs in interrupt context on the boot CPU;
 * the consumer reads with interrupts disabled around the index update.
 */
#include "kernel/console.h"
#include "kernel/idle.h"
#include "kernel/params.h"
#include "kernel/x86.h"
#include "lib/string.h"

#define INPUT_BUF_LEN 256

static struct console *console_list;
static char input_buf[INPUT_BUF_LEN];
static volatile unsigned int input_head, input_tail;

void register_console(struct console *con)
{
	struct console **p = &console_list;

	while (*p)
		p = &(*p)->next;
	con->next = NULL;
	*p = con;
}

void console_write(const char *s, size_t n)
{
	for (struct console *c = console_list; c; c = c->next)
		c->write(s, n);
}

void console_puts(const char *s)
{
	console_write(s, strlen(s));
}

void console_input(char c)
{
	unsigned int next = (input_head + 1) % INPUT_BUF_LEN;

	if (next == input_tail)
		return;                 /* full: drop, like a real tty */
	input_buf[input_head] = c;
	input_head = next;
}

int console_trygetc(void)
{
	unsigned long flags = local_irq_save();
	int c = -1;

	if (input_tail != input_head) {
		c = (unsigned char)input_buf[input_tail];
		input_tail = (input_tail + 1) % INPUT_BUF_LEN;
	}
	local_irq_restore(flags);
	return c;
}

int console_getc(void)
{
	for (;;) {
		local_irq_disable();
		if (input_tail != input_head) {
			local_irq_enable();
			return console_trygetc();
		}
		cpu_idle();     /* returns after the next interrupt */
	}
}

/*
 * console=NAME is accepted for Linux command lines (console=ttyS0 is what
 * QEMU users type).  Tessera always writes to both the serial port and the
 * screen, so the value is only checked, not used to choose.
 */
static int set_console(char *val)
{
	if (!val)
		return -1;
	for (struct console *c = console_list; c; c = c->next)
		if (!strncmp(val, c->name, strlen(c->name)))
			return 0;
	return -1;
}
__setup("console", set_console);
