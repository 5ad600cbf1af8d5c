/*
 * user/ps.c - the processes, from /proc: ps.
 *
 * Every numeric name in /proc is a process; its stat file is one line,
 * "pid (comm) state ppid pgrp session ... minflt ... utime stime ...
 * vsize rss ..." (proc(5) lists the fields), and its cmdline the
 * arguments separated by NULs (empty for a kernel thread, which ps then
 * shows as [comm], like Linux's ps).  A process can exit while we read:
 * then its files are gone and it is skipped.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A small /proc file into buf (NUL-terminated, NULs inside kept); its
 * length, or -1 if it is gone. */
static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = (int)read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static void show(const char *pid)
{
	char path[64], stat[512], cmd[256], comm[64], state;
	unsigned long minflt, utime, stime, vsize;
	long rss;
	int ppid, n;
	char *close_paren;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if (read_file(path, stat, sizeof(stat)) <= 0)
		return;
	/* comm may hold spaces and parentheses: it ends at the last ')'. */
	close_paren = strrchr(stat, ')');
	if (!close_paren || !strchr(stat, '('))
		return;
	*close_paren = '\0';
	snprintf(comm, sizeof(comm), "%s", strchr(stat, '(') + 1);
	if (sscanf(close_paren + 2, "%c %d %*d %*d %*d %*d %*u %lu %*u %*u %*u %lu %lu %*d %*d "
		   "%*d %*d %*d %*d %*u %lu %ld", &state, &ppid, &minflt, &utime, &stime, &vsize,
		   &rss) != 7)
		return;
	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	n = read_file(path, cmd, sizeof(cmd));
	for (int i = 0; i < n - 1; i++)         /* arguments: NULs become spaces */
		if (!cmd[i])
			cmd[i] = ' ';
	printf("%5s %5d %c %7lu %6ld %7lu %4lu.%02lu ", pid, ppid, state, vsize >> 10, rss * 4,
	       minflt, (utime + stime) / 100, (utime + stime) % 100);
	if (n > 0)
		printf("%s\n", cmd);
	else
		printf("[%s]\n", comm);
}

int main(void)
{
	DIR *proc = opendir("/proc");
	struct dirent *e;

	if (!proc) {
		perror("ps: /proc");
		return 1;
	}
	printf("%5s %5s %c %7s %6s %7s %7s %s\n", "PID", "PPID", 'S', "VSZ", "RSS", "MINFLT",
	       "TIME", "COMMAND");
	while ((e = readdir(proc)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			show(e->d_name);
	closedir(proc);
	return 0;
}
