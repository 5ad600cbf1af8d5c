/*
 * kernel/hung_task.h - khungtaskd (kernel/hung_task.c): reports a task
 * that ignores SIGKILL for sigkill_timeout_secs, or sleeps
 * uninterruptibly for hung_task_timeout_secs, once, with its stack.
 * Locking: see kernel/hung_task.c.
 */
#ifndef KERNEL_HUNG_TASK_H
#define KERNEL_HUNG_TASK_H

extern unsigned long sigkill_timeout_secs, hung_task_timeout_secs;
/* Reports printed so far (for the tests). */
extern unsigned long hung_task_reports;

/* Start khungtaskd (from kernel_init). */
void hung_task_init(void);
/* One pass now; how many tasks were reported.  (khungtaskd's body, and
 * for the ktests.) */
int check_hung_tasks(void);

/* The machine was stopped (by the gdb stub): the next pass restarts
 * every task's clocks instead of counting the stop against them. */
void hung_task_forget_stall(void);

/* The reports a task can be due (hung_task_due's answer). */
#define HUNG_REPORT_SIGKILL 1
#define HUNG_REPORT_D 2
struct task_struct;
/* Which report p is due at time now (0 if none); under tasklist_lock.
 * secs says for how long. */
int hung_task_due(struct task_struct *p, unsigned long now, unsigned long *secs);

#endif
