/*
 * drivers/pic.c - 8259A programmable interrupt controller pair.
 *
 * Data: the cached interrupt mask (bit n set = IRQ n masked).
 * Locking: callers run with interrupts disabled or at boot.
 */
#include "drivers/pic.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0b
#define CASCADE_IRQ 2

static u16 irq_mask = 0xffff;

static void write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xff);
	outb(PIC2_DATA, irq_mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);                   /* ICW1: edge, cascade, ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);              /* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 1 << CASCADE_IRQ);      /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, CASCADE_IRQ);
	outb(PIC1_DATA, 0x01);                  /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	irq_mask = 0xffff & ~(1 << CASCADE_IRQ);
	write_mask();
}

void pic_unmask(unsigned int irq)
{
	irq_mask &= ~(1u << irq);
	write_mask();
}

/* The I/O APIC takes over: mask every line for good. */
void pic_disable(void)
{
	irq_mask = 0xffff;
	write_mask();
}

void pic_mask(unsigned int irq)
{
	irq_mask |= 1u << irq;
	write_mask();
}

void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

bool pic_spurious(unsigned int irq)
{
	u16 port = irq == 7 ? PIC1_CMD : PIC2_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(port, PIC_READ_ISR);
	if (inb(port) & 0x80)
		return false;
	if (irq == 15)                          /* the master did see IRQ 2 */
		outb(PIC1_CMD, PIC_EOI);
	return true;
}
