/*
 * drivers/block/test_block.c - ktests of the block layer against the
 * memory disk (drivers/block/test_memdisk.c): data round trips (also
 * through high-memory pages), plugging and each way of unplugging,
 * back, front and request-to-request merges within max_sectors, the
 * elevator's order, an -EIO reaching every bio of a failed request and
 * the next request working, partial completions, bad bios; MBR
 * partitions (primary, extended and logical, one past the end, a looping
 * chain), /proc/partitions and /proc/diskstats lines, lookup_bdev's
 * errors, claims, bdev_for_each's order, and a block device file read
 * and written at odd offsets.
 *
 * Data: the memory disk; async completions counted in `ended`.
 * Locking: tests run one at a time; md.lock as test_memdisk.h says.
 */
#include "drivers/block/blk.h"
#include "drivers/block/test_memdisk.h"
#include "fs/file.h"
#include "fs/seq_file.h"
#include "kernel/arch/thread_info.h"
#include "kernel/debug/ktest.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/slab.h"

static DECLARE_WAIT_QUEUE_HEAD(end_wait);
static int ended, ended_errors;

static void count_end_io(struct bio *bio, int error)
{
	(void)bio;
	if (error)
		ended_errors++;
	ended++;
	wake_up(&end_wait);
}

/* A one-page bio of sectors at sector of bdev, counted by count_end_io. */
static struct bio *page_bio(struct block_device *bdev, sector_t sector, struct page *page,
			    unsigned int sectors)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);

	bio->bi_bdev = bdev;
	bio->bi_sector = sector;
	bio->bi_end_io = count_end_io;
	bio_add_page(bio, page, sectors * SECTOR_SIZE, 0);
	return bio;
}

/* Wait (5 s at most) until n bios have ended. */
static bool wait_ended(int n)
{
	return wait_event_timeout(end_wait, ended >= n, 5 * HZ) > 0;
}

static bool setup(void)
{
	int err = memdisk_init();

	KEXPECT_EQ(err, 0);
	KEXPECT(!err && memdisk_wait_idle());
	memdisk_reset();
	ended = ended_errors = 0;
	return !err;
}

static void fill(struct page *page, u8 seed)
{
	u8 *p = kmap(page);

	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		p[i] = (u8)(seed + i * 7);
	kunmap(page);
}

static bool check(struct page *page, u8 seed)
{
	u8 *p = kmap(page);
	bool ok = true;

	for (unsigned int i = 0; i < PAGE_SIZE && ok; i++)
		ok = p[i] == (u8)(seed + i * 7);
	kunmap(page);
	return ok;
}

static void free_bios(struct bio **bios, int n)
{
	for (int i = 0; i < n; i++)
		bio_put(bios[i]);
}

KTEST(block, round_trip_through_high_pages)
{
	struct page *w = alloc_page(GFP_HIGHUSER), *r = alloc_page(GFP_HIGHUSER);

	if (!setup())
		return;
	for (int i = 0; i < 4; i++) {
		fill(w, (u8)(i * 31));
		KEXPECT_EQ(bdev_write_page(md.whole, 100 + i * 8, w), 0);
	}
	for (int i = 3; i >= 0; i--) {
		KEXPECT_EQ(bdev_read_page(md.whole, 100 + i * 8, r), 0);
		KEXPECT(check(r, (u8)(i * 31)));
	}
	__free_page(w);
	__free_page(r);
}

/* The plug holds for the length of a test: no timer unplugs behind its
 * back (the timer may fire on another CPU whenever it likes). */
#define LONG_PLUG (60 * HZ)

KTEST(block, first_request_plugs_an_idle_queue)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long unplugs = md.q->unplugs_io, delay = md.q->unplug_delay;
	struct bio *bio;

	if (!setup())
		return;
	md.q->unplug_delay = LONG_PLUG;
	bio = page_bio(md.whole, 0, page, 8);
	submit_bio(READ, bio);
	KEXPECT(md.q->plugged);
	KEXPECT_EQ(md.nr_log, 0);
	blk_unplug(md.q);
	KEXPECT_EQ(md.q->unplugs_io, unplugs + 1);
	KEXPECT(wait_ended(1));
	KEXPECT_EQ(md.nr_log, 1);
	md.q->unplug_delay = delay;
	bio_put(bio);
	__free_page(page);
}

