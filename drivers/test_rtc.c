/*
 * drivers/test_rtc.c - ktests of the CMOS clock driver (drivers/rtc.c):
 * the calendar arithmetic against dates worked out independently
 * (leap days, the century rule, past 2038), and a reading of the real
 * RTC, which QEMU sets from the host's clock.
 * Data and locking: none.
 */
#include "drivers/rtc.h"
#include "kernel/debug/ktest.h"

KTEST(rtc, mktime64_known_dates)
{
	KEXPECT_EQ(mktime64(1970, 1, 1, 0, 0, 0), 0);
	KEXPECT_EQ(mktime64(2000, 2, 29, 23, 59, 59), 951868799);
	KEXPECT_EQ(mktime64(2000, 3, 1, 0, 0, 0), 951868800);
	KEXPECT_EQ(mktime64(2038, 1, 19, 3, 14, 8), 2147483648LL);
	KEXPECT_EQ(mktime64(2100, 3, 1, 12, 0, 0), 4107585600LL);
}

KTEST(rtc, reads_a_date_after_2000)
{
	u64 now = rtc_read_seconds();

	KEXPECT(now > 946684800ull);            /* 2000-01-01 */
	KEXPECT(now < 4102444800ull);           /* 2100-01-01 */
}
