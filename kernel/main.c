/*
 * kernel/main.c - start_kernel(), where C code begins on the boot CPU.
 *
 * boot/head.asm arrives here with paging on (the first 16 MiB mapped at
 * PAGE_OFFSET), on the boot stack, interrupts off.  The order below matters:
 * consoles before the first message, the multiboot copy before anything
 * could reuse the loader's memory, descriptor tables before interrupts.
 * Locking: single CPU, interrupts off until local_irq_enable().
 */
#include "drivers/acpi.h"
#include "drivers/keyboard.h"
#include "drivers/pic.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "kernel/bench.h"
#include "kernel/cpu.h"
#include "kernel/gdt.h"
#include "kernel/ktest.h"
#include "kernel/monitor.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/traps.h"
#include "mm/fixmap.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define TESSERA_VERSION "0.1"

void start_kernel(u32 magic, u32 mbi_phys);

static void print_banner(void)
{
	pr_notice("Tessera version " TESSERA_VERSION " (gcc " __VERSION__ ") i386\n");
	pr_info("Boot loader: %s\n", boot_params.loader[0] ? boot_params.loader : "(unnamed)");
	pr_notice("Command line: %s\n", boot_command_line);
}

void start_kernel(u32 magic, u32 mbi_phys)
{
	serial_init();
	vga_init();
	int mb_err = multiboot_init(magic, mbi_phys);

	tsc_calibrate();
	print_banner();
	if (mb_err)
		pr_err("Not booted by a multiboot loader (magic %08x): no memory map\n", magic);
	gdt_init();
	trap_init();
	pic_init();
	fixmap_init();
	zap_low_mappings();
	parse_kernel_cmdline();
	mem_init();
	kmem_cache_init();
	identify_cpu();
	acpi_init();
	time_init();
	serial_enable_input();
	keyboard_init();
	local_irq_enable();

	if (ktest_requested())
		ktest_main();
	if (bench_requested())
		bench_main();
	monitor_run();
}
