/*
 * drivers/tty/keyboard.c - PS/2 keyboard driver.
 *
 * Data: two scancode-to-ASCII maps (plain and shifted), modifier state
 * (shift, ctrl, caps lock) and whether the previous byte was the 0xe0
 * prefix of an extended key.
 * Locking: all state is touched only by the IRQ 1 handler.
 */
#include "drivers/tty/keyboard.h"
#include "drivers/tty/console.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/x86.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define KBD_IRQ 1

#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1d
#define SC_CAPS 0x3a
#define SC_RELEASE 0x80

static const char keymap[128] = {
	0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b',
	'\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n',
	0, 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	0, '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0,
	'*', 0, ' ',
};

static const char keymap_shift[128] = {
	0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b',
	'\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n',
	0, 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	0, '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0,
	'*', 0, ' ',
};

static bool shift, ctrl, caps, extended;

static void send_csi(char final)
{
	console_input(0x1b);
	console_input('[');
	console_input(final);
}

/* Extended (0xe0-prefixed) keys: arrows, Home, End, Delete. */
static void extended_key(u8 code)
{
	switch (code) {
	case 0x48: send_csi('A'); break;        /* up */
	case 0x50: send_csi('B'); break;        /* down */
	case 0x4d: send_csi('C'); break;        /* right */
	case 0x4b: send_csi('D'); break;        /* left */
	case 0x47: send_csi('H'); break;        /* home */
	case 0x4f: send_csi('F'); break;        /* end */
	case 0x53: console_input(0x7f); break;  /* delete: acts as backspace */
	case 0x1c: console_input('\n'); break;  /* keypad enter */
	}
}

static void plain_key(u8 code)
{
	char c = shift ? keymap_shift[code] : keymap[code];

	if (!c)
		return;
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (ctrl && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		c &= 0x1f;
	console_input(c == '\b' ? 0x7f : c);
}

static void keyboard_interrupt(struct pt_regs *regs)
{
	u8 sc = inb(KBD_DATA);
	bool release = sc & SC_RELEASE;
	u8 code = sc & ~SC_RELEASE;

	(void)regs;
	if (sc == 0xe0) {
		extended = true;
		return;
	}
	if (code == SC_LSHIFT || code == SC_RSHIFT)
		shift = !release;
	else if (code == SC_CTRL)
		ctrl = !release;        /* left, or right with the prefix */
	else if (code == SC_CAPS && !release)
		caps = !caps;
	else if (!release && extended)
		extended_key(code);
	else if (!release)
		plain_key(code);
	extended = false;
}

void keyboard_init(void)
{
	while (inb(KBD_STATUS) & 0x01)          /* drop bytes from before us */
		inb(KBD_DATA);
	request_irq(KBD_IRQ, keyboard_interrupt, "keyboard");
}
