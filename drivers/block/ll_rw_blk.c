/*
 * drivers/block/ll_rw_blk.c - request queues: bios in, requests out to
 * the driver, completions back (Linux 2.6's ll_rw_blk.c).
 *
 * submit_bio checks a bio against its device, counts its KiB in
 * /proc/vmstat's pgpgin or pgpgout, makes its sector absolute on the
 * disk and gives it to the disk's queue (make_request).  There it
 * joins a queued request it is adjacent to - at the request's back or
 * front, if the result stays within max_sectors and max_segments - or
 * becomes a new request, inserted in q->queue_head in sector order.  A
 * merge that makes two queued requests touch joins them too.  The driver
 * takes requests with elv_next_request, which sweeps upwards from where
 * the last request ended (head_sector) and wraps to the lowest: one
 * direction across the disk, as a lift does, so no request waits more
 * than one sweep.
 *
 * Plugging: a request arriving at an idle queue (nothing queued, nothing
 * at the driver) plugs it, and request_fn is not called until blk_unplug
 * (submit_bio_wait does it before it sleeps), BLK_UNPLUG_THRESH queued
 * requests, or the unplug timer (q->unplug_delay, BLK_UNPLUG_MS unless
 * changed).  While the driver is busy
 * new requests simply queue up behind it and merge.  Whoever waits on a
 * page under I/O unplugs every queue first (blk_run_queues, from
 * mm/filemap.c:sync_page): the timer is only for I/O nobody waits on -
 * at HZ=100 it costs up to 10 ms, and a swap-in that waited for it read
 * at a hundred requests a second.
 *
 * Requests come from a fixed pool per queue (BLKDEV_MAX_RQ): a submitter
 * that finds none free unplugs the queue and sleeps until a request ends,
 * so a flood of writes is throttled by the disk instead of eating memory.
 *
 * Data: the request_queue (blkdev.h).  Locking: q->queue_lock, the
 * driver's spinlock, irqs off, over the queue, plugging, the pool and the
 * disk's statistics; request_fn runs under it.  blk_queues_lock covers
 * the list of every queue and is taken outside queue locks.  A request the driver has
 * taken is the driver's: blk_end_request changes its bios without the
 * lock, and takes it only to free the request.  bi_end_io is called with
 * no block layer lock held.
 */
#include "drivers/block/blk.h"
#include "drivers/block/blkdev.h"
#include "kernel/locking/lockdep.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

static void blk_unplug_timeout(unsigned long data);

static LIST_HEAD(blk_queues);
static DEFINE_SPINLOCK(blk_queues_lock);

struct request_queue *blk_init_queue(request_fn_proc *request_fn, spinlock_t *lock)
{
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!q)
		return NULL;
	q->queue_lock = lock;
	q->request_fn = request_fn;
	INIT_LIST_HEAD(&q->queue_head);
	INIT_LIST_HEAD(&q->free_rqs);
	init_waitqueue_head(&q->rq_wait);
	q->max_sectors = 128;           /* 64 KiB until the driver says */
	q->max_segments = 128;
	setup_timer(&q->unplug_timer, blk_unplug_timeout, (unsigned long)q);
	q->unplug_delay = msecs_to_jiffies(BLK_UNPLUG_MS);
	for (int i = 0; i < BLKDEV_MAX_RQ; i++)
		list_add_tail(&q->rq_pool[i].queuelist, &q->free_rqs);
	spin_lock(&blk_queues_lock);
	list_add_tail(&q->all_queues, &blk_queues);
	spin_unlock(&blk_queues_lock);
	return q;
}

void blk_queue_max_sectors(struct request_queue *q, unsigned int max)
{
	q->max_sectors = max ? max : 1;
}

void blk_queue_max_segments(struct request_queue *q, unsigned int max)
{
	q->max_segments = max ? max : 1;
}

/* ---- statistics (queue lock held) ---- */

void part_round_stats(struct disk_stats *s)
{
	unsigned long now = jiffies;

	if (s->in_flight) {
		s->io_ticks += now - s->stamp;
		s->time_in_queue += s->in_flight * (now - s->stamp);
	}
	s->stamp = now;
}

static struct disk_stats *disk_stats(struct request *rq)
{
	return &rq->rq_disk->part[0]->bd_stats;
}

