/*
 * mm/mmap.h - address spaces and their areas (vmas), and user page faults.
 *
 * An mm_struct (mm/mm_types.h) is a process's view of memory: a page
 * directory whose kernel part (0xC0000000 up) is shared with every other
 * one, and a sorted list of areas.  Pages arrive on demand:
 * handle_mm_fault() fills a pte when a task first touches an address of an
 * area - a zeroed page for anonymous memory, the page-cache page for a
 * file - and copies a page on the first write to a copy-on-write mapping
 * (after dup_mm, fork's copy of an address space, every private writable
 * page is shared read-only until someone writes).
 *
 * map_user_page() and unmap_user_page() are the one pair of functions
 * through which every user page is mapped and unmapped (move_user_page
 * carries one over for mremap): the reverse map (mm/rmap.h) and the LRU
 * lists attach there.
 * Locking: mmap_sem for the areas; page-table locks for the ptes.
 */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include "mm/mm_types.h"
#include "mm/pgtable.h"

#define TASK_SIZE 0xC0000000UL
#define TASK_UNMAPPED_BASE 0x40000000UL  /* the legacy layout's mmaps go up from here */

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8             /* atomics work on any page here: ignored */

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

/* The VM_ flags that mmap's and mprotect's PROT_ bits ask for. */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

struct mm_struct *mm_alloc(void);
/* Committed_AS in pages: private writable areas' sizes (mm/mmap.c); an
 * area's share is taken out (-1) and put back (+1) around every change. */
extern unsigned long vm_committed_pages;
void vm_acct_vma(const struct vm_area_struct *vma, long sign);
/* The overcommit policy, /proc/sys/vm/overcommit_memory (Linux's modes:
 * 0 heuristic and 1 always both let everything through here; 2 never
 * commits more than CommitLimit) and overcommit_ratio (percent). */
#define OVERCOMMIT_GUESS 0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER 2
extern int sysctl_overcommit_memory, sysctl_overcommit_ratio;
int set_overcommit_memory(unsigned long v);
int set_overcommit_ratio(unsigned long v);
/* CommitLimit in pages: overcommit_ratio percent of the memory, plus
 * the swap space, as Linux counts it. */
unsigned long vm_commit_limit(void);
/* Charge pages to Committed_AS (Linux's __vm_enough_memory): 0, or
 * -ENOMEM with nothing charged when mode 2 would pass CommitLimit.
 * vm_unacct_memory gives a charge back. */
int vm_enough_memory(unsigned long pages);
void vm_unacct_memory(unsigned long pages);
/* Mode 2's check before an area with vm_flags gains pages (mmap, brk,
 * mremap, mprotect making it writable, fork's copy): -ENOMEM if a private writable
 * area would pass CommitLimit, else 0.  Nothing stays charged: the
 * area's own share (vm_acct_vma) counts once it is in place, so two
 * racing callers may both pass by up to their own size. */
int vm_commit_check(unsigned long vm_flags, unsigned long pages);
/* exec: top-down mmaps below the stack's room, or the legacy bottom-up
 * layout when the stack rlimit is unlimited (mm/mmap.c). */
void pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlimit);
void mmput(struct mm_struct *mm);
/* mm_count (mm/mm_types.h): keep the struct and page directory alive. */
static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}
void mmdrop(struct mm_struct *mm);
/* fork: a copy of oldmm, private pages shared copy-on-write. */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/* The first area ending above addr (it may start above addr too). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* Map [addr, addr+len) (addr 0: anywhere free, else exactly there,
 * replacing what was mapped); returns the address or -errno (test with
 * IS_ERR_VALUE: addresses above 2 GiB are negative longs).  vm_flags may
 * carry the VM_MAY* access bits mprotect can grant later; none of them
 * means all three. */
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long vm_flags, struct inode *inode, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len);

/* Resolve a fault at addr in vma: 0, or VM_FAULT_MAJOR when the page had
 * to be read from swap (a major fault), or -EFAULT / -ENOMEM, or -EIO
 * past the end of a shared mapping's file or when the swap slot could
 * not be read (SIGBUS). */
#define VM_FAULT_MAJOR 1
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		    bool write);
/* swapoff (mm/swapfile.c:try_to_unuse): bring every swap pte of vma
 * naming area type back in, old and read-only.  0, or -ENOMEM, -EIO, or
 * -EINTR with a fatal signal pending.  mmap_sem held for reading. */
int unuse_vma(struct vm_area_struct *vma, unsigned int type);
/* From do_page_fault: a fault at a user address with mm set.  0 when
 * resolved, -EFAULT for a bad access, -EIO for no page behind a shared
 * mapping (SIGBUS), -ENOMEM when no page could be had (the OOM killer
 * has chosen a victim by then: try again). */
int do_user_fault(struct mm_struct *mm, unsigned long addr, bool write, unsigned long sp);

struct pte_chain;
/* Map page at ptep (empty, its table locked), taking over the caller's
 * reference, and enter it in the page's reverse map: reserve is a block
 * from pte_chain_alloc (mm/rmap.h), given back if unused. */
struct pte_chain *map_user_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				struct page *page, bool writable, struct pte_chain *reserve);
/* Clear a present pte (its table locked): out of the reverse map, the
 * pte's reference dropped. */
void unmap_user_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep);
/* mremap: a present pte moves from old to new (empty; both tables
 * locked, same mm), its page's reverse map entry with it. */
void move_user_page(pte_t *old, pte_t *new);

/* A kernel thread adopts an address space (and leaves it). */
void use_mm(struct mm_struct *mm);
void unuse_mm(struct mm_struct *mm);

struct task_struct;
/* p's address space with a reference (mmput it), or NULL (a kernel
 * thread, or a process that has exited). */
struct mm_struct *get_task_mm(struct task_struct *p);
/* The page at addr of mm, present (faulted in for reading if need be),
 * with a reference; NULL outside any readable area.  mmap_sem held. */
struct page *get_user_page(struct mm_struct *mm, unsigned long addr);
/* Copy len bytes at addr in mm (another process's memory) into buf,
 * faulting pages in as the owner would; how many were copied. */
int access_process_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len);

#endif
