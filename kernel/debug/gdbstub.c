/*
 * kernel/debug/gdbstub.c - gdb's remote serial protocol over a serial
 * line, for the stub of kernel/debug/kgdb.c.
 *
 * A packet is $data#cc: cc is the sum of data's bytes modulo 256 in hex;
 * the receiver answers + (taken) or - (send it again).  gdb sends
 * commands, the stub answers each with one packet; "c" or "s" resume the
 * kernel and the next stop is reported by an unasked stop reply
 * ("T05thread:1;swbreak:;").  Registers and memory travel in hex, X's
 * data in binary with }-escapes.  Threads are the kernel's tasks (thread
 * id = pid), so `info threads` lists them and `thread N` + `bt` walks a
 * sleeping task's kernel stack from the context switch_to_asm saved;
 * besides, each CPU is a thread (CPU_TID + cpu) with the registers it
 * stopped with - the only thread an idle CPU has, since idle tasks share
 * pid 0.  `monitor CMD` (qRcmd) runs a kernel monitor command with its
 * output sent to gdb.
 *
 * Data: in_buf and out_buf (one packet each way, PacketSize bytes),
 * pushback (a byte the receive interrupt read: the start of gdb's first
 * packet), connected (gdb has spoken since the last detach: a stop is
 * reported to it unasked), selected (the thread of g/G/p/P, 0: the
 * current one).
 * Locking: none - only the master CPU runs this, with the others stopped
 * and interrupts off (kernel/debug/kgdb.c).
 */
#include "kernel/debug/kgdb.h"
#include "drivers/tty/serial.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/thread_info.h"
#include "kernel/arch/x86.h"
#include "kernel/debug/monitor.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define BUFMAX 4096                     /* PacketSize=1000 (hex) */
#define CPU_TID 0x10000000              /* thread id of CPU 0; CPU n is + n */
#define MAX_THREADS 4096                /* a task list walk stops there */
#define NR_GREGS 16                     /* eax..gs; then the x87 registers */

static char in_buf[BUFMAX + 1], out_buf[BUFMAX + 1];
static int pushback = -1;
static bool connected, break_in_by_packet;
static int selected;

static const char hexchars[] = "0123456789abcdef";

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- Packets ---- */

static int getc(void)
{
	int c = pushback;

	if (c >= 0) {
		pushback = -1;
		return c;
	}
	while ((c = serial_port_getc(kgdb_line)) < 0)
		cpu_relax();
	return c;
}

static void putc(char c)
{
	serial_port_putc(kgdb_line, (u8)c);
}

/* The next good packet's data into in_buf: its length, or -1 for one
 * longer than the buffer (taken, so that gdb does not send it again, and
 * answered with an error). */
static int get_packet(void)
{
	for (;;) {
		int c, n = 0, len = 0;
		u8 sum = 0;

		while ((c = getc()) != '$')
			;
		while ((c = getc()) != '#') {
			if (c == '$') {                 /* gdb started over */
				n = len = 0;
				sum = 0;
				continue;
			}
			sum += (u8)c;
			if (n < BUFMAX)
				in_buf[n++] = (char)c;
			len++;
		}
		int hi = hexval(getc()), lo = hexval(getc());

		if (hi < 0 || lo < 0 || (hi << 4 | lo) != sum) {
			putc('-');
			continue;
		}
		putc('+');
		connected = true;
		in_buf[n] = '\0';
		return len > BUFMAX ? -1 : n;
	}
}

/* Send data until gdb takes it; a '$' instead of the + means gdb has
 * moved on to its next packet: it is kept for get_packet. */
static void put_packet(const char *data)
{
	for (;;) {
		u8 sum = 0;

		putc('$');
		for (const char *p = data; *p; p++) {
			putc(*p);
			sum += (u8)*p;
		}
		putc('#');
		putc(hexchars[sum >> 4]);
		putc(hexchars[sum & 15]);
		int c;

		while ((c = getc()) != '+' && c != '-' && c != '$')
			;
		if (c == '+')
			return;
		if (c == '$') {
			pushback = c;
			return;
		}
	}
}

