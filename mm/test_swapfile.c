/*
 * mm/test_swapfile.c - ktests for swap entries and swap areas without a
 * disk: the pte encoding of an entry (every type, large offsets, apart
 * from pte_none and PROT_NONE), the header checks, and the slot
 * allocator on areas made from header pages in memory
 * (swap_area_setup): clusters, bad pages, the free-slot bounds, full
 * areas, priorities and round robin, counts and frees, /proc/swaps.
 * The randomised slot and count tests of the same suite, graded by the
 * swap lab, are mm/test_swap_slots.c.
 *
 * The allocation tests need every slot get_swap_page hands out to come
 * from their own areas, so they run only while no other area is on
 * (those of one area fail if one is: an earlier test's, left behind).
 * Suite swap_disk is for a machine booted with swap= on three disks
 * (tests/test_swap.py): the areas read from real mkswap headers are
 * used by priority, and the two of equal priority in turn, each in
 * clusters of consecutive slots.  Suite swapon runs swapon_path and
 * swapoff_path on the block layer's memory disk, ktda: whole disk and
 * partitions, errors, claims, and no write reaching the disk.  The
 * helpers that make areas are shared with mm/test_swap_cache.c
 * (mm/ktest_swap.h).
 * Locking: the areas are this test's; it reads their fields unlocked
 * (nothing else allocates swap here).
 */
#include "drivers/block/test_memdisk.h"
#include "fs/seq_file.h"
#include "kernel/debug/ktest.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/ktest_swap.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swapfile.h"

/* A header page as mkswap makes it for a device of pages pages, with
 * the nbad bad pages listed in bad.  kfree it. */
static union swap_header *make_header(unsigned long pages, const u32 *bad, u32 nbad)
{
	union swap_header *hdr = kmalloc(sizeof(*hdr), GFP_KERNEL);

	if (!hdr)
		return NULL;
	memset(hdr, 0, sizeof(*hdr));
	memcpy(hdr->magic.magic, SWAP_MAGIC, 10);
	hdr->info.version = 1;
	hdr->info.last_page = (u32)pages - 1;
	hdr->info.nr_badpages = nbad;
	for (u32 i = 0; i < nbad; i++)
		hdr->info.badpages[i] = bad[i];
	return hdr;
}

/* An area of pages slots (bad pages listed in bad) with priority prio
 * (automatic if prio < 0), or NULL (the test failed). */
struct swap_info_struct *make_area(unsigned long pages, const u32 *bad, u32 nbad, int prio)
{
	union swap_header *hdr = make_header(pages, bad, nbad);
	struct swap_info_struct *si;
	int err = 0;

	KEXPECT(hdr);
	if (!hdr)
		return NULL;
	si = swap_area_setup(hdr, pages, "/dev/ktest", prio >= 0, prio, &err);
	kfree(hdr);
	KEXPECT_EQ(err, 0);
	return si;
}

/* No area may be on when an allocation test starts. */
bool no_areas_on(void)
{
	if (total_swap_pages) {
		ktest_skip("swap areas are on (this suite makes its own)");
		return false;
	}
	return true;
}

/* make_area's area when no other is on; else NULL, and the test fails:
 * the area on is an earlier test's that could not be removed because
 * its slots were not all given back - a skip would hide that. */
struct swap_info_struct *own_area(unsigned long pages, const u32 *bad, u32 nbad, int prio)
{
	KEXPECT_EQ(total_swap_pages, 0);
	return total_swap_pages ? NULL : make_area(pages, bad, nbad, prio);
}

/* Free every slot of si that get_swap_page handed out (count 1). */
static void free_all_slots(struct swap_info_struct *si)
{
	for (unsigned int off = 1; off < si->max; off++)
		if (si->swap_map[off] && si->swap_map[off] != SWAP_MAP_BAD)
			swap_free(swp_entry((unsigned long)type_of(si), off));
}

/* Take n slots; how many came from si. */
static unsigned long take_slots(const struct swap_info_struct *si, int n)
{
	unsigned long from_si = 0;

	for (int i = 0; i < n; i++) {
		swp_entry_t e = get_swap_page();

		from_si += e.val && swp_type(e) == (unsigned int)type_of(si);
	}
	return from_si;
}

