/*
 * mm/vmalloc.c - allocating virtually contiguous kernel memory.
 *
 * Data: vmlist, the areas sorted by address, under vmlist_lock.  Finding
 * space is a first fit along that list; each area's size includes one
 * trailing guard page that is never mapped.  Pages come one at a time from
 * the buddy allocator (any zone with __GFP_HIGHMEM) and are mapped into
 * the kernel's page tables, which exist for the whole vmalloc area from
 * boot (mm/init.c), so no page directory ever needs updating.
 * Locking: vmlist_lock (irqsave) for the list; mapping and unmapping touch
 * only the area's own ptes, which nobody else uses while the area is on
 * the list - so vfree unmaps first and unlinks last.
 */
#include "mm/vmalloc.h"
#include "kernel/debug/monitor.h"
#include "kernel/kallsyms.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/tlbflush.h"

static struct vm_struct *vmlist;
static DEFINE_SPINLOCK(vmlist_lock);

/* Reserve size bytes (guard included) of address space starting at a
 * multiple of align; NULL when full. */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long align, void *caller)
{
	struct vm_struct *area = kmalloc(sizeof(*area), GFP_KERNEL), **p;
	unsigned long addr = ALIGN(VMALLOC_START, align), flags;

	if (!area)
		return NULL;
	spin_lock_irqsave(&vmlist_lock, flags);
	for (p = &vmlist; *p; p = &(*p)->next) {
		if (addr + size <= (unsigned long)(*p)->addr)
			break;
		addr = ALIGN((unsigned long)(*p)->addr + (*p)->size, align);
	}
	if (addr + size > VMALLOC_END || addr + size < addr) {
		spin_unlock_irqrestore(&vmlist_lock, flags);
		kfree(area);
		return NULL;
	}
	*area = (struct vm_struct){ .next = *p, .addr = (void *)addr, .size = size,
				    .caller = caller };
	*p = area;
	spin_unlock_irqrestore(&vmlist_lock, flags);
	return area;
}

static struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *area;
	unsigned long flags;

	spin_lock_irqsave(&vmlist_lock, flags);
	for (area = vmlist; area && area->addr != addr; area = area->next)
		;
	spin_unlock_irqrestore(&vmlist_lock, flags);
	return area;
}

static void remove_vm_area(const struct vm_struct *area)
{
	struct vm_struct **p;
	unsigned long flags;

	spin_lock_irqsave(&vmlist_lock, flags);
	for (p = &vmlist; *p != area; p = &(*p)->next)
		;
	*p = area->next;
	spin_unlock_irqrestore(&vmlist_lock, flags);
}

static pte_t *vmalloc_pte(unsigned long addr)
{
	return pte_offset_kernel(pmd_offset(pgd_offset_k(addr), addr), addr);
}

static void unmap_vm_area(const struct vm_struct *area, unsigned int nr_pages)
{
	unsigned long start = (unsigned long)area->addr;

	for (unsigned int i = 0; i < nr_pages; i++)
		pte_clear(vmalloc_pte(start + i * PAGE_SIZE));
	flush_tlb_kernel_range(start, start + nr_pages * PAGE_SIZE);
}

/* Unmap before unlinking: once the area leaves vmlist its addresses may
 * be handed out again, and a late pte_clear would unmap the new owner's
 * pages.  The TLB flush sends IPIs, so it runs outside vmlist_lock. */
static void release_vm_area(struct vm_struct *area)
{
	unmap_vm_area(area, area->nr_pages);
	remove_vm_area(area);
	for (unsigned int i = 0; i < area->nr_pages; i++)
		__free_page(area->pages[i]);
	kfree(area->pages);
	kfree(area);
}

