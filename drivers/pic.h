/*
 * drivers/pic.h - the two cascaded 8259A interrupt controllers.
 *
 * pic_init() remaps IRQ 0-15 to vectors IRQ_BASE.. (the CPU's exceptions
 * own 0-31) and masks every line; request_irq() unmasks the ones in use.
 */
#ifndef DRIVERS_PIC_H
#define DRIVERS_PIC_H

#include "lib/types.h"

void pic_init(void);
void pic_unmask(unsigned int irq);
void pic_mask(unsigned int irq);
void pic_disable(void);
void pic_eoi(unsigned int irq);
/* IRQ 7 and 15 fire spuriously on the 8259; true if this one was. */
bool pic_spurious(unsigned int irq);

#endif
