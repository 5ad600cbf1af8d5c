/*
 * mm/swapfile.c - swap areas: checking an area's mkswap header, the
 * per-slot counts, handing out and freeing slots, and the areas'
 * priorities (docs/swap.md).
 *
 * An area is set up from its first page (union swap_header, checked by
 * check_swap_header) and the size of its device: setup_swap_map builds
 * swap_map[], one unsigned short per page-sized slot, SWAP_MAP_BAD for
 * the header (slot 0) and each bad page mkswap listed, 0 for the free
 * ones.  enable_swap_info puts it on swap_list, which holds the enabled
 * areas by priority, highest first.
 *
 * Slots are allocated as Linux 2.6 does (scan_swap_map): an area hands
 * out SWAPFILE_CLUSTER slots in a row (cluster_next, cluster_nr) so that
 * pages swapped out together sit together on disk; a new cluster starts
 * in a run of SWAPFILE_CLUSTER free slots if there is one, else at the
 * first free slot.  get_swap_page takes the highest priority with room;
 * areas of one priority take turns (swap_rotor).  valid_swaphandles
 * tells swap-in readahead which slots around one are worth reading.
 * swapoff takes an area off the list and brings every page back
 * (try_to_unuse: through each mm on the mmlist, each shmem object on
 * swap, then each slot still in use) before it lets the area go; if that
 * fails the area goes back.
 *
 * Data: swap_info[] (indexed by type), swap_list, swap_rotor,
 * least_priority, nr_swap_pages, total_swap_pages; the mmlist
 * (init_mm.mmlist: the mms that may hold swap entries).
 * Locking: swap_lock, a spinlock taken inside page->ptl (mm/lock_order.c;
 * fork and zap will call swap_duplicate and swap_free with a page table
 * locked), covers all of them and every area's fields and map;
 * nothing is allocated or read from disk under it.  mmlist_lock covers
 * the mmlist and each mm's place on it; nothing is taken inside it.
 * swapon_mutex (outside everything) serialises swapon and swapoff and
 * keeps each enabled area's name and device in place for /proc/swaps;
 * swapoff holds it while it takes mms' mmap_sem and page locks.
 */
#include "mm/swapfile.h"
#include "drivers/block/blkdev.h"
#include "fs/internal.h"
#include "fs/seq_file.h"
#include "kernel/locking/lockdep.h"
#include "kernel/locking/mutex.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/highmem.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/shmem.h"
#include "mm/swap_state.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

struct swap_info_struct swap_info[MAX_SWAPFILES];
long nr_swap_pages;
long total_swap_pages;

static DEFINE_SPINLOCK(swap_lock);
static DEFINE_SPINLOCK(mmlist_lock);
static DEFINE_MUTEX(swapon_mutex);
static LIST_HEAD(swap_list);            /* enabled areas, highest prio first */
/* The area of its priority to try first next time (round robin). */
static struct swap_info_struct *swap_rotor;
/* Areas given no priority get -1, -2, ... in the order they come. */
static int least_priority;

/* ---- the header ---- */

