/*
 * kernel/arch/extable.h - exception-table fixups.
 *
 * An instruction that may fault on purpose (touching a user pointer, probing
 * an address) is listed with _ASM_EXTABLE(insn, fixup) in the __ex_table
 * section.  When it faults in kernel mode the trap handler finds the entry
 * and resumes at the fixup instead of oopsing; copy_from_user returns
 * -EFAULT this way.  The last fixup taken is recorded for tests.
 */
#ifndef KERNEL_ARCH_EXTABLE_H
#define KERNEL_ARCH_EXTABLE_H

#include "kernel/arch/ptrace.h"

struct exception_table_entry {
	unsigned long insn, fixup;
};

#define _ASM_EXTABLE(from, to)                                               \
	" .pushsection __ex_table, \"a\"\n"                                  \
	" .balign 4\n"                                                       \
	" .long " #from ", " #to "\n"                                        \
	" .popsection\n"

struct fixup_record {
	unsigned long count;
	u32 vector;
	u32 error_code;
	unsigned long eip;
	unsigned long cr2;
};

extern struct fixup_record last_fixup;

const struct exception_table_entry *search_exception_tables(unsigned long addr);

/* Resume regs at a fixup if one covers regs->eip; true if it did. */
bool fixup_exception(struct pt_regs *regs, unsigned long cr2);

#endif
