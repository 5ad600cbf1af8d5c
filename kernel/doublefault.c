/*
 * kernel/doublefault.c - surviving a double fault long enough to report it.
 *
 * A double fault (#DF) usually means the kernel stack is gone: the CPU
 * could not push the frame for an exception, so it cannot push one for #DF
 * either, and an ordinary interrupt gate would end in a triple fault - a
 * silent reset.  So vector 8 is a *task gate*: the CPU saves the faulting
 * context into boot_tss and switches to doublefault_tss, which has its own
 * stack (doublefault_stack), its own entry point and the kernel's page
 * directory.  From there we print the saved registers and panic.
 *
 * Data: doublefault_tss, doublefault_stack.  Locking: none; the handler
 * never returns.
 */
#include "kernel/gdt.h"
#include "kernel/kallsyms.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/traps.h"
#include "mm/page.h"

#define DOUBLEFAULT_STACK_SIZE 4096

static u8 doublefault_stack[DOUBLEFAULT_STACK_SIZE] __attribute__((aligned(16)));

static void __attribute__((noreturn, used)) doublefault_fn(void)
{
	const struct tss *t = &boot_tss;
	char sym[128];

	oops_in_progress = 1;
	sprint_symbol(sym, sizeof(sym), t->eip);
	printk(KERN_EMERG "PANIC: double fault, kernel stack probably overflowed\n");
	printk(KERN_EMERG "EIP: %04x:[<%08x>] EFLAGS: %08x  %s\n", t->cs, t->eip,
	       t->eflags, sym);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", t->eax, t->ebx,
	       t->ecx, t->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n", t->esi, t->edi,
	       t->ebp, t->esp);
	show_trace(t->eip, t->ebp);
	panic("double fault");
}

struct tss doublefault_tss = {
	.esp = (u32)doublefault_stack + DOUBLEFAULT_STACK_SIZE,
	.ss = __KERNEL_DS,
	.eip = (u32)doublefault_fn,
	.eflags = 0x2,                  /* reserved bit 1; interrupts off */
	.cs = __KERNEL_CS,
	.ds = __KERNEL_DS,
	.es = __KERNEL_DS,
	.iomap_base = sizeof(struct tss),
};

/* The page directory is only known at run time (its physical address). */
void doublefault_init(void)
{
	doublefault_tss.cr3 = __pa(swapper_pg_dir);
}
