/*
 * user/forkbomb.c - fork until the kernel says no, then clean up.
 *
 * forkbomb [MAX [KB]]: each child touches KB kilobytes of its own
 * (default 0) and waits (pause) so it stays alive; with KB the parent
 * waits until the child has touched them (or died, or 5 s passed) before
 * the next fork, so the memory is really in use.  The parent forks until
 * fork fails (or MAX children exist) and reports why -
 * EAGAIN when the process limit (RLIMIT_NPROC, threads-max) stops it,
 * ENOMEM when memory does.  Then it kills every child with SIGKILL and
 * reaps them all, and exits 0 only if it got every one back.  The point
 * for a student: a kernel must refuse, not fall over, and the shell that
 * started the bomb must survive it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A child: touch kb kilobytes, say so on ready, then wait to be killed. */
static void child(long kb, int ready)
{
	volatile char *mine = kb ? malloc((size_t)kb * 1024) : NULL;

	/* volatile: stores never read again would be optimised away. */
	for (long i = 0; mine && i < kb * 1024; i += 4096)
		mine[i] = 1;
	if (kb && write(ready, "", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	long max = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
	long kb = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	pid_t *kids = calloc((size_t)(max < 100000 ? max : 100000), sizeof(pid_t));
	long n = 0, cap = max < 100000 ? max : 100000, reaped = 0;
	int err = 0, ready[2];

	if (!kids || max <= 0 || kb < 0 || pipe(ready)) {
		fprintf(stderr, "usage: forkbomb [MAX [KB]]\n");
		return 2;
	}
	while (n < cap) {
		pid_t pid = fork();

		if (pid == 0)
			child(kb, ready[1]);
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
		if (kb) {
			struct pollfd p = { .fd = ready[0], .events = POLLIN };
			char c;

			if (poll(&p, 1, 5000) == 1 && read(ready[0], &c, 1) != 1)
				break;
		}
	}
	if (err)
		printf("forkbomb: fork failed after %ld children: %s\n", n, strerror(err));
	else
		printf("forkbomb: reached %ld children\n", n);
	fflush(stdout);
	for (long i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (reaped < n && wait(NULL) > 0)
		reaped++;
	printf("forkbomb: reaped %ld\n", reaped);
	return reaped == n ? 0 : 1;
}
