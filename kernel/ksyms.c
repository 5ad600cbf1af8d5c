/*
 * kernel/ksyms.c - the kernel's interface to modules: every function and
 * variable a loadable module may use, in one place, as Linux 2.4 kept
 * them (kernel/module.c resolves a module's undefined symbols against this
 * list - the __ksymtab section - and the modules' own exports, and
 * nothing else).  A header's static inline functions need no entry: they
 * are compiled into the module; what they call does.
 *
 * Data: the __ksymtab entries EXPORT_SYMBOL makes.  Locking: none.
 */
#include "kernel/module.h"
#include "kernel/debug/monitor.h"
#include "kernel/kthread.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/mutex.h"
#include "kernel/locking/spinlock.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "kernel/workqueue.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

/* Output and strings. */
EXPORT_SYMBOL(printk);
EXPORT_SYMBOL(panic);
EXPORT_SYMBOL(snprintf);
EXPORT_SYMBOL(memcpy);
EXPORT_SYMBOL(memset);
EXPORT_SYMBOL(memcmp);
EXPORT_SYMBOL(strcmp);
EXPORT_SYMBOL(strlen);

/* Memory. */
EXPORT_SYMBOL(kmalloc);
EXPORT_SYMBOL(kzalloc);
EXPORT_SYMBOL(kfree);
EXPORT_SYMBOL(kmem_cache_create);
EXPORT_SYMBOL(kmem_cache_alloc);
EXPORT_SYMBOL(kmem_cache_free);
EXPORT_SYMBOL(kmem_cache_destroy);
EXPORT_SYMBOL(vmalloc);
EXPORT_SYMBOL(vfree);
EXPORT_SYMBOL(alloc_pages);
EXPORT_SYMBOL(__free_pages);
EXPORT_SYMBOL(kmap);
EXPORT_SYMBOL(kunmap);
EXPORT_SYMBOL(contig_page_data);        /* the zones: the pcp lab reads their lists */
EXPORT_SYMBOL(mem_map);                 /* page_to_pfn's */

/* Tasks, time, deferred work. */
EXPORT_SYMBOL(kthread_create);
EXPORT_SYMBOL(kthread_bind);
EXPORT_SYMBOL(kthread_stop);
EXPORT_SYMBOL(kthread_should_stop);
EXPORT_SYMBOL(wake_up_process);
EXPORT_SYMBOL(schedule);
EXPORT_SYMBOL(preempt_schedule);        /* preempt_enable's, put_cpu's */
EXPORT_SYMBOL(set_cpus_allowed);
EXPORT_SYMBOL(smp_call_function_single);
EXPORT_SYMBOL(cpu_online_map);
EXPORT_SYMBOL(msleep);
EXPORT_SYMBOL(jiffies);
EXPORT_SYMBOL(init_timer);
EXPORT_SYMBOL(setup_timer);
EXPORT_SYMBOL(add_timer);
EXPORT_SYMBOL(mod_timer);
EXPORT_SYMBOL(del_timer_sync);
EXPORT_SYMBOL(create_workqueue);
EXPORT_SYMBOL(destroy_workqueue);
EXPORT_SYMBOL(queue_work);
EXPORT_SYMBOL(queue_work_on);
EXPORT_SYMBOL(flush_workqueue);
EXPORT_SYMBOL(schedule_work);
EXPORT_SYMBOL(init_completion);
EXPORT_SYMBOL(complete);
EXPORT_SYMBOL(wait_for_completion);

/* Locks: what the inline lock functions call when lock_debug is on. */
EXPORT_SYMBOL(debug_locks);
EXPORT_SYMBOL(spin_lock_debug);
EXPORT_SYMBOL(spin_trylock_debug);
EXPORT_SYMBOL(spin_unlock_debug);
EXPORT_SYMBOL(mutex_lock);
EXPORT_SYMBOL(mutex_unlock);