/* Free the slots the test left in use and take si away. */
void remove_area(struct swap_info_struct *si)
{
	if (!si)
		return;
	free_all_slots(si);
	KEXPECT_EQ(swap_area_remove(si), 0);
}

static void remove_areas(struct swap_info_struct **si, int n)
{
	for (int i = 0; i < n; i++)
		remove_area(si[i]);
}

KTEST(swapfile, entry_round_trips_for_every_type)
{
	static const unsigned long offsets[] = { 1, 2, 255, 256, 0x12345, 0x800000, SWP_OFFSET_MAX };

	for (unsigned long type = 0; type < MAX_SWAPFILES; type++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(offsets); i++) {
			swp_entry_t e = swp_entry(type, offsets[i]);
			pte_t pte = swp_entry_to_pte(e);

			KEXPECT_EQ(swp_type(e), type);
			KEXPECT_EQ(swp_offset(e), offsets[i]);
			KEXPECT(is_swap_pte(pte));
			KEXPECT(!pte_none(pte) && !pte_present(pte));
			KEXPECT_EQ(pte_val(pte) & (_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_PROTNONE), 0);
			KEXPECT_EQ(pte_to_swp_entry(pte).val, e.val);
		}
	}
}

KTEST(swapfile, pte_none_and_prot_none_are_not_swap_entries)
{
	pte_t mapped = pfn_pte(0x1234, __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_RW));
	pte_t protnone = pte_mkprotnone(mapped);

	KEXPECT(!is_swap_pte(__pte(0)));
	KEXPECT(!is_swap_pte(mapped));
	KEXPECT(!is_swap_pte(protnone));
	/* and a swap pte is not mistaken for either */
	KEXPECT(!(pte_val(swp_entry_to_pte(swp_entry(MAX_SWAPFILES - 1, SWP_OFFSET_MAX))) &
		  _PAGE_PROTNONE));
}

/* hdr is refused for a device of dev_pages: -EINVAL, no area left on. */
static void expect_refused(union swap_header *hdr, unsigned long dev_pages)
{
	long total = total_swap_pages;
	int err = 0;

	KEXPECT(!swap_area_setup(hdr, dev_pages, "/dev/ktest-bad", false, 0, &err));
	KEXPECT_EQ(err, -EINVAL);
	KEXPECT_EQ(total_swap_pages, total);
}

KTEST(swapfile, bad_headers_are_refused)
{
	u32 bad_zero = 0, bad_far = 64;
	union swap_header *hdr = make_header(64, NULL, 0);

	KEXPECT(hdr);
	if (!hdr)
		return;
	memcpy(hdr->magic.magic, "SWAPSPACE3", 10);
	expect_refused(hdr, 64);                /* no signature */
	memcpy(hdr->magic.magic, SWAP_MAGIC_OLD, 10);
	expect_refused(hdr, 64);                /* version 0 */
	memcpy(hdr->magic.magic, SWAP_MAGIC, 10);
	hdr->info.version = 2;
	expect_refused(hdr, 64);
	hdr->info.version = 0x01000000;         /* 1, byte-swapped */
	expect_refused(hdr, 64);
	hdr->info.version = 1;
	expect_refused(hdr, 63);                /* last_page 63 on a 63-page device */
	hdr->info.last_page = 0;
	expect_refused(hdr, 64);                /* empty */
	hdr->info.last_page = 63;
	hdr->info.nr_badpages = MAX_SWAP_BADPAGES + 1;
	expect_refused(hdr, 64);
	hdr->info.nr_badpages = 1;
	hdr->info.badpages[0] = bad_zero;       /* the header itself */
	expect_refused(hdr, 64);
	hdr->info.badpages[0] = bad_far;        /* beyond last_page */
	expect_refused(hdr, 64);
	hdr->info.last_page = 1;
	hdr->info.badpages[0] = 1;              /* the one slot is bad */
	expect_refused(hdr, 64);
	kfree(hdr);
}

KTEST(swapfile, good_header_sizes_the_area)
{
	static const u32 bad[] = { 7, 100, 100, 199 };  /* 100 twice: counted once */
	struct swap_info_struct *si;

	si = own_area(200, bad, ARRAY_SIZE(bad), 3);
	if (!si)
		return;
	KEXPECT_EQ(si->max, 200);
	KEXPECT_EQ(si->pages, 200 - 1 - 3);
	KEXPECT_EQ(si->swap_map[0], SWAP_MAP_BAD);
	KEXPECT_EQ(si->swap_map[7], SWAP_MAP_BAD);
	KEXPECT_EQ(si->swap_map[199], SWAP_MAP_BAD);
	KEXPECT_EQ(si->lowest_bit, 1);
	KEXPECT_EQ(si->prio, 3);
	KEXPECT_EQ(total_swap_pages, si->pages);
	KEXPECT_EQ(nr_swap_pages, si->pages);
	remove_area(si);
	KEXPECT_EQ(total_swap_pages, 0);
	KEXPECT_EQ(nr_swap_pages, 0);
}

KTEST(swapfile, a_cluster_gives_contiguous_slots)
{
	struct swap_info_struct *si;
	unsigned long off;
	bool in_order = true;

	si = own_area(2048, NULL, 0, 0);
	if (!si)
		return;
	for (unsigned long want = 1; want <= 512; want++) {
		off = swp_offset(get_swap_page());
		in_order &= off == want;
	}
	KEXPECT(in_order);
	/* A hole of 100 is not a cluster: the next starts after slot 512. */
	for (off = 100; off < 200; off++)
		swap_free(swp_entry((unsigned long)type_of(si), off));
	KEXPECT_EQ(si->lowest_bit, 100);
	for (unsigned long want = 513; want <= 768; want++) {
		off = swp_offset(get_swap_page());
		in_order &= off == want;
	}
	KEXPECT(in_order);
	KEXPECT_EQ(si->lowest_bit, 100);
	remove_area(si);
}

KTEST(swapfile, a_cluster_goes_on_though_a_free_run_opens_below)
{
	struct swap_info_struct *si;

	si = own_area(2048, NULL, 0, 0);
	if (!si)
		return;
	KEXPECT_EQ(take_slots(si, 300), 300);   /* 1..300: the second cluster has 212 left */
	for (unsigned long off = 1; off <= 256; off++)
		swap_free(swp_entry((unsigned long)type_of(si), off));
	KEXPECT_EQ(si->lowest_bit, 1);
	KEXPECT_EQ(swp_offset(get_swap_page()), 301);
	remove_area(si);
}

KTEST(swapfile, a_fragmented_area_takes_the_lowest_free_slot)
{
	struct swap_info_struct *si;
	unsigned int type;
	unsigned long off, n = 0;

	si = own_area(1025, NULL, 0, 0);       /* four clusters exactly */
	if (!si)
		return;
	type = (unsigned int)type_of(si);
	KEXPECT_EQ(take_slots(si, 1024), 1024);
	KEXPECT_EQ(si->highest_bit, 0);         /* full */
	/* 300 free slots in holes of 100: no run of 256 anywhere. */
	for (unsigned long hole = 100; hole < 600; hole += 200)
		for (off = hole; off < hole + 100; off++)
			swap_free(swp_entry(type, off));
	KEXPECT_EQ(si->lowest_bit, 100);
	KEXPECT_EQ(si->highest_bit, 599);
	for (unsigned long hole = 100; hole < 600; hole += 200)
		for (off = hole; off < hole + 100; off++)
			n += swp_offset(get_swap_page()) == off;
	KEXPECT_EQ(n, 300);
	KEXPECT_EQ(si->highest_bit, 0);
	remove_area(si);
}

KTEST(swapfile, bad_pages_are_never_handed_out)
{
	static const u32 bad[] = { 1, 5, 256, 257, 511 };
	struct swap_info_struct *si;
	unsigned long off, got = 0;
	bool ok = true;

	si = own_area(512, bad, ARRAY_SIZE(bad), 0);
	if (!si)
		return;
	while ((off = swp_offset(get_swap_page())) != 0) {
		ok &= si->swap_map[off] == 1;
		for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
			ok &= off != bad[i];
		got++;
	}
	KEXPECT(ok);
	KEXPECT_EQ(got, 512 - 1 - ARRAY_SIZE(bad));
	KEXPECT_EQ(si->inuse_pages, si->pages);
	KEXPECT_EQ(nr_swap_pages, 0);
	KEXPECT_EQ(si->highest_bit, 0);
	KEXPECT_EQ(si->lowest_bit, si->max);
	/* A slot freed in a full area is the next one handed out. */
	swap_free(swp_entry((unsigned long)type_of(si), 300));
	KEXPECT_EQ(si->lowest_bit, 300);
	KEXPECT_EQ(si->highest_bit, 300);
	KEXPECT_EQ(get_swap_page().val, swp_entry((unsigned long)type_of(si), 300).val);
	remove_area(si);
}

/* n areas, area i of pages[i] slots with priority prio[i], in si[]:
 * true, or false with none left. */
static bool make_areas(struct swap_info_struct **si, int n, const unsigned long *pages,
		       const int *prio)
{
	bool all = true;

	for (int i = 0; i < n; i++) {
		si[i] = make_area(pages[i], NULL, 0, prio[i]);
		all &= si[i] != NULL;
	}
	if (!all)
		remove_areas(si, n);
	return all;
}

KTEST(swapfile, higher_priority_first_then_the_next)
{
	struct swap_info_struct *si[2];         /* low, high */

	if (!no_areas_on() || !make_areas(si, 2, (const unsigned long[]){ 100, 50 },
						 (const int[]){ 1, 7 }))
		return;
	KEXPECT_EQ(take_slots(si[1], 49), 49);
	KEXPECT_EQ(take_slots(si[0], 99), 99);
	KEXPECT_EQ(get_swap_page().val, 0);     /* both full */
	/* A slot freed in the higher area is used before any other. */
	swap_free(swp_entry((unsigned long)type_of(si[0]), 10));
	swap_free(swp_entry((unsigned long)type_of(si[1]), 20));
	KEXPECT_EQ(get_swap_page().val, swp_entry((unsigned long)type_of(si[1]), 20).val);
	remove_areas(si, 2);
}

KTEST(swapfile, equal_priorities_take_turns_until_one_is_full)
{
	struct swap_info_struct *si[3];
	unsigned int first, second, a, b;
	int turns_ok = 1;

	if (!no_areas_on() || !make_areas(si, 3, (const unsigned long[]){ 300, 150, 300 },
						 (const int[]){ 4, 4, 2 }))
		return;
	a = (unsigned int)type_of(si[0]);
	b = (unsigned int)type_of(si[1]);
	first = swp_type(get_swap_page());
	KEXPECT(first == a || first == b);
	second = first == a ? b : a;
	for (int i = 1; i < 200; i++)
		turns_ok &= swp_type(get_swap_page()) == (i % 2 ? second : first);
	KEXPECT(turns_ok);
	KEXPECT_EQ(si[0]->inuse_pages, 100);
	KEXPECT_EQ(si[1]->inuse_pages, 100);
	KEXPECT_EQ(si[2]->inuse_pages, 0);
	/* each area's slots still come in a row */
	KEXPECT_EQ(si[0]->cluster_next, 101);
	KEXPECT_EQ(si[1]->cluster_next, 101);
	/* Turns until the smaller is full (49 more each), then the other. */
	KEXPECT_EQ(take_slots(si[0], 149), 100);
	KEXPECT_EQ(si[1]->inuse_pages, 149);
	KEXPECT_EQ(si[2]->inuse_pages, 0);
	remove_areas(si, 3);
}

