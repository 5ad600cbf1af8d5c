/*
 * user/forkbomb.c - fork until the kernel says no, then clean up.
 *
 * forkbomb [MAX]: each child just waits (pause) so it stays alive; the
 * parent forks until fork fails (or MAX children exist) and reports why -
 * EAGAIN when the process limit (RLIMIT_NPROC, threads-max) stops it,
 * ENOMEM when memory does.  Then it kills every child with SIGKILL and
 * reaps them all, and exits 0 only if it got every one back.  The point
 * for a student: a kernel must refuse, not fall over, and the shell that
 * started the bomb must survive it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long max = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
	pid_t *kids = calloc((size_t)(max < 100000 ? max : 100000), sizeof(pid_t));
	long n = 0, cap = max < 100000 ? max : 100000, reaped = 0;
	int err = 0;

	if (!kids || max <= 0) {
		fprintf(stderr, "usage: forkbomb [MAX]\n");
		return 2;
	}
	while (n < cap) {
		pid_t pid = fork();

		if (pid == 0) {
			for (;;)
				pause();
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
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
