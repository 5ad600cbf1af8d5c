/*
 * user/forktest.c - processes from user space: fork with copy-on-write,
 * wait4 statuses (exit codes and death by signal), several children,
 * ECHILD, vfork, execve, getppid, posix_spawn, system and popen.  Prints
 * one line per check and exits 0 only if all passed.  Plain C against
 * glibc; runs on Linux too (with Tessera's /bin in PATH).
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int global = 1;

static void fork_is_copy_on_write(void)
{
	int status = 0;
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		global = 2;
		_exit(global == 2 && getppid() == parent ? 7 : 99);
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid, "fork + waitpid");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "child's exit status 7, getppid");
	check(global == 1, "the child's write stayed in the child");
}

static void many_children_then_echild(void)
{
	int seen = 0, status;

	for (int i = 0; i < 5; i++)
		if (fork() == 0)
			_exit(10 + i);
	for (int i = 0; i < 5; i++) {
		if (wait(&status) > 0 && WIFEXITED(status))
			seen |= 1 << (WEXITSTATUS(status) - 10);
	}
	check(seen == 0x1f, "five children reaped, each status once");
	check(wait(&status) == -1 && errno == ECHILD, "no child left: ECHILD");
}

static void death_by_signal_is_reported(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		*(volatile int *)0 = 1;
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == 11, "segfaulting child: SIGSEGV");
}

static void vfork_and_execve(void)
{
	int status = 0;
	pid_t pid = vfork();

	if (pid == 0) {
		char *argv[] = { "/bin/hello", "9", NULL }, *envp[] = { NULL };

		execve("/bin/hello", argv, envp);
		_exit(98);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 9, "vfork + execve /bin/hello 9");
	status = 0;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "/nonexistent", NULL }, *envp[] = { NULL };

		execve("/nonexistent", argv, envp);
		_exit(errno == ENOENT ? 3 : 97);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 3, "execve of a missing file: ENOENT");
}

/* glibc's posix_spawn, system and popen: clone(CLONE_VM | CLONE_VFORK)
 * on a stack of their own, then /bin/sh -c for the last two. */
static void spawn_system_popen(void)
{
	char *argv[] = { "/bin/hello", "5", NULL }, *envp[] = { NULL }, buf[64] = "";
	int status = 0;
	pid_t pid;
	FILE *f;

	check(posix_spawn(&pid, "/bin/hello", NULL, NULL, argv, envp) == 0 &&
	      waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "posix_spawn /bin/hello 5");
	status = system("hello 6 > /dev/null");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 6, "system(\"hello 6\"): status 6");
	f = popen("echo through a pipe", "r");
	check(f && fgets(buf, sizeof(buf), f) && !strcmp(buf, "through a pipe\n") && pclose(f) == 0,
	      "popen reads a command's output");
}

int main(void)
{
	fork_is_copy_on_write();
	many_children_then_echild();
	death_by_signal_is_reported();
	vfork_and_execve();
	spawn_system_popen();
	printf("forktest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
