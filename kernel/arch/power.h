/*
 * kernel/arch/power.h - stopping and restarting the machine.
 *
 * machine_power_off() uses ACPI (PM1a control block, S5 sleep type from
 * the DSDT), machine_restart() the PIIX reset register, then the keyboard
 * controller, then a triple fault.  qemu_exit() writes to QEMU's
 * isa-debug-exit port so a test run ends with a status: QEMU's exit code is
 * (status << 1) | 1.  It does nothing on a machine without that device.
 */
#ifndef KERNEL_ARCH_POWER_H
#define KERNEL_ARCH_POWER_H

#include "lib/types.h"

#define QEMU_EXIT_PORT 0xf4

void qemu_exit(u32 status);
void machine_halt(void) __attribute__((noreturn));
void machine_power_off(void) __attribute__((noreturn));
void machine_restart(void) __attribute__((noreturn));

#endif
