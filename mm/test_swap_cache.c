/*
 * mm/test_swap_cache.c - ktests for the swap cache (mm/swap_state.c)
 * and swap I/O (mm/page_io.c).
 *
 * On an area without a disk: add_to_swap, lookup, delete and
 * free_swap_and_cache with the slot counts they leave, a full area, and
 * can_share_swap_page.  On the block layer's memory disk ktda (swapon'd
 * whole): a page written by swap_writepage and read back into a new page
 * by read_swap_cache_async (bytes compared, the sectors checked in ktda's
 * log), several threads swapping one entry in at once getting one page,
 * a read or write error leaving PG_error, readahead reading the
 * cluster around a slot and stopping at a free one, and a wait on a
 * swap page's I/O unplugging the disk and counting as blocked on I/O.
 *
 * A slot that a test keeps "swapped out" holds a count of its own (as a
 * swap pte would) taken with swap_duplicate.  Locking: the areas and
 * pages are the test's; each page is locked where the interface says.
 */
#include "drivers/block/test_memdisk.h"
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/timer.h"
#include "lib/errno.h"
#include "mm/highmem.h"
#include "mm/ktest_swap.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"

static swp_entry_t entry_of(const struct page *page)
{
	return (swp_entry_t){ page->private };
}

/* Fill page with bytes that depend on seed; does it still hold them? */
static void fill_page(struct page *page, u32 seed)
{
	u32 *p = kmap(page);

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = seed * 2654435761u + i;
	kunmap(page);
}

static bool page_holds(struct page *page, u32 seed)
{
	u32 *p = kmap(page);
	bool same = true;

	for (unsigned int i = 0; i < PAGE_SIZE / 4; i++)
		same &= p[i] == seed * 2654435761u + i;
	kunmap(page);
	return same;
}

/* A new page, locked, in the swap cache under a fresh slot (NULL: the
 * test failed). */
static struct page *new_swap_page(u32 seed)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	KEXPECT(page);
	if (!page)
		return NULL;
	fill_page(page, seed);
	lock_page(page);
	KEXPECT(add_to_swap(page));
	if (PageSwapCache(page))
		return page;
	unlock_page(page);
	put_page(page);
	return NULL;
}

KTEST(swap_cache, add_lookup_delete_round_trip_with_slot_counts)
{
	struct swap_info_struct *si = no_areas_on() ? make_area(16, NULL, 0, 0) : NULL;
	unsigned long cached = total_swapcache_pages;
	struct page *page, *other;
	swp_entry_t e;

	if (!si)
		return;
	page = new_swap_page(1);
	if (!page)
		goto out;
	e = entry_of(page);
	KEXPECT(PageDirty(page) && !page->mapping);
	KEXPECT_EQ(swap_count(e), 1);           /* the cache's */
	KEXPECT_EQ(page_count(page), 2);        /* ours and the cache's */
	KEXPECT_EQ(total_swapcache_pages, cached + 1);
	KEXPECT(lookup_swap_cache(e) == page);
	KEXPECT_EQ(page_count(page), 3);
	put_page(page);
	KEXPECT(swap_duplicate(e));             /* a swap pte's count */
	delete_from_swap_cache(page);
	KEXPECT(!PageSwapCache(page) && page->private == 0 && page_count(page) == 1);
	KEXPECT_EQ(swap_count(e), 1);
	KEXPECT(!lookup_swap_cache(e));
	/* Back in, as a swap-in adds a page; a second page for it loses. */
	KEXPECT_EQ(add_to_swap_cache(page, e), 0);
	KEXPECT_EQ(swap_count(e), 2);
	other = alloc_page(GFP_KERNEL);
	if (other) {
		lock_page(other);
		KEXPECT_EQ(add_to_swap_cache(other, e), -EEXIST);
		KEXPECT_EQ(add_to_swap_cache(other, swp_entry(swp_type(e), 9)), -ENOENT);
		KEXPECT(!PageSwapCache(other));
		unlock_page(other);
		put_page(other);
	}
	KEXPECT_EQ(swap_count(e), 2);
	/* The pte is zapped while only the cache holds the page: both go. */
	unlock_page(page);
	put_page(page);
	free_swap_and_cache(e);
	KEXPECT_EQ(swap_count(e), 0);
	KEXPECT(!lookup_swap_cache(e));
	KEXPECT_EQ(total_swapcache_pages, cached);
out:
	remove_area(si);
}

