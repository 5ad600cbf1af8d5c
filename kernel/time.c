/*
 * kernel/time.c - jiffies and the TSC clock.
 *
 * Data: jiffies (incremented by the boot CPU's timer interrupt), tsc_khz and
 * tsc_base (the TSC value at calibration, time zero for ktime_get_ns()).
 * Calibration counts TSC cycles across a known number of PIT ticks, so the
 * clock is right under TCG as on hardware.
 * Locking: jiffies has one writer and is read with a volatile load.
 */
#include "kernel/time.h"
#include "drivers/pit.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/x86.h"

volatile unsigned long jiffies;
u32 tsc_khz;
static u64 tsc_base;

#define CALIBRATE_MS 20

void tsc_calibrate(void)
{
	u64 start = rdtsc();

	pit_wait_ms(CALIBRATE_MS);
	u64 cycles = rdtsc() - start;

	tsc_khz = (u32)(cycles / CALIBRATE_MS);
	if (!tsc_khz)
		tsc_khz = 1;
	tsc_base = start;
}

u64 cycles_to_ns(u64 cycles)
{
	if (!tsc_khz)
		return 0;
	/* Split so the multiply cannot overflow for any realistic uptime. */
	return (cycles / tsc_khz) * 1000000ull + (cycles % tsc_khz) * 1000000ull / tsc_khz;
}

u64 ktime_get_ns(void)
{
	if (!tsc_khz)
		return 0;
	return cycles_to_ns(rdtsc() - tsc_base);
}

void udelay(unsigned long usecs)
{
	u64 end = rdtsc() + (u64)usecs * tsc_khz / 1000;

	while (rdtsc() < end)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

void timer_tick(void)
{
	jiffies++;
}

static void timer_interrupt(struct pt_regs *regs)
{
	(void)regs;
	timer_tick();
}

void time_init(void)
{
	pit_start_periodic(HZ);
	request_irq(PIT_IRQ, timer_interrupt, "timer");
	pr_info("time: TSC %u.%03u MHz, tick %d Hz\n", tsc_khz / 1000,
		tsc_khz % 1000, HZ);
}
