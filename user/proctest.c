/*
 * user/proctest.c - /proc and the file calls that came with it, from user
 * space: /proc/meminfo adding up, /proc/self/{stat,status,maps,cmdline,exe}
 * describing this very process, /proc listing it, a vm tunable written
 * and read back; unlink of an open file, rename, access, readlink,
 * symlinks, statx, fcntl (dup, close-on-exec, flags), O_CLOEXEC across
 * execve, openat relative to a directory descriptor, umask, and poll on a
 * pipe.  One line per check; exits 0 only if all passed.
 *
 * Run as "proctest" it runs the checks; "proctest fd N" is what it execs
 * to see whether descriptor N survived the exec.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* The whole of a (small) file, NUL-terminated; its length or -1. */
static int slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return n < 0 ? -1 : total;
}

static long field(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static void meminfo(void)
{
	static char buf[4096];
	long total, nfree, low, high;

	check(slurp("/proc/meminfo", buf, sizeof(buf)) > 0, "read /proc/meminfo");
	total = field(buf, "MemTotal:");
	nfree = field(buf, "MemFree:");
	low = field(buf, "LowTotal:");
	high = field(buf, "HighTotal:");
	check(total > 1024 && nfree > 0 && nfree < total, "MemTotal > MemFree > 0");
	check(low + high == total, "LowTotal + HighTotal = MemTotal");
	check(slurp("/proc/buddyinfo", buf, sizeof(buf)) > 0 && strstr(buf, "zone   Normal"),
	      "/proc/buddyinfo has the Normal zone");
	check(slurp("/proc/loadavg", buf, sizeof(buf)) > 0 && strchr(buf, '/'), "/proc/loadavg");
	check(slurp("/proc/stat", buf, sizeof(buf)) > 0 && !strncmp(buf, "cpu ", 4),
	      "/proc/stat starts with the cpu line");
}

static void self(char *argv0)
{
	static char buf[8192];
	char path[64], want[64];
	int pid = getpid(), n;

	check(slurp("/proc/self/stat", buf, sizeof(buf)) > 0 && atoi(buf) == pid &&
	      strstr(buf, "(proctest) R"), "/proc/self/stat: our pid, name and state");
	check(slurp("/proc/self/status", buf, sizeof(buf)) > 0 && field(buf, "Pid:\t") == pid &&
	      field(buf, "PPid:\t") == getppid(), "/proc/self/status: Pid and PPid");
	check(slurp("/proc/self/maps", buf, sizeof(buf)) > 0 && strstr(buf, "[stack]") &&
	      strstr(buf, "r-xp") && strstr(buf, "/bin/proctest"), "/proc/self/maps");
	n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	check(n == (int)strlen(argv0) + 1 && !strcmp(buf, argv0), "/proc/self/cmdline is argv");
	n = (int)readlink("/proc/self/exe", path, sizeof(path) - 1);
	check(n > 0 && (path[n] = '\0', !strcmp(path, "/bin/proctest")), "/proc/self/exe");
	n = (int)readlink("/proc/self", path, sizeof(path) - 1);
	snprintf(want, sizeof(want), "%d", pid);
	check(n > 0 && (path[n] = '\0', !strcmp(path, want)), "/proc/self -> our pid");
	check(slurp("/proc/99999/stat", buf, sizeof(buf)) < 0 && errno == ENOENT,
	      "no /proc entry for a pid nobody has");
}

static void listing(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int me = 0, init = 0, meminfo = 0;

	while (d && (e = readdir(d))) {
		me |= atoi(e->d_name) == getpid();
		init |= !strcmp(e->d_name, "1");
		meminfo |= !strcmp(e->d_name, "meminfo");
	}
	if (d)
		closedir(d);
	check(me && init && meminfo, "/proc lists init, us and meminfo");
}

static void tunable(void)
{
	char buf[32];
	int fd = open("/proc/sys/vm/swappiness", O_WRONLY);

	check(fd >= 0 && write(fd, "33\n", 3) == 3, "write /proc/sys/vm/swappiness");
	close(fd);
	check(slurp("/proc/sys/vm/swappiness", buf, sizeof(buf)) > 0 && atoi(buf) == 33,
	      "and read it back");
	fd = open("/proc/sys/vm/swappiness", O_WRONLY);
	/* Linux takes 0 to 200 (100 before 5.8). */
	check(fd >= 0 && write(fd, "201", 3) == -1 && errno == EINVAL, "201 is refused");
	close(fd);
	check(open("/proc/meminfo", O_WRONLY) < 0 || write(3, "x", 1) < 0, "meminfo is read-only");
}

static void names(void)
{
	struct stat st;
	char buf[16];
	int fd = open("/tmp-pt", O_CREAT | O_RDWR | O_TRUNC, 0666);

	check(fd >= 0 && write(fd, "kept", 4) == 4, "create /tmp-pt");
	check(unlink("/tmp-pt") == 0 && access("/tmp-pt", F_OK) < 0 && errno == ENOENT,
	      "unlink: the name is gone");
	check(pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "kept", 4) && fstat(fd, &st) == 0 &&
	      st.st_nlink == 0, "but the open file lives on, with no links");
	close(fd);
	fd = open("/a-pt", O_CREAT | O_WRONLY, 0600);
	close(fd);
	check(rename("/a-pt", "/b-pt") == 0 && access("/b-pt", R_OK) == 0 &&
	      access("/a-pt", F_OK) < 0, "rename");
	check(access("/b-pt", X_OK) < 0 && errno == EACCES, "access X_OK without an x bit");
	check(symlink("/b-pt", "/c-pt") == 0 && readlink("/c-pt", buf, sizeof(buf)) == 5 &&
	      !memcmp(buf, "/b-pt", 5), "symlink and readlink");
	check(lstat("/c-pt", &st) == 0 && S_ISLNK(st.st_mode) && stat("/c-pt", &st) == 0 &&
	      S_ISREG(st.st_mode), "lstat sees the link, stat the file");
	check(unlink("/c-pt") == 0 && unlink("/b-pt") == 0, "unlink both");
	check(unlink("/proc") < 0 && errno == EISDIR, "unlink of a directory is EISDIR");
}

