/*
 * mm/test_rmap.c - ktests for the reverse map (mm/rmap.c):
 *
 *   - random adds and removes of many fake ptes (in page tables of the
 *     test's own) mapping one page: after each step the chain keeps its
 *     invariant (free slots only at the front of the head block), holds
 *     exactly the ptes the test set, each of which maps the page, and
 *     page_referenced collapses a one-entry chain to a direct mapping
 *     (seed printed; ktest_seed=N replays a run);
 *   - the same, counting the pte_chain blocks out of the slab: never more
 *     than the chain's (and the per-CPU spares), and back where they
 *     started once every pte is gone;
 *   - a page shared by a forked address space and its children: one
 *     entry per mm, page_referenced counts every mm that touched it, the
 *     meminfo count of anonymous pages counts the page once, and the
 *     entries go as the children exit;
 *   - mremap moves a pte's entry in its page's chain, allocating nothing;
 *   - fork's copy, with every GFP_ATOMIC slab allocation of this task
 *     failed (failslab), drops its locks for a sleeping allocation and
 *     goes on where it stopped: every page ends up mapped in both;
 *   - try_to_unmap of such a page in the swap cache leaves its swap entry
 *     in every mm (one swap_map count each, plus the cache's) and lowers
 *     each rss; a VM_LOCKED area fails, a page-table lock or mmap_sem held
 *     elsewhere makes it SWAP_AGAIN for that mm only, and a page of a
 *     shared mapping (in its shmem object's cache) is just unmapped.
 *
 *   - the chain lock is a lock_debug class of its own ("PG_chainlock", the
 *     name mm/lock_order.c uses), held by this CPU only while taken, and
 *     its trylock fails while it is held.
 *
 * The swap-cache state (PG_swapcache, the entry in page->private) is set
 * by hand on a slot from get_swap_page: the swap cache is not this file's.
 * Locking: the mms are the test's; it takes page-table, chain and page
 * locks as reclaim would.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/locking/lockdep.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/slab_def.h"
#include "mm/swapfile.h"
#include "mm/tlbflush.h"
#include "mm/vmstat.h"

#define RW (VM_READ | VM_WRITE)
#define TABLES 3
#define SLOTS (TABLES * PTRS_PER_PTE)
#define STEPS 4000
#define CHILDREN 8
#define FORK_PAGES 32

/* Fake page tables mapping one page: the test's model of its ptes. */
struct fake_ptes {
	struct page *page;
	struct page *table[TABLES];
	bool set[SLOTS];
	int nset;
};

static bool fake_init(struct fake_ptes *f)
{
	memset(f, 0, sizeof(*f));
	f->page = alloc_page(GFP_HIGHUSER);
	for (int t = 0; t < TABLES; t++) {
		f->table[t] = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (f->table[t])
			spin_lock_init(&f->table[t]->ptl);
	}
	for (int t = 0; t < TABLES; t++)
		if (!f->table[t])
			return false;
	return f->page != NULL;
}

static void fake_free(struct fake_ptes *f)
{
	for (int t = 0; t < TABLES; t++)
		if (f->table[t])
			__free_page(f->table[t]);
	if (f->page)
		__free_page(f->page);
}

/* Set or clear fake pte k, with its table locked as a fault's would be. */
static void fake_toggle(struct fake_ptes *f, int k)
{
	struct page *table = f->table[k / PTRS_PER_PTE];
	pte_t *ptep;

	spin_lock(&table->ptl);
	ptep = (pte_t *)kmap_atomic(table, KM_PTE0) + k % PTRS_PER_PTE;
	if (f->set[k]) {
		page_remove_rmap(f->page, ptep);
		pte_clear(ptep);
	} else {
		struct pte_chain *reserve = pte_chain_alloc(GFP_ATOMIC);

		KEXPECT(reserve != NULL);
		set_pte(ptep, __pte(pte_val(mk_pte(f->page, __pgprot(_PAGE_PRESENT | _PAGE_USER))) |
				    _PAGE_ANON));
		pte_chain_free(page_add_rmap(f->page, ptep, reserve));
	}
	kunmap_atomic(ptep, KM_PTE0);
	spin_unlock(&table->ptl);
	f->set[k] = !f->set[k];
	f->nset += f->set[k] ? 1 : -1;
}

