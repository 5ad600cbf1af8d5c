/*
 * kernel/gdt.c - the global descriptor table and the TSS.
 *
 * Data: gdt_table[] of 8-byte descriptors, boot_tss and (from
 * kernel/doublefault.c) doublefault_tss.  Segments are flat
 * (base 0, limit 4 GiB): paging, not segmentation, protects memory.
 * Locking: set up once on the boot CPU.
 */
#include "kernel/gdt.h"
#include "kernel/traps.h"
#include "lib/string.h"

static u64 gdt_table[GDT_ENTRIES];
struct tss boot_tss;

/* access: P DPL S Type; flags: G D/B in the high nibble of byte 6. */
static u64 make_desc(u32 base, u32 limit, u8 access, u8 flags)
{
	u64 d = limit & 0xffff;

	d |= (u64)(base & 0xffffff) << 16;
	d |= (u64)access << 40;
	d |= (u64)((limit >> 16) & 0xf) << 48;
	d |= (u64)(flags & 0xf0) << 48;
	d |= (u64)(base >> 24) << 56;
	return d;
}

static void load_segments(void)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) gdtr = { sizeof(gdt_table) - 1, (u32)gdt_table };

	asm volatile("lgdt %0\n\t"
		     "ljmp %1, $1f\n"
		     "1:\n\t"
		     "mov %2, %%ds\n\t"
		     "mov %2, %%es\n\t"
		     "mov %2, %%ss\n\t"
		     "mov %3, %%fs\n\t"
		     "mov %3, %%gs\n\t"
		     "ltr %w4"
		     : : "m"(gdtr), "i"(__KERNEL_CS), "r"(__KERNEL_DS), "r"(0), "r"(__TSS)
		     : "memory");
}

void gdt_init(void)
{
	gdt_table[GDT_ENTRY_KERNEL_CS] = make_desc(0, 0xfffff, 0x9a, 0xc0);
	gdt_table[GDT_ENTRY_KERNEL_DS] = make_desc(0, 0xfffff, 0x92, 0xc0);
	gdt_table[GDT_ENTRY_USER_CS] = make_desc(0, 0xfffff, 0xfa, 0xc0);
	gdt_table[GDT_ENTRY_USER_DS] = make_desc(0, 0xfffff, 0xf2, 0xc0);
	memset(&boot_tss, 0, sizeof(boot_tss));
	boot_tss.ss0 = __KERNEL_DS;
	boot_tss.iomap_base = sizeof(boot_tss);    /* no I/O bitmap */
	gdt_table[GDT_ENTRY_TSS] =
		make_desc((u32)&boot_tss, sizeof(boot_tss) - 1, 0x89, 0x00);
	gdt_table[GDT_ENTRY_DOUBLEFAULT_TSS] =
		make_desc((u32)&doublefault_tss, sizeof(doublefault_tss) - 1, 0x89, 0x00);
	load_segments();
}

void tss_set_esp0(u32 esp0)
{
	boot_tss.esp0 = esp0;
}
