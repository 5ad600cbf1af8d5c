/*
 * tests/modules/modtest_user.c - a module that uses another module's
 * export (hello_greet, labs/modules/hello.c): it loads only after hello,
 * and hello cannot be unloaded while it is there (tests/test_modules.py).
 * No data; no locking.
 */
#include "kernel/module.h"
#include "kernel/printk.h"

int hello_greet(const char *from);

static int __init user_init(void)
{
	printk(KERN_INFO "modtest_user: hello made %d greetings\n", hello_greet("modtest_user"));
	return 0;
}

static void __exit user_exit(void)
{
}

module_init(user_init);
module_exit(user_exit);
MODULE_LICENSE("GPL");
