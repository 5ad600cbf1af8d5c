/*
 * kernel/tty.c - the console as a terminal: a line discipline between the
 * keyboard/serial input (kernel/console.c) and the programs reading
 * /dev/console or /dev/tty, driven by a struct termios as in Linux.
 *
 * Canonical mode (ICANON, the default) hands the reader whole lines: the
 * line is echoed as it is typed, Backspace (VERASE) and Ctrl-U (VKILL)
 * edit it, Enter ends it, Ctrl-D (VEOF) on an empty line is end of file.
 * Raw mode (ICANON off, as busybox's line editor sets) hands over bytes as
 * they come.  With ISIG, Ctrl-C (VINTR) sends SIGINT and Ctrl-\ (VQUIT)
 * SIGQUIT to the terminal's foreground process group (TIOCSPGRP; until
 * someone sets it, group 0 - init's, and so everyone's who did not make
 * a group of their own).  Output turns "\n" into "\r\n" (ONLCR)
 * in the serial and screen drivers already, so OPOST changes nothing here.
 *
 * Data: tty, the one terminal: its termios, foreground group, window size
 * and the canonical line being assembled.
 * Locking: tty_read_mutex serialises readers (the line belongs to one
 * reader at a time); termios changes are single word stores.
 */
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define BOUNCE 512

/* struct termios as i386 Linux's TCGETS passes it (NCCS 19). */
#define NCCS 19
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define ICRNL 0000400
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010

struct winsize {
	u16 rows, cols, xpixel, ypixel;
};

static struct {
	struct termios termios;
	int pgrp;                       /* the foreground process group */
	struct winsize winsize;
	char line[256];                 /* the canonical line */
	size_t line_len, line_off;
	bool line_ready;                /* ended by Enter or EOF: readable */
} tty = {
	.termios = {
		.c_iflag = ICRNL | 02000 /* IXON */,
		.c_oflag = 01 | 04 /* OPOST | ONLCR */,
		.c_cflag = 0277 /* B38400 | CS8 | CREAD */,
		.c_lflag = 0105073 /* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */,
		.c_cc = { 3, 034, 0177, 025, 4, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026 },
	},
	.pgrp = 0,
	.winsize = { 25, 80, 0, 0 },
};

static DEFINE_MUTEX(tty_read_mutex);

static bool lflag(u32 flag)
{
	return (tty.termios.c_lflag & flag) != 0;
}

static void echo(const char *s, size_t n)
{
	if (lflag(ECHO))
		console_write(s, n);
}

/* Ctrl-C and friends: true if c was a signal character (and consumed). */
static bool tty_signal(char c)
{
	int sig = c == (char)tty.termios.c_cc[VINTR] ? 2 /* SIGINT */
		  : c == (char)tty.termios.c_cc[VQUIT] ? 3 /* SIGQUIT */ : 0;

	if (!lflag(ISIG) || !sig)
		return false;
	echo(sig == 2 ? "^C\n" : "^\\\n", 3);
	tty.line_len = tty.line_off = 0;
	kill_pgrp(tty.pgrp, sig);
	return true;
}

/* The next input byte, CR made NL under ICRNL; -ERESTARTSYS on a signal. */
static int tty_getc(void)
{
	int c = console_getc_interruptible();

	if (c == '\r' && (tty.termios.c_iflag & ICRNL))
		c = '\n';
	return c;
}

/* Assemble a line until Enter or EOF; -ERESTARTSYS if a signal came
 * first (what was typed so far stays). */
static int read_line(void)
{
	while (!tty.line_ready) {
		int c = tty_getc();

		if (c < 0)
			return c;
		if (tty_signal((char)c))
			continue;
		if (c == '\n') {
			echo("\n", 1);
			tty.line[tty.line_len++] = '\n';
			tty.line_ready = true;
		} else if ((c == tty.termios.c_cc[VERASE] || c == '\b') && tty.line_len) {
			tty.line_len--;
			echo("\b \b", 3);
		} else if (c == tty.termios.c_cc[VKILL]) {
			for (; tty.line_len; tty.line_len--)
				echo("\b \b", 3);
		} else if (c == tty.termios.c_cc[VEOF]) {
			tty.line_ready = true;  /* the line so far, or end of file */
		} else if ((c >= ' ' || c == '\t') && tty.line_len < sizeof(tty.line) - 1) {
			tty.line[tty.line_len++] = (char)c;
			echo((char *)&tty.line[tty.line_len - 1], 1);
		}
	}
	return 0;
}

