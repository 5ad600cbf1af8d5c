/*
 * drivers/tty/console.c - console output fan-out and the input queue.
 *
 * Data: console_list (registered output drivers) and input_buf, a ring of
 * INPUT_BUF_LEN bytes filled by interrupt handlers (producer) and drained by
 * console_getc (consumer).
 * Locking: input_lock (irqs off) covers the ring: the producer runs in
 * interrupt context on whichever CPU the interrupt is routed to, readers
 * on any CPU.  Readers sleep on input_wait until a byte arrives.  Once
 * user space opens the console, the tty (drivers/tty/tty.c) installs an input
 * filter that takes every byte in the interrupt instead, as a line
 * discipline must: echo and Ctrl-C act while nobody reads.
 */
#include "drivers/tty/console.h"
#include "kernel/arch/x86.h"
#include "kernel/locking/spinlock.h"
#include "kernel/params.h"
#include "kernel/wait.h"
#include "lib/string.h"

#define INPUT_BUF_LEN 256

static struct console *console_list;
static char input_buf[INPUT_BUF_LEN];
static unsigned int input_head, input_tail;
static DEFINE_SPINLOCK(input_lock);
static DECLARE_WAIT_QUEUE_HEAD(input_wait);
static bool (*input_filter)(char c);

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

void console_set_input_filter(bool (*filter)(char c))
{
	input_filter = filter;
}

void console_input(char c)
{
	unsigned long flags;

	if (input_filter && input_filter(c))
		return;
	spin_lock_irqsave(&input_lock, flags);
	unsigned int next = (input_head + 1) % INPUT_BUF_LEN;

	if (next != input_tail) {       /* full: drop, like a real tty */
		input_buf[input_head] = c;
		input_head = next;
	}
	spin_unlock_irqrestore(&input_lock, flags);
	wake_up(&input_wait);
}

int console_trygetc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&input_lock, flags);
	if (input_tail != input_head) {
		c = (unsigned char)input_buf[input_tail];
		input_tail = (input_tail + 1) % INPUT_BUF_LEN;
	}
	spin_unlock_irqrestore(&input_lock, flags);
	return c;
}

int console_getc(void)
{
	int c;

	/* Interruptibly, as a tty read waits: a person not typing is not a
	 * task stuck in the kernel, and khungtaskd reports only D sleeps (the
	 * monitor waiting at its prompt was "blocked for more than 120
	 * seconds").  Its thread has no mm and takes no signals, so no signal
	 * ends the wait early. */
	while (wait_event_interruptible(input_wait, (c = console_trygetc()) >= 0))
		;
	return c;
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
