/*
 * kernel/arch/cpu.c - CPU identification with CPUID.
 *
 * Data: boot_cpu_data, and a table of the CPUID.1:EDX feature bits worth
 * naming (names as /proc/cpuinfo spells them).
 * Locking: written once at boot, read-only afterwards.
 */
#include "kernel/arch/cpu.h"
#include "kernel/arch/x86.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

struct cpuinfo_x86 boot_cpu_data;

static const char *const edx_flags[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
	NULL, "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
	"clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss",
	"ht", "tm", "ia64", "pbe",
};

void identify_cpu(void)
{
	identify_cpu_into(&boot_cpu_data);
}

void identify_cpu_into(struct cpuinfo_x86 *c)
{
	u32 a, b, d, ecx, *brand = (u32 *)c->model_name;

	cpuid(0, &c->max_leaf, &b, &ecx, &d);
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &ecx, 4);
	c->vendor[12] = '\0';
	if (c->max_leaf >= 1) {
		cpuid(1, &a, &b, &c->features_ecx, &c->features_edx);
		c->family = (a >> 8) & 0xf;
		c->model = (a >> 4) & 0xf;
		c->stepping = a & 0xf;
		if (c->family == 0xf)
			c->family += (a >> 20) & 0xff;
		if (c->family >= 6)
			c->model |= ((a >> 16) & 0xf) << 4;
	}
	cpuid(0x80000000, &a, &b, &ecx, &d);
	if (a >= 0x80000004) {
		for (u32 leaf = 0; leaf < 3; leaf++)
			cpuid(0x80000002 + leaf, &brand[leaf * 4], &brand[leaf * 4 + 1],
			      &brand[leaf * 4 + 2], &brand[leaf * 4 + 3]);
		c->model_name[48] = '\0';
	} else {
		strlcpy(c->model_name, "unknown", sizeof(c->model_name));
	}
}

void cpu_flags_string(char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int bit = 0; bit < 32; bit++)
		if (edx_flags[bit] && (boot_cpu_data.features_edx & (1u << bit)))
			used += scnprintf(buf + used, len - used, "%s%s",
					  used ? " " : "", edx_flags[bit]);
}
