/*
 * mm/init.c - bringing up memory management at boot: memblock from the
 * multiboot map, the direct map of low memory, mem_map, the zones, and the
 * hand-over of free pages to the buddy allocator.
 *
 * Data: swapper_pg_dir, the kernel's page directory; early_pg_tables, which
 * boot/head.asm fills to map the first 16 MiB; mem_map; max_pfn (end of
 * RAM) and max_low_pfn (end of the direct map); lowmem_limit, the
 * lowmem= parameter and then the real end of low memory.
 * Locking: boot only.
 */
#include "kernel/arch/entry.h"
#include "kernel/arch/multiboot.h"
#include "kernel/arch/sections.h"
#include "kernel/arch/smpboot.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/cmdline.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/memblock.h"
#include "mm/mm.h"
#include "mm/pgtable.h"

#define EARLY_MAP_MB 16
#define MAX_DMA_PFN ((16UL << 20) >> PAGE_SHIFT)
#define FOUR_GB (1ULL << 32)

pgd_t swapper_pg_dir[PTRS_PER_PGD] __attribute__((aligned(4096), section(".bss.pgtable")));
pte_t early_pg_tables[EARLY_MAP_MB / 4][PTRS_PER_PTE]
	__attribute__((aligned(4096), section(".bss.pgtable")));
/* Tables for the 32 MiB after the early map, from the kernel's bss: the
 * kernel and the initramfs (QEMU puts it right after the kernel; ours is
 * over 20 MiB) may leave no page free below 48 MiB for them. */
#define BRIDGE_TABLES 8
static pte_t bridge_pg_tables[BRIDGE_TABLES][PTRS_PER_PTE]
	__attribute__((aligned(4096), section(".bss.pgtable")));

unsigned long lowmem_limit = MAXMEM;
struct page *mem_map;
unsigned long max_pfn, max_low_pfn;


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
		swapper_pg_dir[i] = __pgd(0);
	write_cr3(read_cr3());
}

/* RAM from the loader's map (page-aligned, below 4 GiB: no PAE). */
static void memblock_from_boot_map(void)
{
	for (unsigned int i = 0; i < boot_params.nr_ranges; i++) {
		const struct mem_range *r = &boot_params.ranges[i];
		u64 start = PAGE_ALIGN(r->start), end = (r->start + r->len) & PAGE_MASK;

		if (r->type != MEM_USABLE || start >= FOUR_GB)
			continue;
		if (end > FOUR_GB)
			end = FOUR_GB;
		if (end > start)
			memblock_add(start, end - start);
	}
	if (!memblock.memory.cnt)
		panic("no usable memory in the boot memory map");
}

static void reserve_boot_areas(void)
{
	memblock_reserve(0, PAGE_SIZE);         /* real-mode IVT and BIOS data */
	memblock_reserve(__pa(_text), (u64)(_end - _text));
	/* A STARTUP IPI can only send a CPU below 1 MiB (kernel/arch/smpboot.c). */
	memblock.current_limit = 1 << 20;
	trampoline_phys = (unsigned long)memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	for (unsigned int i = 0; i < boot_params.nr_modules; i++)
		memblock_reserve(boot_params.modules[i].start,
				 PAGE_ALIGN(boot_params.modules[i].end) -
					 boot_params.modules[i].start);
}

/* Fill page table pt to map 4 MiB of low memory from *pfn on. */
static void map_lowmem_table(pte_t *pt, unsigned long *pfn)
{
	unsigned long vaddr = (unsigned long)__va(*pfn << PAGE_SHIFT);

	for (int i = 0; i < PTRS_PER_PTE && *pfn < max_low_pfn; i++, (*pfn)++)
		set_pte(&pt[i], pfn_pte(*pfn, PAGE_KERNEL));
	pmd_populate_kernel(&init_mm, pmd_offset(pgd_offset_k(vaddr), vaddr), pt);
}

/* Map [EARLY_MAP_MB, max_low_pfn) at PAGE_OFFSET; the first 16 MiB
 * already are (early_pg_tables).  The next 32 MiB get the bridge tables
 * from the kernel's bss; all the other tables then come in one block
 * from what is mapped by then (a not-present entry is never cached, so
 * the new mapping is usable at once). */
