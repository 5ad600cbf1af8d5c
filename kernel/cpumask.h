/*
 * kernel/cpumask.h - sets of CPUs.
 *
 * A cpumask_t is a bitmap with one bit per possible CPU; NR_CPUS is small
 * (8), so one word holds it.  cpu_set/cpu_clear are atomic (lock bts/btr)
 * because masks like mm->cpu_vm_mask are updated by several CPUs at once;
 * the rest are plain reads.
 */
#ifndef KERNEL_CPUMASK_H
#define KERNEL_CPUMASK_H

#include "kernel/percpu.h"

typedef struct { volatile unsigned long bits; } cpumask_t;

#define CPU_MASK_NONE ((cpumask_t){ 0 })
#define CPU_MASK_ALL ((cpumask_t){ (1UL << NR_CPUS) - 1 })
#define cpumask_of_cpu(cpu) ((cpumask_t){ 1UL << (cpu) })

static inline void cpu_set(int cpu, cpumask_t *m)
{
	asm volatile("lock btsl %1, %0" : "+m"(m->bits) : "Ir"(cpu) : "memory");
}

static inline void cpu_clear(int cpu, cpumask_t *m)
{
	asm volatile("lock btrl %1, %0" : "+m"(m->bits) : "Ir"(cpu) : "memory");
}

/* Set cpu's bit; was it set before? */
static inline bool cpu_test_and_set(int cpu, cpumask_t *m)
{
	bool old;

	asm volatile("lock btsl %2, %0" : "+m"(m->bits), "=@ccc"(old) : "Ir"(cpu) : "memory");
	return old;
}

static inline bool cpu_isset(int cpu, cpumask_t m) { return (m.bits >> cpu) & 1; }
static inline bool cpus_empty(cpumask_t m) { return m.bits == 0; }
static inline int cpus_weight(cpumask_t m) { return __builtin_popcount(m.bits); }
static inline int first_cpu(cpumask_t m) { return m.bits ? __builtin_ctz(m.bits) : NR_CPUS; }

static inline cpumask_t cpus_and(cpumask_t a, cpumask_t b)
{
	return (cpumask_t){ a.bits & b.bits };
}

static inline int next_cpu(int cpu, cpumask_t m)
{
	unsigned long rest = cpu + 1 >= NR_CPUS ? 0 : m.bits >> (cpu + 1);

	return rest ? cpu + 1 + __builtin_ctz(rest) : NR_CPUS;
}

#define for_each_cpu_mask(cpu, mask)                                         \
	for ((cpu) = first_cpu(mask); (cpu) < NR_CPUS; (cpu) = next_cpu((cpu), (mask)))

extern cpumask_t cpu_online_map;       /* running and taking interrupts */
extern cpumask_t cpu_possible_map;     /* found in the firmware tables */

#define for_each_online_cpu(cpu) for_each_cpu_mask((cpu), cpu_online_map)
#define for_each_possible_cpu(cpu) for_each_cpu_mask((cpu), cpu_possible_map)
#define cpu_online(cpu) cpu_isset((cpu), cpu_online_map)

static inline int num_online_cpus(void) { return cpus_weight(cpu_online_map); }

#endif
