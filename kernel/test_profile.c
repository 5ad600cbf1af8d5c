/*
 * kernel/test_profile.c - ktests for the kernel profiler (kernel/profile.c):
 * a tick is counted in the function holding the interrupted eip, a tick
 * from user mode as [user]; /proc/profile lists the functions most ticks
 * first with their share; a reset starts every count from 0.  The ticks
 * here are made by hand (profile_tick with a pt_regs of our choosing);
 * the timer's real ticks may add to the counts meanwhile, so counts are
 * compared as at least.  Profiling, once enabled here, stays on.
 * Locking: none (atomic counters).
 */
#include "fs/seq_file.h"
#include "kernel/debug/ktest.h"
#include "kernel/kallsyms.h"
#include "kernel/profile.h"
#include "lib/string.h"
#include "mm/slab.h"

/* n ticks as if the timer interrupted fn, a few bytes in. */
static void ticks_in(void *fn, unsigned int n)
{
	struct pt_regs regs = { .eip = (u32)(unsigned long)fn + 3, .cs = 0x08 };

	while (n--)
		profile_tick(&regs);
}

KTEST(profile, a_tick_is_counted_in_the_function_it_interrupted)
{
	int seq = kallsyms_index((unsigned long)seq_printf);
	struct pt_regs user = { .eip = 0x08048000, .cs = 0x1b };
	unsigned long before, user_before;

	KEXPECT_EQ(profile_enable(), 0);
	KEXPECT(seq >= 0);
	if (seq < 0)
		return;
	before = profile_hits((unsigned int)seq);
	user_before = profile_user_hits();
	ticks_in(seq_printf, 5);
	profile_tick(&user);
	KEXPECT(profile_hits((unsigned int)seq) >= before + 5);
	KEXPECT(profile_user_hits() >= user_before + 1);
	KEXPECT_EQ(profile_reset(0), 0);
	KEXPECT(profile_hits((unsigned int)seq) <= 1);   /* a real tick may land there */
}

KTEST(profile, proc_profile_lists_the_most_ticks_first_with_their_share)
{
	size_t len;
	char *text, *a, *b;

	KEXPECT_EQ(profile_enable(), 0);
	KEXPECT_EQ(profile_reset(0), 0);
	ticks_in(memcmp, 400);
	ticks_in(strlen, 100);
	text = seq_render(profile_show, NULL, &len);
	KEXPECT(text);
	if (!text)
		return;
	a = strstr(text, "  memcmp\n");
	b = strstr(text, "  strlen\n");
	KEXPECT(strstr(text, "   ticks      %  function\n") == text);
	KEXPECT(a && b && a < b);                       /* most first */
	KEXPECT(a && strstr(text, "     400  ") && a[-1] == '%');
	KEXPECT(strstr(text, "  [user]\n") && strstr(text, "  total\n"));
	kfree(text);
}