KTEST(swap_cache, a_full_area_makes_add_to_swap_fail_cleanly)
{
	struct swap_info_struct *si = no_areas_on() ? make_area(4, NULL, 0, 0) : NULL;
	struct page *pages[3], *page;
	unsigned long cached = total_swapcache_pages;

	if (!si)
		return;
	for (int i = 0; i < 3; i++)
		pages[i] = new_swap_page((u32)i);
	page = alloc_page(GFP_KERNEL);
	KEXPECT(page);
	if (page) {
		lock_page(page);
		KEXPECT(!add_to_swap(page));    /* slots 1..3 taken */
		KEXPECT(!PageSwapCache(page) && !PageDirty(page) && page_count(page) == 1);
		unlock_page(page);
		put_page(page);
	}
	KEXPECT_EQ(total_swapcache_pages, cached + 3);
	for (int i = 0; i < 3; i++) {
		if (!pages[i])
			continue;
		delete_from_swap_cache(pages[i]);
		unlock_page(pages[i]);
		put_page(pages[i]);
	}
	KEXPECT_EQ(si->inuse_pages, 0);
	remove_area(si);
}

KTEST(swap_cache, only_the_last_user_may_share_a_swap_page)
{
	struct swap_info_struct *si = no_areas_on() ? make_area(8, NULL, 0, 0) : NULL;
	struct page *page;

	if (!si)
		return;
	page = new_swap_page(7);
	if (!page)
		goto out;
	KEXPECT(can_share_swap_page(page));     /* the cache's and ours */
	KEXPECT(swap_duplicate(entry_of(page)));
	KEXPECT(!can_share_swap_page(page));    /* another pte on the slot */
	swap_free(entry_of(page));
	get_page(page);
	KEXPECT(!can_share_swap_page(page));    /* another reference */
	put_page(page);
	delete_from_swap_cache(page);
	KEXPECT(can_share_swap_page(page));
	unlock_page(page);
	put_page(page);
out:
	remove_area(si);
}

/* ---- on ktda ---- */

/* Write page (locked, in the cache) out and wait for the write. */
static void write_out(struct page *page)
{
	KEXPECT_EQ(swap_writepage(page), 0);
	wait_on_page_writeback(page);
	KEXPECT(!PageWriteback(page) && !PageLocked(page));
}

/* page's data is on its slot: keep the slot as a swap pte would, drop
 * the page from the cache, and return the entry.  The page is scribbled
 * on first: the swap-in's new page may well be the same frame. */
static swp_entry_t swap_out(struct page *page)
{
	swp_entry_t e = entry_of(page);

	fill_page(page, 0xdead);
	KEXPECT(swap_duplicate(e));
	lock_page(page);
	delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
	return e;
}

/* Take a swapped-in page back out of the cache, and the pte's count. */
static void forget(struct page *page, swp_entry_t e)
{
	lock_page(page);
	if (PageSwapCache(page))
		delete_from_swap_cache(page);
	unlock_page(page);
	put_page(page);
	swap_free(e);
}

/* Did ktda see a request of dir for slot off's eight sectors? */
static bool ktda_logged(int dir, unsigned long off)
{
	bool seen = false;

	for (unsigned int i = 0; i < md.nr_log; i++)
		seen |= md.log[i].dir == dir && md.log[i].sector <= off * PAGE_SECTORS &&
			md.log[i].sector + md.log[i].nr_sectors >= (off + 1) * PAGE_SECTORS;
	return seen;
}

