/*
 * mm/mm.h - memory-management entry points used by start_kernel.
 *
 * lowmem_limit: end of directly mapped physical memory (default MAXMEM,
 * 896 MiB; lowered with lowmem=).  LOWMEM_MIN is the smallest accepted.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "mm/page.h"
#include "kernel/x86.h"

#define MAXMEM (896UL << 20)
#define LOWMEM_MIN (16UL << 20)

extern unsigned long lowmem_limit;

void zap_low_mappings(void);

#endif
