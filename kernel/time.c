/*
 * kernel/time.c - jiffies and the TSC clock.
 *
 * Data: jiffies (incremented by the boot CPU's tick), tsc_khz and
 * tsc_base (the TSC value at calibration, time zero for ktime_get_ns()).
 * Calibration counts TSC cycles across a known number of PIT ticks, so the
 * clock is right under TCG as on hardware.  The tick comes from each CPU's
 * local APIC timer, or from the PIT on a machine without APIC.
 * Locking: jiffies has one writer and is read with a volatile load.
 */
#include "kernel/time.h"
#include "drivers/apic.h"
#include "drivers/pit.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/traps.h"
#include "kernel/arch/x86.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/timer.h"

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

/* The boot CPU's tick advances jiffies; every CPU's tick runs its
 * timers and charges its running task. */
static void tick(struct pt_regs *regs)
{
	if (smp_processor_id() == 0)
		jiffies++;
	update_process_times(user_mode(regs));
}

static void pit_interrupt(struct pt_regs *regs)
{
	tick(regs);
}

static void local_timer_interrupt(struct pt_regs *regs)
{
	apic_eoi();
	tick(regs);
}

/* The boot CPU's tick; APs start their local APIC timers themselves. */
void time_init(void)
{
	if (apic_enabled) {
		set_intr_handler(LOCAL_TIMER_VECTOR, local_timer_interrupt);
		lapic_timer_start();
	} else {
		pit_start_periodic(HZ);
		request_irq(PIT_IRQ, pit_interrupt, "timer");
	}
	pr_info("time: TSC %u.%03u MHz, tick %d Hz from the %s\n", tsc_khz / 1000,
		tsc_khz % 1000, HZ, apic_enabled ? "local APIC timers" : "PIT");
}