KTEST(block, threshold_and_timer_unplug)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long thresh = md.q->unplugs_thresh, timer = md.q->unplugs_timer;
	unsigned long delay = md.q->unplug_delay;
	struct bio *bios[BLK_UNPLUG_THRESH + 1];

	if (!setup())
		return;
	md.q->unplug_delay = LONG_PLUG;
	for (int i = 0; i < BLK_UNPLUG_THRESH; i++)
		submit_bio(READ, bios[i] = page_bio(md.whole, (sector_t)i * 64, page, 8));
	KEXPECT_EQ(md.q->unplugs_thresh, thresh + 1);
	KEXPECT(md.nr_log >= 1);        /* the driver took the first at once */
	KEXPECT(wait_ended(BLK_UNPLUG_THRESH));
	KEXPECT_EQ(md.q->unplugs_timer, timer);
	/* Alone on an idle queue, with nobody unplugging: the timer does. */
	md.q->unplug_delay = delay;
	KEXPECT(memdisk_wait_idle());
	submit_bio(READ, bios[BLK_UNPLUG_THRESH] = page_bio(md.whole, 4000, page, 8));
	KEXPECT(wait_ended(BLK_UNPLUG_THRESH + 1));
	KEXPECT_EQ(md.q->unplugs_timer, timer + 1);
	free_bios(bios, BLK_UNPLUG_THRESH + 1);
	__free_page(page);
}

/* While the drive is busy (stalled), one-page bios at each of sectors
 * (in that order) queue up; then it takes them.  Returns how many
 * requests were queued, or -1 if the bios did not all end. */
static int busy_submit(int dir, const sector_t *sectors, int n)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bios[32];
	int queued;

	memdisk_set(&md.stalled, true);
	for (int i = 0; i < n; i++)
		submit_bio(dir, bios[i] = page_bio(md.whole, sectors[i], page, 8));
	queued = (int)md.q->nr_queued;
	memdisk_set(&md.stalled, false);
	if (!wait_ended(n))
		queued = -1;
	free_bios(bios, n);
	__free_page(page);
	return queued;
}

/* The driver started exactly these requests, in this order. */
static bool log_is(unsigned int n, const struct memdisk_log *want)
{
	if (md.nr_log != n)
		return false;
	for (unsigned int i = 0; i < n; i++)
		if (md.log[i].sector != want[i].sector || md.log[i].nr_sectors != want[i].nr_sectors ||
		    md.log[i].dir != want[i].dir)
			return false;
	return true;
}

/* Adjacent bios submitted while the drive is busy become one request. */
KTEST(block, adjacent_bios_merge_into_one_request)
{
	unsigned long merges = md.whole->bd_stats.merges[WRITE];
	sector_t sectors[16];

	if (!setup())
		return;
	for (int i = 0; i < 16; i++)
		sectors[i] = 1000 + (sector_t)i * 8;
	KEXPECT_EQ(busy_submit(WRITE, sectors, 16), 1);
	KEXPECT_EQ(md.whole->bd_stats.merges[WRITE], merges + 15);
	KEXPECT_EQ(ended_errors, 0);
	KEXPECT(log_is(1, (struct memdisk_log[]){ { 1000, 128, WRITE } }));
}

KTEST(block, front_back_and_request_merges)
{
	static const sector_t order[] = { 16, 24, 8, 0, 100, 116, 108 };

	if (!setup())
		return;
	/* 0..31 by back and front merges; 100..123 by 108 joining both. */
	KEXPECT_EQ(busy_submit(READ, order, ARRAY_SIZE(order)), 2);
	KEXPECT(log_is(2, (struct memdisk_log[]){ { 0, 32, READ }, { 100, 24, READ } }));
}

