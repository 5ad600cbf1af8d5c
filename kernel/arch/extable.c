/*
 * kernel/arch/extable.c - finding and applying exception-table fixups.
 *
 * Data: the linker-collected __ex_table array (unsorted, scanned linearly:
 * it is short and only read on a fault) and last_fixup.
 * Locking: the table is read-only; last_fixup is only for tests on one CPU.
 */
#include "kernel/arch/extable.h"

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

struct fixup_record last_fixup;

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs, unsigned long cr2)
{
	const struct exception_table_entry *e = search_exception_tables(regs->eip);

	if (!e)
		return false;
	last_fixup.count++;
	last_fixup.vector = regs->vector;
	last_fixup.error_code = regs->error_code;
	last_fixup.eip = regs->eip;
	last_fixup.cr2 = cr2;
	regs->eip = e->fixup;
	return true;
}
