/*
 * kernel/debug/readline.c - a small line editor over the console.
 *
 * Data: struct line_state (the buffer, its length and the cursor) and
 * history[], a ring of HISTORY_LEN previous lines.  Keys arrive as bytes;
 * ESC [ x sequences (arrows, Home/End, Delete "ESC [ 3 ~") are decoded by
 * read_key().  Appending at the end of the line just echoes; any other edit
 * redraws the line with "\r", the prompt, the text, ESC [ K, and moves the
 * cursor back with ESC [ n D - sequences drivers/tty/vga.c understands too.
 * Locking: one reader (the monitor) at a time.
 */
#include "kernel/debug/readline.h"
#include "drivers/tty/console.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define HISTORY_LEN 16
#define CTRL(c) ((c) & 0x1f)

enum key {
	KEY_UP = 0x100, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_DELETE
};

struct line_state {
	const char *prompt;
	char *buf;
	size_t len, pos;
	int hist_idx;             /* 0 = the line being typed, n = n back */
};

static char history[HISTORY_LEN][READLINE_MAX];
static unsigned int history_count;

static int read_csi(void)
{
	int c = console_getc();

	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case '3':
		return console_getc() == '~' ? KEY_DELETE : -1;
	}
	return -1;
}

static int read_key(void)
{
	int c = console_getc();

	if (c != 0x1b)
		return c;
	c = console_getc();
	if (c == '[' || c == 'O')
		return read_csi();
	return -1;
}

static void redraw(struct line_state *ls)
{
	char seq[16];

	console_puts("\r");
	console_puts(ls->prompt);
	console_write(ls->buf, ls->len);
	console_puts("\x1b[K");
	if (ls->len > ls->pos) {
		scnprintf(seq, sizeof(seq), "\x1b[%uD", (unsigned)(ls->len - ls->pos));
		console_puts(seq);
	}
}

static void insert_char(struct line_state *ls, char c)
{
	if (ls->len + 1 >= READLINE_MAX)
		return;
	memmove(ls->buf + ls->pos + 1, ls->buf + ls->pos, ls->len - ls->pos);
	ls->buf[ls->pos++] = c;
	ls->len++;
	if (ls->pos == ls->len)
		console_write(&c, 1);
	else
		redraw(ls);
}

static void delete_before(struct line_state *ls)
{
	if (!ls->pos)
		return;
	memmove(ls->buf + ls->pos - 1, ls->buf + ls->pos, ls->len - ls->pos);
	ls->pos--;
	ls->len--;
	if (ls->pos == ls->len)
		console_puts("\b \b");
	else
		redraw(ls);
}

static void set_line(struct line_state *ls, const char *text)
{
	strlcpy(ls->buf, text, READLINE_MAX);
	ls->len = ls->pos = strlen(ls->buf);
	redraw(ls);
}

static void history_step(struct line_state *ls, int dir)
{
	int idx = ls->hist_idx + dir;

	if (idx < 0 || idx > (int)history_count || idx > HISTORY_LEN)
		return;
	ls->hist_idx = idx;
	set_line(ls, idx ? history[(history_count - idx) % HISTORY_LEN] : "");
}

static void history_add(const char *line)
{
	if (!*line || (history_count &&
		       !strcmp(history[(history_count - 1) % HISTORY_LEN], line)))
		return;
	strlcpy(history[history_count++ % HISTORY_LEN], line, READLINE_MAX);
}

static void move_cursor(struct line_state *ls, size_t pos)
{
	ls->pos = pos;
	redraw(ls);
}

/* Returns true when the line is finished. */
static bool handle_key(struct line_state *ls, int key)
{
	switch (key) {
	case '\n':
		return true;
	case 0x7f: case '\b':
		delete_before(ls);
		break;
	case KEY_DELETE:
		if (ls->pos < ls->len) {
			ls->pos++;
			delete_before(ls);
		}
		break;
	case CTRL('u'):
		ls->len = ls->pos = 0;
		redraw(ls);
		break;
	case CTRL('c'):
		ls->len = ls->pos = 0;
		console_puts("^C");
		return true;
	case CTRL('a'): case KEY_HOME:
		move_cursor(ls, 0);
		break;
	case CTRL('e'): case KEY_END:
		move_cursor(ls, ls->len);
		break;
	case KEY_LEFT:
		if (ls->pos)
			move_cursor(ls, ls->pos - 1);
		break;
	case KEY_RIGHT:
		if (ls->pos < ls->len)
			move_cursor(ls, ls->pos + 1);
		break;
	case KEY_UP: case KEY_DOWN:
		history_step(ls, key == KEY_UP ? 1 : -1);
		break;
	default:
		if (key >= ' ' && key < 0x7f)
			insert_char(ls, (char)key);
	}
	return false;
}

size_t readline(const char *prompt, char *buf)
{
	struct line_state ls = { .prompt = prompt, .buf = buf };

	console_puts(prompt);
	while (!handle_key(&ls, read_key()))
		;
	buf[ls.len] = '\0';
	console_puts("\n");
	history_add(buf);
	return ls.len;
}
