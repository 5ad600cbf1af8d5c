/*
 * drivers/mptable.c - the Intel MultiProcessor Specification table, the
 * fallback when there is no ACPI MADT.
 *
 * The floating pointer ("_MP_", 16 bytes) lies in the first KiB of the
 * EBDA, the last KiB of base memory, or the BIOS ROM; it points to the
 * configuration table ("PCMP"): a 44-byte header (with the local APIC
 * address) and entries - processors (20 bytes), buses, I/O APICs and
 * interrupt assignments (8 bytes each).  Note that QEMU 7.2 with SeaBIOS
 * lists only the first CPU of a socket here: the MADT is read first.
 *
 * Data: none kept; mptable_parse fills a struct mp_config.
 * Locking: runs once at boot.
 */
#include "drivers/apic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/page.h"

#define MP_PROCESSOR 0
#define MP_BUS 1
#define MP_IOAPIC 2
#define MP_INTSRC 3
#define MP_MAX_BUSES 32

struct mpf_intel {
	char signature[4];
	u32 physptr;
	u8 length, specification, checksum, feature1;
	u8 feature2, feature3, feature4, feature5;
} __attribute__((packed));

struct mpc_table {
	char signature[4];
	u16 length;
	u8 spec, checksum;
	char oem[8], productid[12];
	u32 oemptr;
	u16 oemsize, oemcount;
	u32 lapic;
	u16 reserved0;
	u8 reserved1, reserved2;
} __attribute__((packed));

static const struct mpf_intel *scan(unsigned long start, unsigned long len)
{
	for (unsigned long p = start; p + 16 <= start + len; p += 16) {
		const struct mpf_intel *f = __va(p);

		if (!memcmp(f->signature, "_MP_", 4) && f->length == 1 &&
		    !checksum8(f, 16))
			return f;
	}
	return NULL;
}

static const struct mpf_intel *find_mpf(void)
{
	unsigned long ebda = (unsigned long)*(u16 *)__va(0x40e) << 4;
	unsigned long base_kb = *(u16 *)__va(0x413);
	const struct mpf_intel *f = NULL;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		f = scan(ebda, 1024);
	if (!f && base_kb >= 512 && base_kb <= 640)
		f = scan(base_kb * 1024 - 1024, 1024);
	return f ? f : scan(0xf0000, 0x10000);
}

static void mp_processor(struct mp_config *cfg, const u8 *e)
{
	if (!(e[3] & 1))                        /* CPU not usable */
		return;
	if (cfg->nr_cpus < NR_CPUS)
		cfg->apic_id[cfg->nr_cpus++] = e[1];
	cfg->nr_cpus_listed++;
}

static void mp_intsrc(struct mp_config *cfg, const u8 *e, const bool *isa_bus)
{
	u8 bus = e[4], irq = e[5], pin = e[7];

	if (e[1] != 0 || bus >= MP_MAX_BUSES || !isa_bus[bus] || irq >= 16)
		return;                         /* only vectored ISA interrupts */
	cfg->isa_gsi[irq] = cfg->ioapic_gsi_base + pin;
	cfg->isa_flags[irq] = *(const u16 *)(e + 2);
}

static int parse_entries(struct mp_config *cfg, const struct mpc_table *mpc)
{
	const u8 *p = (const u8 *)(mpc + 1), *end = (const u8 *)mpc + mpc->length;
	bool isa_bus[MP_MAX_BUSES] = { false };

	while (p < end) {
		switch (p[0]) {
		case MP_PROCESSOR:
			mp_processor(cfg, p);
			p += 20;
			break;
		case MP_BUS:
			if (p[1] < MP_MAX_BUSES)
				isa_bus[p[1]] = !memcmp(p + 2, "ISA", 3);
			p += 8;
			break;
		case MP_IOAPIC:
			if (!cfg->ioapic_phys && (p[3] & 1))
				cfg->ioapic_phys = *(const u32 *)(p + 4);
			p += 8;
			break;
		case MP_INTSRC:
			mp_intsrc(cfg, p, isa_bus);
			p += 8;
			break;
		case 4:                         /* local interrupt assignment */
			p += 8;
			break;
		default:
			pr_warn("MP table: unknown entry type %u, ignoring the rest\n", p[0]);
			return 0;
		}
	}
	return 0;
}

int mptable_parse(struct mp_config *cfg)
{
	const struct mpf_intel *f = find_mpf();
	const struct mpc_table *mpc;

	if (!f || !f->physptr || f->feature1) {
		if (f && f->feature1)
			pr_warn("MP table: default configuration %u not supported\n", f->feature1);
		return -1;
	}
	mpc = __va(f->physptr);
	if (memcmp(mpc->signature, "PCMP", 4) || checksum8(mpc, mpc->length)) {
		pr_warn("MP table: bad configuration table at %08x\n", f->physptr);
		return -1;
	}
	cfg->lapic_phys = mpc->lapic;
	parse_entries(cfg, mpc);
	if (!cfg->nr_cpus)
		return -1;
	cfg->source = "MP table";
	return 0;
}
