/*
 * drivers/tty/serial.h - the 16550 UARTs: COM1 is the kernel's serial
 * console; any port can also carry raw bytes (the gdb stub's ttyS1).
 *
 * Output is polled (it must work in a panic with interrupts off); console
 * input arrives on IRQ 4 and is passed to console_input().
 */
#ifndef DRIVERS_TTY_SERIAL_H
#define DRIVERS_TTY_SERIAL_H

#include "kernel/arch/irq.h"

#define SERIAL_NR_PORTS 2       /* ttyS0 (COM1), ttyS1 (COM2) */

void serial_init(void);          /* early: output only */
void serial_enable_input(void);  /* once the IDT and PIC are ready */

/* Raw ports, by line (0 for ttyS0): 115200 8N1, true if a UART answers. */
bool serial_port_init(int line);
void serial_port_putc(int line, u8 c);
int serial_port_getc(int line);         /* a received byte, or -1: none */
/* Call handler on the port's receive interrupt. */
void serial_port_enable_rx(int line, irq_handler_t handler, const char *name);

#endif
