/*
 * kernel/panic.h - stopping the machine with a report: panic(), BUG_ON(),
 * WARN_ON(), and the backtrace they print.
 *
 * panic() prints its message and a symbolized backtrace, then stops: with
 * QEMU's isa-debug-exit device present it exits QEMU with PANIC_EXIT_STATUS
 * so test runs end at once; otherwise it halts.  WARN_ON() reports and
 * continues.  oops_in_progress makes printk skip its lock while dying.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "lib/types.h"

#define PANIC_EXIT_STATUS 0x7f

extern int oops_in_progress;

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void __bug(const char *file, int line, const char *func) __attribute__((noreturn));
void __warn(const char *file, int line, const char *func);

/* Print "Call Trace:" and one symbolized line per frame: eip first (when
 * non-zero), then the return addresses of the frame chain from ebp. */
void show_trace(unsigned long eip, unsigned long ebp);
/* Up to max return addresses of the frame chain from ebp; how many. */
int save_stack_trace(unsigned long ebp, unsigned long *trace, int max);
void print_stack_trace(const unsigned long *trace, int n);
struct task_struct;
/* A task off its CPU: up to max return addresses of its kernel stack,
 * innermost first, read from the frame switch_to_asm left; 0 while it
 * runs (that frame is stale then).  The caller holds a reference on p,
 * which keeps the stack. */
int save_task_stack_trace(struct task_struct *p, unsigned long *trace, int max);
/* Where p sleeps (/proc/PID/wchan): its first return address outside
 * .sched.text (__sched, kernel/sched.h); 0 while it runs. */
unsigned long get_wchan(struct task_struct *p);
void dump_stack(void);

#define BUG() __bug(__FILE__, __LINE__, __func__)
#define BUG_ON(cond)                                                         \
	do {                                                                 \
		if (unlikely(cond))                                          \
			BUG();                                               \
	} while (0)

#define WARN_ON(cond)                                                        \
	({                                                                   \
		bool __w = !!(cond);                                         \
		if (unlikely(__w))                                           \
			__warn(__FILE__, __LINE__, __func__);                \
		__w;                                                         \
	})

#endif
