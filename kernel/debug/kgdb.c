/*
 * kernel/debug/kgdb.c - the in-kernel gdb stub's machine side: how the
 * kernel enters the debugger, what it does to the other CPUs, the
 * breakpoints, and how it resumes.  The remote protocol itself is
 * kernel/debug/gdbstub.c.
 *
 * kgdboc=ttyS1 puts the stub on the second serial port; kgdbwait stops in
 * it early in boot.  The kernel enters it from: a breakpoint (int3 - gdb's
 * software breakpoints, kgdb_breakpoint(), the monitor's `kgdb`); a debug
 * exception (a single step, or DR0-DR3: hardware breakpoints and
 * watchpoints); the line, when gdb sends Ctrl-C (0x03) or a packet while
 * the kernel runs (the receive interrupt); an oops or a panic.  The CPU
 * that enters first is the master: it stops every other online CPU with
 * an NMI - each then spins in kgdb_nmi with its registers published - and
 * talks to gdb with interrupts off until gdb continues, steps or
 * detaches.  It then loads the debug registers, releases the others (who
 * load them too) and returns to where it stopped.
 *
 * Data: state (the master's stop and every stopped CPU's registers and
 * task), kgdb_master (-1: nobody), release_gen (bumped to let the stopped
 * CPUs go), sw_breaks[] (address, and the byte under the int3 while the
 * kernel runs),
 * hw_breaks[4] (DR0-DR3: address, kind, length).
 * Locking: kgdb_master is taken by cmpxchg.  Everything else is written
 * only by the master while the other CPUs are stopped or spinning.  No
 * code here may sleep or wait for a lock another CPU could hold: it runs
 * with interrupts off wherever the kernel happened to stop.
 */
#include "kernel/debug/kgdb.h"
#include "drivers/apic.h"
#include "drivers/tty/serial.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/smpboot.h"
#include "kernel/arch/x86.h"
#include "kernel/cpumask.h"
#include "kernel/debug/monitor.h"
#include "kernel/hung_task.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/maccess.h"

#define X86_TRAP_DB 1
#define X86_TRAP_BP 3
#define SIGTRAP 5
#define SIGINT 2
#define X86_EFLAGS_RF 0x00010000
#define DR6_BS (1u << 14)
#define CR0_WP (1u << 16)
#define INT3 0xcc
#define MAX_SW_BREAKS 64
#define HW_BREAKS 4

struct sw_break {
	unsigned long addr;
	u8 saved;
	bool used;
};

struct hw_break {
	unsigned long addr;
	int type;                       /* gdb's: 1 execute, 2 write, 3 read, 4 access */
	int len;
	bool used;
};

int kgdb_line = -1;
static bool kgdbwait;
static int kgdb_master = -1;
static volatile unsigned int release_gen;
static int cpus_stopped;
static bool stepping, oops_entered;
static struct kgdb_state state;
static struct sw_break sw_breaks[MAX_SW_BREAKS];
static struct hw_break hw_breaks[HW_BREAKS];

static int set_kgdboc(char *val)
{
	if (!val || strncmp(val, "ttyS", 4) || val[4] < '1' ||
	    val[4] >= '0' + SERIAL_NR_PORTS || val[5])
		return -1;              /* ttyS0 is the console's */
	kgdb_line = val[4] - '0';
	return 0;
}
__setup("kgdboc", set_kgdboc);

static int set_kgdbwait(char *val)
{
	(void)val;
	kgdbwait = true;
	return 0;
}
__setup("kgdbwait", set_kgdbwait);

/* ---- Breakpoints ---- */

/* Kernel text is mapped read-only: CR0.WP off lets ring 0 write it. */
static int write_text_byte(unsigned long addr, u8 byte)
{
	u32 cr0 = read_cr0();
	long err;

	write_cr0(cr0 & ~CR0_WP);
	err = probe_kernel_write((void *)addr, &byte, 1);
	write_cr0(cr0);
	return err ? -EFAULT : 0;
}

static struct sw_break *find_sw_break(unsigned long addr)
{
	for (int i = 0; i < MAX_SW_BREAKS; i++)
		if (sw_breaks[i].used && sw_breaks[i].addr == addr)
			return &sw_breaks[i];
	return NULL;
}