bool gdbstub_break_in_byte(int c)
{
	if (c == '$') {
		pushback = c;
		break_in_by_packet = true;
	}
	return c == 0x03 || c == '$';
}

/* ---- Hex ---- */

static char *put_hex_bytes(char *out, const void *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		u8 b = ((const u8 *)src)[i];

		*out++ = hexchars[b >> 4];
		*out++ = hexchars[b & 15];
	}
	*out = '\0';
	return out;
}

/* Hex digits to bytes: the count, or -1 at a non-hex character. */
static int get_hex_bytes(const char *in, u8 *dst, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(in[2 * i]), lo = hi < 0 ? -1 : hexval(in[2 * i + 1]);

		if (lo < 0)
			return -1;
		dst[i] = (u8)(hi << 4 | lo);
	}
	return (int)n;
}

/* A hex number at *p, moving past it. */
static unsigned long get_hex(const char **p)
{
	unsigned long v = 0;
	int d;

	while ((d = hexval(**p)) >= 0) {
		v = v << 4 | (unsigned long)d;
		(*p)++;
	}
	return v;
}

static void reply_error(int err)
{
	snprintf(out_buf, sizeof(out_buf), "E%02x", err < 0 ? -err : err);
}

/* ---- Threads ---- */

static int tid_of(const struct kgdb_state *ks, int cpu)
{
	const struct task_struct *t = ks->cpus[cpu].task;

	return t && t->pid > 0 ? t->pid : CPU_TID + cpu;
}

static struct task_struct *find_task(int pid)
{
	struct task_struct *t;
	int n = 0;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return t;
		else if (++n > MAX_THREADS)
			break;
	return NULL;
}

/* The CPU whose stop registers are thread tid's, or -1. */
static int cpu_of_tid(const struct kgdb_state *ks, int tid)
{
	if (tid >= CPU_TID && tid < CPU_TID + NR_CPUS)
		return ks->cpus[tid - CPU_TID].regs ? tid - CPU_TID : -1;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (ks->cpus[cpu].regs && ks->cpus[cpu].task && ks->cpus[cpu].task->pid == tid)
			return cpu;
	return -1;
}

static bool thread_exists(const struct kgdb_state *ks, int tid)
{
	return cpu_of_tid(ks, tid) >= 0 || (tid > 0 && tid < CPU_TID && find_task(tid));
}

static int current_tid(const struct kgdb_state *ks)
{
	return selected ? selected : tid_of(ks, ks->cpu);
}

/* qfThreadInfo / qsThreadInfo: every task with a pid, then every CPU
 * that stopped; all in the first answer while it fits. */
static void thread_list(const struct kgdb_state *ks, bool first)
{
	char *p = out_buf, *end = out_buf + BUFMAX - 16;
	struct task_struct *t;
	int n = 0;

	if (!first) {
		strcpy(out_buf, "l");
		return;
	}
	*p++ = 'm';
	list_for_each_entry(t, &task_list, tasks) {
		if (++n > MAX_THREADS || p >= end)
			break;
		if (t->pid > 0)
			p += snprintf(p, (size_t)(end - p), "%x,", t->pid);
	}
	for (int cpu = 0; cpu < NR_CPUS && p < end; cpu++)
		if (ks->cpus[cpu].regs)
			p += snprintf(p, (size_t)(end - p), "%x,", CPU_TID + cpu);
	p[-1] = '\0';                           /* the last comma */
}

static const char *state_name(const struct task_struct *t)
{
	if (t->exit_state)
		return "zombie";
	switch (t->state) {
	case TASK_RUNNING: return "runnable";
	case TASK_INTERRUPTIBLE: return "sleeping";
	case TASK_UNINTERRUPTIBLE: return "blocked (D)";
	case TASK_STOPPED: return "stopped";
	default: return "dead";
	}
}

