/*
 * drivers/acpi.c - reading ACPI tables.
 *
 * The RSDP lives in the BIOS areas below 1 MiB (direct-mapped); the tables
 * it leads to usually sit at the top of RAM, beyond the boot mapping, so
 * each one is viewed through the FIX_ACPI fixmap window (acpi_map_table).
 * Only one table is mapped at a time: callers copy what they need out.
 *
 * Data: rsdt_entries[] (physical addresses of every table), and the few
 * FADT fields power-off needs (pm1a_cnt, smi_cmd, acpi_enable, slp_typ_s5).
 * Locking: tables are read at boot; power-off runs with interrupts off.
 */
#include "drivers/acpi.h"
#include "drivers/apic.h"
#include "kernel/arch/x86.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/fixmap.h"

#define MAX_TABLES 64
#define WINDOW_PAGES (FIX_ACPI_END - FIX_ACPI_BEGIN + 1)
#define SLP_EN (1 << 13)
#define SCI_EN 1

struct rsdp {
	char signature[8];
	u8 checksum;
	char oem_id[6];
	u8 revision;
	u32 rsdt_address;
} __attribute__((packed));

static u32 rsdt_entries[MAX_TABLES];
static unsigned int nr_tables;
static char oem[7];
static u16 pm1a_cnt;
static u32 smi_cmd;
static u8 acpi_enable_value;
static int slp_typ_s5 = -1;

/* acpi=off: ignore the tables (tests the MP-table fallback). */
static bool acpi_disabled;

static int set_acpi(char *val)
{
	if (!val || strcmp(val, "off"))
		return -1;
	acpi_disabled = true;
	return 0;
}
__setup("acpi", set_acpi);

static const struct rsdp *scan_rsdp(unsigned long start, unsigned long len)
{
	for (unsigned long p = start; p < start + len; p += 16) {
		const struct rsdp *r = __va(p);

		if (!memcmp(r->signature, "RSD PTR ", 8) && !checksum8(r, 20))
			return r;
	}
	return NULL;
}

static const struct rsdp *find_rsdp(void)
{
	unsigned long ebda = (unsigned long)*(u16 *)__va(0x40e) << 4;
	const struct rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		r = scan_rsdp(ebda, 1024);
	return r ? r : scan_rsdp(0xe0000, 0x20000);
}

/* Map [phys, phys+len) into the ACPI window; NULL if it does not fit. */
static void *acpi_map(unsigned long phys, size_t len)
{
	unsigned long first = phys & PAGE_MASK;
	unsigned long pages = (PAGE_ALIGN(phys + len) - first) >> PAGE_SHIFT;

	if (pages > WINDOW_PAGES)
		return NULL;
	/* Slots count down in address: the lowest address is the last slot. */
	for (unsigned long i = 0; i < pages; i++)
		set_fixmap(FIX_ACPI_END - i, first + i * PAGE_SIZE);
	return (void *)(fix_to_virt(FIX_ACPI_END) + (phys - first));
}

static struct acpi_table_header *acpi_map_table(u32 phys)
{
	struct acpi_table_header *h = acpi_map(phys, sizeof(*h));

	if (!h)
		return NULL;
	h = acpi_map(phys, h->length);
	if (!h || checksum8(h, h->length))
		return NULL;
	return h;
}

static struct acpi_table_header *acpi_get_table(const char *sig)
{
	for (unsigned int i = 0; i < nr_tables; i++) {
		struct acpi_table_header *h = acpi_map_table(rsdt_entries[i]);

		if (h && !memcmp(h->signature, sig, 4))
			return h;
	}
	return NULL;
}

/*
 * Find "_S5_" in the DSDT's AML: NameOp "_S5_" PackageOp PkgLength
 * NumElements, then SLP_TYPa as a BytePrefix (0x0a) constant or as
 * ZeroOp/OneOp.
 */
static int parse_s5(const u8 *aml, size_t len)
{
	for (size_t i = 0; i + 8 < len; i++) {
		if (memcmp(aml + i, "_S5_", 4) || aml[i + 4] != 0x12)
			continue;
		const u8 *p = aml + i + 5;

		p += 1 + (*p >> 6);             /* PkgLength: lead byte + extra bytes */
		p++;                            /* NumElements */
		return *p == 0x0a ? p[1] : *p;
	}
	return -1;
}

