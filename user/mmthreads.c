/*
 * user/mmthreads.c - one address space on several CPUs, from user space:
 * glibc threads sharing the mm while it changes under them.
 *
 *   - a fault storm: 4 threads write their own word of every page of a
 *     fresh mapping at once (every page faulted by 4 threads together),
 *     then of a quarter each, then both at once in a 16 MiB mapping (its
 *     first PAGES pages shared by all, the rest in quarters, each thread
 *     alternating a shared page and one of its own); every word is right
 *     afterwards and the whole mapping is resident (/proc/self/statm),
 *     and - the mixed storm - not much more: a page counted twice would
 *     show;
 *   - munmap while another thread keeps reading the range: once munmap
 *     has returned, each read must fault (SIGSEGV, caught and counted),
 *     never read old data; the freed pages are at once taken again by a
 *     new mapping and filled with POISON, which the reader must never see;
 *   - mprotect read-only while another thread keeps writing: no write
 *     lands after mprotect returns, and the page holds the last write
 *     that did land.
 *
 * The reader and writer catch SIGSEGV with sigsetjmp/siglongjmp (the
 * fault is directed at the thread that took it).  Shared flags are
 * volatile; the storm's threads start together at a barrier.  One line per
 * check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define THREADS 4
#define PAGES 64
#define BIG_PAGES 4096                  /* the mixed storm's 16 MiB */
#define RSS_SLACK 64                    /* pages glibc may touch meanwhile */

enum storm_mode { SAME, DIFFERENT, MIXED };
static const char *const mode_names[] = { "the same", "different", "the same and different" };
#define MAGIC 0x5a5a1234u
#define POISON 0xdeadbeefu

static long page_size;
static pthread_barrier_t start;

static unsigned *word_of(char *base, int page, int word)
{
	return (unsigned *)(base + (long)page * page_size) + word;
}

static unsigned pattern(int thread, int page)
{
	return 0x1000u * (unsigned)thread + (unsigned)page + 1;
}

static long resident_pages(void)
{
	long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld %ld", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident;
}

static struct {
	char *base;
	enum storm_mode mode;
	int pages;
} storm;

/* The mixed storm's pages past PAGES, a quarter each: whose is page p? */
static int owner(int p)
{
	return (p - PAGES) / ((BIG_PAGES - PAGES) / THREADS);
}

static void touch(int i, int p)
{
	*word_of(storm.base, p, i) = pattern(i, p);
}

static void *storm_thread(void *arg)
{
	int i = (int)(long)arg, first = 0, last = PAGES, quarter = (BIG_PAGES - PAGES) / THREADS;

	if (storm.mode == DIFFERENT) {
		first = i * PAGES / THREADS;
		last = (i + 1) * PAGES / THREADS;
	}
	pthread_barrier_wait(&start);   /* all created: go */
	if (storm.mode == MIXED) {
		for (int k = 0; k < quarter; k++) {
			if (k < PAGES)
				touch(i, k);
			touch(i, PAGES + i * quarter + k);
		}
	} else {
		for (int p = first; p < last; p++)
			touch(i, p);
	}
	return NULL;
}

/* What thread i's word of page p must hold after the storm. */
static unsigned expected(int i, int p)
{
	int mine = storm.mode == SAME || (storm.mode == DIFFERENT && p * THREADS / PAGES == i) ||
		   (storm.mode == MIXED && (p < PAGES || owner(p) == i));

	return mine ? pattern(i, p) : 0;
}

static void fault_storm(enum storm_mode mode)
{
	pthread_t t[THREADS];
	long before, grown;
	int wrong = 0;
	char what[128];

	storm.mode = mode;
	storm.pages = mode == MIXED ? BIG_PAGES : PAGES;
	storm.base = mmap(NULL, storm.pages * page_size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pthread_barrier_init(&start, NULL, THREADS + 1);
	/* Resident size is read with no other thread alive: Linux counts a
	 * thread's faults in the thread and adds them to the mm's count
	 * every 64 faults and when it exits (statm is exact only then). */
	before = resident_pages();
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, storm_thread, (void *)i);
	pthread_barrier_wait(&start);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	grown = resident_pages() - before;
	for (int p = 0; p < storm.pages; p++)
		for (int i = 0; i < THREADS; i++)
			wrong += *word_of(storm.base, p, i) != expected(i, p);
	snprintf(what, sizeof(what), "fault storm on %s pages: every word right", mode_names[mode]);
	check(!wrong, what);
	/* At least the mapping: glibc touches a few pages of its own meanwhile,
	 * so the exact count is the ktests' (mm_smp.fault_storm_*). */
	snprintf(what, sizeof(what), "fault storm on %s pages: resident grew by %ld, %d at least",
		 mode_names[mode], grown, storm.pages);
	check(grown >= storm.pages, what);
	if (mode == MIXED) {
		snprintf(what, sizeof(what), "fault storm on %s pages: and at most %d more",
			 mode_names[mode], RSS_SLACK);
		check(grown <= storm.pages + RSS_SLACK, what);
	}
	munmap(storm.base, storm.pages * page_size);
	pthread_barrier_destroy(&start);
}