/* The fake slot a recorded pte address is, or -1. */
static int fake_slot(const struct fake_ptes *f, pte_addr_t paddr)
{
	for (int t = 0; t < TABLES; t++)
		if (paddr >> PAGE_SHIFT == page_to_pfn(f->table[t]))
			return t * PTRS_PER_PTE + (int)((paddr & ~PAGE_MASK) / sizeof(pte_t));
	return -1;
}

/* Does the chain hold exactly the set slots, each once? */
static bool chain_matches(const struct fake_ptes *f)
{
	static bool seen[SLOTS];
	int n = 0;

	memset(seen, 0, sizeof(seen));
	if (PageDirect(f->page)) {
		int k = fake_slot(f, f->page->pte.direct);

		return f->nset == 1 && k >= 0 && f->set[k];
	}
	for (struct pte_chain *pc = f->page->pte.chain; pc; pc = pte_chain_next(pc)) {
		for (unsigned int i = pc == f->page->pte.chain ? pte_chain_idx(pc) : 0; i < NRPTE;
		     i++, n++) {
			int k = fake_slot(f, pc->ptes[i]);

			if (k < 0 || !f->set[k] || seen[k])
				return false;
			seen[k] = true;
		}
	}
	return n == f->nset;
}

static bool fake_check(struct fake_ptes *f)
{
	int n;
	bool matches, ok;

	pte_chain_lock(f->page);
	n = page_check_rmap(f->page);
	matches = chain_matches(f);
	ok = n == f->nset && matches && page_mapped(f->page) == (f->nset > 0) &&
	     (f->nset < 2 || !PageDirect(f->page));
	pte_chain_unlock(f->page);
	if (!ok)
		ktest_fail(__FILE__, __LINE__, "%d ptes set: page_check_rmap %d (-1: broken), "
			   "each set pte in the chain once: %s, direct %d", f->nset, n,
			   matches ? "yes" : "no", PageDirect(f->page));
	return ok;
}

/* A random toggle of one of f's fake ptes, few slots while the chain
 * grows (the first half of STEPS), then all: long and short runs.  Now
 * and then page_referenced, for its lazy collapse. */
static void random_step(struct fake_ptes *f, u32 *rng, int step)
{
	int range = step < STEPS / 2 ? 64 : SLOTS;

	fake_toggle(f, (int)prandom_below(rng, (u32)range));
	if (prandom_below(rng, 8) == 0) {
		pte_chain_lock(f->page);
		page_referenced(f->page);
		KEXPECT(f->nset != 1 || PageDirect(f->page));
		pte_chain_unlock(f->page);
	}
}

/* pte_chain blocks out of the slab: handed out and not parked in its
 * per-CPU arrays (as slabinfo counts them). */
static long blocks_out(void)
{
	struct kmem_cache_stats st;

	kmem_cache_stats(pte_chain_cache, &st);
	return (long)(pte_chain_cache->num_active - st.parked);
}

/* The blocks of f's page's chain, walked (0 for a direct page). */
static long chain_blocks(struct fake_ptes *f)
{
	long n = 0;

	pte_chain_lock(f->page);
	if (!PageDirect(f->page))
		for (struct pte_chain *pc = f->page->pte.chain; pc; pc = pte_chain_next(pc))
			n++;
	pte_chain_unlock(f->page);
	return n;
}

/* Are the blocks out of the slab, since base, no more than the chain's
 * and the CPUs' spares (pte_chain_alloc's reserve, one each)?  Fewer is
 * fine: a block freed elsewhere (an mm a kernel thread let go). */
static bool blocks_accounted(struct fake_ptes *f, long base, int step)
{
	long out = blocks_out() - base, chain = chain_blocks(f);

	if (out <= chain + num_online_cpus())
		return true;
	ktest_fail(__FILE__, __LINE__, "step %d: %ld pte_chain blocks out of the slab, "
		   "the chain has %ld (%d ptes set): emptied blocks not freed?", step, out, chain,
		   f->nset);
	return false;
}

