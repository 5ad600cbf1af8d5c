/*
 * kernel/time.h - jiffies, the tick, timeout conversions, the TSC clock
 * and the wall clock.
 *
 * jiffies counts timer ticks (HZ per second).  As in Linux it starts at
 * INITIAL_JIFFIES, shortly before the 32-bit counter wraps, so every
 * boot crosses the wrap and code comparing jiffies without time_after()
 * breaks at once rather than after 497 days.  Timeouts are converted to
 * jiffies with the helpers below, which clamp at MAX_JIFFY_OFFSET: half
 * the counter's range is the most time_after() can order, and Linux
 * clamps there too, so a huge timeout becomes a very long one instead
 * of wrapping into the past.
 *
 * The TSC is calibrated against the PIT at boot (tsc_khz); ktime_get_ns()
 * is nanoseconds since that calibration (CLOCK_MONOTONIC).  The wall
 * clock (CLOCK_REALTIME) is the CMOS RTC's reading at boot plus that.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "lib/types.h"

#define HZ 100
/* The clock ticks user space counts in (times(), /proc): fixed by the
 * ABI, whatever HZ is. */
#define USER_HZ 100

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_JIFFY (NSEC_PER_SEC / HZ)

/* 5 minutes before the wrap in Linux; 20 seconds here, so the wrap falls
 * inside most test boots. */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-20 * HZ))

/* The longest timeout in jiffies: time_after() orders expiries less than
 * LONG_MAX apart, and half of that leaves room for the time that passes. */
#define MAX_JIFFY_OFFSET ((long)((~0UL >> 2) - 1))
/* The longest nanosecond count (ktime's KTIME_MAX): means "forever". */
#define KTIME_MAX ((s64)(~0ULL >> 1))
#define KTIME_SEC_MAX ((s64)(KTIME_MAX / (s64)NSEC_PER_SEC))

/* Does a come after b, across jiffies wrap-around?  Right for
 * values less than 2^31 apart: the reason for MAX_JIFFY_OFFSET. */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before(a, b) time_after(b, a)

static inline unsigned long jiffies_to_clock_t(unsigned long ticks)
{
	return ticks * USER_HZ / HZ;
}

extern volatile unsigned long jiffies;
extern u32 tsc_khz;

void tsc_calibrate(void);
/* The TSC's rate measured against the PIT once (kHz; 0 if it failed). */
u32 tsc_khz_measure(void);
void time_init(void);            /* start the periodic tick */
u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);     /* CLOCK_REALTIME: ns since the epoch */
u64 get_boottime_seconds(void);  /* the wall clock when ktime was 0 */
u64 cycles_to_ns(u64 cycles);

/* Timeouts to jiffies, rounded up, clamped at MAX_JIFFY_OFFSET. */
unsigned long msecs_to_jiffies(unsigned int ms);
unsigned long nsecs_to_jiffies(u64 ns);
unsigned long timespec_to_jiffies(s64 sec, s64 nsec);
/* A seconds count to ns, KTIME_MAX ("forever") when it would overflow. */
u64 timespec_to_ns(s64 sec, s64 nsec);

/* A user timespec: the 64-bit layout (time64 calls) or the old one of
 * two 32-bit fields; 0 or -EFAULT (kernel/sys.c). */
struct timespec64 { s64 tv_sec; s64 tv_nsec; };
long get_timespec(const void __user *tp, bool wide, struct timespec64 *t);

/* i386's struct timeval (gettimeofday, rusage, itimers), and a count of
 * jiffies in one. */
struct timeval32 { s32 tv_sec; s32 tv_usec; };

static inline void jiffies_to_timeval(unsigned long j, struct timeval32 *tv)
{
	tv->tv_sec = (s32)(j / HZ);
	tv->tv_usec = (s32)(j % HZ * (1000000 / HZ));
}

/* Busy-wait; usable before interrupts are on. */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif
