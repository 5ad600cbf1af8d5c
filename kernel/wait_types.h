/*
 * kernel/wait_types.h - the wait-queue head type alone, for structures that
 * embed one without needing the wait-queue functions (struct task_struct
 * embeds one, and kernel/wait.h needs struct task_struct).  The functions
 * are in kernel/wait.h.
 */
#ifndef KERNEL_WAIT_TYPES_H
#define KERNEL_WAIT_TYPES_H

#include "kernel/locking/spinlock.h"
#include "lib/list.h"

typedef struct wait_queue_head {
	spinlock_t lock;
	struct list_head task_list;
} wait_queue_head_t;

#endif
