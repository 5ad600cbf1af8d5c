/*
 * kernel/debug/monitor_cmds.c - the monitor's built-in commands: what the machine
 * is (meminfo, cpuinfo, irqs, cmdline), what happened (uptime, dmesg),
 * reading a file (cat, through the read a user's read() takes, so /proc
 * files work), looking up symbols, running ktests, and stopping (reboot, poweroff, and a
 * deliberate fault to see an oops).
 *
 * No data of its own.  Locking: run from the monitor loop only.
 */
#include "drivers/acpi.h"
#include "drivers/apic.h"
#include "drivers/tty/console.h"
#include "fs/file.h"
#include "fs/seq_file.h"
#include "kernel/arch/cpu.h"
#include "kernel/arch/irq.h"
#include "kernel/arch/multiboot.h"
#include "kernel/arch/power.h"
#include "kernel/arch/sections.h"
#include "kernel/arch/smpboot.h"
#include "kernel/arch/traps.h"
#include "kernel/debug/ktest.h"
#include "kernel/debug/monitor.h"
#include "kernel/kallsyms.h"
#include "kernel/locking/spinlock.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "kernel/workqueue.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/vmalloc.h"


static int cmd_memmap(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mprintf("Memory map from %s:\n",
		boot_params.loader[0] ? boot_params.loader : "the boot loader");
	for (unsigned int i = 0; i < boot_params.nr_ranges; i++) {
		const struct mem_range *r = &boot_params.ranges[i];

		mprintf("  [mem 0x%016llx-0x%016llx] %s\n", r->start, r->start + r->len - 1,
			mem_type_name(r->type));
	}
	u64 kb = usable_ram_kb();

	mprintf("Usable RAM:   %8llu kB (%llu MiB)\n", kb, kb >> 10);
	mprintf("Kernel image: %#010lx-%#010lx (%lu kB)\n", __pa(_text), __pa(_end) - 1,
		(unsigned long)(_end - _text) >> 10);
	mprintf("Low memory:   %8lu kB (end of the direct map; lowmem=)\n", lowmem_limit >> 10);
	for (unsigned int i = 0; i < boot_params.nr_modules; i++)
		mprintf("Module %u:     %#010x-%#010x %s\n", i, boot_params.modules[i].start,
			boot_params.modules[i].end - 1, boot_params.modules[i].cmdline);
	return 0;
}
MONITOR_CMD("memmap", "the boot loader's physical memory map", cmd_memmap);

static void print_cpu(struct seq_file *m, int cpu, const char *flags)
{
	const struct cpuinfo_x86 *c = cpu_data(cpu);

	seq_printf(m, "processor\t: %d\n", cpu);
	seq_printf(m, "vendor_id\t: %s\n", c->vendor);
	seq_printf(m, "cpu family\t: %u\nmodel\t\t: %u\n", c->family, c->model);
	seq_printf(m, "model name\t: %s\n", c->model_name);
	seq_printf(m, "stepping\t: %u\n", c->stepping);
	seq_printf(m, "cpu MHz\t\t: %u.%03u\n", tsc_khz / 1000, tsc_khz % 1000);
	seq_printf(m, "apicid\t\t: %u\n", cpu_apic_id(cpu));
	seq_printf(m, "flags\t\t: %s\n\n", flags);
}

/* /proc/cpuinfo: a block per online CPU. */
void cpuinfo_show(struct seq_file *m, void *arg)
{
	char flags[256];
	int cpu;

	(void)arg;
	cpu_flags_string(flags, sizeof(flags));
	for_each_online_cpu(cpu)
		print_cpu(m, cpu, flags);
}

static int cmd_cpuinfo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	seq_to_console(cpuinfo_show, NULL);
	mprintf("CPUs online: %d (found in the %s: %u)\n", num_online_cpus(),
		mp_config.source ? mp_config.source : "no firmware table",
		mp_config.source ? mp_config.nr_cpus_listed : 1);
	return 0;
}
MONITOR_CMD("cpuinfo", "every CPU, as CPUID describes it", cmd_cpuinfo);

static int cmd_uptime(int argc, char **argv)
{
	u64 ns = ktime_get_ns();
	u32 secs = (u32)(ns / 1000000000ull);

	(void)argc;
	(void)argv;
	mprintf("up %u:%02u:%02u (%u.%02u s), jiffies %lu at %d Hz\n", secs / 3600,
		secs / 60 % 60, secs % 60, secs, (u32)(ns / 10000000ull % 100), jiffies, HZ);
	return 0;
}
MONITOR_CMD("uptime", "time since boot", cmd_uptime);

