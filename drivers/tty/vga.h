/*
 * drivers/tty/vga.h - the VGA text screen (80x25) as a console.
 *
 * It understands the few ANSI sequences the monitor's line editor emits
 * (cursor left/right "ESC [ n D/C", erase to end of line "ESC [ K"), so
 * the same editor output looks right on serial and on the screen.
 */
#ifndef DRIVERS_TTY_VGA_H
#define DRIVERS_TTY_VGA_H

void vga_init(void);

#endif
