/*
 * kernel/percpu.h - per-CPU variables.
 *
 * DEFINE_PER_CPU(type, name) places a variable in the .data.percpu
 * section.  That section is CPU 0's copy; setup_per_cpu_areas() gives each
 * other possible CPU a copy of its own and records how far it lies from
 * the original in __per_cpu_offset[cpu].  per_cpu(name, cpu) adds that
 * offset to the variable's address, so one name reaches every CPU's copy,
 * and per-CPU data of different CPUs never shares a cache line.
 *
 * __get_cpu_var(name) is the running CPU's copy: the caller must keep the
 * task on this CPU (preemption or interrupts disabled, get_cpu()) while
 * it uses the pointer.
 * Locking: a CPU's copy is its own unless the variable says otherwise.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include "kernel/arch/thread_info.h"

#define NR_CPUS 8

/* The symbol is __percpu (kernel/compiler.h): `make check` reports any use
 * of per_cpu__name, or its address, that does not go through per_cpu(). */
#define DEFINE_PER_CPU(type, name)                                           \
	__attribute__((section(".data.percpu"))) __typeof__(type) __percpu per_cpu__##name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) __percpu per_cpu__##name

extern unsigned long __per_cpu_offset[NR_CPUS];

/* The one place a per-CPU address becomes a plain kernel pointer (hence
 * __force): the original's address plus the CPU's offset. */
#define per_cpu_ptr_of(var, cpu)                                              \
	((__typeof__(var) __kernel __force *)((char __force *)&(var) +      \
					     __per_cpu_offset[cpu]))
#define per_cpu(name, cpu) (*per_cpu_ptr_of(per_cpu__##name, cpu))
#define __get_cpu_var(name) per_cpu(name, smp_processor_id())

static inline int smp_processor_id(void) { return current_thread_info()->cpu; }

/* Copy .data.percpu for every CPU the machine may have (boot CPU 0 keeps
 * the original); before this, only CPU 0 may use per-CPU variables. */
void setup_per_cpu_areas(unsigned int nr_possible);

#endif
