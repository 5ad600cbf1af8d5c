/*
 * kernel/kallsyms.h - the kernel's own symbol table, for backtraces and the
 * monitor.
 *
 * The table (address-sorted text symbols) is generated from the linked
 * kernel by tools/kallsyms.sh and linked in on the final pass.
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include "lib/types.h"

struct kallsym {
	unsigned long addr;
	const char *name;
};

extern const struct kallsym kallsyms_table[];
extern const unsigned int kallsyms_num;

/* Name of the function containing addr, with its size and addr's offset
 * into it; NULL when addr is not in kernel text. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);
/* The table index of the function containing addr, -1 outside the
 * kernel's text; the bytes of function i (to the next symbol). */
int kallsyms_index(unsigned long addr);
unsigned long kallsyms_size(unsigned int i);

/* "name+0xoff/0xsize" ("... [module]" in a module), or the bare hex
 * address when unknown. */
int sprint_symbol(char *buf, size_t len, unsigned long addr);

#endif
