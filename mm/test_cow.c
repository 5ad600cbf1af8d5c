/*
 * mm/test_cow.c - ktests for copy-on-write (mm/memory.c): fork's copy of
 * the page tables (dup_mm, copy_page_range) shares each page of a private
 * writable area with the child, read-only in both; the first write of
 * either side faults and copies the page (do_wp_page) - unless the
 * writer is the page's last user, which takes the page over in place.
 *
 *   - parent and child write random words of random pages in a random
 *     order, the parent first (as it runs on after a real fork): each
 *     sees only its own writes and the words from before the fork;
 *   - after fork each page is one page with two references and two
 *     reverse-map entries, mapped read-only on both sides; a page written
 *     by either side becomes two pages of one user each, one page is
 *     gained per page written, and once both have exited every page and
 *     page table is free again;
 *   - the child copies what it writes; once it has exited, the parent's
 *     writes copy nothing: every page stays where it was;
 *   - a CPU that read the parent's pages before the parent's writes
 *     copied them reads the copies after: the old translations were shot
 *     down (with one CPU the reader shares the writer's, and this holds
 *     trivially).
 *
 * Randomised: "# seed N" is printed, ktest_seed=N replays a run.  The
 * words watched are a few per page, spread across it, each holding the
 * last random value the model says that side wrote.
 * Locking: the mms are the test's; it runs pinned to one CPU, so that
 * the pagevecs it drains (whose references would make a page look
 * shared) are the ones its faults filled.
 */
#include "kernel/arch/uaccess.h"
#include "kernel/debug/ktest.h"
#include "kernel/kthread.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "lib/errno.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/ktest_mm.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/vmstat.h"

#define RW (VM_READ | VM_WRITE)
#define NPAGES 24
#define WORDS 4                         /* watched per page */
#define STEPS 160
#define PARENT 0
#define CHILD 1

/* A parent, the child forked from it, and what each should read. */
struct family {
	struct mm_struct *mm[2];
	unsigned long addr;
	cpumask_t allowed;
	int cpu;                        /* the test's, pinned */
	u32 rng;
	u32 want[2][NPAGES][WORDS];
};

static const char *const side_name[2] = { "parent", "child" };

static u32 __user *word(const struct family *f, int page, int w)
{
	return (u32 __user *)(f->addr + (unsigned long)page * PAGE_SIZE +
			      (unsigned long)w * (PAGE_SIZE / WORDS));
}

/* Run in side's address space from now on. */
static void enter(struct family *f, int side)
{
	if (current->mm != f->mm[side])
		use_mm(f->mm[side]);
}

static void write_word(struct family *f, int side, int page, int w)
{
	u32 v = prandom_next(&f->rng);

	enter(f, side);
	KEXPECT_EQ(put_user(v, word(f, page, w)), 0);
	f->want[side][page][w] = v;
}

/* Does side read what it wrote (or what the parent wrote before the
 * fork) in every watched word?  The first difference is reported. */
static bool reads_own_words(struct family *f, int side)
{
	enter(f, side);
	for (int p = 0; p < NPAGES; p++) {
		for (int w = 0; w < WORDS; w++) {
			u32 v = 0;

			KEXPECT_EQ(get_user(v, word(f, p, w)), 0);
			if (v != f->want[side][p][w]) {
				ktest_fail(__FILE__, __LINE__,
					   "the %s reads %#x at page %d word %d, should read %#x",
					   side_name[side], v, p, w, f->want[side][p][w]);
				return false;
			}
		}
	}
	return true;
}

/* The parent with NPAGES written pages, and its fork; pinned to this
 * CPU until end_family.  false: no memory (reported). */
static bool start_family(struct family *f)
{
	f->cpu = get_cpu();
	put_cpu();
	f->allowed = current->cpus_allowed;
	set_cpus_allowed(current, cpumask_of_cpu(f->cpu));
	f->rng = ktest_random_seed();
	f->mm[CHILD] = NULL;
	f->mm[PARENT] = enter_new_mm();
	f->addr = (unsigned long)(f->mm[PARENT] ? do_mmap(f->mm[PARENT], 0,
				NPAGES * PAGE_SIZE, RW, NULL, 0) : -ENOMEM);
	KEXPECT(!IS_ERR_VALUE(f->addr));
	if (IS_ERR_VALUE(f->addr))
		return false;
	for (int p = 0; p < NPAGES; p++)
		for (int w = 0; w < WORDS; w++)
			write_word(f, PARENT, p, w);
	memcpy(f->want[CHILD], f->want[PARENT], sizeof(f->want[PARENT]));
	lru_add_drain();                /* the pagevec's references are nobody's use */
	f->mm[CHILD] = dup_mm(f->mm[PARENT]);
	KEXPECT(f->mm[CHILD] != NULL);
	return f->mm[CHILD] != NULL;
}

/* The child exits (back in the parent first: its mm is not in use then). */
static void child_exits(struct family *f)
{
	if (f->mm[PARENT])
		enter(f, PARENT);
	if (f->mm[CHILD])
		mmput(f->mm[CHILD]);
	f->mm[CHILD] = NULL;
}