KTEST(swapfile, counts_and_frees)
{
	struct swap_info_struct *si;
	swp_entry_t e, unused;
	unsigned int type;

	si = own_area(64, NULL, 0, 0);
	if (!si)
		return;
	type = (unsigned int)type_of(si);
	e = get_swap_page();
	KEXPECT(e.val);
	if (!e.val) {           /* else the area goes at the -EBUSY check */
		remove_area(si);
		return;
	}
	KEXPECT_EQ(swap_duplicate(e), 1);
	KEXPECT_EQ(swap_duplicate(e), 1);
	KEXPECT_EQ(si->swap_map[swp_offset(e)], 3);
	swap_free(e);
	swap_free(e);
	KEXPECT_EQ(si->swap_map[swp_offset(e)], 1);
	KEXPECT_EQ(si->inuse_pages, 1);
	KEXPECT_EQ(swap_area_remove(si), -EBUSY);       /* a slot in use */
	KEXPECT(si->flags & SWP_WRITEOK);
	swap_free(e);
	KEXPECT_EQ(si->swap_map[swp_offset(e)], 0);
	KEXPECT_EQ(si->inuse_pages, 0);
	KEXPECT_EQ(nr_swap_pages, si->pages);
	/* Mistakes are reported and change nothing. */
	unused = swp_entry(type, 10);
	KEXPECT_EQ(swap_duplicate(unused), 0);
	swap_free(unused);
	swap_free(swp_entry(type, 0));                  /* the header */
	swap_free(swp_entry(type, 64));                 /* past the end */
	KEXPECT_EQ(swap_duplicate(swp_entry((type + 1) % MAX_SWAPFILES, 1)), 0);
	KEXPECT_EQ(si->inuse_pages, 0);
	KEXPECT_EQ(nr_swap_pages, si->pages);
	remove_area(si);
}

KTEST(swapfile, a_count_saturates_and_the_slot_stays_used)
{
	struct swap_info_struct *si;
	swp_entry_t e;
	unsigned short *count;

	si = own_area(16, NULL, 0, 0);
	if (!si)
		return;
	e = get_swap_page();
	KEXPECT(e.val);
	if (!e.val) {           /* else 65000 reports of a bad entry */
		remove_area(si);
		return;
	}
	count = &si->swap_map[swp_offset(e)];
	for (int i = 0; i < SWAP_MAP_MAX + 10; i++)
		swap_duplicate(e);
	KEXPECT_EQ(*count, SWAP_MAP_MAX);
	for (int i = 0; i < SWAP_MAP_MAX + 10; i++)
		swap_free(e);
	KEXPECT_EQ(*count, SWAP_MAP_MAX);
	KEXPECT_EQ(si->inuse_pages, 1);
	if (*count == SWAP_MAP_MAX)
		*count = 1;     /* the test's own area: remove_area lets it go */
	remove_area(si);
}

KTEST(swapfile, automatic_priorities_count_down_and_close_up)
{
	struct swap_info_struct *a, *b;

	if (!no_areas_on())
		return;
	a = make_area(16, NULL, 0, -1);
	b = make_area(16, NULL, 0, -1);
	if (!a || !b)
		goto out;
	KEXPECT_EQ(a->prio, -1);
	KEXPECT_EQ(b->prio, -2);
	remove_area(a);
	a = NULL;
	KEXPECT_EQ(b->prio, -1);
	a = make_area(16, NULL, 0, -1);
	KEXPECT(a && a->prio == -2);
out:
	remove_area(b);
	remove_area(a);
}

KTEST(swapfile, a_33rd_area_is_eperm)
{
	struct swap_info_struct *si[MAX_SWAPFILES];
	union swap_header *hdr = make_header(16, NULL, 0);
	int n = 0, err = 0;

	KEXPECT(hdr);
	if (!hdr || !no_areas_on())
		goto out;
	while (n < MAX_SWAPFILES && (si[n] = swap_area_setup(hdr, 16, "/dev/ktest", true, 1, &err)))
		n++;
	KEXPECT_EQ(n, MAX_SWAPFILES);
	KEXPECT(!swap_area_setup(hdr, 16, "/dev/ktest", true, 1, &err));
	KEXPECT_EQ(err, -EPERM);
	remove_areas(si, n);
out:
	kfree(hdr);
}

KTEST(swapfile, proc_swaps_has_linux_columns)
{
	struct swap_info_struct *si;
	char *text;
	size_t len;

	si = own_area(1024, NULL, 0, 3);
	if (!si)
		return;
	get_swap_page();
	text = seq_render(swaps_show, NULL, &len);
	KEXPECT_STREQ(text, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
			    "/dev/ktest                              partition\t4092\t\t4\t\t3\n");
	kfree(text);
	remove_area(si);
}

/* ---- suite swap_disk: the areas swap= turned on from real disks ---- */

/* The area that is on under name, or NULL. */
struct swap_info_struct *area_named(const char *name)
{
	for (int type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_WRITEOK) && !strcmp(swap_info[type].name, name))
			return &swap_info[type];
	return NULL;
}