static void read_fadt(void)
{
	const u8 *fadt = (const u8 *)acpi_get_table("FACP");
	u32 dsdt;

	if (!fadt)
		return;
	dsdt = *(const u32 *)(fadt + 40);
	smi_cmd = *(const u32 *)(fadt + 48);
	acpi_enable_value = fadt[52];
	pm1a_cnt = (u16)*(const u32 *)(fadt + 64);
	const struct acpi_table_header *h = acpi_map_table(dsdt);

	if (h)
		slp_typ_s5 = parse_s5((const u8 *)(h + 1), h->length - sizeof(*h));
}

void acpi_init(void)
{
	const struct rsdp *r = acpi_disabled ? NULL : find_rsdp();
	struct acpi_table_header *rsdt;

	if (!r) {
		pr_info("ACPI: %s\n", acpi_disabled ? "disabled by acpi=off" : "no RSDP found");
		return;
	}
	memcpy(oem, r->oem_id, 6);
	rsdt = acpi_map_table(r->rsdt_address);
	if (!rsdt) {
		pr_warn("ACPI: RSDT at %08x unreadable or bad checksum\n", r->rsdt_address);
		return;
	}
	nr_tables = (rsdt->length - sizeof(*rsdt)) / 4;
	if (nr_tables > MAX_TABLES)
		nr_tables = MAX_TABLES;
	memcpy(rsdt_entries, rsdt + 1, nr_tables * 4);
	read_fadt();
	pr_info("ACPI: RSDP %s, RSDT at %08x, %u tables, PM1a_CNT %#x, S5 type %d\n",
		oem, r->rsdt_address, nr_tables, pm1a_cnt, slp_typ_s5);
}

bool acpi_available(void)
{
	return nr_tables != 0;
}

const char *acpi_oem(void)
{
	return oem;
}

void acpi_power_off(void)
{
	if (!pm1a_cnt || slp_typ_s5 < 0)
		return;
	if (!(inw(pm1a_cnt) & SCI_EN) && smi_cmd && acpi_enable_value) {
		outb((u16)smi_cmd, acpi_enable_value);
		for (int i = 0; i < 300 && !(inw(pm1a_cnt) & SCI_EN); i++)
			mdelay(10);
	}
	outw(pm1a_cnt, (u16)((slp_typ_s5 << 10) | SLP_EN));
	mdelay(100);
}

static void madt_cpu(struct mp_config *cfg, const u8 *e)
{
	if (!(*(const u32 *)(e + 4) & 1))       /* not enabled */
		return;
	if (cfg->nr_cpus < NR_CPUS)
		cfg->apic_id[cfg->nr_cpus++] = e[3];
	cfg->nr_cpus_listed++;
}

static void madt_ioapic(struct mp_config *cfg, const u8 *e)
{
	if (cfg->ioapic_phys)                   /* the first one routes ISA */
		return;
	cfg->ioapic_phys = *(const u32 *)(e + 4);
	cfg->ioapic_gsi_base = *(const u32 *)(e + 8);
}

static void madt_override(struct mp_config *cfg, const u8 *e)
{
	u8 irq = e[3];

	if (e[2] != 0 || irq >= 16)             /* bus 0 is ISA */
		return;
	cfg->isa_gsi[irq] = *(const u32 *)(e + 4);
	cfg->isa_flags[irq] = *(const u16 *)(e + 8);
}

/*
 * The MADT: local APIC address and flags after the header, then entries
 * of (type, length, ...): 0 a processor's local APIC, 1 an I/O APIC,
 * 2 an ISA interrupt source override.
 */
int acpi_parse_madt(struct mp_config *cfg)
{
	const struct acpi_table_header *madt = acpi_disabled ? NULL : acpi_get_table("APIC");

	if (!madt)
		return -1;
	const u8 *p = (const u8 *)(madt + 1) + 8, *end = (const u8 *)madt + madt->length;

	cfg->lapic_phys = *(const u32 *)(madt + 1);
	for (; p + 2 <= end && p[1] >= 2; p += p[1]) {
		if (p[0] == 0)
			madt_cpu(cfg, p);
		else if (p[0] == 1)
			madt_ioapic(cfg, p);
		else if (p[0] == 2)
			madt_override(cfg, p);
	}
	if (!cfg->nr_cpus)
		return -1;
	cfg->source = "ACPI MADT";
	return 0;
}