/* gdb's software breakpoints are written into the text only while the
 * kernel runs: inside the stub memory reads as it is, and a monitor
 * command run from gdb cannot meet one. */
static void activate_sw_breaks(void)
{
	for (int i = 0; i < MAX_SW_BREAKS; i++) {
		struct sw_break *b = &sw_breaks[i];

		if (b->used && (probe_kernel_read(&b->saved, (void *)b->addr, 1) ||
				write_text_byte(b->addr, INT3)))
			b->used = false;        /* not writable after all: dropped */
	}
}

static void deactivate_sw_breaks(void)
{
	for (int i = 0; i < MAX_SW_BREAKS; i++)
		if (sw_breaks[i].used)
			write_text_byte(sw_breaks[i].addr, sw_breaks[i].saved);
}

static int set_sw_break(unsigned long addr)
{
	struct sw_break *b;
	u8 byte;

	if (find_sw_break(addr))
		return 0;
	if (probe_kernel_read(&byte, (void *)addr, 1))
		return -EFAULT;
	for (b = sw_breaks; b < sw_breaks + MAX_SW_BREAKS; b++)
		if (!b->used) {
			*b = (struct sw_break){ .addr = addr, .used = true };
			return 0;
		}
	return -ENOSPC;
}

/* DR7: each slot's local and global enable bits, then its kind (RW) and
 * length (LEN) four bits each from bit 16; GE|LE for exact data hits. */
static u32 dr7_value(void)
{
	static const u32 rw_bits[] = { [1] = 0, [2] = 1, [3] = 3, [4] = 3 };
	static const u32 len_bits[] = { [1] = 0, [2] = 1, [4] = 3 };
	u32 dr7 = 0;

	for (int i = 0; i < HW_BREAKS; i++) {
		const struct hw_break *h = &hw_breaks[i];

		if (!h->used)
			continue;
		dr7 |= 3u << (i * 2);
		dr7 |= (rw_bits[h->type] | len_bits[h->len] << 2) << (16 + i * 4);
	}
	return dr7 ? dr7 | 0x300 : 0;
}

/* The debug registers from hw_breaks, on this CPU. */
static void load_debugregs(void)
{
	write_dr7(0);
	for (int i = 0; i < HW_BREAKS; i++)
		write_dr(i, hw_breaks[i].used ? hw_breaks[i].addr : 0);
	write_dr6(0);
	write_dr7(dr7_value());
}

static int set_hw_break(int type, unsigned long addr, int len)
{
	if (len != 1 && len != 2 && len != 4)
		return -EINVAL;
	if (addr & (unsigned long)(len - 1) || (type == 1 && len != 1))
		return -EINVAL;
	for (int i = 0; i < HW_BREAKS; i++)
		if (!hw_breaks[i].used) {
			hw_breaks[i] = (struct hw_break){ addr, type, len, true };
			return 0;
		}
	return -ENOSPC;
}

static int hw_used_mask(void)
{
	int mask = 0;

	for (int i = 0; i < HW_BREAKS; i++)
		if (hw_breaks[i].used)
			mask |= 1 << i;
	return mask;
}

int kgdb_set_break(int type, unsigned long addr, int len)
{
	return type == 0 ? set_sw_break(addr) : set_hw_break(type, addr, type == 1 ? 1 : len);
}

int kgdb_remove_break(int type, unsigned long addr, int len)
{
	if (type == 0) {
		struct sw_break *b = find_sw_break(addr);

		if (!b)
			return -ENOENT;
		b->used = false;
		return 0;
	}
	for (int i = 0; i < HW_BREAKS; i++) {
		struct hw_break *h = &hw_breaks[i];

		if (h->used && h->addr == addr && h->type == type && (type == 1 || h->len == len)) {
			h->used = false;
			return 0;
		}
	}
	return -ENOENT;
}

void kgdb_remove_all_breaks(void)
{
	memset(sw_breaks, 0, sizeof(sw_breaks));
	memset(hw_breaks, 0, sizeof(hw_breaks));
}

int kgdb_read_mem(void *dst, unsigned long addr, size_t len)
{
	return probe_kernel_read(dst, (const void *)addr, len) ? -EFAULT : 0;
}

/* Text is read-only: a byte the plain write cannot store goes through
 * write_text_byte (gdb writes code when it patches or calls functions). */
