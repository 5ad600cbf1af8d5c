/*
 * user/vmstat.c - vmstat [DELAY [COUNT]]: processes, memory, swap, block
 * I/O, interrupts, context switches and CPU time, one line per sample in
 * the columns and header of procps's vmstat.
 *
 * The first line is the average since boot; each later line, DELAY
 * seconds apart, covers the DELAY seconds since the one before.  The
 * first line's span is procps's: the seconds all the CPU ticks of
 * /proc/stat's "cpu" line add up to, which is the uptime times the
 * number of CPUs.  Without DELAY one line is printed; without COUNT lines
 * come until the program is killed.  Where the numbers come from:
 *
 *   r b          procs_running, procs_blocked (/proc/stat)
 *   swpd         SwapTotal - SwapFree, KiB (/proc/meminfo)
 *   free buff    MemFree, Buffers, KiB
 *   cache        Cached + SReclaimable, KiB (procps counts reclaimable
 *                slab as cache, as free does)
 *   si so        pswpin, pswpout (/proc/vmstat, pages) as KiB per second
 *   bi bo        pgpgin, pgpgout (already KiB) per second
 *   in cs        the intr total and ctxt (/proc/stat) per second
 *   us sy id wa  shares of the CPU ticks of /proc/stat's "cpu" line:
 *                user+nice, system+irq+softirq, idle, iowait (steal
 *                counts in the whole but has no column)
 *
 * A field the kernel does not have reads as 0, so the same binary runs on
 * Linux and on Tessera.
 *
 * Data: struct sample, one snapshot of the counters; two of them, the
 * previous and the current.  No locking: one thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The "cpu" line's ticks that vmstat shows, in /proc/stat's order. */
enum { USER, NICE, SYSTEM, IDLE, IOWAIT, IRQ, SOFTIRQ, STEAL, NR_TICKS };

struct sample {
	unsigned long long tick[NR_TICKS];
	unsigned long long intr, ctxt, pswpin, pswpout, pgpgin, pgpgout;
	unsigned long running, blocked;
	unsigned long swap_used, mem_free, buffers, cache;      /* KiB */
};

static char text[16384];

/* Reads a /proc file into text[], with a newline in front so that every
 * line, the first too, starts after a '\n'. */
static void slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	text[0] = '\n';
	if (f) {
		n = fread(text + 1, 1, sizeof(text) - 2, f);
		fclose(f);
	}
	text[n + 1] = '\0';
}

/* The number after NAME at the start of a line of text[] (NAME carries
 * its own separator, "MemFree:" or "pswpin "), or 0 if there is none. */
static unsigned long long field(const char *name)
{
	char key[40];
	const char *p;

	snprintf(key, sizeof(key), "\n%s", name);
	p = strstr(text, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

static void read_sample(struct sample *s)
{
	const char *cpu;

	slurp("/proc/meminfo");
	s->swap_used = field("SwapTotal:") - field("SwapFree:");
	s->mem_free = field("MemFree:");
	s->buffers = field("Buffers:");
	s->cache = field("Cached:") + field("SReclaimable:");
	slurp("/proc/vmstat");
	s->pswpin = field("pswpin ");
	s->pswpout = field("pswpout ");
	s->pgpgin = field("pgpgin ");
	s->pgpgout = field("pgpgout ");
	slurp("/proc/stat");
	s->intr = field("intr ");
	s->ctxt = field("ctxt ");
	s->running = field("procs_running ");
	s->blocked = field("procs_blocked ");
	memset(s->tick, 0, sizeof(s->tick));
	cpu = strstr(text, "\ncpu ");
	if (cpu)
		sscanf(cpu, " cpu %llu %llu %llu %llu %llu %llu %llu %llu", &s->tick[USER],
		       &s->tick[NICE], &s->tick[SYSTEM], &s->tick[IDLE], &s->tick[IOWAIT],
		       &s->tick[IRQ], &s->tick[SOFTIRQ], &s->tick[STEAL]);
}

/* The seconds the "cpu" line's ticks add up to: all the CPUs' time since
 * boot, the span procps divides the first line's counters by (so on two
 * CPUs its rates are half of the counters over the uptime). */
static double ticks_seconds(const struct sample *s)
{
	unsigned long long total = 0;

	for (int i = 0; i < NR_TICKS; i++)
		total += s->tick[i];
	return (double)total / (double)sysconf(_SC_CLK_TCK);
}

static unsigned long rate(unsigned long long now, unsigned long long before, double seconds)
{
	return seconds > 0 ? (unsigned long)((double)(now - before) / seconds + 0.5) : 0;
}

static unsigned int share(unsigned long long part, unsigned long long total)
{
	return total ? (unsigned int)((part * 100 + total / 2) / total) : 0;
}

/* One line: the state of s, and its counters' rates since old (all zero
 * for the first line, so the rates are since boot). */
static void print_line(const struct sample *s, const struct sample *old, double seconds)
{
	unsigned long long d[NR_TICKS], total = 0, page_kb = (unsigned long long)getpagesize() / 1024;

	for (int i = 0; i < NR_TICKS; i++) {
		d[i] = s->tick[i] - old->tick[i];
		total += d[i];
	}
	printf("%2lu %2lu %6lu %6lu %6lu %6lu %4lu %4lu %5lu %5lu %4lu %4lu %2u %2u %2u %2u\n",
	       s->running, s->blocked, s->swap_used, s->mem_free, s->buffers, s->cache,
	       rate(s->pswpin * page_kb, old->pswpin * page_kb, seconds),
	       rate(s->pswpout * page_kb, old->pswpout * page_kb, seconds),
	       rate(s->pgpgin, old->pgpgin, seconds), rate(s->pgpgout, old->pgpgout, seconds),
	       rate(s->intr, old->intr, seconds), rate(s->ctxt, old->ctxt, seconds),
	       share(d[USER] + d[NICE], total), share(d[SYSTEM] + d[IRQ] + d[SOFTIRQ], total),
	       share(d[IDLE], total), share(d[IOWAIT], total));
	fflush(stdout);
}

static int usage(void)
{
	fprintf(stderr, "usage: vmstat [DELAY [COUNT]]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct sample old = { 0 }, now;
	long delay = 0, count = 1;
	char *end;

	if (argc > 3)
		return usage();
	if (argc > 1) {
		delay = strtol(argv[1], &end, 10);
		if (*end || delay <= 0)
			return usage();
		count = -1;
	}
	if (argc > 2) {
		count = strtol(argv[2], &end, 10);
		if (*end || count <= 0)
			return usage();
	}
	printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa\n");
	read_sample(&now);
	print_line(&now, &old, ticks_seconds(&now));
	for (long n = 1; count < 0 || n < count; n++) {
		old = now;
		sleep((unsigned int)delay);
		read_sample(&now);
		print_line(&now, &old, (double)delay);
	}
	return 0;
}
