/*
 * kernel/panic.c - panic(), BUG(), WARN() and the stack backtrace.
 *
 * The backtrace follows the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer): each frame's saved ebp points at the caller's
 * frame and the word above it is the return address.  The walk stays inside
 * the kernel stack the first frame lives on, so a corrupt chain ends the
 * trace instead of faulting.  save_stack_trace() records a chain for later
 * (the lock checker keeps one per lock acquisition it remembers).
 *
 * Locking: panic() disables interrupts and sets oops_in_progress; a second
 * panic while the first is being reported just halts.
 */
#include "kernel/panic.h"
#include "kernel/arch/power.h"
#include "kernel/arch/x86.h"
#include "kernel/debug/kgdb.h"
#include "kernel/kallsyms.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "lib/vsprintf.h"
#include "mm/page.h"

#define MAX_FRAMES 32

int oops_in_progress;

static void print_frame(unsigned long addr)
{
	char sym[128];

	sprint_symbol(sym, sizeof(sym), addr);
	printk(KERN_EMERG " [<%08lx>] %s\n", addr, sym);
}

int save_stack_trace(unsigned long ebp, unsigned long *trace, int max)
{
	unsigned long stack_lo = ebp & ~(unsigned long)(THREAD_SIZE - 1);
	unsigned long stack_hi = stack_lo + THREAD_SIZE;
	int n = 0;

	while (n < max) {
		/* The chain ends in whatever %ebp user mode had at the entry
		 * (glibc uses it as a plain register): anything can be there,
		 * even 0xfffffffc, so no ebp + 8 that could wrap; and a new
		 * task's frame starts with ebp 0.  Kernel stacks live above
		 * PAGE_OFFSET: anything below ends the walk. */
		if (ebp < PAGE_OFFSET || ebp < stack_lo || ebp > stack_hi - 8 || (ebp & 3))
			break;
		unsigned long *frame = (unsigned long *)ebp;
		unsigned long ret = frame[1];

		if (!ret)
			break;
		/* The return address is the instruction after the call;
		 * step back one byte so it names the calling function. */
		trace[n++] = ret - 1;
		if (frame[0] <= ebp)
			break;
		ebp = frame[0];
	}
	return n;
}

void print_stack_trace(const unsigned long *trace, int n)
{
	for (int i = 0; i < n && trace[i]; i++)
		print_frame(trace[i]);
}

void show_trace(unsigned long eip, unsigned long ebp)
{
	unsigned long trace[MAX_FRAMES];
	int n = save_stack_trace(ebp, trace, MAX_FRAMES);

	printk(KERN_EMERG "Call Trace:\n");
	if (eip)
		print_frame(eip);
	print_stack_trace(trace, n);
}

/* switch_to_asm pushed edi, esi, ebx, ebp and its return address into
 * schedule() on the stack it left, and saved esp in thread.esp. */
int save_task_stack_trace(struct task_struct *p, unsigned long *trace, int max)
{
	const unsigned long *frame = (const unsigned long *)p->thread.esp;

	if (task_curr(p) || max < 1)
		return 0;
	trace[0] = frame[4] - 1;
	return 1 + save_stack_trace(frame[3], trace + 1, max - 1);
}

unsigned long get_wchan(struct task_struct *p)
{
	extern const char __sched_text_start[], __sched_text_end[];
	unsigned long trace[MAX_FRAMES];
	int n = save_task_stack_trace(p, trace, MAX_FRAMES);

	for (int i = 0; i < n; i++)
		if (trace[i] < (unsigned long)__sched_text_start ||
		    trace[i] >= (unsigned long)__sched_text_end)
			return trace[i];
	return 0;
}

void dump_stack(void)
{
	show_trace(0, (unsigned long)__builtin_frame_address(0));
}

static int panicking;

/* One CPU panics; it stops the others first so the report is not
 * interleaved with their output. */
void panic(const char *fmt, ...)
{
	char msg[256];
	va_list args;

	local_irq_disable();
	if (__sync_lock_test_and_set(&panicking, 1))
		machine_halt();         /* another CPU is already panicking */
	kgdb_panic();                   /* gdb sees it, with the other CPUs still there */
	oops_in_progress = 2;
	smp_send_stop();
	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s (CPU#%d, %s/%d)\n", msg,
	       smp_processor_id(), current ? current->comm : "?", current ? current->pid : -1);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	qemu_exit(PANIC_EXIT_STATUS);
	machine_halt();
}

void __bug(const char *file, int line, const char *func)
{
	oops_in_progress = 1;
	printk(KERN_EMERG "kernel BUG at %s:%d in %s()!\n", file, line, func);
	panic("BUG");
}

void __warn(const char *file, int line, const char *func)
{
	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: at %s:%d %s()\n", file, line, func);
	dump_stack();
	printk(KERN_WARNING "---[ end trace ]---\n");
}