KTEST(block, merges_stop_at_max_sectors)
{
	static const sector_t order[] = { 2000, 2008, 2016, 2024 };
	unsigned int max = md.q->max_sectors;

	if (!setup())
		return;
	blk_queue_max_sectors(md.q, 16);
	KEXPECT_EQ(busy_submit(READ, order, ARRAY_SIZE(order)), 2);
	KEXPECT(log_is(2, (struct memdisk_log[]){ { 2000, 16, READ }, { 2016, 16, READ } }));
	blk_queue_max_sectors(md.q, max);
}

KTEST(block, elevator_sweeps_up_then_wraps)
{
	static const sector_t order[] = { 800, 100, 500, 300 };
	unsigned long flags;

	if (!setup())
		return;
	spin_lock_irqsave(&md.lock, flags);
	md.q->head_sector = 400;
	spin_unlock_irqrestore(&md.lock, flags);
	KEXPECT_EQ(busy_submit(READ, order, ARRAY_SIZE(order)), 4);
	KEXPECT(log_is(4, (struct memdisk_log[]){ { 500, 8, READ }, { 800, 8, READ },
						  { 100, 8, READ }, { 300, 8, READ } }));
}

/* A failed request fails every bio in it; the next request works. */
KTEST(block, eio_reaches_every_bio_and_the_next_works)
{
	static const sector_t order[] = { 3000, 3008, 3016 };
	struct page *page = alloc_page(GFP_KERNEL);

	if (!setup())
		return;
	md.fail_sector = 3010;
	KEXPECT_EQ(busy_submit(READ, order, ARRAY_SIZE(order)), 1);
	KEXPECT_EQ(ended_errors, 3);
	KEXPECT_EQ(md.nr_log, 1);
	KEXPECT_EQ(bdev_read_page(md.whole, 3008, page), -EIO);
	KEXPECT_EQ(bdev_read_page(md.whole, 3100, page), 0);
	__free_page(page);
}

KTEST(block, partial_completions_end_each_bio_once)
{
	struct page *w = alloc_page(GFP_KERNEL), *r[2];
	struct bio *bios[2];

	if (!setup())
		return;
	fill(w, 5);
	KEXPECT_EQ(bdev_write_page(md.whole, 1500, w), 0);
	fill(w, 9);
	KEXPECT_EQ(bdev_write_page(md.whole, 1508, w), 0);
	memdisk_set(&md.partial, true);
	memdisk_set(&md.stalled, true);
	for (int i = 0; i < 2; i++)
		submit_bio(READ, bios[i] = page_bio(md.whole, 1500 + (sector_t)i * 8,
						   r[i] = alloc_page(GFP_HIGHUSER), 8));
	memdisk_set(&md.stalled, false);
	KEXPECT(wait_ended(2));
	KEXPECT_EQ(ended, 2);
	KEXPECT_EQ(ended_errors, 0);
	KEXPECT(check(r[0], 5));
	KEXPECT(check(r[1], 9));
	memdisk_set(&md.partial, false);
	free_bios(bios, 2);
	__free_page(w);
	__free_page(r[0]);
	__free_page(r[1]);
}

KTEST(block, bad_bios_fail_at_once)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio;

	if (!setup())
		return;
	bio = bio_alloc(GFP_KERNEL, 2);
	bio->bi_bdev = md.whole;
	KEXPECT_EQ(bio_add_page(bio, page, 100, 0), 0);
	KEXPECT_EQ(bio_add_page(bio, page, 512, 4000), 0);
	KEXPECT_EQ(bio_add_page(bio, page, 512, 512), 512);
	bio->bi_sector = MEMDISK_PAGES * PAGE_SECTORS;  /* the end */
	bio->bi_end_io = count_end_io;
	submit_bio(READ, bio);
	KEXPECT_EQ(ended, 1);
	KEXPECT_EQ(ended_errors, 1);
	KEXPECT_EQ(md.nr_log, 0);
	bio_put(bio);
	KEXPECT(bio_alloc(GFP_KERNEL, BIO_MAX_PAGES + 1) == NULL);
	__free_page(page);
}

/* ---- partitions ---- */

static void put_le32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

static void mbr_set(u8 *sector, int slot, u8 type, u32 start, u32 size)
{
	u8 *e = sector + 446 + slot * 16;

	e[4] = type;
	put_le32(e + 8, start);
	put_le32(e + 12, size);
	sector[510] = 0x55;
	sector[511] = 0xaa;
}

