/*
 * drivers/block/test_ide.c - ktests of the IDE driver: transfers by PIO
 * and DMA through pieces of high and low pages, LBA48 beyond the LBA28
 * limit, a read error injected by QEMU's blkdebug, a drive that never
 * answers, both drives of a channel busy at once through their request
 * queues; and benchmarks of the raw transfer rate (no block layer).
 *
 * The tests only write to a disk QEMU was told is a scratch disk, by its
 * serial number (`-device ide-hd,serial=SCRATCH...`); a disk with serial
 * `EIO@N` has blkdebug inject read and write errors at sector N
 * (tests/test_disk.py sets both up).  Without them the tests skip.
 * Locking: run alone in the init thread; the channel is claimed per
 * transfer (ide_xfer_sync).
 */
#include "drivers/block/blkdev.h"
#include "drivers/block/ide.h"
#include "kernel/arch/atomic.h"
#include "kernel/debug/bench.h"
#include "kernel/debug/ktest.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define TEST_PAGES 128                  /* the PRD table's IDE_MAX_SG pieces */
#define BIG_XFER 1016                   /* sectors: 128 pieces, the first a part */
#define FIRST_OFFSET 1024               /* the first piece starts mid-page */

static struct ide_drive *find_drive(const char *serial_prefix)
{
	for (int i = 0; i < 4; i++) {
		struct ide_drive *drive = &ide_hwifs[i / 2].drives[i % 2];

		if (drive->present && !drive->atapi &&
		    !strncmp(drive->serial, serial_prefix, strlen(serial_prefix)))
			return drive;
	}
	return NULL;
}

static struct ide_drive *scratch_disk(void)
{
	struct ide_drive *drive = find_drive("SCRATCH");

	if (!drive)
		ktest_skip("no scratch disk (-device ide-hd,serial=SCRATCH)");
	return drive;
}

struct test_buf {
	struct page *pages[TEST_PAGES];
};

static struct test_buf *buf_alloc(void)
{
	struct test_buf *b = kzalloc(sizeof(*b), GFP_KERNEL);

	for (int i = 0; b && i < TEST_PAGES; i++) {
		b->pages[i] = alloc_page(GFP_HIGHUSER);     /* high ones when there are */
		KEXPECT(b->pages[i] != NULL);
	}
	return b;
}

static void buf_free(struct test_buf *b)
{
	for (int i = 0; i < TEST_PAGES; i++)
		if (b->pages[i])
			__free_page(b->pages[i]);
	kfree(b);
}

/* Each 32-bit word names its sector and place, and the pass (seed). */
static u32 pattern(u32 seed, u64 sector, unsigned int word)
{
	return (u32)(sector * 2654435761u) ^ (word * 40503u) ^ seed;
}

/* Walk the bytes of nsect sectors in the buffer's pieces: the first piece
 * starts at FIRST_OFFSET, the rest are whole pages. */
static void buf_walk(struct test_buf *b, unsigned int nsect, u64 sector, u32 seed, bool fill,
		     unsigned int *bad)
{
	unsigned int off = FIRST_OFFSET, words = nsect * ATA_SECT_SIZE / 4;

	for (unsigned int w = 0, p = 0; w < words; p++, off = 0) {
		u32 *va = kmap_atomic(b->pages[p], KM_USER0);

		for (; off < PAGE_SIZE && w < words; off += 4, w++) {
			u32 want = pattern(seed, sector + w / 128, w % 128);

			if (fill)
				va[off / 4] = want;
			else if (va[off / 4] != want)
				(*bad)++;
		}
		kunmap_atomic(va, KM_USER0);
	}
}

static void buf_clear(struct test_buf *b)
{
	for (int i = 0; i < TEST_PAGES; i++) {
		void *va = kmap_atomic(b->pages[i], KM_USER0);

		memset(va, 0x5a, PAGE_SIZE);
		kunmap_atomic(va, KM_USER0);
	}
}

static int buf_xfer(struct ide_drive *drive, struct test_buf *b, u64 sector,
		    unsigned int nsect, bool write, bool pio)
{
	struct ide_xfer *x = kzalloc(sizeof(*x), GFP_KERNEL);
	unsigned int bytes = nsect * ATA_SECT_SIZE, off = FIRST_OFFSET;
	int err;

	if (!x)
		return -ENOMEM;
	*x = (struct ide_xfer){ .drive = drive, .sector = sector, .nsect = nsect,
				.write = write, .pio = pio };
	for (unsigned int p = 0; bytes; p++, off = 0) {
		unsigned int len = min(bytes, (unsigned int)PAGE_SIZE - off);

		x->sg[x->nr_sg++] = (struct ide_sg){ b->pages[p], off, len };
		bytes -= len;
	}
	err = ide_xfer_sync(x);
	kfree(x);
	return err;
}

