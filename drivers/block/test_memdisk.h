/*
 * drivers/block/test_memdisk.h - the memory disk the block layer's ktests
 * and benchmarks drive (drivers/block/test_memdisk.c says how it works).
 *
 * Locking: md.lock (the queue's lock) over every field of md.
 */
#ifndef DRIVERS_BLOCK_TEST_MEMDISK_H
#define DRIVERS_BLOCK_TEST_MEMDISK_H

#include "drivers/block/blkdev.h"
#include "kernel/workqueue.h"

#define MEMDISK_MAJOR 240
#define MEMDISK_MINORS 16
#define MEMDISK_PAGES 512               /* 2 MiB: 4096 sectors */
#define MEMDISK_LOG 64

struct memdisk_log {
	sector_t sector;
	unsigned long nr_sectors;
	int dir;
};

struct memdisk {
	spinlock_t lock;
	struct request_queue *q;
	struct gendisk *disk;
	struct block_device *whole;
	struct page *pages[MEMDISK_PAGES];
	struct request *cur;            /* started, its "interrupt" pending */
	int cur_error;
	struct timer_list irq;
	struct work_struct work;        /* completes instead of irq when fast */
	bool stalled, partial, fast;
	sector_t fail_sector;           /* ~0: none */
	struct memdisk_log log[MEMDISK_LOG];
	unsigned int nr_log;
};

extern struct memdisk md;

/* Make ktda once (later calls return 0 at once): 0 or -errno. */
int memdisk_init(void);
/* Set md.stalled, md.partial or md.fast; clearing lets the driver look
 * again. */
void memdisk_set(bool *flag, bool on);
/* Wait (5 s at most) until the last request is finished: a bio's
 * bi_end_io runs before its request is accounted and given back, so a
 * test that saw its bios end may still find the queue busy.  True when
 * idle. */
bool memdisk_wait_idle(void);
/* Forget the log and the failing sector; the elevator starts from 0. */
void memdisk_reset(void);

#endif