/* Take every slot of si (the highest priority): all must come from it,
 * none twice, none bad. */
static void drain_top_area(struct swap_info_struct *si)
{
	unsigned long good = 0;

	for (unsigned int i = 0; i < si->pages; i++) {
		swp_entry_t e = get_swap_page();

		good += swp_type(e) == (unsigned int)type_of(si) && si->swap_map[swp_offset(e)] == 1;
	}
	KEXPECT_EQ(good, si->pages);
	KEXPECT_EQ(si->inuse_pages, si->pages);
}

KTEST(swap_disk, boot_areas_go_by_priority_then_take_turns_in_clusters)
{
	struct swap_info_struct *a = area_named("/dev/hda"), *b = area_named("/dev/hdb");
	struct swap_info_struct *top = area_named("/dev/hdc");
	unsigned long in_turn = 0, n;
	unsigned int prev = MAX_SWAPFILES;

	if (!a || !b || !top || a->prio != b->prio || top->prio <= a->prio) {
		ktest_skip("boot with swap=/dev/hda,P swap=/dev/hdb,P swap=/dev/hdc,Q, Q > P");
		return;
	}
	drain_top_area(top);
	/* Then hda and hdb in turn, each filling its slots in a row. */
	n = 2 * (a->pages < b->pages ? a->pages : b->pages);
	for (unsigned long i = 0; i < n; i++) {
		swp_entry_t e = get_swap_page();
		unsigned int type = swp_type(e);

		in_turn += (type == (unsigned int)type_of(a) || type == (unsigned int)type_of(b)) &&
			   type != prev && swp_offset(e) == i / 2 + 1;
		prev = type;
	}
	KEXPECT_EQ(in_turn, n);
	KEXPECT_EQ(a->inuse_pages, n / 2);
	KEXPECT_EQ(b->inuse_pages, n / 2);
	free_all_slots(a);
	free_all_slots(b);
	free_all_slots(top);
	KEXPECT_EQ(nr_swap_pages, total_swap_pages);
}

/* ---- suite swapon: swapon and swapoff on the block layer's memory disk ---- */

/* The memory disk idle (the last request accounted and given back) and
 * its request log empty. */
void fresh_log(void)
{
	KEXPECT(memdisk_wait_idle());
	memdisk_reset();
}

/* ktda (drivers/block/test_memdisk.c) ready, with no area on anywhere;
 * false (the test skipped or failed) if not. */
bool memdisk_ready(void)
{
	if (!no_areas_on())
		return false;
	KEXPECT_EQ(memdisk_init(), 0);
	if (!md.disk)
		return false;
	fresh_log();
	return true;
}

/* mkswap's header for pages pages, written at sector of the whole disk. */
static void write_header(sector_t sector, unsigned long pages)
{
	union swap_header *hdr = make_header(pages, NULL, 0);
	struct page *page = alloc_page(GFP_KERNEL);

	KEXPECT(hdr && page);
	if (hdr && page) {
		memcpy(page_address(page), hdr, PAGE_SIZE);
		KEXPECT_EQ(bdev_write_page(md.whole, sector, page), 0);
	}
	kfree(hdr);
	if (page)
		__free_page(page);
}

/* No partition table: sector 0 holds the area's header (or nothing). */
void whole_disk_area(bool good)
{
	struct page *zero = alloc_page(GFP_KERNEL | __GFP_ZERO);

	KEXPECT(zero);
	if (zero) {
		KEXPECT_EQ(bdev_write_page(md.whole, 0, zero), 0);
		__free_page(zero);
	}
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	if (good)
		write_header(0, MEMDISK_PAGES);
}

void set_fail_sector(sector_t sector)
{
	unsigned long flags;

	spin_lock_irqsave(&md.lock, flags);
	md.fail_sector = sector;
	spin_unlock_irqrestore(&md.lock, flags);
}

/* Did ktda write anything since the last memdisk_reset? */
static bool memdisk_wrote(void)
{
	bool wrote = false;

	for (unsigned int i = 0; i < md.nr_log; i++)
		wrote |= md.log[i].dir == WRITE;
	return wrote;
}

