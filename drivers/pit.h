/*
 * drivers/pit.h - the 8253/8254 programmable interval timer.
 *
 * Channel 0 drives the periodic tick on IRQ 0; channel 2 (gated through
 * port 0x61, no interrupt) measures a fixed interval for TSC calibration.
 */
#ifndef DRIVERS_PIT_H
#define DRIVERS_PIT_H

#define PIT_IRQ 0
#define PIT_HZ 1193182

void pit_start_periodic(unsigned int hz);
void pit_wait_ms(unsigned int ms);

#endif