/* in_flight of the partition and of the whole disk; delta +1 or -1. */
static void account_in_flight(struct request *rq, int delta)
{
	struct disk_stats *d = disk_stats(rq), *p = &rq->part->bd_stats;

	part_round_stats(d);
	d->in_flight += delta;
	if (p != d) {
		part_round_stats(p);
		p->in_flight += delta;
	}
}

static void account_merge(struct request *rq, struct bio *bio)
{
	struct disk_stats *d = disk_stats(rq), *p = &bio->bi_part->bd_stats;

	d->merges[rq->dir]++;
	if (p != d)
		p->merges[rq->dir]++;
}

static void account_done(struct request *rq)
{
	unsigned long sectors = rq->sectors_done;
	struct disk_stats *d = disk_stats(rq), *p = &rq->part->bd_stats;
	unsigned long ticks = jiffies - rq->start_time;

	d->ios[rq->dir]++;
	d->sectors[rq->dir] += sectors;
	d->ticks[rq->dir] += ticks;
	if (p != d) {
		p->ios[rq->dir]++;
		p->sectors[rq->dir] += sectors;
		p->ticks[rq->dir] += ticks;
	}
	account_in_flight(rq, -1);
}

/* ---- the elevator: a sorted queue, merging (queue lock held) ---- */

static unsigned int bio_sectors(const struct bio *bio)
{
	return bio->bi_size >> SECTOR_SHIFT;
}

static bool fits(struct request_queue *q, unsigned long sectors, unsigned int segments)
{
	return sectors <= q->max_sectors && segments <= q->max_segments;
}

/* rq and the request after it in the queue become one if they touch. */
static void try_merge_next(struct request_queue *q, struct request *rq)
{
	struct request *next;

	if (rq->queuelist.next == &q->queue_head)
		return;
	next = list_entry(rq->queuelist.next, struct request, queuelist);
	if (next->dir != rq->dir || next->rq_disk != rq->rq_disk ||
	    rq->sector + rq->nr_sectors != next->sector ||
	    !fits(q, rq->nr_sectors + next->nr_sectors,
		  rq->nr_phys_segments + next->nr_phys_segments))
		return;
	rq->biotail->bi_next = next->bio;
	rq->biotail = next->biotail;
	rq->nr_sectors += next->nr_sectors;
	rq->nr_phys_segments += next->nr_phys_segments;
	account_in_flight(next, -1);    /* its I/O is rq's now */
	list_del(&next->queuelist);
	q->nr_queued--;
	list_add(&next->queuelist, &q->free_rqs);
	wake_up(&q->rq_wait);
}

/* Insert rq among the queued requests in sector order. */
static void elv_insert_sorted(struct request_queue *q, struct request *rq)
{
	struct list_head *pos = &q->queue_head;
	struct request *r;

	list_for_each_entry(r, &q->queue_head, queuelist) {
		if (r->sector > rq->sector) {
			pos = &r->queuelist;
			break;
		}
	}
	list_add_tail(&rq->queuelist, pos);
}

static bool back_merge(struct request_queue *q, struct request *rq, struct bio *bio)
{
	if (rq->sector + rq->nr_sectors != bio->bi_sector)
		return false;
	rq->biotail->bi_next = bio;
	rq->biotail = bio;
	rq->nr_sectors += bio_sectors(bio);
	rq->nr_phys_segments += bio->bi_vcnt;
	account_merge(rq, bio);
	try_merge_next(q, rq);
	return true;
}

static bool front_merge(struct request_queue *q, struct request *rq, struct bio *bio)
{
	struct request *prev;

	if (bio->bi_sector + bio_sectors(bio) != rq->sector)
		return false;
	bio->bi_next = rq->bio;
	rq->bio = bio;
	rq->sector = bio->bi_sector;
	rq->nr_sectors += bio_sectors(bio);
	rq->nr_phys_segments += bio->bi_vcnt;
	account_merge(rq, bio);
	list_del(&rq->queuelist);       /* its start moved: keep the order */
	elv_insert_sorted(q, rq);
	if (rq->queuelist.prev != &q->queue_head) {
		prev = list_entry(rq->queuelist.prev, struct request, queuelist);
		try_merge_next(q, prev);
	}
	return true;
}

