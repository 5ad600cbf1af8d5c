/*
 * mm/test_pgtable.c - ktests for the walk to a user pte with page tables
 * in high memory (HIGHPTE), the graded tests of the pgtable lab
 * (labs/pgtable, docs/labs/pgtable.md):
 *
 *   - get_locked_pte at random addresses: the pte of the right table at
 *     the right index, the table a high page, mapped with kmap_atomic
 *     (preemption off) and under the table's own lock until
 *     pte_unmap_unlock; what is written through it reads back;
 *   - pte_alloc called again on a pmd that has a table keeps that table
 *     and gives its own page back: one table per pmd, no page leaked;
 *   - two threads (on two CPUs where there are two) calling pte_alloc on
 *     the same empty pmd at once leave exactly one table, and what both
 *     write in it stays;
 *   - user pages touched at random addresses through faults read back.
 *
 * Meaningful with most memory high (lowmem=32M); without high memory the
 * tables are low and everything else is checked all the same.
 * Locking: each test's mm is its own; the racing threads share state
 * through volatile flags and atomics.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "lib/random.h"
#include "mm/highmem.h"
#include "mm/ktest_mm.h"
#include "mm/pgtable.h"
#include "mm/vmstat.h"

#define USER_PMDS (TASK_SIZE / PGDIR_SIZE)

/* A failed check, with the user address it was about. */
#define EXPECT_AT(cond, addr)                                                \
	do {                                                                 \
		if (!(cond))                                                 \
			ktest_fail(__FILE__, __LINE__, "expected %s at %#lx", \
				   #cond, (unsigned long)(addr));            \
	} while (0)

/* Enough free high pages that a page table must come from them. */
static bool tables_should_be_high(void)
{
	return contig_page_data.node_zones[ZONE_HIGHMEM].free_pages > 256;
}

static pmd_t *user_pmd(struct mm_struct *mm, unsigned long addr)
{
	return pmd_offset(pgd_offset(mm, addr), addr);
}

/* n distinct user pmds (their indices), at random; never the first. */
static void random_pmds(u32 *rng, unsigned int *idx, int n)
{
	for (int i = 0; i < n; i++) {
		bool taken;

		do {
			idx[i] = 1 + prandom_below(rng, USER_PMDS - 1);
			taken = false;
			for (int j = 0; j < i; j++)
				taken |= idx[j] == idx[i];
		} while (taken);
	}
}

/* A page of pmd idx, at random, with room for `after` pages behind it
 * in the same page table. */
static unsigned long random_page_in(u32 *rng, unsigned int idx, unsigned int after)
{
	return idx * PGDIR_SIZE + prandom_below(rng, PTRS_PER_PTE - after) * PAGE_SIZE;
}

/* A pte value of the test's own: not present, so nothing maps it. */
static pte_t marker(u32 n)
{
	return __pte(n << PAGE_SHIFT);
}

/* The pmd has a table, from high memory when there is some: HIGHPTE. */
static void expect_table(pmd_t *pmd, unsigned long addr)
{
	EXPECT_AT(!pmd_none(*pmd), addr);
	if (!pmd_none(*pmd) && tables_should_be_high())
		EXPECT_AT(PageHighMem(pmd_page(*pmd)), addr);
}

/* Write v to the pte of addr through the primitives alone. */
static void set_user_pte(struct mm_struct *mm, unsigned long addr, pte_t v)
{
	spinlock_t *ptl;
	pte_t *pte = pte_offset_map_lock(user_pmd(mm, addr), addr, &ptl);

	set_pte(pte, v);
	pte_unmap_unlock(pte, ptl);
}

/* One get_locked_pte: the pte of addr, at its index in addr's table,
 * reached through kmap_atomic (preemption off) and under the table's own
 * lock until pte_unmap_unlock gives both back.  Marks the pte. */
static bool lock_and_mark(struct mm_struct *mm, unsigned long addr, u32 n)
{
	unsigned int depth = preempt_count();
	pmd_t *pmd = user_pmd(mm, addr);
	spinlock_t *ptl = NULL;
	pte_t *pte = get_locked_pte(mm, addr, &ptl);

	EXPECT_AT(pte != NULL, addr);
	if (!pte)
		return false;
	expect_table(pmd, addr);
	EXPECT_AT(kmap_atomic_to_page(pte) == pmd_page(*pmd), addr);
	EXPECT_AT(((unsigned long)pte & ~PAGE_MASK) == pte_index(addr) * sizeof(pte_t), addr);
	EXPECT_AT(ptl == pte_lockptr(pmd) && spin_is_locked(pte_lockptr(pmd)), addr);
	EXPECT_AT(!spin_is_locked(&mm->page_table_lock), addr);
	EXPECT_AT(preempt_count() > depth, addr);
	EXPECT_AT(pte_none(*pte), addr);
	set_pte(pte, marker(n));
	/* A *ptl never set (reported above): the table's lock, so the run
	 * goes on instead of dereferencing NULL. */
	pte_unmap_unlock(pte, ptl ? ptl : pte_lockptr(pmd));
	EXPECT_AT(!spin_is_locked(pte_lockptr(pmd)), addr);
	EXPECT_AT(preempt_count() == depth, addr);
	return true;
}

#define WALK_PMDS 6
#define WALK_ADDRS 40

/* Distinct random addresses over a few pmds, so that tables are both
 * made and found again. */
static void random_walk_addresses(u32 *rng, unsigned long *addr, bool *used)
{
	unsigned int idx[WALK_PMDS];

	random_pmds(rng, idx, WALK_PMDS);
	for (int i = 0; i < WALK_ADDRS; i++) {
		bool taken;

		do {
			int k = (int)prandom_below(rng, WALK_PMDS);

			addr[i] = random_page_in(rng, idx[k], 0);
			used[k] = true;
			taken = false;
			for (int j = 0; j < i; j++)
				taken |= addr[j] == addr[i];
		} while (taken);
	}
}

KTEST(pgtable, get_locked_pte_maps_and_locks_random_addresses)
{
	u32 rng = ktest_random_seed();
	unsigned long addr[WALK_ADDRS], tables = global_page_state(NR_PAGETABLE);
	bool used[WALK_PMDS] = { false };
	struct mm_struct *mm = mm_alloc();
	int made = 0, walked = 0;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	random_walk_addresses(&rng, addr, used);
	down_read(&mm->mmap_sem);
	while (walked < WALK_ADDRS && lock_and_mark(mm, addr[walked], (u32)walked + 1))
		walked++;
	up_read(&mm->mmap_sem);
	KEXPECT_EQ(walked, WALK_ADDRS);
	for (int i = 0; i < walked; i++) {
		EXPECT_AT(pte_same(user_pte(mm, addr[i]), marker((u32)i + 1)), addr[i]);
		set_user_pte(mm, addr[i], __pte(0));
	}
	for (int k = 0; k < WALK_PMDS; k++)
		made += used[k];
	KEXPECT_EQ(global_page_state(NR_PAGETABLE) - tables, walked ? made : 0);
	mmput(mm);
}

#define ALLOC_PMDS 12

/* pte_alloc on a pmd, then again on the same pmd: the first installs a
 * table (its page recording mm and the first address it maps, for
 * rmap), the second finds it and returns its own page. */
static void alloc_twice(struct mm_struct *mm, u32 *rng, unsigned int idx)
{
	unsigned long addr = random_page_in(rng, idx, 1);
	pmd_t *pmd = user_pmd(mm, addr);
	struct page *table;

	EXPECT_AT(pte_alloc(mm, pmd, addr) == 0, addr);
	expect_table(pmd, addr);
	if (pmd_none(*pmd))
		return;
	table = pmd_page(*pmd);
	EXPECT_AT(table->mapping == (void *)mm && table->index == (addr & PMD_MASK), addr);
	EXPECT_AT(pte_alloc(mm, pmd, addr + PAGE_SIZE) == 0, addr);
	EXPECT_AT(pmd_page(*pmd) == table, addr);
}

KTEST(pgtable, pte_alloc_installs_once_and_gives_the_spare_back)
{
	u32 rng = ktest_random_seed();
	unsigned long tables = global_page_state(NR_PAGETABLE), free;
	struct mm_struct *mm = mm_alloc();
	unsigned int idx[ALLOC_PMDS];

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	random_pmds(&rng, idx, ALLOC_PMDS);
	free = settled_free_pages();
	for (int i = 0; i < ALLOC_PMDS; i++)
		alloc_twice(mm, &rng, idx[i]);
	KEXPECT_EQ(global_page_state(NR_PAGETABLE) - tables, ALLOC_PMDS);
	KEXPECT_EQ(free - settled_free_pages(), ALLOC_PMDS);   /* one page a table */
	mmput(mm);
	KEXPECT_EQ(global_page_state(NR_PAGETABLE), tables);
}

#define RACERS 2
#define RACE_ROUNDS 24

/* Each round both racers call pte_alloc on the same empty pmd, then
 * write their marker in their own pte of the table now in place. */
static struct {
	struct mm_struct *mm;
	unsigned long addr[RACE_ROUNDS];
	volatile int round;             /* rounds the racers may start */
	int finished;                   /* atomic: racer-rounds done */
	int errors;                     /* atomic */
} race;

static int racer(void *arg)
{
	int me = (int)(long)arg;

	for (int r = 0; r < RACE_ROUNDS; r++) {
		unsigned long addr = race.addr[r] + (unsigned long)me * PAGE_SIZE;
		pmd_t *pmd = user_pmd(race.mm, addr);

		while (race.round <= r)
			yield();
		if (pte_alloc(race.mm, pmd, addr) || pmd_none(*pmd))
			__sync_fetch_and_add(&race.errors, 1);
		else
			set_user_pte(race.mm, addr, marker((u32)me + 1));
		__sync_fetch_and_add(&race.finished, 1);
	}
	return 0;
}

/* The racers, bound to different CPUs where there are several. */
static void run_race(void)
{
	struct task_struct *t[RACERS];

	race.round = 0;
	race.finished = 0;
	race.errors = 0;
	for (int i = 0; i < RACERS; i++) {
		t[i] = kthread_create(racer, (void *)(long)i, "ptalloc/%d", i);
		kthread_bind(t[i], i % num_online_cpus());
		wake_up_process(t[i]);
	}
	for (int r = 1; r <= RACE_ROUNDS; r++) {
		race.round = r;
		while (race.finished < RACERS * r)
			yield();
	}
	for (int i = 0; i < RACERS; i++)
		kthread_stop(t[i]);
	KEXPECT_EQ(race.errors, 0);
}

KTEST(pgtable, two_cpus_installing_one_table_leave_one)
{
	u32 rng = ktest_random_seed();
	unsigned long tables = global_page_state(NR_PAGETABLE), free;
	unsigned int idx[RACE_ROUNDS];

	race.mm = mm_alloc();
	KEXPECT(race.mm != NULL);
	if (!race.mm)
		return;
	random_pmds(&rng, idx, RACE_ROUNDS);
	for (int r = 0; r < RACE_ROUNDS; r++)
		race.addr[r] = random_page_in(&rng, idx[r], RACERS - 1);
	free = settled_free_pages();
	run_race();
	KEXPECT_EQ(global_page_state(NR_PAGETABLE) - tables, RACE_ROUNDS);
	KEXPECT_EQ(free - settled_free_pages(), RACE_ROUNDS);  /* the losers' went back */
	for (int r = 0; r < RACE_ROUNDS; r++)
		for (int i = 0; i < RACERS && !pmd_none(*user_pmd(race.mm, race.addr[r])); i++) {
			unsigned long addr = race.addr[r] + (unsigned long)i * PAGE_SIZE;

			EXPECT_AT(pte_same(user_pte(race.mm, addr), marker((u32)i + 1)), addr);
			set_user_pte(race.mm, addr, __pte(0));
		}
	mmput(race.mm);
}

#define AREAS 8
#define AREA_PAGES 16
#define TOUCHES 48

/* Anonymous areas in random pmds, each inside one page table: their
 * starts; false if one could not be mapped. */
static bool map_random_areas(struct mm_struct *mm, u32 *rng, unsigned long *start)
{
	unsigned int idx[AREAS];

	random_pmds(rng, idx, AREAS);
	for (int i = 0; i < AREAS; i++) {
		start[i] = random_page_in(rng, idx[i], AREA_PAGES - 1);
		if (do_mmap(mm, start[i], AREA_PAGES * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0) !=
		    (long)start[i]) {
			ktest_fail(__FILE__, __LINE__, "do_mmap of %d pages at %#lx failed",
				   AREA_PAGES, start[i]);
			return false;
		}
	}
	return true;
}

KTEST(pgtable, random_user_pages_read_back_through_high_tables)
{
	u32 rng = ktest_random_seed(), salt = prandom_next(&rng);
	unsigned long start[AREAS], addr[TOUCHES], tables = global_page_state(NR_PAGETABLE);
	struct mm_struct *mm = enter_new_mm();
	bool touched[AREAS] = { false };
	int made = 0;

	KEXPECT(mm != NULL);
	if (!mm)
		return;
	if (!map_random_areas(mm, &rng, start))
		goto out;
	for (int i = 0; i < TOUCHES; i++) {
		int k = (int)prandom_below(&rng, AREAS);

		addr[i] = start[k] + prandom_below(&rng, AREA_PAGES * PAGE_SIZE / 4) * 4;
		made += !touched[k];
		touched[k] = true;
		EXPECT_AT(put_user(salt ^ addr[i], (u32 __user *)addr[i]) == 0, addr[i]);
	}
	for (int i = 0; i < TOUCHES; i++) {
		u32 v = 0;

		EXPECT_AT(get_user(v, (u32 __user *)addr[i]) == 0 && v == (salt ^ addr[i]),
			  addr[i]);
		expect_table(user_pmd(mm, addr[i]), addr[i]);
	}
	KEXPECT_EQ(global_page_state(NR_PAGETABLE) - tables, made);
out:
	leave_mm(mm);
}
