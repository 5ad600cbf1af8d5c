/*
 * kernel/arch/gdt.c - the global descriptor table and the TSS.
 *
 * Data: per CPU, cpu_gdt_table (8-byte descriptors) and init_tss; the
 * double-fault TSSes are kernel/arch/doublefault.c's.  Segments are flat
 * (base 0, limit 4 GiB): paging, not segmentation, protects memory.
 * Locking: each CPU sets up its own tables once, at boot.
 */
#include "kernel/arch/gdt.h"
#include "kernel/arch/traps.h"
#include "kernel/arch/vsyscall.h"
#include "lib/string.h"

static DEFINE_PER_CPU(u64[GDT_ENTRIES], cpu_gdt_table);
DEFINE_PER_CPU(struct tss, init_tss);

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

static void load_segments(u64 *gdt_table)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) gdtr = { GDT_ENTRIES * 8 - 1, (u32)gdt_table };

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

void cpu_init(int cpu)
{
	u64 *gdt_table = per_cpu(cpu_gdt_table, cpu);
	struct tss *tss = &per_cpu(init_tss, cpu);

	gdt_table[GDT_ENTRY_KERNEL_CS] = make_desc(0, 0xfffff, 0x9a, 0xc0);
	gdt_table[GDT_ENTRY_KERNEL_DS] = make_desc(0, 0xfffff, 0x92, 0xc0);
	gdt_table[GDT_ENTRY_USER_CS] = make_desc(0, 0xfffff, 0xfa, 0xc0);
	gdt_table[GDT_ENTRY_USER_DS] = make_desc(0, 0xfffff, 0xf2, 0xc0);
	memset(tss, 0, sizeof(*tss));
	tss->ss0 = __KERNEL_DS;
	tss->iomap_base = sizeof(*tss);         /* no I/O bitmap */
	gdt_table[GDT_ENTRY_TSS] = make_desc((u32)tss, sizeof(*tss) - 1, 0x89, 0x00);
	gdt_table[GDT_ENTRY_DOUBLEFAULT_TSS] =
		make_desc((u32)doublefault_tss_of(cpu), sizeof(struct tss) - 1, 0x89, 0x00);
	load_segments(gdt_table);
	load_idt();
}

void tss_set_esp0(u32 esp0)
{
	__get_cpu_var(init_tss).esp0 = esp0;
	sysenter_set_stack(esp0);
}

/* A task's TLS descriptors into this CPU's GDT (on every switch to it). */
void gdt_set_tls(int cpu, const u64 *tls)
{
	u64 *gdt_table = per_cpu(cpu_gdt_table, cpu);

	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt_table[GDT_ENTRY_TLS_MIN + i] = tls[i];
}