static u32 swab32(u32 x)
{
	return (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}

/*
 * What is wrong with hdr as the first page of a device of dev_pages
 * pages, or NULL if nothing.  *maxpages is then the number of slots
 * (the header's included).  Reasons are sentences for "swapon: DEV: ...".
 */
static const char *check_swap_header(const union swap_header *hdr, unsigned long dev_pages,
				      unsigned long *maxpages)
{
	unsigned long last;

	if (!memcmp(hdr->magic.magic, SWAP_MAGIC_OLD, 10))
		return "version 0 swap area (SWAP-SPACE), no longer supported: run mkswap again";
	if (memcmp(hdr->magic.magic, SWAP_MAGIC, 10))
		return "no swap signature (SWAPSPACE2 at the end of the first page)";
	if (hdr->info.version != 1 && swab32(hdr->info.version) == 1)
		return "byte-swapped header (made on a big-endian machine)";
	if (hdr->info.version != 1)
		return "unsupported swap header version (not 1)";
	last = hdr->info.last_page;
	if (!last)
		return "empty swap area (last_page 0)";
	if (hdr->info.nr_badpages > MAX_SWAP_BADPAGES)
		return "too many bad pages listed in the header";
	if (last >= dev_pages)
		return "last_page is beyond the end of the device (area shorter than its header says)";
	for (u32 i = 0; i < hdr->info.nr_badpages; i++)
		if (!hdr->info.badpages[i] || hdr->info.badpages[i] > last)
			return "a bad-page entry is out of range";
	*maxpages = last + 1;
	return NULL;
}

/*
 * si's map for an area of maxpages slots with hdr's bad pages: 0, or
 * -ENOMEM, or -EINVAL when no slot is left to use.  An area larger than
 * a swap pte can address is cut to SWP_OFFSET_MAX + 1 slots, as Linux
 * does.
 */
static int setup_swap_map(struct swap_info_struct *si, const union swap_header *hdr,
			  unsigned long maxpages)
{
	unsigned int good;

	if (maxpages > SWP_OFFSET_MAX + 1) {
		pr_warn("swapon: %s: only the first %lu of its %lu pages can be addressed\n",
			si->name, SWP_OFFSET_MAX + 1, maxpages);
		maxpages = SWP_OFFSET_MAX + 1;
	}
	si->swap_map = vmalloc(maxpages * sizeof(*si->swap_map));
	if (!si->swap_map)
		return -ENOMEM;
	memset(si->swap_map, 0, maxpages * sizeof(*si->swap_map));
	si->swap_map[0] = SWAP_MAP_BAD;
	good = (unsigned int)maxpages - 1;
	for (u32 i = 0; i < hdr->info.nr_badpages; i++) {
		u32 bad = hdr->info.badpages[i];

		if (bad < maxpages && si->swap_map[bad] != SWAP_MAP_BAD) {
			si->swap_map[bad] = SWAP_MAP_BAD;
			good--;
		}
	}
	if (!good) {
		pr_err("swapon: %s: every page of the area is bad\n", si->name);
		return -EINVAL;
	}
	si->max = (unsigned int)maxpages;
	si->pages = good;
	si->inuse_pages = 0;
	si->lowest_bit = 1;
	si->highest_bit = si->max - 1;
	si->cluster_next = 1;
	si->cluster_nr = 0;
	return 0;
}

/* ---- areas ---- */

/* A free type, marked SWP_USED; NULL if all MAX_SWAPFILES are taken. */
static struct swap_info_struct *alloc_swap_info(void)
{
	struct swap_info_struct *si = NULL;

	spin_lock(&swap_lock);
	for (int type = 0; type < MAX_SWAPFILES && !si; type++)
		if (!(swap_info[type].flags & SWP_USED))
			si = &swap_info[type];
	if (si) {
		memset(si, 0, sizeof(*si));
		si->flags = SWP_USED;
	}
	spin_unlock(&swap_lock);
	return si;
}

/* Give the type back (the area was never enabled, or is disabled), and
 * its device.  The type is cleared first, under swap_lock, so that a
 * stale entry of the area finds no map to touch. */
static void free_swap_info(struct swap_info_struct *si)
{
	struct block_device *bdev = si->bdev;
	unsigned short *map = si->swap_map;
	char *name = si->name;

	spin_lock(&swap_lock);
	memset(si, 0, sizeof(*si));
	spin_unlock(&swap_lock);
	if (bdev) {
		bd_release(bdev);
		bdput(bdev);
	}
	vfree(map);
	kfree(name);
}

/* Put si on swap_list after every area of its priority or higher (its
 * prio set), its free slots counted in. */
static void put_on_list(struct swap_info_struct *si)
{
	struct swap_info_struct *pos;
	struct list_head *before = &swap_list;

	lockdep_assert_held(&swapon_mutex);
	spin_lock(&swap_lock);
	list_for_each_entry(pos, &swap_list, list) {
		if (pos->prio < si->prio) {
			before = &pos->list;
			break;
		}
	}
	list_add_tail(&si->list, before);
	si->flags |= SWP_WRITEOK;
	nr_swap_pages += si->pages - si->inuse_pages;
	total_swap_pages += si->pages;
	spin_unlock(&swap_lock);
}

static void enable_swap_info(struct swap_info_struct *si, bool prefer, int prio)
{
	si->prio = prefer ? prio : --least_priority;
	put_on_list(si);
}

/* Take si off swap_list: no slot of it is handed out any more, and its
 * free ones leave nr_swap_pages (a slot freed while it is off does not
 * come back: swap_entry_free), so the other areas go on being used. */
static void take_off_list(struct swap_info_struct *si)
{
	lockdep_assert_held(&swapon_mutex);
	spin_lock(&swap_lock);
	si->flags &= ~SWP_WRITEOK;
	list_del(&si->list);
	if (swap_rotor == si)
		swap_rotor = NULL;
	nr_swap_pages -= si->pages - si->inuse_pages;
	total_swap_pages -= si->pages;
	spin_unlock(&swap_lock);
}

/* si (off the list, no slot in use) is going: an automatic priority's
 * place is given back, the areas below moving up one, so the next one
 * gets it again (as Linux's swapoff does). */
static void give_back_priority(struct swap_info_struct *si)
{
	struct swap_info_struct *pos;

	lockdep_assert_held(&swapon_mutex);
	if (si->prio >= 0)
		return;
	spin_lock(&swap_lock);
	list_for_each_entry(pos, &swap_list, list)
		if (pos->prio < si->prio)
			pos->prio++;
	least_priority++;
	spin_unlock(&swap_lock);
}

/* Take si off swap_list if none of its slots is in use: 0, or -EBUSY. */
static int disable_swap_info(struct swap_info_struct *si)
{
	unsigned int inuse;

	lockdep_assert_held(&swapon_mutex);
	spin_lock(&swap_lock);
	inuse = si->inuse_pages;
	spin_unlock(&swap_lock);
	if (inuse)
		return -EBUSY;
	take_off_list(si);
	give_back_priority(si);
	return 0;
}

/* swapoff of an area with a disk: off the list, every page back
 * (try_to_unuse), then gone; if that fails, back on the list. */
static int swapoff_area(struct swap_info_struct *si)
{
	int err;

	lockdep_assert_held(&swapon_mutex);
	take_off_list(si);
	err = try_to_unuse((unsigned int)(si - swap_info));
	if (err) {
		put_on_list(si);        /* back where it was, its priority kept */
		return err;
	}
	give_back_priority(si);
	return 0;
}

#define LINUX_SWAP_PARTITION 0x82      /* the MBR's partition type for swap */

/* Does hdr carry a swap signature, good or not? */
static bool has_signature(const union swap_header *hdr)
{
	return !memcmp(hdr->magic.magic, SWAP_MAGIC, 10) ||
	       !memcmp(hdr->magic.magic, SWAP_MAGIC_OLD, 10);
}

/* A partition (not a whole disk) must be marked Linux swap in the MBR:
 * a valid signature on a partition of another type is more likely an
 * old one that mkswap left behind than an area meant for swap. */
static bool wrong_partition_type(const struct swap_info_struct *si)
{
	u8 type = si->bdev ? bdev_part_type(si->bdev) : 0;

	if (!type || type == LINUX_SWAP_PARTITION)
		return false;
	pr_err("swapon: %s: partition type %02x is not Linux swap (%02x)\n", si->name, type,
	       LINUX_SWAP_PARTITION);
	return true;
}

/* Check hdr and enable the area; the caller holds swapon_mutex and has
 * reserved si and named it.  quiet: say nothing about a device with no
 * signature at all (swap=auto looks at every disk). */
static int activate_swap_area(struct swap_info_struct *si, const union swap_header *hdr,
			      unsigned long dev_pages, bool prefer, int prio, bool quiet)
{
	unsigned long maxpages = 0;
	const char *why = check_swap_header(hdr, dev_pages, &maxpages);
	int err;

	lockdep_assert_held(&swapon_mutex);
	if (why) {
		if (!quiet || has_signature(hdr))
			pr_err("swapon: %s: %s\n", si->name, why);
		return -EINVAL;
	}
	if (wrong_partition_type(si))
		return -EINVAL;
	err = setup_swap_map(si, hdr, maxpages);
	if (err)
		return err;
	enable_swap_info(si, prefer, prio);
	pr_info("swapon: %s: %u KiB of swap (%u slots), priority %d\n", si->name,
		si->pages << 2, si->pages, si->prio);
	return 0;
}

/* A kmalloc'd copy of s, or NULL. */
static char *copy_name(const char *s)
{
	char *copy = kmalloc(strlen(s) + 1, GFP_KERNEL);

	return copy ? strcpy(copy, s) : NULL;
}

struct swap_info_struct *swap_area_setup(const union swap_header *hdr, unsigned long dev_pages,
					 const char *name, bool prefer, int prio, int *err)
{
	struct swap_info_struct *si = alloc_swap_info();

	if (!si) {
		*err = -EPERM;
		return NULL;
	}
	si->name = copy_name(name);
	mutex_lock(&swapon_mutex);
	*err = si->name ? activate_swap_area(si, hdr, dev_pages, prefer, prio, false) : -ENOMEM;
	mutex_unlock(&swapon_mutex);
	if (*err) {
		free_swap_info(si);
		return NULL;
	}
	return si;
}

int swap_area_remove(struct swap_info_struct *si)
{
	int err;

	mutex_lock(&swapon_mutex);
	err = disable_swap_info(si);
	mutex_unlock(&swapon_mutex);
	if (!err)
		free_swap_info(si);
	return err;
}

/* ---- swapon and swapoff ---- */

/* bdev's size in pages; a last_page can name no more than 2^32. */
static unsigned long bdev_pages(const struct block_device *bdev)
{
	u64 pages = bdev_nr_sectors(bdev) / PAGE_SECTORS;

	return pages > ~0UL ? ~0UL : (unsigned long)pages;
}

/* Read bdev's first page and enable it as si; swapon_mutex held, si
 * holds bdev's claim. */
static int read_and_activate(struct swap_info_struct *si, bool prefer, int prio, bool quiet)
{
	struct page *page = alloc_page(GFP_KERNEL);
	int err;

	lockdep_assert_held(&swapon_mutex);
	if (!page)
		return -ENOMEM;
	err = bdev_read_page(si->bdev, 0, page);
	if (err) {
		pr_err("swapon: %s: cannot read the swap header (I/O error)\n", si->name);
	} else {
		err = activate_swap_area(si, kmap(page), bdev_pages(si->bdev), prefer, prio, quiet);
		kunmap(page);
	}
	__free_page(page);
	return err;
}

/* Claim bdev for si (which then owns the caller's reference) and enable
 * it; swapon_mutex held. */
static int claim_and_activate(struct swap_info_struct *si, struct block_device *bdev,
			      bool prefer, int prio, bool quiet)
{
	int err = bd_claim(bdev, si);

	lockdep_assert_held(&swapon_mutex);
	if (err) {
		if (!quiet)
			pr_err("swapon: %s: in use (already a swap area, or claimed)\n", si->name);
		return err;
	}
	si->bdev = bdev;                /* free_swap_info lets it go */
	if (bdev_pages(bdev) < 2) {
		if (!quiet)     /* an extended partition's 2 sectors, say */
			pr_err("swapon: %s: too small for a swap area\n", si->name);
		return -EINVAL;
	}
	return read_and_activate(si, prefer, prio, quiet);
}

/*
 * Enable bdev (named name) as a swap area.  Takes over the caller's
 * reference to bdev, which the area keeps while it is on.  Nothing is
 * ever written to the device.  quiet: as activate_swap_area's.
 */
static int swapon_bdev(struct block_device *bdev, const char *name, bool prefer, int prio,
		       bool quiet)
{
	struct swap_info_struct *si = alloc_swap_info();
	int err;

	if (!si) {
		bdput(bdev);
		return -EPERM;
	}
	si->name = copy_name(name);
	mutex_lock(&swapon_mutex);
	err = si->name ? claim_and_activate(si, bdev, prefer, prio, quiet) : -ENOMEM;
	mutex_unlock(&swapon_mutex);
	if (err && !si->bdev)
		bdput(bdev);
	if (err)
		free_swap_info(si);
	return err;
}

int swapon_path(const char *path, bool prefer, int prio)
{
	int err = 0;
	struct block_device *bdev = lookup_bdev(path, &err);

	return bdev ? swapon_bdev(bdev, path, prefer, prio, false) : err;
}

long sys_swapon(const char __user *specialfile, unsigned long swap_flags)
{
	long err = 0;
	char *path;

	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	path = get_path(specialfile, &err);
	if (!path)
		return err;
	err = swapon_path(path, swap_flags & SWAP_FLAG_PREFER,
			  (int)(swap_flags & SWAP_FLAG_PRIO_MASK));
	kfree(path);
	return err;
}

/* The enabled area on bdev, or NULL. */
static struct swap_info_struct *find_area(const struct block_device *bdev)
{
	lockdep_assert_held(&swapon_mutex);
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];

		if ((si->flags & SWP_WRITEOK) && si->bdev &&
		    bdev_devt(si->bdev) == bdev_devt(bdev))
			return si;
	}
	return NULL;
}

