/*
 * drivers/apic.c - local APIC, I/O APIC and the switch away from the PIC.
 *
 * Data: mp_config (CPUs and APICs from the firmware), apic_enabled,
 * lapic_timer_count (local timer ticks per jiffy, calibrated once on the
 * boot CPU against the TSC and reused by every CPU).
 * Locking: local APIC registers belong to their CPU (IPIs are sent with
 * interrupts off so nothing else uses the ICR meanwhile); ioapic_lock
 * covers the I/O APIC's index/data register pair.
 */
#include "drivers/apic.h"
#include "drivers/pic.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/irq.h"
#include "kernel/locking/spinlock.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "mm/fixmap.h"

/* Local APIC registers (byte offsets). */
#define APIC_ID 0x20
#define APIC_TPR 0x80
#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_ESR 0x280
#define APIC_ICR_LO 0x300
#define APIC_ICR_HI 0x310
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3e0

#define APIC_SVR_ENABLE (1u << 8)
#define APIC_LVT_MASKED (1u << 16)
#define APIC_TIMER_PERIODIC (1u << 17)
#define APIC_DM_FIXED 0x000u
#define APIC_DM_NMI 0x400u
#define APIC_DM_INIT 0x500u
#define APIC_DM_STARTUP 0x600u
#define APIC_ICR_BUSY (1u << 12)
#define APIC_INT_ASSERT (1u << 14)
#define APIC_INT_LEVEL (1u << 15)
#define APIC_DEST_ALLBUT (3u << 18)
#define APIC_TIMER_DIV_16 0x3

#define IOAPIC_REGSEL 0x00
#define IOAPIC_WIN 0x10
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))
#define IOAPIC_ACTIVE_LOW (1u << 13)
#define IOAPIC_LEVEL (1u << 15)

struct mp_config mp_config;
bool apic_enabled;
static bool noapic;
static u32 lapic_timer_count;
static DEFINE_SPINLOCK(ioapic_lock);

static int set_noapic(char *val)
{
	(void)val;
	noapic = true;
	return 0;
}
__setup("noapic", set_noapic);

/* The registers, mapped uncached in the fixmap (apic_init). */
static void __iomem *lapic_reg(u32 reg)
{
	return (void __iomem *)(fix_to_virt(FIX_APIC_BASE) + reg);
}

static u32 lapic_read(u32 reg) { return readl(lapic_reg(reg)); }
static void lapic_write(u32 reg, u32 v) { writel(v, lapic_reg(reg)); }

u8 lapic_id(void)
{
	return apic_enabled ? (u8)(lapic_read(APIC_ID) >> 24) : 0;
}

void apic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

static void ioapic_write(u32 reg, u32 v)
{
	u8 __iomem *base = (u8 __iomem *)fix_to_virt(FIX_IO_APIC_BASE_0);

	writel(reg, base + IOAPIC_REGSEL);
	writel(v, base + IOAPIC_WIN);
}

static u32 ioapic_read(u32 reg)
{
	u8 __iomem *base = (u8 __iomem *)fix_to_virt(FIX_IO_APIC_BASE_0);

	writel(reg, base + IOAPIC_REGSEL);
	return readl(base + IOAPIC_WIN);
}

/* Delivery to the boot CPU, physical destination mode; polarity and
 * trigger from the MPS flags (ISA default: active high, edge). */
