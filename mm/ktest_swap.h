/*
 * mm/ktest_swap.h - helpers the swap ktests share (mm/test_swapfile.c
 * defines them; mm/test_swap_slots.c, mm/test_swap_cache.c and
 * mm/test_vmscan.c use them too): swap areas made from header pages in
 * memory, and areas on the block layer's memory disk ktda
 * (drivers/block/test_memdisk.c).
 *
 * Locking: the areas are the tests'; md's fields under md.lock.
 */
#ifndef MM_KTEST_SWAP_H
#define MM_KTEST_SWAP_H

#include "drivers/block/blkdev.h"
#include "mm/swapfile.h"

/* No area may be on when a test that makes its own starts: false (the
 * test skipped) if one is. */
bool no_areas_on(void);
/* An area without a disk of pages slots (bad pages listed in bad) with
 * priority prio (automatic if prio < 0), or NULL (the test failed). */
struct swap_info_struct *make_area(unsigned long pages, const u32 *bad, u32 nbad, int prio);
/* make_area's area when no other is on; else NULL, and the test fails
 * (an earlier test's area left behind: a skip would hide that). */
struct swap_info_struct *own_area(unsigned long pages, const u32 *bad, u32 nbad, int prio);
/* Free the slots the test left in use and take si away. */
void remove_area(struct swap_info_struct *si);
/* si's type, the index of swap entries naming it. */
static inline int type_of(const struct swap_info_struct *si)
{
	return (int)(si - swap_info);
}
/* The area that is on under name, or NULL. */
struct swap_info_struct *area_named(const char *name);

/* ktda ready, with no area on anywhere and its request log empty;
 * false (the test skipped or failed) if not. */
bool memdisk_ready(void);
/* Wait for ktda to be idle and empty its request log. */
void fresh_log(void);
/* ktda without partitions, with an mkswap header for the whole disk at
 * sector 0 if good (else none). */
void whole_disk_area(bool good);
/* ktda swapon'd whole (memdisk_ready, a good header), or false (the
 * test skipped or failed); and swapoff'd again. */
bool ktda_swap_on(void);
void ktda_swap_off(void);
/* The request covering sector fails with -EIO (~0: none). */
void set_fail_sector(sector_t sector);

#endif
