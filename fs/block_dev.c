/*
 * fs/block_dev.c - block device files: /dev/hda, /dev/hda1, ... opened,
 * read, written, sought and ioctl'd from user space, so busybox's dd,
 * hexdump and mkswap work on a disk.
 *
 * There is no buffer cache: each read or write goes to the disk through a
 * bounce buffer (contiguous low memory, as much of 64 KiB as the call
 * needs, one page when nothing bigger is free), one synchronous bio per
 * piece (submit_bio_wait).  Any
 * offset and length work: a write that covers only part of its first or
 * last sector reads that sector first (read-modify-write).  So a write
 * has reached the disk when write() returns, and fsync has nothing to do.
 *
 * Opening with O_EXCL claims the device for the file (bd_claim), as
 * Linux does: it fails with EBUSY while another claims it, its disk or a
 * partition of it (a swap area, say), and keeps others out until close.
 *
 * Data: the file's private_data is its block_device (a reference and an
 * opener, from blkdev_get).  Locking: none here; the block layer's own
 * (drivers/block/blkdev.h).  Nothing is held across a user copy.
 */
#include "drivers/block/blk.h"
#include "drivers/block/blkdev.h"
#include "fs/file.h"
#include "kernel/arch/uaccess.h"
#include "lib/errno.h"
#include "mm/gfp.h"
#include "mm/mm.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* Linux's ioctl numbers (include/uapi/linux/fs.h, hdreg.h); the _IOR
 * ones carry size_t's size, 4 on i386. */
#define HDIO_GETGEO 0x0301
#define BLKRRPART 0x125f
#define BLKGETSIZE 0x1260
#define BLKFLSBUF 0x1261
#define BLKSSZGET 0x1268
#define BLKGETSIZE64 0x80041272
#define BLKPBSZGET 0x127b

#define BOUNCE_ORDER 4

struct bounce {
	u8 *buf;
	unsigned int order;
	size_t size;
};

/* A buffer for a transfer of bytes: as small as will do, at most
 * 64 KiB, one page when nothing bigger is free. */
static int bounce_get(struct bounce *b, size_t bytes)
{
	b->order = 0;
	while (b->order < BOUNCE_ORDER && (PAGE_SIZE << b->order) < bytes)
		b->order++;
	b->buf = (u8 *)__get_free_pages(GFP_KERNEL | __GFP_NOWARN, b->order);
	if (!b->buf && b->order) {
		b->order = 0;
		b->buf = (u8 *)__get_free_page(GFP_KERNEL);
	}
	b->size = PAGE_SIZE << b->order;
	return b->buf ? 0 : -ENOMEM;
}

/* len bytes (whole sectors) of buf to or from the device at sector. */
static int bounce_io(struct block_device *bdev, sector_t sector, u8 *buf, unsigned int len,
		     int rw)
{
	while (len) {
		struct bio *bio = bio_alloc(GFP_KERNEL, (int)(len / PAGE_SIZE + 2));
		int err;

		if (!bio)
			return -ENOMEM;
		bio->bi_bdev = bdev;
		bio->bi_sector = sector;
		while (len) {
			unsigned int off = (unsigned long)buf & ~PAGE_MASK;
			unsigned int n = min(len, (unsigned int)PAGE_SIZE - off);

			if (!bio_add_page(bio, virt_to_page(buf), n, off))
				break;
			buf += n;
			len -= n;
			sector += n >> SECTOR_SHIFT;
		}
		err = bio->bi_vcnt ? submit_bio_wait(rw, bio) : -EIO;
		bio_put(bio);
		if (err)
			return err;
	}
	return 0;
}

/* Read span bytes at sector and give n of them, from head on, to ubuf. */
static int read_chunk(struct block_device *bdev, sector_t sector, struct bounce *b,
		      unsigned int span, char __user *ubuf, unsigned int head, size_t n)
{
	int err = bounce_io(bdev, sector, b->buf, span, READ);

	if (!err && copy_to_user(ubuf, b->buf + head, n))
		err = -EFAULT;
	return err;
}

/* Write n bytes of ubuf at byte head of the span bytes from sector; the
 * partial sectors at either end are read first.  A bad ubuf writes
 * nothing. */
static int write_chunk(struct block_device *bdev, sector_t sector, struct bounce *b,
		       unsigned int span, const char __user *ubuf, unsigned int head, size_t n)
{
	unsigned int last = span - SECTOR_SIZE;
	int err = 0;

	if (head)
		err = bounce_io(bdev, sector, b->buf, SECTOR_SIZE, READ);
	if (!err && ((head + n) % SECTOR_SIZE) && (last || !head))
		err = bounce_io(bdev, sector + (last >> SECTOR_SHIFT), b->buf + last,
				SECTOR_SIZE, READ);
	if (!err && copy_from_user(b->buf + head, ubuf, n))
		err = -EFAULT;
	return err ? err : bounce_io(bdev, sector, b->buf, span, WRITE);
}