void ioapic_route_isa_irq(unsigned int irq)
{
	u32 pin = mp_config.isa_gsi[irq] - mp_config.ioapic_gsi_base;
	u16 fl = mp_config.isa_flags[irq];
	u32 lo = IRQ_BASE + irq;
	unsigned long flags;

	if ((fl & 3) == 3)
		lo |= IOAPIC_ACTIVE_LOW;
	if (((fl >> 2) & 3) == 3)
		lo |= IOAPIC_LEVEL;
	spin_lock_irqsave(&ioapic_lock, flags);
	ioapic_write(IOAPIC_REDTBL(pin) + 1, (u32)mp_config.apic_id[0] << 24);
	ioapic_write(IOAPIC_REDTBL(pin), lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void ioapic_mask_all(void)
{
	unsigned int pins = ((ioapic_read(1) >> 16) & 0xff) + 1;

	for (unsigned int pin = 0; pin < pins; pin++)
		ioapic_write(IOAPIC_REDTBL(pin), APIC_LVT_MASKED);
	pr_info("IOAPIC: at %08x, %u pins from GSI %u\n", mp_config.ioapic_phys, pins,
		mp_config.ioapic_gsi_base);
}

static void icr_wait(void)
{
	for (int i = 0; i < 100000 && (lapic_read(APIC_ICR_LO) & APIC_ICR_BUSY); i++)
		cpu_relax();
}

static void icr_send(u8 apic_id, u32 lo)
{
	unsigned long flags = local_irq_save();

	icr_wait();
	lapic_write(APIC_ICR_HI, (u32)apic_id << 24);
	lapic_write(APIC_ICR_LO, lo);
	icr_wait();
	local_irq_restore(flags);
}

void apic_send_ipi(u8 apic_id, u8 vector)
{
	icr_send(apic_id, APIC_DM_FIXED | vector);
}

void apic_send_ipi_allbutself(u8 vector)
{
	icr_send(0, APIC_DEST_ALLBUT | APIC_DM_FIXED | vector);
}

void apic_send_nmi(u8 apic_id)
{
	icr_send(apic_id, APIC_DM_NMI);
}

/* The MP specification's universal start-up algorithm: INIT, wait 10 ms,
 * then two STARTUP IPIs carrying the trampoline's page number. */
void apic_wakeup_ap(u8 apic_id, unsigned long start_phys)
{
	lapic_write(APIC_ESR, 0);
	icr_send(apic_id, APIC_DM_INIT | APIC_INT_LEVEL | APIC_INT_ASSERT);
	mdelay(10);
	for (int i = 0; i < 2; i++) {
		icr_send(apic_id, APIC_DM_STARTUP | (u32)(start_phys >> 12));
		udelay(200);
	}
}

/* Enable this CPU's local APIC: spurious vector, error vector, LINT0/1
 * masked except on the boot CPU's LINT1 (NMI), task priority 0. */
void lapic_setup(void)
{
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
	lapic_write(APIC_LVT_LINT1, lapic_id() == mp_config.apic_id[0] ? APIC_DM_NMI
									 : APIC_LVT_MASKED);
	lapic_write(APIC_LVT_ERROR, ERROR_APIC_VECTOR);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_TPR, 0);
	apic_eoi();
}

/* Count the timer down from its maximum across 2 ms of TSC time, the
 * shortest of three tries: a try is only ever long (preempted before the
 * count is read), as with the TSC's own calibration (kernel/time.c). */
#define APIC_CALIBRATE_MS 2

static void lapic_timer_calibrate(void)
{
	u32 best = 0xffffffff;

	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	for (int i = 0; i < 3; i++) {
		lapic_write(APIC_TIMER_INIT, 0xffffffff);
		mdelay(APIC_CALIBRATE_MS);
		best = min(best, 0xffffffff - lapic_read(APIC_TIMER_CUR));
	}
	lapic_timer_count = best * (1000 / HZ) / APIC_CALIBRATE_MS;
	if (!lapic_timer_count)
		lapic_timer_count = 1;
	pr_info("APIC: timer input %u kHz (divide 16), %u counts per tick\n",
		best / APIC_CALIBRATE_MS * 16, lapic_timer_count);
}

void lapic_timer_start(void)
{
	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TIMER_INIT, lapic_timer_count);
}

static void default_isa_routing(struct mp_config *cfg)
{
	for (unsigned int irq = 0; irq < 16; irq++)
		cfg->isa_gsi[irq] = irq;
}

static bool find_config(void)
{
	default_isa_routing(&mp_config);
	if (acpi_parse_madt(&mp_config) && mptable_parse(&mp_config)) {
		pr_info("SMP: no MADT or MP table; one CPU, PIC and PIT\n");
		return false;
	}
	pr_info("SMP: %s lists %u CPU(s)%s\n", mp_config.source, mp_config.nr_cpus_listed,
		mp_config.nr_cpus < mp_config.nr_cpus_listed ? " (more than NR_CPUS)" : "");
	return true;
}

/* Logical CPU 0 is the one running now, wherever the table lists it. */
static void put_boot_cpu_first(struct mp_config *cfg, u8 boot_id)
{
	for (unsigned int i = 0; i < cfg->nr_cpus; i++) {
		if (cfg->apic_id[i] == boot_id) {
			cfg->apic_id[i] = cfg->apic_id[0];
			cfg->apic_id[0] = boot_id;
			return;
		}
	}
	pr_warn("APIC: boot CPU's APIC id %u is not in the %s\n", boot_id, cfg->source);
	cfg->apic_id[0] = boot_id;
}

void apic_init(void)
{
	if (noapic || !(boot_cpu_data.features_edx & X86_FEATURE_APIC)) {
		pr_info("APIC: %s; one CPU, PIC and PIT\n",
			noapic ? "disabled by noapic" : "not present");
		return;
	}
	if (!find_config() || !mp_config.ioapic_phys)
		return;
	set_fixmap_nocache(FIX_APIC_BASE, mp_config.lapic_phys);
	set_fixmap_nocache(FIX_IO_APIC_BASE_0, mp_config.ioapic_phys);
	apic_enabled = true;
	put_boot_cpu_first(&mp_config, lapic_id());
	pic_disable();
	ioapic_mask_all();
	lapic_setup();
	lapic_timer_calibrate();
}
