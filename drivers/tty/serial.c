/*
 * drivers/tty/serial.c - the 16550 UARTs: COM1 (ttyS0) as the console, and
 * raw byte access to any port for the in-kernel gdb stub (kgdboc=ttyS1).
 *
 * Every port runs at 115200 8N1.  Console output: wait for the transmit
 * holding register to empty, write a byte; "\n" goes out as "\r\n" for
 * terminals.  Console input: the receive interrupt drains the FIFO into
 * the console, turning a terminal's CR into LF.  The raw calls neither
 * translate nor buffer: gdb's protocol is bytes.
 * Data: ports[] (I/O base and IRQ of ttyS0 and ttyS1), serial_present.
 * Locking: serial_write is called under the printk/console paths, which
 * serialise; the IRQ handlers only read; a raw port has one user (the
 * gdb stub, which runs with the other CPUs stopped).
 */
#include "drivers/tty/serial.h"
#include "drivers/tty/console.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/x86.h"

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

static const struct {
	u16 base;
	u8 irq;
} ports[SERIAL_NR_PORTS] = { { 0x3f8, 4 }, { 0x2f8, 3 } };

static bool serial_present;

void serial_port_putc(int line, u8 c)
{
	u16 base = ports[line].base;

	for (int spins = 0; spins < 100000 && !(inb(base + UART_LSR) & LSR_THRE); spins++)
		cpu_relax();
	outb(base + UART_THR, c);
}

int serial_port_getc(int line)
{
	u16 base = ports[line].base;

	return inb(base + UART_LSR) & LSR_DR ? inb(base + UART_RBR) : -1;
}

static void serial_write(const char *s, size_t n)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_port_putc(0, '\r');
		serial_port_putc(0, (u8)s[i]);
	}
}

static struct console serial_console = { .name = "ttyS0", .write = serial_write };

bool serial_port_init(int line)
{
	u16 base = ports[line].base;

	outb(base + UART_IER, 0x00);
	outb(base + UART_LCR, 0x80);            /* DLAB: set the divisor */
	outb(base + UART_DLL, 1);               /* 115200 baud */
	outb(base + UART_DLM, 0);
	outb(base + UART_LCR, 0x03);            /* 8N1 */
	outb(base + UART_FCR, 0xc7);            /* FIFOs on, cleared, 14-byte trigger */
	outb(base + UART_MCR, 0x0b);            /* DTR, RTS, OUT2 (IRQ enable) */
	/* No UART answers with all ones on the line status register. */
	return inb(base + UART_LSR) != 0xff;
}

void serial_init(void)
{
	serial_present = serial_port_init(0);
	register_console(&serial_console);
}

void serial_port_enable_rx(int line, irq_handler_t handler, const char *name)
{
	request_irq(ports[line].irq, handler, name);
	outb(ports[line].base + UART_IER, 0x01);        /* receive data available */
}

static void serial_interrupt(struct pt_regs *regs)
{
	int c;

	(void)regs;
	while ((c = serial_port_getc(0)) >= 0)
		console_input(c == '\r' ? '\n' : (char)c);
}

void serial_enable_input(void)
{
	if (serial_present)
		serial_port_enable_rx(0, serial_interrupt, "serial");
}
