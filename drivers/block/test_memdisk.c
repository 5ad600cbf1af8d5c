/*
 * drivers/block/test_memdisk.c - a disk in memory for the block layer's
 * ktests and benchmarks: a driver as the IDE one is, without the drive.
 *
 * "ktda" (major 240, of Linux's range for local use; 16 minors) holds
 * MEMDISK_PAGES pages of high memory.  Its request_fn takes one request
 * at a time, copies the data at once (kmap_atomic of both pages: irqs
 * are off in request_fn) and completes it from a timer one tick later -
 * from interrupt context, as a disk's interrupt would - or, with `fast`
 * (for the benchmarks), from a work item at once.  What the tests
 * steer (under md.lock): `stalled` keeps request_fn from taking anything
 * (a busy drive: requests queue up and merge), `fail_sector` makes the
 * request covering it end with -EIO untouched, `partial` completes each
 * request in two calls of blk_end_request.  It logs each request it
 * starts (sector, sectors, direction) for the tests to read.
 *
 * Locking: md.lock is the queue's lock and covers everything in md.
 */
#include "drivers/block/test_memdisk.h"
#include "kernel/locking/lockdep.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"

struct memdisk md;

/* Copy one segment between the bio's page and the disk's pages. */
static void copy_segment(struct bio_vec bv, sector_t sector, int dir)
{
	u8 *buf = kmap_atomic(bv.bv_page, KM_IRQ0) + bv.bv_offset;

	for (unsigned int done = 0; done < bv.bv_len; done += SECTOR_SIZE, sector++) {
		struct page *p = md.pages[sector / PAGE_SECTORS];
		u8 *disk = kmap_atomic(p, KM_IRQ1) + (sector % PAGE_SECTORS) * SECTOR_SIZE;

		if (dir == WRITE)
			memcpy(disk, buf + done, SECTOR_SIZE);
		else
			memcpy(buf + done, disk, SECTOR_SIZE);
		kunmap_atomic(disk, KM_IRQ1);
	}
	kunmap_atomic(buf - bv.bv_offset, KM_IRQ0);
}

static void memdisk_transfer(struct request *rq)
{
	struct req_iterator iter;
	struct bio_vec bv;
	sector_t sector = rq->sector;

	rq_for_each_segment(bv, rq, iter) {
		copy_segment(bv, sector, rq_data_dir(rq));
		sector += bv.bv_len >> SECTOR_SHIFT;
	}
}

static void memdisk_request(struct request_queue *q)
{
	struct request *rq;

	lockdep_assert_held(&md.lock);
	if (md.cur || md.stalled || !(rq = elv_next_request(q)))
		return;
	blkdev_dequeue_request(rq);
	md.cur = rq;
	if (md.nr_log < MEMDISK_LOG)
		md.log[md.nr_log++] = (struct memdisk_log){ rq->sector, rq->nr_sectors,
							    rq_data_dir(rq) };
	md.cur_error = md.fail_sector >= rq->sector &&
		       md.fail_sector < rq->sector + rq->nr_sectors ? -EIO : 0;
	if (!md.cur_error)
		memdisk_transfer(rq);
	if (md.fast)
		schedule_work(&md.work);
	else
		mod_timer(&md.irq, jiffies + 1);
}

/* The "interrupt": the request started last is over. */
static void memdisk_end(void)
{
	unsigned int bytes, first = 0;
	struct request *rq;
	unsigned long flags;
	int error;

	spin_lock_irqsave(&md.lock, flags);
	rq = md.cur;
	md.cur = NULL;
	error = md.cur_error;
	if (rq && md.partial && rq->nr_sectors > 1)
		first = (unsigned int)(rq->nr_sectors / 2) << SECTOR_SHIFT;
	spin_unlock_irqrestore(&md.lock, flags);
	if (!rq)
		return;
	bytes = (unsigned int)rq->nr_sectors << SECTOR_SHIFT;
	if (first)
		blk_end_request(rq, 0, first);
	blk_end_request(rq, error, bytes - first);
}

static void memdisk_interrupt(unsigned long data)
{
	(void)data;
	memdisk_end();
}

static void memdisk_work(struct work_struct *work)
{
	(void)work;
	memdisk_end();
}

void memdisk_set(bool *flag, bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&md.lock, flags);
	*flag = on;
	spin_unlock_irqrestore(&md.lock, flags);
	if (!on)
		blk_run_queue(md.q);    /* the "drive" is free: its turn */
}

/* Nothing queued, at the driver or still being finished. */
static bool memdisk_idle(void)
{
	unsigned long flags;
	bool idle;

	spin_lock_irqsave(&md.lock, flags);
	idle = !md.cur && !md.q->in_flight && !md.q->nr_queued && !md.q->plugged;
	spin_unlock_irqrestore(&md.lock, flags);
	return idle;
}

bool memdisk_wait_idle(void)
{
	for (int i = 0; i < 500; i++) {
		if (memdisk_idle())
			return true;
		msleep(10);
	}
	return false;
}

void memdisk_reset(void)
{
	unsigned long flags;

	spin_lock_irqsave(&md.lock, flags);
	md.nr_log = 0;
	md.fail_sector = ~(sector_t)0;
	md.q->head_sector = 0;
	spin_unlock_irqrestore(&md.lock, flags);
}

int memdisk_init(void)
{
	if (md.disk)
		return 0;
	spin_lock_init(&md.lock);
	setup_timer(&md.irq, memdisk_interrupt, 0);
	INIT_WORK(&md.work, memdisk_work);
	md.fail_sector = ~(sector_t)0;
	for (unsigned int i = 0; i < MEMDISK_PAGES; i++)
		if (!(md.pages[i] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO)))
			return -ENOMEM;
	if (register_blkdev(MEMDISK_MAJOR, "ktd") || !(md.q = blk_init_queue(memdisk_request, &md.lock)))
		return -EBUSY;
	md.disk = alloc_disk(MEMDISK_MINORS);
	if (!md.disk)
		return -ENOMEM;
	md.disk->major = MEMDISK_MAJOR;
	strcpy(md.disk->disk_name, "ktda");
	md.disk->queue = md.q;
	set_capacity(md.disk, MEMDISK_PAGES * PAGE_SECTORS);
	add_disk(md.disk);
	md.whole = md.disk->part[0];
	return 0;
}
