/*
 * mm/mm_types.h - struct page, one per physical page frame.
 *
 * Every frame has a struct page in mem_map[], indexed by page frame number
 * (pfn), so it must stay small: 40 bytes, a million of them for 4 GiB.
 * Fields are shared by the page's current use:
 *
 *   flags    PG_* bits; the top ZONES_SHIFT bits hold the zone index
 *   _count   references (atomic_t: get_page/put_page from any CPU);
 *            0 means free (owned by the buddy allocator)
 *   private  free in the buddy: its order (with PG_buddy); a swap entry
 *            once swap exists
 *   mapping, index   a page-cache page's address_space and offset in it;
 *            for a page table: the mm it belongs to and the first user
 *            address it maps (rmap finds a pte's mm and address there)
 *   lru      buddy free list, pcp list, LRU list - or for a slab page:
 *            lru.next = its kmem_cache, lru.prev = its slab descriptor
 *   ptl      split page-table lock when the page is a page table (it
 *            shares room with lru: a page table is on no list)
 *   virtual  kernel address of a kmapped high page (NULL when unmapped)
 *   pte      reverse map (mm/rmap.h): with PG_direct the physical address
 *            of the one pte mapping the page (pte.direct), else its chain
 *            of pte_chain blocks (pte.chain), NULL when unmapped
 *
 * Locking: flags are changed with atomic bit operations where others may
 * look; a free page's fields belong to its zone's lock; pte and PG_direct
 * belong to the page's chain lock (PG_chainlock, mm/rmap.h).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include "kernel/arch/atomic.h"
#include "kernel/cpumask.h"
#include "kernel/locking/rwsem.h"
#include "kernel/locking/spinlock.h"
#include "lib/list.h"
#include "lib/types.h"
#include "mm/page.h"

struct inode;
struct pte_chain;

/* A pte's physical address: page tables may be high pages, with no
 * kernel address that lasts (mm/rmap.h). */
typedef u32 pte_addr_t;

struct page {
	unsigned long flags;
	atomic_t _count;
	unsigned long private;
	void *mapping;
	unsigned long index;
	union {
		struct list_head lru;
		spinlock_t ptl;         /* page tables are on no list */
	};
	void *virtual;
	union {
		struct pte_chain *chain;
		pte_addr_t direct;
	} pte;
};

/* A million of these describe 4 GiB: every byte counts. */
_Static_assert(sizeof(struct page) <= 40, "struct page grew past 40 bytes");

/*
 * An address space: its page directory, its areas (vmas, sorted by
 * address on `mmap`), the heap (start_brk..brk) and the CPUs that may hold
 * its translations in their TLBs (cpu_vm_mask: set when a CPU switches to
 * it, cleared when it switches away), which is where TLB shootdowns go.
 * init_mm is the kernel's own, used by kernel threads.
 * Locking: mmap_sem, a reader/writer semaphore as in Linux, covers the vma
 * list and brk: held for reading by page faults and the paths that only
 * look at the areas (access_process_vm, /proc), so the threads of one mm
 * fault in parallel; held for writing by whatever changes the areas
 * (mmap, munmap, mprotect, mremap, brk, mlock, fork's copy, the last
 * mmput).  page_table_lock covers the page directory's entries and a
 * stack area's growth under a read hold (expand_stack); each page table
 * has its own lock (page->ptl) for its ptes.
 */