/* bio joins a queued request it is adjacent to: true if it did. */
static bool elv_merge(struct request_queue *q, struct bio *bio)
{
	struct gendisk *disk = bio->bi_bdev->bd_disk;
	struct request *rq;

	list_for_each_entry(rq, &q->queue_head, queuelist) {
		if (rq->dir != (int)bio->bi_rw || rq->rq_disk != disk ||
		    !fits(q, rq->nr_sectors + bio_sectors(bio),
			  rq->nr_phys_segments + bio->bi_vcnt))
			continue;
		if (back_merge(q, rq, bio) || front_merge(q, rq, bio))
			return true;
	}
	return false;
}

struct request *elv_next_request(struct request_queue *q)
{
	struct request *rq;

	lockdep_assert_held(q->queue_lock);
	list_for_each_entry(rq, &q->queue_head, queuelist)
		if (rq->sector >= q->head_sector)
			return rq;
	return list_empty(&q->queue_head) ? NULL
		: list_first_entry(&q->queue_head, struct request, queuelist);
}

void blkdev_dequeue_request(struct request *rq)
{
	struct request_queue *q = rq->q;

	lockdep_assert_held(q->queue_lock);
	list_del_init(&rq->queuelist);
	q->nr_queued--;
	q->in_flight++;
	q->head_sector = rq->sector + rq->nr_sectors;
}

/* ---- plugging (queue lock held) ---- */

static void blk_plug_device(struct request_queue *q)
{
	q->plugged = true;
	mod_timer(&q->unplug_timer, jiffies + q->unplug_delay);
}

/* Unplugged: the driver may take what is queued. */
static void __blk_run_queue(struct request_queue *q)
{
	lockdep_assert_held(q->queue_lock);
	if (q->plugged) {
		q->plugged = false;
		del_timer(&q->unplug_timer);
	}
	if (q->nr_queued)
		q->request_fn(q);
}

/* Unplug q if it is plugged, counting why in *why. */
static void unplug_counted(struct request_queue *q, unsigned long *why)
{
	unsigned long flags;

	spin_lock_irqsave(q->queue_lock, flags);
	if (q->plugged) {
		(*why)++;
		__blk_run_queue(q);
	}
	spin_unlock_irqrestore(q->queue_lock, flags);
}

static void blk_unplug_timeout(unsigned long data)
{
	struct request_queue *q = (struct request_queue *)data;

	unplug_counted(q, &q->unplugs_timer);
}

void blk_unplug(struct request_queue *q)
{
	unplug_counted(q, &q->unplugs_io);
}

void blk_run_queues(void)
{
	struct request_queue *q;

	spin_lock(&blk_queues_lock);
	list_for_each_entry(q, &blk_queues, all_queues)
		if (__atomic_load_n(&q->plugged, __ATOMIC_RELAXED))
			unplug_counted(q, &q->unplugs_io);
	spin_unlock(&blk_queues_lock);
}

void blk_run_queue(struct request_queue *q)
{
	unsigned long flags;

	spin_lock_irqsave(q->queue_lock, flags);
	if (!q->plugged && q->nr_queued)
		q->request_fn(q);
	spin_unlock_irqrestore(q->queue_lock, flags);
}

/* ---- making requests ---- */

static void init_request_from_bio(struct request_queue *q, struct request *rq,
				  struct bio *bio)
{
	INIT_LIST_HEAD(&rq->queuelist);
	rq->q = q;
	rq->rq_disk = bio->bi_bdev->bd_disk;
	rq->part = bio->bi_part;
	rq->dir = (int)bio->bi_rw;
	rq->sector = bio->bi_sector;
	rq->nr_sectors = bio_sectors(bio);
	rq->nr_phys_segments = bio->bi_vcnt;
	rq->sectors_done = 0;
	rq->bio = rq->biotail = bio;
	rq->start_time = jiffies;
	account_in_flight(rq, +1);
}

/* A new request for bio goes into the queue; the queue is plugged if it
 * was idle, and the driver hears of it unless the queue is plugged. */
static void add_request(struct request_queue *q, struct request *rq)
{
	if (!q->nr_queued && !q->in_flight && !q->plugged)
		blk_plug_device(q);
	elv_insert_sorted(q, rq);
	q->nr_queued++;
	if (q->plugged && q->nr_queued >= BLK_UNPLUG_THRESH)
		q->unplugs_thresh++;
	else if (q->plugged)
		return;
	__blk_run_queue(q);
}

/* The request pool is empty: let the driver at the queue and sleep
 * until a request ends.  Called and returns with the lock held. */
