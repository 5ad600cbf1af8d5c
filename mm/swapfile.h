/*
 * mm/swapfile.h - swap areas: the disks and partitions pages go to when
 * memory runs short, and the slots in them (mm/swapfile.c).
 *
 * An area is a whole disk or a partition prepared by mkswap: its first
 * page is union swap_header, the rest are page-sized slots.  Each area
 * enabled (swapon, or swap= at boot) has a struct swap_info_struct in
 * swap_info[], its index being the type in a swap entry (mm/swap.h);
 * swap_map[] counts the users of each slot (0 free, SWAP_MAP_BAD never
 * to be used: the header and the bad pages mkswap listed).
 *
 * Slots are handed out by get_swap_page(), a cluster of SWAPFILE_CLUSTER
 * at a time from the area of highest priority that has room (areas of
 * equal priority in turn); swap_duplicate() adds a user (fork copying a
 * swap pte), swap_free() drops one and frees the slot with the last.
 *
 * Locking: swap_lock (a spinlock, after page->ptl in the mm lock order:
 * mm/lock_order.c) covers swap_info[] and every area's fields and map,
 * swap_list, nr_swap_pages and total_swap_pages; swapon_mutex serialises
 * swapon and swapoff, which read the disk, and keeps an area's name and
 * block device alive for /proc/swaps.
 */
#ifndef MM_SWAPFILE_H
#define MM_SWAPFILE_H

#include "lib/list.h"
#include "mm/swap.h"

struct block_device;
struct seq_file;

/*
 * The first page of an area, as mkswap (util-linux) writes it, in the
 * byte order of the machine that made it (here: little-endian).
 * info.badpages[] runs to where magic.magic starts.
 */
union swap_header {
	struct {
		char reserved[PAGE_SIZE - 10];
		char magic[10];                 /* "SWAPSPACE2" */
	} magic;
	struct {
		char bootbits[1024];            /* left for a disk label or boot block */
		u32 version;                    /* 1 */
		u32 last_page;                  /* the area's last page (index) */
		u32 nr_badpages;
		unsigned char sws_uuid[16];
		unsigned char sws_volume[16];   /* the label (mkswap -L) */
		u32 padding[117];
		u32 badpages[1];
	} info;
};

#define SWAP_MAGIC "SWAPSPACE2"
#define SWAP_MAGIC_OLD "SWAP-SPACE"     /* version 0, no longer made or accepted */
#define MAX_SWAP_BADPAGES                                                     \
	((PAGE_SIZE - 10 - __builtin_offsetof(union swap_header, info.badpages)) / sizeof(u32))

#define SWAPFILE_CLUSTER 256            /* slots allocated in a row */
#define SWAP_MAP_MAX 0x7fff             /* a count that stops counting */
#define SWAP_MAP_BAD 0x8000             /* a slot never handed out */

/* swapon's flags, as Linux's <sys/swap.h>. */
#define SWAP_FLAG_PREFER 0x8000         /* the priority is in the low bits */
#define SWAP_FLAG_PRIO_MASK 0x7fff
#define SWAP_FLAG_DISCARD 0x10000       /* discard: accepted, nothing to do here */
#define SWAP_FLAG_DISCARD_ONCE 0x20000
#define SWAP_FLAG_DISCARD_PAGES 0x40000
#define SWAP_FLAGS_VALID                                                      \
	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD |         \
	 SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

/* swap_info_struct.flags */
#define SWP_USED 0x01                   /* the type is taken */
#define SWP_WRITEOK 0x02                /* on swap_list: slots may be handed out */

struct swap_info_struct {
	unsigned int flags;
	int prio;                       /* higher is used first */
	struct block_device *bdev;      /* NULL: a ktest's area, no disk */
	char *name;                     /* the path swapon was given */
	unsigned short *swap_map;       /* per slot: users, or SWAP_MAP_BAD */
	unsigned int max;               /* slots in swap_map (last_page + 1) */
	unsigned int pages;             /* usable slots: not header, not bad */
	unsigned int inuse_pages;
	/* No free slot below lowest_bit or above highest_bit; a full area
	 * has highest_bit 0 (slot 0 is the header, never free). */
	unsigned int lowest_bit, highest_bit;
	unsigned int cluster_next;      /* where the current cluster goes on */
	unsigned int cluster_nr;        /* how many more it may take */
	struct list_head list;          /* in swap_list while SWP_WRITEOK */
};

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern long nr_swap_pages;             /* free slots in the enabled areas */
extern long total_swap_pages;          /* usable slots in them */