/* Write a pattern, read it back into a cleared buffer: 0 or an error. */
static void roundtrip(struct ide_drive *drive, u64 sector, unsigned int nsect, bool pio)
{
	struct test_buf *b = buf_alloc();
	unsigned int bad = 0;
	u32 seed = (u32)rdtsc();

	if (!b)
		return;
	buf_walk(b, nsect, sector, seed, true, NULL);
	KEXPECT_EQ(buf_xfer(drive, b, sector, nsect, true, pio), 0);
	buf_clear(b);
	KEXPECT_EQ(buf_xfer(drive, b, sector, nsect, false, pio), 0);
	buf_walk(b, nsect, sector, seed, false, &bad);
	KEXPECT_EQ(bad, 0);
	buf_free(b);
}

KTEST(ide, pio_roundtrip_through_pieces_of_high_pages)
{
	struct ide_drive *drive = scratch_disk();

	if (!drive)
		return;
	roundtrip(drive, 100, 1, true);
	roundtrip(drive, 200, 37, true);        /* 16 + 16 + 5 sector DRQ blocks */
	roundtrip(drive, 300, 248, true);       /* 32 pieces, the first a part */
	roundtrip(drive, 600, BIG_XFER, true);  /* > 256 sectors: the EXT commands */
}

KTEST(ide, pio_roundtrip_one_sector_per_interrupt)
{
	struct ide_drive *drive = scratch_disk();
	u8 mult;

	if (!drive)
		return;
	mult = drive->mult_count;
	drive->mult_count = 0;                  /* READ/WRITE SECTORS, not MULTIPLE */
	roundtrip(drive, 700, 19, true);
	drive->mult_count = mult;
}

KTEST(ide, dma_roundtrip_through_a_prd_table)
{
	struct ide_drive *drive = scratch_disk();

	if (!drive)
		return;
	if (!drive->using_dma) {
		ktest_skip("%s has no DMA (ide=nodma, or no bus-master IDE)", drive->name);
		return;
	}
	roundtrip(drive, 1000, 1, false);
	roundtrip(drive, 1100, 248, false);
	roundtrip(drive, 1400, BIG_XFER, false);
}

/* A transfer of nsect sectors in one piece of page (freed by the caller). */
static struct ide_xfer *page_xfer(struct ide_drive *drive, u64 sector, struct page *page,
				  unsigned int nsect, bool write, bool pio)
{
	struct ide_xfer *x = kzalloc(sizeof(*x), GFP_KERNEL);

	KEXPECT(x != NULL);
	if (x)
		*x = (struct ide_xfer){ .drive = drive, .sector = sector, .nsect = nsect,
					.write = write, .pio = pio, .nr_sg = 1,
					.sg = { { page, 0, nsect * ATA_SECT_SIZE } } };
	return x;
}

/* A text the host finds in the image (tests/test_disk.py). */
static void write_marker(struct ide_drive *drive, u64 sector, bool pio)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct ide_xfer *x = page ? page_xfer(drive, sector, page, 1, true, pio) : NULL;

	KEXPECT(page != NULL);
	if (x) {
		char *va = page_address(page);

		memset(va, 0, ATA_SECT_SIZE);
		snprintf(va, ATA_SECT_SIZE, "TESSERA %s sector %llu\n", pio ? "PIO" : "DMA",
			 sector);
		KEXPECT_EQ(ide_xfer_sync(x), 0);
	}
	kfree(x);
	if (page)
		__free_page(page);
}

KTEST(ide, lba48_beyond_the_lba28_limit)
{
	struct ide_drive *drive = scratch_disk();

	if (!drive)
		return;
	if (drive->capacity < ATA_LBA28_LIMIT + 0x1000) {
		ktest_skip("%s has %llu sectors: not past LBA28's %llu", drive->name,
			   drive->capacity, ATA_LBA28_LIMIT);
		return;
	}
	KEXPECT(drive->lba48);
	roundtrip(drive, ATA_LBA28_LIMIT - 4, 8, true);        /* straddles the limit */
	roundtrip(drive, ATA_LBA28_LIMIT + 0x200, 64, true);
	roundtrip(drive, ATA_LBA28_LIMIT + 0x400, 64, !drive->using_dma);
	write_marker(drive, ATA_LBA28_LIMIT + 0x101, true);
	write_marker(drive, ATA_LBA28_LIMIT + 0x102, !drive->using_dma);
}

KTEST(ide, transfers_the_drive_cannot_do_are_refused)
{
	struct ide_drive *drive = scratch_disk();
	struct test_buf *b;

	if (!drive || !(b = buf_alloc()))
		return;
	KEXPECT_EQ(buf_xfer(drive, b, drive->capacity - 4, 8, false, true), -EINVAL);
	KEXPECT_EQ(buf_xfer(drive, b, drive->capacity, 1, false, false), -EINVAL);
	buf_free(b);
}

