/*
 * user/memtest.c - memory from user space: anonymous mmap, munmap (a later
 * touch is a SIGSEGV), madvise(MADV_DONTNEED), private and shared file
 * mappings, a MAP_SHARED page seen across fork, malloc's big blocks
 * (glibc mmaps them), stack growth, mprotect (PROT_NONE and read-only
 * over pages already touched, then access given back), and /dev/zero,
 * /dev/null, /dev/urandom.  One line per check; exits 0 only if all
 * passed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PAGE 4096


static void anonymous(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = 0;
	pid_t pid;

	check(p != MAP_FAILED && p[0] == 0 && p[3 * PAGE - 1] == 0, "mmap anonymous: zeroed");
	memset(p, 7, 3 * PAGE);
	check(madvise(p + PAGE, PAGE, MADV_DONTNEED) == 0 && p[PAGE] == 0 && p[0] == 7,
	      "madvise DONTNEED drops just that page");
	check(munmap(p + PAGE, PAGE) == 0, "munmap the middle page");
	printf("# the hole is at %lx\n", (unsigned long)(p + PAGE));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		p[PAGE] = 1;            /* unmapped: SIGSEGV */
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == 11 && p[2 * PAGE] == 7,
	      "touching the hole is SIGSEGV, the rest stays");
}

/* The signal a child dies of touching p (write or read), 0 if none. */
static int touch_signal(volatile char *p, int write)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void protections(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	p[0] = 42;
	check(mprotect(p, PAGE, PROT_NONE) == 0 && touch_signal(p, 0) == 11,
	      "mprotect PROT_NONE: a touched page cannot be read");
	check(mprotect(p, PAGE, PROT_READ) == 0 && p[0] == 42 && touch_signal(p, 1) == 11,
	      "PROT_READ: readable again, contents kept, a write is SIGSEGV");
	check(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0 && (p[0] = 43, p[0] == 43),
	      "PROT_READ|PROT_WRITE: writable again");
	munmap(p, PAGE);
}

static void shared_across_fork(void)
{
	volatile int *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			       -1, 0);
	int status = 0;
	pid_t pid;

	s[0] = 1;                       /* touched before fork: shared */
	pid = fork();
	if (pid == 0) {
		s[0] = 42;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check(s[0] == 42, "MAP_SHARED: the child's write is seen by the parent");
}

static void file_mappings(void)
{
	char buf[8] = { 0 };
	int fd = open("/mapped", O_CREAT | O_RDWR | O_TRUNC, 0644);
	char *priv, *shared;

	write(fd, "original", 8);
	priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(priv != MAP_FAILED && !memcmp(priv, "original", 8), "private file mapping reads it");
	memcpy(priv, "PRIVATE!", 8);
	pread(fd, buf, 8, 0);
	check(!memcmp(buf, "original", 8), "a private write leaves the file alone");
	memcpy(shared, "SHARED!!", 8);
	pread(fd, buf, 8, 0);
	check(!memcmp(buf, "SHARED!!", 8), "a shared write reaches the file");
	close(fd);
}

static int deep(int n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	return n ? deep(n - 1) + frame[0] - (char)n + 1 : 0;
}

static void heap_stack_devices(void)
{
	char *big = malloc(1 << 20), buf[64];
	int fd;

	check(big && (memset(big, 1, 1 << 20), big[(1 << 20) - 1] == 1), "malloc 1 MiB");
	free(big);
	check(deep(400) == 400, "the stack grows past its first 128 KiB");
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	check(read(fd, buf, sizeof(buf)) == sizeof(buf) && !buf[0] && !buf[63], "/dev/zero");
	close(fd);
	fd = open("/dev/null", O_RDWR);
	check(write(fd, buf, 10) == 10 && read(fd, buf, 10) == 0, "/dev/null");
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	check(read(fd, buf, 32) == 32 && memcmp(buf, buf + 32, 32), "/dev/urandom");
	close(fd);
}

int main(void)
{
	protections();
	anonymous();
	shared_across_fork();
	file_mappings();
	heap_stack_devices();
	printf("memtest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
