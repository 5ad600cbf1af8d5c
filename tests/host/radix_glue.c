/*
 * tests/host/radix_glue.c - radix tree nodes for the host build of lib/
 * (the kernel takes them from a slab cache, mm/filemap.c).
 * Locking: none; single-threaded.
 */
#include "lib/radix-tree.h"

void *calloc(size_t n, size_t size);
void free(void *p);

struct radix_tree_node *radix_tree_node_alloc(void)
{
	return calloc(1, sizeof(struct radix_tree_node));
}

void radix_tree_node_free(struct radix_tree_node *node)
{
	free(node);
}
