/*
 * user/ps.c - the processes, from /proc: ps, and `ps -T`, which shows
 * every thread of each process (its thread id in the SPID column, as
 * procps's ps -T does), from /proc/PID/task/TID.
 *
 * Every numeric name in /proc is a process; its stat file is one line,
 * "pid (comm) state ppid pgrp session ... minflt ... utime stime ...
 * vsize rss ..." (proc(5) lists the fields), and its cmdline the
 * arguments separated by NULs (empty for a kernel thread, which ps then
 * shows as [comm], like Linux's ps).  A process can exit while we read:
 * then its files are gone and it is skipped.
 */
#include <dirent.h>
#include <stdbool.h>
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

/* One line: the process pid, from dir (/proc/PID, or a thread's
 * /proc/PID/task/TID for ps -T, whose id tid then shows as SPID). */
static void show(const char *pid, const char *dir, const char *tid)
{
	char path[600], stat[512], cmd[256], comm[64], state;
	unsigned long minflt, utime, stime, vsize;
	long rss;
	int ppid, n;
	char *close_paren;

	snprintf(path, sizeof(path), "%s/stat", dir);
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
	snprintf(path, sizeof(path), "%s/cmdline", dir);
	n = read_file(path, cmd, sizeof(cmd));
	for (int i = 0; i < n - 1; i++)         /* arguments: NULs become spaces */
		if (!cmd[i])
			cmd[i] = ' ';
	printf("%5s ", pid);
	if (tid)
		printf("%5s ", tid);
	printf("%5d %c %7lu %6ld %7lu %4lu.%02lu ", ppid, state, vsize >> 10, rss * 4,
	       minflt, (utime + stime) / 100, (utime + stime) % 100);
	if (n > 0)
		printf("%s\n", cmd);
	else
		printf("[%s]\n", comm);
}

static bool numeric(const char *name)
{
	return name[0] >= '1' && name[0] <= '9';
}

/* ps -T: a line for each thread of process pid. */
static void show_threads(const char *pid)
{
	char path[300], dir[600];
	DIR *task;
	struct dirent *e;

	snprintf(path, sizeof(path), "/proc/%s/task", pid);
	task = opendir(path);
	if (!task)
		return;                 /* it has just exited */
	while ((e = readdir(task)))
		if (numeric(e->d_name)) {
			snprintf(dir, sizeof(dir), "%s/%s", path, e->d_name);
			show(pid, dir, e->d_name);
		}
	closedir(task);
}

int main(int argc, char **argv)
{
	bool threads = argc > 1 && !strcmp(argv[1], "-T");
	DIR *proc = opendir("/proc");
	struct dirent *e;
	char dir[300];

	if (!proc) {
		perror("ps: /proc");
		return 1;
	}
	printf("%5s ", "PID");
	if (threads)
		printf("%5s ", "SPID");
	printf("%5s %c %7s %6s %7s %7s %s\n", "PPID", 'S', "VSZ", "RSS", "MINFLT", "TIME",
	       "COMMAND");
	while ((e = readdir(proc))) {
		if (!numeric(e->d_name))
			continue;
		snprintf(dir, sizeof(dir), "/proc/%s", e->d_name);
		if (threads)
			show_threads(e->d_name);
		else
			show(e->d_name, dir, NULL);
	}
	closedir(proc);
	return 0;
}
