/*
 * mm/lock_order.c - the order in which memory management takes its locks,
 * written once, here, and enforced by lock_debug.
 *
 * A lock may be taken while holding only locks above it in this list
 * (outermost first).  Locks on one line are never held together, or are
 * ordered as the note says.  mmap_sem counts the same held for reading
 * or for writing: a reader that waits for a lock below it blocks a
 * writer queued behind, and every reader after that writer (the rwsem is
 * fair), so the order binds readers too.
 *
 *   swapon_mutex                 swapon and swapoff (mm/swapfile.c): they
 *                                read the disk and allocate under it, and
 *                                swapoff walks every mm to bring pages
 *                                back (try_to_unuse); nothing mm holds is
 *                                held when it is taken
 *   futex_queues[i].lock         a futex hash bucket (kernel/futex.c): never
 *                                taken with any lock below held - a futex's
 *                                key is looked up under mmap_sem, which is
 *                                let go before the bucket is locked - and
 *                                none of them taken under it: the futex
 *                                word is read there with faults fixed up
 *                                as -EFAULT, never resolved
 *   mm->mmap_sem                 the vma list and brk: an rwsem, read by
 *                                faults, written by what changes areas
 *   PG_locked (lock_page)        the page lock, a sleeping bit lock
 *                                (mm/filemap.c): held by reclaim while it
 *                                works on a page, which takes it with
 *                                TestSetPageLocked and so holds nothing
 *                                above it; not seen by lock_debug
 *   cache_chain_mutex            slab: the list of caches (kmem_cache_create,
 *                                and reaping, which direct reclaim does from
 *                                a page fault, under mmap_sem)
 *   shm_ids_lock                 System V shm segments (ipc/shm.c): a
 *                                munmap's or exit's last iput of a removed
 *                                segment takes it, shmdt with mmap_sem
 *                                held; nothing is taken inside it
 *   mapping->i_mmap_lock         a file's list of the areas mapping it and
 *                                their extents (mm/pagemap.h): taken under
 *                                mmap_sem where areas change, and by a
 *                                truncate (under the inode's i_mutex, with
 *                                no mmap_sem) to unmap the pages past the end
 *                                from every area on it, page->ptl inside;
 *                                mremap holds it across a move of ptes
 *   shmem_swaplist_lock          the shmem objects with pages on swap
 *   info->lock                   and one object's swap index (mm/shmem.h):
 *                                taken by its writepage, a fault's or
 *                                swapoff's swap-in, with at most mmap_sem
 *                                and a page lock held; a tree node is
 *                                allocated inside (GFP_ATOMIC)
 *   tasklist_lock                the task list (the OOM killer, from a fault)
 *   task->alloc_lock             task_lock(): task->mm, task->comm
 *   mm->page_table_lock          the page directory's entries (pte_alloc
 *                                installs a page table under it), and a
 *                                stack area's start while a fault grows
 *                                it under mmap_sem held for reading
 *   page->ptl                    the split page-table lock: one page table's
 *                                ptes (pte_offset_map_lock); two are held
 *                                at once (the same class, nested) only
 *                                under mmap_sem: fork's copy takes the
 *                                child's table's, then the parent's;
 *                                mremap's move the old table's, then the
 *                                new one's
 *   PG_chainlock                 a page's pte chain (mm/rmap.h): a bit
 *                                spinlock in page->flags, taken under the
 *                                lock of the page table whose pte is added
 *                                or removed; reclaim (page_referenced,
 *                                try_to_unmap) holds it and then only
 *                                TRIES an mm's mmap_sem and page->ptl,
 *                                since it comes from the page towards
 *                                the mm, against this order
 *   mmlist_lock                  the list of mms with swap entries
 *                                (init_mm.mmlist, mm/swapfile.h): an mm
 *                                joins when rmap or fork's copy puts a swap
 *                                entry in one of its ptes, with the page
 *                                table (and chain) locked; the last mmput
 *                                and swapoff take it alone; nothing is
 *                                taken inside it
 *   zone->lru_lock               a zone's LRU lists (mm/lru.h; irqsave):
 *                                a fault adds its new page with the page
 *                                table locked, and a page's last put_page
 *                                (zap, with the page table locked) takes
 *                                it off; held only to move pages on or
 *                                off the lists, nothing is taken inside
 *                                it (references are dropped after it is
 *                                let go: a last one frees the page)
 *   swap_lock                    the swap areas and their slot counts
 *                                (mm/swapfile.c): fork's copy and zap
 *                                duplicate and free swap entries with a
 *                                page table locked; nothing but printk
 *                                is taken inside it
 *   mapping->tree_lock           a page cache's radix tree (irqsave), the
 *                                swap cache's (swapper_space) too: a
 *                                zap's free_swap_and_cache takes it with
 *                                a page table locked
 *   reclaim_failures_lock        the OOM killer's count of failed reclaim
 *                                sweeps (mm/oom_kill.c); nothing inside
 *   kmap_lock                    the pkmap slots (kmap, kunmap)
 *   vmlist_lock                  the vmalloc areas
 *   cachep->lock                 one slab cache's slabs and counters
 *   zone->lock                   a zone's free lists (irqsave); the per-CPU
 *                                page lists under it are local-irq only
 *
 * Why this way round: mmap_sem and cache_chain_mutex are sleeping
 * locks, so they come before every spinlock, and a fault that runs short
 * of memory reclaims (reaping the slab caches) with mmap_sem held; page tables are edited under their own lock, and freeing
 * a page a pte mapped (zap) reaches the allocator with that lock held, so
 * the allocator's locks are innermost.  kmap_atomic takes no lock at all
 * (per-CPU slots, preemption off), which is why fault paths use it under
 * page->ptl while kmap(), which may sleep for a slot, is never called
 * under a spinlock.
 *
 * Enforcement: mm_lock_order_init() gives these names to lock_debug
 * (kernel/locking/lockdep.c:lockdep_declare_order); taking a lock while
 * holding one listed below it is reported with both stacks the first time
 * it happens, even before anybody takes the pair the other way round.  The
 * names are the lock classes' names: the expression at the lock's
 * spin_lock_init()/mutex_init()/init_rwsem() site, a static lock's own
 * name, or the class a bit lock registers (PG_chainlock, mm/rmap.c);
 * the page lock sleeps on a bit without lock_debug seeing it, so it is
 * only written here.
 * ktest lockdep.mm_lock_order_names_real_locks checks that each name here
 * is the class of the real lock.
 *
 * Data: mm_lock_order[], read-only.  Locking: none.
 */
#include "kernel/locking/lockdep.h"
#include "mm/internal.h"

const char *const mm_lock_order[] = {
	"swapon_mutex",
	"&futex_queues[i].lock",
	"&mm->mmap_sem",
	"cache_chain_mutex",
	"shm_ids_lock",
	"&mapping->i_mmap_lock",
	"shmem_swaplist_lock",
	"&info->lock",
	"tasklist_lock",
	"&p->alloc_lock",
	"&mm->page_table_lock",
	"&page->ptl",
	"PG_chainlock",
	"mmlist_lock",
	"&zone->lru_lock",
	"swap_lock",
	"&mapping->tree_lock",
	"reclaim_failures_lock",
	"kmap_lock",
	"vmlist_lock",
	"&cachep->lock",
	"&zone->lock",
};
const unsigned int mm_lock_order_len = ARRAY_SIZE(mm_lock_order);

void mm_lock_order_init(void)
{
	lockdep_declare_order("mm lock order (mm/lock_order.c)", mm_lock_order,
			      mm_lock_order_len);
}
