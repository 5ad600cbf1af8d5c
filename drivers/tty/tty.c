/*
 * drivers/tty/tty.c - the console as a terminal: a line discipline between the
 * keyboard/serial input (drivers/tty/console.c) and the programs reading
 * /dev/console or /dev/tty, driven by a struct termios as in Linux.
 *
 * Input is processed as it arrives, in the interrupt (tty_receive_char,
 * installed as the console's input filter when user space first opens
 * the console), as Linux's n_tty does: characters are echoed while the
 * foreground program computes, and Ctrl-C acts while nobody reads.
 * Canonical mode (ICANON, the default) edits a line - Backspace (VERASE)
 * and Ctrl-U (VKILL) - and makes it readable when Enter ends it; Ctrl-D
 * (VEOF) makes the line so far readable, and on an empty line is end of
 * file.  Raw mode (ICANON off, as busybox's line editor sets) makes every
 * byte readable at once.  With ISIG, Ctrl-C (VINTR) sends SIGINT,
 * Ctrl-\ (VQUIT) SIGQUIT and Ctrl-Z (VSUSP) SIGTSTP, which stops it, to
 * the terminal's foreground process group
 * (TIOCSPGRP; until someone sets it, group 0 - init's, and so everyone's
 * who did not make a group of their own) and flushes pending input.
 * Output turns "\n" into "\r\n" (ONLCR) in the serial and screen drivers
 * already, so OPOST changes nothing here.
 *
 * Data: tty, the one terminal: its termios, foreground group, window
 * size, the line being edited, and read_buf, a ring of readable bytes
 * whose read_flags mark where lines end (TTY_EOL) and where an empty
 * line's Ctrl-D stands (TTY_EOF, a byte no reader sees); lines counts the
 * ended lines not yet read.
 * Locking: tty_lock (irqsave) covers all of tty's input state and orders
 * echo with it; readers sleep on read_wait.  tty_read_mutex gives a
 * reader the input until its read returns; tty_write_mutex gives a
 * writer the output until its write returns, so that what one write()
 * says comes out whole (Linux's atomic_write_lock), whichever CPUs the
 * writers run on.
 */
#include "drivers/tty/console.h"
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "kernel/locking/spinlock.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"

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

#define BOUNCE 512
#define TTY_BUF 2048                    /* a power of two */
#define TTY_EOL 1
#define TTY_EOF 2

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
#define VSUSP 10
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
	char line[256];                 /* the canonical line being edited */
	size_t line_len;
	char read_buf[TTY_BUF];         /* readable input, head - tail bytes */
	u8 read_flags[TTY_BUF];
	unsigned int head, tail;        /* free-running; index & (TTY_BUF - 1) */
	unsigned int lines;             /* TTY_EOL/TTY_EOF marks not yet read */
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

static DEFINE_SPINLOCK(tty_lock);
static DECLARE_WAIT_QUEUE_HEAD(read_wait);
static DEFINE_MUTEX(tty_read_mutex);
static DEFINE_MUTEX(tty_write_mutex);

static bool lflag(u32 flag)
{
	return (tty.termios.c_lflag & flag) != 0;
}

static void echo(const char *s, size_t n)
{
	if (lflag(ECHO))
		console_write(s, n);
}

/* Append one readable byte (flags: TTY_EOL/TTY_EOF); false when full. */
static bool put_byte(char c, u8 flags)
{
	if (tty.head - tty.tail == TTY_BUF)
		return false;
	tty.read_buf[tty.head & (TTY_BUF - 1)] = c;
	tty.read_flags[tty.head & (TTY_BUF - 1)] = flags;
	tty.head++;
	tty.lines += flags != 0;
	return true;
}

/* The edited line becomes readable; eof: it was ended by Ctrl-D, and if
 * empty leaves an end-of-file mark.  A line that does not fit is lost. */
static void commit_line(bool eof)
{
	size_t n = tty.line_len;

	tty.line_len = 0;
	if (!n) {
		if (eof)
			put_byte(0, TTY_EOF);
		return;
	}
	if (TTY_BUF - (tty.head - tty.tail) < n)
		return;
	for (size_t i = 0; i < n; i++)
		put_byte(tty.line[i], i == n - 1 ? TTY_EOL : 0);
}

static void flush_input(void)
{
	tty.line_len = 0;
	tty.tail = tty.head;
	tty.lines = 0;
}

static void erase_char(void)
{
	tty.line_len--;
	echo("\b \b", 3);
}

static void canonical_char(char c)
{
	const u8 *cc = tty.termios.c_cc;

	if (c == '\n') {
		echo("\n", 1);
		if (tty.line_len < sizeof(tty.line))
			tty.line[tty.line_len++] = '\n';
		commit_line(false);
	} else if (c == (char)cc[VERASE] || c == '\b') {
		if (tty.line_len)
			erase_char();
	} else if (c == (char)cc[VKILL]) {
		while (tty.line_len)
			erase_char();
	} else if (c == (char)cc[VEOF]) {
		commit_line(true);
	} else if (((unsigned char)c >= ' ' || c == '\t') && tty.line_len < sizeof(tty.line) - 1) {
		tty.line[tty.line_len++] = c;
		echo(&c, 1);
	}
}

/* Ctrl-C or Ctrl-\ under ISIG: the signal number, else 0. */
static int signal_char(char c)
{
	if (!lflag(ISIG))
		return 0;
	if (c == (char)tty.termios.c_cc[VINTR])
		return SIGINT;
	if (c == (char)tty.termios.c_cc[VQUIT])
		return SIGQUIT;
	if (c == (char)tty.termios.c_cc[VSUSP])
		return SIGTSTP;
	return 0;
}

/* The console's input filter, in interrupt context: every byte is the
 * tty's from the first open on. */