/* The random tests: STEPS random steps, the chain checked after each
 * (and with count_blocks the slab's blocks too), until the first
 * failure; then every pte is cleared.  The most ptes set at once. */
static int random_walk(bool count_blocks)
{
	static struct fake_ptes f;
	u32 rng = ktest_random_seed();
	long base = blocks_out();
	int live = 0;

	if (!fake_init(&f)) {
		KEXPECT(false);
		fake_free(&f);
		return 0;
	}
	for (int step = 0; step < STEPS; step++) {
		random_step(&f, &rng, step);
		if (!fake_check(&f) || (count_blocks && !blocks_accounted(&f, base, step)))
			break;
		live = live > f.nset ? live : f.nset;
	}
	for (int k = 0; k < SLOTS; k++)
		if (f.set[k])
			fake_toggle(&f, k);
	KEXPECT(!page_mapped(f.page) && !PageDirect(f.page));
	if (count_blocks)
		blocks_accounted(&f, base, STEPS);
	fake_free(&f);
	return live;
}

KTEST(rmap, random_adds_and_removes_keep_the_chain_invariant)
{
	KEXPECT(random_walk(false) > 100);      /* long chains were made */
}

KTEST(rmap, emptied_blocks_go_back_to_the_slab)
{
	random_walk(true);
}

static char __user *uaddr(long addr)
{
	return (char __user *)(unsigned long)addr;
}

/* A parent with one written page at *addr (an anonymous area with
 * flags, private or shared) and n children forked from it (mm[0] is the
 * parent, entered).  The page leaves the per-CPU pagevecs for its LRU
 * list first, so page_count is the mappings' references alone.  false:
 * no memory. */
static bool fork_family(struct mm_struct **mm, int n, unsigned long flags, long *addr)
{
	cpumask_t allowed = current->cpus_allowed;
	bool written;
	int me;

	mm[0] = enter_new_mm();
	*addr = mm[0] ? do_mmap(mm[0], 0, PAGE_SIZE, flags, NULL, 0) : -1;
	if (*addr < 0)
		return false;
	/* On one CPU, so the pagevec this CPU drains is the fault's (the
	 * drain of every CPU's, by work items, leaves a kernel thread
	 * borrowing an mm to free later, which later tests' exact
	 * free-page counts would see). */
	me = get_cpu();
	put_cpu();
	set_cpus_allowed(current, cpumask_of_cpu(me));
	written = !copy_to_user(uaddr(*addr), "P", 1);
	lru_add_drain();
	set_cpus_allowed(current, allowed);
	if (!written)
		return false;
	for (int i = 1; i <= n; i++)
		if (!(mm[i] = dup_mm(mm[0])))
			return false;
	return true;
}

static void end_family(struct mm_struct **mm, int n)
{
	for (int i = n; i >= 1; i--)
		if (mm[i])
			mmput(mm[i]);
	if (mm[0])
		leave_mm(mm[0]);
}

/* fn(page) with the chain lock held, as reclaim calls it. */
static int chain_locked(int (*fn)(struct page *), struct page *page)
{
	int ret;

	pte_chain_lock(page);
	ret = fn(page);
	pte_chain_unlock(page);
	return ret;
}

static int mappings(struct page *page)
{
	return chain_locked(page_check_rmap, page);
}

static int referenced(struct page *page)
{
	return chain_locked(page_referenced, page);
}

KTEST(rmap, a_forked_page_is_one_page_with_an_entry_per_mm)
{
	struct mm_struct *mm[CHILDREN + 1] = { NULL };
	unsigned long anon_before = global_page_state(NR_ANON_PAGES);
	struct page *page;
	long addr;
	char c;

	if (!fork_family(mm, CHILDREN, RW, &addr)) {
		KEXPECT(false);
		end_family(mm, CHILDREN);
		return;
	}
	page = user_page(mm[0], (unsigned long)addr);
	KEXPECT_EQ(mappings(page), CHILDREN + 1);
	KEXPECT_EQ(page_count(page), CHILDREN + 1);
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before + 1);  /* once, not 9 times */
	referenced(page);
	KEXPECT_EQ(referenced(page), 0);
	for (int i = 0; i <= CHILDREN; i++) {
		flush_tlb_mm(mm[i]);            /* so the touch walks the table */
		use_mm(mm[i]);
		KEXPECT_EQ(copy_from_user(&c, uaddr(addr), 1), 0);
		unuse_mm(mm[i]);
	}
	use_mm(mm[0]);
	KEXPECT_EQ(c, 'P');
	KEXPECT_EQ(referenced(page), CHILDREN + 1);
	KEXPECT_EQ(referenced(page), 0);
	for (int i = CHILDREN; i >= 1; i--) {
		mmput(mm[i]);
		mm[i] = NULL;
		KEXPECT_EQ(mappings(page), i);
	}
	referenced(page);
	KEXPECT(PageDirect(page));              /* collapsed */
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before + 1);
	end_family(mm, 0);
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before);
}

KTEST(rmap, mremap_moves_the_entry_with_the_pte)
{
	struct mm_struct *mm[2] = { NULL };
	const unsigned long to = 0x60000000;
	struct page *page;
	long addr;

	if (!fork_family(mm, 1, RW, &addr)) {
		KEXPECT(false);
		goto out;
	}
	page = user_page(mm[0], (unsigned long)addr);
	KEXPECT_EQ(sys_mremap((unsigned long)addr, PAGE_SIZE, PAGE_SIZE,
			      MREMAP_MAYMOVE | MREMAP_FIXED, to), (long)to);
	KEXPECT(user_page(mm[0], to) == page && !user_page(mm[0], (unsigned long)addr));
	KEXPECT_EQ(mappings(page), 2);          /* each entry maps the page */
	KEXPECT_EQ(page_count(page), 2);
out:
	end_family(mm, 1);
}

/* Fail every GFP_ATOMIC slab allocation of this task (on), or stop. */
static void fail_atomic_slab(bool on, struct fault_attr_params *saved)
{
	if (on) {
		fault_attr_save(&failslab.attr, saved);
		fault_attr_set(&failslab.attr, 100, 1, -1, 0);
	} else {
		fault_attr_restore(&failslab.attr, saved);
	}
	failslab.task_filter = on;
	failslab.ignore_gfp_wait = on;
	current->make_it_fail = on;
}

KTEST(rmap, fork_sleeps_for_a_block_with_its_locks_dropped)
{
	struct mm_struct *mm[2] = { NULL };
	struct fault_attr_params saved;
	unsigned long failures;
	long addr;

	mm[0] = enter_new_mm();
	addr = mm[0] ? do_mmap(mm[0], 0, FORK_PAGES * PAGE_SIZE, RW, NULL, 0) : -1;
	KEXPECT(addr >= 0);
	if (addr < 0)
		goto out;
	for (int i = 0; i < FORK_PAGES; i++)
		KEXPECT_EQ(put_user((char)i, uaddr(addr + i * (long)PAGE_SIZE)), 0);
	fail_atomic_slab(true, &saved);
	failures = failslab.attr.nr_failures;
	mm[1] = dup_mm(mm[0]);
	failures = failslab.attr.nr_failures - failures;
	fail_atomic_slab(false, &saved);
	KEXPECT(mm[1] != NULL);
	if (!mm[1])
		goto out;
	KEXPECT(failures >= FORK_PAGES / 2);    /* the fallback was taken */
	for (int i = 0; i < FORK_PAGES; i++) {
		unsigned long a = (unsigned long)addr + (unsigned long)i * PAGE_SIZE;
		struct page *page = user_page(mm[0], a);

		KEXPECT(page != NULL && user_page(mm[1], a) == page);
		if (page)
			KEXPECT_EQ(mappings(page), 2);
	}
out:
	end_family(mm, 1);
}

/* A swap area of the test's own when none is on (removed by
 * put_test_area), or NULL when one is: slots come from that one then. */
static struct swap_info_struct *test_area(void)
{
	union swap_header *hdr;
	struct swap_info_struct *si;
	int err = 0;

	if (total_swap_pages)
		return NULL;
	hdr = (union swap_header *)get_zeroed_page(GFP_KERNEL);
	if (!hdr)
		return NULL;
	memcpy(hdr->magic.magic, SWAP_MAGIC, 10);
	hdr->info.version = 1;
	hdr->info.last_page = 63;
	si = swap_area_setup(hdr, 64, "/dev/ktest-rmap", false, -1, &err);
	free_page((unsigned long)hdr);
	KEXPECT_EQ(err, 0);
	return si;
}

static void put_test_area(struct swap_info_struct *si)
{
	if (si)
		KEXPECT_EQ(swap_area_remove(si), 0);
}

/* Make page a locked swap-cache page of a fresh slot, as add_to_swap
 * will; false when there is no slot. */
static bool fake_swap_cache(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	KEXPECT(entry.val != 0);
	if (!entry.val)
		return false;
	KEXPECT(!TestSetPageLocked(page));
	get_page(page);
	SetPageSwapCache(page);
	page->private = entry.val;
	return true;
}

static void end_fake_swap_cache(struct page *page)
{
	swap_free((swp_entry_t){ page->private });
	page->private = 0;
	ClearPageSwapCache(page);
	ClearPageDirty(page);
	ClearPageLocked(page);
	put_page(page);
}

/* Drop the swap entry try_to_unmap left at addr in mm, as a zap does
 * but without looking for the page in the swap cache (the test's fake
 * cache entry is not in swapper_space). */
static void drop_swap_pte(struct mm_struct *mm, unsigned long addr)
{
	spinlock_t *ptl;
	pte_t *ptep = pte_offset_map_lock(pmd_offset(pgd_offset(mm, addr), addr), addr, &ptl);

	if (is_swap_pte(*ptep)) {
		swap_free(pte_to_swp_entry(*ptep));
		pte_clear(ptep);
		dec_mm_counter(mm, swapents);
	}
	pte_unmap_unlock(ptep, ptl);
}

static int unmap(struct page *page)
{
	return chain_locked(try_to_unmap, page);
}

KTEST(rmap, try_to_unmap_leaves_the_swap_entry_in_every_mm)
{
	struct mm_struct *mm[CHILDREN + 1] = { NULL };
	struct swap_info_struct *si = test_area();
	unsigned long anon_before = global_page_state(NR_ANON_PAGES);
	long rss[CHILDREN + 1], addr;
	struct page *page;
	swp_entry_t entry;

	if (!total_swap_pages || !fork_family(mm, CHILDREN, RW, &addr)) {
		KEXPECT(false);
		goto out;
	}
	page = user_page(mm[0], (unsigned long)addr);
	if (!fake_swap_cache(page))
		goto out;
	entry = (swp_entry_t){ page->private };
	for (int i = 0; i <= CHILDREN; i++)
		rss[i] = get_mm_counter(mm[i], rss);
	KEXPECT_EQ(unmap(page), SWAP_SUCCESS);
	KEXPECT(!page_mapped(page) && !PageDirect(page));
	KEXPECT(PageDirty(page));               /* the parent's write */
	KEXPECT_EQ(page_count(page), 1);        /* ours: the ptes' went */
	KEXPECT_EQ(swap_count(entry), CHILDREN + 2);
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before);
	for (int i = 0; i <= CHILDREN; i++) {
		pte_t pte = user_pte(mm[i], (unsigned long)addr);

		KEXPECT(is_swap_pte(pte) && pte_to_swp_entry(pte).val == entry.val);
		KEXPECT_EQ(get_mm_counter(mm[i], rss), rss[i] - 1);
		drop_swap_pte(mm[i], (unsigned long)addr);
	}
	KEXPECT_EQ(swap_count(entry), 1);
	end_fake_swap_cache(page);
out:
	end_family(mm, CHILDREN);
	put_test_area(si);
}

