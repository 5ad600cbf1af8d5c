/*
 * drivers/pit.c - programming the PIT's channels 0 and 2.
 *
 * No data.  Locking: used at boot on one CPU.
 */
#include "drivers/pit.h"
#include "kernel/arch/x86.h"

#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61

void pit_start_periodic(unsigned int hz)
{
	u16 divisor = (u16)((PIT_HZ + hz / 2) / hz);

	outb(PIT_CMD, 0x34);            /* channel 0, lo/hi, rate generator */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

void pit_ch2_start(void)
{
	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);   /* gate on, speaker off */
	outb(PIT_CMD, 0xb0);    /* channel 2, lo/hi, mode 0 */
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
}

u16 pit_ch2_read(void)
{
	u8 lo, hi;

	outb(PIT_CMD, 0x80);    /* latch channel 2's count */
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return (u16)(hi << 8 | lo);
}

