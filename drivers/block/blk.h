/*
 * drivers/block/blk.h - what the block layer's files share among
 * themselves (as Linux's block/blk.h): the partition parser's result,
 * single-sector reads, opening a block device for a file, and the
 * statistics' clock.  Not for drivers or the rest of the kernel.
 *
 * Locking: as drivers/block/blkdev.h says; each function says what it
 * takes.
 */
#ifndef DRIVERS_BLOCK_BLK_H
#define DRIVERS_BLOCK_BLK_H

#include "drivers/block/blkdev.h"

/* The most partitions a disk can have (minors 1..63 of an IDE disk). */
#define DISK_MAX_PARTS 64

/* What the MBR says: partition n (1..limit-1) at start for size sectors;
 * size 0: no partition n. */
struct parsed_partitions {
	struct {
		sector_t start, size;
		u8 type;
	} parts[DISK_MAX_PARTS];
	int limit;                      /* the disk's minors */
	char name[DISK_NAME_LEN];       /* the disk's, for messages */
	sector_t capacity;
};

/* Fill state from the MBR of bdev (a whole disk): 1, or 0 when the disk
 * has no table (no error), or -EIO when sector 0 cannot be read. */
int msdos_partition(struct parsed_partitions *state, struct block_device *bdev);
/* One sector into the start of page: 0 or -EIO. */
int read_dev_sector(struct block_device *bdev, sector_t sector, struct page *page);
/* "hda" and partition 1 -> "hda1" ("ktd0" -> "ktd0p1", as Linux). */
void disk_part_name(char *buf, size_t size, const char *disk, int partno);

/* A block device file's open: the device of devt with a reference, one
 * more opener, claimed for holder if holder is not NULL.  NULL with *err
 * -ENXIO (no such disk) or -EBUSY (claimed).  blkdev_put undoes it. */
struct block_device *blkdev_get(u32 devt, void *holder, int *err);
void blkdev_put(struct block_device *bdev, void *holder);

/* The statistics' time accounting up to now; queue lock held. */
void part_round_stats(struct disk_stats *s);

#endif
