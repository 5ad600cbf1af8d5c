/*
 * mm/test_lock_order.c - ktests for the written mm lock order
 * (mm/lock_order.c): every name in it is a real lock class, and the real
 * locks carry the ranks the list gives them, so a renamed lock cannot
 * silently drop out of the checking.
 * Locking: takes no lock of its own; the mm is this test's alone.
 */
#include "ipc/shm.h"
#include "kernel/debug/ktest.h"
#include "kernel/locking/lockdep.h"
#include "kernel/sched.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"

static int listed_rank(const char *name)
{
	for (unsigned int i = 0; i < mm_lock_order_len; i++)
		if (!strcmp(mm_lock_order[i], name))
			return (int)i;
	return -2;
}

KTEST(lockdep, mm_lock_order_names_real_locks)
{
	struct mm_struct *mm;
	struct zone *zone;

	if (!debug_locks) {
		ktest_skip("boot with lock_debug to check the mm lock order");
		return;
	}
	mm = mm_alloc();
	KEXPECT(mm);
	if (!mm)
		return;
	down_write(&mm->mmap_sem);              /* an rwsem's class is made at first use */
	spin_lock(&mm->page_table_lock);
	spin_unlock(&mm->page_table_lock);
	up_write(&mm->mmap_sem);
	shm_nr_ids();                           /* takes shm_ids_lock */
	for (unsigned int i = 0; i < mm_lock_order_len; i++)
		if (!lockdep_class_named(mm_lock_order[i]))
			ktest_fail(__FILE__, __LINE__, "no lock class is called %s",
				   mm_lock_order[i]);
	KEXPECT_EQ(lockdep_class_rank(&mm->mmap_sem, &mm->mmap_sem.class_idx),
		   listed_rank("&mm->mmap_sem"));
	KEXPECT_EQ(lockdep_class_rank(&mm->page_table_lock, &mm->page_table_lock.class_idx),
		   listed_rank("&mm->page_table_lock"));
	mmput(mm);
	KEXPECT_EQ(lockdep_class_rank(&current->alloc_lock, &current->alloc_lock.class_idx),
		   listed_rank("&p->alloc_lock"));
	for_each_zone(zone)
		if (zone->present_pages)
			KEXPECT_EQ(lockdep_class_rank(&zone->lock, &zone->lock.class_idx),
				   listed_rank("&zone->lock"));
}
