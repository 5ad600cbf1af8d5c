/*
 * kernel/arch/traps.c - the IDT and the CPU exception handlers.
 *
 * Data: idt_table[256] of interrupt gates; exception_names[] for reports.
 * do_interrupt() is the single C entry from kernel/arch/entry.asm: vectors below
 * 32 are exceptions, IRQ_BASE.. are device interrupts.
 *
 * An unexpected kernel exception is fatal ("oops"): we print what the CPU
 * told us (vector, error code), the registers, and the call chain by
 * symbol, then panic - unless the oops is in a call made by
 * call_recoverable (a module's init) that can be left (oops_recover).  Page faults go to mm/fault.c:do_page_fault first.
 * An exception in user mode is the program's, never the kernel's: it
 * becomes the signal Linux sends for it, with Linux's si_code and si_addr
 * (user_trap_signal, user_trap), for the faulting thread alone, and the
 * kernel goes on.
 *
 * Locking: runs with interrupts disabled (interrupt gates).
 */
#include "kernel/arch/traps.h"
#include "kernel/arch/vsyscall.h"
#include "kernel/debug/kgdb.h"
#include "fs/exec.h"
#include "kernel/arch/extable.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/oops_recover.h"
#include "kernel/arch/x86.h"
#include "kernel/kallsyms.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/smp.h"
#include "kernel/syscall.h"
#include "mm/fault.h"

#define X86_TRAP_DB 1
#define X86_TRAP_NMI 2
#define X86_TRAP_BP 3
#define X86_TRAP_DF 8
#define X86_TRAP_PF 14
#define X86_TRAP_AC 17

struct idt_gate {
	u16 offset_lo, selector;
	u8 zero, type;
	u16 offset_hi;
} __attribute__((packed));

static struct idt_gate idt_table[256];
static vector_handler_t vector_handlers[256];
/* How often each CPU took each of the top 32 (APIC) vectors. */
static DEFINE_PER_CPU(unsigned long[32], apic_vector_count);
extern const u32 isr_stub_table[256];

unsigned long int3_count;

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"x87 floating point error", "alignment check", "machine check",
	"SIMD floating point error", "virtualization", "control protection",
	"reserved", "reserved", "reserved", "reserved", "reserved", "reserved",
	"reserved", "reserved", "security", "reserved",
};

/* The signal a user-mode exception sends, and its si_code, as Linux i386
 * sends them (default SIGSEGV; code 0 stands for SI_KERNEL, what Linux's
 * plain force_sig gives: int3, a general protection fault...).  With a
 * code of its own, si_addr is the faulting instruction - but for an
 * alignment check, whose si_addr Linux leaves 0. */
static const struct {
	u8 sig, code;
} user_trap_signal[32] = {
	[0] = { SIGFPE, FPE_INTDIV }, [1] = { SIGTRAP, TRAP_TRACE }, [3] = { SIGTRAP },
	[6] = { SIGILL, ILL_ILLOPN }, [11] = { SIGBUS }, [12] = { SIGBUS }, [16] = { SIGFPE },
	[17] = { SIGBUS, BUS_ADRALN }, [19] = { SIGFPE },
};

static void set_gate(unsigned int n, u32 handler, u8 dpl)
{
	idt_table[n].offset_lo = handler & 0xffff;
	idt_table[n].offset_hi = handler >> 16;
	idt_table[n].selector = __KERNEL_CS;
	idt_table[n].zero = 0;
	idt_table[n].type = 0x8e | (dpl << 5);     /* present, 32-bit interrupt gate */
}

/* A task gate: the CPU switches to the TSS named by the selector. */
static void set_task_gate(unsigned int n, u16 tss_selector)
{
	idt_table[n].offset_lo = 0;
	idt_table[n].offset_hi = 0;
	idt_table[n].selector = tss_selector;
	idt_table[n].zero = 0;
	idt_table[n].type = 0x85;
}

void load_idt(void)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) idtr = { sizeof(idt_table) - 1, (u32)idt_table };

	asm volatile("lidt %0" : : "m"(idtr));
}

void trap_init(void)
{
	for (unsigned int i = 0; i < 256; i++)
		set_gate(i, isr_stub_table[i], i == X86_TRAP_BP || i == SYSCALL_VECTOR ? 3 : 0);
	doublefault_init();
	set_task_gate(X86_TRAP_DF, __DOUBLEFAULT_TSS);
	load_idt();
}

void set_intr_handler(unsigned int vector, vector_handler_t fn)
{
	vector_handlers[vector] = fn;
}

unsigned long apic_vector_count(unsigned int vector, int cpu)
{
	return vector >= 0xe0 && vector <= 0xff ? per_cpu(apic_vector_count, cpu)[vector - 0xe0] : 0;
}