/* blkdebug fails reads and writes of sector N of the disk whose serial
 * is "EIO@N" (a test disk: the sectors after N may be written). */
static void expect_eio_then_success(struct ide_drive *drive, u64 bad, struct page *page,
				    bool write, bool pio)
{
	struct ide_xfer *x = page_xfer(drive, bad, page, 8, write, pio);

	if (!x)
		return;
	KEXPECT_EQ(ide_xfer_sync(x), -EIO);
	x->sector = bad + 8;
	KEXPECT_EQ(ide_xfer_sync(x), 0);
	kfree(x);
}

KTEST(ide, read_and_write_errors_are_eio_and_the_next_request_works)
{
	struct ide_drive *drive = find_drive("EIO@");
	struct page *page;
	unsigned long errors;
	u64 bad = 0;

	if (!drive) {
		ktest_skip("no disk with an injected error (serial EIO@N)");
		return;
	}
	for (const char *s = drive->serial + 4; *s >= '0' && *s <= '9'; s++)
		bad = bad * 10 + (u64)(*s - '0');
	page = alloc_page(GFP_HIGHUSER);
	if (!page)
		return;
	errors = drive->hwif->nr_errors;
	for (int pio = 1; pio >= 0; pio--) {
		expect_eio_then_success(drive, bad, page, false, pio);
		expect_eio_then_success(drive, bad, page, true, pio);
	}
	KEXPECT_EQ(drive->hwif->nr_errors - errors, 4);
	__free_page(page);
}

/* QEMU ignores a command written to an absent slave: the driver hears
 * nothing, times out, resets the channel and fails the transfer; then
 * the master works again.  The ghost is a copy of the master as unit 1. */
static void read_from_ghost(struct ide_drive *master, bool pio)
{
	struct ide_hwif *hwif = master->hwif;
	struct ide_drive *ghost = kmalloc(sizeof(*ghost), GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);
	struct ide_xfer *x = ghost && page ? page_xfer(ghost, 0, page, 8, false, pio) : NULL;
	unsigned long timeouts = hwif->nr_timeouts;

	if (x) {
		*ghost = *master;
		ghost->unit = 1;
		ghost->name[2]++;               /* hda's ghost is hdb */
		KEXPECT_EQ(ide_xfer_sync(x), -EIO);
		KEXPECT_EQ(hwif->nr_timeouts - timeouts, 1);
		x->drive = master;
		KEXPECT_EQ(ide_xfer_sync(x), 0);
	}
	KEXPECT(ghost && page);
	kfree(x);
	kfree(ghost);
	if (page)
		__free_page(page);
}

KTEST(ide, silent_drive_times_out_and_the_channel_recovers)
{
	struct ide_drive *master = NULL;

	for (int i = 0; i < 2 && !master; i++)
		if (ide_hwifs[i].drives[0].present && !ide_hwifs[i].drives[0].atapi &&
		    !ide_hwifs[i].drives[1].present)
			master = &ide_hwifs[i].drives[0];
	if (!master) {
		ktest_skip("needs a channel with a disk as master and no slave");
		return;
	}
	read_from_ghost(master, true);
	if (master->using_dma)
		read_from_ghost(master, false);
}

/* Two scratch disks on one channel: ide_do_request must share the
 * channel between their queues. */
static struct ide_hwif *channel_with_two_scratch_disks(void)
{
	for (int i = 0; i < 2; i++) {
		struct ide_drive *d = ide_hwifs[i].drives;

		if (d[0].present && d[1].present && d[0].queue && d[1].queue &&
		    !strncmp(d[0].serial, "SCRATCH", 7) && !strncmp(d[1].serial, "SCRATCH", 7))
			return &ide_hwifs[i];
	}
	return NULL;
}

#define BATCH_BIOS 24                   /* per drive */
#define BIO_PAGES 4

struct batch {
	atomic_t left, errors;
	struct completion done;
	struct page *pages[2][BATCH_BIOS * BIO_PAGES];
};

static void batch_end_io(struct bio *bio, int error)
{
	struct batch *b = bio->bi_private;

	if (error)
		atomic_inc(&b->errors);
	bio_put(bio);
	if (atomic_dec_and_test(&b->left))
		complete(&b->done);
}

