/*
 * kernel/time.h - jiffies, the tick, and the TSC clock.
 *
 * jiffies counts timer ticks (HZ per second) since the tick started.
 * The TSC is calibrated against the PIT at boot (tsc_khz); ktime_get_ns()
 * is nanoseconds since that calibration, cheap and fine-grained, which is
 * what printk timestamps and benchmarks use.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "lib/types.h"

#define HZ 100
/* The clock ticks user space counts in (times(), /proc): fixed by the
 * ABI, whatever HZ is. */
#define USER_HZ 100

static inline unsigned long jiffies_to_clock_t(unsigned long ticks)
{
	return ticks * USER_HZ / HZ;
}

extern volatile unsigned long jiffies;
extern u32 tsc_khz;

void tsc_calibrate(void);
void time_init(void);            /* start the periodic tick */
u64 ktime_get_ns(void);
u64 cycles_to_ns(u64 cycles);

/* Busy-wait; usable before interrupts are on. */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif
