/*
 * user/vmsample.c - vmsample [-i MS] PROG [ARGS...]: runs PROG and, every
 * MS milliseconds (default 500) while it runs, prints one line of memory
 * counters, for a host-side script to plot (tools/plot_reclaim.py,
 * `make plot`):
 *
 *   vmsample MS MemFree SwapUsed pswpin pswpout pgscan_kswapd pgscan_direct
 *
 * MS is the time since vmsample started; MemFree and SwapUsed (SwapTotal
 * - SwapFree) are KiB from /proc/meminfo; the rest are /proc/vmstat's
 * counters as they stand (the plot takes the differences).  A counter
 * the kernel keeps per zone (Linux 2.6's pgscan_kswapd_normal, ...) is
 * the sum over its zones (names ending in _dma, _dma32, _normal, _high,
 * _movable); one the kernel does not have reads 0.  A line
 * "# vmsample columns: ..." names the columns first; when PROG ends, a
 * last sample, then "vmsample: PROG exited N" (or "killed by signal N"),
 * and vmsample exits with PROG's status.
 *
 * Data: the column names and the text of the file being read.  No
 * locking: one thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const vmstat_names[] = {
	"pswpin", "pswpout", "pgscan_kswapd", "pgscan_direct",
};
#define NR_VMSTAT (sizeof(vmstat_names) / sizeof(vmstat_names[0]))

/* The zone names Linux has put after a per-zone counter's name. */
static const char *const zone_suffixes[] = { "_dma", "_dma32", "_normal", "_high", "_movable" };

static int is_zone_suffix(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(zone_suffixes) / sizeof(zone_suffixes[0]); i++)
		if (strlen(zone_suffixes[i]) == len && !strncmp(s, zone_suffixes[i], len))
			return 1;
	return 0;
}

/* The sum of the values of the lines of PATH named NAME or NAME_ZONE
 * ("name value" or "Name: value kB"); other names that start with NAME
 * (Linux's pgscan_direct_throttle) are other counters. */
static unsigned long long sum(const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	size_t len = strlen(name);
	unsigned long long total = 0;
	char line[256];

	while (f && fgets(line, sizeof(line), f)) {
		char *end = line + strcspn(line, " :");

		if (!strncmp(line, name, len) &&
		    (line + len == end || is_zone_suffix(line + len, (size_t)(end - line) - len)))
			total += strtoull(end + 1, NULL, 10);
	}
	if (f)
		fclose(f);
	return total;
}

static long long elapsed_ms(const struct timespec *start)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec - start->tv_sec) * 1000LL + (ts.tv_nsec - start->tv_nsec) / 1000000;
}

static void sample(const struct timespec *start)
{
	printf("vmsample %lld %llu %llu", elapsed_ms(start), sum("/proc/meminfo", "MemFree"),
	       sum("/proc/meminfo", "SwapTotal") - sum("/proc/meminfo", "SwapFree"));
	for (size_t i = 0; i < NR_VMSTAT; i++)
		printf(" %llu", sum("/proc/vmstat", vmstat_names[i]));
	printf("\n");
	fflush(stdout);
}

/* Say how PROG ended and pass its status on as ours. */
static int report(const char *prog, int status)
{
	if (WIFSIGNALED(status)) {
		printf("vmsample: %s killed by signal %d\n", prog, WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	printf("vmsample: %s exited %d\n", prog, WEXITSTATUS(status));
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	struct timespec start, interval;
	long ms = 500;
	int first = 1, status = 0;
	pid_t pid;

	if (argc > 2 && !strcmp(argv[1], "-i")) {
		ms = atol(argv[2]);
		first = 3;
	}
	if (first >= argc || ms <= 0) {
		fprintf(stderr, "usage: vmsample [-i MS] PROG [ARGS...]\n");
		return 2;
	}
	interval = (struct timespec){ ms / 1000, ms % 1000 * 1000000 };
	clock_gettime(CLOCK_MONOTONIC, &start);
	printf("# vmsample columns: ms MemFree SwapUsed pswpin pswpout pgscan_kswapd pgscan_direct\n");
	sample(&start);
	pid = fork();
	if (pid == 0) {
		execvp(argv[first], argv + first);
		perror("vmsample: exec");
		_exit(127);
	}
	if (pid < 0) {
		perror("vmsample: fork");
		return 1;
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		nanosleep(&interval, NULL);
		sample(&start);
	}
	sample(&start);
	return report(argv[first], status);
}