int kgdb_write_mem(unsigned long addr, const void *src, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		u8 byte = ((const u8 *)src)[i];

		if (probe_kernel_write((void *)(addr + i), &byte, 1) &&
		    write_text_byte(addr + i, byte))
			return -EFAULT;
	}
	return 0;
}

/* ---- Stopping and releasing the other CPUs ---- */

static void publish(int cpu, struct pt_regs *regs)
{
	state.cpus[cpu].task = current;
	state.cpus[cpu].regs = regs;
}

/* A stopped CPU: registers out, spin until the master lets go, then
 * take the breakpoints gdb set meanwhile. */
static void wait_for_release(struct pt_regs *regs)
{
	int cpu = smp_processor_id();
	unsigned int gen = release_gen;

	publish(cpu, regs);
	__sync_fetch_and_add(&cpus_stopped, 1);
	while (release_gen == gen)
		cpu_relax();
	state.cpus[cpu].regs = NULL;
	load_debugregs();
	__sync_fetch_and_sub(&cpus_stopped, 1);
}

bool kgdb_nmi(struct pt_regs *regs)
{
	int master = __atomic_load_n(&kgdb_master, __ATOMIC_ACQUIRE);

	if (master < 0 || master == smp_processor_id())
		return false;
	wait_for_release(regs);
	return true;
}

/* NMI every other online CPU and wait (a second at most) until each
 * spins; one that never answers is left running, and gdb sees it so. */
static void roundup_cpus(int me)
{
	int others = 0, cpu;

	for_each_online_cpu(cpu)
		if (cpu != me) {
			apic_send_nmi(cpu_apic_id(cpu));
			others++;
		}
	for (int ms = 0; ms < 1000 && __atomic_load_n(&cpus_stopped, __ATOMIC_ACQUIRE) < others; ms++)
		mdelay(1);
}