int swapoff_path(const char *path)
{
	struct swap_info_struct *si;
	struct block_device *bdev;
	int err = 0;

	bdev = lookup_bdev(path, &err);
	if (!bdev)
		return err == -ENOTBLK || err == -ENXIO ? -EINVAL : err;
	mutex_lock(&swapon_mutex);
	si = find_area(bdev);
	err = si ? swapoff_area(si) : -EINVAL;
	mutex_unlock(&swapon_mutex);
	bdput(bdev);
	if (!err)
		free_swap_info(si);
	return err;
}

long sys_swapoff(const char __user *specialfile)
{
	return with_path(specialfile, swapoff_path);
}

/* ---- swap= at boot ---- */

#define SWAP_PARAM_LEN 64
static char swap_params[MAX_SWAPFILES][SWAP_PARAM_LEN];
static int nr_swap_params;

/* swap=/dev/hda1[,prio] (repeatable) or swap=auto: kept until the disks
 * are known (swap_setup_boot_areas). */
static int set_swap(char *val)
{
	if (!val || !*val || nr_swap_params == MAX_SWAPFILES || strlen(val) >= SWAP_PARAM_LEN)
		return -1;
	strlcpy(swap_params[nr_swap_params++], val, SWAP_PARAM_LEN);
	return 0;
}
__setup("swap", set_swap);