/* A free slot (its count set to 1), or an entry with val 0 if none. */
swp_entry_t get_swap_page(void);
/* One more user of entry's slot: 1, or 0 if the slot is free (quietly:
 * a caller may be racing with its release) or entry is bad (reported). */
int swap_duplicate(swp_entry_t entry);
/* One user fewer; the last frees the slot.  A bad entry, or one not in
 * use, is reported and changes nothing. */
void swap_free(swp_entry_t entry);
/* The users of entry's slot (SWAP_MAP_MAX: saturated), 0 if it is
 * free or entry is bad (reported). */
int swap_count(swp_entry_t entry);
/* Swap-in readahead's window around entry: the 2^page_cluster slots of
 * its aligned cluster, skipping the header, cut at the first free or bad
 * slot and at the end of the area.  *offset: the first; returns how many
 * (0 if entry's area is not on). */
unsigned int valid_swaphandles(swp_entry_t entry, unsigned long *offset);
/* Total and free swap, in pages, for meminfo and sysinfo. */
void si_swapinfo(unsigned long *total, unsigned long *free);

/*
 * An area set up from its header page without any I/O (what swapon does
 * once it has read the page; ktests make areas this way without a disk):
 * check the header against the device's size in pages (name is the
 * device, for the messages), build the map, and enable the area with
 * priority prio (or the next automatic one if prio < 0 and !prefer).
 * The area, or NULL with *err = -EINVAL (bad header, reported), -EPERM
 * (every type in use) or -ENOMEM.
 */
struct swap_info_struct *swap_area_setup(const union swap_header *hdr, unsigned long dev_pages,
					 const char *name, bool prefer, int prio, int *err);
/* Take an area out of use and free it: 0, or -EBUSY if slots are in use
 * (an area without a disk cannot be read back: no try_to_unuse). */
int swap_area_remove(struct swap_info_struct *si);

/*
 * The mms that may hold swap entries: init_mm.mmlist, under mmlist_lock
 * (innermost but for the allocator's locks: taken with page tables and
 * chain locks held, nothing taken inside it).  An mm joins when a pte of
 * it first becomes a swap entry (try_to_unmap, fork's copy) and leaves
 * with its last user.  swapoff walks it; every mm on it has mm_users > 0.
 */
struct mm_struct;
void mmlist_add(struct mm_struct *mm);
/* mmput's decrement of mm_users: true for the last user, whose mm is
 * then off the list for good (mmlist_add ignores it). */
bool mmput_leave_mmlist(struct mm_struct *mm);

/*
 * swapoff's work on the area of type (already off swap_list): bring the
 * page of every used slot back into memory - into each swap pte of every
 * mm on the mmlist, restored old and read-only, and into each shmem
 * object that recorded the slot (shmem_unuse) - then out of the swap
 * cache, until no slot is used.  0; -EINTR when a fatal signal is
 * pending, -ENOMEM without memory, -EIO if a slot cannot be read, -EBUSY
 * if a pass frees nothing: the area is then left consistent, with what
 * is still on it.  swapon_mutex held.
 */
int try_to_unuse(unsigned int type);

/*
 * swapon and swapoff of a kernel-space path (what the system calls do
 * once they have the path; ktests and swap= call them directly):
 * 0 or -errno as the system calls give (docs/swap.md).  swapoff of a
 * path that is not an area that is on is -EINVAL; of one with slots in
 * use, try_to_unuse's error if it could not bring every page back (the
 * area stays on).
 */
int swapon_path(const char *path, bool prefer, int prio);
int swapoff_path(const char *path);

/* /proc/swaps. */
void swaps_show(struct seq_file *m, void *arg);
/* Enable the areas swap= named (after the disks are found). */
void swap_setup_boot_areas(void);

#endif
