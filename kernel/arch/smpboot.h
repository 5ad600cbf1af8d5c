/*
 * kernel/arch/smpboot.h - bringing the application processors up.
 *
 * trampoline_phys is a page below 1 MiB reserved at boot (mm/init.c) for
 * boot/trampoline.asm, the only place a STARTUP IPI can send a CPU.
 */
#ifndef KERNEL_ARCH_SMPBOOT_H
#define KERNEL_ARCH_SMPBOOT_H

#include "lib/types.h"

extern unsigned long trampoline_phys;

/* Per-CPU identification, filled by each CPU for cpuinfo. */
struct cpuinfo_x86;
const struct cpuinfo_x86 *cpu_data(int cpu);
u8 cpu_apic_id(int cpu);

#endif
