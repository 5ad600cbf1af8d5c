/*
 * user/memhog.c - take memory and keep it busy: memhog MB [PASSES [SECS]].
 *
 * Maps MB MiB of anonymous memory, then for PASSES passes (default 1)
 * writes every page with a pattern made from the page number and the pass,
 * and checks it reads back; then holds the memory SECS seconds (default 0)
 * so others can watch it with free, ps or /proc.  Every page it touches is
 * a page fault the kernel serves (demand-zero first, plain writes after),
 * and under memory pressure the pages it is not touching are the ones
 * reclaim can take - which is why it checks each page: whatever the kernel
 * does with them, the data must come back intact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static unsigned long pattern(unsigned long page, int pass)
{
	return page * 2654435761UL ^ (unsigned long)pass;
}

int main(int argc, char **argv)
{
	long mb = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	int passes = argc > 2 ? atoi(argv[2]) : 1, secs = argc > 3 ? atoi(argv[3]) : 0;
	unsigned long pages = (unsigned long)mb * (1 << 20) / PAGE;
	char *mem;

	if (mb <= 0 || passes <= 0 || secs < 0) {
		fprintf(stderr, "usage: memhog MB [PASSES [SECS]]\n");
		return 2;
	}
	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("memhog: mmap");
		return 1;
	}
	for (int pass = 0; pass < passes; pass++) {
		for (unsigned long p = 0; p < pages; p++)
			*(unsigned long *)(mem + p * PAGE) = pattern(p, pass);
		for (unsigned long p = 0; p < pages; p++) {
			if (*(unsigned long *)(mem + p * PAGE) != pattern(p, pass)) {
				printf("memhog: corruption at page %lu in pass %d\n", p, pass);
				return 1;
			}
		}
		printf("memhog: pass %d: %ld MiB written and checked\n", pass + 1, mb);
		fflush(stdout);
	}
	sleep((unsigned int)secs);
	printf("memhog: %ld MiB ok\n", mb);
	return 0;
}
