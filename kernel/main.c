/*
 * kernel/main.c - start_kernel(), where C code begins on the boot CPU.
 *
 * boot/head.asm arrives here with paging on (the first 16 MiB mapped at
 * PAGE_OFFSET), on the boot stack, interrupts off.  The order below matters:
 * consoles before the first message, the multiboot copy before anything
 * could reuse the loader's memory, descriptor tables before interrupts,
 * memory before per-CPU areas and tasks, the scheduler before the other
 * CPUs start.  Then the boot thread starts init (pid 1) and becomes CPU
 * 0's idle task, as in Linux.
 * Locking: single CPU, interrupts off until local_irq_enable().
 */
#include "drivers/acpi.h"
#include "drivers/apic.h"
#include "drivers/block/ide.h"
#include "drivers/pci/pci.h"
#include "drivers/pic.h"
#include "drivers/tty/keyboard.h"
#include "drivers/tty/serial.h"
#include "drivers/tty/vga.h"
#include "fs/exec.h"
#include "fs/fs.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/i387.h"
#include "kernel/arch/multiboot.h"
#include "kernel/arch/traps.h"
#include "kernel/arch/vsyscall.h"
#include "kernel/debug/bench.h"
#include "kernel/debug/kgdb.h"
#include "kernel/debug/ktest.h"
#include "kernel/debug/monitor.h"
#include "kernel/futex.h"
#include "kernel/hung_task.h"
#include "kernel/idle.h"
#include "kernel/kthread.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/profile.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/workqueue.h"
#include "mm/fault_inject.h"
#include "mm/fixmap.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swapfile.h"
#include "mm/vmscan.h"

#define TESSERA_VERSION "0.1"

void start_kernel(u32 magic, u32 mbi_phys);

static void print_banner(void)
{
	pr_notice("Tessera version " TESSERA_VERSION " (gcc " __VERSION__ ") i386\n");
	pr_info("Boot loader: %s\n", boot_params.loader[0] ? boot_params.loader : "(unnamed)");
	pr_notice("Command line: %s\n", boot_command_line);
}

/* pid 1: what the boot thread did before there was a scheduler - the
 * tests, the benchmarks or the monitor - now as a task among others. */
static int kernel_init(void *unused)
{
	(void)unused;
	system_state = SYSTEM_RUNNING;
	init_workqueues();
	hung_task_init();
	kswapd_init();
	vfs_init();
	pci_init();
	ide_init();                     /* the disks, before init can open them */
	populate_rootfs();
	swap_setup_boot_areas();        /* swap=, once the disks are known */
	fault_inject_init();            /* fail_page_alloc=, failslab=: from here on */
	run_init_process();             /* returns only if there is none */
	if (ktest_requested())
		ktest_main();
	if (bench_requested())
		bench_main();
	monitor_run();
}

void start_kernel(u32 magic, u32 mbi_phys)
{
	sched_init_early();
	serial_init();
	vga_init();
	int mb_err = multiboot_init(magic, mbi_phys);

	tsc_calibrate();
	print_banner();
	if (mb_err)
		pr_err("Not booted by a multiboot loader (magic %08x): no memory map\n", magic);
	trap_init();
	cpu_init(0);
	pic_init();
	fixmap_init();
	zap_low_mappings();
	parse_kernel_cmdline();
	mm_lock_order_init();
	mem_init();
	kmem_cache_init();
	profile_init();                 /* profile: its counters, before the first tick */
	pte_chain_init();
	identify_cpu();
	vsyscall_init();                /* sysenter, once CPUID is known */
	fpu_init();
	acpi_init();
	apic_init();
	smp_prepare_cpus();
	sched_init();
	futex_init();
	init_timers();
	smp_init_ipis();
	time_init();
	serial_enable_input();
	keyboard_init();
	kgdb_init();                    /* kgdboc=: the stub; kgdbwait stops here */
	local_irq_enable();
	smp_boot_cpus();

	if (!kthread_run(kernel_init, NULL, "init"))
		panic("cannot start the init thread");
	cpu_idle();
}
