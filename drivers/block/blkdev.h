/*
 * drivers/block/blkdev.h - the block layer: bios, request queues, disks
 * and their partitions, as Linux 2.6 has them.
 *
 * The kernel asks for I/O with a struct bio: a start sector on a block
 * device (a whole disk or one partition), a direction, and a vector of
 * page segments (struct bio_vec).  submit_bio() hands it to the disk's
 * request_queue and returns at once; bi_end_io(bio, error) runs when the
 * transfer is over, often from the driver's interrupt handler.
 * submit_bio_wait() is the synchronous wrapper.
 *
 * A request_queue collects bios into struct requests: a request is a run
 * of adjacent sectors in one direction, made of one or more bios (a bio
 * arriving next to a queued request is merged into it, at its back or its
 * front, within the driver's max_sectors and max_segments).  The queued
 * requests are kept sorted by sector and handed out in one sweep across
 * the disk (the elevator, ll_rw_blk.c).  A queue that was idle is
 * "plugged" when its first request arrives: the driver hears nothing
 * until blk_unplug(), until a few requests have gathered, or until a
 * short timer runs out, so a burst of adjacent bios becomes a few large
 * requests.  The driver's request_fn takes requests (elv_next_request,
 * blkdev_dequeue_request), starts them and returns; it finishes them
 * later with blk_end_request().
 *
 * A struct gendisk is one disk as its driver registers it; add_disk()
 * reads its MBR (partitions.c) and makes a struct block_device for the
 * whole disk and for each partition, with /dev/NAME nodes (genhd.c).
 * Block device files (fs/block_dev.c) read and write them from user
 * space.
 *
 * Numbers: sector_t counts 512-byte sectors, from the start of the block
 * device the bio is submitted to (submit_bio makes it absolute on the
 * disk: bi_sector and bi_bdev change, as Linux's partition remap does).
 *
 * Locking: a queue's lock is its driver's (blk_init_queue), taken with
 * interrupts off; it covers the queue's request lists, plugging and the
 * disk's statistics.  block_class_lock (a mutex, genhd.c) covers the list
 * of disks, their partition tables, block_device references, openers
 * and claims.  Neither nests with the mm locks: nothing of mm is locked
 * while they are held, and they are not taken under mm locks.
 */
#ifndef DRIVERS_BLOCK_BLKDEV_H
#define DRIVERS_BLOCK_BLKDEV_H

#include "kernel/locking/spinlock.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "lib/list.h"
#include "lib/types.h"
#include "mm/gfp.h"

typedef u64 sector_t;

#define SECTOR_SHIFT 9
#define SECTOR_SIZE 512
#define PAGE_SECTORS 8                  /* sectors in a page */

#define READ 0
#define WRITE 1

struct page;
struct bio;
struct block_device;
struct request_queue;

/* ---- bios ---- */

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;            /* bytes, a multiple of 512 */
	unsigned int bv_offset;         /* in the page, a multiple of 512 */
};

typedef void (bio_end_io_t)(struct bio *bio, int error);

#define BIO_MAX_PAGES 256

struct bio {
	/* Where the bio's remaining bytes go: bi_sector and bi_size move on
	 * as the driver completes parts of it (do not read them in
	 * bi_end_io); bi_io_vec is never changed.  The submitter holds a
	 * reference to bi_bdev (lookup_bdev, bdget, an open file) until
	 * bi_end_io has run. */
	sector_t bi_sector;
	struct block_device *bi_bdev;
	unsigned long bi_rw;            /* READ or WRITE */
	unsigned int bi_size;           /* bytes still to transfer */
	unsigned short bi_vcnt;         /* segments in bi_io_vec */
	unsigned short bi_max_vecs;
	unsigned short bi_idx;          /* the first segment not yet done */
	unsigned int bi_bvec_done;      /* bytes done in segment bi_idx */
	int bi_error;                   /* the first error a part of it had */
	struct bio_vec *bi_io_vec;
	bio_end_io_t *bi_end_io;
	void *bi_private;
	struct bio *bi_next;            /* the request's chain of bios */
	struct block_device *bi_part;   /* where it was submitted (statistics) */
};

/* A bio for nr_vecs segments (at most BIO_MAX_PAGES), or NULL. */
struct bio *bio_alloc(gfp_t gfp, int nr_vecs);
/* Add a segment: len bytes at offset in page (multiples of 512 within the
 * page).  Returns len, or 0 when the bio is full (its vector, or, if
 * bi_bdev is set, its queue's max_sectors/max_segments) or len or offset
 * is not sector-aligned. */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset);
