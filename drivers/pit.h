/*
 * drivers/pit.h - the 8253/8254 programmable interval timer.
 *
 * Channel 0 drives the periodic tick on IRQ 0; channel 2 (gated through
 * port 0x61, no interrupt) counts down freely while kernel/time.c reads
 * it against the TSC to calibrate it.
 */
#ifndef DRIVERS_PIT_H
#define DRIVERS_PIT_H

#include "lib/types.h"

#define PIT_IRQ 0
#define PIT_HZ 1193182

void pit_start_periodic(unsigned int hz);
/* Channel 2 counting down from 0xffff (55 ms), and its count, latched. */
void pit_ch2_start(void);
u16 pit_ch2_read(void);

#endif
