/*
 * mm/test_swap_slots.c - the randomised tests of suite swapfile, graded
 * by the swap lab (docs/labs/swap.md), with the ktest seed: an area of
 * random size with random bad pages filled, emptied and mixed, every
 * slot handed out distinct, inside the area, never the header or a bad
 * page, the free-slot bounds and counters right at every step; and
 * random duplicates and frees of a few slots checked against a model of
 * their counts, one of them saturated.
 *
 * Areas come from header pages in memory (mm/ktest_swap.h: own_area),
 * made only while no other area is on.
 * Locking: the areas are this test's; it reads their fields unlocked
 * (nothing else allocates swap here).
 */
#include "kernel/debug/ktest.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/ktest_swap.h"
#include "mm/slab.h"
#include "mm/swapfile.h"

enum { SLOT_FREE, SLOT_HELD, SLOT_BAD };

/* A random area and its slots as the test knows them. */
struct slot_run {
	struct swap_info_struct *si;
	unsigned int type;
	u8 *state;              /* per slot: SLOT_FREE, SLOT_HELD or SLOT_BAD */
	unsigned int *held;     /* the slots the test holds, in no order */
	unsigned int nr_held;
	u32 rng;
	bool failed;            /* only the first failure is told: stop there */
};

/* The first failure of a run, with where and what; later checks pass. */
#define RUN_CHECK(run, cond, fmt, ...)                                        \
	do {                                                                  \
		if (!(run)->failed && !(cond)) {                              \
			(run)->failed = true;                                 \
			ktest_fail(__FILE__, __LINE__, fmt, ##__VA_ARGS__);   \
		}                                                             \
	} while (0)

/* An area of 300 to 1299 slots with up to 8 bad pages, never slot 1 nor
 * the last two (so that freeing everything must give back the bounds of
 * swapon); false if it could not be made. */
static bool run_start(struct slot_run *run)
{
	unsigned int max = 300 + prandom_below(&run->rng, 1000), nbad = prandom_below(&run->rng, 9);
	u32 bad[8];

	for (unsigned int i = 0; i < nbad; i++)
		bad[i] = 2 + prandom_below(&run->rng, max - 4);
	run->state = kzalloc(max, GFP_KERNEL);
	run->held = kmalloc(max * sizeof(*run->held), GFP_KERNEL);
	KEXPECT(run->state && run->held);
	run->si = run->state && run->held ? own_area(max, bad, nbad, 0) : NULL;
	if (!run->si)
		return false;
	run->type = (unsigned int)type_of(run->si);
	run->state[0] = SLOT_BAD;
	for (unsigned int i = 0; i < nbad; i++)
		run->state[bad[i]] = SLOT_BAD;
	return true;
}

/* The area's accounting and bounds agree with what the test holds. */
static void run_check_area(struct slot_run *run)
{
	struct swap_info_struct *si = run->si;
	unsigned int first = 0, last = 0;

	for (unsigned int off = 1; off < si->max; off++)
		if (run->state[off] == SLOT_FREE) {
			first = first ? first : off;
			last = off;
		}
	RUN_CHECK(run, si->swap_map[0] == SWAP_MAP_BAD, "the header, slot 0, has count %u",
		  si->swap_map[0]);
	RUN_CHECK(run, si->inuse_pages == run->nr_held, "inuse_pages %u with %u slots held",
		  si->inuse_pages, run->nr_held);
	RUN_CHECK(run, nr_swap_pages == (long)(si->pages - run->nr_held),
		  "nr_swap_pages %ld with %u of %u slots held", nr_swap_pages, run->nr_held, si->pages);
	RUN_CHECK(run, first || !si->highest_bit, "full, and highest_bit %u (not 0)", si->highest_bit);
	RUN_CHECK(run, !first || (si->lowest_bit <= first && si->highest_bit >= last),
		  "free slots %u..%u outside lowest_bit %u..highest_bit %u", first, last,
		  si->lowest_bit, si->highest_bit);
}

/* get_swap_page: a slot of the area, free until now, if and only if the
 * area has one; then the checks. */
static void run_take(struct slot_run *run)
{
	swp_entry_t e = get_swap_page();
	unsigned long off = swp_offset(e);
	bool room = run->nr_held < run->si->pages;

	RUN_CHECK(run, e.val || !room, "no slot given with %u of %u free", run->si->pages - run->nr_held,
		  run->si->pages);
	RUN_CHECK(run, !e.val || room, "slot %lu given from a full area", off);
	RUN_CHECK(run, !e.val || (swp_type(e) == run->type && off && off < run->si->max),
		  "slot %lu of type %u given: the area is type %u, slots 1..%u", off, swp_type(e),
		  run->type, run->si->max - 1);
	if (run->failed || !e.val)
		return;
	RUN_CHECK(run, run->state[off] == SLOT_FREE, "slot %lu given while %s", off,
		  run->state[off] == SLOT_HELD ? "in use" : "bad");
	RUN_CHECK(run, swap_count(e) == 1, "slot %lu given with count %d", off, swap_count(e));
	if (run->state[off] == SLOT_FREE) {
		run->state[off] = SLOT_HELD;
		run->held[run->nr_held++] = (unsigned int)off;
	}
	run_check_area(run);
}

/* Free the i-th held slot; then the checks. */
static void run_give_back(struct slot_run *run, unsigned int i)
{
	unsigned int off = run->held[i];

	swap_free(swp_entry(run->type, off));
	run->state[off] = SLOT_FREE;
	run->held[i] = run->held[--run->nr_held];
	run_check_area(run);
}

static void run_give_back_random(struct slot_run *run)
{
	run_give_back(run, prandom_below(&run->rng, run->nr_held));
}

/* Full, then the last slot and one other freed: both come back. */
static void run_fill_and_the_last_slot(struct slot_run *run)
{
	unsigned int last = run->si->max - 1;

	while (!run->failed && run->nr_held < run->si->pages)
		run_take(run);
	run_take(run);                          /* none left */
	for (unsigned int i = 0; i < run->nr_held && !run->failed; i++)
		if (run->held[i] == last)
			run_give_back(run, i);
	if (!run->failed)
		run_give_back_random(run);
	for (int i = 0; i < 3 && !run->failed; i++)
		run_take(run);                  /* both, and then none */
}

/* Random frees, then takes and frees in turn at random. */
static void run_mix(struct slot_run *run)
{
	unsigned int frees = prandom_below(&run->rng, run->nr_held + 1);

	for (unsigned int i = 0; i < frees && !run->failed; i++)
		run_give_back_random(run);
	for (unsigned int op = 0; op < 2 * run->si->max && !run->failed; op++) {
		if (run->nr_held && prandom_below(&run->rng, 2))
			run_give_back_random(run);
		else
			run_take(run);
	}
}

KTEST(swapfile, random_slots_are_distinct_and_inside_the_bounds)
{
	struct slot_run run = { .rng = ktest_random_seed() };

	if (run_start(&run)) {
		run_fill_and_the_last_slot(&run);
		run_mix(&run);
		while (!run.failed && run.nr_held)
			run_give_back_random(&run);
		/* All free again: the area as swapon left it. */
		RUN_CHECK(&run, run.si->lowest_bit == 1 && run.si->highest_bit == run.si->max - 1,
			  "all free: lowest_bit %u, highest_bit %u (swapon's: 1, %u)",
			  run.si->lowest_bit, run.si->highest_bit, run.si->max - 1);
		while (run.nr_held)
			run_give_back(&run, 0);
		remove_area(run.si);
	}
	kfree(run.held);
	kfree(run.state);
}

#define COUNT_SLOTS 8

/* What swap_duplicate (dup) or swap_free does to a count, as the rules
 * say: a free slot stays free, a saturated count stays. */
static unsigned int next_count(unsigned int count, bool dup)
{
	if (!count || count == SWAP_MAP_MAX)
		return count;
	return dup ? count + 1 : count - 1;
}

/* The counts of e[] are model[]; the area holds the slots not at 0. */
static bool counts_agree(struct swap_info_struct *si, const swp_entry_t *e,
			 const unsigned int *model)
{
	unsigned int used = 0;

	for (int i = 0; i < COUNT_SLOTS; i++) {
		if (swap_count(e[i]) != (int)model[i]) {
			ktest_fail(__FILE__, __LINE__, "slot %lu: count %d, expected %u",
				   swp_offset(e[i]), swap_count(e[i]), model[i]);
			return false;
		}
		used += model[i] != 0;
	}
	if (si->inuse_pages == used && nr_swap_pages == (long)(si->pages - used))
		return true;
	ktest_fail(__FILE__, __LINE__, "inuse_pages %u, nr_swap_pages %ld: %u slots in use of %u",
		   si->inuse_pages, nr_swap_pages, used, si->pages);
	return false;
}

/* One random swap_duplicate or swap_free of a slot in use. */
static bool count_step(struct swap_info_struct *si, swp_entry_t *e, unsigned int *model, u32 *rng)
{
	int i = (int)prandom_below(rng, COUNT_SLOTS);
	bool dup = prandom_below(rng, 5) < 3;   /* counts drift up */

	if (!model[i])
		return true;
	if (dup)
		KEXPECT_EQ(swap_duplicate(e[i]), 1);
	else
		swap_free(e[i]);
	model[i] = next_count(model[i], dup);
	return counts_agree(si, e, model);
}

/* Slot i's count up to SWAP_MAP_MAX, and one duplicate more. */
static bool count_saturate(struct swap_info_struct *si, swp_entry_t *e, unsigned int *model, int i)
{
	for (unsigned int n = model[i]; n <= SWAP_MAP_MAX; n++)
		KEXPECT_EQ(swap_duplicate(e[i]), 1);
	model[i] = SWAP_MAP_MAX;
	return counts_agree(si, e, model);
}

/* Free each slot down to 0 (a saturated one stays), then once more:
 * reported, nothing changes; a duplicate of a free slot is refused. */
static bool counts_to_zero(struct swap_info_struct *si, swp_entry_t *e, unsigned int *model)
{
	for (int i = 0; i < COUNT_SLOTS; i++) {
		for (unsigned int n = model[i] == SWAP_MAP_MAX ? 3 : model[i]; n; n--)
			swap_free(e[i]);
		model[i] = model[i] == SWAP_MAP_MAX ? SWAP_MAP_MAX : 0;
		if (!model[i]) {
			swap_free(e[i]);
			KEXPECT_EQ(swap_duplicate(e[i]), 0);
		}
	}
	return counts_agree(si, e, model);
}

KTEST(swapfile, random_counts_saturate_and_never_go_below_zero)
{
	unsigned int model[COUNT_SLOTS];
	swp_entry_t e[COUNT_SLOTS];
	struct swap_info_struct *si = own_area(64, NULL, 0, 0);
	u32 rng = ktest_random_seed();
	int taken = 0;
	bool ok;

	while (si && taken < COUNT_SLOTS && (e[taken] = get_swap_page()).val)
		model[taken++] = 1;
	if (si && taken < COUNT_SLOTS)
		ktest_fail(__FILE__, __LINE__, "a fresh area of %u slots gave %d", si->pages, taken);
	ok = taken == COUNT_SLOTS && counts_agree(si, e, model);
	ok = ok && count_saturate(si, e, model, (int)prandom_below(&rng, COUNT_SLOTS));
	for (int op = 0; op < 3000 && ok; op++)
		ok = count_step(si, e, model, &rng);
	if (ok)
		counts_to_zero(si, e, model);
	for (int i = 0; i < taken; i++)         /* the test's own area: let it go */
		if (si->swap_map[swp_offset(e[i])])
			si->swap_map[swp_offset(e[i])] = 1;
	remove_area(si);
}