static void thread_extra_info(const struct kgdb_state *ks, int tid)
{
	char text[96];
	int cpu = cpu_of_tid(ks, tid);
	const struct task_struct *t = tid >= CPU_TID ? NULL : find_task(tid);

	if (tid >= CPU_TID && cpu >= 0)
		snprintf(text, sizeof(text), "CPU %d, running %s/%d", cpu,
			 ks->cpus[cpu].task->comm, ks->cpus[cpu].task->pid);
	else if (t && cpu >= 0)
		snprintf(text, sizeof(text), "%s, running on CPU %d", t->comm, cpu);
	else if (t)
		snprintf(text, sizeof(text), "%s, %s", t->comm, state_name(t));
	else {
		reply_error(ESRCH);
		return;
	}
	put_hex_bytes(out_buf, text, strlen(text));
}

/* ---- Registers ---- */

/* gdb's i386 order: eax ecx edx ebx esp ebp esi edi eip eflags cs ss ds
 * es fs gs.  A frame from kernel mode has no esp/ss: the CPU did not
 * push them, so esp is where they would be. */
static void regs_to_gdb(const struct pt_regs *r, u32 *g)
{
	bool user = user_mode(r);
	u32 v[NR_GREGS] = { r->eax, r->ecx, r->edx, r->ebx,
			    user ? r->esp : (u32)&r->esp, r->ebp, r->esi, r->edi,
			    r->eip, r->eflags, r->cs, user ? r->ss : __KERNEL_DS,
			    r->ds, r->es, r->fs, r->gs };

	memcpy(g, v, sizeof(v));
}

static void gdb_to_regs(const u32 *g, struct pt_regs *r)
{
	r->eax = g[0], r->ecx = g[1], r->edx = g[2], r->ebx = g[3];
	if (user_mode(r))
		r->esp = g[4];
	r->ebp = g[5], r->esi = g[6], r->edi = g[7];
	r->eip = g[8], r->eflags = g[9];
	r->ds = g[12], r->es = g[13], r->fs = g[14], r->gs = g[15];
}

/* A task switched out: switch_to_asm pushed ebp, ebx, esi and edi above
 * its return address and saved esp in thread.esp.  The rest is unknown:
 * a false 0 bit mask in *known. */
static void sleeping_regs(const struct task_struct *t, u32 *g, u32 *known)
{
	const u32 *sp = (const u32 *)t->thread.esp;
	u32 saved[5] = { 0 };

	memset(g, 0, NR_GREGS * sizeof(u32));
	*known = 0;
	if (kgdb_read_mem(saved, (unsigned long)sp, sizeof(saved)))
		return;
	g[7] = saved[0], g[6] = saved[1], g[3] = saved[2], g[5] = saved[3], g[8] = saved[4];
	g[4] = t->thread.esp + sizeof(saved);
	g[10] = __KERNEL_CS, g[11] = __KERNEL_DS;
	*known = 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 10 | 1u << 11;
}

/* Thread tid's registers and which of them are known; false: none. */
static bool thread_regs(const struct kgdb_state *ks, int tid, u32 *g, u32 *known)
{
	int cpu = cpu_of_tid(ks, tid);
	const struct task_struct *t;

	if (cpu >= 0) {
		regs_to_gdb(ks->cpus[cpu].regs, g);
		*known = (1u << NR_GREGS) - 1;
		return true;
	}
	t = tid > 0 && tid < CPU_TID ? find_task(tid) : NULL;
	if (!t)
		return false;
	sleeping_regs(t, g, known);
	return true;
}

/* x87 registers: 8 of 10 bytes, 8 of 4; the stub does not read them. */
static char *put_unavailable_fpu(char *p)
{
	for (int i = 0; i < 8 * 20 + 8 * 8; i++)
		*p++ = 'x';
	*p = '\0';
	return p;
}

static void read_registers(const struct kgdb_state *ks)
{
	u32 g[NR_GREGS], known;
	char *p = out_buf;

	if (!thread_regs(ks, current_tid(ks), g, &known)) {
		reply_error(ESRCH);
		return;
	}
	for (int i = 0; i < NR_GREGS; i++)
		if (known & (1u << i)) {
			p = put_hex_bytes(p, &g[i], 4);
		} else {
			memset(p, 'x', 8);
			p += 8;
		}
	put_unavailable_fpu(p);
}

