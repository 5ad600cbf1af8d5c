/*
 * kernel/debug/kgdb.h - the in-kernel gdb stub (kgdboc=ttyS1): the
 * kernel's side (kernel/debug/kgdb.c: entering, stopping the other CPUs,
 * breakpoints, resuming) and the protocol's (kernel/debug/gdbstub.c).
 */
#ifndef KERNEL_DEBUG_KGDB_H
#define KERNEL_DEBUG_KGDB_H

#include "kernel/arch/ptrace.h"
#include "kernel/smp.h"

struct task_struct;

/* Why the master CPU stopped, for gdb's stop reply. */
enum kgdb_stop {
	KGDB_STOP_TRAP,         /* kgdb_breakpoint, a step, an oops: signal only */
	KGDB_STOP_SWBREAK,      /* one of gdb's software breakpoints (Z0) */
	KGDB_STOP_HWBREAK,      /* a hardware breakpoint (Z1) */
	KGDB_STOP_WATCH,        /* a watchpoint (Z2, Z3, Z4): watch_addr, watch_type */
};

struct kgdb_cpu {
	struct pt_regs *regs;           /* where this CPU stopped; NULL: not stopped */
	struct task_struct *task;       /* what it was running */
};

struct kgdb_state {
	int cpu;                        /* the master's */
	int signo;
	enum kgdb_stop stop;
	unsigned long watch_addr;
	int watch_type;                 /* 2, 3 or 4: as gdb's Z type */
	struct kgdb_cpu cpus[NR_CPUS];
};

/* What gdb's Z/z packets ask for: type 0 (software) to 4, address, length. */
int kgdb_set_break(int type, unsigned long addr, int len);
int kgdb_remove_break(int type, unsigned long addr, int len);
void kgdb_remove_all_breaks(void);
/* Memory for gdb (no breakpoint is in the text while the stub runs). */
int kgdb_read_mem(void *dst, unsigned long addr, size_t len);
int kgdb_write_mem(unsigned long addr, const void *src, size_t len);

/* gdbstub.c: talk to gdb until it resumes the machine.  Returns 's' to
 * single-step the master, 'c' to continue, 'D' after a detach. */
int gdbstub_session(struct kgdb_state *ks);
/* A byte from the line that is not gdb's business yet: true when it
 * should bring the kernel into the stub (Ctrl-C, or a packet's '$'). */
bool gdbstub_break_in_byte(int c);

extern int kgdb_line;                   /* the serial line, -1: no stub */

void kgdb_init(void);                   /* boot CPU, once traps and IRQs work */
void kgdb_cpu_init(void);               /* each CPU as it starts: the debug registers */
void kgdb_breakpoint(void);             /* stop here (int3) if a stub is configured */
bool kgdb_handle_trap(struct pt_regs *regs);    /* #DB or #BP; false: not ours */
bool kgdb_nmi(struct pt_regs *regs);            /* an NMI: true if kgdb stopped us */
void kgdb_oops(struct pt_regs *regs, int signo); /* die() before panicking */
void kgdb_panic(void);                          /* panic() before stopping CPUs */

#endif