/* swap=auto: every disk or partition whose first page is a swap area. */
static void swapon_auto(struct block_device *bdev, void *arg)
{
	char name[DISK_NAME_LEN + 8];
	struct block_device *own = bdget(bdev_devt(bdev));

	(void)arg;
	snprintf(name, sizeof(name), "/dev/%s", bdev_name(bdev));
	if (own)
		swapon_bdev(own, name, false, 0, true);
}

/* One swap= value: "auto", or a path with an optional ",prio". */
static void swapon_param(char *val)
{
	char *comma = strchr(val, ',');
	unsigned long prio = 0;
	int err;

	if (!strcmp(val, "auto")) {
		bdev_for_each(swapon_auto, NULL);
		return;
	}
	if (comma) {
		*comma = '\0';
		if (kstrtoul(comma + 1, 10, &prio) || prio > SWAP_FLAG_PRIO_MASK) {
			pr_err("swap=%s,%s: the priority must be 0..%d\n", val, comma + 1,
			       SWAP_FLAG_PRIO_MASK);
			return;
		}
	}
	err = swapon_path(val, comma != NULL, (int)prio);
	if (err)
		pr_err("swap=%s: not enabled (error %d)\n", val, err);
}

void swap_setup_boot_areas(void)
{
	for (int i = 0; i < nr_swap_params; i++)
		swapon_param(swap_params[i]);
}

