/*
 * kernel/arch/sections.h - where the kernel image's parts begin and end,
 * as linker.ld defines them: text from _text to _etext, read-only data up
 * to __end_rodata (both mapped read-only), everything up to _end.
 * Arrays of char so that only their addresses are used.
 */
#ifndef KERNEL_ARCH_SECTIONS_H
#define KERNEL_ARCH_SECTIONS_H

extern char _text[], _etext[], __end_rodata[], _end[];

#endif