struct mm_struct {
	pgd_t *pgd;
	cpumask_t cpu_vm_mask;
	atomic_t mm_users;              /* tasks using it (and get_task_mm callers) */
	/* References to the struct and its page directory: one for all of
	 * mm_users together, one per task that has it as active_mm (a
	 * kernel thread borrowing it, lazy TLB).  mmput() tears the areas
	 * down when mm_users reaches 0; mmdrop() frees the page directory
	 * only when mm_count does, so a CPU still running on it lazily
	 * never has its CR3 pointing at a freed page. */
	atomic_t mm_count;
	spinlock_t page_table_lock;
	struct list_head mmap;
	int map_count;
	struct rw_semaphore mmap_sem;
	unsigned long mmap_base;        /* where get_unmapped_area starts looking */
	bool mmap_topdown;              /* down from mmap_base, or up (legacy) */
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end; /* for /proc/PID/cmdline */
	atomic_t _rss;                  /* ptes mapping pages (map_user_page, less
					 * try_to_unmap's): get_mm_counter */
	unsigned long hiwater_rss;      /* the peak of _rss before pages were unmapped */
	atomic_t _swapents;             /* swap ptes (try_to_unmap's, fork's copies,
					 * less swap-ins and zaps): VmSwap */
	/* On init_mm.mmlist, under mmlist_lock, once a pte of it has held a
	 * swap entry: the mms swapoff searches (mm/swapfile.h). */
	struct list_head mmlist;
	/* Pages in all areas, and their peak (VmPeak): kept by
	 * mm/mmap.c:vm_acct_vma, whose callers hold mmap_sem for writing
	 * (or own the mm, as fork's copy does before anyone sees it), or for
	 * reading with page_table_lock (expand_stack). */
	unsigned long total_vm, hiwater_vm;
	unsigned long locked_vm;        /* pages in VM_LOCKED areas */
	struct dentry *exe_file;        /* the program (/proc/PID/exe), referenced */
};

/* One area of an address space: [vm_start, vm_end) with one set of
 * permissions, backed by anonymous memory or by a file's pages. */
struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	/* The file's inode (referenced), NULL for anonymous memory.  Linux
	 * keeps a struct file here; nothing of an open file (position, open
	 * flags) matters to a mapping in Tessera, only the inode whose page
	 * cache it maps, so the area holds that and is named for it. */
	struct inode *vm_inode;
	unsigned long vm_pgoff;         /* file offset of vm_start, in pages */
	struct list_head vm_list;       /* on vm_mm->mmap */
	/* On vm_inode's i_data.i_mmap (private) or i_mmap_shared, under its
	 * i_mmap_lock (mm/pagemap.h), while the area is in its mm. */
	struct list_head shared;
};

/* The mm's page counters (Linux 2.6's names): atomic, since faults on
 * different page tables of one mm run under different locks. */
#define get_mm_counter(mm, member) atomic_read(&(mm)->_##member)
#define set_mm_counter(mm, member, value) atomic_set(&(mm)->_##member, value)
#define add_mm_counter(mm, member, value) atomic_add(value, &(mm)->_##member)
#define inc_mm_counter(mm, member) atomic_inc(&(mm)->_##member)
#define dec_mm_counter(mm, member) atomic_dec(&(mm)->_##member)

/* The peak resident size (getrusage's ru_maxrss), kept as Linux does:
 * recorded just before pages are unmapped (zap_page_range, whose callers
 * hold mmap_sem or own the mm), and read as the larger of that and the
 * pages mapped now. */
static inline unsigned long get_mm_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = (unsigned long)get_mm_counter(mm, rss);

	return rss > mm->hiwater_rss ? rss : mm->hiwater_rss;
}
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	mm->hiwater_rss = get_mm_hiwater_rss(mm);
}
/* *maxrss (pages) becomes at least mm's peak: exec and exit keep the
 * peak of the address space they leave in the task (Linux's
 * setmax_mm_hiwater_rss). */
static inline void setmax_mm_hiwater_rss(unsigned long *maxrss, struct mm_struct *mm)
{
	unsigned long hiwater = get_mm_hiwater_rss(mm);

	if (*maxrss < hiwater)
		*maxrss = hiwater;
}

#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_SHARED 0x8
/* What mprotect may grant later (Linux's VM_MAY*, set at mmap time): a
 * shared mapping of a file open read-only, or a SHM_RDONLY attach, lacks
 * VM_MAYWRITE. */
#define VM_MAYREAD 0x10
#define VM_MAYWRITE 0x20
#define VM_MAYEXEC 0x40
#define VM_MAYSHARE 0x80
#define VM_MAY_ACCESS (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_GROWSDOWN 0x100
#define VM_LOCKED 0x2000

extern struct mm_struct init_mm;

#include "mm/page-flags.h"

#endif
