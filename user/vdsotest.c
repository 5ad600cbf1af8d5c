/*
 * user/vdsotest.c - system calls through the vsyscall page: the object
 * AT_SYSINFO_EHDR names is an i386 shared object exporting
 * __kernel_vsyscall at AT_SYSINFO, and glibc calls it for every system
 * call; a call through it with six arguments; restarts through it, after
 * a handler (SA_RESTART) and after a stop and continue; a program that
 * enters with a bad stack dies of SIGSEGV and the kernel goes on;
 * single-stepping across a call keeps stepping after it.  One line per
 * check; exits with the number of failures.  Runs on Linux too, whose
 * vDSO is the same kind of object (tools/linux.py same vdsotest).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

/* vsys6(nr, a1..a6, entry): the call made as glibc makes it, through the
 * page's entry, with every argument register loaded (ebp: the sixth). */
long vsys6(long nr, long a1, long a2, long a3, long a4, long a5, long a6, unsigned long entry);
asm(".text\n"
    ".globl vsys6\n"
    "vsys6:\n"
    "	push %ebp\n"
    "	push %ebx\n"
    "	push %esi\n"
    "	push %edi\n"
    "	mov 20(%esp), %eax\n"
    "	mov 24(%esp), %ebx\n"
    "	mov 28(%esp), %ecx\n"
    "	mov 32(%esp), %edx\n"
    "	mov 36(%esp), %esi\n"
    "	mov 40(%esp), %edi\n"
    "	mov 44(%esp), %ebp\n"
    "	call *48(%esp)\n"
    "	pop %edi\n"
    "	pop %esi\n"
    "	pop %ebx\n"
    "	pop %ebp\n"
    "	ret\n");

static unsigned long sysinfo;

static const Elf32_Phdr *phdr_of(const Elf32_Ehdr *e, Elf32_Word type)
{
	const Elf32_Phdr *ph = (const void *)((const char *)e + e->e_phoff);

	for (int i = 0; i < e->e_phnum; i++)
		if (ph[i].p_type == type)
			return &ph[i];
	return NULL;
}

/* The address __kernel_vsyscall has in the object, through its dynamic
 * symbol table (DT_HASH's chain count is the number of symbols). */
static unsigned long exported_entry(const Elf32_Ehdr *e)
{
	const Elf32_Phdr *load = phdr_of(e, PT_LOAD), *dyn = phdr_of(e, PT_DYNAMIC);
	const Elf32_Sym *sym = NULL;
	const Elf32_Word *hash = NULL;
	const char *str = NULL;

	if (!load || !dyn)
		return 0;
	unsigned long bias = (unsigned long)e - load->p_vaddr;

	for (const Elf32_Dyn *d = (const void *)(bias + dyn->p_vaddr); d->d_tag != DT_NULL; d++) {
		if (d->d_tag == DT_SYMTAB)
			sym = (const void *)(bias + d->d_un.d_ptr);
		else if (d->d_tag == DT_STRTAB)
			str = (const void *)(bias + d->d_un.d_ptr);
		else if (d->d_tag == DT_HASH)
			hash = (const void *)(bias + d->d_un.d_ptr);
	}
	if (!sym || !str || !hash)
		return 0;
	for (Elf32_Word i = 0; i < hash[1]; i++)
		if (!strcmp(str + sym[i].st_name, "__kernel_vsyscall"))
			return bias + sym[i].st_value;
	return 0;
}

static void the_object(void)
{
	const Elf32_Ehdr *e = (const void *)getauxval(AT_SYSINFO_EHDR);
	unsigned long gs_sysinfo;

	sysinfo = getauxval(AT_SYSINFO);
	check(e && sysinfo, "AT_SYSINFO_EHDR and AT_SYSINFO given");
	if (!e || !sysinfo)
		exit(failures);
	check(!memcmp(e->e_ident, ELFMAG, SELFMAG) && e->e_ident[EI_CLASS] == ELFCLASS32 &&
	      e->e_type == ET_DYN && e->e_machine == EM_386, "AT_SYSINFO_EHDR: an i386 shared object");
	check(exported_entry(e) == sysinfo, "it exports __kernel_vsyscall at AT_SYSINFO");
	asm("movl %%gs:0x10, %0" : "=r"(gs_sysinfo));
	check(gs_sysinfo == sysinfo, "glibc calls through it (%gs:0x10)");
}