static ssize_t read_canonical(char *buf, size_t len)
{
	size_t n;
	int err = read_line();

	if (err)
		return err;
	n = min(len, tty.line_len - tty.line_off);
	if (n && copy_to_user(buf, tty.line + tty.line_off, n))
		return -EFAULT;
	tty.line_off += n;
	if (tty.line_off == tty.line_len)
		tty.line_len = tty.line_off = 0, tty.line_ready = false;
	return (ssize_t)n;
}

/* Raw: wait for one byte (unless VMIN is 0), then take what is there. */
static ssize_t read_raw(char *buf, size_t len, bool nonblock)
{
	char bounce[64];
	size_t n = 0;
	int c;

	while (n < min(len, sizeof(bounce))) {
		if (n || nonblock || !tty.termios.c_cc[VMIN])
			c = console_trygetc();
		else
			c = tty_getc();
		if (c == '\r' && (tty.termios.c_iflag & ICRNL))
			c = '\n';
		if (c < 0 && !n)
			return c == -ERESTARTSYS ? c : nonblock ? -EAGAIN : 0;
		if (c < 0)
			break;
		if (tty_signal((char)c))
			continue;
		bounce[n++] = (char)c;
		echo((char *)&bounce[n - 1], 1);
	}
	return copy_to_user(buf, bounce, n) ? -EFAULT : (ssize_t)n;
}

static ssize_t tty_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	ssize_t n;

	(void)pos;
	if (mutex_lock_interruptible(&tty_read_mutex))
		return -ERESTARTSYS;
	if (lflag(ICANON))
		n = read_canonical(buf, len);
	else
		n = read_raw(buf, len, f->f_flags & O_NONBLOCK);
	mutex_unlock(&tty_read_mutex);
	return n;
}

static ssize_t tty_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	char bounce[BOUNCE];
	size_t done = 0;

	(void)f;
	(void)pos;
	while (done < len) {
		size_t n = min(len - done, (size_t)BOUNCE);

		if (copy_from_user(bounce, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write(bounce, n);
		done += n;
	}
	return (ssize_t)done;
}

/* Readable when a line is ready or input is waiting (in canonical mode a
 * partial line then still makes read wait for Enter). */
static unsigned int tty_poll(struct file *f)
{
	(void)f;
	return POLLOUT | (tty.line_ready || console_input_pending() ? POLLIN : 0);
}

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCGSID 0x5429

static long put(unsigned long arg, const void *val, size_t size)
{
	return copy_to_user((void *)arg, val, size) ? -EFAULT : 0;
}

static long tty_set_termios(unsigned int cmd, unsigned long arg)
{
	struct termios t;

	if (copy_from_user(&t, (void *)arg, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSF) {           /* drop unread input first */
		while (console_trygetc() >= 0)
			;
		tty.line_len = tty.line_off = 0;
		tty.line_ready = false;
	}
	tty.termios = t;
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	int pgrp, avail;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return put(arg, &tty.termios, sizeof(tty.termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_set_termios(cmd, arg);
	case TIOCGPGRP:
		return put(arg, &tty.pgrp, sizeof(tty.pgrp));
	case TIOCSPGRP:
		if (copy_from_user(&pgrp, (void *)arg, sizeof(pgrp)))
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		tty.pgrp = pgrp;
		return 0;
	case TIOCGSID:
		return put(arg, &current->sid, sizeof(int));
	case TIOCSCTTY:
		return 0;               /* the console is everyone's terminal */
	case TIOCGWINSZ:
		return put(arg, &tty.winsize, sizeof(tty.winsize));
	case TIOCSWINSZ:
		return copy_from_user(&tty.winsize, (void *)arg, sizeof(tty.winsize)) ? -EFAULT : 0;
	case FIONREAD:
		avail = (int)(tty.line_len - tty.line_off);
		return put(arg, &avail, sizeof(avail));
	default:
		return -ENOTTY;
	}
}

const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
};
