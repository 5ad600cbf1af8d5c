/*
 * kernel/printk.h - kernel messages.
 *
 * printk() formats a message, prefixes it with a "[seconds.micros]"
 * timestamp, appends it to the log buffer (read back by the monitor's
 * dmesg) and writes it to every registered console if its level is below
 * console_loglevel.  Levels are Linux's: a message may start with
 * KERN_EMERG .. KERN_DEBUG; without one it gets default_message_loglevel.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "lib/types.h"
#include <stdarg.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_CONT KERN_SOH "c"

extern int console_loglevel;

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list args);

/* At most RATELIMIT_BURST messages per RATELIMIT_INTERVAL from one place
 * (the ones in between are counted, and the count reported), so a failure
 * repeated in a loop cannot flood the log:
 *
 *     static struct ratelimit_state rs;
 *     if (__ratelimit(&rs)) printk(...);
 */
#define RATELIMIT_INTERVAL (5 * HZ)
#define RATELIMIT_BURST 10
struct ratelimit_state {
	unsigned long begin;
	int printed, missed;
};
/* Unlocked: CPUs racing here may let a message more through. */
bool __ratelimit(struct ratelimit_state *rs);

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/* Copy up to len bytes of the log buffer's oldest-first text into buf;
 * returns the number copied. */
size_t log_buf_copy(char *buf, size_t len, size_t offset);
size_t log_buf_len(void);

/* Does the log buffer contain needle (in its retained text)? For tests. */
bool log_buf_contains(const char *needle, size_t since);

#endif