void bio_put(struct bio *bio);
/* Empty a bio that has ended, for use again (its vector stays). */
void bio_reset(struct bio *bio);
/* Start the I/O; bi_end_io(bio, 0 or -EIO) runs when it is over,
 * possibly in interrupt context, possibly before submit_bio returns (a
 * bio that is wrong: past the device's end, empty, too big). */
void submit_bio(int rw, struct bio *bio);
/* submit_bio and wait (uses bi_end_io and bi_private): 0 or -EIO. */
int submit_bio_wait(int rw, struct bio *bio);
/* Run bio's completion: what blk_end_request does for each bio. */
void bio_endio(struct bio *bio, int error);

/* ---- requests and queues ---- */

struct request {
	struct list_head queuelist;     /* in q->queue_head while queued */
	struct request_queue *q;
	struct gendisk *rq_disk;
	struct block_device *part;      /* its first bio's device, for stats */
	sector_t sector;                /* the next sector, absolute on the disk */
	unsigned long nr_sectors;       /* sectors left */
	unsigned long sectors_done;     /* completed so far */
	unsigned int nr_phys_segments;
	int dir;                        /* READ or WRITE */
	struct bio *bio, *biotail;
	unsigned long start_time;       /* jiffies when it was made */
};

#define rq_data_dir(rq) ((rq)->dir)

/* rq_for_each_segment(bvec, rq, iter): bvec (a struct bio_vec, a copy)
 * takes each remaining segment of rq in order - only what is not yet
 * completed: the first one may start part-way into its bio_vec. */
struct req_iterator {
	struct bio *bio;
	unsigned int i;
};

static inline struct bio_vec bio_iter_segment(const struct bio *bio, unsigned int i)
{
	struct bio_vec bv = bio->bi_io_vec[i];

	if (i == bio->bi_idx) {
		bv.bv_offset += bio->bi_bvec_done;
		bv.bv_len -= bio->bi_bvec_done;
	}
	return bv;
}

#define rq_for_each_segment(bvec, rq, iter)                                  \
	for ((iter).bio = (rq)->bio; (iter).bio; (iter).bio = (iter).bio->bi_next) \
		for ((iter).i = (iter).bio->bi_idx;                          \
		     (iter).i < (iter).bio->bi_vcnt &&                       \
		     ((bvec) = bio_iter_segment((iter).bio, (iter).i), 1);   \
		     (iter).i++)

typedef void (request_fn_proc)(struct request_queue *q);

/* Requests a queue may have at once; a submitter waits for a free one
 * (Linux's nr_requests). */
#define BLKDEV_MAX_RQ 128
/* A plugged queue is unplugged when this many requests have gathered
 * (Linux's unplug_thresh), or after BLK_UNPLUG_MS. */
#define BLK_UNPLUG_THRESH 4
#define BLK_UNPLUG_MS 3

struct request_queue {
	spinlock_t *queue_lock;         /* the driver's */
	request_fn_proc *request_fn;
	struct list_head queue_head;    /* queued requests, sorted by sector */
	unsigned int nr_queued;         /* in queue_head */
	unsigned int in_flight;         /* taken by the driver, not yet ended */
	sector_t head_sector;           /* where the last request taken ended */
	unsigned int max_sectors, max_segments;
	bool plugged;
	struct timer_list unplug_timer;
	unsigned long unplug_delay;     /* jiffies; BLK_UNPLUG_MS to start */
	unsigned long unplugs_timer, unplugs_thresh, unplugs_io;       /* counts */
	struct list_head free_rqs;      /* of rq_pool */
	wait_queue_head_t rq_wait;      /* for a free request */
	struct request rq_pool[BLKDEV_MAX_RQ];
	struct list_head all_queues;    /* on blk_queues (queues live for ever) */
};

/* A queue whose driver starts requests in request_fn (called with *lock
 * held and interrupts off when requests are queued and the queue is
 * unplugged - also while the driver is still busy, when it takes nothing
 * and returns).  NULL without memory. */
struct request_queue *blk_init_queue(request_fn_proc *request_fn, spinlock_t *lock);
void blk_queue_max_sectors(struct request_queue *q, unsigned int max);
void blk_queue_max_segments(struct request_queue *q, unsigned int max);
/* The next request to start, or NULL; lock held. */
struct request *elv_next_request(struct request_queue *q);
/* The driver takes rq off the queue; lock held. */
void blkdev_dequeue_request(struct request *rq);
/* nr_bytes of rq are done (error 0) or failed (-EIO); queue lock NOT
 * held, any context.  Completed bios get bi_end_io; when the whole
 * request is done it is freed and request_fn runs for the next one. */