static bool tty_receive_char(char c)
{
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&tty_lock, flags);
	if (c == '\r' && (tty.termios.c_iflag & ICRNL))
		c = '\n';
	sig = signal_char(c);
	if (sig) {
		flush_input();  /* what was typed ahead goes, as in Linux */
		echo(sig == SIGINT ? "^C" : sig == SIGQUIT ? "^\\" : "^Z", 2); /* the shell ends the line */
	} else if (lflag(ICANON)) {
		canonical_char(c);
	} else if (put_byte(c, 0)) {
		echo(&c, 1);
	}
	spin_unlock_irqrestore(&tty_lock, flags);
	if (sig)
		kill_pgrp(tty.pgrp, sig);
	wake_up(&read_wait);
	return true;
}

/* Something for a reader: an ended line (canonical) or any byte (raw). */
static bool readable(void)
{
	return lflag(ICANON) ? tty.lines != 0 : tty.head != tty.tail;
}

/* Move up to max readable bytes to buf: in canonical mode up to the end
 * of one line.  Reading an end-of-file mark alone gives 0 bytes. */
static size_t take_input(char *buf, size_t max)
{
	size_t n = 0;

	while (n < max && tty.head != tty.tail) {
		unsigned int i = tty.tail++ & (TTY_BUF - 1);
		u8 mark = tty.read_flags[i];

		tty.lines -= mark != 0;
		if (!(mark & TTY_EOF))
			buf[n++] = tty.read_buf[i];
		if (mark && lflag(ICANON))
			break;
	}
	return n;
}

/* -ERESTARTSYS on a signal; 0 with *n set otherwise. */
static int wait_and_take(char *buf, size_t max, bool nonblock, size_t *n)
{
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&tty_lock, flags);
		bool ready = readable();
		bool vmin0 = !lflag(ICANON) && !tty.termios.c_cc[VMIN];

		if (ready || vmin0)
			*n = take_input(buf, max);
		spin_unlock_irqrestore(&tty_lock, flags);
		if (ready || vmin0)
			return 0;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(read_wait, readable()))
			return -ERESTARTSYS;
	}
}

static ssize_t tty_read(struct file *f, char __user *buf, size_t len, u64 *pos)
{
	char bounce[256];
	size_t n = 0;
	int err;

	(void)pos;
	if (mutex_lock_interruptible(&tty_read_mutex))
		return -ERESTARTSYS;
	err = wait_and_take(bounce, min(len, sizeof(bounce)), f->f_flags & O_NONBLOCK, &n);
	mutex_unlock(&tty_read_mutex);
	if (err)
		return err;
	return n && copy_to_user(buf, bounce, n) ? -EFAULT : (ssize_t)n;
}

/* The write, tty_write_mutex held. */
static ssize_t write_pieces(const char __user *buf, size_t len)
{
	char bounce[BOUNCE];
	size_t done = 0;

	lockdep_assert_held(&tty_write_mutex);
	while (done < len) {
		size_t n = min(len - done, (size_t)BOUNCE);

		/* The console is slow: a signal ends a long write between
		 * pieces (the count so far), as Linux's n_tty_write does. */
		if (signal_pending(current))
			return done ? (ssize_t)done : -ERESTARTSYS;
		if (copy_from_user(bounce, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write(bounce, n);
		done += n;
		cond_resched();
	}
	return (ssize_t)done;
}

static ssize_t tty_write(struct file *f, const char __user *buf, size_t len, u64 *pos)
{
	ssize_t ret;

	(void)f;
	(void)pos;
	if (mutex_lock_interruptible(&tty_write_mutex))
		return -ERESTARTSYS;
	ret = write_pieces(buf, len);
	mutex_unlock(&tty_write_mutex);
	return ret;
}

static unsigned int tty_poll(struct file *f)
{
	(void)f;
	return POLLOUT | (readable() ? POLLIN : 0);
}

static long put(void __user *arg, const void *val, size_t size)
{
	return copy_to_user(arg, val, size) ? -EFAULT : 0;
}

static long tty_set_termios(unsigned int cmd, const void __user *arg)
{
	struct termios t;
	unsigned long flags;

	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	spin_lock_irqsave(&tty_lock, flags);
	if (cmd == TCSETSF)             /* drop unread input first */
		flush_input();
	else
		commit_line(false);     /* a half-typed line stays readable */
	tty.termios = t;
	spin_unlock_irqrestore(&tty_lock, flags);
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;        /* every command's is a pointer */
	int pgrp, avail;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return put(argp, &tty.termios, sizeof(tty.termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_set_termios(cmd, argp);
	case TIOCGPGRP:
		return put(argp, &tty.pgrp, sizeof(tty.pgrp));
	case TIOCSPGRP:
		if (get_user(pgrp, (int __user *)argp))
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		tty.pgrp = pgrp;
		return 0;
	case TIOCGSID:
		return put(argp, &current->signal->session, sizeof(int));
	case TIOCSCTTY:
		return 0;               /* the console is everyone's terminal */
	case TIOCGWINSZ:
		return put(argp, &tty.winsize, sizeof(tty.winsize));
	case TIOCSWINSZ:
		return copy_from_user(&tty.winsize, argp, sizeof(tty.winsize)) ? -EFAULT : 0;
	case FIONREAD:
		avail = (int)(tty.head - tty.tail);
		return put(argp, &avail, sizeof(avail));
	default:
		return -ENOTTY;
	}
}

/* The first open makes the console a terminal: from then on every input
 * byte passes the line discipline (those typed before are taken now). */
static int tty_open(struct file *f)
{
	int c;

	(void)f;
	console_set_input_filter(tty_receive_char);
	while ((c = console_trygetc()) >= 0)
		tty_receive_char((char)c);
	return 0;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
};
