/*
 * drivers/rtc.h - the MC146818 CMOS real-time clock, read once at boot
 * to start the wall clock (kernel/time.c:timekeeping_init).
 */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include "lib/types.h"

/* Seconds since 1970-01-01 00:00 UTC (the RTC is taken to keep UTC, as
 * QEMU's does by default); 0 if the clock could not be read. */
u64 rtc_read_seconds(void);

/* Seconds since the epoch of a UTC calendar date (year >= 1970). */
u64 mktime64(unsigned int year, unsigned int mon, unsigned int day, unsigned int hour,
	     unsigned int min, unsigned int sec);

#endif
