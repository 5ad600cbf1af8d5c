/*
 * user/swaptest.c - swapon and swapoff from user space, step by step as
 * the command line says, each step checked:
 *
 *   on:PATH[:PRIO]@ERR   swapon(PATH, PRIO given ? SWAP_FLAG_PREFER|PRIO : 0)
 *                        must give ERR (0, or an errno name: EINVAL ...)
 *   off:PATH@ERR         swapoff(PATH) must give ERR
 *   total:KB             /proc/meminfo's SwapTotal and SwapFree and
 *                        sysinfo's totalswap and freeswap are KB (nothing
 *                        in use yet), CommitLimit counts it
 *   swaps                print /proc/swaps between "--- /proc/swaps" and
 *                        "---" lines (the test on the host checks it)
 *   errors               the errors that need no disk: EFAULT for bad
 *                        path pointers, ENOENT, ENOTBLK for a regular file,
 *                        EINVAL for unknown flags and for swapoff of what
 *                        is not on
 *
 * ('@', not '=': the kernel hands init's NAME=VALUE arguments over as
 * environment variables, as Linux does.)  One "ok"/"FAIL" line a step;
 * exits 1 if any failed.  The calls go
 * through syscall(2), so glibc cannot catch a bad pointer first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static int fails;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	fails += !ok;
}

static const struct {
	const char *name;
	int err;
} errnames[] = {
	{ "0", 0 }, { "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EIO", EIO }, { "ENXIO", ENXIO },
	{ "EFAULT", EFAULT }, { "ENOTBLK", ENOTBLK }, { "EBUSY", EBUSY }, { "EINVAL", EINVAL },
};

static int errno_of(const char *name)
{
	for (unsigned int i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (!strcmp(errnames[i].name, name))
			return errnames[i].err;
	fprintf(stderr, "swaptest: unknown errno name %s\n", name);
	exit(2);
}

/* A raw call's result as 0 or the errno. */
static int result(long r)
{
	return r == 0 ? 0 : r == -1 ? errno : -1000;
}

static void expect(const char *what, long r, int want)
{
	char line[512];
	int got = result(r);

	snprintf(line, sizeof(line), "%s: got %d (%s), want %d", what, got,
		 got ? strerror(got) : "success", want);
	check(got == want, line);
}

/* "on:PATH[:PRIO]@ERR" or "off:PATH@ERR". */
static void on_off(char *step, int on)
{
	char *eq = strrchr(step, '@'), *path = strchr(step, ':') + 1, *prio;
	long flags = 0;

	if (!eq) {
		fprintf(stderr, "swaptest: %s: no @ERR\n", step);
		exit(2);
	}
	*eq = '\0';
	prio = on ? strchr(path, ':') : NULL;
	if (prio) {
		*prio++ = '\0';
		flags = SWAP_FLAG_PREFER | (atoi(prio) & SWAP_FLAG_PRIO_MASK);
	}
	errno = 0;
	expect(step, on ? syscall(SYS_swapon, path, flags) : syscall(SYS_swapoff, path),
	       errno_of(eq + 1));
}

static long meminfo_kb(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static void total(long kb)
{
	static char text[8192];
	char what[200];
	struct sysinfo si;
	FILE *f = fopen("/proc/meminfo", "r");
	size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;

	if (f)
		fclose(f);
	text[n] = '\0';
	snprintf(what, sizeof(what), "meminfo SwapTotal %ld SwapFree %ld kB, want %ld",
		 meminfo_kb(text, "SwapTotal:"), meminfo_kb(text, "SwapFree:"), kb);
	check(meminfo_kb(text, "SwapTotal:") == kb && meminfo_kb(text, "SwapFree:") == kb, what);
	/* Linux's CommitLimit: half the RAM (pages, rounded down) plus swap. */
	snprintf(what, sizeof(what), "meminfo CommitLimit %ld kB = MemTotal %ld / 2 + swap",
		 meminfo_kb(text, "CommitLimit:"), meminfo_kb(text, "MemTotal:"));
	check(labs(meminfo_kb(text, "CommitLimit:") - kb - meminfo_kb(text, "MemTotal:") / 2) <= 2,
	      what);
	sysinfo(&si);
	snprintf(what, sizeof(what), "sysinfo totalswap %lu freeswap %lu x %u bytes",
		 si.totalswap, si.freeswap, si.mem_unit);
	check((long long)si.totalswap * si.mem_unit == kb * 1024LL &&
	      si.freeswap == si.totalswap, what);
}

static void show_swaps(void)
{
	char buf[4096];
	int fd = open("/proc/swaps", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	check(n > 0, "read /proc/swaps");
	if (n <= 0)
		return;
	buf[n] = '\0';
	printf("--- /proc/swaps\n%s---\n", buf);
	close(fd);
}

static void errors(void)
{
	int fd = open("/tmp/swaptest.file", O_CREAT | O_RDWR | O_TRUNC, 0600);

	check(fd >= 0 && write(fd, "x", 1) == 1, "a regular file to try");
	expect("swapon(NULL)", syscall(SYS_swapon, NULL, 0), EFAULT);
	expect("swapon(kernel address)", syscall(SYS_swapon, 0xc0000000UL, 0), EFAULT);
	expect("swapoff(NULL)", syscall(SYS_swapoff, NULL), EFAULT);
	expect("swapoff(unmapped)", syscall(SYS_swapoff, 0x1000), EFAULT);
	expect("swapon(no such file)", syscall(SYS_swapon, "/dev/nosuchdisk", 0), ENOENT);
	expect("swapon(regular file)", syscall(SYS_swapon, "/tmp/swaptest.file", 0), ENOTBLK);
	expect("swapon(unknown flag)", syscall(SYS_swapon, "/tmp/swaptest.file", 0x80000000UL),
	       EINVAL);
	expect("swapoff(regular file)", syscall(SYS_swapoff, "/tmp/swaptest.file"), EINVAL);
	expect("swapoff(no such file)", syscall(SYS_swapoff, "/dev/nosuchdisk"), ENOENT);
	unlink("/tmp/swaptest.file");
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "on:", 3))
			on_off(argv[i], 1);
		else if (!strncmp(argv[i], "off:", 4))
			on_off(argv[i], 0);
		else if (!strncmp(argv[i], "total:", 6))
			total(atol(argv[i] + 6));
		else if (!strcmp(argv[i], "swaps"))
			show_swaps();
		else if (!strcmp(argv[i], "errors"))
			errors();
		else {
			fprintf(stderr, "swaptest: unknown step %s\n", argv[i]);
			return 2;
		}
	}
	printf("swaptest: %s\n", fails ? "FAILED" : "all ok");
	return fails != 0;
}
