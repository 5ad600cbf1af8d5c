/*
 * kernel/debug/readline.h - line editing for the monitor.
 *
 * readline() reads one line from the console with editing: Backspace,
 * Delete, Ctrl-U (kill line), Ctrl-A/Ctrl-E and Home/End, left/right
 * arrows, up/down through a history of recent lines, Ctrl-C (abandon).
 */
#ifndef KERNEL_DEBUG_READLINE_H
#define KERNEL_DEBUG_READLINE_H

#include "lib/types.h"

#define READLINE_MAX 128

/* Fills buf (NUL-terminated) and returns its length. */
size_t readline(const char *prompt, char *buf);

#endif
