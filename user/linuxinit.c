/*
 * user/linuxinit.c - /init of the initramfs tools/linux.py boots on
 * Debian's Linux kernel, so that a test program of user/ runs there the
 * way Tessera runs it with init=/bin/PROG: with the same environment,
 * /proc, /dev (devtmpfs), /dev/shm and /tmp (tmpfs) mounted, and orphans
 * of its descendants adopted by the program itself (a child subreaper),
 * as they would be by pid 1.
 *
 * The kernel gives init what follows `--` on its command line as argv:
 * `/init [-s DEV] PROG ARGS...` - after any boot option it did not know,
 * such as `nokaslr` (the decompressor's, not the kernel's): words before
 * the first that starts with '/' or '-' are skipped.  First the modules listed in
 * /lib/modules/load are loaded in that order (finit_module; tools/linux.py
 * puts the IDE disk's chain there - Debian builds ATA as modules); with
 * -s, init waits for DEV to appear and swaps on it.  The program runs as
 * init's child; when it ends, one line for tools/linux.py to parse:
 *
 *   linuxinit: exited=N utime_us=.. stime_us=.. maxrss_kb=.. minflt=..
 *              majflt=.. nvcsw=.. nivcsw=..        (or killed=SIG ...)
 *
 * (on one line), with the rusage wait4 reports for it and its reaped
 * descendants; then the machine powers off.  A program that cannot be
 * run gives exited=127, as a shell would; a module that does not load or
 * a swap device that does not come is reported
 * ("linuxinit: ...") and the program is not run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MODULE_LIST "/lib/modules/load"
#define DEVICE_WAIT_MS 30000

/* What Tessera's kernel gives init (kernel/exit.c:init_envp). */
static char *const program_env[] = {
	"HOME=/", "TERM=linux", "PATH=/bin:/sbin:/usr/bin", NULL
};

static void mount_on(const char *type, const char *dir, const char *opts)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		fprintf(stderr, "linuxinit: mkdir %s: %s\n", dir, strerror(errno));
	else if (mount(type, dir, type, 0, opts))
		fprintf(stderr, "linuxinit: mount %s on %s: %s\n", type, dir, strerror(errno));
}

/* Without /dev/console in the archive the kernel starts init with no
 * descriptors: take them from devtmpfs's console instead. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void mount_filesystems(void)
{
	mount_on("proc", "/proc", NULL);
	mount_on("devtmpfs", "/dev", NULL);
	open_console();
	mount_on("tmpfs", "/dev/shm", "mode=1777");
	mount_on("tmpfs", "/tmp", "mode=1777");
}

static int load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0 || (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST))
		err = errno;
	if (fd >= 0)
		close(fd);
	if (err)
		fprintf(stderr, "linuxinit: module %s: %s\n", path, strerror(err));
	return !err;
}

/* Every module of MODULE_LIST, in order (a module after those it needs);
 * true if all loaded (or there is no list). */
static int load_modules(void)
{
	FILE *f = fopen(MODULE_LIST, "r");
	char line[512];
	int ok = 1;

	if (!f)
		return 1;
	while (ok && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0])
			ok = load_module(line);
	}
	fclose(f);
	return ok;
}

/* The disk's driver probes it asynchronously after its module loads:
 * wait (bounded) for devtmpfs to show the node, then swap on it. */
static int swap_on(const char *dev)
{
	const struct timespec step = { 0, 20 * 1000000L };
	struct stat st;

	for (int ms = 0; stat(dev, &st) && ms < DEVICE_WAIT_MS; ms += 20)
		nanosleep(&step, NULL);
	if (swapon(dev, 0)) {
		fprintf(stderr, "linuxinit: swapon %s: %s\n", dev, strerror(errno));
		return 0;
	}
	return 1;
}

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_CHILD_SUBREAPER, 1);
		execve(argv[0], argv, program_env);
		fprintf(stderr, "linuxinit: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

static long long usecs(const struct timeval *tv)
{
	return tv->tv_sec * 1000000LL + tv->tv_usec;
}

static void report(int status, const struct rusage *ru)
{
	char how[32];

	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "killed=%d", WTERMSIG(status));
	else
		snprintf(how, sizeof(how), "exited=%d", WEXITSTATUS(status));
	printf("linuxinit: %s utime_us=%lld stime_us=%lld maxrss_kb=%ld minflt=%ld "
	       "majflt=%ld nvcsw=%ld nivcsw=%ld\n", how, usecs(&ru->ru_utime),
	       usecs(&ru->ru_stime), ru->ru_maxrss, ru->ru_minflt, ru->ru_majflt,
	       ru->ru_nvcsw, ru->ru_nivcsw);
	fflush(stdout);
}

/* Reap until the program itself ends; others that come to init (its
 * descendants orphaned after it died) are reaped along the way. */
static void wait_for(pid_t program)
{
	struct rusage ru;
	int status;
	pid_t pid;

	do {
		pid = wait4(-1, &status, 0, &ru);
	} while (pid != program && (pid > 0 || errno == EINTR));
	if (pid == program)
		report(status, &ru);
	else
		printf("linuxinit: lost the program: %s\n", strerror(errno));
}

int main(int argc, char **argv)
{
	const char *swap = NULL;
	pid_t program;

	mount_filesystems();
	while (argc > 1 && argv[1][0] != '/' && argv[1][0] != '-') {
		argv++;
		argc--;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		swap = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2) {
		fprintf(stderr, "linuxinit: no program (kernel command line: ... -- [-s DEV] /PROG ARGS)\n");
	} else if (!load_modules() || (swap && !swap_on(swap))) {
		fprintf(stderr, "linuxinit: %s not run\n", argv[1]);
	} else {
		program = start(argv + 1);
		if (program < 0)
			fprintf(stderr, "linuxinit: fork: %s\n", strerror(errno));
		else
			wait_for(program);
	}
	sync();
	reboot(RB_POWER_OFF);
	return 1;
}
