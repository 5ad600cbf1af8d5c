/*
 * tests/modules/modtest_failinit.c - allocates, then fails its init with
 * -ENODEV after freeing: insmod reports "No such device" and nothing of
 * the module stays (its vmalloc area, its symbols, its /proc/modules line).
 * No data kept; no locking.
 */
#include "kernel/module.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "mm/slab.h"

static int __init failinit_init(void)
{
	void *p = kmalloc(100, GFP_KERNEL);

	kfree(p);
	printk(KERN_INFO "modtest_failinit: failing on purpose\n");
	return -ENODEV;
}

module_init(failinit_init);
MODULE_LICENSE("GPL");
