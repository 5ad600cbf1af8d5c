/*
 * lib/test_radix_tree.c - tests of the radix tree: growth and shrinking,
 * collisions, gang lookup in order, and a seeded random workload checked
 * against a plain array.  Built for the kernel and the host.
 * Locking: none.
 */
#include "kernel/debug/ktest.h"
#include "lib/errno.h"
#include "lib/radix-tree.h"
#include "lib/random.h"

#define ITEM(i) ((void *)(((unsigned long)(i) << 2) | 2))   /* never NULL */

KTEST(radix_tree, insert_lookup_delete_grow_and_shrink)
{
	struct radix_tree_root root = RADIX_TREE_INIT;

	KEXPECT(radix_tree_lookup(&root, 0) == NULL);
	KEXPECT_EQ(radix_tree_insert(&root, 5, ITEM(5)), 0);
	KEXPECT_EQ(root.height, 1);
	KEXPECT_EQ(radix_tree_insert(&root, 5, ITEM(6)), -EEXIST);
	KEXPECT_EQ(radix_tree_insert(&root, 100000, ITEM(100000)), 0);
	KEXPECT_EQ(root.height, 3);             /* 64^3 > 100000 */
	KEXPECT(radix_tree_lookup(&root, 5) == ITEM(5));
	KEXPECT(radix_tree_lookup(&root, 100000) == ITEM(100000));
	KEXPECT(radix_tree_lookup(&root, 6) == NULL);
	KEXPECT(radix_tree_lookup(&root, ~0UL) == NULL);
	KEXPECT(radix_tree_delete(&root, 100000) == ITEM(100000));
	KEXPECT_EQ(root.height, 1);             /* shrank back */
	KEXPECT(radix_tree_delete(&root, 100000) == NULL);
	KEXPECT(radix_tree_delete(&root, 5) == ITEM(5));
	KEXPECT_EQ(root.height, 0);
	KEXPECT(root.rnode == NULL);
}

KTEST(radix_tree, gang_lookup_in_index_order)
{
	struct radix_tree_root root = RADIX_TREE_INIT;
	static const unsigned long idx[] = { 70, 3, 4096, 0, 65, 262143 };
	void *got[8];

	for (unsigned int i = 0; i < ARRAY_SIZE(idx); i++)
		radix_tree_insert(&root, idx[i], ITEM(idx[i]));
	KEXPECT_EQ(radix_tree_gang_lookup(&root, got, 0, 8), 6);
	KEXPECT(got[0] == ITEM(0) && got[1] == ITEM(3) && got[2] == ITEM(65));
	KEXPECT(got[3] == ITEM(70) && got[4] == ITEM(4096) && got[5] == ITEM(262143));
	KEXPECT_EQ(radix_tree_gang_lookup(&root, got, 66, 2), 2);
	KEXPECT(got[0] == ITEM(70) && got[1] == ITEM(4096));
	for (unsigned int i = 0; i < ARRAY_SIZE(idx); i++)
		radix_tree_delete(&root, idx[i]);
	KEXPECT(root.rnode == NULL);
}

#define RANDOM_SLOTS 512

KTEST(radix_tree, random_workload_matches_an_array)
{
	static unsigned long keys[RANDOM_SLOTS];
	static bool present[RANDOM_SLOTS];
	struct radix_tree_root root = RADIX_TREE_INIT;
	u32 seed = 0x7e55e2a;
	int bad = 0;

	for (int i = 0; i < RANDOM_SLOTS; i++) {
		/* Spread over small and large indices, all distinct. */
		keys[i] = (unsigned long)i * 7919 + (prandom_next(&seed) & 3) * 0x1000000UL;
		present[i] = false;
	}
	for (int op = 0; op < 4000; op++) {
		int i = (int)prandom_below(&seed, RANDOM_SLOTS);

		if (present[i]) {
			bad += radix_tree_delete(&root, keys[i]) != ITEM(i);
		} else {
			bad += radix_tree_insert(&root, keys[i], ITEM(i)) != 0;
		}
		present[i] = !present[i];
	}
	for (int i = 0; i < RANDOM_SLOTS; i++)
		bad += radix_tree_lookup(&root, keys[i]) != (present[i] ? ITEM(i) : NULL);
	KEXPECT_EQ(bad, 0);
	for (int i = 0; i < RANDOM_SLOTS; i++)
		if (present[i])
			radix_tree_delete(&root, keys[i]);
	KEXPECT(root.rnode == NULL && root.height == 0);
}