static struct pt_regs *writable_regs(const struct kgdb_state *ks)
{
	int cpu = cpu_of_tid(ks, current_tid(ks));

	return cpu >= 0 ? ks->cpus[cpu].regs : NULL;
}

static void write_registers(const struct kgdb_state *ks, const char *hex)
{
	struct pt_regs *r = writable_regs(ks);
	u32 g[NR_GREGS];

	if (!r || get_hex_bytes(hex, (u8 *)g, sizeof(g)) < 0) {
		reply_error(r ? EINVAL : EPERM);
		return;
	}
	gdb_to_regs(g, r);
	strcpy(out_buf, "OK");
}

static void read_register(const struct kgdb_state *ks, const char *args)
{
	unsigned long n = get_hex(&args);
	u32 g[NR_GREGS], known;

	if (n >= NR_GREGS) {
		memset(out_buf, 'x', n < NR_GREGS + 8 ? 20 : 8);
		out_buf[n < NR_GREGS + 8 ? 20 : 8] = '\0';
		return;
	}
	if (!thread_regs(ks, current_tid(ks), g, &known))
		reply_error(ESRCH);
	else if (!(known & (1u << n)))
		strcpy(out_buf, "xxxxxxxx");
	else
		put_hex_bytes(out_buf, &g[n], 4);
}

static void write_register(const struct kgdb_state *ks, const char *args)
{
	unsigned long n = get_hex(&args);
	struct pt_regs *r = writable_regs(ks);
	u32 g[NR_GREGS], v;

	if (!r || n >= NR_GREGS || *args != '=' || get_hex_bytes(args + 1, (u8 *)&v, 4) < 0) {
		reply_error(EINVAL);
		return;
	}
	regs_to_gdb(r, g);
	g[n] = v;
	gdb_to_regs(g, r);
	strcpy(out_buf, "OK");
}

/* ---- Memory ---- */

static void read_memory(const char *args)
{
	unsigned long addr = get_hex(&args), len;
	u8 buf[BUFMAX / 2];

	if (*args++ != ',') {
		reply_error(EINVAL);
		return;
	}
	len = min(get_hex(&args), (unsigned long)sizeof(buf));
	if (kgdb_read_mem(buf, addr, len))
		reply_error(EFAULT);
	else
		put_hex_bytes(out_buf, buf, len);
}

/* M addr,len:hex or X addr,len:binary (}-escaped: the next byte ^ 0x20). */
static void write_memory(const char *args, int n, bool binary)
{
	const char *end = in_buf + n;
	unsigned long addr = get_hex(&args), len;
	u8 buf[BUFMAX];
	size_t got = 0;

	if (*args++ != ',') {
		reply_error(EINVAL);
		return;
	}
	len = get_hex(&args);
	if (*args++ != ':' || len > sizeof(buf)) {
		reply_error(EINVAL);
		return;
	}
	if (binary) {
		for (; args < end && got < len; args++)
			buf[got++] = *args == '}' && args + 1 < end ? (u8)(*++args ^ 0x20) : (u8)*args;
	} else if (get_hex_bytes(args, buf, len) == (int)len) {
		got = len;
	}
	if (got != len)
		reply_error(EINVAL);
	else if (kgdb_write_mem(addr, buf, len))
		reply_error(EFAULT);
	else
		strcpy(out_buf, "OK");
}

/* ---- Breakpoints ---- */

static void breakpoint(const char *args, bool set)
{
	int type = args[0] - '0';
	unsigned long addr, len;

	args += 1;
	if (type < 0 || type > 4 || *args++ != ',') {
		out_buf[0] = '\0';              /* not a kind we know: unsupported */
		return;
	}
	addr = get_hex(&args);
	len = *args == ',' ? (args++, get_hex(&args)) : 1;
	int err = set ? kgdb_set_break(type, addr, (int)len)
		      : kgdb_remove_break(type, addr, (int)len);

	if (err)
		reply_error(err);
	else
		strcpy(out_buf, "OK");
}

/* ---- Stop replies ---- */

