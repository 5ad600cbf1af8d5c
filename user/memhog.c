/*
 * user/memhog.c - take memory, keep it busy and check every byte of it:
 *
 *   memhog [-r] [-S SEED] [-t] [-o] [-m] [-f K] [-s SECS] [-p PAGES] [-w MB] MB [PASSES [HOLD]]
 *
 * Maps MB MiB of anonymous memory.  Each page, whenever it is touched,
 * is first checked and then filled anew: all its words carry a pattern
 * made from the page's number and its generation (how often the page has
 * been written), and a page never written must read as zeroes.  A page
 * that does not hold what was last written to it is a bad page; memhog
 * reports the first few, goes on, and ends with "memhog: bad pages: N"
 * and status 1 if N > 0.  Under memory pressure the pages it is not
 * touching are the ones reclaim takes to swap, so every check after the
 * first sweep is a round trip through swap.
 *
 *   PASSES   sweeps (default 1; 0 with -s): each touches every page (in
 *            order, or in a new random order with -r), then checks every
 *            page again and prints "memhog: pass N: MB MiB written and
 *            checked, bad pages so far: B" (a run that is killed has
 *            said how it went up to there).
 *   HOLD     seconds to hold the memory after the passes (default 0).
 *   -f K     after the first pass, fork K children sharing the pages
 *            (swapped out by then if MB is larger than memory): each
 *            checks every page, writes the pages whose number is its own
 *            modulo K (copy-on-write, after swap-in) and checks them all
 *            again; the parent waits, and its next check proves it kept
 *            its own data.  A child's bad pages count in the total; a
 *            child killed (or not forked) fails the run as well.
 *   -r       random order; the seed is printed ("memhog: seed N"),
 *   -S SEED  and -S replays it.
 *   -t       after each pass, its write and check sweeps in MiB/s and
 *            the major faults (swap-ins) they took, for benchmarks.
 *   -s SECS  steady mode, for kswapd: after the passes, touch the working
 *            set (the first -w MB, default all) page after page (at
 *            random with -r) at -p PAGES per second (default 1024, 4
 *            MiB/s) for SECS seconds.
 *   -m       the hog is shared anonymous memory (MAP_SHARED: a shmem
 *            object, which reclaim moves to the swap cache through
 *            shmem_writepage); not with -f.
 *   -o       once: one pass of writes, each page touched once and never
 *            read back (no check sweep), then the reclaim lines of
 *            /proc/vmstat ("memhog: vmstat NAME VALUE"): a run that
 *            needs swap-out but no swap-in.  What memhog has besides the
 *            hog (stack, data, heap, its bookkeeping arrays: the areas
 *            of /proc/self/maps before the hog is mapped) is mlocked
 *            first, since none of it could come back from swap.
 *   -X PAGE  (for the tests, not in the usage line) spoil one word of
 *            PAGE behind the checker's back after the first pass's
 *            writes, so that its check must find exactly one bad page.
 *
 * Data: mem, the hog itself; gen[], each page's generation; bad[], the
 * pages found bad (each counted once, in nbad); children_lost.  One
 * thread per process; children get copies of it all.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define WORDS (PAGE / sizeof(unsigned long))
#define REPORTED 10                     /* bad pages described one by one */

static char *mem;
static unsigned long pages, nbad;
static int children_lost;               /* killed, or never forked */
static unsigned int *gen;
static unsigned char *bad;
static unsigned int rng;

/* Word i of page p at generation g (g >= 1). */
static unsigned long pattern(unsigned long p, unsigned int g, unsigned long i)
{
	return (p * 2654435761UL ^ g * 0x85ebca6bUL) + i * 0x9e3779b9UL;
}

static unsigned long expected(unsigned long p, unsigned long i)
{
	return gen[p] ? pattern(p, gen[p], i) : 0;
}

static void check(unsigned long p)
{
	const unsigned long *w = (const unsigned long *)(mem + p * PAGE);

	for (unsigned long i = 0; i < WORDS; i++) {
		if (w[i] == expected(p, i))
			continue;
		if (!bad[p]) {
			bad[p] = 1;
			if (++nbad <= REPORTED)
				printf("memhog: page %lu (generation %u) bad at word %lu: %#lx, expected %#lx\n",
				       p, gen[p], i, w[i], expected(p, i));
		}
		return;
	}
}

