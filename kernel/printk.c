/*
 * kernel/printk.c - kernel messages: formatting, timestamps, the log buffer.
 *
 * Data: log_buf, a ring of LOG_BUF_LEN bytes; log_end counts every byte ever
 * written, so `log_end % LOG_BUF_LEN` is the write position and old text is
 * overwritten once the ring is full.  line_start remembers whether the next
 * byte begins a line (and so gets a timestamp).
 *
 * syslog(2) reads it back (do_syslog: dmesg) with its own read and clear
 * positions.
 *
 * Locking: logbuf_lock (irqsave) serialises writers and syslog's copies.  While an oops is in
 * progress (oops_in_progress) printk ignores the lock, so a crash inside
 * printk can still be reported - a torn line beats a silent hang.
 */
#include "kernel/printk.h"
#include "drivers/tty/console.h"
#include "kernel/arch/uaccess.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

#define LOG_BUF_LEN (64 * 1024)
#define DEFAULT_MESSAGE_LOGLEVEL 4

int console_loglevel = 7;

static char log_buf[LOG_BUF_LEN];
static size_t log_end;
static bool line_start = true;
static DEFINE_SPINLOCK(logbuf_lock);

static int __init_loglevel(char *val)
{
	unsigned long level;

	if (!val || kstrtoul(val, 10, &level) || level > 8)
		return -1;
	console_loglevel = (int)level;
	return 0;
}
__setup("loglevel", __init_loglevel);

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[log_end++ % LOG_BUF_LEN] = s[i];
}

/* Split off a "\001N" level prefix; returns the level, or -1 for KERN_CONT. */
static int printk_level(const char **fmt)
{
	const char *p = *fmt;

	if (p[0] != KERN_SOH[0] || !p[1])
		return DEFAULT_MESSAGE_LOGLEVEL;
	*fmt = p + 2;
	if (p[1] == 'c')
		return -1;
	return p[1] - '0';
}

static size_t format_timestamp(char *buf, size_t len)
{
	u64 ns = ktime_get_ns();
	u32 secs = (u32)(ns / 1000000000ull);
	u32 usecs = (u32)((ns % 1000000000ull) / 1000);

	return scnprintf(buf, len, "[%5u.%06u] ", secs, usecs);
}

/* Emit text, adding a timestamp at each line start. */
static void emit(const char *text, size_t n, bool to_console)
{
	char stamp[32];

	while (n) {
		const char *nl = memchr(text, '\n', n);
		size_t chunk = nl ? (size_t)(nl - text) + 1 : n;

		if (line_start) {
			size_t sl = format_timestamp(stamp, sizeof(stamp));
			log_store(stamp, sl);
			if (to_console)
				console_write(stamp, sl);
		}
		log_store(text, chunk);
		if (to_console)
			console_write(text, chunk);
		line_start = nl != NULL;
		text += chunk;
		n -= chunk;
	}
}

static int last_level = DEFAULT_MESSAGE_LOGLEVEL;

/* One formatted message at `level` (-1: a continuation). */
static void log_message(const char *text, size_t n, int level)
{
	if (level < 0)
		level = last_level;
	else if (!line_start)
		emit("\n", 1, level < console_loglevel);
	last_level = level;
	emit(text, n, level < console_loglevel);
}

int vprintk(const char *fmt, va_list args)
{
	char text[512];
	unsigned long flags;
	int level = printk_level(&fmt);
	size_t n = vscnprintf(text, sizeof(text), fmt, args);

	if (oops_in_progress) {
		log_message(text, n, level);
	} else {
		spin_lock_irqsave(&logbuf_lock, flags);
		log_message(text, n, level);
		spin_unlock_irqrestore(&logbuf_lock, flags);
	}
	return (int)n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

size_t log_buf_len(void)
{
	return log_end;
}

size_t log_buf_copy(char *buf, size_t len, size_t offset)
{
	size_t first = log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;
	size_t n = 0;

	if (offset < first)
		offset = first;
	while (offset < log_end && n < len)
		buf[n++] = log_buf[offset++ % LOG_BUF_LEN];
	return n;
}

bool log_buf_contains(const char *needle, size_t since)
{
	size_t first = log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;
	size_t nlen = strlen(needle);

	if (since < first)
		since = first;
	for (size_t pos = since; pos + nlen <= log_end; pos++) {
		size_t i = 0;

		while (i < nlen && log_buf[(pos + i) % LOG_BUF_LEN] == needle[i])
			i++;
		if (i == nlen)
			return true;
	}
	return false;
}

bool __ratelimit(struct ratelimit_state *rs)
{
	if (!rs->begin || time_after(jiffies, rs->begin + RATELIMIT_INTERVAL)) {
		if (rs->missed)
			printk(KERN_WARNING "(%d messages like the next suppressed)\n", rs->missed);
		rs->begin = jiffies ? jiffies : 1;
		rs->printed = rs->missed = 0;
	}
	if (rs->printed < RATELIMIT_BURST) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	return false;
}

/* syslog(2)/klogctl: the log ring read by dmesg.  log_clear marks where
 * "clear" left the ring (READ_ALL starts there), log_read where the
 * destructive READ (action 2, /proc/kmsg's) got to. */
#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

static size_t log_clear, log_read;
static int saved_console_loglevel = -1;

/* The retained text from *from on into user memory (through a bounce
 * page, the ring being copied under its lock); bytes copied or -errno. */
static long syslog_copy(char __user *ubuf, size_t len, size_t *from)
{
	char *bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long flags;
	size_t done = 0, n;

	if (!bounce)
		return -ENOMEM;
	while (done < len) {
		spin_lock_irqsave(&logbuf_lock, flags);
		n = log_buf_copy(bounce, min(len - done, (size_t)PAGE_SIZE), *from);
		*from = max(*from, log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0) + n;
		spin_unlock_irqrestore(&logbuf_lock, flags);
		if (!n)
			break;
		if (copy_to_user(ubuf + done, bounce, n)) {
			kfree(bounce);
			return done ? (long)done : -EFAULT;
		}
		done += n;
	}
	kfree(bounce);
	return (long)done;
}

static long do_syslog(int type, char __user *ubuf, int len)
{
	size_t from;
	long n;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
		if (len < 0 || !ubuf)
			return -EINVAL;
		while (log_read == log_end) {   /* wait for news, as Linux's reader */
			if (signal_pending(current))
				return -ERESTARTSYS;
			set_current_state(TASK_INTERRUPTIBLE);
			schedule_timeout(HZ / 10);      /* printk cannot wake anyone */
		}
		return syslog_copy(ubuf, (size_t)len, &log_read);
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (len < 0 || !ubuf)
			return -EINVAL;
		/* the newest len bytes after the last clear, as Linux keeps */
		from = max(log_clear, log_end > (size_t)len ? log_end - (size_t)len : 0);
		n = syslog_copy(ubuf, (size_t)len, &from);
		if (type == SYSLOG_ACTION_READ_CLEAR && n >= 0)
			log_clear = log_end;
		return n;
	case SYSLOG_ACTION_CLEAR:
		log_clear = log_end;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		console_loglevel = 1;           /* only panics (KERN_EMERG) */
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0)
			console_loglevel = saved_console_loglevel;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)min(log_end - log_read, (size_t)LOG_BUF_LEN);
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}

long sys_syslog(unsigned long type, char __user *ubuf, unsigned long len)
{
	return do_syslog((int)type, ubuf, (int)len);
}
