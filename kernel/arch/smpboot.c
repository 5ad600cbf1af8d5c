/*
 * kernel/arch/smpboot.c - starting the other CPUs.
 *
 * The boot CPU, for each CPU the firmware listed: makes it an idle task
 * (stack and thread_info naming the CPU), points initial_stack at it,
 * copies the real-mode trampoline below 1 MiB, and sends INIT-SIPI-SIPI.
 * The AP climbs from real mode to paging in boot/trampoline.asm, lands in
 * start_secondary() on its idle stack, loads its own GDT, TSS and IDT,
 * enables its local APIC and timer, marks itself online and goes idle.
 * While APs start, the first 4 MiB are also mapped at virtual 0 so the
 * trampoline keeps running when it turns paging on; the mapping goes when
 * all are up.
 *
 * Data: initial_stack, per-CPU cpu_info, the online/possible maps.
 * Locking: one AP at a time; the boot CPU waits for each (with a timeout)
 * before the next, so initial_stack is never shared.
 */
#include "kernel/arch/smpboot.h"
#include "drivers/apic.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/entry.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/i387.h"
#include "kernel/arch/vsyscall.h"
#include "kernel/debug/kgdb.h"
#include "kernel/idle.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mmu_context.h"
#include "mm/tlbflush.h"

extern const char trampoline_start[], trampoline_end[];
extern const char trampoline_cr3[], trampoline_cr4[];

unsigned long trampoline_phys;
u32 initial_stack;
static DEFINE_PER_CPU(struct cpuinfo_x86, cpu_info);
static unsigned int max_cpus = NR_CPUS;

static int set_maxcpus(char *val)
{
	unsigned long n;

	if (!val || kstrtoul(val, 0, &n) || !n)
		return -1;
	max_cpus = n < NR_CPUS ? (unsigned int)n : NR_CPUS;
	return 0;
}
__setup("maxcpus", set_maxcpus);

const struct cpuinfo_x86 *cpu_data(int cpu)
{
	return &per_cpu(cpu_info, cpu);
}

u8 cpu_apic_id(int cpu)
{
	return mp_config.apic_id[cpu];
}

/* Find the CPUs and give each possible one its per-CPU area. */
void smp_prepare_cpus(void)
{
	unsigned int n = apic_enabled ? min(mp_config.nr_cpus, max_cpus) : 1;

	for (unsigned int cpu = 0; cpu < n; cpu++)
		cpu_set((int)cpu, &cpu_possible_map);
	setup_per_cpu_areas(n);
	per_cpu(cpu_info, 0) = boot_cpu_data;
}

void __attribute__((noreturn)) start_secondary(void)
{
	int cpu = smp_processor_id();

	cpu_init(cpu);
	fpu_init();
	cpu_set(cpu, &init_mm.cpu_vm_mask);
	lapic_setup();
	identify_cpu_into(&per_cpu(cpu_info, cpu));
	sysenter_cpu_init();
	kgdb_cpu_init();
	lapic_timer_start();
	cpu_set(cpu, &cpu_online_map);
	local_irq_enable();
	cpu_idle();
}

static void copy_trampoline(void)
{
	char *t = __va(trampoline_phys);

	memcpy(t, trampoline_start, (size_t)(trampoline_end - trampoline_start));
	*(u32 *)(t + (trampoline_cr3 - trampoline_start)) = __pa(swapper_pg_dir);
	*(u32 *)(t + (trampoline_cr4 - trampoline_start)) = read_cr4();
}

static bool boot_one_cpu(int cpu)
{
	struct task_struct *idle = fork_idle(cpu);

	if (!idle) {
		pr_err("SMP: no memory for CPU#%d's idle task\n", cpu);
		return false;
	}
	initial_stack = idle->thread.esp0;
	apic_wakeup_ap(mp_config.apic_id[cpu], trampoline_phys);
	for (int ms = 0; ms < 1000 && !cpu_online(cpu); ms++)
		mdelay(1);
	if (cpu_online(cpu))
		return true;
	pr_err("SMP: CPU#%d (APIC id %u) did not come up\n", cpu, mp_config.apic_id[cpu]);
	return false;
}

static void flush_local(void *unused)
{
	(void)unused;
	__flush_tlb();
}

void smp_boot_cpus(void)
{
	int cpu;

	if (!apic_enabled) {
		pr_info("SMP: 1 CPU (no APIC)\n");
		return;
	}
	copy_trampoline();
	swapper_pg_dir[0] = swapper_pg_dir[PAGE_OFFSET >> PGDIR_SHIFT];
	for_each_possible_cpu(cpu)
		if (cpu)
			boot_one_cpu(cpu);
	swapper_pg_dir[0] = __pgd(0);
	on_each_cpu(flush_local, NULL, true);
	pr_info("SMP: %d of %u CPUs online\n", num_online_cpus(), mp_config.nr_cpus_listed);
}
