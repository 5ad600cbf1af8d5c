/*
 * kernel/gdt.h - segment descriptors and the task-state segment.
 *
 * Flat segments for kernel and user code/data, one TSS (its esp0 is the
 * kernel stack used when an interrupt arrives from user mode), and
 * GDT_ENTRY_TLS_MIN.. slots that set_thread_area fills per task.
 */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include "lib/types.h"

#define GDT_ENTRY_KERNEL_CS 1
#define GDT_ENTRY_KERNEL_DS 2
#define GDT_ENTRY_USER_CS 3
#define GDT_ENTRY_USER_DS 4
#define GDT_ENTRY_TSS 5
#define GDT_ENTRY_TLS_MIN 6
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRIES (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)

#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS (GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS (GDT_ENTRY_USER_DS * 8 + 3)
#define __TSS (GDT_ENTRY_TSS * 8)

void gdt_init(void);
void tss_set_esp0(u32 esp0);

#endif
