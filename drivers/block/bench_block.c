/*
 * drivers/block/bench_block.c - what the block layer delivers: a region
 * of a disk read, then written back with the same data (so a real disk
 * keeps its contents), as a stream of one-page bios submitted without
 * waiting - the way swap-out writes a cluster - so plugging and merging
 * turn them into large requests.  Reported: MiB/s each way, merges per
 * second, and the average request size that came out.  Run on the
 * memory disk (drivers/block/test_memdisk.c: the layer's own cost, as
 * the "disk" is a memcpy) and on /dev/hda when there is one (compare
 * with the IDE driver's raw figures, bench=ide).
 *
 * Data: the pages and bios of one run.  Locking: runs alone; completions
 * are counted with atomics from interrupt context.
 */
#include "drivers/block/blkdev.h"
#include "drivers/block/test_memdisk.h"
#include "kernel/arch/atomic.h"
#include "kernel/arch/x86.h"
#include "kernel/debug/bench.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/slab.h"

#define HDA_DEVT (3u << 8)
#define BENCH_MAX_PAGES 1024            /* 4 MiB per pass */

static DECLARE_WAIT_QUEUE_HEAD(bench_wait);
static atomic_t bench_ended;
static int bench_target;

/* Only the last one wakes the benchmark: a wake-up per bio would measure
 * cross-CPU wake-ups instead of the block layer. */
static void bench_end_io(struct bio *bio, int error)
{
	(void)bio;
	(void)error;
	if (atomic_add_return(1, &bench_ended) == bench_target)
		wake_up(&bench_wait);
}

struct bench_run {
	struct block_device *bdev;
	unsigned int nr;                /* pages (and bios) per pass */
	struct page **pages;
	struct bio **bios;
};

/* One pass over the region in direction rw: all bios in flight at once. */
static void bench_pass(struct bench_run *r, int rw)
{
	atomic_set(&bench_ended, 0);
	bench_target = (int)r->nr;
	for (unsigned int i = 0; i < r->nr; i++) {
		struct bio *bio = r->bios[i];

		bio_reset(bio);
		bio->bi_bdev = r->bdev;
		bio->bi_sector = (sector_t)i * PAGE_SECTORS;
		bio->bi_end_io = bench_end_io;
		bio_add_page(bio, r->pages[i], PAGE_SIZE, 0);
		submit_bio(rw, bio);
	}
	blk_unplug(r->bdev->bd_disk->queue);
	wait_event(bench_wait, atomic_read(&bench_ended) == (int)r->nr);
}

static void bench_report_rate(const char *disk, const char *what, u64 amount, u64 cycles,
			      const char *unit)
{
	char name[48];

	snprintf(name, sizeof(name), "block_%s_%s", disk, what);
	bench_report(name, cycles ? amount * tsc_khz * 1000 / cycles : 0, unit);
}

/* rounds passes each way; the figures from the disk's statistics. */
static void bench_direction(struct bench_run *r, const char *disk, int rw, int rounds)
{
	struct disk_stats *s = &r->bdev->bd_stats;
	unsigned long merges = s->merges[rw], ios = s->ios[rw], sectors = s->sectors[rw];
	u64 start = rdtsc(), cycles;
	char what[32];

	for (int i = 0; i < rounds; i++)
		bench_pass(r, rw);
	cycles = rdtsc() - start;
	snprintf(what, sizeof(what), "%s_MiBps", rw == READ ? "read" : "write");
	bench_report_rate(disk, what, (u64)rounds * r->nr * PAGE_SIZE >> 20, cycles, "MiB/s");
	snprintf(what, sizeof(what), "%s_merges_per_s", rw == READ ? "read" : "write");
	bench_report_rate(disk, what, s->merges[rw] - merges, cycles, "merges/s");
	snprintf(what, sizeof(what), "block_%s_%s_request_KiB", disk, rw == READ ? "read" : "write");
	bench_report(what, s->ios[rw] - ios ? (s->sectors[rw] - sectors) / 2 / (s->ios[rw] - ios) : 0,
		     "KiB");
}

static void bench_disk(struct block_device *bdev, const char *disk, int rounds)
{
	struct bench_run r = { .bdev = bdev };

	r.nr = (unsigned int)min(bdev_nr_sectors(bdev) / PAGE_SECTORS, (u64)BENCH_MAX_PAGES);
	r.pages = kzalloc(r.nr * sizeof(*r.pages), GFP_KERNEL);
	r.bios = kzalloc(r.nr * sizeof(*r.bios), GFP_KERNEL);
	for (unsigned int i = 0; r.pages && r.bios && i < r.nr; i++) {
		r.pages[i] = alloc_page(GFP_HIGHUSER);
		r.bios[i] = bio_alloc(GFP_KERNEL, 1);
		if (!r.pages[i] || !r.bios[i]) {
			r.nr = i + 1;
			pr_err("bench: block: out of memory\n");
			goto out;
		}
	}
	if (r.pages && r.bios) {
		bench_direction(&r, disk, READ, rounds);
		bench_direction(&r, disk, WRITE, rounds);  /* what was read */
	}
out:
	for (unsigned int i = 0; r.pages && r.bios && i < r.nr; i++) {
		if (r.pages[i])
			__free_page(r.pages[i]);
		if (r.bios[i])
			bio_put(r.bios[i]);
	}
	kfree(r.pages);
	kfree(r.bios);
}

KBENCH(block, memdisk,
       "2 MiB of a memory disk read then written back, 8 times, as one-page bios in flight "
       "together: the block layer's cost (plugging, merging, completion) without a drive")
{
	if (memdisk_init() || !md.whole) {
		pr_err("bench: block: no memory disk\n");
		return;
	}
	memdisk_set(&md.fast, true);
	bench_disk(md.whole, "memdisk", 8);
	memdisk_set(&md.fast, false);
}

KBENCH(block, hda,
       "4 MiB of /dev/hda read then written back (same data), 4 times, as one-page bios: "
       "compare with bench=ide's raw transfers")
{
	struct block_device *bdev = bdget(HDA_DEVT);

	if (!bdev) {
		printk("bench: block: no /dev/hda, nothing to measure\n");
		return;
	}
	bench_disk(bdev, "hda", 4);
	bdput(bdev);
}
