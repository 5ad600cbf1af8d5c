/*
 * kernel/kallsyms.c - looking up the kernel's symbol table.
 *
 * Data: kallsyms_table[], text symbols sorted by address; a symbol extends
 * to the next one (the last to _etext).  Binary search finds an address.
 * Addresses in a loaded module's text are named from its own symbols
 * (kernel/module.c:module_address_lookup), with the module's name.
 * Locking: the table is read-only.
 */
#include "kernel/kallsyms.h"
#include "kernel/arch/sections.h"
#include "kernel/module.h"
#include "lib/string.h"
#include "lib/vsprintf.h"


int kallsyms_index(unsigned long addr)
{
	unsigned int lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext ||
	    !kallsyms_num || addr < kallsyms_table[0].addr)
		return -1;
	while (hi - lo > 1) {
		unsigned int mid = (lo + hi) / 2;

		if (kallsyms_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo;
}

unsigned long kallsyms_size(unsigned int i)
{
	unsigned long end = i + 1 < kallsyms_num ? kallsyms_table[i + 1].addr
						 : (unsigned long)_etext;

	return end - kallsyms_table[i].addr;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	int i = kallsyms_index(addr);

	if (i < 0)
		return NULL;
	if (size)
		*size = kallsyms_size((unsigned int)i);
	if (offset)
		*offset = addr - kallsyms_table[i].addr;
	return kallsyms_table[i].name;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned int i = 0; i < kallsyms_num; i++)
		if (strcmp(kallsyms_table[i].name, name) == 0)
			return kallsyms_table[i].addr;
	return 0;
}

int sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	unsigned long size, offset;
	const char *modname = NULL;
	const char *name = kallsyms_lookup(addr, &size, &offset);

	if (!name)
		name = module_address_lookup(addr, &size, &offset, &modname);
	if (!name)
		return scnprintf(buf, len, "0x%08lx", addr);
	if (modname)
		return scnprintf(buf, len, "%s+0x%lx/0x%lx [%s]", name, offset, size, modname);
	return scnprintf(buf, len, "%s+0x%lx/0x%lx", name, offset, size);
}
