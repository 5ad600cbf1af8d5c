/*
 * kernel/arch/multiboot.h - what the boot loader tells us (multiboot v1).
 *
 * multiboot_init() copies the command line into boot_command_line and the
 * memory map into boot_mem_map (e820-style ranges), and records the
 * modules (initrd), before anything can overwrite the loader's structures.
 */
#ifndef KERNEL_ARCH_MULTIBOOT_H
#define KERNEL_ARCH_MULTIBOOT_H

#include "lib/types.h"

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002
#define MAX_MEM_RANGES 32
#define MAX_BOOT_MODULES 8

enum mem_type { MEM_USABLE = 1, MEM_RESERVED = 2, MEM_ACPI = 3, MEM_NVS = 4, MEM_BAD = 5 };

struct mem_range {
	u64 start, len;
	u32 type;
};

struct boot_module {
	u32 start, end;          /* physical */
	char cmdline[64];
};

struct boot_params {
	char loader[32];
	u32 mem_lower_kb, mem_upper_kb;
	unsigned int nr_ranges;
	struct mem_range ranges[MAX_MEM_RANGES];
	unsigned int nr_modules;
	struct boot_module modules[MAX_BOOT_MODULES];
	u32 info_phys;           /* where the loader left the info structure */
};

extern struct boot_params boot_params;

/* Returns 0, or -1 if magic is not the multiboot loader's. */
int multiboot_init(u32 magic, u32 info_phys);
const char *mem_type_name(u32 type);
/* Usable RAM in the memory map, in KiB. */
u64 usable_ram_kb(void);

#endif
