/*
 * kernel/arch/multiboot.c - copying the multiboot v1 information.
 *
 * The loader's info structure and everything it points to are physical
 * addresses in low memory; they are read through the boot direct map
 * (first 16 MiB) and copied into boot_params before the memory they occupy
 * can be reused.  Field offsets are those of the multiboot v1 spec.
 * Locking: boot only.
 */
#include "kernel/arch/multiboot.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/page.h"

#define MBI_MEM (1 << 0)
#define MBI_CMDLINE (1 << 2)
#define MBI_MODS (1 << 3)
#define MBI_MMAP (1 << 6)
#define MBI_LOADER (1 << 9)
#define EARLY_MAP_LIMIT (16UL << 20)

struct multiboot_info {
	u32 flags, mem_lower, mem_upper, boot_device, cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr, config_table, boot_loader_name;
} __attribute__((packed));

struct multiboot_mmap_entry {
	u32 size;
	u64 addr, len;
	u32 type;
} __attribute__((packed));

struct multiboot_mod {
	u32 start, end, string, reserved;
} __attribute__((packed));

struct boot_params boot_params;

/* The early map covers 16 MiB; anything the loader put above is ignored. */
static const void *early_ptr(u32 phys)
{
	return phys && phys < EARLY_MAP_LIMIT ? __va(phys) : NULL;
}

static void copy_string(char *dst, size_t len, u32 phys)
{
	const char *s = early_ptr(phys);

	if (s)
		strlcpy(dst, s, len);
}

/*
 * QEMU -kernel passes "IMAGE-PATH args...", GRUB 2 just "args...".  The
 * first word is taken for the image path when it looks like a file name
 * (has a '/' or '.', no '=') - no kernel parameter does.
 */
static bool is_image_path(const char *word, size_t len)
{
	bool pathlike = false;

	for (size_t i = 0; i < len; i++) {
		if (word[i] == '=')
			return false;
		if (word[i] == '/' || word[i] == '.')
			pathlike = true;
	}
	return pathlike;
}

static void copy_cmdline(u32 phys)
{
	const char *s = early_ptr(phys), *word;

	if (!s)
		return;
	while (*s == ' ')
		s++;
	for (word = s; *s && *s != ' '; s++)
		;
	if (!is_image_path(word, (size_t)(s - word)))
		s = word;
	while (*s == ' ')
		s++;
	strlcpy(boot_command_line, s, COMMAND_LINE_SIZE);
}

static void copy_mmap(const struct multiboot_info *mbi)
{
	u32 off = 0;

	while (off < mbi->mmap_length && boot_params.nr_ranges < MAX_MEM_RANGES) {
		const struct multiboot_mmap_entry *e = early_ptr(mbi->mmap_addr + off);
		struct mem_range *r = &boot_params.ranges[boot_params.nr_ranges++];

		if (!e)
			break;
		r->start = e->addr;
		r->len = e->len;
		r->type = e->type;
		off += e->size + 4;
	}
}

static void copy_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_mod *mod = early_ptr(mbi->mods_addr);

	for (u32 i = 0; mod && i < mbi->mods_count && i < MAX_BOOT_MODULES; i++) {
		struct boot_module *m = &boot_params.modules[boot_params.nr_modules++];

		m->start = mod[i].start;
		m->end = mod[i].end;
		copy_string(m->cmdline, sizeof(m->cmdline), mod[i].string);
	}
}

int multiboot_init(u32 magic, u32 info_phys)
{
	const struct multiboot_info *mbi = early_ptr(info_phys);

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC || !mbi)
		return -1;
	boot_params.info_phys = info_phys;
	if (mbi->flags & MBI_MEM) {
		boot_params.mem_lower_kb = mbi->mem_lower;
		boot_params.mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MBI_CMDLINE)
		copy_cmdline(mbi->cmdline);
	if (mbi->flags & MBI_LOADER)
		copy_string(boot_params.loader, sizeof(boot_params.loader),
			    mbi->boot_loader_name);
	if (mbi->flags & MBI_MMAP)
		copy_mmap(mbi);
	if (mbi->flags & MBI_MODS)
		copy_modules(mbi);
	return 0;
}

const char *mem_type_name(u32 type)
{
	static const char *const names[] = { "unknown", "usable", "reserved",
					     "ACPI data", "ACPI NVS", "unusable" };

	return type < ARRAY_SIZE(names) ? names[type] : "unknown";
}

u64 usable_ram_kb(void)
{
	u64 kb = 0;

	for (unsigned int i = 0; i < boot_params.nr_ranges; i++)
		if (boot_params.ranges[i].type == MEM_USABLE)
			kb += boot_params.ranges[i].len >> 10;
	if (!boot_params.nr_ranges)
		kb = boot_params.mem_lower_kb + boot_params.mem_upper_kb;
	return kb;
}
