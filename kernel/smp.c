/*
 * kernel/smp.c - which CPUs exist and run.
 */
#include "kernel/smp.h"

cpumask_t cpu_online_map = { 1 };
cpumask_t cpu_possible_map = { 1 };
