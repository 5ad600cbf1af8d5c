/*
 * user/workset.c - a memory workload with a known access pattern, to
 * compare page replacement policies by the major faults they cost (the
 * lru lab: tools/lab.py compare, docs/labs/lru.md):
 *
 *   workset [-S SEED] PATTERN MB TOUCHES
 *
 * Maps MB MiB of anonymous memory, writes every page once, and then
 * touches pages TOUCHES times in PATTERN's order, each touch a check of
 * the page's tag and a write (so an evicted page must be written again):
 *
 *   hotcold  nine touches in ten go to a hot tenth of the pages (the
 *            first tenth), the tenth to any page: a policy that keeps
 *            what is used keeps the hot pages
 *   loop     every page in turn, round and round: with more pages than
 *            memory, LRU evicts each page just before its next use
 *   random   any page, uniformly: no policy can do much better than
 *            chance
 *
 * and prints one line, for tools/lab.py to read:
 *
 *   workset: PATTERN MB MiB, TOUCHES touches, N major faults, seed S
 *
 * N is getrusage's ru_majflt over the touches (the first writes are
 * minor faults).  A page that lost its tag is reported ("workset: page P
 * lost its data") and the status is 1.  The same seed gives the same
 * touches on every system, Linux included.
 *
 * Data: mem, the pages; rng, the xorshift32 state.  One thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL

enum pattern { HOTCOLD, LOOP, RANDOM };

static const char *const pattern_names[] = { "hotcold", "loop", "random" };
static unsigned long *mem;
static unsigned long pages;
static unsigned int rng;

static unsigned int next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static unsigned long below(unsigned long n)
{
	return (unsigned long)(((unsigned long long)next_random() * n) >> 32);
}

/* The page the touch number t goes to. */
static unsigned long pick(enum pattern pattern, unsigned long t)
{
	unsigned long hot = pages / 10 ? pages / 10 : 1;

	if (pattern == LOOP)
		return t % pages;
	if (pattern == HOTCOLD && below(10) < 9)
		return below(hot);
	return below(pages);
}

/* PATTERN's number, or -1. */
static int parse_pattern(const char *name)
{
	for (int i = 0; i < (int)(sizeof(pattern_names) / sizeof(*pattern_names)); i++)
		if (!strcmp(name, pattern_names[i]))
			return i;
	return -1;
}

static long major_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

static int usage(void)
{
	fprintf(stderr, "usage: workset [-S SEED] hotcold|loop|random MB TOUCHES\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long touches, words = PAGE / sizeof(*mem), lost = 0;
	int pattern;
	unsigned int seed;
	long majors;
	int opt;

	rng = (unsigned int)time(NULL) | 1;
	while ((opt = getopt(argc, argv, "S:")) != -1) {
		if (opt != 'S')
			return usage();
		rng = (unsigned int)strtoul(optarg, NULL, 0) | 1;
	}
	if (argc - optind != 3)
		return usage();
	pattern = parse_pattern(argv[optind]);
	if (pattern < 0)
		return usage();
	pages = strtoul(argv[optind + 1], NULL, 0) * (1024 * 1024 / PAGE);
	touches = strtoul(argv[optind + 2], NULL, 0);
	seed = rng;
	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!pages || mem == MAP_FAILED) {
		perror("workset: mmap");
		return 1;
	}
	for (unsigned long p = 0; p < pages; p++)
		mem[p * words] = p + 1;
	majors = major_faults();
	for (unsigned long t = 0; t < touches; t++) {
		unsigned long p = pick((enum pattern)pattern, t);

		if (mem[p * words] != p + 1 && lost++ < 10)
			printf("workset: page %lu lost its data\n", p);
		mem[p * words + 1]++;
	}
	printf("workset: %s %s MiB, %lu touches, %ld major faults, seed %u\n",
	       pattern_names[pattern], argv[optind + 1], touches, major_faults() - majors, seed);
	return lost != 0;
}
