/*
 * mm/init.c - the boot page tables and the lowmem= parameter.
 *
 * Data: swapper_pg_dir, the kernel's page directory, and early_pg_tables,
 * the page tables boot/head.asm fills to map the first 16 MiB.  lowmem_limit
 * is the end of the direct map (lowmem= caps it below the 896 MiB default,
 * so a small machine still has a ZONE_HIGHMEM to exercise).
 * Locking: boot only.
 */
#include "mm/mm.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/cmdline.h"

#define EARLY_MAP_MB 16

pgd_t swapper_pg_dir[PTRS_PER_PGD] __attribute__((aligned(4096), section(".bss.pgtable")));
pte_t early_pg_tables[EARLY_MAP_MB / 4][PTRS_PER_PTE]
	__attribute__((aligned(4096), section(".bss.pgtable")));

unsigned long lowmem_limit = MAXMEM;

static int set_lowmem(char *val)
{
	unsigned long long limit;
	char *end;

	if (!val)
		return -1;
	limit = memparse(val, &end);
	if (*end || limit < LOWMEM_MIN || limit > MAXMEM)
		return -1;
	lowmem_limit = (unsigned long)limit & PAGE_MASK;
	return 0;
}
__setup("lowmem", set_lowmem);

/* The identity half of the boot map was only needed to switch paging on. */
void zap_low_mappings(void)
{
	for (int i = 0; i < EARLY_MAP_MB / 4; i++)
		swapper_pg_dir[i] = 0;
	write_cr3(read_cr3());
}
