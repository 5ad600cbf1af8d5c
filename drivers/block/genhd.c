/*
 * drivers/block/genhd.c - disks and their block devices: registering a
 * disk (add_disk), its partitions (rescan_partitions), /dev nodes,
 * finding a block device by number or path, exclusive claims, and
 * /proc/partitions and /proc/diskstats in Linux's formats.
 *
 * Data: all_disks, the registered disks in device-number order (so
 * bdev_for_each visits hda, hda1, ..., hdb, ...); each disk's part[]
 * array holds its block devices, part[0] the whole disk.  A block device
 * lives while it has references: the partition table holds one, and
 * lookups, open files and claims each hold another, so re-reading the
 * table (BLKRRPART) waits for nobody: it refuses while any partition is
 * in use.  major_names[] is register_blkdev's table.
 *
 * Locking: block_class_lock (a mutex, as Linux's) over all of that.  It
 * is held while the partition table is read (I/O, which never takes it)
 * and while /dev nodes are made (the namespace mutex nests inside it).
 * Statistics are under each disk's queue lock, taken inside it.
 */
#include "drivers/block/blk.h"
#include "drivers/block/blkdev.h"
#include "fs/fs.h"
#include "fs/seq_file.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/mutex.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/slab.h"

#define MAX_BLKDEV 255
#define MINOR_MASK 0xff

static DEFINE_MUTEX(block_class_lock);
static LIST_HEAD(all_disks);
static const char *major_names[MAX_BLKDEV + 1];

int register_blkdev(unsigned int major, const char *name)
{
	int ret = -EBUSY;

	if (major > MAX_BLKDEV)
		return -EINVAL;
	mutex_lock(&block_class_lock);
	if (!major) {                   /* a free one, from the top as Linux */
		for (major = MAX_BLKDEV; major > 0 && major_names[major]; major--)
			;
		ret = major ? (int)major : -EBUSY;
	} else if (!major_names[major]) {
		ret = 0;
	}
	if (major && ret >= 0)
		major_names[major] = name;
	mutex_unlock(&block_class_lock);
	return ret;
}

struct gendisk *alloc_disk(int minors)
{
	struct gendisk *disk;

	if (minors < 1 || minors > DISK_MAX_PARTS)
		return NULL;
	disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	if (!disk)
		return NULL;
	disk->part = kzalloc((size_t)minors * sizeof(*disk->part), GFP_KERNEL);
	if (!disk->part) {
		kfree(disk);
		return NULL;
	}
	disk->minors = minors;
	INIT_LIST_HEAD(&disk->list);
	return disk;
}

void disk_part_name(char *buf, size_t size, const char *disk, int partno)
{
	size_t len = strlen(disk);
	bool digit = len && disk[len - 1] >= '0' && disk[len - 1] <= '9';

	if (!partno)
		snprintf(buf, size, "%s", disk);
	else
		snprintf(buf, size, "%s%s%d", disk, digit ? "p" : "", partno);
}

/* Partition partno (0: the whole disk) with its /dev node; block_class_lock
 * held.  NULL without memory. */
static struct block_device *add_bdev(struct gendisk *disk, int partno, sector_t start,
				     sector_t size, u8 type)
{
	struct block_device *b = kzalloc(sizeof(*b), GFP_KERNEL);
	char path[DISK_NAME_LEN + 8];
	int err;

	lockdep_assert_held(&block_class_lock);
	if (!b)
		return NULL;
	b->bd_dev = (u32)disk->major << 8 | (u32)(disk->first_minor + partno);
	b->bd_disk = disk;
	b->bd_partno = partno;
	b->bd_start_sect = start;
	b->bd_nr_sects = size;
	b->bd_part_type = type;
	b->bd_count = 1;                /* the partition table's */
	b->bd_stats.stamp = jiffies;
	disk_part_name(b->bd_name, sizeof(b->bd_name), disk->disk_name, partno);
	b->bd_contains = partno ? disk->part[0] : b;
	disk->part[partno] = b;
	snprintf(path, sizeof(path), "/dev/%s", b->bd_name);
	err = vfs_mknod(path, S_IFBLK | 0660, b->bd_dev, NULL);
	if (err && err != -EEXIST)
		pr_warn("%s: cannot make %s: error %d\n", disk->disk_name, path, err);
	return b;
}

/* Drop partition partno's table reference and its /dev node. */
static void del_bdev(struct gendisk *disk, int partno)
{
	struct block_device *b = disk->part[partno];
	char path[DISK_NAME_LEN + 8];

	lockdep_assert_held(&block_class_lock);
	snprintf(path, sizeof(path), "/dev/%s", b->bd_name);
	vfs_unlink(path);
	disk->part[partno] = NULL;
	if (!--b->bd_count)
		kfree(b);
}

