/*
 * kernel/test_kernel.c - ktests for the foundation: exceptions (caught,
 * fixed up, reported), the symbol table, command-line dispatch, printk and
 * the log buffer, WARN_ON's backtrace, the boot memory map, and time.
 *
 * No shared data; each test sets up what it needs.  Runs on the boot CPU
 * with interrupts enabled.
 */
#include "kernel/arch/extable.h"
#include "kernel/arch/multiboot.h"
#include "kernel/arch/traps.h"
#include "kernel/debug/ktest.h"
#include "kernel/kallsyms.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/maccess.h"

#define EFAULT 14

static int probe_read(const u32 *addr, u32 *val)
{
	return (int)probe_kernel_read(val, addr, sizeof(*val));
}

static int probe_write(u32 *addr, u32 val)
{
	return (int)probe_kernel_write(addr, &val, sizeof(val));
}

KTEST(trap, pagefault_fixup)
{
	unsigned long before = last_fixup.count;
	u32 val = 0xdeadbeef;

	KEXPECT_EQ(probe_read((u32 *)0x10, &val), -EFAULT);
	KEXPECT_EQ(last_fixup.count, before + 1);
	KEXPECT_EQ(last_fixup.vector, 14);
	KEXPECT_EQ(last_fixup.cr2, 0x10);
}

KTEST(trap, kernel_text_and_rodata_are_read_only)
{
	extern char _text[];
	static const u32 constant = 42;
	static u32 variable = 1;

	KEXPECT_EQ(probe_write((u32 *)_text, 0), -EFAULT);
	KEXPECT_EQ(last_fixup.vector, 14);
	KEXPECT_EQ(last_fixup.error_code & 3, 3);               /* present, write */
	KEXPECT_EQ(probe_write((u32 *)&constant, 7), -EFAULT);
	KEXPECT_EQ(constant, 42);
	KEXPECT_EQ(probe_write(&variable, 7), 0);
	KEXPECT_EQ(variable, 7);
}

KTEST(trap, fixup_not_taken_on_success)
{
	static u32 word = 0x12345678;
	unsigned long before = last_fixup.count;
	u32 val = 0;

	KEXPECT_EQ(probe_read(&word, &val), 0);
	KEXPECT_EQ(val, 0x12345678);
	KEXPECT_EQ(last_fixup.count, before);
}

/* Divide by zero under a fixup: returns -1 instead of the quotient. */
static int probe_divide(u32 dividend, u32 divisor)
{
	int result;

	asm volatile("1:	divl %2\n"
		     "	jmp 3f\n"
		     "2:	movl $-1, %0\n"
		     "3:\n" _ASM_EXTABLE(1b, 2b)
		     : "=a"(result)
		     : "a"(dividend), "r"(divisor), "d"(0)
		     : "memory");
	return result;
}

KTEST(trap, divide_error_fixup)
{
	KEXPECT_EQ(probe_divide(42, 6), 7);
	KEXPECT_EQ(probe_divide(42, 0), -1);
	KEXPECT_EQ(last_fixup.vector, 0);
}

KTEST(trap, int3_reported_and_resumed)
{
	unsigned long before = int3_count;
	size_t log_mark = log_buf_len();

	asm volatile("int3" : : : "memory");
	KEXPECT_EQ(int3_count, before + 1);
	KEXPECT(log_buf_contains("int3: breakpoint at ktest_trap_int3_reported_and_resumed+",
				 log_mark));
	KEXPECT(log_buf_contains("EIP: 0008:", log_mark));
}

KTEST(trap, warn_on_prints_symbolized_trace)
{
	size_t log_mark = log_buf_len();
	volatile int one = 1;

	KEXPECT(WARN_ON(one == 1));
	KEXPECT(!WARN_ON(one == 2));
	KEXPECT(log_buf_contains("WARNING: at kernel/test_kernel.c:", log_mark));
	KEXPECT(log_buf_contains("Call Trace:", log_mark));
	KEXPECT(log_buf_contains("ktest_trap_warn_on_prints_symbolized_trace+", log_mark));
	KEXPECT(log_buf_contains("ktest_run+", log_mark));
}

/* A chain that leaves the kernel stack - here the %ebp a user program
 * had at a system call, 0xfffffffc - ends the walk instead of a read at
 * a wrapped-around address. */
KTEST(trap, stack_walk_stops_at_a_user_ebp)
{
	unsigned long frames[4] = { 0, 0, 0xfffffffc, 0xc0100000 }, trace[4];

	frames[0] = (unsigned long)&frames[2];
	frames[1] = 0xc0100001;
	KEXPECT_EQ(save_stack_trace((unsigned long)frames, trace, 4), 2);
	KEXPECT_EQ(trace[0], 0xc0100000);
	KEXPECT_EQ(save_stack_trace(0xfffffffc, trace, 4), 0);
	KEXPECT_EQ(save_stack_trace(0, trace, 4), 0);           /* a new task's frame */
	KEXPECT_EQ(save_stack_trace(0x1000, trace, 4), 0);      /* a low user ebp */
}