/* Every bio of both drives in flight at once, adjacent ones merging. */
static void batch_submit(struct ide_hwif *hwif, struct batch *b, int rw)
{
	atomic_set(&b->left, 2 * BATCH_BIOS);
	atomic_set(&b->errors, 0);
	init_completion(&b->done);
	for (int i = 0; i < BATCH_BIOS; i++) {
		for (int unit = 0; unit < 2; unit++) {
			struct bio *bio = bio_alloc(GFP_KERNEL, BIO_PAGES);

			KEXPECT(bio != NULL);
			if (!bio) {
				atomic_dec(&b->left);
				continue;
			}
			bio->bi_bdev = hwif->drives[unit].disk->part[0];
			bio->bi_sector = 2048 + (sector_t)i * BIO_PAGES * PAGE_SECTORS;
			bio->bi_end_io = batch_end_io;
			bio->bi_private = b;
			for (int p = 0; p < BIO_PAGES; p++)
				bio_add_page(bio, b->pages[unit][i * BIO_PAGES + p], PAGE_SIZE, 0);
			submit_bio(rw, bio);
		}
	}
	blk_unplug(hwif->drives[0].queue);
	blk_unplug(hwif->drives[1].queue);
	wait_for_completion(&b->done);
	KEXPECT_EQ(atomic_read(&b->errors), 0);
}

static void batch_pages(struct batch *b, u32 seed, bool fill, unsigned int *bad)
{
	for (int unit = 0; unit < 2; unit++) {
		for (int i = 0; i < BATCH_BIOS * BIO_PAGES; i++) {
			u32 *va = kmap_atomic(b->pages[unit][i], KM_USER0);

			for (unsigned int w = 0; w < PAGE_SIZE / 4; w++) {
				u32 want = pattern(seed + (u32)unit, (u64)i, w);

				if (fill)
					va[w] = want;
				else if (va[w] != want)
					(*bad)++;
			}
			kunmap_atomic(va, KM_USER0);
		}
	}
}

KTEST(ide, both_drives_of_a_channel_share_it_through_their_queues)
{
	struct ide_hwif *hwif = channel_with_two_scratch_disks();
	struct batch *b;
	unsigned int bad = 0;
	u32 seed = (u32)rdtsc();

	if (!hwif) {
		ktest_skip("needs two scratch disks on one channel");
		return;
	}
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	for (int unit = 0; b && unit < 2; unit++)
		for (int i = 0; i < BATCH_BIOS * BIO_PAGES; i++)
			if (!(b->pages[unit][i] = alloc_page(GFP_HIGHUSER)))
				bad++;
	KEXPECT(b && !bad);
	if (b && !bad) {
		batch_pages(b, seed, true, NULL);
		batch_submit(hwif, b, WRITE);
		batch_pages(b, ~seed, true, NULL);      /* not what was written */
		batch_submit(hwif, b, READ);
		batch_pages(b, seed, false, &bad);
		KEXPECT_EQ(bad, 0);
	}
	for (int unit = 0; b && unit < 2; unit++)
		for (int i = 0; i < BATCH_BIOS * BIO_PAGES; i++)
			if (b->pages[unit][i])
				__free_page(b->pages[unit][i]);
	kfree(b);
}

/* Raw reads or writes of 508 KiB transfers: what the emulated drive and
 * the driver deliver without any block layer. */
static void bench_raw(const char *name, bool write, bool pio)
{
	struct ide_drive *drive = find_drive("SCRATCH");
	struct test_buf *b;
	const unsigned int nsect = BIG_XFER, rounds = 32;
	u64 start, ns;

	if (!drive || (!pio && !drive->using_dma) || !(b = buf_alloc())) {
		pr_info("bench: %s needs a scratch disk%s\n", name, pio ? "" : " with DMA");
		return;
	}
	start = ktime_get_ns();
	for (unsigned int i = 0; i < rounds; i++)
		if (buf_xfer(drive, b, 4096 + (u64)i * nsect, nsect, write, pio))
			break;
	ns = ktime_get_ns() - start;
	bench_report(name, (u64)rounds * nsect * ATA_SECT_SIZE * 1000000000ull / 1048576 /
				   (ns ? ns : 1), "MiB/s");
	buf_free(b);
}

KBENCH(ide, raw_pio_read, "15.9 MiB read by PIO (READ MULTIPLE EXT), 508 KiB (128 pieces) per transfer")
{
	bench_raw("ide_raw_pio_read", false, true);
}

KBENCH(ide, raw_pio_write, "15.9 MiB written by PIO (WRITE MULTIPLE EXT), 508 KiB (128 pieces) per transfer")
{
	bench_raw("ide_raw_pio_write", true, true);
}

KBENCH(ide, raw_dma_read, "15.9 MiB read by bus-master DMA (READ DMA EXT), 508 KiB (128 pieces) per transfer")
{
	bench_raw("ide_raw_dma_read", false, false);
}

KBENCH(ide, raw_dma_write, "15.9 MiB written by bus-master DMA (WRITE DMA EXT), 508 KiB (128 pieces) per transfer")
{
	bench_raw("ide_raw_dma_write", true, false);
}
