/*
 * drivers/block/partitions.c - the MBR ("msdos") partition table.
 *
 * Sector 0 ends with 0x55 0xAA; at byte 446 are four 16-byte entries:
 *
 *   0  boot indicator (0x00, or 0x80 = active)   8  first sector (LBA, le32)
 *   1  CHS of the first sector (3 bytes)        12  number of sectors (le32)
 *   4  type (0x83 Linux, 0x82 Linux swap, 0x05/0x0f/0x85 extended)
 *   5  CHS of the last sector (3 bytes)
 *
 * The four entries are partitions 1-4.  An extended one holds a chain of
 * extended boot records, each an MBR of its own: its first entry is a
 * logical partition (start relative to that record), its second the link
 * to the next record (start relative to the extended partition).  The
 * logical partitions are numbered 5, 6, ...  As Linux does, the extended
 * partition itself is registered two sectors long, so nobody mistakes it
 * for space to make a file system or a swap area on.
 *
 * Checks: a table whose boot indicators are not 0 or 0x80 is no table (a
 * boot sector of a file system, say); a partition that runs past the end
 * of the disk or of its extended partition is refused with a message; a
 * chain that comes back to a record it has seen, or is longer than the
 * disk has minors, ends there with a message.
 *
 * Data: the parsed_partitions the caller passes.  Locking: none of its
 * own (the caller holds block_class_lock).
 */
#include "drivers/block/blk.h"
#include "drivers/block/blkdev.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "mm/gfp.h"
#include "mm/mm.h"

#define MBR_TABLE 446
#define MBR_ENTRY_SIZE 16

struct mbr_entry {
	u8 boot_ind, type;
	u32 start, size;
};

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static struct mbr_entry mbr_entry(const u8 *sector, int i)
{
	const u8 *e = sector + MBR_TABLE + i * MBR_ENTRY_SIZE;

	return (struct mbr_entry){ .boot_ind = e[0], .type = e[4], .start = le32(e + 8),
				   .size = le32(e + 12) };
}

static bool is_extended(u8 type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

/* The signature, and boot indicators that only a table has. */
static bool msdos_magic(const u8 *sector)
{
	if (sector[510] != 0x55 || sector[511] != 0xaa)
		return false;
	for (int i = 0; i < 4; i++) {
		u8 b = mbr_entry(sector, i).boot_ind;

		if (b != 0 && b != 0x80)
			return false;
	}
	return true;
}

/* Record partition n if [start, start + size) lies within [lo, hi). */
static void put_partition(struct parsed_partitions *state, int n, sector_t start,
			  sector_t size, u8 type, sector_t lo, sector_t hi)
{
	if (n >= state->limit) {
		pr_warn("%s: partition %d: more than the disk's %d minors, ignored\n",
			state->name, n, state->limit - 1);
		return;
	}
	if (start < lo || start >= hi || size > hi - start) {
		pr_warn("%s: partition %d (sectors %llu..%llu) runs past the end of the %s "
			"(sector %llu), ignored\n", state->name, n, start, start + size - 1,
			hi == state->capacity ? "disk" : "extended partition", hi);
		return;
	}
	state->parts[n].start = start;
	state->parts[n].size = size;
	state->parts[n].type = type;
}

static bool seen_before(const sector_t *seen, int n, sector_t sector)
{
	for (int i = 0; i < n; i++)
		if (seen[i] == sector)
			return true;
	return false;
}

/* The logical partitions in the extended partition [ext, ext + size),
 * from number *next on.  page is a buffer for one sector. */
static void parse_extended(struct parsed_partitions *state, struct block_device *bdev,
			   sector_t ext, sector_t size, struct page *page, int *next)
{
	const u8 *data = page_address(page);
	sector_t seen[DISK_MAX_PARTS], ebr = ext;
	int records = 0;

	for (;;) {
		struct mbr_entry link = { 0 };

		if (records == DISK_MAX_PARTS || seen_before(seen, records, ebr)) {
			pr_warn("%s: the extended partition's chain loops or is too long, "
				"stopped after %d records\n", state->name, records);
			return;
		}
		seen[records++] = ebr;
		if (read_dev_sector(bdev, ebr, page)) {
			pr_warn("%s: cannot read extended boot record at sector %llu\n",
				state->name, ebr);
			return;
		}
		if (!msdos_magic(data))
			return;
		for (int i = 0; i < 4; i++) {
			struct mbr_entry e = mbr_entry(data, i);

			if (!e.size)
				continue;
			if (is_extended(e.type)) {
				if (!link.size)
					link = e;
			} else if (*next < state->limit) {
				put_partition(state, (*next)++, ebr + e.start, e.size, e.type, ext,
					      ext + size);
			}
		}
		if (!link.size)
			return;
		ebr = ext + link.start;
	}
}

int msdos_partition(struct parsed_partitions *state, struct block_device *bdev)
{
	struct page *page = alloc_page(GFP_KERNEL);
	const u8 *data;
	int next = 5, ret = 0;

	if (!page)
		return -ENOMEM;
	data = page_address(page);
	if (read_dev_sector(bdev, 0, page)) {
		pr_err("%s: unable to read the partition table\n", state->name);
		ret = -EIO;
	} else if (msdos_magic(data)) {
		struct mbr_entry primary[4];

		ret = 1;
		for (int i = 0; i < 4; i++)
			primary[i] = mbr_entry(data, i);
		for (int i = 0; i < 4; i++) {
			struct mbr_entry e = primary[i];

			if (!e.size)
				continue;
			if (!is_extended(e.type)) {
				put_partition(state, i + 1, e.start, e.size, e.type, 0,
					      state->capacity);
				continue;
			}
			put_partition(state, i + 1, e.start, min(e.size, 2u), e.type, 0,
				      state->capacity);
			if (state->parts[i + 1].size)
				parse_extended(state, bdev, e.start, e.size, page, &next);
		}
	}
	__free_page(page);
	return ret;
}