/* Check page p, then write its next generation. */
static void touch(unsigned long p)
{
	unsigned long *w = (unsigned long *)(mem + p * PAGE);

	check(p);
	gen[p]++;
	for (unsigned long i = 0; i < WORDS; i++)
		w[i] = pattern(p, gen[p], i);
}

static void check_all(void)
{
	for (unsigned long p = 0; p < pages; p++)
		check(p);
}

/* xorshift32: the same sequence from the same seed on every system. */
static unsigned int next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* A new order for a pass: the identity, or a shuffle of it with -r. */
static void make_order(unsigned long *order, int random)
{
	for (unsigned long p = 0; p < pages; p++)
		order[p] = p;
	for (unsigned long p = pages - 1; random && p > 0; p--) {
		unsigned long q = next_random() % (p + 1), t = order[p];

		order[p] = order[q];
		order[q] = t;
	}
}

/* Child c of k: check all, rewrite its share, check all; its bad pages
 * (at most 254) are its exit status. */
static void child(int c, int k)
{
	nbad = 0;
	check_all();
	for (unsigned long p = (unsigned long)c; p < pages; p += (unsigned long)k)
		touch(p);
	check_all();
	printf("memhog: child %d: bad pages: %lu\n", c, nbad);
	fflush(stdout);
	_exit(nbad > 254 ? 254 : (int)nbad);
}

/* Fork k children and wait for them; a child that could not be forked or
 * died of a signal (the OOM killer's) could not say how its pages were:
 * that fails the run too, but counts apart from the bad pages. */
static void fork_children(int k)
{
	int status;

	fflush(stdout);
	for (int c = 0; c < k; c++) {
		pid_t pid = fork();

		if (pid == 0)
			child(c, k);
		if (pid < 0) {
			perror("memhog: fork");
			children_lost++;
		}
	}
	while (wait(&status) > 0) {
		if (WIFEXITED(status))
			nbad += (unsigned long)WEXITSTATUS(status);
		else {
			printf("memhog: a child was killed by signal %d\n", WTERMSIG(status));
			children_lost++;
		}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Touch the first ws pages, round and round (or at random), rate pages a
 * second, for secs seconds: 100 batches a second, each catching up to
 * where the clock says the count should be. */
static void steady(unsigned long ws, long rate, int secs, int random)
{
	const struct timespec tick = { 0, 10000000 };
	double start = now(), elapsed;
	unsigned long done = 0;

	while ((elapsed = now() - start) < secs) {
		for (; done < (unsigned long)(elapsed * (double)rate); done++)
			touch(random ? next_random() % ws : done % ws);
		nanosleep(&tick, NULL);
	}
	printf("memhog: steady: %lu pages touched in %d s over %lu MiB\n", done, secs,
	       ws * PAGE >> 20);
}

static long major_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

/* -t: the pass's two sweeps as rates, and the major faults (pages read
 * back from swap) both took - figures for benchmarks, never for tests. */
static void print_timing(int pass, double mb, double write_s, double check_s, long majflt)
{
	printf("memhog: pass %d: write %.1f MiB/s, check %.1f MiB/s, %ld major faults (%.0f/s)\n",
	       pass, mb / write_s, mb / check_s, majflt, (double)majflt / (write_s + check_s));
}

/* -o: mlock every area this process has (read from /proc/self/maps);
 * 0 or -1 (said why). */
static int lock_all_areas(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long start, end;
	char line[256];
	int err = f ? 0 : -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &start, &end) == 2 && line[strcspn(line, " ") + 1] == 'r' &&
		    mlock((void *)start, end - start))
			err = -1;
	if (f)
		fclose(f);
	if (err)
		perror("memhog: mlock");
	return err;
}

/* -o's end: what reclaim did meanwhile, from /proc/vmstat.  Only
 * system calls and locked memory (this stack, vmstat_text in .bss): a
 * malloc could touch a heap page that went to swap. */
static char vmstat_text[8192];

static void say(const char *text, size_t len)
{
	if (write(1, text, len) != (ssize_t)len)
		_exit(1);
}