/* "hda: hda1 hda2 < hda5 hda6 >", as Linux announces a table. */
static void print_partitions(struct gendisk *disk, bool table)
{
	bool logical = false;

	printk(KERN_INFO " %s:", disk->disk_name);
	if (!table) {
		pr_cont(" unknown partition table\n");
		return;
	}
	for (int i = 1; i < disk->minors; i++) {
		if (!disk->part[i])
			continue;
		if (i > 4 && !logical) {
			pr_cont(" <");
			logical = true;
		}
		pr_cont(" %s", disk->part[i]->bd_name);
	}
	pr_cont("%s\n", logical ? " >" : "");
}

/* Read the table and make its partitions; block_class_lock held. */
static int read_partitions(struct gendisk *disk)
{
	struct parsed_partitions *state = kzalloc(sizeof(*state), GFP_KERNEL);
	int err;

	if (!state)
		return -ENOMEM;
	state->limit = disk->minors;
	state->capacity = get_capacity(disk);
	snprintf(state->name, sizeof(state->name), "%s", disk->disk_name);
	err = msdos_partition(state, disk->part[0]);
	for (int i = 1; err > 0 && i < disk->minors; i++)
		if (state->parts[i].size)
			add_bdev(disk, i, state->parts[i].start, state->parts[i].size,
				 state->parts[i].type);
	kfree(state);
	if (err >= 0)
		print_partitions(disk, err > 0);
	return err < 0 ? err : 0;
}

void add_disk(struct gendisk *disk)
{
	struct gendisk *d;
	struct list_head *pos = &all_disks;

	mutex_lock(&block_class_lock);
	list_for_each_entry(d, &all_disks, list) {
		if (d->major > disk->major ||
		    (d->major == disk->major && d->first_minor > disk->first_minor)) {
			pos = &d->list;
			break;
		}
	}
	list_add_tail(&disk->list, pos);
	if (add_bdev(disk, 0, 0, get_capacity(disk), 0))
		read_partitions(disk);
	mutex_unlock(&block_class_lock);
}

/* A partition in use: referenced beyond the table, open or claimed. */
static bool bdev_busy(const struct block_device *b)
{
	return b->bd_count > 1 || b->bd_openers || b->bd_holder;
}

int rescan_partitions(struct gendisk *disk)
{
	int err = 0;

	mutex_lock(&block_class_lock);
	for (int i = 1; i < disk->minors; i++)
		if (disk->part[i] && bdev_busy(disk->part[i]))
			err = -EBUSY;
	for (int i = 1; !err && i < disk->minors; i++)
		if (disk->part[i])
			del_bdev(disk, i);
	if (!err)
		err = read_partitions(disk);
	mutex_unlock(&block_class_lock);
	return err;
}

/* ---- finding, opening and claiming block devices ---- */

static struct block_device *__bdget(u32 devt)
{
	u32 major = devt >> 8, minor = devt & MINOR_MASK;
	struct gendisk *d;

	lockdep_assert_held(&block_class_lock);
	list_for_each_entry(d, &all_disks, list) {
		if ((u32)d->major == major && minor >= (u32)d->first_minor &&
		    minor < (u32)(d->first_minor + d->minors)) {
			struct block_device *b = d->part[minor - (u32)d->first_minor];

			if (b)
				b->bd_count++;
			return b;
		}
	}
	return NULL;
}

struct block_device *bdget(u32 devt)
{
	struct block_device *b;

	mutex_lock(&block_class_lock);
	b = __bdget(devt);
	mutex_unlock(&block_class_lock);
	return b;
}

static void __bdput(struct block_device *bdev)
{
	lockdep_assert_held(&block_class_lock);
	if (!--bdev->bd_count)
		kfree(bdev);
}

void bdput(struct block_device *bdev)
{
	mutex_lock(&block_class_lock);
	__bdput(bdev);
	mutex_unlock(&block_class_lock);
}

struct block_device *lookup_bdev(const char *path, int *err)
{
	struct dentry *d = path_lookup(path, err);
	struct block_device *b = NULL;

	if (!d)
		return NULL;
	if ((d->d_inode->i_mode & S_IFMT) != S_IFBLK)
		*err = -ENOTBLK;
	else if (!(b = bdget(d->d_inode->i_rdev)))
		*err = -ENXIO;
	dput(d);
	return b;
}

/* Why holder may not have bdev: -EBUSY, or 0. */
static int claim_conflict(const struct block_device *bdev, const void *holder)
{
	const struct gendisk *disk = bdev->bd_disk;

	lockdep_assert_held(&block_class_lock);
	if (bdev->bd_holder && bdev->bd_holder != holder)
		return -EBUSY;
	if (bdev->bd_partno) {
		const void *h = bdev->bd_contains->bd_holder;

		return h && h != holder ? -EBUSY : 0;
	}
	for (int i = 1; i < disk->minors; i++)
		if (disk->part[i] && disk->part[i]->bd_holder &&
		    disk->part[i]->bd_holder != holder)
			return -EBUSY;
	return 0;
}

int bd_claim(struct block_device *bdev, void *holder)
{
	int err;

	mutex_lock(&block_class_lock);
	err = claim_conflict(bdev, holder);
	if (!err)
		bdev->bd_holder = holder;
	mutex_unlock(&block_class_lock);
	return err;
}

