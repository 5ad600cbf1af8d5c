/*
 * drivers/tty/vga.c - VGA text-mode console.
 *
 * Data: the text buffer at physical 0xb8000 (reached through the direct
 * map, as __iomem with readw/writew), the cursor position, and a small ANSI escape parser state.
 * Locking: only called through console_write, serialised by its callers.
 */
#include "drivers/tty/vga.h"
#include "drivers/tty/console.h"
#include "kernel/arch/x86.h"
#include "lib/ctype.h"
#include "mm/page.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700                 /* light grey on black */
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5

/* Device memory, though the direct map reaches it like RAM: __iomem so
 * that `make check` sees every access go through readw/writew. */
static u16 __iomem *const vga_buf = (u16 __force __iomem *)__va(0xb8000);
static int cur_row, cur_col;

enum esc_state { ESC_NONE, ESC_SEEN, ESC_CSI };
static enum esc_state esc;
static int esc_arg;

static void move_hw_cursor(void)
{
	u16 pos = (u16)(cur_row * VGA_COLS + cur_col);

	outb(CRTC_INDEX, 0x0f);
	outb(CRTC_DATA, pos & 0xff);
	outb(CRTC_INDEX, 0x0e);
	outb(CRTC_DATA, pos >> 8);
}

static void scroll(void)
{
	for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		writew(readw(vga_buf + i + VGA_COLS), vga_buf + i);
	for (int i = 0; i < VGA_COLS; i++)
		writew(VGA_ATTR | ' ', vga_buf + (VGA_ROWS - 1) * VGA_COLS + i);
	cur_row = VGA_ROWS - 1;
}

static void newline(void)
{
	cur_col = 0;
	if (++cur_row == VGA_ROWS)
		scroll();
}

static void csi_final(char c)
{
	int n = esc_arg ? esc_arg : 1;

	if (c == 'D')
		cur_col = cur_col > n ? cur_col - n : 0;
	else if (c == 'C')
		cur_col = cur_col + n < VGA_COLS ? cur_col + n : VGA_COLS - 1;
	else if (c == 'K')
		for (int i = cur_col; i < VGA_COLS; i++)
			writew(VGA_ATTR | ' ', vga_buf + cur_row * VGA_COLS + i);
}

/* Returns true when c was part of an escape sequence. */
static bool vga_escape(char c)
{
	switch (esc) {
	case ESC_NONE:
		if (c != 0x1b)
			return false;
		esc = ESC_SEEN;
		return true;
	case ESC_SEEN:
		esc = c == '[' ? ESC_CSI : ESC_NONE;
		esc_arg = 0;
		return true;
	case ESC_CSI:
		if (isdigit(c)) {
			esc_arg = esc_arg * 10 + (c - '0');
			return true;
		}
		csi_final(c);
		esc = ESC_NONE;
		return true;
	}
	return false;
}

static void vga_putc(char c)
{
	if (vga_escape(c))
		return;
	switch (c) {
	case '\n':
		newline();
		break;
	case '\r':
		cur_col = 0;
		break;
	case '\b':
		if (cur_col)
			cur_col--;
		break;
	default:
		writew(VGA_ATTR | (u8)c, vga_buf + cur_row * VGA_COLS + cur_col);
		if (++cur_col == VGA_COLS)
			newline();
	}
}

static void vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i]);
	move_hw_cursor();
}

static struct console vga_console = { .name = "tty0", .write = vga_write };

void vga_init(void)
{
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		writew(VGA_ATTR | ' ', vga_buf + i);
	cur_row = cur_col = 0;
	register_console(&vga_console);
}