/* mmap2's offset, in pages, is the sixth argument. */
static void six_arguments(void)
{
	char path[] = "/tmp/vdsotest.XXXXXX", page[4096];
	int fd = mkstemp(path);

	memset(page, 'a', sizeof(page));
	write(fd, page, sizeof(page));
	memset(page, 'b', sizeof(page));
	write(fd, page, sizeof(page));
	unsigned long p = (unsigned long)vsys6(SYS_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 1,
					       sysinfo);

	check(p < -4096UL && ((char *)p)[0] == 'b' && ((char *)p)[4095] == 'b',
	      "mmap2 through the page: the sixth argument (offset 1 page) arrives");
	munmap((void *)p, 4096);
	check(vsys6(SYS_getpid, 0, 0, 0, 0, 0, 0, sysinfo) == getpid(), "getpid through the page");
	close(fd);
	unlink(path);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* A child writes one byte after stopping and continuing us (or not);
 * meanwhile a read through the page waits for it and is restarted. */
static void restarted_read(int stop_us, const char *what)
{
	int p[2];
	char c = 0;

	pipe(p);
	pid_t parent = getpid(), child = fork();

	if (child == 0) {
		usleep(200000);
		if (stop_us) {
			kill(parent, SIGSTOP);
			usleep(100000);
			kill(parent, SIGCONT);
			usleep(100000);
		}
		write(p[1], "R", 1);
		_exit(0);
	}
	long n = vsys6(SYS_read, p[0], (long)&c, 1, 0, 0, 0, sysinfo);
	check(n == 1 && c == 'R', what);
	waitpid(child, NULL, 0);
	close(p[0]);
	close(p[1]);
}

static void restarts(void)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { .it_value = { 0, 50000 } };

	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	restarted_read(0, "a read through the page, interrupted by a SA_RESTART handler, restarts");
	check(alarms == 1, "the handler ran once");
	restarted_read(1, "a read through the page, stopped and continued, restarts");
}

/* sysenter with ebp (the stack the page would have pushed) at 16. */
static void bad_stack(void)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		asm volatile("mov $16, %%ebp\n\tmov %0, %%eax\n\tsysenter" : : "i"(SYS_getpid));
		_exit(0);
	}
	waitpid(child, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "sysenter with a bad stack: SIGSEGV, and the kernel goes on");
}

extern const char step_after_call[], step_end[];
static volatile int traps, traps_after;

static void on_trap(int sig, siginfo_t *si, void *uc)
{
	unsigned long eip = (unsigned long)((ucontext_t *)uc)->uc_mcontext.gregs[REG_EIP];

	(void)sig;
	(void)si;
	traps++;
	if (eip > (unsigned long)step_after_call && eip <= (unsigned long)step_end)
		traps_after++;
}

/* TF set, getpid through the page, a few instructions, TF cleared. */
static void __attribute__((noinline)) single_step(void)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };
	long pid;

	sigaction(SIGTRAP, &sa, NULL);
	asm volatile("pushf\n\torl $0x100, (%%esp)\n\tpopf\n\t"
		     "call *%1\n"
		     "step_after_call:\n\t"
		     "nop\n\tnop\n\tnop\n\t"
		     "pushf\n\tandl $~0x100, (%%esp)\n\tpopf\n"
		     "step_end:"
		     : "=a"(pid) : "m"(sysinfo), "a"(SYS_getpid) : "memory", "cc");
	check(pid == getpid(), "getpid through the page while single-stepping");
	check(traps_after >= 3, "single-stepping goes on after the call returns");
}

int main(void)
{
	the_object();
	six_arguments();
	restarts();
	bad_stack();
	single_step();
	printf("vdsotest: %d failures\n", failures);
	return failures;
}
