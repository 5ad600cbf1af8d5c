/*
 * drivers/tty/console.h - where kernel output goes and keyboard input comes from.
 *
 * Output: each struct console (serial, VGA) is on a list; console_write()
 * sends text to all of them.  Input: interrupt handlers of the serial port
 * and the PS/2 keyboard push bytes with console_input(); readers take them
 * with console_getc(), which waits (halting the CPU) for the next byte.
 * Both sources deliver the same byte stream: the keyboard driver turns
 * arrow keys into the ANSI escape sequences a serial terminal sends.
 */
#ifndef DRIVERS_TTY_CONSOLE_H
#define DRIVERS_TTY_CONSOLE_H

#include "lib/types.h"

struct console {
	const char *name;
	void (*write)(const char *s, size_t n);
	struct console *next;
};

void register_console(struct console *con);
void console_write(const char *s, size_t n);
void console_puts(const char *s);

void console_input(char c);      /* from interrupt handlers */
/* filter(c), in interrupt context, returns true to consume c. */
void console_set_input_filter(bool (*filter)(char c));
int console_getc(void);          /* waits for a byte */
int console_trygetc(void);       /* -1 when none */

#endif
