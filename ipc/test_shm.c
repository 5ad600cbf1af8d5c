/*
 * ipc/test_shm.c - ktests for System V shared memory: a segment's
 * identifier outlives IPC_RMID while it is attached and goes with the
 * last detach (munmap of the attach, or the address space's end), its
 * pages freed then and not before; a stale identifier is refused once
 * its slot is reused.
 * Each test runs in an address space of its own (use_mm) and drops it.
 * Locking: the mm is this test's alone; the calls take shm_ids_lock.
 */
#include "ipc/shm.h"
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "lib/errno.h"
#include "mm/ktest_mm.h"
#include "mm/vmstat.h"

#define SIZE (3 * PAGE_SIZE)

/* A new segment of SIZE bytes for a test in an address space of its
 * own (entered): its id, or -1 with nothing left behind. */
static long segment_in_new_mm(struct mm_struct **mmp)
{
	long id;

	*mmp = enter_new_mm();
	KEXPECT(*mmp);
	if (!*mmp)
		return -1;
	id = sys_shmget(IPC_PRIVATE, SIZE, IPC_CREAT | 0600);
	KEXPECT(id >= 0);
	if (id < 0)
		leave_mm(*mmp);
	return id;
}

KTEST(shm, removed_segment_lives_until_the_last_detach)
{
	unsigned long shmem = global_page_state(NR_SHMEM), a = 0, b = 0;
	int ids = shm_nr_ids();
	struct mm_struct *mm;
	long id = segment_in_new_mm(&mm);

	if (id < 0)
		return;
	KEXPECT_EQ(do_shmat((int)id, 0, 0, &a), 0);
	KEXPECT_EQ(do_shmat((int)id, 0, 0, &b), 0);
	KEXPECT_EQ(copy_to_user((char __user *)a, "abc", 3), 0);
	KEXPECT_EQ(copy_to_user((char __user *)(b + 2 * PAGE_SIZE), "z", 1), 0);
	KEXPECT_EQ(global_page_state(NR_SHMEM), shmem + 2);
	KEXPECT_EQ(sys_shmctl((unsigned long)id, IPC_RMID, NULL), 0);
	KEXPECT_EQ(shm_nr_ids(), ids + 1);              /* still attached twice */
	KEXPECT_EQ(sys_shmdt(a), 0);
	KEXPECT_EQ(shm_nr_ids(), ids + 1);
	KEXPECT_EQ(global_page_state(NR_SHMEM), shmem + 2);
	KEXPECT_EQ(sys_shmdt(a), -EINVAL);              /* nothing there now */
	KEXPECT_EQ(do_munmap(mm, b, SIZE), 0);          /* the last detach */
	KEXPECT_EQ(shm_nr_ids(), ids);
	KEXPECT_EQ(global_page_state(NR_SHMEM), shmem);
	KEXPECT_EQ(do_shmat((int)id, 0, 0, &a), -EINVAL);
	leave_mm(mm);
}

KTEST(shm, exit_is_the_last_detach)
{
	int ids = shm_nr_ids();
	unsigned long shmem = global_page_state(NR_SHMEM), a = 0;
	struct mm_struct *mm;
	long id = segment_in_new_mm(&mm);

	if (id >= 0)
		KEXPECT_EQ(do_shmat((int)id, 0, SHM_RDONLY, &a), 0);
	if (id < 0)
		return;
	KEXPECT_EQ(copy_to_user((char __user *)a, "x", 1), 1);  /* read-only */
	KEXPECT_EQ(sys_shmctl((unsigned long)id, IPC_RMID, NULL), 0);
	KEXPECT_EQ(shm_nr_ids(), ids + 1);
	leave_mm(mm);                   /* the address space ends */
	KEXPECT_EQ(shm_nr_ids(), ids);
	KEXPECT_EQ(global_page_state(NR_SHMEM), shmem);
}

KTEST(shm, stale_identifier_of_a_reused_slot_is_refused)
{
	long id = sys_shmget(IPC_PRIVATE, PAGE_SIZE, IPC_CREAT | 0600), again;

	KEXPECT(id >= 0);
	KEXPECT_EQ(sys_shmctl((unsigned long)id, IPC_RMID, NULL), 0);
	again = sys_shmget(IPC_PRIVATE, PAGE_SIZE, IPC_CREAT | 0600);
	KEXPECT(again >= 0 && again != id);
	KEXPECT_EQ(sys_shmctl((unsigned long)id, IPC_RMID, NULL), -EINVAL);
	KEXPECT_EQ(sys_shmctl((unsigned long)again, IPC_RMID, NULL), 0);
}
