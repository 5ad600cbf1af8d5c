/*
 * lib/test_list.c - tests of lib/list.h: insertion order, deletion and its
 * poisoning, moving between lists, splicing, and deleting while iterating.
 * Run in the kernel (ktest=list) and on the host (make hosttest).
 *
 * No shared state; each test builds its lists on the stack.
 */
#include "kernel/debug/ktest.h"
#include "lib/list.h"

struct item {
	int value;
	struct list_head node;
};

static void collect(struct list_head *head, int *out, int *n)
{
	struct item *it;

	*n = 0;
	list_for_each_entry(it, head, node)
		out[(*n)++] = it->value;
}

KTEST(list, add_tail_order_and_delete)
{
	LIST_HEAD(head);
	struct item items[4];
	int seen[4], n;

	KEXPECT(list_empty(&head));
	for (int i = 0; i < 4; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, &head);
	}
	collect(&head, seen, &n);
	KEXPECT_EQ(n, 4);
	KEXPECT_EQ(seen[0], 0);
	KEXPECT_EQ(seen[3], 3);
	list_del(&items[1].node);
	KEXPECT(items[1].node.next == LIST_POISON1);
	collect(&head, seen, &n);
	KEXPECT_EQ(n, 3);
	KEXPECT_EQ(seen[1], 2);
	KEXPECT(list_first_entry(&head, struct item, node) == &items[0]);
}

KTEST(list, add_is_lifo_and_move)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item items[3];
	int seen[3], n;

	for (int i = 0; i < 3; i++) {
		items[i].value = i;
		list_add(&items[i].node, &a);
	}
	collect(&a, seen, &n);
	KEXPECT_EQ(seen[0], 2);
	KEXPECT_EQ(seen[2], 0);
	list_move_tail(&items[2].node, &b);
	list_move(&items[0].node, &b);
	collect(&b, seen, &n);
	KEXPECT_EQ(n, 2);
	KEXPECT_EQ(seen[0], 0);
	KEXPECT_EQ(seen[1], 2);
}

KTEST(list, splice_and_safe_iteration)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item items[4], *it, *tmp;
	int seen[4], n;

	for (int i = 0; i < 4; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, i < 2 ? &a : &b);
	}
	list_splice_init(&b, &a);
	KEXPECT(list_empty(&b));
	collect(&a, seen, &n);
	KEXPECT_EQ(n, 4);
	KEXPECT_EQ(seen[0], 2);
	KEXPECT_EQ(seen[1], 3);
	KEXPECT_EQ(seen[2], 0);
	list_for_each_entry_safe(it, tmp, &a, node)
		if (it->value % 2)
			list_del_init(&it->node);
	collect(&a, seen, &n);
	KEXPECT_EQ(n, 2);
	KEXPECT(list_empty(&items[1].node));
}
