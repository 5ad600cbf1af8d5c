/*
 * mm/page_io.c - reading and writing swap-cache pages: one bio of one
 * page to the slot's place on its area's block device, completed
 * asynchronously (drivers/block/ll_rw_blk.c:submit_bio; the completion
 * runs from the disk's interrupt).
 *
 * Slot offset N of an area is page N of its device: sectors 8N..8N+7
 * (PAGE_SECTORS), on a partition counted from the partition's start,
 * which submit_bio adds.  A write sets PG_writeback before it is
 * submitted and end_page_writeback clears it at completion; a read is
 * issued with the page locked and its completion unlocks it.  A failed
 * transfer leaves PG_error on the page (and a written page dirty
 * again, so that its data is not taken for saved).
 *
 * Data: none; each bio carries its page (bi_private).  Locking: the page
 * lock and PG_writeback as above; an area's block device stays while a
 * slot of it is in use, and the swap cache holds a count on the slot of
 * every page here, so swap_info[type].bdev is read without swap_lock.
 */
#include "drivers/block/blkdev.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "mm/mm.h"
#include "mm/swap_state.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"

static void end_swap_bio_write(struct bio *bio, int error)
{
	struct page *page = bio->bi_private;

	if (error) {
		SetPageError(page);
		SetPageDirty(page);
		pr_err("Write-error on swap-device (%u:%lu)\n", swp_type((swp_entry_t){ page->private }),
		       swp_offset((swp_entry_t){ page->private }) * PAGE_SECTORS);
	}
	end_page_writeback(page);
	bio_put(bio);
}

static void end_swap_bio_read(struct bio *bio, int error)
{
	struct page *page = bio->bi_private;

	if (error) {
		SetPageError(page);
		pr_err("Read-error on swap-device (%u:%lu)\n", swp_type((swp_entry_t){ page->private }),
		       swp_offset((swp_entry_t){ page->private }) * PAGE_SECTORS);
	}
	unlock_page(page);
	bio_put(bio);
}

/* A bio for page's slot, or NULL (no memory, or an area without a
 * device: a ktest's). */
static struct bio *get_swap_bio(struct page *page, bio_end_io_t *end_io)
{
	swp_entry_t entry = { page->private };
	struct block_device *bdev = swap_info[swp_type(entry)].bdev;
	struct bio *bio;

	if (!bdev)
		return NULL;
	bio = bio_alloc(GFP_NOIO, 1);
	if (!bio)
		return NULL;
	bio->bi_bdev = bdev;
	bio->bi_sector = (sector_t)swp_offset(entry) * PAGE_SECTORS;
	bio->bi_end_io = end_io;
	bio->bi_private = page;
	bio_add_page(bio, page, PAGE_SIZE, 0);
	return bio;
}

static void check_swap_page(struct page *page, const char *who)
{
	if (!PageLocked(page) || !PageSwapCache(page))
		panic("%s: page %p is not locked in the swap cache", who, (void *)page);
}

int swap_writepage(struct page *page)
{
	struct bio *bio;

	check_swap_page(page, "swap_writepage");
	bio = get_swap_bio(page, end_swap_bio_write);
	if (!bio) {
		unlock_page(page);
		return -ENOMEM;
	}
	ClearPageDirty(page);
	ClearPageError(page);
	SetPageWriteback(page);
	unlock_page(page);
	count_vm_event(PSWPOUT);
	submit_bio(WRITE, bio);
	return 0;
}

void swap_readpage(struct page *page)
{
	struct bio *bio;

	check_swap_page(page, "swap_readpage");
	ClearPageError(page);
	bio = get_swap_bio(page, end_swap_bio_read);
	if (!bio) {
		SetPageError(page);
		unlock_page(page);
		return;
	}
	count_vm_event(PSWPIN);
	submit_bio(READ, bio);
}