static void stop_reply(const struct kgdb_state *ks)
{
	static const char *const watch_names[] = { [2] = "watch", [3] = "rwatch", [4] = "awatch" };
	int n = snprintf(out_buf, sizeof(out_buf), "T%02xthread:%x;", ks->signo,
			 tid_of(ks, ks->cpu));

	if (ks->stop == KGDB_STOP_SWBREAK)
		strcpy(out_buf + n, "swbreak:;");
	else if (ks->stop == KGDB_STOP_HWBREAK)
		strcpy(out_buf + n, "hwbreak:;");
	else if (ks->stop == KGDB_STOP_WATCH)
		snprintf(out_buf + n, sizeof(out_buf) - (size_t)n, "%s:%lx;",
			 watch_names[ks->watch_type], ks->watch_addr);
}

/* ---- Queries ---- */

static const char target_xml[] =
	"<?xml version=\"1.0\"?>"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
	"<target version=\"1.0\"><architecture>i386</architecture>"
	"<feature name=\"org.gnu.gdb.i386.core\">"
	"<reg name=\"eax\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"ecx\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"edx\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"ebx\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"esp\" bitsize=\"32\" type=\"data_ptr\"/>"
	"<reg name=\"ebp\" bitsize=\"32\" type=\"data_ptr\"/>"
	"<reg name=\"esi\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"edi\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>"
	"<reg name=\"eflags\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>"
	"<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st1\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st2\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st3\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st4\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st5\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st6\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"st7\" bitsize=\"80\" type=\"i387_ext\"/>"
	"<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"</feature></target>";

/* qXfer:features:read:target.xml:OFFSET,LENGTH */
static void read_features(const char *args)
{
	const char *annex = "target.xml:";
	size_t total = sizeof(target_xml) - 1;

	if (strncmp(args, annex, strlen(annex))) {
		reply_error(ENOENT);
		return;
	}
	args += strlen(annex);
	unsigned long off = get_hex(&args), len = (args++, get_hex(&args));

	if (off >= total) {
		strcpy(out_buf, "l");
		return;
	}
	len = min(min(len, (unsigned long)(total - off)), (unsigned long)BUFMAX - 2);
	out_buf[0] = off + len == total ? 'l' : 'm';
	memcpy(out_buf + 1, target_xml + off, len);
	out_buf[len + 1] = '\0';
}

/* monitor output, as 'O' packets of hex, while qRcmd runs a command. */
static void console_to_gdb(const char *s, size_t n)
{
	while (n) {
		size_t chunk = min(n, (size_t)(BUFMAX - 2) / 2);

		out_buf[0] = 'O';
		put_hex_bytes(out_buf + 1, s, chunk);
		put_packet(out_buf);
		s += chunk;
		n -= chunk;
	}
}

/* A CPU stopped with preemption off may hold a spinlock the command would
 * wait for, with that CPU never to release it: refuse then.  The idle
 * task runs with preemption off by design, and holds nothing there. */
static int cpu_maybe_holding_locks(const struct kgdb_state *ks)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct task_struct *t = ks->cpus[cpu].task;

		if (!ks->cpus[cpu].regs || !t)
			continue;
		int depth = t->thread_info->preempt_count & (int)PREEMPT_MASK;

		if (depth > (t->pid == 0 ? 1 : 0))
			return cpu;
	}
	return -1;
}

static void monitor_command(const struct kgdb_state *ks, const char *hex)
{
	char line[256];
	size_t n = strlen(hex) / 2;
	int busy = cpu_maybe_holding_locks(ks);

	if (n >= sizeof(line) || get_hex_bytes(hex, (u8 *)line, n) < 0) {
		reply_error(EINVAL);
		return;
	}
	line[n] = '\0';
	if (busy >= 0) {
		snprintf(line, sizeof(line), "monitor: CPU %d stopped with preemption off (a lock "
			 "it holds could hang the command): continue, and stop elsewhere\n", busy);
		console_to_gdb(line, strlen(line));
	} else {
		monitor_set_output(console_to_gdb);
		monitor_exec(line);
		monitor_set_output(NULL);
	}
	strcpy(out_buf, "OK");
}

