/*
 * user/segv.c - dies of SIGSEGV on purpose: writes through a NULL pointer
 * after printing where, so the kernel's segfault report can be checked.
 */
#include <stdio.h>

int main(void)
{
	volatile int *p = (int *)0;

	printf("writing to %p\n", (void *)p);
	fflush(stdout);
	*p = 1;
	return 0;
}