/* ---- slots ---- */

/* LAB swap BEGIN: helpers for scan_swap_map below, as many as you
 * like; swap_lock is held in all of them.  The reference has three:
 * the first slot of a run of SWAPFILE_CLUSTER free slots within
 * [lowest_bit, highest_bit] (0 if none); the first free slot from a
 * given offset up to highest_bit (0 if none); and taking a slot: count
 * 1, inuse_pages + 1, cluster_next after it, and the bounds narrowed -
 * lowest_bit up past it, highest_bit down past it, or, with the last
 * free slot gone, the full area's lowest_bit = max, highest_bit = 0. */
/* The first slot of a run of SWAPFILE_CLUSTER free ones, or 0. */
static unsigned int find_free_cluster(const struct swap_info_struct *si)
{
	unsigned int run = 0;

	for (unsigned int off = si->lowest_bit; off <= si->highest_bit; off++) {
		run = si->swap_map[off] ? 0 : run + 1;
		if (run == SWAPFILE_CLUSTER)
			return off - SWAPFILE_CLUSTER + 1;
	}
	return 0;
}

/* The first free slot in [from, highest_bit], or 0. */
static unsigned int first_free_from(const struct swap_info_struct *si, unsigned int from)
{
	for (unsigned int off = from; off <= si->highest_bit; off++)
		if (!si->swap_map[off])
			return off;
	return 0;
}

/* Mark off used and narrow the bounds around the free slots. */
static void take_slot(struct swap_info_struct *si, unsigned int off)
{
	si->swap_map[off] = 1;
	si->inuse_pages++;
	si->cluster_next = off + 1;
	if (si->inuse_pages == si->pages) {
		si->lowest_bit = si->max;
		si->highest_bit = 0;
		return;
	}
	if (off == si->lowest_bit)
		si->lowest_bit++;
	if (off == si->highest_bit)
		si->highest_bit--;
}
/* LAB swap END */

