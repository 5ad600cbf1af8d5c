/*
 * lib/radix-tree.c - the radix tree (see lib/radix-tree.h).
 *
 * Data: nodes of 64 slots; interior slots point to nodes, bottom slots
 * to items.  Locking: the caller's.
 */
#include "lib/radix-tree.h"
#include "lib/errno.h"

#define MAX_HEIGHT ((sizeof(unsigned long) * 8 + RADIX_TREE_MAP_SHIFT - 1) / RADIX_TREE_MAP_SHIFT)

static unsigned long max_index(unsigned int height)
{
	unsigned int bits = height * RADIX_TREE_MAP_SHIFT;

	return bits >= sizeof(unsigned long) * 8 ? ~0UL : (1UL << bits) - 1;
}

static unsigned int slot_of(unsigned long index, unsigned int level)
{
	return (index >> ((level - 1) * RADIX_TREE_MAP_SHIFT)) & RADIX_TREE_MAP_MASK;
}

/* Add levels on top until index fits. */
static int extend(struct radix_tree_root *root, unsigned long index)
{
	while (!root->height || index > max_index(root->height)) {
		struct radix_tree_node *node = radix_tree_node_alloc();

		if (!node)
			return -ENOMEM;
		if (root->rnode) {
			node->slots[0] = root->rnode;
			node->count = 1;
		}
		root->rnode = node;
		root->height++;
	}
	return 0;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *node;
	int err = extend(root, index);

	if (err)
		return err;
	node = root->rnode;
	for (unsigned int level = root->height; level > 1; level--) {
		void **slot = &node->slots[slot_of(index, level)];

		if (!*slot) {
			if (!(*slot = radix_tree_node_alloc()))
				return -ENOMEM;
			node->count++;
		}
		node = *slot;
	}
	if (node->slots[slot_of(index, 1)])
		return -EEXIST;
	node->slots[slot_of(index, 1)] = item;
	node->count++;
	return 0;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = root->rnode;

	if (!root->height || index > max_index(root->height))
		return NULL;
	for (unsigned int level = root->height; level > 1 && node; level--)
		node = node->slots[slot_of(index, level)];
	return node ? node->slots[slot_of(index, 1)] : NULL;
}

/* Drop top levels whose only child is in slot 0. */
static void shrink(struct radix_tree_root *root)
{
	while (root->height > 1 && root->rnode->count == 1 && root->rnode->slots[0]) {
		struct radix_tree_node *top = root->rnode;

		root->rnode = top->slots[0];
		root->height--;
		radix_tree_node_free(top);
	}
	if (root->height && !root->rnode->count) {
		radix_tree_node_free(root->rnode);
		root->rnode = NULL;
		root->height = 0;
	}
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *path[MAX_HEIGHT + 1];
	struct radix_tree_node *node = root->rnode;
	unsigned int level;
	void *item;

	if (!root->height || index > max_index(root->height))
		return NULL;
	for (level = root->height; level > 1; level--) {
		path[level] = node;
		node = node->slots[slot_of(index, level)];
		if (!node)
			return NULL;
	}
	item = node->slots[slot_of(index, 1)];
	if (!item)
		return NULL;
	node->slots[slot_of(index, 1)] = NULL;
	node->count--;
	/* Free emptied nodes bottom-up, clearing their parents' slots. */
	for (level = 2; level <= root->height && !node->count; level++) {
		radix_tree_node_free(node);
		node = path[level];
		node->slots[slot_of(index, level)] = NULL;
		node->count--;
	}
	shrink(root);
	return item;
}

static unsigned int gang(const struct radix_tree_node *node, unsigned int level,
			 unsigned long base, void **results, unsigned long first,
			 unsigned int max, unsigned int n)
{
	unsigned int shift = (level - 1) * RADIX_TREE_MAP_SHIFT;

	for (unsigned long i = 0; i < RADIX_TREE_MAP_SIZE && n < max; i++) {
		unsigned long lo = base + (i << shift);
		unsigned long hi = lo + max_index(level - 1);

		if (!node->slots[i] || hi < first)
			continue;
		if (level == 1)
			results[n++] = node->slots[i];
		else
			n = gang(node->slots[i], level - 1, lo, results, first, max, n);
	}
	return n;
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first, unsigned int max)
{
	if (!root->height)
		return 0;
	return gang(root->rnode, root->height, 0, results, first, max, 0);
}
