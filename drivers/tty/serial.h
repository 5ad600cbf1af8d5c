/*
 * drivers/tty/serial.h - the 16550 UART on COM1, the kernel's serial console.
 *
 * Output is polled (it must work in a panic with interrupts off); input
 * arrives on IRQ 4 and is passed to console_input().
 */
#ifndef DRIVERS_TTY_SERIAL_H
#define DRIVERS_TTY_SERIAL_H

void serial_init(void);          /* early: output only */
void serial_enable_input(void);  /* once the IDT and PIC are ready */

#endif