static void descriptors(char *self_path)
{
	int fd = open("/proc/version", O_RDONLY | O_CLOEXEC), dup, status;
	char arg[12];
	pid_t pid;

	check(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC sets FD_CLOEXEC");
	dup = fcntl(fd, F_DUPFD, 10);
	check(dup >= 10 && fcntl(dup, F_GETFD) == 0, "F_DUPFD: >= 10, close-on-exec clear");
	check(fcntl(dup, F_SETFL, O_NONBLOCK) == 0 &&
	      (fcntl(dup, F_GETFL) & O_NONBLOCK), "F_SETFL O_NONBLOCK");
	pid = fork();
	if (pid == 0) {
		snprintf(arg, sizeof(arg), "%d", fd);
		execl(self_path, "proctest", "fd", arg, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 1, "a close-on-exec fd is gone after exec");
	pid = fork();
	if (pid == 0) {
		snprintf(arg, sizeof(arg), "%d", dup);
		execl(self_path, "proctest", "fd", arg, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another fd survives exec");
	close(fd);
	close(dup);
}

static void at_calls_and_umask(void)
{
	int dir, fd;
	struct stat st;

	mkdir("/pt-dir", 0755);
	dir = open("/pt-dir", O_RDONLY | O_DIRECTORY);
	umask(077);
	fd = openat(dir, "f", O_CREAT | O_WRONLY, 0666);
	check(dir >= 0 && fd >= 0, "openat relative to a directory descriptor");
	check(stat("/pt-dir/f", &st) == 0 && (st.st_mode & 0777) == 0600, "umask 077 applied");
	check(fstatat(dir, "f", &st, 0) == 0 && S_ISREG(st.st_mode), "fstatat with the dirfd");
	check(openat(fd, "x", O_RDONLY) < 0 && errno == ENOTDIR, "openat on a file is ENOTDIR");
	umask(022);
	close(fd);
	close(dir);
}

static void polling(void)
{
	int p[2];
	char buf[1];
	struct pollfd fds[2];

	check(pipe(p) == 0, "pipe");
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	check(poll(fds, 2, 0) == 1 && !fds[0].revents && fds[1].revents == POLLOUT,
	      "poll: empty pipe is writable, not readable");
	check(poll(fds, 1, 50) == 0, "poll times out after 50 ms");
	write(p[1], "x", 1);
	check(poll(fds, 1, -1) == 1 && fds[0].revents == POLLIN, "poll: data makes it readable");
	close(p[1]);
	read(p[0], buf, 1);
	check(poll(fds, 1, 0) == 1 && (fds[0].revents & POLLHUP), "poll: no writer is POLLHUP");
	fds[0].fd = 55;
	check(poll(fds, 1, 0) == 1 && fds[0].revents == POLLNVAL, "poll: a bad fd is POLLNVAL");
	close(p[0]);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "fd"))
		return fcntl(atoi(argv[2]), F_GETFD) < 0 ? 1 : 0;
	meminfo();
	self(argv[0]);
	listing();
	tunable();
	names();
	descriptors("/bin/proctest");
	at_calls_and_umask();
	polling();
	printf("proctest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