static int cmd_dmesg(int argc, char **argv)
{
	char chunk[256];
	size_t off = 0, n;

	(void)argc;
	(void)argv;
	while ((n = log_buf_copy(chunk, sizeof(chunk), off)) > 0) {
		monitor_write(chunk, n);
		off += n;
	}
	return 0;
}
MONITOR_CMD("dmesg", "the kernel log buffer", cmd_dmesg);

static void print_apic_vectors(void)
{
	static const struct { const char *tag; unsigned int vector; const char *what; } rows[] = {
		{ "LOC", LOCAL_TIMER_VECTOR, "Local timer interrupts" },
		{ "RES", RESCHEDULE_VECTOR, "Rescheduling interrupts" },
		{ "CAL", CALL_FUNCTION_VECTOR, "Function call interrupts" },
		{ "ERR", ERROR_APIC_VECTOR, "APIC errors" },
	};
	int cpu;

	for (unsigned int i = 0; i < ARRAY_SIZE(rows); i++) {
		mprintf("%s:", rows[i].tag);
		for_each_online_cpu(cpu)
			mprintf(" %10lu", apic_vector_count(rows[i].vector, cpu));
		mprintf("  %s\n", rows[i].what);
	}
}

static int cmd_irqs(int argc, char **argv)
{
	int cpu;

	(void)argc;
	(void)argv;
	mprintf("    ");
	for_each_online_cpu(cpu)
		mprintf("       CPU%d", cpu);
	mprintf("\n");
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const char *name;

		irq_count(irq, 0, &name);
		if (!name)
			continue;
		mprintf("%3u:", irq);
		for_each_online_cpu(cpu)
			mprintf(" %10lu", irq_count(irq, cpu, &name));
		mprintf("  %s  %s\n", apic_enabled ? "IO-APIC-edge" : "XT-PIC", name);
	}
	if (apic_enabled)
		print_apic_vectors();
	return 0;
}
MONITOR_CMD("irqs", "interrupt counts per line and CPU", cmd_irqs);

static int cmd_cmdline(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mprintf("%s\n", boot_command_line);
	return 0;
}
MONITOR_CMD("cmdline", "the kernel command line", cmd_cmdline);

static int cmd_sym(int argc, char **argv)
{
	char buf[128];
	unsigned long addr;

	if (argc != 2) {
		mprintf("usage: sym ADDRESS|NAME\n");
		return -1;
	}
	addr = kallsyms_lookup_name(argv[1]);
	if (!addr && kstrtoul(argv[1], 16, &addr)) {
		mprintf("sym: no symbol '%s'\n", argv[1]);
		return -1;
	}
	sprint_symbol(buf, sizeof(buf), addr);
	mprintf("%08lx %s\n", addr, buf);
	return 0;
}
MONITOR_CMD("sym", "look up a kernel symbol by name or address", cmd_sym);

static int cmd_ktest(int argc, char **argv)
{
	return ktest_run(argc > 1 ? argv[1] : "all", printk) ? -1 : 0;
}
MONITOR_CMD("ktest", "run in-kernel tests: ktest [all|suite,...]", cmd_ktest);

/* Page 0 is never mapped.  The pointer is laundered through an asm so the
 * compiler cannot see (and complain about) a constant bad address. */
static int fault_null(void)
{
	volatile u32 *bad = (u32 *)0x10;

	asm("" : "+r"(bad));
	return (int)*bad;
}

/*
 * What a kernel stack overflow looks like: the stack pointer ends up on an
 * unmapped page, the push faults, and delivering that page fault needs the
 * same stack - a double fault, caught by its task gate.
 */
static void fault_stack(void)
{
	asm volatile("movl %0, %%esp\n\t"
		     "pushl $0" : : "r"(PAGE_SIZE) : "memory");
}

/* Kernel text is mapped read-only: writing into this very function faults. */
static void fault_text(void)
{
	volatile u8 *text = (u8 *)(unsigned long)fault_text;

	asm("" : "+r"(text));
	*text = 0xcc;
}

/* One byte past a one-page vmalloc area is its guard page. */
static void fault_vmalloc(void)
{
	volatile u8 *area = vmalloc(PAGE_SIZE);

	if (area)
		area[PAGE_SIZE] = 1;
}