static int write_once_report(long mb)
{
	static const char *const prefixes[] = {
		"pswpout", "pgscan_", "pgsteal_", "kswapd_steal", "pageoutrun", "allocstall",
		"oom_kill",
	};
	int fd = open("/proc/vmstat", O_RDONLY);
	size_t len = 0;
	char head[64];
	ssize_t n = 1;

	say(head, (size_t)snprintf(head, sizeof(head), "memhog: %ld MiB written once\n", mb));
	while (fd >= 0 && n > 0 && len < sizeof(vmstat_text) - 1) {
		n = read(fd, vmstat_text + len, sizeof(vmstat_text) - 1 - len);
		len += n > 0 ? (size_t)n : 0;
	}
	if (fd < 0 || n < 0)
		return 1;
	close(fd);
	for (char *line = vmstat_text, *end; line < vmstat_text + len; line = end + 1) {
		end = memchr(line, '\n', (size_t)(vmstat_text + len - line));
		if (!end)
			break;
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
			if (strncmp(line, prefixes[i], strlen(prefixes[i])))
				continue;
			say("memhog: vmstat ", 15);
			say(line, (size_t)(end + 1 - line));
		}
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: memhog [-r] [-S SEED] [-t] [-o] [-m] [-f K] [-s SECS] [-p PAGES] [-w MB] "
		"MB [PASSES [HOLD]]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int opt, random = 0, timing = 0, forks = 0, secs = 0, once = 0, shared = 0, passes, hold;
	long mb, rate = 1024, ws_mb = 0, spoil = -1;
	unsigned long *order;

	rng = (unsigned int)time(NULL) ^ (unsigned int)getpid() << 16;
	while ((opt = getopt(argc, argv, "rS:tomf:s:p:w:X:")) != -1) {
		switch (opt) {
		case 'S': rng = (unsigned int)strtoul(optarg, NULL, 10); /* fall through */
		case 'r': random = 1; break;
		case 't': timing = 1; break;
		case 'o': once = 1; break;
		case 'm': shared = 1; break;
		case 'f': forks = atoi(optarg); break;
		case 's': secs = atoi(optarg); break;
		case 'p': rate = atol(optarg); break;
		case 'w': ws_mb = atol(optarg); break;
		case 'X': spoil = atol(optarg); break;
		default: return usage();
		}
	}
	mb = optind < argc ? strtol(argv[optind], NULL, 10) : 0;
	passes = optind + 1 < argc ? atoi(argv[optind + 1]) : !secs;
	hold = optind + 2 < argc ? atoi(argv[optind + 2]) : 0;
	pages = (unsigned long)mb * (1 << 20) / PAGE;
	if (ws_mb <= 0 || ws_mb > mb)
		ws_mb = mb;
	if (mb <= 0 || passes < 0 || hold < 0 || forks < 0 || secs < 0 || rate <= 0 ||
	    (forks && !passes) || (forks && shared) || rng == 0 || spoil >= (long)pages ||
	    (once && (passes != 1 || hold || forks || secs || timing || spoil >= 0)))
		return usage();
	if (random)
		printf("memhog: seed %u\n", rng);
	gen = calloc(pages, sizeof(*gen));
	bad = calloc(pages, 1);
	order = malloc(pages * sizeof(*order));
	if (once && lock_all_areas())
		return 1;
	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		   (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED || !gen || !bad || !order) {
		perror("memhog: mmap");
		return 1;
	}
	for (int pass = 1; pass <= passes; pass++) {
		double start = now(), written;
		long majflt = major_faults();

		make_order(order, random);
		for (unsigned long p = 0; p < pages; p++)
			touch(order[p]);
		if (pass == 1 && spoil >= 0)
			((unsigned long *)(mem + (unsigned long)spoil * PAGE))[7] ^= 1;
		written = now();
		if (once)
			return write_once_report(mb);
		check_all();
		printf("memhog: pass %d: %ld MiB written and checked, bad pages so far: %lu\n",
		       pass, mb, nbad);
		if (timing)
			print_timing(pass, (double)mb, written - start, now() - written,
				     major_faults() - majflt);
		fflush(stdout);
		if (pass == 1 && forks)
			fork_children(forks);
	}
	sleep((unsigned int)hold);
	if (secs)
		steady((unsigned long)ws_mb * (1 << 20) / PAGE, rate, secs, random);
	check_all();
	printf("memhog: bad pages: %lu\n", nbad);
	if (children_lost)
		printf("memhog: children lost: %d\n", children_lost);
	if (nbad || children_lost)
		return 1;
	printf("memhog: %ld MiB ok\n", mb);
	return 0;
}