/* len bytes at *pos (within the device) in pieces through the bounce
 * buffer: the count moved, or the error if nothing was. */
static ssize_t blkdev_transfer(struct block_device *bdev, char __user *ubuf, size_t len,
			       u64 *pos, int rw)
{
	struct bounce b;
	size_t done = 0;
	int err = bounce_get(&b, (*pos % SECTOR_SIZE) + len);

	while (!err && done < len) {
		unsigned int head = *pos % SECTOR_SIZE;
		size_t n = min(len - done, b.size - head);
		unsigned int span = ALIGN(head + (unsigned int)n, SECTOR_SIZE);
		sector_t sector = *pos >> SECTOR_SHIFT;

		err = rw == READ ? read_chunk(bdev, sector, &b, span, ubuf + done, head, n)
				 : write_chunk(bdev, sector, &b, span, ubuf + done, head, n);
		if (!err) {
			done += n;
			*pos += n;
		}
	}
	if (b.buf)
		free_pages((unsigned long)b.buf, b.order);
	return done ? (ssize_t)done : err;
}

static u64 bdev_bytes(const struct block_device *bdev)
{
	return bdev_nr_sectors(bdev) << SECTOR_SHIFT;
}

/* Reads stop at the end (0 there). */
static ssize_t blkdev_read(struct file *f, char __user *buf, size_t len, u64 *pos)
{
	struct block_device *bdev = f->private_data;
	u64 size = bdev_bytes(bdev);

	if (*pos >= size || !len)
		return 0;
	return blkdev_transfer(bdev, buf, (size_t)min((u64)len, size - *pos), pos, READ);
}

/* Writes stop at the end: ENOSPC there, a short count before it. */
static ssize_t blkdev_write(struct file *f, const char __user *buf, size_t len, u64 *pos)
{
	struct block_device *bdev = f->private_data;
	u64 size = bdev_bytes(bdev);

	if (!len)
		return 0;
	if (*pos >= size)
		return -ENOSPC;
	/* write_chunk only reads from buf; blkdev_transfer serves both ways. */
	return blkdev_transfer(bdev, (char __user *)buf, (size_t)min((u64)len, size - *pos),
			       pos, WRITE);
}

static s64 blkdev_llseek(struct file *f, s64 off, int whence)
{
	s64 size = (s64)bdev_bytes(f->private_data);
	s64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->f_pos : size;

	if (whence > SEEK_END || base + off < 0 || base + off > size)
		return -EINVAL;
	f->f_pos = (u64)(base + off);
	return base + off;
}

static int blkdev_open(struct file *f)
{
	int err;
	struct block_device *bdev = blkdev_get(f->f_dentry->d_inode->i_rdev,
					       (f->f_flags & O_EXCL) ? f : NULL, &err);

	f->private_data = bdev;
	return err;
}

static void blkdev_release(struct file *f)
{
	blkdev_put(f->private_data, f);
}

struct hd_geometry {
	u8 heads, sectors;
	u16 cylinders;
	u32 start;
};

/* A made-up geometry (16 heads, 63 sectors), as for any LBA disk. */
static long blkdev_getgeo(struct block_device *bdev, void __user *arg)
{
	u64 cyl = bdev_nr_sectors(bdev->bd_contains) / (16 * 63);
	struct hd_geometry g = { .heads = 16, .sectors = 63,
				 .cylinders = (u16)min(cyl, (u64)0xffff),
				 .start = (u32)bdev->bd_start_sect };

	return copy_to_user(arg, &g, sizeof(g)) ? -EFAULT : 0;
}

static long blkdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = f->private_data;
	sector_t sectors = bdev_nr_sectors(bdev);
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case BLKGETSIZE64:
		return put_user((u64)sectors << SECTOR_SHIFT, (u64 __user *)uarg);
	case BLKGETSIZE:
		if (sectors > 0xffffffffULL)
			return -EFBIG;
		return put_user((u32)sectors, (u32 __user *)uarg);
	case BLKSSZGET:
	case BLKPBSZGET:
		return put_user((u32)SECTOR_SIZE, (u32 __user *)uarg);
	case BLKFLSBUF:
		return 0;               /* nothing is cached */
	case BLKRRPART:
		return bdev->bd_partno ? -EINVAL : rescan_partitions(bdev->bd_disk);
	case HDIO_GETGEO:
		return blkdev_getgeo(bdev, uarg);
	default:
		return -ENOTTY;
	}
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.release = blkdev_release,
	.read = blkdev_read,
	.write = blkdev_write,
	.llseek = blkdev_llseek,
	.ioctl = blkdev_ioctl,
};
