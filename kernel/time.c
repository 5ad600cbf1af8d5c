/*
 * kernel/time.c - jiffies, timeout conversions, the TSC clock and the
 * wall clock.
 *
 * Data: jiffies (advanced by the boot CPU's tick, from INITIAL_JIFFIES,
 * by as many jiffies as the TSC says have passed),
 * tsc_khz and tsc_base (the TSC value at calibration, time zero for
 * ktime_get_ns()), wall_base_ns (CLOCK_REALTIME at that time zero, from
 * the CMOS RTC: drivers/rtc.c:rtc_read_seconds).
 * Calibration counts TSC cycles across a known number of PIT ticks, so the
 * clock is right under TCG as on hardware.  The tick comes from each CPU's
 * local APIC timer, or from the PIT on a machine without APIC.
 * Locking: jiffies has one writer and is read with a volatile load.
 */
#include "kernel/time.h"
#include "drivers/apic.h"
#include "drivers/pit.h"
#include "drivers/rtc.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/traps.h"
#include "kernel/arch/x86.h"
#include "kernel/printk.h"
#include "kernel/profile.h"
#include "kernel/smp.h"
#include "kernel/timer.h"

volatile unsigned long jiffies = INITIAL_JIFFIES;
u32 tsc_khz;
static u64 tsc_base;
/* Written once in time_init, before user space and the other CPUs. */
static u64 wall_base_ns;

/* The TSC against the PIT: read channel 2's count between two rdtscs,
 * twice, CALIBRATE_MS apart.  A reading is as good as its two rdtscs are
 * close (under TCG the vCPU can be descheduled anywhere, for
 * milliseconds), so each is the tightest of a few tries; and the boot's
 * figure is the median of three measurements.  Timing a whole window by
 * its end alone read 11% and more fast on a loaded host. */
#define CALIBRATE_MS 3
#define READ_TRIES 5

struct pit_reading {
	u64 tsc;                        /* the middle of the bracketing rdtscs */
	u16 count;
};

static struct pit_reading pit_reading(void)
{
	struct pit_reading best = { 0, 0 };
	u64 width = ~0ull;

	for (int i = 0; i < READ_TRIES; i++) {
		u64 t0 = rdtsc();
		u16 count = pit_ch2_read();
		u64 t1 = rdtsc();

		if (t1 - t0 < width) {
			width = t1 - t0;
			best = (struct pit_reading){ t0 + width / 2, count };
		}
	}
	return best;
}

u32 tsc_khz_measure(void)
{
	u16 ticks = PIT_HZ / 1000 * CALIBRATE_MS;
	struct pit_reading a, b;

	pit_ch2_start();
	a = pit_reading();
	while ((u16)(a.count - pit_ch2_read()) < ticks)
		cpu_relax();
	b = pit_reading();
	ticks = (u16)(a.count - b.count);
	return ticks ? (u32)((b.tsc - a.tsc) * PIT_HZ / ((u64)ticks * 1000)) : 0;
}

void tsc_calibrate(void)
{
	u32 k[3];

	tsc_base = rdtsc();
	for (int i = 0; i < 3; i++)
		k[i] = tsc_khz_measure();
	/* the median of three */
	tsc_khz = max(min(k[0], k[1]), min(max(k[0], k[1]), k[2]));
	if (!tsc_khz)
		tsc_khz = 1;
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

u64 ktime_get_real_ns(void)
{
	return wall_base_ns + ktime_get_ns();
}

u64 get_boottime_seconds(void)
{
	return wall_base_ns / NSEC_PER_SEC;
}

/* The RTC counts whole seconds: the wall clock is right to within one. */
static void timekeeping_init(void)
{
	u64 now = rtc_read_seconds() * NSEC_PER_SEC, up = ktime_get_ns();

	wall_base_ns = now > up ? now - up : 0;
}

unsigned long nsecs_to_jiffies(u64 ns)
{
	u64 j = ns / NSEC_PER_JIFFY + (ns % NSEC_PER_JIFFY ? 1 : 0);

	return j > (u64)MAX_JIFFY_OFFSET ? (unsigned long)MAX_JIFFY_OFFSET : (unsigned long)j;
}

/* A negative int (poll's -1 is handled by its caller) counts as huge, as
 * in Linux. */
unsigned long msecs_to_jiffies(unsigned int ms)
{
	if ((int)ms < 0)
		return (unsigned long)MAX_JIFFY_OFFSET;
	return nsecs_to_jiffies((u64)ms * 1000000ull);
}

u64 timespec_to_ns(s64 sec, s64 nsec)
{
	if (sec >= KTIME_SEC_MAX)
		return (u64)KTIME_MAX;
	return (u64)sec * NSEC_PER_SEC + (u64)nsec;
}

/* The caller has checked 0 <= nsec < 1 s and sec >= 0. */
unsigned long timespec_to_jiffies(s64 sec, s64 nsec)
{
	if (sec >= MAX_JIFFY_OFFSET / HZ)
		return (unsigned long)MAX_JIFFY_OFFSET;
	return nsecs_to_jiffies(timespec_to_ns(sec, nsec));
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

/* The boot CPU's tick advances jiffies by the whole jiffies the TSC
 * clock says have passed since the last one, so ticks lost while its
 * interrupts were off (or its virtual CPU was not scheduled by the host:
 * the APIC timer then fires once for many periods) are caught up, as
 * Linux 2.6's i386 timer did with lost ticks.  jiffies therefore never
 * runs ahead of ktime_get_ns() nor falls behind it by more than a tick. */
static void advance_jiffies(void)
{
	static u64 next_ns;             /* when the next jiffy is due */
	u64 now = ktime_get_ns();

	if (!next_ns)
		next_ns = now;
	while (now >= next_ns) {
		jiffies++;
		next_ns += NSEC_PER_JIFFY;
	}
}

/* Every CPU's tick runs its timers and charges its running task. */
static void tick(struct pt_regs *regs)
{
	if (smp_processor_id() == 0)
		advance_jiffies();
	profile_tick(regs);
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

/* The wall clock and the boot CPU's tick; APs start their local APIC
 * timers themselves. */
void time_init(void)
{
	timekeeping_init();
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
