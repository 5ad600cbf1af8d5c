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

/* Count channel 2 down once (mode 0) and poll its OUT pin in port 0x61. */
void pit_wait_ms(unsigned int ms)
{
	while (ms) {
		unsigned int chunk = ms > 50 ? 50 : ms;  /* 16-bit counter: <= 54 ms */
		u16 count = (u16)(PIT_HZ / 1000 * chunk);

		outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);   /* gate on, speaker off */
		outb(PIT_CMD, 0xb0);    /* channel 2, lo/hi, interrupt on terminal count */
		outb(PIT_CH2, count & 0xff);
		outb(PIT_CH2, count >> 8);
		while (!(inb(PORT_B) & 0x20))
			cpu_relax();
		ms -= chunk;
	}
}
