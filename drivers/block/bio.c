/*
 * drivers/block/bio.c - struct bio: allocating one with room for its
 * segments, adding pages, completing it, and the synchronous ways to do
 * I/O built on submit_bio (submit_bio_wait, bdev_read_page,
 * bdev_write_page, read_dev_sector).
 *
 * Data: a bio and its bio_vec array are one kmalloc'd block.  Locking:
 * a bio belongs to its submitter until submit_bio, then to the block
 * layer until bi_end_io; none of its own.
 */
#include "drivers/block/blk.h"
#include "drivers/block/blkdev.h"
#include "kernel/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

struct bio *bio_alloc(gfp_t gfp, int nr_vecs)
{
	struct bio *bio;

	if (nr_vecs < 1 || nr_vecs > BIO_MAX_PAGES)
		return NULL;
	bio = kmalloc(sizeof(*bio) + (size_t)nr_vecs * sizeof(struct bio_vec), gfp);
	if (!bio)
		return NULL;
	bio->bi_max_vecs = (unsigned short)nr_vecs;
	bio_reset(bio);
	return bio;
}

void bio_reset(struct bio *bio)
{
	unsigned short max = bio->bi_max_vecs;

	memset(bio, 0, sizeof(*bio));
	bio->bi_max_vecs = max;
	bio->bi_io_vec = (struct bio_vec *)(bio + 1);
}

void bio_put(struct bio *bio)
{
	kfree(bio);
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset)
{
	const struct request_queue *q = bio->bi_bdev ? bio->bi_bdev->bd_disk->queue : NULL;
	struct bio_vec *bv;

	if (!len || (len | offset) % SECTOR_SIZE || offset + len > PAGE_SIZE ||
	    bio->bi_vcnt >= bio->bi_max_vecs)
		return 0;
	if (q && (bio->bi_vcnt >= q->max_segments ||
		  (bio->bi_size + len) >> SECTOR_SHIFT > q->max_sectors))
		return 0;
	bv = &bio->bi_io_vec[bio->bi_vcnt++];
	bv->bv_page = page;
	bv->bv_len = len;
	bv->bv_offset = offset;
	bio->bi_size += len;
	return (int)len;
}

void bio_endio(struct bio *bio, int error)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio, error);
}

/* submit_bio_wait's waiter, on its stack: complete() does not touch it
 * once the waiter can have seen it done (kernel/wait.c). */
struct bio_wait {
	struct completion done;
	int error;
};

static void bio_wait_end_io(struct bio *bio, int error)
{
	struct bio_wait *w = bio->bi_private;

	w->error = error;
	complete(&w->done);
}

int submit_bio_wait(int rw, struct bio *bio)
{
	struct bio_wait w = { .error = 0 };
	struct request_queue *q = bio->bi_bdev->bd_disk->queue;

	init_completion(&w.done);
	bio->bi_private = &w;
	bio->bi_end_io = bio_wait_end_io;
	submit_bio(rw, bio);
	blk_unplug(q);                  /* we are about to wait for it */
	wait_for_completion_io(&w.done);
	return w.error;
}

/* len bytes of page at sector of bdev, in or out, waiting: 0 or -EIO. */
static int rw_page_part(struct block_device *bdev, sector_t sector, struct page *page,
			unsigned int len, int rw)
{
	struct bio *bio = bio_alloc(GFP_NOIO, 1);
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_bdev = bdev;
	bio->bi_sector = sector;
	if (!bio_add_page(bio, page, len, 0))
		err = -EIO;
	else
		err = submit_bio_wait(rw, bio);
	bio_put(bio);
	return err;
}

int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return rw_page_part(bdev, sector, page, PAGE_SIZE, READ);
}

int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return rw_page_part(bdev, sector, page, PAGE_SIZE, WRITE);
}

int read_dev_sector(struct block_device *bdev, sector_t sector, struct page *page)
{
	return rw_page_part(bdev, sector, page, SECTOR_SIZE, READ);
}
