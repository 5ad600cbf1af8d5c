/*
 * kernel/arch/cpu.h - what CPUID says about the processor.
 *
 * identify_cpu() fills boot_cpu_data once on the boot CPU; the monitor's
 * cpuinfo prints it in /proc/cpuinfo style.
 */
#ifndef KERNEL_ARCH_CPU_H
#define KERNEL_ARCH_CPU_H

#include "lib/types.h"

struct cpuinfo_x86 {
	char vendor[13];
	char model_name[49];
	u32 family, model, stepping;
	u32 features_edx, features_ecx;
	u32 max_leaf;
};

extern struct cpuinfo_x86 boot_cpu_data;

#define X86_FEATURE_TSC (1u << 4)
#define X86_FEATURE_PSE (1u << 3)
#define X86_FEATURE_APIC (1u << 9)

void identify_cpu(void);
/* The same for the CPU running it (each AP at start-up). */
void identify_cpu_into(struct cpuinfo_x86 *c);
/* Space-separated names of the known feature bits that are set. */
void cpu_flags_string(char *buf, size_t len);

struct seq_file;
/* /proc/cpuinfo (kernel/debug/monitor_cmds.c, also the monitor's cpuinfo). */
void cpuinfo_show(struct seq_file *m, void *arg);

#endif
