/*
 * drivers/block/ide-disk.c - an ATA disk as the block layer sees it: a
 * gendisk (hda, major 3 minor 0; hdb minor 64; hdc and hdd on major 22)
 * and a request queue whose request_fn turns the next request into the
 * channel's transfer.
 *
 * Both drives of a channel share its lock, which is also their queues'
 * lock, and one transfer at a time: ide_do_request looks at both queues,
 * taking turns so neither drive starves the other, and starts the first
 * request it finds when the channel is free.  It runs from request_fn
 * (new requests, unplugged) and from ide_end_xfer when a transfer ends,
 * since a request of the other drive may have waited meanwhile.  The
 * request's segments become the transfer's pieces as they are; the queue
 * limits (max_sectors, max_segments = IDE_MAX_SG) make them fit the PRD
 * table and the LBA28 or LBA48 sector count.
 *
 * Data: hwif->rq_xfer, the request in flight on the channel.
 * Locking: hwif->lock, held by every caller of ide_do_request.
 */
#include "drivers/block/blkdev.h"
#include "drivers/block/ide.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"

#define IDE0_MAJOR 3
#define IDE1_MAJOR 22
#define IDE_MINORS 64                   /* hda, hda1 .. hda63 */

static struct ide_drive *queue_drive(struct request_queue *q)
{
	for (int i = 0; i < 4; i++)
		if (ide_hwifs[i / 2].drives[i % 2].queue == q)
			return &ide_hwifs[i / 2].drives[i % 2];
	return NULL;
}

static void ide_rq_done(struct ide_xfer *x, int error)
{
	blk_end_request(x->private, error, x->nsect * ATA_SECT_SIZE);
}

/* The request's segments as the transfer's pieces; false if it does not
 * fit (the queue's limits should make that impossible). */
static bool ide_rq_to_xfer(struct ide_drive *drive, struct request *rq, struct ide_xfer *x)
{
	struct req_iterator iter;
	struct bio_vec bv;

	x->drive = drive;
	x->sector = rq->sector;
	x->nsect = (unsigned int)rq->nr_sectors;
	x->write = rq_data_dir(rq) == WRITE;
	x->pio = false;
	x->nr_sg = 0;
	x->done = ide_rq_done;
	x->private = rq;
	rq_for_each_segment(bv, rq, iter) {
		if (x->nr_sg == IDE_MAX_SG)
			return false;
		x->sg[x->nr_sg++] = (struct ide_sg){ bv.bv_page, bv.bv_offset, bv.bv_len };
	}
	return ide_xfer_valid(x);
}

void ide_do_request(struct ide_hwif *hwif)
{
	lockdep_assert_held(&hwif->lock);
	if (hwif->busy)
		return;
	for (unsigned int i = 0; i < 2; i++) {
		unsigned int unit = (hwif->next_unit + i) % 2;
		struct ide_drive *drive = &hwif->drives[unit];
		struct request *rq;

		if (!drive->queue || !(rq = elv_next_request(drive->queue)))
			continue;
		blkdev_dequeue_request(rq);
		hwif->busy = true;
		hwif->next_unit = unit ^ 1;
		if (ide_rq_to_xfer(drive, rq, &hwif->rq_xfer))
			ide_start_xfer(hwif, &hwif->rq_xfer);
		else
			ide_fail_xfer(hwif, &hwif->rq_xfer);
		return;
	}
}

static void ide_request_fn(struct request_queue *q)
{
	struct ide_drive *drive = queue_drive(q);

	if (drive)
		ide_do_request(drive->hwif);
}

/* The disk's queue and gendisk; add_disk reads its partition table
 * through the queue, so the channel's interrupt must be on by now. */
int ide_disk_init(struct ide_drive *drive)
{
	struct ide_hwif *hwif = drive->hwif;
	struct request_queue *q;
	struct gendisk *disk;
	int major = hwif->index ? IDE1_MAJOR : IDE0_MAJOR;

	if (drive->unit == 0 || !hwif->drives[0].queue) {
		int err = register_blkdev((unsigned int)major, hwif->name);

		if (err)
			return err;
	}
	q = blk_init_queue(ide_request_fn, &hwif->lock);
	disk = q ? alloc_disk(IDE_MINORS) : NULL;
	if (!disk) {
		pr_err("%s: no memory for the disk's queue\n", drive->name);
		return -ENOMEM;
	}
	blk_queue_max_sectors(q, drive->lba48 ? 1024 : 256);
	blk_queue_max_segments(q, IDE_MAX_SG);
	disk->major = major;
	disk->first_minor = (int)drive->unit * IDE_MINORS;
	strcpy(disk->disk_name, drive->name);
	disk->queue = q;
	disk->private_data = drive;
	set_capacity(disk, drive->capacity);
	drive->disk = disk;
	drive->queue = q;
	add_disk(disk);
	return 0;
}
