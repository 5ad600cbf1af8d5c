/*
 * drivers/acpi.h - the ACPI tables the kernel reads: finding them (RSDP,
 * RSDT), the FADT's power-management registers for power-off, and the
 * MADT's list of processors.
 *
 * acpi_init() locates the tables once at boot; everything else is a no-op
 * (or returns 0) on a machine without ACPI.
 */
#ifndef DRIVERS_ACPI_H
#define DRIVERS_ACPI_H

#include "lib/types.h"

struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __attribute__((packed));

void acpi_init(void);
bool acpi_available(void);
/* Enter S5 (soft off); returns only if that failed. */
void acpi_power_off(void);
/* OEM id of the RSDP, e.g. "BOCHS " on QEMU ("" without ACPI). */
const char *acpi_oem(void);

#endif
