/*
 * kernel/arch/tls.c - thread-local storage descriptors (set_thread_area,
 * get_thread_area).
 *
 * glibc's startup asks for a GDT entry (entry_number -1: any free one)
 * whose base is its thread control block, then loads %gs with it.  Each
 * task keeps GDT_ENTRY_TLS_ENTRIES descriptors (thread.tls_array), copied
 * into its CPU's GDT whenever it is switched in (load_TLS), so every
 * process sees its own %gs base.  The user's %gs lives only in its saved
 * pt_regs: the kernel runs with null %fs/%gs (kernel/arch/entry.asm), and the
 * return to user mode replaces a selector whose descriptor has gone
 * (emptied here, or dropped by exec) with the null one.
 * Locking: a task changes only its own descriptors, with preemption off
 * while they are loaded.
 */
#include "fs/exec.h"
#include "kernel/arch/gdt.h"
#include "kernel/arch/uaccess.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"

/* struct user_desc, as Linux's asm/ldt.h lays it out. */
struct user_desc {
	u32 entry_number;
	u32 base_addr;
	u32 limit;
	u32 seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
	    seg_not_present : 1, useable : 1;
};

/* Linux's two spellings of "free this entry": all zero, or the classic
 * empty descriptor (read_exec_only and seg_not_present alone set). */
static bool desc_empty(const struct user_desc *u)
{
	if (u->base_addr || u->limit || u->contents || u->seg_32bit || u->limit_in_pages ||
	    u->useable)
		return false;
	return u->read_exec_only == u->seg_not_present;
}

static u64 make_tls_desc(const struct user_desc *u)
{
	u64 d = u->limit & 0xffff;

	if (desc_empty(u))
		return 0;
	u8 access = 0xf0 | (u8)(u->contents << 2) | (u->read_exec_only ? 0 : 2);

	if (u->seg_not_present)
		access &= 0x7f;
	d |= (u64)(u->base_addr & 0xffffff) << 16;
	d |= (u64)access << 40;
	d |= (u64)((u->limit >> 16) & 0xf) << 48;
	d |= (u64)(u->limit_in_pages << 7 | u->seg_32bit << 6 | u->useable << 4) << 48;
	d |= (u64)(u->base_addr >> 24) << 56;
	return d;
}

void load_TLS(int cpu)
{
	gdt_set_tls(cpu, current->thread.tls_array);
}

void flush_thread(void)
{
	memset(current->thread.tls_array, 0, sizeof(current->thread.tls_array));
	load_TLS(get_cpu());
	put_cpu();
}

int do_set_thread_area(struct task_struct *p, void __user *u_info, bool can_allocate)
{
	struct user_desc u;
	int idx;

	if (copy_from_user(&u, u_info, sizeof(u)))
		return -EFAULT;
	idx = (int)u.entry_number;
	if (idx == -1 && can_allocate) {
		for (idx = 0; idx < GDT_ENTRY_TLS_ENTRIES && p->thread.tls_array[idx]; idx++)
			;
		if (idx == GDT_ENTRY_TLS_ENTRIES)
			return -ESRCH;
		u.entry_number = GDT_ENTRY_TLS_MIN + (u32)idx;
		if (copy_to_user(u_info, &u.entry_number, sizeof(u.entry_number)))
			return -EFAULT;
	} else if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES) {
		return -EINVAL;
	} else {
		idx -= GDT_ENTRY_TLS_MIN;
	}
	p->thread.tls_array[idx] = make_tls_desc(&u);
	if (p == current) {
		load_TLS(get_cpu());
		put_cpu();
	}
	return 0;
}

long sys_set_thread_area(void __user *u_info)
{
	return do_set_thread_area(current, u_info, true);
}

/* The inverse of make_tls_desc: a descriptor back into a user_desc. */
static void fill_user_desc(struct user_desc *u, u64 d)
{
	u8 access = (u8)(d >> 40), flags = (u8)(d >> 52);

	u->base_addr = (u32)((d >> 16) & 0xffffff) | (u32)(d >> 56) << 24;
	u->limit = (u32)(d & 0xffff) | (u32)((d >> 48) & 0xf) << 16;
	u->contents = (access >> 2) & 3;
	u->read_exec_only = !(access & 2);
	u->seg_not_present = !(access & 0x80);
	u->limit_in_pages = (flags >> 3) & 1;
	u->seg_32bit = (flags >> 2) & 1;
	u->useable = flags & 1;
}

long sys_get_thread_area(void __user *u_info)
{
	struct user_desc u = { 0 };
	u32 idx;

	if (copy_from_user(&idx, u_info, sizeof(idx)))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	u.entry_number = idx;
	fill_user_desc(&u, current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN]);
	if (!current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN])
		u.read_exec_only = u.seg_not_present = 1;       /* an empty slot */
	return copy_to_user(u_info, &u, sizeof(u)) ? -EFAULT : 0;
}
