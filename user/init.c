/*
 * user/init.c - the first process: starts the shell on the console and
 * reaps every child (orphans included, which the kernel gives to init)
 * until the shell exits, then exits with the shell's status - the kernel
 * then powers off, saying "init exited with status N".
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char *argv[] = { "sh", NULL };
	char *envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };
	int status = 0;
	pid_t sh, pid;

	printf("Tessera init: starting /bin/sh\n");
	sh = fork();
	if (sh == 0) {
		execve("/bin/sh", argv, envp);
		perror("init: /bin/sh");
		_exit(127);
	}
	while ((pid = wait(&status)) != sh)
		if (pid < 0)
			return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