/* Take a spinlock this CPU already holds: without lock_debug this would
 * spin forever; with it, the recursion is reported and the machine stops. */
static int fault_deadlock(void)
{
	static spinlock_t lock;

	if (!debug_locks) {
		mprintf("boot with lock_debug to have the recursion caught\n");
		return -1;
	}
	spin_lock_init(&lock);
	spin_lock(&lock);
	spin_lock(&lock);       /* the mistake, on purpose */
	/* Not reached: lock_debug stops the machine.  To `make check` the
	 * function must not look as if it meant to return holding it. */
	__release(&lock);
	__release(&lock);
	return 0;
}

/* A page reference dropped once too often, elsewhere and later: the
 * command owns a page and lends a reference to a worker, which puts it
 * twice - the page goes back to the buddy allocator while the command
 * still holds it, and the command's own, correct put is the one the
 * "page count underflow" report then blames.  docs/debugging.md follows
 * the page's count with a watchpoint to the real culprit. */
static struct page *lent_page;
static struct completion lent_page_back;

static void pagecount_worker(struct work_struct *work)
{
	(void)work;
	put_page(lent_page);    /* the reference it was lent */
	put_page(lent_page);    /* the mistake, on purpose */
	complete(&lent_page_back);
}

static int fault_pagecount(void)
{
	static struct work_struct work;

	lent_page = alloc_page(GFP_KERNEL);
	if (!lent_page)
		return -1;
	mprintf("page %p (pfn %#lx), count %d; a worker borrows it in 3 s\n",
		(void *)lent_page, page_to_pfn(lent_page), page_count(lent_page));
	msleep(3000);                   /* time to set a watchpoint */
	get_page(lent_page);
	init_completion(&lent_page_back);
	INIT_WORK(&work, pagecount_worker);
	schedule_work(&work);
	wait_for_completion(&lent_page_back);
	put_page(lent_page);            /* the owner is done: underflow */
	return 0;
}

static int cmd_fault(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "null";

	if (!strcmp(kind, "null")) {
		mprintf("reading 0x10: expect an oops and a panic\n");
		return fault_null();
	}
	if (!strcmp(kind, "stack")) {
		mprintf("moving the stack to an unmapped page: expect a double fault\n");
		fault_stack();
	}
	if (!strcmp(kind, "text")) {
		mprintf("writing into kernel text: expect an oops\n");
		fault_text();
	}
	if (!strcmp(kind, "vmalloc")) {
		mprintf("writing past the end of a vmalloc area: expect an oops\n");
		fault_vmalloc();
	}
	if (!strcmp(kind, "deadlock")) {
		mprintf("taking a spinlock twice: expect a recursion report (with lock_debug)\n");
		return fault_deadlock();
	}
	if (!strcmp(kind, "pagecount")) {
		mprintf("putting a page once too often: expect a bad page report\n");
		return fault_pagecount();
	}
	mprintf("usage: fault [null|stack|text|vmalloc|deadlock|pagecount]\n");
	return -1;
}
MONITOR_CMD("fault", "crash on purpose: fault [null|stack|text|vmalloc|deadlock|pagecount]",
	    cmd_fault);

/* cat PATH: a file's bytes, read as a user's read() reads them, so /proc
 * files are rendered (fs/read_write.c:kernel_read). */
static int cmd_cat(int argc, char **argv)
{
	char chunk[256];
	int err = 0;
	struct file *f = argc > 1 ? filp_open(argv[1], O_RDONLY, 0, &err) : NULL;
	u64 pos = 0;
	ssize_t n;

	if (!f) {
		mprintf(argc > 1 ? "cat: %s: error %d\n" : "usage: cat PATH\n",
			argc > 1 ? argv[1] : "", err);
		return -1;
	}
	while ((n = kernel_read(f, chunk, sizeof(chunk), &pos)) > 0)
		monitor_write(chunk, (size_t)n);
	if (n < 0)
		mprintf("cat: %s: error %d\n", argv[1], (int)n);
	fput(f);
	return n < 0 ? -1 : 0;
}
MONITOR_CMD("cat", "print a file, /proc's too: cat PATH", cmd_cat);

static int cmd_reboot(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_restart();
}
MONITOR_CMD("reboot", "restart the machine", cmd_reboot);

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_power_off();
}
MONITOR_CMD("poweroff", "power the machine off (ACPI)", cmd_poweroff);
