/*
 * lib/radix-tree.h - a radix tree mapping unsigned long indices to
 * pointers, as the page cache uses it (file offset in pages -> page).
 *
 * Each node has 64 slots (RADIX_TREE_MAP_SHIFT bits of the index per
 * level); a tree of height h holds indices below 64^h, and grows a level
 * on top when a bigger index arrives, so small files need one node.
 * Empty nodes are freed on delete and the tree shrinks again.
 *
 * Nodes come from radix_tree_node_alloc()/radix_tree_node_free(), which
 * the user of lib/ provides (a slab cache in the kernel, calloc on the
 * host), so this file stays freestanding.
 * Locking: none inside; the page cache holds its mapping's tree_lock.
 */
#ifndef LIB_RADIX_TREE_H
#define LIB_RADIX_TREE_H

#include "lib/types.h"

#define RADIX_TREE_MAP_SHIFT 6
#define RADIX_TREE_MAP_SIZE (1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK (RADIX_TREE_MAP_SIZE - 1)

struct radix_tree_node {
	unsigned int count;             /* non-empty slots */
	void *slots[RADIX_TREE_MAP_SIZE];
};

struct radix_tree_root {
	unsigned int height;            /* 0: empty */
	struct radix_tree_node *rnode;
};

#define RADIX_TREE_INIT { 0, NULL }

/* Provided by the user of lib/: a zeroed node, or NULL. */
struct radix_tree_node *radix_tree_node_alloc(void);
void radix_tree_node_free(struct radix_tree_node *node);

/* 0, -EEXIST if index is taken, -ENOMEM. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
/* Remove and return the item at index (NULL if none). */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/* Up to max items with index >= first, in index order; how many. */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first, unsigned int max);

#endif
