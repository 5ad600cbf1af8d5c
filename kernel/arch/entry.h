/*
 * kernel/arch/entry.h - C functions and data that only assembly reaches,
 * by name: boot/head.asm and kernel/arch/entry.asm call or load them.
 *
 * No C file calls these, but they are declared here so that the files
 * defining them check their definitions against one prototype and sparse
 * (`make check`) can tell them from globals that should have been static.
 * Data: initial_stack, early_pg_tables (defined in kernel/arch/smpboot.c
 * and mm/init.c).  Locking: see each.
 */
#ifndef KERNEL_ARCH_ENTRY_H
#define KERNEL_ARCH_ENTRY_H

#include "mm/page.h"

/* boot/head.asm: the first 16 MiB mapped before paging is on, and the
 * stack an application processor starts on (one CPU boots at a time). */
extern pte_t early_pg_tables[][PTRS_PER_PTE];
extern u32 initial_stack;
void start_secondary(void) __attribute__((noreturn));

/* kernel/arch/entry.asm: a new task's first C code after switch_to_asm
 * (schedule_tail drops the runqueue lock the switch was made under). */
void schedule_tail(u32 *prev_esp) __releases(rq->lock);
void kthread_entry(void) __attribute__((noreturn));
void fork_child_start(void);

/* kernel/arch/entry.asm: where sysenter lands (the SYSENTER_EIP MSR), and
 * the end of the instructions a debug trap may interrupt there. */
extern const char sysenter_entry[], sysenter_entry_end[];

#endif