static void paging_init(void)
{
	unsigned long pfn = (EARLY_MAP_MB << 20) >> PAGE_SHIFT;
	unsigned long rest;
	pte_t *tables;

	if (pfn >= max_low_pfn)
		return;
	for (int i = 0; i < BRIDGE_TABLES && pfn < max_low_pfn; i++)
		map_lowmem_table(bridge_pg_tables[i], &pfn);
	memblock.current_limit = (u64)pfn << PAGE_SHIFT;
	rest = (max_low_pfn - pfn + PTRS_PER_PTE - 1) / PTRS_PER_PTE;
	tables = rest ? __va(memblock_alloc(rest * PAGE_SIZE, PAGE_SIZE)) : NULL;
	for (unsigned long t = 0; t < rest; t++)
		map_lowmem_table(tables + t * PTRS_PER_PTE, &pfn);
	write_cr3(read_cr3());
}

/*
 * Every page table of the kernel's gigabyte exists from boot on, so a new
 * page directory only copies these 256 entries once and never needs a
 * kernel mapping added later (vmalloc, pkmap) to be propagated.
 */
static void preallocate_kernel_page_tables(void)
{
	for (unsigned int i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++) {
		pmd_t *pmd = pmd_offset(&swapper_pg_dir[i], 0);

		if (pmd_none(*pmd))
			pmd_populate_kernel(&init_mm, pmd,
					    __va(memblock_alloc(PAGE_SIZE, PAGE_SIZE)));
	}
}

/* Kernel text and read-only data become read-only; with CR0.WP set the
 * kernel itself faults on a stray write there. */
static void protect_kernel_text(void)
{
	extern char __end_rodata[];

	for (unsigned long va = (unsigned long)_text; va < (unsigned long)__end_rodata;
	     va += PAGE_SIZE) {
		pte_t *pte = pte_offset_kernel(pmd_offset(pgd_offset_k(va), va), va);

		set_pte(pte, pte_wrprotect(*pte));
		__flush_tlb_one(va);
	}
}

static void print_memory_summary(unsigned long freed)
{
	unsigned long kernel_kb = (unsigned long)(_end - _text) >> 10;
	unsigned long total_kb = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		total_kb += (unsigned long)(memblock.memory.regions[i].size >> 10);
	pr_info("Memory: %luk/%luk available (%luk kernel, %luk reserved, %luk mem_map), "
		"%luk highmem\n", freed << (PAGE_SHIFT - 10), total_kb, kernel_kb,
		total_kb - (freed << (PAGE_SHIFT - 10)),
		(max_pfn * (unsigned long)sizeof(struct page)) >> 10,
		(max_pfn - max_low_pfn) << (PAGE_SHIFT - 10));
}

void mem_init(void)
{
	unsigned long freed;

	memblock_from_boot_map();
	reserve_boot_areas();
	max_pfn = (unsigned long)(memblock_end_of_ram() >> PAGE_SHIFT);
	max_low_pfn = min(max_pfn, lowmem_limit >> PAGE_SHIFT);
	lowmem_limit = max_low_pfn << PAGE_SHIFT;
	memblock.current_limit = min((u64)EARLY_MAP_MB << 20, (u64)lowmem_limit);
	paging_init();
	memblock.current_limit = lowmem_limit;
	preallocate_kernel_page_tables();
	protect_kernel_text();
	mem_map = __va(memblock_alloc((u64)max_pfn * sizeof(struct page), PAGE_SIZE));
	free_area_init(min(MAX_DMA_PFN, max_low_pfn), max_low_pfn, max_pfn);
	freed = memblock_free_all();
	zones_finish_init(max_low_pfn << (PAGE_SHIFT - 10));
	kmap_init();
	print_memory_summary(freed);
}

/* The kernel's address space: kernel threads and idle tasks run in it. */
struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.cpu_vm_mask = { 1 },
	.mm_users = ATOMIC_INIT(1),
	.mm_count = ATOMIC_INIT(1),     /* never dropped: never freed */
	.page_table_lock = __SPIN_LOCK_UNLOCKED,
	.mmap = LIST_HEAD_INIT(init_mm.mmap),
	.mmlist = LIST_HEAD_INIT(init_mm.mmlist),       /* the head of the mms with swap */
	.mmap_sem = __RWSEM_INITIALIZER(init_mm.mmap_sem, "init_mm.mmap_sem"),
};

/* The module was reserved at boot with everything else memblock kept;
 * once its archive is unpacked into ramfs nobody reads it again, and
 * holding it would cost a small machine a third of its memory.  Partial
 * pages at either end may share a frame with something else: kept. */
unsigned long free_initrd_mem(unsigned long start, unsigned long end)
{
	unsigned long first = PAGE_ALIGN(start) >> PAGE_SHIFT, last = end >> PAGE_SHIFT;

	for (unsigned long pfn = first; pfn < last; pfn++)
		free_bootmem_block(pfn_to_page(pfn), 0);
	return last > first ? last - first : 0;
}