KTEST(kallsyms, lookup_address)
{
	unsigned long addr = (unsigned long)&printk, size = 0, offset = 99;
	const char *name = kallsyms_lookup(addr + 3, &size, &offset);

	KEXPECT(name != NULL);
	if (name)
		KEXPECT_STREQ(name, "printk");
	KEXPECT_EQ(offset, 3);
	KEXPECT(size > 3);
}

KTEST(kallsyms, lookup_name)
{
	KEXPECT_EQ(kallsyms_lookup_name("kallsyms_lookup"), (unsigned long)&kallsyms_lookup);
	KEXPECT_EQ(kallsyms_lookup_name("no_such_symbol_anywhere"), 0);
}

KTEST(kallsyms, outside_text_is_unknown)
{
	static int data_object;
	char buf[64];

	KEXPECT(kallsyms_lookup((unsigned long)&data_object, NULL, NULL) == NULL);
	KEXPECT(kallsyms_lookup(0x1000, NULL, NULL) == NULL);
	sprint_symbol(buf, sizeof(buf), 0x1000);
	KEXPECT_STREQ(buf, "0x00001000");
}

KTEST(kallsyms, table_sorted)
{
	for (unsigned int i = 1; i < kallsyms_num; i++)
		if (kallsyms_table[i].addr < kallsyms_table[i - 1].addr)
			ktest_fail(__FILE__, __LINE__, "entry %u out of order", i);
	KEXPECT(kallsyms_num > 50);
}

static char seen_alpha[32];
static int seen_beta;
static bool beta_without_value;

static int test_alpha(char *val)
{
	if (!val)
		return -1;
	strlcpy(seen_alpha, val, sizeof(seen_alpha));
	return 0;
}

static int test_beta(char *val)
{
	seen_beta++;
	beta_without_value = val == NULL;
	return 0;
}

static const struct kernel_param test_params[] = {
	{ "alpha", test_alpha },
	{ "beta", test_beta },
};

KTEST(params, dispatch_known_and_collect_unknown)
{
	char args[] = "alpha=\"x y\" quiet beta panic=-1 ";
	char unknown[64];

	seen_beta = 0;
	KEXPECT_EQ(parse_args(args, test_params, test_params + 2, unknown, sizeof(unknown)), 2);
	KEXPECT_STREQ(seen_alpha, "x y");
	KEXPECT_EQ(seen_beta, 1);
	KEXPECT(beta_without_value);
	KEXPECT_STREQ(unknown, "quiet panic");
}

KTEST(params, invalid_value_reported)
{
	char args[] = "alpha";
	char unknown[16];
	size_t log_mark = log_buf_len();

	KEXPECT_EQ(parse_args(args, test_params, test_params + 2, unknown, sizeof(unknown)), 0);
	KEXPECT(log_buf_contains("kernel parameter alpha: invalid value", log_mark));
}

KTEST(params, empty_line)
{
	char args[] = "   ";
	char unknown[16] = "junk";

	KEXPECT_EQ(parse_args(args, test_params, test_params + 2, unknown, sizeof(unknown)), 0);
	KEXPECT_STREQ(unknown, "");
}

KTEST(printk, timestamp_and_log)
{
	size_t log_mark = log_buf_len();

	printk(KERN_DEBUG "ktest marker %d\n", 4711);
	KEXPECT(log_buf_contains("ktest marker 4711\n", log_mark));
	KEXPECT(log_buf_contains("] ktest marker", log_mark));
	KEXPECT(log_buf_contains("[", log_mark));
	KEXPECT(!log_buf_contains("\001", log_mark));
}

KTEST(printk, continuation_stays_on_line)
{
	size_t log_mark = log_buf_len();

	printk(KERN_INFO "part one,");
	pr_cont(" part two\n");
	KEXPECT(log_buf_contains("part one, part two\n", log_mark));
}

KTEST(boot, memory_map)
{
	bool low_usable = false;

	KEXPECT(boot_params.nr_ranges > 0);
	KEXPECT(usable_ram_kb() >= 16 * 1024);
	for (unsigned int i = 0; i < boot_params.nr_ranges; i++) {
		const struct mem_range *r = &boot_params.ranges[i];

		if (r->type == MEM_USABLE && r->start <= 0x100000 &&
		    r->start + r->len >= 0x200000)
			low_usable = true;
	}
	KEXPECT(low_usable);            /* the kernel was loaded at 1 MiB */
}

KTEST(time, tsc_calibrated_and_monotonic)
{
	u64 a = ktime_get_ns();

	udelay(1000);
	KEXPECT(tsc_khz > 1000);
	KEXPECT(ktime_get_ns() > a);
}

KTEST(time, tick_advances_jiffies)
{
	unsigned long start = jiffies;
	u64 deadline = ktime_get_ns() + 2000000000ull;

	while (time_before(jiffies, start + 3) && ktime_get_ns() < deadline)
		asm volatile("hlt");
	KEXPECT(time_after_eq(jiffies, start + 3));
}