KTEST(swap_cache, a_page_written_to_swap_reads_back_into_a_new_page)
{
	unsigned long out = vm_events[PSWPOUT], in = vm_events[PSWPIN];
	unsigned long kb_out = vm_events[PGPGOUT];
	struct page *page, *back;
	swp_entry_t e;

	if (!ktda_swap_on())
		return;
	page = new_swap_page(42);
	if (!page)
		goto off;
	e = entry_of(page);
	fresh_log();
	memdisk_set(&md.stalled, true);         /* the write waits in the queue */
	KEXPECT_EQ(swap_writepage(page), 0);
	KEXPECT(PageWriteback(page) && !PageDirty(page) && !PageLocked(page));
	memdisk_set(&md.stalled, false);
	wait_on_page_writeback(page);
	KEXPECT(!PageWriteback(page) && !PageError(page));
	KEXPECT(ktda_logged(WRITE, swp_offset(e)));
	KEXPECT_EQ(vm_events[PSWPOUT], out + 1);
	KEXPECT(vm_events[PGPGOUT] >= kb_out + PAGE_SIZE / 1024);
	swap_out(page);
	fresh_log();
	back = read_swap_cache_async(e);
	KEXPECT(back);
	if (!back)
		goto off;
	KEXPECT(PageSwapCache(back) && entry_of(back).val == e.val);
	wait_on_page_locked(back);
	KEXPECT(!PageError(back));
	KEXPECT(page_holds(back, 42));
	KEXPECT(ktda_logged(READ, swp_offset(e)));
	KEXPECT_EQ(vm_events[PSWPIN], in + 1);
	KEXPECT(lookup_swap_cache(e) == back);  /* a second swap-in finds it */
	put_page(back);
	forget(back, e);
off:
	ktda_swap_off();
}

struct swapin_race {
	swp_entry_t entry;
	struct completion go;
	struct page *got;
};

static int swapin_thread(void *arg)
{
	struct swapin_race *r = arg;

	wait_for_completion(&r->go);
	r->got = read_swap_cache_async(r->entry);
	if (r->got)
		wait_on_page_locked(r->got);
	return 0;
}

#define RACERS 4

KTEST(swap_cache, racing_swap_ins_of_one_entry_get_one_page)
{
	struct swapin_race r[RACERS];
	struct task_struct *t[RACERS];
	unsigned long cached, in;
	struct page *page;
	swp_entry_t e;

	if (!ktda_swap_on())
		return;
	page = new_swap_page(5);
	if (!page)
		goto off;
	write_out(page);
	e = swap_out(page);
	cached = total_swapcache_pages;
	in = vm_events[PSWPIN];
	for (int i = 0; i < RACERS; i++) {
		r[i].entry = e;
		r[i].got = NULL;
		init_completion(&r[i].go);
		t[i] = kthread_create(swapin_thread, &r[i], "swapin%d", i);
		KEXPECT(t[i]);
		if (t[i]) {
			kthread_bind(t[i], i % num_online_cpus());
			wake_up_process(t[i]);
		}
	}
	for (int i = 0; i < RACERS; i++)
		complete(&r[i].go);
	for (int i = 0; i < RACERS; i++)
		if (t[i])
			kthread_stop(t[i]);
	for (int i = 0; i < RACERS; i++)
		KEXPECT(r[i].got && r[i].got == r[0].got);
	KEXPECT_EQ(total_swapcache_pages, cached + 1);
	KEXPECT_EQ(vm_events[PSWPIN], in + 1);  /* read once */
	KEXPECT_EQ(swap_count(e), 2);           /* the pte's and the cache's */
	if (r[0].got)
		KEXPECT(page_holds(r[0].got, 5));
	for (int i = 1; i < RACERS; i++)
		if (r[i].got)
			put_page(r[i].got);
	if (r[0].got)
		forget(r[0].got, e);
off:
	ktda_swap_off();
}

/* Nobody unplugs ktda for a test's length but the waiters themselves. */
#define LONG_PLUG (60 * HZ)

static unsigned long total_iowait(void)
{
	unsigned long n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n += nr_iowait_on(cpu);
	return n;
}

static int writeback_waiter(void *arg)
{
	wait_on_page_writeback(arg);
	return 0;
}

/* A swap-in read or a swap-out write sits in a plugged queue until
 * somebody unplugs it: the one who waits for it must (sync_page), not
 * the unplug timer - a fault that waited for the timer read a hundred
 * pages a second.  And while one waits, it is blocked on I/O. */