/*
 * A free slot of si (now in use), or 0 if it is full.  Within a cluster
 * the next slot is the one after the last; a new cluster starts at a run
 * of SWAPFILE_CLUSTER free slots, or - when the area is too fragmented
 * or too full for one - at the lowest free slot.  A slot found taken is
 * passed over for the next free one.
 */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned int off = 0;

	lockdep_assert_held(&swap_lock);
	if (!(si->flags & SWP_WRITEOK) || !si->highest_bit)
		return 0;
	/* LAB swap BEGIN: choose the slot and take it, leaving its offset
	 * in off (0 leaves the area as it is: "swap full").  A cluster
	 * with slots left (cluster_nr) goes on at cluster_next; else a new
	 * one of SWAPFILE_CLUSTER starts at the first run of that many free
	 * slots if the area has that many free (inuse_pages, pages), else at
	 * lowest_bit.  The slot chosen, if taken or outside [lowest_bit,
	 * highest_bit], gives way to the next free one after it, then to the
	 * first from lowest_bit.  Never read swap_map outside [lowest_bit,
	 * highest_bit]: lowest_bit is max when the area is full. */
	if (si->cluster_nr) {
		si->cluster_nr--;
		off = si->cluster_next;
	} else {
		si->cluster_nr = SWAPFILE_CLUSTER - 1;
		if (si->pages - si->inuse_pages >= SWAPFILE_CLUSTER)
			off = find_free_cluster(si);
	}
	if (off < si->lowest_bit)
		off = si->lowest_bit;
	off = first_free_from(si, off);
	if (!off)
		off = first_free_from(si, si->lowest_bit);
	/* nothing free within the bounds (wrong bounds): never slot 0, the header */
	if (off)
		take_slot(si, off);
	/* LAB swap END */
	return off;
}

/* The area after si among those of its priority, wrapping round to the
 * group's first, first. */
static struct swap_info_struct *next_in_group(struct swap_info_struct *si,
					      struct swap_info_struct *first)
{
	struct swap_info_struct *next = list_next_entry(si, list);

	return &next->list == &swap_list || next->prio != si->prio ? first : next;
}

/* A slot from the group of areas of first's priority, starting where the
 * last allocation from the group left off; 0 if they are all full. */
static unsigned long scan_group(struct swap_info_struct *first, int *type)
{
	struct swap_info_struct *start = first, *si;
	unsigned long off;

	if (swap_rotor && swap_rotor->prio == first->prio)
		start = swap_rotor;
	si = start;
	do {
		off = scan_swap_map(si);
		if (off) {
			swap_rotor = next_in_group(si, first);
			*type = (int)(si - swap_info);
			return off;
		}
		si = next_in_group(si, first);
	} while (si != start);
	return 0;
}

swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *si;
	unsigned long off = 0;
	int type = 0, prev_prio = 0;
	bool first = true;

	spin_lock(&swap_lock);
	if (nr_swap_pages > 0) {
		list_for_each_entry(si, &swap_list, list) {
			if (!first && si->prio == prev_prio)
				continue;               /* tried with its group */
			first = false;
			prev_prio = si->prio;
			off = scan_group(si, &type);
			if (off)
				break;
		}
	}
	if (off)
		nr_swap_pages--;
	spin_unlock(&swap_lock);
	return off ? swp_entry((unsigned long)type, off) : (swp_entry_t){ 0 };
}

/* entry's area if entry names a slot of one that is not bad, else NULL
 * (reported as who's mistake). */
static struct swap_info_struct *swap_info_get(swp_entry_t entry, const char *who)
{
	struct swap_info_struct *si = &swap_info[swp_type(entry)];
	unsigned long off = swp_offset(entry);
	const char *why = NULL;

	lockdep_assert_held(&swap_lock);
	if (!(si->flags & SWP_USED) || !si->swap_map)
		why = "no such swap area";
	else if (off >= si->max)
		why = "offset beyond the area";
	else if (si->swap_map[off] == SWAP_MAP_BAD)
		why = "a bad slot";
	if (!why)
		return si;
	pr_err("%s: bad swap entry %08lx: %s\n", who, entry.val, why);
	return NULL;
}

/* One user fewer for slot off; the last frees it.  The count left. */
static unsigned short swap_entry_free(struct swap_info_struct *si, unsigned long off)
{
	unsigned short count = si->swap_map[off];

	lockdep_assert_held(&swap_lock);
	/* LAB swap BEGIN: drop one user of slot off (count, its map entry,
	 * is neither 0 nor SWAP_MAP_BAD here), leaving the new count in
	 * count.  A saturated count (SWAP_MAP_MAX) no longer counts: it
	 * stays, and so does the slot.  With the last user gone the slot is
	 * free: widen [lowest_bit, highest_bit] to take it in (a full area
	 * has lowest_bit max, highest_bit 0), one inuse_page fewer, and one
	 * more of nr_swap_pages if the area is on swap_list (SWP_WRITEOK). */
	if (count == SWAP_MAP_MAX)
		return count;                   /* saturated: the slot stays used */
	si->swap_map[off] = --count;
	if (count)
		return count;
	si->lowest_bit = min(si->lowest_bit, (unsigned int)off);
	si->highest_bit = max(si->highest_bit, (unsigned int)off);
	si->inuse_pages--;
	if (si->flags & SWP_WRITEOK)
		nr_swap_pages++;        /* not for an area swapoff took off */
	/* LAB swap END */
	return count;
}