void show_regs(const struct pt_regs *regs)
{
	char sym[128];
	u32 esp = user_mode(regs) ? regs->esp : (u32)&regs->esp;
	u32 ss = user_mode(regs) ? regs->ss : __KERNEL_DS;

	sprint_symbol(sym, sizeof(sym), regs->eip);
	printk(KERN_EMERG "EIP: %04x:[<%08x>] EFLAGS: %08x  %s\n", regs->cs & 0xffff,
	       regs->eip, regs->eflags, sym);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", regs->eax,
	       regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n", regs->esi,
	       regs->edi, regs->ebp, esp);
	printk(KERN_EMERG "DS: %04x ES: %04x FS: %04x GS: %04x SS: %04x\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff,
	       regs->gs & 0xffff, ss & 0xffff);
	printk(KERN_EMERG "CR0: %08x CR2: %08x CR3: %08x CR4: %08x\n", read_cr0(),
	       read_cr2(), read_cr3(), read_cr4());
}

void die(const char *why, struct pt_regs *regs)
{
	oops_in_progress = 1;
	printk(KERN_EMERG "Oops: %s, error %04x [#1]\n", why, regs->error_code);
	show_regs(regs);
	show_trace(regs->eip, regs->ebp);
	kgdb_oops(regs, user_trap_signal[regs->vector & 31].sig ?: SIGSEGV);
	oops_recover(regs);             /* returns only if the oops is fatal */
	panic("Fatal exception: %s", why);
}

static void do_int3(struct pt_regs *regs)
{
	char sym[128];

	int3_count++;
	sprint_symbol(sym, sizeof(sym), regs->eip - 1);
	printk(KERN_WARNING "int3: breakpoint at %s, no debugger attached; continuing\n",
	       sym);
	show_regs(regs);
}

static void do_nmi(struct pt_regs *regs)
{
	if (kgdb_nmi(regs) || nmi_backtrace_handler(regs))
		return;
	printk(KERN_WARNING "NMI received on CPU#%d for an unknown reason; continuing\n",
	       smp_processor_id());
}

static void user_trap(struct pt_regs *regs)
{
	unsigned int v = regs->vector & 31;
	int sig = user_trap_signal[v].sig ?: SIGSEGV, code = user_trap_signal[v].code ?: SI_KERNEL;
	unsigned long addr = code == SI_KERNEL || v == X86_TRAP_AC ? 0 : regs->eip;

	force_sig_trap(sig, code, addr, regs, exception_names[v]);
}

static void do_trap(struct pt_regs *regs)
{
	if (regs->vector == X86_TRAP_NMI) {
		do_nmi(regs);
		return;
	}
	/* the in-kernel gdb stub's breakpoints and steps, even in user mode */
	if ((regs->vector == X86_TRAP_DB || regs->vector == X86_TRAP_BP) && kgdb_handle_trap(regs))
		return;
	if (user_mode(regs) && regs->vector != X86_TRAP_PF) {
		user_trap(regs);
		return;
	}
	if (regs->vector == X86_TRAP_BP) {
		do_int3(regs);
		return;
	}
	if (regs->vector == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
		return;
	}
	if (regs->vector == X86_TRAP_DB && sysenter_debug_trap(regs))
		return;
	if (!user_mode(regs) && fixup_exception(regs, 0))
		return;
	die(exception_names[regs->vector], regs);
}

static void do_vector(struct pt_regs *regs)
{
	static unsigned long unexpected;

	if (regs->vector >= 0xe0)
		__get_cpu_var(apic_vector_count)[regs->vector - 0xe0]++;
	if (vector_handlers[regs->vector]) {
		irq_enter();
		vector_handlers[regs->vector](regs);
		irq_exit();
	} else if (!unexpected++) {
		printk(KERN_WARNING "CPU#%d: unexpected interrupt vector %#x\n",
		       smp_processor_id(), regs->vector);
	}
}

void do_interrupt(struct pt_regs *regs)
{
	if (regs->vector == SYSCALL_VECTOR)
		do_syscall(regs);
	else if (regs->vector == SYSENTER_VECTOR)
		do_sysenter(regs);
	else if (regs->vector < IRQ_BASE)
		do_trap(regs);
	else if (regs->vector < IRQ_BASE + NR_IRQS)
		handle_irq(regs->vector - IRQ_BASE, regs);
	else
		do_vector(regs);
	if (user_mode(regs))
		do_notify_resume(regs);
	/* Preemption on return: only into code that had interrupts on and
	 * held no lock (an NMI may arrive anywhere, so never from one). */
	if (need_resched() && !preempt_count() && (regs->eflags & X86_EFLAGS_IF) &&
	    regs->vector != X86_TRAP_NMI)
		preempt_schedule_irq();
}