/* The thread racing munmap or mprotect; phase: 0 warming up, 1 the call
 * is under way, 2 it has returned. */
static struct {
	char *base;
	volatile int phase, warm, stop;
	volatile long late, bad, faults;
	volatile unsigned last;
} race;

static __thread sigjmp_buf fault_jmp;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(fault_jmp, 1);
}

/* One load or one store (all or nothing), 0; or -1 if it faulted. */
static int try_read(const volatile unsigned *a, unsigned *v)
{
	if (sigsetjmp(fault_jmp, 1))
		return -1;
	*v = *a;
	return 0;
}

static int try_write(volatile unsigned *a, unsigned v)
{
	if (sigsetjmp(fault_jmp, 1))
		return -1;
	*a = v;
	return 0;
}

static void *reader(void *arg)
{
	(void)arg;
	while (!race.stop) {
		for (int p = 0; p < PAGES && !race.stop; p++) {
			int phase = race.phase;
			unsigned v;

			if (try_read(word_of(race.base, p, 32), &v)) {
				race.faults++;
				continue;
			}
			race.bad += v != MAGIC;
			race.late += phase >= 2;
		}
		race.warm = 1;
	}
	return NULL;
}

static void *writer(void *arg)
{
	unsigned v = 0;

	(void)arg;
	while (!race.stop) {
		int phase = race.phase;

		if (try_write((volatile unsigned *)race.base, ++v)) {
			race.faults++;
			continue;
		}
		race.last = v;
		race.late += phase >= 2;
		race.warm = 1;
	}
	return NULL;
}

static void race_start(pthread_t *t, void *(*fn)(void *), int pages)
{
	memset(&race, 0, sizeof(race));
	race.base = mmap(NULL, pages * page_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int p = 0; p < pages; p++)
		*word_of(race.base, p, 32) = MAGIC;
	pthread_create(t, NULL, fn, NULL);
	while (!race.warm)
		sched_yield();
}

static void race_stop(pthread_t t)
{
	struct timespec ms20 = { 0, 20 * 1000 * 1000 };

	nanosleep(&ms20, NULL);         /* let it go round again */
	race.stop = 1;
	pthread_join(t, NULL);
}

static void munmap_while_reading(void)
{
	pthread_t t;
	char *fresh;
	char what[96];

	race_start(&t, reader, PAGES);
	race.phase = 1;
	check(munmap(race.base, PAGES * page_size) == 0, "munmap under a reading thread");
	race.phase = 2;
	/* The freed pages, taken again at once and poisoned (where the new
	 * mapping lands does not matter: the reader looks only at the old). */
	fresh = mmap(NULL, 4 * PAGES * page_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int p = 0; p < 4 * PAGES && fresh != MAP_FAILED; p++)
		for (int w = 0; w < 64; w++)
			*word_of(fresh, p, w) = POISON;
	race_stop(t);
	snprintf(what, sizeof(what), "reader never saw a freed or reused page (%ld bad)", race.bad);
	check(race.bad == 0, what);
	snprintf(what, sizeof(what), "every read after munmap returned faulted (%ld did not)",
		 race.late);
	check(race.late == 0, what);
	check(race.faults > 0, "the reader took SIGSEGV");
	if (fresh != MAP_FAILED)
		munmap(fresh, 4 * PAGES * page_size);
}

static void mprotect_while_writing(void)
{
	pthread_t t;
	char what[96];

	race_start(&t, writer, 1);
	race.phase = 1;
	check(mprotect(race.base, page_size, PROT_READ) == 0, "mprotect under a writing thread");
	race.phase = 2;
	race_stop(t);
	snprintf(what, sizeof(what), "no write landed after mprotect returned (%ld did)",
		 race.late);
	check(race.late == 0, what);
	check(race.faults > 0, "the writer took SIGSEGV");
	check(*(volatile unsigned *)race.base == race.last,
	      "the page holds the last write that landed");
	munmap(race.base, page_size);
}

int main(void)
{
	struct sigaction sa;

	page_size = sysconf(_SC_PAGESIZE);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_segv;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	fault_storm(SAME);
	fault_storm(DIFFERENT);
	fault_storm(MIXED);
	munmap_while_reading();
	mprotect_while_writing();
	printf("mmthreads: %s\n", failures ? "FAILED" : "all ok");
	return failures != 0;
}
