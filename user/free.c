/*
 * user/free.c - how much memory is used and free, from /proc/meminfo, in
 * the layout of procps's free (KiB; -m for MiB).
 *
 * "used" is what is neither free nor cache: MemTotal - MemFree - Buffers -
 * Cached - SReclaimable (reclaimable slab, where the kernel reports it:
 * procps counts it as cache too).  The cache (page-cache pages: files and, later, swap cache) can
 * be given back when memory runs short, which is why "available" counts
 * it.  A third line shows the split between the zones (LowTotal,
 * HighTotal), because where memory is matters as much as how much.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char meminfo[4096];

/* The value of a "Name:   123 kB" line, or -1 if there is none. */
static long kb(const char *name)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), "\n%s:", name);
	p = strstr(meminfo, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	FILE *f = fopen("/proc/meminfo", "r");
	int shift = argc > 1 && !strcmp(argv[1], "-m") ? 10 : 0;
	long total, nfree, cache, avail;
	size_t n;

	if (argc > 1 && !shift) {
		fprintf(stderr, "usage: free [-m]\n");
		return 2;
	}
	if (!f) {
		perror("free: /proc/meminfo");
		return 1;
	}
	meminfo[0] = '\n';              /* so the first line matches "\nName:" too */
	n = fread(meminfo + 1, 1, sizeof(meminfo) - 2, f);
	meminfo[n + 1] = '\0';
	fclose(f);
	total = kb("MemTotal");
	nfree = kb("MemFree");
	cache = kb("Buffers") + kb("Cached") + (kb("SReclaimable") > 0 ? kb("SReclaimable") : 0);
	avail = kb("MemAvailable") >= 0 ? kb("MemAvailable") : nfree + cache;
	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
	       "available");
	printf("%-7s%13ld%12ld%12ld%12ld%12ld%12ld\n", "Mem:", total >> shift,
	       (total - nfree - cache) >> shift, nfree >> shift, kb("Shmem") >> shift,
	       cache >> shift, avail >> shift);
	printf("%-7s%13ld%12ld%12ld\n", "Swap:", kb("SwapTotal") >> shift,
	       (kb("SwapTotal") - kb("SwapFree")) >> shift, kb("SwapFree") >> shift);
	if (kb("LowTotal") >= 0)       /* a 32-bit kernel with high memory */
		printf("%-7s%13ld%12ld   (low, high)\n", "Zones:", kb("LowTotal") >> shift,
		       kb("HighTotal") >> shift);
	return 0;
}
