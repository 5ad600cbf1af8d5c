/*
 * drivers/tty/keyboard.h - PS/2 keyboard (scancode set 1, US layout).
 *
 * Key presses become console input bytes: printable characters, Ctrl+key
 * as control codes, and arrow/Home/End/Delete keys as the ANSI escape
 * sequences a serial terminal would send.
 */
#ifndef DRIVERS_TTY_KEYBOARD_H
#define DRIVERS_TTY_KEYBOARD_H

void keyboard_init(void);

#endif