void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *si;

	spin_lock(&swap_lock);
	si = swap_info_get(entry, "swap_free");
	if (si && !si->swap_map[swp_offset(entry)])
		pr_err("swap_free: swap entry %08lx is not in use\n", entry.val);
	else if (si)
		swap_entry_free(si, swp_offset(entry));
	spin_unlock(&swap_lock);
}

int swap_duplicate(swp_entry_t entry)
{
	static bool overflow_told;
	struct swap_info_struct *si;
	unsigned short *count = NULL;

	spin_lock(&swap_lock);
	si = swap_info_get(entry, "swap_duplicate");
	if (si && si->swap_map[swp_offset(entry)])
		count = &si->swap_map[swp_offset(entry)];
	if (count && *count < SWAP_MAP_MAX && ++*count == SWAP_MAP_MAX && !overflow_told) {
		overflow_told = true;
		pr_warn("swap_duplicate: swap entry %08lx saturated: the slot stays in use\n",
			entry.val);
	}
	spin_unlock(&swap_lock);
	return count != NULL;
}

int swap_count(swp_entry_t entry)
{
	struct swap_info_struct *si;
	int count = 0;

	spin_lock(&swap_lock);
	si = swap_info_get(entry, "swap_count");
	if (si)
		count = si->swap_map[swp_offset(entry)];
	spin_unlock(&swap_lock);
	return count;
}

unsigned int valid_swaphandles(swp_entry_t entry, unsigned long *offset)
{
	struct swap_info_struct *si = &swap_info[swp_type(entry)];
	unsigned long off = swp_offset(entry) >> page_cluster << page_cluster;
	unsigned long end = off + (1UL << page_cluster);
	unsigned int n = 0;

	if (!off)
		off = 1;                        /* slot 0 is the header */
	*offset = off;
	spin_lock(&swap_lock);
	if (si->flags & SWP_USED && si->swap_map)
		for (; off < end && off < si->max; off++, n++)
			if (!si->swap_map[off] || si->swap_map[off] == SWAP_MAP_BAD)
				break;
	spin_unlock(&swap_lock);
	return n;
}

void si_swapinfo(unsigned long *total, unsigned long *free)
{
	spin_lock(&swap_lock);
	*total = (unsigned long)total_swap_pages;
	*free = (unsigned long)nr_swap_pages;
	spin_unlock(&swap_lock);
}

/* ---- swapoff: the mms with swap entries, and bringing pages back ---- */

void mmlist_add(struct mm_struct *mm)
{
	spin_lock(&mmlist_lock);
	if (list_empty(&mm->mmlist) && atomic_read(&mm->mm_users))
		list_add(&mm->mmlist, &init_mm.mmlist);
	spin_unlock(&mmlist_lock);
}

bool mmput_leave_mmlist(struct mm_struct *mm)
{
	bool last;

	spin_lock(&mmlist_lock);
	last = atomic_dec_and_test(&mm->mm_users);
	if (last)
		list_del_init(&mm->mmlist);
	spin_unlock(&mmlist_lock);
	return last;
}

/* Bring back every swap pte of area type in mm. */
static int unuse_process(struct mm_struct *mm, unsigned int type)
{
	struct vm_area_struct *vma;
	int err = 0;

	down_read(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		err = unuse_vma(vma, type);
		if (err)
			break;
	}
	up_read(&mm->mmap_sem);
	return err;
}

/* unuse_process for every mm on the list.  Each is held (mm_users) while the
 * lock is dropped to work on it, which also keeps it on the list for the
 * walk to go on from; the one before is let go only then, since its last
 * mmput takes mmlist_lock. */