void bd_release(struct block_device *bdev)
{
	mutex_lock(&block_class_lock);
	bdev->bd_holder = NULL;
	mutex_unlock(&block_class_lock);
}

struct block_device *blkdev_get(u32 devt, void *holder, int *err)
{
	struct block_device *b;

	mutex_lock(&block_class_lock);
	b = __bdget(devt);
	*err = b ? 0 : -ENXIO;
	if (b && holder && (*err = claim_conflict(b, holder))) {
		__bdput(b);
		b = NULL;
	}
	if (b) {
		b->bd_openers++;
		if (holder)
			b->bd_holder = holder;
	}
	mutex_unlock(&block_class_lock);
	return b;
}

void blkdev_put(struct block_device *bdev, void *holder)
{
	mutex_lock(&block_class_lock);
	bdev->bd_openers--;
	if (holder && bdev->bd_holder == holder)
		bdev->bd_holder = NULL;
	__bdput(bdev);
	mutex_unlock(&block_class_lock);
}

sector_t bdev_nr_sectors(const struct block_device *bdev)
{
	return bdev->bd_nr_sects;
}

const char *bdev_name(const struct block_device *bdev)
{
	return bdev->bd_name;
}

u32 bdev_devt(const struct block_device *bdev)
{
	return bdev->bd_dev;
}

u8 bdev_part_type(const struct block_device *bdev)
{
	return bdev->bd_part_type;
}

/* Every block device, referenced, into a kmalloc'd array: its length, or
 * -ENOMEM. */
static int collect_bdevs(struct block_device ***out)
{
	struct block_device **all;
	struct gendisk *d;
	int n = 0;

	mutex_lock(&block_class_lock);
	list_for_each_entry(d, &all_disks, list)
		n += d->minors;
	all = kmalloc((size_t)(n ? n : 1) * sizeof(*all), GFP_KERNEL);
	n = 0;
	list_for_each_entry(d, &all_disks, list) {
		for (int i = 0; all && i < d->minors; i++) {
			if (d->part[i]) {
				d->part[i]->bd_count++;
				all[n++] = d->part[i];
			}
		}
	}
	mutex_unlock(&block_class_lock);
	*out = all;
	return all ? n : -ENOMEM;
}

void bdev_for_each(void (*fn)(struct block_device *bdev, void *arg), void *arg)
{
	struct block_device **all;
	int n = collect_bdevs(&all);

	for (int i = 0; i < n; i++) {
		fn(all[i], arg);
		bdput(all[i]);
	}
	kfree(all);
}

/* ---- /proc/partitions and /proc/diskstats ---- */

void partitions_show(struct seq_file *m, void *arg)
{
	struct gendisk *d;

	(void)arg;
	seq_printf(m, "major minor  #blocks  name\n\n");
	mutex_lock(&block_class_lock);
	list_for_each_entry(d, &all_disks, list) {
		for (int i = 0; i < d->minors; i++) {
			struct block_device *b = d->part[i];

			if (b && b->bd_nr_sects)
				seq_printf(m, "%4u  %7u %10llu %s\n", b->bd_dev >> 8,
					   b->bd_dev & MINOR_MASK, b->bd_nr_sects >> 1, b->bd_name);
		}
	}
	mutex_unlock(&block_class_lock);
}

static unsigned int ms(unsigned long ticks)
{
	return (unsigned int)((u64)ticks * 1000 / HZ);
}

/* One line: the 20 fields of Linux 5.5 and later (discards and flushes,
 * which Tessera never issues, are 0). */
static void diskstats_line(struct seq_file *m, const struct block_device *b,
			   const struct disk_stats *s)
{
	seq_printf(m, "%4u %7u %s %lu %lu %lu %u %lu %lu %lu %u %u %u %u 0 0 0 0 0 0\n",
		   b->bd_dev >> 8, b->bd_dev & MINOR_MASK, b->bd_name, s->ios[READ],
		   s->merges[READ], s->sectors[READ], ms(s->ticks[READ]), s->ios[WRITE],
		   s->merges[WRITE], s->sectors[WRITE], ms(s->ticks[WRITE]), s->in_flight,
		   ms(s->io_ticks), ms(s->time_in_queue));
}

void diskstats_show(struct seq_file *m, void *arg)
{
	struct gendisk *d;

	(void)arg;
	mutex_lock(&block_class_lock);
	list_for_each_entry(d, &all_disks, list) {
		for (int i = 0; i < d->minors; i++) {
			struct block_device *b = d->part[i];
			struct disk_stats s;
			unsigned long flags;

			if (!b || !b->bd_nr_sects)
				continue;
			spin_lock_irqsave(d->queue->queue_lock, flags);
			part_round_stats(&b->bd_stats);
			s = b->bd_stats;
			spin_unlock_irqrestore(d->queue->queue_lock, flags);
			diskstats_line(m, b, &s);
		}
	}
	mutex_unlock(&block_class_lock);
}