static void *vmalloc_area(unsigned long size, unsigned long align, gfp_t gfp_mask,
			  void *caller)
{
	unsigned int nr = (unsigned int)(PAGE_ALIGN(size) >> PAGE_SHIFT);
	struct vm_struct *area;

	if (!size || size > VMALLOC_END - VMALLOC_START)
		return NULL;
	area = get_vm_area(((unsigned long)nr + 1) << PAGE_SHIFT, align, caller);
	if (!area)
		return NULL;
	area->pages = kzalloc(nr * sizeof(struct page *), gfp_mask & ~__GFP_HIGHMEM);
	if (!area->pages) {
		remove_vm_area(area);
		kfree(area);
		return NULL;
	}
	for (; area->nr_pages < nr; area->nr_pages++) {
		struct page *page = alloc_page(gfp_mask);

		if (!page) {
			release_vm_area(area);
			return NULL;
		}
		area->pages[area->nr_pages] = page;
		set_pte(vmalloc_pte((unsigned long)area->addr + area->nr_pages * PAGE_SIZE),
			mk_pte(page, PAGE_KERNEL));
	}
	return area->addr;
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return vmalloc_area(size, PAGE_SIZE, gfp_mask, __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return vmalloc_area(size, PAGE_SIZE, GFP_KERNEL | __GFP_HIGHMEM,
			    __builtin_return_address(0));
}

void *vmalloc_aligned(unsigned long size, unsigned long align)
{
	return vmalloc_area(size, align, GFP_KERNEL | __GFP_HIGHMEM,
			    __builtin_return_address(0));
}

void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area) {
		printk(KERN_ERR "vfree: %p is not the start of a vmalloc area\n", addr);
		dump_stack();
		return;
	}
	release_vm_area(area);
}

/* Called from the fault handler: no lock taken (it may be held). */
const char *vmalloc_describe(unsigned long addr)
{
	for (const struct vm_struct *a = vmlist; a; a = a->next) {
		unsigned long start = (unsigned long)a->addr, end = start + a->size;

		if (addr >= end - PAGE_SIZE && addr < end)
			return "the vmalloc area (a guard page: ran off the end of an area)";
		if (addr >= start && addr < end)
			return "the vmalloc area (inside an area)";
	}
	return "the vmalloc area (no area there)";
}

void get_vmalloc_info(unsigned long *used, unsigned long *largest_chunk)
{
	unsigned long addr = VMALLOC_START, flags;

	*used = *largest_chunk = 0;
	spin_lock_irqsave(&vmlist_lock, flags);
	for (const struct vm_struct *a = vmlist; a; a = a->next) {
		*used += a->size;
		*largest_chunk = max(*largest_chunk, (unsigned long)a->addr - addr);
		addr = (unsigned long)a->addr + a->size;
	}
	*largest_chunk = max(*largest_chunk, VMALLOC_END - addr);
	spin_unlock_irqrestore(&vmlist_lock, flags);
}

static int cmd_vmallocinfo(int argc, char **argv)
{
	char sym[96];
	unsigned long flags;

	(void)argc;
	(void)argv;
	mprintf("vmalloc area %#lx-%#lx\n", VMALLOC_START, VMALLOC_END - 1);
	spin_lock_irqsave(&vmlist_lock, flags);
	for (const struct vm_struct *a = vmlist; a; a = a->next) {
		sprint_symbol(sym, sizeof(sym), (unsigned long)a->caller);
		mprintf("%#010lx-%#010lx %8lu %s pages=%u\n", (unsigned long)a->addr,
			(unsigned long)a->addr + a->size, a->size, sym, a->nr_pages);
	}
	spin_unlock_irqrestore(&vmlist_lock, flags);
	return 0;
}
MONITOR_CMD("vmallocinfo", "vmalloc areas, as /proc/vmallocinfo", cmd_vmallocinfo);

/* A module's text and rodata, once linked: read-only, so that a stray
 * write faults at once instead of changing code (kernel/module.c). */
void vmalloc_set_readonly(const void *addr, unsigned long size)
{
	unsigned long start = (unsigned long)addr;

	for (unsigned long a = start; a < start + size; a += PAGE_SIZE) {
		pte_t *pte = vmalloc_pte(a);

		set_pte(pte, pte_wrprotect(*pte));
	}
	flush_tlb_kernel_range(start, start + size);
}