static void wait_for_request(struct request_queue *q, unsigned long *flags)
	__must_hold(q->queue_lock)
{
	__blk_run_queue(q);
	spin_unlock_irqrestore(q->queue_lock, *flags);
	wait_event(q->rq_wait, !list_empty(&q->free_rqs));
	spin_lock_irqsave(q->queue_lock, *flags);
}

static void make_request(struct request_queue *q, struct bio *bio)
{
	unsigned long flags;
	struct request *rq;

	spin_lock_irqsave(q->queue_lock, flags);
	while (!elv_merge(q, bio)) {
		if (list_empty(&q->free_rqs)) {
			wait_for_request(q, &flags);
			continue;
		}
		rq = list_first_entry(&q->free_rqs, struct request, queuelist);
		list_del(&rq->queuelist);
		init_request_from_bio(q, rq, bio);
		add_request(q, rq);
		break;
	}
	spin_unlock_irqrestore(q->queue_lock, flags);
}

/* Why bio cannot go to its device, or NULL. */
static const char *bad_bio(const struct bio *bio)
{
	const struct block_device *bdev = bio->bi_bdev;
	const struct request_queue *q = bdev->bd_disk->queue;

	if (!bio->bi_size || bio->bi_rw > WRITE)
		return "an empty bio";
	if (bio->bi_sector >= bdev->bd_nr_sects ||
	    bio_sectors(bio) > bdev->bd_nr_sects - bio->bi_sector)
		return "access beyond the end of the device";
	if (bio_sectors(bio) > q->max_sectors || bio->bi_vcnt > q->max_segments)
		return "a bio bigger than the queue takes";
	return NULL;
}

void submit_bio(int rw, struct bio *bio)
{
	const char *why;

	bio->bi_rw = (unsigned long)rw;
	bio->bi_part = bio->bi_bdev;
	bio->bi_error = 0;
	bio->bi_next = NULL;
	why = bad_bio(bio);
	if (why) {
		pr_err("%s: %s: sector %llu, %u sectors, %s\n", bdev_name(bio->bi_bdev), why,
		       bio->bi_sector, bio->bi_size >> SECTOR_SHIFT, rw == WRITE ? "write" : "read");
		bio_endio(bio, -EIO);
		return;
	}
	count_vm_events(rw == WRITE ? PGPGOUT : PGPGIN, bio->bi_size >> 10);
	/* Partition to disk: Linux's blk_partition_remap. */
	bio->bi_sector += bio->bi_bdev->bd_start_sect;
	bio->bi_bdev = bio->bi_bdev->bd_contains;
	make_request(bio->bi_bdev->bd_disk->queue, bio);
}

/* ---- completion ---- */

/* n bytes of bio are done: move its position on. */
static void bio_advance(struct bio *bio, unsigned int n)
{
	bio->bi_sector += n >> SECTOR_SHIFT;
	bio->bi_size -= n;
	while (n) {
		unsigned int left = bio->bi_io_vec[bio->bi_idx].bv_len - bio->bi_bvec_done;

		if (n < left) {
			bio->bi_bvec_done += n;
			break;
		}
		n -= left;
		bio->bi_idx++;
		bio->bi_bvec_done = 0;
	}
}

/* The request is over: account it, give it back, let the driver have the
 * next one. */
static void finish_request(struct request *rq)
{
	struct request_queue *q = rq->q;
	unsigned long flags;

	spin_lock_irqsave(q->queue_lock, flags);
	account_done(rq);
	q->in_flight--;
	list_add(&rq->queuelist, &q->free_rqs);
	wake_up(&q->rq_wait);
	if (!q->plugged && q->nr_queued)
		q->request_fn(q);
	spin_unlock_irqrestore(q->queue_lock, flags);
}

void blk_end_request(struct request *rq, int error, unsigned int nr_bytes)
{
	while (nr_bytes && rq->bio) {
		struct bio *bio = rq->bio;
		unsigned int n = min(nr_bytes, bio->bi_size);

		bio_advance(bio, n);
		if (error && !bio->bi_error)
			bio->bi_error = error;
		rq->sector += n >> SECTOR_SHIFT;
		rq->nr_sectors -= n >> SECTOR_SHIFT;
		rq->sectors_done += n >> SECTOR_SHIFT;
		nr_bytes -= n;
		if (!bio->bi_size) {
			rq->bio = bio->bi_next;
			bio->bi_next = NULL;
			bio_endio(bio, bio->bi_error);
		}
	}
	if (!rq->bio)
		finish_request(rq);
}