static void end_family(struct family *f)
{
	child_exits(f);
	if (f->mm[PARENT])
		leave_mm(f->mm[PARENT]);
	set_cpus_allowed(current, f->allowed);
}

KTEST(cow, writes_after_fork_stay_private)
{
	static struct family f;

	if (!start_family(&f))
		goto out;
	for (int step = 0; step < STEPS; step++) {
		/* The parent runs on first, while the TLB still holds its
		 * translations of before the fork. */
		int side = step < NPAGES / 2 ? PARENT : (int)prandom_below(&f.rng, 2);

		write_word(&f, side, (int)prandom_below(&f.rng, NPAGES),
			   (int)prandom_below(&f.rng, WORDS));
		if (step % 40 == 39 && !(reads_own_words(&f, PARENT) && reads_own_words(&f, CHILD)))
			goto out;
	}
	child_exits(&f);
	reads_own_words(&f, PARENT);            /* the child's exit took none of its pages */
out:
	end_family(&f);
}

/* The page's references and reverse-map entries (the chain lock held,
 * as its checker wants), or a report of the difference. */
static bool page_users(struct page *page, int users, int p, const char *when)
{
	int count = page_count(page), mapped;

	pte_chain_lock(page);
	mapped = page_check_rmap(page);
	pte_chain_unlock(page);
	if (count == users && mapped == users)
		return true;
	ktest_fail(__FILE__, __LINE__, "%s: page %d has %d references and %d mappings, wanted %d",
		   when, p, count, mapped, users);
	return false;
}

/* Every page shared by the two: one page with a reference and a
 * reverse-map entry for each (pages[] records them). */
static bool shared_after_fork(struct family *f, struct page **pages)
{
	for (int p = 0; p < NPAGES; p++) {
		unsigned long a = (unsigned long)word(f, p, 0);

		pages[p] = user_page(f->mm[PARENT], a);
		if (!pages[p] || user_page(f->mm[CHILD], a) != pages[p]) {
			ktest_fail(__FILE__, __LINE__, "after fork the child maps %p at page %d, "
				   "the parent %p", (void *)user_page(f->mm[CHILD], a), p,
				   (void *)pages[p]);
			return false;
		}
		if (!page_users(pages[p], 2, p, "after fork"))
			return false;
	}
	return true;
}

/* Both sides' ptes read-only, so that either's first write faults. */
static bool read_only_after_fork(struct family *f)
{
	for (int p = 0; p < NPAGES; p++) {
		unsigned long a = (unsigned long)word(f, p, 0);

		for (int side = PARENT; side <= CHILD; side++) {
			if (pte_write(user_pte(f->mm[side], a))) {
				ktest_fail(__FILE__, __LINE__, "after fork page %d is writable by the %s",
					   p, side_name[side]);
				return false;
			}
		}
	}
	return true;
}

/* Each page written by nobody, the parent, the child or both (in a
 * random order); *written counts the pages written.  writers[p] is a
 * bit per side. */
static void write_some(struct family *f, int *writers, int *written)
{
	int order[2 * NPAGES], n = 0;

	*written = 0;
	for (int p = 0; p < NPAGES; p++) {
		writers[p] = (int)prandom_below(&f->rng, 4);
		*written += writers[p] != 0;
		for (int side = PARENT; side <= CHILD; side++)
			if (writers[p] & (1 << side))
				order[n++] = 2 * p + side;
	}
	for (int i = n - 1; i > 0; i--) {       /* shuffle */
		int j = (int)prandom_below(&f->rng, (u32)i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < n; i++)
		write_word(f, order[i] % 2, order[i] / 2, (int)prandom_below(&f->rng, WORDS));
	lru_add_drain();                /* the copies' pagevec references */
}

/* A page written by either side is two pages of one user each; the
 * others are still shared. */
static bool split_where_written(struct family *f, struct page **pages, const int *writers)
{
	for (int p = 0; p < NPAGES; p++) {
		unsigned long a = (unsigned long)word(f, p, 0);
		struct page *mine = user_page(f->mm[PARENT], a), *its = user_page(f->mm[CHILD], a);
		bool ok = writers[p] ? mine && its && mine != its &&
					       page_users(mine, 1, p, "written") &&
					       page_users(its, 1, p, "written")
				     : mine == pages[p] && its == pages[p] &&
					       page_users(mine, 2, p, "not written");

		if (!ok) {
			ktest_fail(__FILE__, __LINE__, "page %d (writers %d): parent %p, child %p, "
				   "before %p", p, writers[p], (void *)mine, (void *)its,
				   (void *)pages[p]);
			return false;
		}
	}
	return true;
}

KTEST(cow, shared_pages_are_counted_and_given_back)
{
	static struct family f;
	static struct page *pages[NPAGES];
	unsigned long free_before = settled_free_pages();
	unsigned long anon_before = global_page_state(NR_ANON_PAGES);
	int writers[NPAGES], written;

	if (!start_family(&f))
		goto out;
	reads_own_words(&f, CHILD);             /* the child runs first here */
	if (!shared_after_fork(&f, pages) || !read_only_after_fork(&f))
		goto out;
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before + NPAGES);    /* once each */
	write_some(&f, writers, &written);
	if (!split_where_written(&f, pages, writers))
		goto out;
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before + NPAGES + written);
	child_exits(&f);
	for (int p = 0; p < NPAGES; p++)
		if (!page_users(user_page(f.mm[PARENT], (unsigned long)word(&f, p, 0)), 1, p,
				"the child gone"))
			break;
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before + NPAGES);
out:
	end_family(&f);
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon_before);
	KEXPECT_EQ(settled_free_pages(), free_before);
}

