/*
 * user/longcall.c - system calls that move a lot must still end on
 * SIGKILL and keep Linux's limits: a 16 MiB write() to the terminal is
 * killed part way (the parent's waitpid returns long before the console
 * could print it all; a 30 s alarm catches a kernel that lets it run),
 * and one getrandom() call of 40 MiB returns 32 MiB - 1 bytes (the cap
 * of Linux up to 5.17, and Tessera's) or all of them (later ones cap at
 * INT_MAX), never another short count.  Prints one line per
 * check and `longcall: all ok`; exits 0 only if all passed.  Plain C
 * against glibc; runs on Linux too.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define BIG (16UL << 20)


static void on_alarm(int sig)
{
	(void)sig;
	printf("FAIL the killed writer was not reaped within 30 s\n");
	_exit(1);
}

static void sigkill_ends_a_long_terminal_write(void)
{
	char *buf = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	int status = 0;
	pid_t pid;

	if (buf == MAP_FAILED) {
		check(0, "mmap 16 MiB");
		return;
	}
	memset(buf, '.', BIG);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		write(1, buf, BIG);
		_exit(0);
	}
	nanosleep(&pause, NULL);
	signal(SIGALRM, on_alarm);
	alarm(30);
	kill(pid, SIGKILL);
	check(waitpid(pid, &status, 0) == pid, "\nwaitpid for the killed writer");
	alarm(0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer died of SIGKILL");
	munmap(buf, BIG);
}

static void getrandom_caps_one_call(void)
{
	size_t len = 40UL << 20;
	char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ssize_t n;

	if (buf == MAP_FAILED) {
		check(0, "mmap 40 MiB");
		return;
	}
	n = getrandom(buf, len, 0);
	printf("getrandom of 40 MiB: %zd\n", n);
	check(n == 0x1ffffff || n == (ssize_t)len, "getrandom returns 32 MiB - 1 or all");
	check(getrandom(buf, 16, 0x80) == -1, "getrandom: unknown flags are EINVAL");
	munmap(buf, len);
}

int main(void)
{
	sigkill_ends_a_long_terminal_write();
	getrandom_caps_one_call();
	printf(failures ? "longcall: %d failed\n" : "longcall: all ok\n", failures);
	return failures != 0;
}
