/*
 * kernel/smp.h - CPU numbering for per-CPU data.
 *
 * Until the SMP issue brings the other CPUs up, only the boot CPU runs:
 * smp_processor_id() is 0 and get_cpu()/put_cpu() (which will disable and
 * re-enable preemption) only bracket per-CPU accesses so that the callers
 * are already written the way SMP needs them.
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#define NR_CPUS 8

static inline int smp_processor_id(void) { return 0; }
static inline int get_cpu(void) { return smp_processor_id(); }
static inline void put_cpu(void) { }
static inline int num_online_cpus(void) { return 1; }

#endif