void blk_end_request(struct request *rq, int error, unsigned int nr_bytes);
/* Let a plugged queue's requests go to the driver now. */
void blk_unplug(struct request_queue *q);
/* Unplug every plugged queue (Linux 2.6.0's blk_run_queues): for one who
 * is about to wait for I/O without knowing which disk does it - a page
 * lock held by a swap-in read, a write that reclaim waits for.  Process
 * context; no queue lock held. */
void blk_run_queues(void);
/* Call request_fn if q has requests and is not plugged; lock NOT held.
 * For a driver whose queues share a channel: when the channel frees up
 * it gives the other drive's queue its turn (blk_end_request only runs
 * the queue whose request ended). */
void blk_run_queue(struct request_queue *q);

/* ---- disks and block devices ---- */

#define DISK_NAME_LEN 32

struct disk_stats {
	unsigned long ios[2], merges[2], sectors[2], ticks[2];  /* [READ], [WRITE] */
	unsigned long io_ticks, time_in_queue;                   /* jiffies */
	unsigned int in_flight;
	unsigned long stamp;            /* jiffies of the last in_flight change */
};

struct gendisk {
	int major, first_minor, minors;
	char disk_name[DISK_NAME_LEN];
	struct request_queue *queue;
	void *private_data;
	sector_t capacity;              /* set_capacity */
	struct list_head list;          /* in the disk list, by device number */
	/* part[0] is the whole disk, part[n] partition n (NULL: none);
	 * minors entries.  block_class_lock. */
	struct block_device **part;
};

struct block_device {
	u32 bd_dev;                     /* major << 8 | minor */
	struct gendisk *bd_disk;
	struct block_device *bd_contains;       /* the whole disk's */
	int bd_partno;                  /* 0: the whole disk */
	sector_t bd_start_sect, bd_nr_sects;
	u8 bd_part_type;                /* the MBR type; 0 for a whole disk */
	char bd_name[DISK_NAME_LEN];
	/* block_class_lock: references (the partition table's own one
	 * included), open files, the claim. */
	int bd_count;
	int bd_openers;
	void *bd_holder;
	struct disk_stats bd_stats;     /* the queue's lock */
};

static inline void set_capacity(struct gendisk *disk, sector_t sectors)
{
	disk->capacity = sectors;
}

static inline sector_t get_capacity(const struct gendisk *disk)
{
	return disk->capacity;
}

/* A disk with room for minors - 1 partitions, or NULL. */
struct gendisk *alloc_disk(int minors);
/* Read the MBR, make the block devices and their /dev nodes. */
void add_disk(struct gendisk *disk);
/* major for name: 0, or -EBUSY if taken; major 0 picks a free one and
 * returns it. */
int register_blkdev(unsigned int major, const char *name);

/* Path (a kernel string, "/dev/hda1") to its block device, with a
 * reference; NULL with *err = -ENOENT, -ENOTBLK or -ENXIO. */
struct block_device *lookup_bdev(const char *path, int *err);
/* The block device of a device number, with a reference, or NULL. */
struct block_device *bdget(u32 devt);
void bdput(struct block_device *bdev);
/* Exclusive use: 0, or -EBUSY when another holder has it, its disk or one
 * of its partitions. */
int bd_claim(struct block_device *bdev, void *holder);
void bd_release(struct block_device *bdev);
sector_t bdev_nr_sectors(const struct block_device *bdev);
const char *bdev_name(const struct block_device *bdev);
u32 bdev_devt(const struct block_device *bdev);
u8 bdev_part_type(const struct block_device *bdev);
/* fn on every disk and partition, in order (hda, hda1, ..., hdb, ...),
 * each referenced for the call, no lock held (fn may do I/O, claim). */
void bdev_for_each(void (*fn)(struct block_device *bdev, void *arg), void *arg);
/* One page (8 sectors from sector) in or out, synchronously: 0 or -EIO. */
int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page);
int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page);

/* Read the partition table again (BLKRRPART): -EBUSY while a partition
 * is open, claimed or referenced. */
int rescan_partitions(struct gendisk *disk);

/* /proc/partitions and /proc/diskstats. */
struct seq_file;
void partitions_show(struct seq_file *m, void *arg);
void diskstats_show(struct seq_file *m, void *arg);

#endif
