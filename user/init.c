/*
 * user/init.c - the first process: starts the shell on the console and
 * reaps every child (orphans included, which the kernel gives to init).
 * When the shell exits, init exits with the shell's status - the kernel
 * then powers off, saying "init exited with status N".  When the shell is
 * killed instead (by a signal: a kill from another process, or the OOM killer),
 * init starts a new one, as a getty would, so the machine stays usable.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t start_shell(void)
{
	char *argv[] = { "sh", NULL };
	char *envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };
	pid_t sh = fork();

	if (sh == 0) {
		execve("/bin/sh", argv, envp);
		perror("init: /bin/sh");
		_exit(127);
	}
	return sh;
}

int main(void)
{
	int status = 0;
	pid_t sh, pid;
	time_t started;

	printf("Tessera init: starting /bin/sh\n");
	for (;;) {
		started = time(NULL);
		sh = start_shell();
		while ((pid = wait(&status)) != sh)
			if (pid < 0)
				return 1;
		if (!WIFSIGNALED(status))
			return WEXITSTATUS(status);
		printf("Tessera init: sh killed by signal %d; starting a new one\n",
		       WTERMSIG(status));
		if (time(NULL) - started < 1)
			sleep(1);               /* dying at once: do not spin */
	}
}