/* Write a table sector (zeroed, then entries by the caller) at sector. */
static u8 *table_begin(struct page *page)
{
	u8 *p = page_address(page);

	memset(p, 0, PAGE_SIZE);
	return p;
}

static void table_write(struct page *page, sector_t sector)
{
	struct bio *bio = bio_alloc(GFP_KERNEL, 1);

	bio->bi_bdev = md.whole;
	bio->bi_sector = sector;
	bio_add_page(bio, page, SECTOR_SIZE, 0);
	KEXPECT_EQ(submit_bio_wait(WRITE, bio), 0);
	bio_put(bio);
}

/* The usual layout: 1 primary, 2 extended with logical 5 and 6, 4 swap. */
static void write_layout(struct page *page)
{
	u8 *p = table_begin(page);

	mbr_set(p, 0, 0x83, 64, 1000);
	mbr_set(p, 1, 0x05, 2048, 2048);
	mbr_set(p, 3, 0x82, 1100, 900);
	table_write(page, 0);
	p = table_begin(page);
	mbr_set(p, 0, 0x82, 64, 500);           /* hda5: 2112.. */
	mbr_set(p, 1, 0x05, 1024, 1024);        /* next record at 3072 */
	table_write(page, 2048);
	p = table_begin(page);
	mbr_set(p, 0, 0x83, 64, 500);           /* hda6: 3136.. */
	table_write(page, 3072);
}

static bool part_is(int n, sector_t start, sector_t size, u8 type)
{
	struct block_device *b = bdget(MEMDISK_MAJOR << 8 | (u32)n);
	bool ok = b && b->bd_start_sect == start && bdev_nr_sectors(b) == size &&
		  bdev_part_type(b) == type;

	if (b)
		bdput(b);
	return ok;
}

static bool no_part(int n)
{
	struct block_device *b = bdget(MEMDISK_MAJOR << 8 | (u32)n);

	if (b)
		bdput(b);
	return !b;
}

KTEST(partitions, primary_extended_and_logical)
{
	struct page *page = alloc_page(GFP_KERNEL), *r = alloc_page(GFP_KERNEL);
	struct block_device *b;

	if (!setup())
		return;
	write_layout(page);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	KEXPECT(part_is(1, 64, 1000, 0x83));
	KEXPECT(part_is(2, 2048, 2, 0x05));     /* as Linux: two sectors */
	KEXPECT(no_part(3));
	KEXPECT(part_is(4, 1100, 900, 0x82));
	KEXPECT(part_is(5, 2112, 500, 0x82));
	KEXPECT(part_is(6, 3136, 500, 0x83));
	KEXPECT(no_part(7));
	/* A partition's sector 0 is the disk's sector 2112. */
	b = bdget(MEMDISK_MAJOR << 8 | 5);
	fill(page, 77);
	KEXPECT_EQ(bdev_write_page(b, 0, page), 0);
	KEXPECT_EQ(bdev_read_page(md.whole, 2112, r), 0);
	KEXPECT(check(r, 77));
	KEXPECT_EQ(bdev_write_page(b, 500 - 4, page), -EIO);   /* past its end */
	KEXPECT_STREQ(bdev_name(b), "ktda5");
	KEXPECT_EQ(bdev_devt(b), MEMDISK_MAJOR << 8 | 5);
	bdput(b);
	__free_page(page);
	__free_page(r);
}

KTEST(partitions, past_the_end_and_loops_are_refused)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u8 *p;

	if (!setup())
		return;
	p = table_begin(page);
	mbr_set(p, 0, 0x83, 4000, 1000);        /* past the disk's 4096 */
	mbr_set(p, 1, 0x83, 100, 100);
	mbr_set(p, 2, 0x0f, 1000, 1000);
	table_write(page, 0);
	p = table_begin(page);
	mbr_set(p, 0, 0x83, 10, 20);
	mbr_set(p, 1, 0x05, 0, 100);            /* links back to itself */
	table_write(page, 1000);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	KEXPECT(no_part(1));
	KEXPECT(part_is(2, 100, 100, 0x83));
	KEXPECT(part_is(5, 1010, 20, 0x83));
	KEXPECT(no_part(6));
	/* Boot indicators that are not 0 or 0x80: not a table at all. */
	p = table_begin(page);
	mbr_set(p, 1, 0x83, 100, 100);
	p[446] = 0x31;
	table_write(page, 0);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	KEXPECT(no_part(2));
	__free_page(page);
}

