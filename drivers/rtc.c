/*
 * drivers/rtc.c - reading the MC146818 CMOS real-time clock.
 *
 * The RTC keeps the date in battery-backed registers behind an index
 * port (0x70) and a data port (0x71).  Status register A's bit 7 says an
 * update is in progress (the registers are then inconsistent for up to
 * 2 ms); status register B says how values are stored: bit 2 binary
 * (else BCD), bit 1 24-hour (else 12-hour, with the hour's bit 7 meaning
 * PM).  We wait for an update to finish, then read the registers until
 * two reads agree, so a rollover between two reads cannot tear the date.
 *
 * Data: none kept; rtc_lock serialises the index/data port pair.
 * Locking: rtc_lock with interrupts off around every register access.
 */
#include "drivers/rtc.h"
#include "kernel/arch/x86.h"
#include "kernel/locking/spinlock.h"
#include "kernel/printk.h"

#define RTC_INDEX 0x70
#define RTC_DATA 0x71

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_CENTURY 0x32        /* where the PC BIOS keeps it (ACPI FADT's default) */

#define RTC_UIP 0x80            /* A: update in progress */
#define RTC_DM_BINARY 0x04      /* B: binary, not BCD */
#define RTC_24H 0x02            /* B: 24-hour mode */
#define RTC_PM 0x80             /* hours, 12-hour mode: afternoon */
#define RTC_HOUR_MASK 0x7f      /* hours, 12-hour mode: the value */

static DEFINE_SPINLOCK(rtc_lock);

struct rtc_time {
	u8 sec, min, hour, day, mon, year, century;
};

static u8 cmos_read(u8 reg)
{
	lockdep_assert_held(&rtc_lock);
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

static void read_regs(struct rtc_time *t)
{
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->mon = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
}

static bool same_time(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->mon == b->mon && a->year == b->year && a->century == b->century;
}

/* Wait (a bounded while: a dead RTC must not hang the boot) until no
 * update runs, then read; false if it never settled. */
static bool read_stable(struct rtc_time *t, u8 *reg_b)
{
	struct rtc_time again;

	for (int tries = 0; tries < 1000000; tries++) {
		if (cmos_read(RTC_REG_A) & RTC_UIP)
			continue;
		read_regs(t);
		*reg_b = cmos_read(RTC_REG_B);
		read_regs(&again);
		if (same_time(t, &again))
			return true;
	}
	return false;
}

static unsigned int bcd2bin(u8 v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* The hour in 0..23 from either mode.  In 12-hour mode the PM flag
 * shares the byte with the value, and 12 AM is midnight, 12 PM noon. */
static unsigned int decode_hour(u8 raw, u8 reg_b)
{
	bool pm = !(reg_b & RTC_24H) && (raw & RTC_PM);
	unsigned int h;

	if (!(reg_b & RTC_24H))
		raw &= RTC_HOUR_MASK;
	h = (reg_b & RTC_DM_BINARY) ? raw : bcd2bin(raw);
	if (!(reg_b & RTC_24H))
		h = (h % 12) + (pm ? 12 : 0);
	return h;
}

/* Days since 1970-01-01 of a proleptic Gregorian date: count from March
 * so the leap day ends the year (Howard Hinnant's civil-days method). */
u64 mktime64(unsigned int year, unsigned int mon, unsigned int day, unsigned int hour,
	     unsigned int min, unsigned int sec)
{
	unsigned int y = mon <= 2 ? year - 1 : year;
	unsigned int era = y / 400, yoe = y % 400;
	unsigned int doy = (153 * (mon > 2 ? mon - 3 : mon + 9) + 2) / 5 + day - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	u64 days = (u64)era * 146097 + doe - 719468;

	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

u64 rtc_read_seconds(void)
{
	struct rtc_time t;
	unsigned long flags;
	unsigned int year;
	u8 reg_b;
	bool ok;

	spin_lock_irqsave(&rtc_lock, flags);
	ok = read_stable(&t, &reg_b);
	spin_unlock_irqrestore(&rtc_lock, flags);
	if (!ok) {
		pr_warn("rtc: the CMOS clock never finished an update; wall clock starts at 1970\n");
		return 0;
	}
	bool bin = reg_b & RTC_DM_BINARY;
	unsigned int sec = bin ? t.sec : bcd2bin(t.sec), min = bin ? t.min : bcd2bin(t.min);
	unsigned int day = bin ? t.day : bcd2bin(t.day), mon = bin ? t.mon : bcd2bin(t.mon);
	unsigned int century = bin ? t.century : bcd2bin(t.century);

	year = bin ? t.year : bcd2bin(t.year);
	/* No century register on some machines: then 70..99 is the 1900s. */
	year += (century >= 19 && century <= 30) ? century * 100 : (year < 70 ? 2000 : 1900);
	if (sec > 59 || min > 59 || day < 1 || day > 31 || mon < 1 || mon > 12) {
		pr_warn("rtc: nonsense date %u-%u-%u %u:%u; wall clock starts at 1970\n", year, mon,
			day, min, sec);
		return 0;
	}
	return mktime64(year, mon, day, decode_hour(t.hour, reg_b), min, sec);
}
