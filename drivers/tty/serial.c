/*
 * drivers/tty/serial.c - 16550 UART driver for COM1 (115200 8N1).
 *
 * Output: wait for the transmit holding register to empty, write a byte;
 * "\n" goes out as "\r\n" for terminals.  Input: the receive interrupt
 * drains the FIFO into the console, turning a terminal's CR into LF.
 * Locking: serial_write is called under the printk/console paths, which
 * serialise; the IRQ handler only reads.
 */
#include "drivers/tty/serial.h"
#include "drivers/tty/console.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/x86.h"

#define COM1 0x3f8
#define COM1_IRQ 4
#define UART_RBR 0
#define UART_THR 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_DR 0x01
#define LSR_THRE 0x20

static bool serial_present;

static void serial_putc(char c)
{
	for (int spins = 0; spins < 100000 && !(inb(COM1 + UART_LSR) & LSR_THRE); spins++)
		cpu_relax();
	outb(COM1 + UART_THR, (u8)c);
}

static void serial_write(const char *s, size_t n)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static struct console serial_console = { .name = "ttyS0", .write = serial_write };

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);            /* DLAB: set the divisor */
	outb(COM1 + UART_DLL, 1);               /* 115200 baud */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, 0x03);            /* 8N1 */
	outb(COM1 + UART_FCR, 0xc7);            /* FIFOs on, cleared, 14-byte trigger */
	outb(COM1 + UART_MCR, 0x0b);            /* DTR, RTS, OUT2 (IRQ enable) */
	/* No UART answers with all ones on the line status register. */
	serial_present = inb(COM1 + UART_LSR) != 0xff;
	register_console(&serial_console);
}

static void serial_interrupt(struct pt_regs *regs)
{
	(void)regs;
	while (inb(COM1 + UART_LSR) & LSR_DR) {
		char c = (char)inb(COM1 + UART_RBR);

		console_input(c == '\r' ? '\n' : c);
	}
}

void serial_enable_input(void)
{
	if (!serial_present)
		return;
	request_irq(COM1_IRQ, serial_interrupt, "serial");
	outb(COM1 + UART_IER, 0x01);            /* receive data available */
}