static bool has_line(seq_show_t show, const char *line)
{
	size_t len;
	char *text = seq_render(show, NULL, &len);
	bool found = text && strstr(text, line);

	kfree(text);
	return found;
}

/* The numbers of name's /proc/diskstats line (the name, field 2, as 0):
 * how many fields the line has. */
static int diskstats_fields(const char *name, unsigned long *fields)
{
	size_t len;
	char *text = seq_render(diskstats_show, NULL, &len), *line, *p;
	char key[40];
	int n = 0;

	snprintf(key, sizeof(key), " %s ", name);
	line = text ? strstr(text, key) : NULL;
	while (line && line > text && line[-1] != '\n')
		line--;
	for (p = line; p && *p && *p != '\n' && n < 20; n++) {
		while (*p == ' ')
			p++;
		fields[n] = simple_strtoul(p, &p, 10);
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	kfree(text);
	return n;
}

KTEST(partitions, proc_partitions_and_diskstats)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long fields[20];
	struct block_device *b;

	if (!setup())
		return;
	write_layout(page);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	KEXPECT(has_line(partitions_show, "major minor  #blocks  name\n\n"));
	KEXPECT(has_line(partitions_show, " 240        0       2048 ktda\n"));
	KEXPECT(has_line(partitions_show, " 240        2          1 ktda2\n"));
	KEXPECT(has_line(partitions_show, " 240        5        250 ktda5\n"));
	b = bdget(MEMDISK_MAJOR << 8 | 6);
	KEXPECT_EQ(bdev_write_page(b, 8, page), 0);
	KEXPECT_EQ(bdev_read_page(b, 16, page), 0);
	KEXPECT_EQ(bdev_read_page(b, 24, page), 0);
	bdput(b);
	KEXPECT(memdisk_wait_idle());   /* the last read accounted */
	KEXPECT_EQ(diskstats_fields("ktda6", fields), 20);
	KEXPECT_EQ(fields[0], MEMDISK_MAJOR);
	KEXPECT_EQ(fields[1], 6);
	KEXPECT_EQ(fields[3], 2);               /* reads */
	KEXPECT_EQ(fields[5], 16);              /* sectors read */
	KEXPECT_EQ(fields[7], 1);               /* writes */
	KEXPECT_EQ(fields[9], 8);               /* sectors written */
	KEXPECT_EQ(fields[11], 0);              /* in flight */
	__free_page(page);
}

/* ---- block devices ---- */

KTEST(bdev, lookup_errors_and_claims)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct block_device *p1, *p5, *whole;
	int a, b, err;

	if (!setup())
		return;
	write_layout(page);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	KEXPECT(!lookup_bdev("/dev/nothing", &err));
	KEXPECT_EQ(err, -ENOENT);
	KEXPECT(!lookup_bdev("/dev/null", &err));
	KEXPECT_EQ(err, -ENOTBLK);
	KEXPECT_EQ(vfs_mknod("/dev/ktdx", S_IFBLK | 0600, MEMDISK_MAJOR << 8 | 15, NULL), 0);
	KEXPECT(!lookup_bdev("/dev/ktdx", &err));
	KEXPECT_EQ(err, -ENXIO);
	vfs_unlink("/dev/ktdx");
	p1 = lookup_bdev("/dev/ktda1", &err);
	p5 = lookup_bdev("/dev/ktda5", &err);
	whole = lookup_bdev("/dev/ktda", &err);
	KEXPECT(p1 && p5 && whole);
	if (!p1 || !p5 || !whole)
		return;
	KEXPECT_EQ(bd_claim(p1, &a), 0);
	KEXPECT_EQ(bd_claim(p1, &a), 0);
	KEXPECT_EQ(bd_claim(p1, &b), -EBUSY);
	KEXPECT_EQ(bd_claim(whole, &b), -EBUSY);
	KEXPECT_EQ(bd_claim(p5, &b), 0);
	KEXPECT_EQ(rescan_partitions(md.disk), -EBUSY);
	bd_release(p1);
	bd_release(p5);
	KEXPECT_EQ(bd_claim(whole, &b), 0);
	KEXPECT_EQ(bd_claim(p1, &a), -EBUSY);
	bd_release(whole);
	KEXPECT_EQ(rescan_partitions(md.disk), -EBUSY);      /* still referenced */
	bdput(p1);
	bdput(p5);
	bdput(whole);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	__free_page(page);
}