static void query(const struct kgdb_state *ks, const char *q)
{
	if (!strncmp(q, "Supported", 9))
		strcpy(out_buf, "PacketSize=1000;qXfer:features:read+;swbreak+;hwbreak+");
	else if (!strcmp(q, "Attached"))
		strcpy(out_buf, "1");
	else if (!strcmp(q, "C"))
		snprintf(out_buf, sizeof(out_buf), "QC%x", tid_of(ks, ks->cpu));
	else if (!strcmp(q, "fThreadInfo") || !strcmp(q, "sThreadInfo"))
		thread_list(ks, q[0] == 'f');
	else if (!strncmp(q, "ThreadExtraInfo,", 16))
		thread_extra_info(ks, (int)get_hex(&(const char *){ q + 16 }));
	else if (!strncmp(q, "Xfer:features:read:", 19))
		read_features(q + 19);
	else if (!strncmp(q, "Rcmd,", 5))
		monitor_command(ks, q + 5);
	else
		out_buf[0] = '\0';              /* unsupported: an empty reply */
}

/* H op thread: the thread g/G/p/P act on (0 or -1: the current one). */
static void set_thread(const struct kgdb_state *ks, const char *args)
{
	int tid = args[1] == '-' ? -1 : (int)get_hex(&(const char *){ args + 1 });

	if (args[0] != 'g') {
		strcpy(out_buf, "OK");          /* c and s always resume every CPU */
	} else if (tid <= 0 || thread_exists(ks, tid)) {
		selected = tid > 0 ? tid : 0;
		strcpy(out_buf, "OK");
	} else {
		reply_error(ESRCH);
	}
}

/* c/s [addr], or C/S sig[;addr]: resume there, or where it stopped.  A
 * signal means nothing to a kernel (gdb passes the one it stopped with,
 * an oops's SIGSEGV): it is dropped. */
static int resume(struct kgdb_state *ks, const char *args)
{
	struct pt_regs *r = ks->cpus[ks->cpu].regs;

	if (in_buf[0] == 'C' || in_buf[0] == 'S') {
		get_hex(&args);
		args += *args == ';';
	}
	if (*args)
		r->eip = (u32)get_hex(&args);
	return in_buf[0] == 'S' || in_buf[0] == 's' ? 's' : 'c';
}

/* One command; true when it resumes the kernel (*how: 'c', 's' or 'D'). */
static bool dispatch(struct kgdb_state *ks, int n, int *how)
{
	const char *args = in_buf + 1;

	out_buf[0] = '\0';
	switch (in_buf[0]) {
	case '?': stop_reply(ks); break;
	case 'g': read_registers(ks); break;
	case 'G': write_registers(ks, args); break;
	case 'p': read_register(ks, args); break;
	case 'P': write_register(ks, args); break;
	case 'm': read_memory(args); break;
	case 'M': write_memory(args, n, false); break;
	case 'X': write_memory(args, n, true); break;
	case 'Z': breakpoint(args, true); break;
	case 'z': breakpoint(args, false); break;
	case 'H': set_thread(ks, args); break;
	case 'T':
		if (thread_exists(ks, (int)get_hex(&args)))
			strcpy(out_buf, "OK");
		else
			reply_error(ESRCH);
		break;
	case 'q': query(ks, args); break;
	case 'c':
	case 's':
	case 'C':
	case 'S':
		*how = resume(ks, args);
		return true;
	case 'D':
	case 'k':
		kgdb_remove_all_breaks();
		connected = false;
		if (in_buf[0] == 'D')
			put_packet("OK");
		*how = 'D';
		return true;
	}
	put_packet(out_buf);
	return false;
}

int gdbstub_session(struct kgdb_state *ks)
{
	int how = 'c';

	selected = 0;
	if (connected && !break_in_by_packet) {         /* gdb waits to hear why */
		stop_reply(ks);
		put_packet(out_buf);
	}
	break_in_by_packet = false;
	for (;;) {
		int n = get_packet();

		if (n < 0) {
			reply_error(ENOSPC);
			put_packet(out_buf);
			continue;
		}
		if (dispatch(ks, n, &how))
			return how;
	}
}
