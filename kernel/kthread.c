/*
 * kernel/kthread.c - creating, running and stopping kernel threads.
 *
 * Data: struct kthread, one per thread, hung off its task_struct.  The
 * task has two references: one dropped after its last switch-out, one by
 * kthread_stop, which frees it.
 * Locking: see kernel/kthread.h.
 */
#include "kernel/kthread.h"
#include "kernel/arch/entry.h"
#include "kernel/panic.h"
#include "lib/errno.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *namefmt, ...)
{
	struct kthread *kt = kzalloc(sizeof(*kt), GFP_KERNEL);
	struct task_struct *p;
	char name[TASK_COMM_LEN];
	va_list ap;

	if (!kt)
		return NULL;
	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	p = create_task(name);
	if (!p) {
		kfree(kt);
		return NULL;
	}
	kt->fn = fn;
	kt->data = data;
	init_completion(&kt->exited);
	p->kthread = kt;
	p->usage = 2;
	return p;
}

/* Where every kthread begins (from ret_from_kthread). */
void __attribute__((noreturn)) kthread_entry(void)
{
	struct kthread *kt = current->kthread;

	kt->result = kt->never_woken ? -EINTR : kt->fn(kt->data);
	do_exit();
}

void kthread_bind(struct task_struct *k, int cpu)
{
	BUG_ON(k->state == TASK_RUNNING);
	k->cpus_allowed = cpumask_of_cpu(cpu);
	k->thread_info->cpu = cpu;
}

bool kthread_should_stop(void)
{
	return current->kthread && current->kthread->should_stop;
}

void kthread_exited(struct kthread *kt)
{
	complete(&kt->exited);
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kt = k->kthread;
	int result;

	/* Never woken (still as kthread_create left it): fn will not run.  A
	 * woken thread runs fn even if it had no CPU yet. */
	kt->never_woken = k->state == TASK_UNINTERRUPTIBLE && !k->on_rq && !k->exec_start;
	kt->should_stop = true;
	__sync_synchronize();
	wake_up_process(k);             /* a no-op if it has already died */
	wait_for_completion(&kt->exited);
	result = kt->result;
	k->kthread = NULL;
	put_task_struct(k);
	kfree(kt);
	return result;
}
