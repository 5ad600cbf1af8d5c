/*
 * user/segv.c - dies of SIGSEGV on purpose: writes through a NULL pointer
 * after printing where, so the kernel's segfault report can be checked.
 * `segv pipe`: a child holding both ends of a pipe does it instead, and
 * the parent prints how the child ended (dying closes the pipe, which
 * sleeps: the kernel must not do that from inside the fault handler).
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void segfault(void)
{
	volatile int *p = (int *)0;

	printf("writing to %p\n", (void *)p);
	fflush(stdout);
	*p = 1;
}

int main(int argc, char **argv)
{
	int fds[2], status = 0;
	pid_t pid;

	if (argc < 2 || strcmp(argv[1], "pipe"))
		segfault();
	if (pipe(fds) || (pid = fork()) < 0)
		return 2;
	if (pid == 0)
		segfault();
	close(fds[0]);                  /* the child's close is the last one */
	close(fds[1]);
	if (waitpid(pid, &status, 0) != pid)
		return 3;
	printf("child %s by signal %d\n", WIFSIGNALED(status) ? "killed" : "not killed",
	       WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return 0;
}