static void release_cpus(void)
{
	__atomic_add_fetch(&release_gen, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&cpus_stopped, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/* ---- Entering ---- */

/* Which of DR0-DR3 fired, from DR6: the stop gdb is told about. */
static void note_hw_stop(u32 dr6)
{
	for (int i = 0; i < HW_BREAKS; i++)
		if (dr6 & (1u << i) && hw_breaks[i].used) {
			state.stop = hw_breaks[i].type == 1 ? KGDB_STOP_HWBREAK : KGDB_STOP_WATCH;
			state.watch_addr = hw_breaks[i].addr;
			state.watch_type = hw_breaks[i].type;
			return;
		}
}

/* The master's session: stop the others, talk, resume as gdb says. */
static void kgdb_session(struct pt_regs *regs, int signo, enum kgdb_stop stop, u32 dr6)
{
	int me = smp_processor_id();

	memset(state.cpus, 0, sizeof(state.cpus));
	state.cpu = me;
	state.signo = signo;
	state.stop = stop;
	if (dr6 & 0xf)
		note_hw_stop(dr6);
	publish(me, regs);
	roundup_cpus(me);
	deactivate_sw_breaks();
	int how = gdbstub_session(&state);

	stepping = how == 's';
	if (stepping)
		regs->eflags |= X86_EFLAGS_TF;
	else
		regs->eflags &= ~X86_EFLAGS_TF;
	if (state.stop == KGDB_STOP_HWBREAK)
		regs->eflags |= X86_EFLAGS_RF;  /* run the instruction it stopped on */
	activate_sw_breaks();
	load_debugregs();
	state.cpus[me].regs = NULL;
	hung_task_forget_stall();               /* the stop was no task's doing */
	release_cpus();
}

/* Become the master and hold a session, or - another CPU is the master
 * already - wait like a stopped CPU.  False: the caller should go on as
 * if the stub were not there (it is not configured). */
static bool enter(struct pt_regs *regs, int signo, enum kgdb_stop stop, u32 dr6)
{
	int me = smp_processor_id(), none = -1;

	if (kgdb_line < 0)
		return false;
	unsigned long flags = local_irq_save();

	if (__atomic_compare_exchange_n(&kgdb_master, &none, me, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE)) {
		kgdb_session(regs, signo, stop, dr6);
		__atomic_store_n(&kgdb_master, -1, __ATOMIC_RELEASE);
	} else if (none != me) {
		wait_for_release(regs);
	}
	local_irq_restore(flags);
	return true;
}

/* int3 traps with eip past it: one of gdb's breakpoints is reported (and
 * resumed) at its own address, an int3 compiled into the kernel after it.
 * A CPU that met a breakpoint gdb has since taken out (the byte is back)
 * backs up and runs the instruction; one that met a breakpoint while
 * another CPU is the master backs up too, and meets it again once
 * released if it is still there. */
static bool handle_int3(struct pt_regs *regs)
{
	unsigned long at = regs->eip - 1;
	u8 byte = INT3;

	if (find_sw_break(at)) {
		regs->eip = at;
		return enter(regs, SIGTRAP, KGDB_STOP_SWBREAK, 0);
	}
	if (probe_kernel_read(&byte, (void *)at, 1) == 0 && byte != INT3) {
		regs->eip = at;
		if (__atomic_load_n(&kgdb_master, __ATOMIC_ACQUIRE) >= 0)
			kgdb_nmi(regs);
		return true;
	}
	return !user_mode(regs) && enter(regs, SIGTRAP, KGDB_STOP_TRAP, 0);
}

static bool handle_debug(struct pt_regs *regs)
{
	u32 dr6 = read_dr6();

	write_dr6(0);
	if (dr6 & DR6_BS && stepping) {
		stepping = false;
		return enter(regs, SIGTRAP, KGDB_STOP_TRAP, 0);
	}
	if (dr6 & (u32)hw_used_mask())
		return enter(regs, SIGTRAP, KGDB_STOP_TRAP, dr6);
	return false;
}

bool kgdb_handle_trap(struct pt_regs *regs)
{
	if (kgdb_line < 0)
		return false;
	return regs->vector == X86_TRAP_BP ? handle_int3(regs) : handle_debug(regs);
}

void kgdb_breakpoint(void)
{
	if (kgdb_line >= 0)
		asm volatile("int3");
}

void kgdb_oops(struct pt_regs *regs, int signo)
{
	if (kgdb_line < 0 || oops_entered)
		return;
	oops_entered = true;
	printk(KERN_EMERG "kgdb: oops: waiting for gdb on ttyS%d\n", kgdb_line);
	enter(regs, signo, KGDB_STOP_TRAP, 0);
}

void kgdb_panic(void)
{
	if (kgdb_line < 0 || oops_entered)
		return;
	oops_entered = true;
	printk(KERN_EMERG "kgdb: panic: waiting for gdb on ttyS%d\n", kgdb_line);
	kgdb_breakpoint();
}

/* The line's receive interrupt while the kernel runs: Ctrl-C, or gdb
 * starting to talk, stops it where it was interrupted. */
static void kgdb_rx_interrupt(struct pt_regs *regs)
{
	int c;

	while ((c = serial_port_getc(kgdb_line)) >= 0)
		if (gdbstub_break_in_byte(c)) {
			enter(regs, SIGINT, KGDB_STOP_TRAP, 0);
			return;
		}
}

static int cmd_kgdb(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (kgdb_line < 0) {
		mprintf("kgdb: no stub (boot with kgdboc=ttyS1)\n");
		return -1;
	}
	mprintf("kgdb: stopped; gdb on ttyS%d takes over\n", kgdb_line);
	kgdb_breakpoint();
	return 0;
}
MONITOR_CMD("kgdb", "stop in the in-kernel gdb stub (kgdboc=ttyS1)", cmd_kgdb);

void kgdb_cpu_init(void)
{
	if (kgdb_line >= 0)
		load_debugregs();
}

void kgdb_init(void)
{
	if (kgdb_line < 0)
		return;
	if (!serial_port_init(kgdb_line)) {
		pr_err("kgdb: no UART on ttyS%d: no stub\n", kgdb_line);
		kgdb_line = -1;
		return;
	}
	serial_port_enable_rx(kgdb_line, kgdb_rx_interrupt, "kgdb");
	pr_notice("kgdb: gdb remote stub on ttyS%d (115200 8N1)\n", kgdb_line);
	if (kgdbwait) {
		pr_notice("kgdb: waiting for gdb to connect (kgdbwait)\n");
		kgdb_breakpoint();
	}
}