KTEST(rmap, locked_areas_busy_mms_and_pages_without_swap_are_refused)
{
	struct mm_struct *mm[2] = { NULL };
	struct swap_info_struct *si = test_area();
	struct vm_area_struct *vma;
	struct page *page;
	spinlock_t *ptl;
	pte_t *ptep;
	long addr;

	if (!total_swap_pages || !fork_family(mm, 1, RW, &addr)) {
		KEXPECT(false);
		goto out;
	}
	page = user_page(mm[0], (unsigned long)addr);
	KEXPECT(!TestSetPageLocked(page));
	KEXPECT_EQ(unmap(page), SWAP_FAIL);     /* anonymous, no swap entry */
	ClearPageLocked(page);
	if (!fake_swap_cache(page))
		goto out;
	vma = find_vma(mm[1], (unsigned long)addr);
	vma->vm_flags |= VM_LOCKED;
	KEXPECT_EQ(unmap(page), SWAP_FAIL);
	KEXPECT_EQ(mappings(page), 2);
	vma->vm_flags &= ~VM_LOCKED;
	down_write(&mm[1]->mmap_sem);           /* the child's mm is busy */
	KEXPECT_EQ(unmap(page), SWAP_AGAIN);
	up_write(&mm[1]->mmap_sem);
	KEXPECT_EQ(mappings(page), 1);          /* the parent's went */
	KEXPECT(is_swap_pte(user_pte(mm[0], (unsigned long)addr)));
	ptep = pte_offset_map_lock(pmd_offset(pgd_offset(mm[1], addr), addr), addr, &ptl);
	KEXPECT_EQ(unmap(page), SWAP_AGAIN);    /* its page table is busy */
	pte_unmap_unlock(ptep, ptl);
	KEXPECT_EQ(unmap(page), SWAP_SUCCESS);
	KEXPECT(!page_mapped(page));
	drop_swap_pte(mm[0], (unsigned long)addr);
	drop_swap_pte(mm[1], (unsigned long)addr);
	end_fake_swap_cache(page);
out:
	end_family(mm, 1);
	put_test_area(si);
}

KTEST(rmap, a_shared_mapping_page_is_just_unmapped)
{
	struct mm_struct *mm[3] = { NULL };
	struct page *page;
	long addr;
	char c;

	if (!fork_family(mm, 2, RW | VM_SHARED | VM_MAYSHARE, &addr)) {
		KEXPECT(false);
		goto out;
	}
	page = user_page(mm[0], (unsigned long)addr);
	KEXPECT(page->mapping != NULL);
	KEXPECT_EQ(mappings(page), 3);
	get_page(page);
	KEXPECT(!TestSetPageLocked(page));
	KEXPECT_EQ(unmap(page), SWAP_SUCCESS);
	ClearPageLocked(page);
	KEXPECT(!page_mapped(page) && PageDirty(page));
	for (int i = 0; i <= 2; i++)
		KEXPECT(pte_none(user_pte(mm[i], (unsigned long)addr)));
	put_page(page);
	KEXPECT_EQ(copy_from_user(&c, uaddr(addr), 1), 0);     /* back from its cache */
	KEXPECT_EQ(c, 'P');
	KEXPECT(user_page(mm[0], (unsigned long)addr) == page);
out:
	end_family(mm, 2);
}

KTEST(rmap, the_chain_lock_is_known_to_lock_debug)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KEXPECT(page != NULL);
	if (!page)
		return;
	if (debug_locks)
		KEXPECT(lockdep_class_named("PG_chainlock"));
	KEXPECT(!pte_chain_locked_by_me(page));
	pte_chain_lock(page);
	KEXPECT(pte_chain_locked_by_me(page));
	KEXPECT(!pte_chain_trylock(page));
	pte_chain_unlock(page);
	KEXPECT(!pte_chain_locked_by_me(page));
	KEXPECT(pte_chain_trylock(page));
	KEXPECT(pte_chain_locked_by_me(page));
	pte_chain_unlock(page);
	__free_page(page);
}
