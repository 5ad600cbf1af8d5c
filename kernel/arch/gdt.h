/*
 * kernel/arch/gdt.h - segment descriptors and the task-state segment.
 *
 * Every CPU has its own GDT and TSS (per-CPU variables cpu_gdt_table and
 * init_tss): flat segments for kernel and user code/data, the TSS (its
 * esp0 is the kernel stack used when an interrupt arrives from user mode),
 * GDT_ENTRY_TLS_MIN.. slots that set_thread_area fills per task, and the
 * double-fault TSS (kernel/arch/doublefault.c), which gives #DF a known-good
 * stack of its own.  The IDT is one table shared by all CPUs.
 */
#ifndef KERNEL_ARCH_GDT_H
#define KERNEL_ARCH_GDT_H

#include "kernel/percpu.h"
#include "lib/types.h"

#define GDT_ENTRY_KERNEL_CS 1
#define GDT_ENTRY_KERNEL_DS 2
#define GDT_ENTRY_USER_CS 3
#define GDT_ENTRY_USER_DS 4
#define GDT_ENTRY_TSS 5
#define GDT_ENTRY_TLS_MIN 6
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_DOUBLEFAULT_TSS (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
#define GDT_ENTRIES (GDT_ENTRY_DOUBLEFAULT_TSS + 1)

#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS (GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS (GDT_ENTRY_USER_DS * 8 + 3)
#define __TSS (GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS (GDT_ENTRY_DOUBLEFAULT_TSS * 8)

/* The 32-bit task-state segment, as the CPU reads and writes it. */
struct tss {
	u32 link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	u32 eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u32 es, cs, ss, ds, fs, gs, ldt;
	u16 trap, iomap_base;
} __attribute__((packed));

/* Each CPU's TSS; after a double fault it holds the faulting context,
 * saved there by the hardware task switch. */
DECLARE_PER_CPU(struct tss, init_tss);

/* Build this CPU's GDT and TSS and load them (and the shared IDT). */
void cpu_init(int cpu);
/* The kernel stack this CPU enters on from user mode. */
void tss_set_esp0(u32 esp0);
void gdt_set_tls(int cpu, const u64 *tls);

#endif