static int unuse_mms(unsigned int type)
{
	struct mm_struct *mm, *prev = NULL;
	int err = 0;

	spin_lock(&mmlist_lock);
	list_for_each_entry(mm, &init_mm.mmlist, mmlist) {
		atomic_inc(&mm->mm_users);      /* > 0 on the list: safe */
		spin_unlock(&mmlist_lock);
		if (prev)
			mmput(prev);
		prev = mm;
		err = unuse_process(mm, type);
		spin_lock(&mmlist_lock);
		if (err)
			break;
	}
	spin_unlock(&mmlist_lock);
	if (prev)
		mmput(prev);
	return err;
}

/* slot's count, under swap_lock. */
static unsigned short slot_count(struct swap_info_struct *si, unsigned int off)
{
	unsigned short count;

	spin_lock(&swap_lock);
	count = si->swap_map[off];
	spin_unlock(&swap_lock);
	return count;
}

/* Slot off is used by nothing but the swap cache (or by a shmem object,
 * or a pte that appeared since its mm was searched): read it into the
 * cache and, if the cache is all that holds it, take it out.  0, -ENOMEM
 * or -EIO. */
static int unuse_slot(struct swap_info_struct *si, unsigned int off)
{
	swp_entry_t entry = swp_entry((unsigned long)(si - swap_info), off);
	struct page *page = read_swap_cache_async(entry);
	int err = 0;

	if (!page)
		return slot_count(si, off) ? -ENOMEM : 0;       /* or freed meanwhile */
	lock_page(page);
	if (PageError(page))
		err = -EIO;
	else if (PageSwapCache(page) && page->private == entry.val && swap_count(entry) == 1) {
		wait_on_page_writeback(page);
		SetPageDirty(page);     /* its only copy is in memory now */
		delete_from_swap_cache(page);
	}
	unlock_page(page);
	put_page(page);
	return err;
}

/* unuse_slot for every slot of si in use. */
static int unuse_slots(struct swap_info_struct *si)
{
	for (unsigned int off = 1; off < si->max; off++) {
		unsigned short count = slot_count(si, off);
		int err;

		if (!count || count == SWAP_MAP_BAD)
			continue;
		err = unuse_slot(si, off);
		if (err)
			return err;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* Passes over the mms, the shmem objects and then the slots, while each
 * frees something: a fork may copy a swap pte into a new mm while a pass
 * runs, and the next one finds it. */
int try_to_unuse(unsigned int type)
{
	struct swap_info_struct *si = &swap_info[type];
	unsigned int left = ~0U, now;
	int err;

	lockdep_assert_held(&swapon_mutex);
	for (;;) {
		err = unuse_mms(type);
		if (!err)
			err = shmem_unuse(type);
		if (!err)
			err = unuse_slots(si);
		if (err)
			return err;
		spin_lock(&swap_lock);
		now = si->inuse_pages;
		spin_unlock(&swap_lock);
		if (!now)
			return 0;
		if (now >= left)
			return -EBUSY;
		left = now;
	}
}

/* ---- /proc/swaps ---- */

/* A path as Linux's seq_file_path writes it: space, tab, newline and
 * backslash as \ooo.  Its length. */
static size_t seq_escaped_path(struct seq_file *m, const char *path)
{
	size_t len = 0;

	for (const char *p = path; *p; p++) {
		if (strchr(" \t\n\\", *p)) {
			seq_printf(m, "\\%03o", (unsigned char)*p);
			len += 4;
		} else {
			seq_write(m, p, 1);
			len++;
		}
	}
	return len;
}

/* si's line, if it is enabled. */
static void swap_show_area(struct seq_file *m, struct swap_info_struct *si)
{
	unsigned long size, used;
	bool on;
	int prio;
	size_t len;

	spin_lock(&swap_lock);
	on = si->flags & SWP_WRITEOK;
	size = (unsigned long)si->pages << 2;
	used = (unsigned long)si->inuse_pages << 2;
	prio = si->prio;
	spin_unlock(&swap_lock);
	if (!on)
		return;
	len = seq_escaped_path(m, si->name);
	seq_printf(m, "%*s%s\t%lu\t%s%lu\t%s%d\n", len < 40 ? 40 - (int)len : 1, " ", "partition",
		   size, size < 10000000 ? "\t" : "", used, used < 10000000 ? "\t" : "", prio);
}

/* Linux's columns: the name padded to 40, sizes in KiB, a second tab
 * after a size below 10000000 so the columns line up. */
void swaps_show(struct seq_file *m, void *arg)
{
	(void)arg;
	seq_printf(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	mutex_lock(&swapon_mutex);
	for (int type = 0; type < MAX_SWAPFILES; type++)
		swap_show_area(m, &swap_info[type]);
	mutex_unlock(&swapon_mutex);
}
