/*
 * kernel/arch/power.c - halt, power off, restart, and QEMU's exit port.
 *
 * No data; each path tries its mechanisms in order of preference and falls
 * back to halting, so the machine never spins silently.  Locking: none,
 * callers are on their way out with interrupts disabled.
 */
#include "kernel/arch/power.h"
#include "drivers/acpi.h"
#include "kernel/arch/x86.h"
#include "kernel/printk.h"

void qemu_exit(u32 status)
{
	outl(QEMU_EXIT_PORT, status);
}

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		halt();
}

void machine_power_off(void)
{
	local_irq_disable();
	pr_emerg("Power down\n");
	acpi_power_off();
	pr_emerg("ACPI power-off failed; halting\n");
	machine_halt();
}

/* An IDT with no entries: the next interrupt or exception triple-faults. */
static void triple_fault(void)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) null_idt = { 0, 0 };

	asm volatile("lidt %0; int3" : : "m"(null_idt));
}

void machine_restart(void)
{
	local_irq_disable();
	pr_emerg("Restarting system\n");
	outb(0xcf9, 0x02);              /* PIIX reset control: prepare */
	outb(0xcf9, 0x06);              /* ... and hard reset */
	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		io_delay();
	outb(0x64, 0xfe);               /* keyboard controller: pulse reset */
	for (int i = 0; i < 100000; i++)
		io_delay();
	triple_fault();
	machine_halt();
}