struct names {
	char buf[128];
};

static void collect_name(struct block_device *bdev, void *arg)
{
	struct names *n = arg;

	if (bdev_devt(bdev) >> 8 == MEMDISK_MAJOR) {
		strcat(n->buf, bdev_name(bdev));
		strcat(n->buf, " ");
	}
}

KTEST(bdev, for_each_in_device_order)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct names n = { "" };

	if (!setup())
		return;
	write_layout(page);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	bdev_for_each(collect_name, &n);
	KEXPECT_STREQ(n.buf, "ktda ktda1 ktda2 ktda4 ktda5 ktda6 ");
	__free_page(page);
}

/* A write through the file at an odd offset keeps the bytes around it. */
static ssize_t kernel_write(struct file *f, const void *buf, size_t len, u64 *pos)
{
	struct thread_info *ti = current_thread_info();
	ssize_t n;

	set_ti_flag(ti, TIF_KERNEL_DS);
	n = f->f_op->write(f, (const char __force __user *)buf, len, pos);
	clear_ti_flag(ti, TIF_KERNEL_DS);
	return n;
}

KTEST(bdev, file_reads_and_writes_any_alignment)
{
	u8 *buf = kmalloc(3000, GFP_KERNEL), *w = kmalloc(1000, GFP_KERNEL);
	struct file *f, *g;
	u64 pos = 0;
	int err;

	if (!setup())
		return;
	f = filp_open("/dev/ktda", O_RDWR, 0, &err);
	KEXPECT(f != NULL);
	if (!f)
		return;
	memset(buf, 0x11, 3000);
	KEXPECT_EQ(kernel_write(f, buf, 3000, &pos), 3000);
	memset(w, 0x22, 1000);
	pos = 700;
	KEXPECT_EQ(kernel_write(f, w, 1000, &pos), 1000);
	pos = 0;
	KEXPECT_EQ(kernel_read(f, buf, 3000, &pos), 3000);
	KEXPECT(buf[699] == 0x11 && buf[700] == 0x22 && buf[1699] == 0x22 && buf[1700] == 0x11);
	KEXPECT(buf[0] == 0x11 && buf[2999] == 0x11);
	pos = (u64)MEMDISK_PAGES * PAGE_SIZE - 10;
	KEXPECT_EQ(kernel_write(f, w, 100, &pos), 10);
	KEXPECT_EQ(kernel_write(f, w, 100, &pos), -ENOSPC);
	KEXPECT_EQ(kernel_read(f, buf, 100, &pos), 0);
	KEXPECT_EQ(f->f_op->llseek(f, 0, 2), (s64)MEMDISK_PAGES * PAGE_SIZE);
	KEXPECT_EQ(f->f_op->ioctl(f, 0x1268, 0), -EFAULT);     /* BLKSSZGET, NULL */
	KEXPECT_EQ(f->f_op->ioctl(f, 0x4242, 0), -ENOTTY);
	/* O_EXCL claims it: a second exclusive open is refused. */
	g = filp_open("/dev/ktda", O_RDWR | O_EXCL, 0, &err);
	KEXPECT(g != NULL);
	KEXPECT(!filp_open("/dev/ktda1", O_RDONLY | O_EXCL, 0, &err));
	KEXPECT_EQ(err, -EBUSY);
	if (g)
		fput(g);
	fput(f);
	kfree(buf);
	kfree(w);
}