KTEST(swapon, whole_disk_on_busy_off_and_nothing_written)
{
	struct swap_info_struct *si;

	if (!memdisk_ready())
		return;
	whole_disk_area(true);
	fresh_log();
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), 0);
	si = area_named("/dev/ktda");
	KEXPECT(si && si->pages == MEMDISK_PAGES - 1 && si->prio == -1);
	KEXPECT_EQ(total_swap_pages, MEMDISK_PAGES - 1);
	KEXPECT_EQ(swapon_path("/dev/ktda", true, 3), -EBUSY);
	KEXPECT_EQ(swapoff_path("/dev/nothing"), -ENOENT);
	KEXPECT_EQ(swapoff_path("/dev/null"), -EINVAL);
	KEXPECT_EQ(swapoff_path("/dev/ktda"), 0);
	KEXPECT_EQ(swapoff_path("/dev/ktda"), -EINVAL);
	KEXPECT_EQ(total_swap_pages, 0);
	KEXPECT(!memdisk_wrote());
}

KTEST(swapon, bad_header_and_io_error_refused_and_nothing_written)
{
	if (!memdisk_ready())
		return;
	whole_disk_area(false);
	fresh_log();
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), -EINVAL);        /* no signature */
	write_header(0, MEMDISK_PAGES + 1);                             /* past the end */
	fresh_log();
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), -EINVAL);
	KEXPECT(!memdisk_wrote());
	write_header(0, MEMDISK_PAGES);
	fresh_log();
	set_fail_sector(3);
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), -EIO);
	fresh_log();
	KEXPECT_EQ(total_swap_pages, 0);
	KEXPECT_EQ(swapon_path("/dev/null", false, 0), -ENOTBLK);
	KEXPECT_EQ(swapon_path("/dev/nothing", false, 0), -ENOENT);
}

KTEST(swapon, partitions_of_type_82_only_and_claims_nest)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	u8 *mbr;

	KEXPECT(page);
	if (!page || !memdisk_ready())
		goto out;
	/* ktda1: type 82 from sector 64, 1000 sectors; ktda2: type 83 from 1100. */
	mbr = page_address(page);
	mbr[446 + 4] = 0x82;
	memcpy(mbr + 446 + 8, &(u32[]){ 64, 1000 }, 8);
	mbr[462 + 4] = 0x83;
	memcpy(mbr + 462 + 8, &(u32[]){ 1100, 900 }, 8);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	KEXPECT_EQ(bdev_write_page(md.whole, 0, page), 0);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);
	write_header(64, 1000 / PAGE_SECTORS);
	write_header(1100, 900 / PAGE_SECTORS);
	KEXPECT_EQ(swapon_path("/dev/ktda2", false, 0), -EINVAL);       /* type 83 */
	KEXPECT_EQ(swapon_path("/dev/ktda1", true, 9), 0);
	KEXPECT_EQ(total_swap_pages, 1000 / PAGE_SECTORS - 1);
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), -EBUSY);         /* its disk */
	KEXPECT_EQ(swapoff_path("/dev/ktda1"), 0);
	KEXPECT_EQ(rescan_partitions(md.disk), 0);                      /* nothing held */
out:
	if (page)
		__free_page(page);
}

/* A count that no pte, shmem object or swap-cache page accounts for: a
 * pass of try_to_unuse frees nothing, so swapoff gives up (-EBUSY) and
 * the area stays on. */
KTEST(swapon, swapoff_of_a_slot_nobody_can_give_back_is_ebusy)
{
	swp_entry_t e;

	if (!memdisk_ready())
		return;
	whole_disk_area(true);
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), 0);
	e = get_swap_page();
	KEXPECT_EQ(swp_offset(e), 1);
	KEXPECT_EQ(swapoff_path("/dev/ktda"), -EBUSY);
	KEXPECT(area_named("/dev/ktda"));
	swap_free(e);
	KEXPECT_EQ(swapoff_path("/dev/ktda"), 0);
}

bool ktda_swap_on(void)
{
	if (!memdisk_ready())
		return false;
	whole_disk_area(true);
	fresh_log();
	KEXPECT_EQ(swapon_path("/dev/ktda", false, 0), 0);
	return area_named("/dev/ktda") != NULL;
}

void ktda_swap_off(void)
{
	fresh_log();
	KEXPECT_EQ(swapoff_path("/dev/ktda"), 0);
}