KTEST(cow, the_last_user_takes_its_page_over)
{
	static struct family f;
	static struct page *pages[NPAGES];
	unsigned long anon;

	if (!start_family(&f))
		goto out;
	enter(&f, CHILD);                       /* the child runs first here */
	if (!shared_after_fork(&f, pages))
		goto out;
	for (int p = 0; p < NPAGES; p++)        /* about half the pages */
		if (prandom_below(&f.rng, 2))
			write_word(&f, CHILD, p, (int)prandom_below(&f.rng, WORDS));
	lru_add_drain();
	child_exits(&f);
	anon = global_page_state(NR_ANON_PAGES);
	for (int i = 0; i < 2 * NPAGES; i++)    /* every page, some twice */
		write_word(&f, PARENT, i < NPAGES ? i : (int)prandom_below(&f.rng, NPAGES),
			   (int)prandom_below(&f.rng, WORDS));
	for (int p = 0; p < NPAGES; p++) {
		struct page *now = user_page(f.mm[PARENT], (unsigned long)word(&f, p, 0));

		if (now != pages[p]) {
			ktest_fail(__FILE__, __LINE__, "the parent alone copied page %d: %p, was %p",
				   p, (void *)now, (void *)pages[p]);
			break;
		}
	}
	KEXPECT_EQ(global_page_state(NR_ANON_PAGES), anon);    /* no new page */
	reads_own_words(&f, PARENT);
out:
	end_family(&f);
}

/* A reader of the parent's words on another CPU (the same one when there
 * is only one): it reads every watched word, so its TLB holds the
 * parent's read-only translations of the shared pages; waits while the
 * parent writes (each write copies a page); then reads again and counts
 * the words that still show the old page. */
static struct {
	struct family *f;
	volatile int phase;             /* 1: the reader is warm; 2: the writes are done */
	int stale, page, word;          /* the first stale word's place */
	u32 got;
} shoot;

static int stale_reader(void *arg)
{
	struct family *f = shoot.f;
	u32 v = 0;

	(void)arg;
	use_mm(f->mm[PARENT]);
	for (int p = 0; p < NPAGES; p++)
		for (int w = 0; w < WORDS; w++)
			get_user(v, word(f, p, w));
	shoot.phase = 1;
	while (shoot.phase != 2)
		cpu_relax();
	for (int p = 0; p < NPAGES; p++) {
		for (int w = 0; w < WORDS; w++) {
			if (get_user(v, word(f, p, w)) || v == f->want[PARENT][p][w])
				continue;
			if (!shoot.stale++) {
				shoot.page = p;
				shoot.word = w;
				shoot.got = v;
			}
		}
	}
	unuse_mm(f->mm[PARENT]);
	return 0;
}

static void start_reader_and_write(struct family *f, struct page **pages)
{
	struct task_struct *t = kthread_create(stale_reader, NULL, "cow-reader");

	shoot.f = f;
	shoot.phase = 0;
	shoot.stale = 0;
	kthread_bind(t, (f->cpu + 1) % num_online_cpus());
	wake_up_process(t);
	for (int ms = 0; ms < 2000 && shoot.phase != 1; ms++)
		msleep(1);
	KEXPECT_EQ(shoot.phase, 1);
	for (int p = 0; p < NPAGES; p++)
		write_word(f, PARENT, p, (int)prandom_below(&f->rng, WORDS));
	barrier();
	shoot.phase = 2;
	kthread_stop(t);
	for (int p = 0; p < NPAGES; p++)
		KEXPECT(user_page(f->mm[PARENT], (unsigned long)word(f, p, 0)) != pages[p]);
}

KTEST(cow, every_cpu_sees_the_copy)
{
	static struct family f;
	static struct page *pages[NPAGES];

	if (!start_family(&f) || !shared_after_fork(&f, pages))
		goto out;
	enter(&f, CHILD);                       /* the child runs first here */
	start_reader_and_write(&f, pages);
	if (shoot.stale)
		ktest_fail(__FILE__, __LINE__, "another CPU read %#x at page %d word %d after the "
			   "copy, not %#x (%d stale words)", shoot.got, shoot.page, shoot.word,
			   f.want[PARENT][shoot.page][shoot.word], shoot.stale);
	reads_own_words(&f, CHILD);             /* the child kept the old pages */
out:
	end_family(&f);
}
