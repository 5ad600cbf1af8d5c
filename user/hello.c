/*
 * user/hello.c - the first program: prints its arguments and environment,
 * grows the heap (malloc -> brk, pages arriving on demand, zeroed), and
 * exits with the status given as its first argument (default 0).
 * Plain C against glibc, built with gcc -m32 -static; runs on Linux too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAP_BYTES (1 << 20)

static int heap_is_zeroed_and_writable(void)
{
	unsigned char *p = malloc(HEAP_BYTES);

	if (!p)
		return 0;
	for (size_t i = 0; i < HEAP_BYTES; i += 4096)
		if (p[i] != 0)
			return 0;
	memset(p, 0xa5, HEAP_BYTES);
	for (size_t i = 0; i < HEAP_BYTES; i += 1000)
		if (p[i] != 0xa5)
			return 0;
	free(p);
	return 1;
}

int main(int argc, char **argv, char **envp)
{
	printf("hello from %s, argc=%d\n", argv[0], argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (char **e = envp; *e; e++)
		printf("env %s\n", *e);
	printf("heap: %s\n", heap_is_zeroed_and_writable() ? "ok" : "BROKEN");
	return argc > 1 ? atoi(argv[1]) : 0;
}
