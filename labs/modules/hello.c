/*
 * labs/modules/hello.c - the smallest useful module: two parameters, a
 * greeting at load and at unload, and one exported function that other
 * modules may call (tests/modules/modtest_user.c does; while it is
 * loaded, rmmod hello is refused).
 *
 *     insmod /lib/modules/hello.ko count=3 who=class
 *     lsmod
 *     rmmod hello
 *
 * Data: the parameters.  Locking: none - init and exit run one at a time.
 */
#include "kernel/module.h"
#include "kernel/printk.h"
#include "lib/errno.h"

static int count = 1;
static char *who = "world";
module_param(count, int, 0444);
module_param(who, charp, 0444);

/* For other modules: how many greetings this one made. */
int hello_greet(const char *from)
{
	printk(KERN_INFO "hello: greeted by %s\n", from);
	return count;
}
EXPORT_SYMBOL(hello_greet);

static int __init hello_init(void)
{
	if (count < 0)
		return -EINVAL;
	for (int i = 0; i < count; i++)
		printk(KERN_INFO "hello: hello, %s (%d of %d)\n", who, i + 1, count);
	return 0;
}

static void __exit hello_exit(void)
{
	printk(KERN_INFO "hello: goodbye, %s\n", who);
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("greets, and lends a function to other modules");