KTEST(swap_cache, whoever_waits_on_swap_io_unplugs_the_disk_and_is_counted_blocked)
{
	unsigned long delay = md.q->unplug_delay, timer = md.q->unplugs_timer;
	struct task_struct *t;
	struct page *page, *back;
	swp_entry_t e;

	if (!ktda_swap_on())
		return;
	page = new_swap_page(11);
	if (!page)
		goto off;
	KEXPECT(memdisk_wait_idle());
	md.q->unplug_delay = LONG_PLUG;
	memdisk_set(&md.stalled, true);
	KEXPECT_EQ(swap_writepage(page), 0);
	KEXPECT(md.q->plugged);
	t = kthread_run(writeback_waiter, page, "wbwait");
	KEXPECT(t);
	for (int i = 0; i < 100 && !total_iowait(); i++)
		msleep(10);
	KEXPECT(total_iowait() >= 1);
	KEXPECT(!md.q->plugged);                /* the waiter let it go */
	memdisk_set(&md.stalled, false);
	if (t)
		kthread_stop(t);
	KEXPECT(!PageWriteback(page) && !PageError(page));
	e = swap_out(page);
	back = read_swap_cache_async(e);
	KEXPECT(back && md.q->plugged);
	if (back) {
		wait_on_page_locked(back);
		KEXPECT(!PageError(back) && page_holds(back, 11));
		forget(back, e);
	}
	KEXPECT_EQ(md.q->unplugs_timer, timer);
	md.q->unplug_delay = delay;
off:
	ktda_swap_off();
}

KTEST(swap_cache, an_io_error_leaves_pg_error)
{
	struct page *page, *back;
	swp_entry_t e;

	if (!ktda_swap_on())
		return;
	page = new_swap_page(9);
	if (!page)
		goto off;
	e = entry_of(page);
	set_fail_sector(swp_offset(e) * PAGE_SECTORS);
	write_out(page);
	KEXPECT(PageError(page) && PageDirty(page));    /* not saved: still dirty */
	fresh_log();
	lock_page(page);
	write_out(page);
	KEXPECT(!PageError(page) && !PageDirty(page));
	swap_out(page);
	set_fail_sector(swp_offset(e) * PAGE_SECTORS);
	back = read_swap_cache_async(e);
	KEXPECT(back);
	if (back) {
		wait_on_page_locked(back);
		KEXPECT(PageError(back));
		forget(back, e);
	}
off:
	ktda_swap_off();
}

#define RA_PAGES 10

KTEST(swap_cache, readahead_reads_the_aligned_cluster_up_to_a_free_slot)
{
	int saved_cluster = page_cluster;
	swp_entry_t e[RA_PAGES];
	unsigned long in;
	bool ok = true;

	if (!ktda_swap_on())
		return;
	page_cluster = 3;
	for (int i = 0; i < RA_PAGES && ok; i++) {
		struct page *page = new_swap_page((u32)i + 100);

		ok = page && swp_offset(entry_of(page)) == (unsigned long)i + 1;
		KEXPECT(ok);
		if (!page)
			break;
		write_out(page);
		e[i] = swap_out(page);
	}
	if (!ok)
		goto off;
	in = vm_events[PSWPIN];
	swapin_readahead(e[2]);                 /* slot 3: the cluster 0..7 */
	KEXPECT_EQ(vm_events[PSWPIN], in + 7);
	KEXPECT(!lookup_swap_cache(e[7]));      /* slot 8 is the next cluster */
	swapin_readahead(e[8]);                 /* slot 9: 8..10, 11 is free */
	KEXPECT_EQ(vm_events[PSWPIN], in + 10);
	for (int i = 0; i < RA_PAGES; i++) {
		struct page *page = lookup_swap_cache(e[i]);

		KEXPECT(page);
		if (!page)
			continue;
		wait_on_page_locked(page);
		KEXPECT(!PageError(page) && page_holds(page, (u32)i + 100));
		forget(page, e[i]);
	}
off:
	page_cluster = saved_cluster;
	ktda_swap_off();
}
