/*
 * user/sigtest.c - signals from user space: a handler run by kill() on
 * ourselves (with its siginfo - si_code and si_pid for kill and tgkill -
 * and the interrupted state restored after),
 * a blocked signal held pending until unblocked, SIGCHLD on a child's
 * exit, a SIGSEGV handler, default actions (SIGTERM kills, SIGCHLD is
 * ignored), SIGKILL ending a child asleep in a pipe read, and SIGPIPE;
 * nanosleep untouched by an ignored SIGCHLD but cut short (EINTR, with the
 * time left) by a handled signal; CPU exceptions in user mode (divide
 * error, invalid opcode, int3, a privileged instruction) becoming SIGFPE,
 * SIGILL, SIGTRAP, SIGSEGV, or running a handler;
 * and stale %gs selectors (from a sigreturn frame, or a TLS descriptor
 * emptied while loaded) that the kernel must replace with the null
 * selector instead of faulting in its own return path.
 * One line per check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static int failures;
static volatile sig_atomic_t got_usr1, got_chld, usr1_code, usr1_si_code, usr1_si_pid;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	failures += !ok;
}

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	got_usr1++;
	usr1_code = info->si_signo == sig;
	usr1_si_code = info->si_code;
	usr1_si_pid = info->si_pid;
}

static void on_chld(int sig)
{
	(void)sig;
	got_chld++;
}

static void on_segv(int sig)
{
	_exit(40 + sig);                /* 51: the handler ran */
}

static int wait_status(pid_t pid)
{
	int status = 0;

	waitpid(pid, &status, 0);
	return status;
}

static void handlers(void)
{
	struct sigaction sa;
	sigset_t set;
	volatile double x = 1.5;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	kill(getpid(), SIGUSR1);
	check(got_usr1 == 1 && usr1_code && x == 1.5, "handler ran with its siginfo, state kept");
	check(usr1_si_code == SI_USER && usr1_si_pid == getpid(), "kill: si_code SI_USER, si_pid ours");
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1);
	check(got_usr1 == 2 && usr1_si_code == SI_TKILL && usr1_si_pid == getpid(),
	      "tgkill: si_code SI_TKILL, si_pid ours (what pthread_cancel's handler checks)");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	check(got_usr1 == 2, "a blocked signal waits");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check(got_usr1 == 3, "and arrives when unblocked");
	signal(SIGCHLD, on_chld);
	if (fork() == 0)
		_exit(0);
	wait(NULL);
	check(got_chld == 1, "SIGCHLD when a child exits");
	signal(SIGCHLD, SIG_DFL);
}

static void defaults_and_kill(void)
{
	int fds[2], st;
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGSEGV, on_segv);
		*(volatile int *)0 = 1;
		_exit(0);
	}
	st = wait_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 51, "a SIGSEGV handler runs");
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	st = wait_status(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "SIGTERM's default action kills");
	pipe(fds);
	pid = fork();
	if (pid == 0) {
		char c;

		close(fds[1]);
		read(fds[0], &c, 1);    /* sleeps: nobody writes */
		_exit(0);
	}
	usleep(20000);
	kill(pid, SIGKILL);
	st = wait_status(pid);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "SIGKILL ends a sleeping reader");
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	check(write(fds[1], "x", 1) == -1 && errno == EPIPE, "no reader left: EPIPE");
	close(fds[1]);
}

static int trap_signal(int what)
{
	volatile int zero = 0, seven = 7;       /* gcc turns 1 / x into a compare */
	pid_t pid = fork();

	if (pid == 0) {
		if (what == 0)
			_exit(seven / zero);
		if (what == 1)
			asm volatile("ud2");
		if (what == 2)
			asm volatile("int3");
		if (what == 3)
			asm volatile("hlt");
		_exit(0);
	}
	int st = wait_status(pid);

	return WIFSIGNALED(st) ? WTERMSIG(st) : WIFEXITED(st) ? 100 + WEXITSTATUS(st) : -1;
}

static void on_fpe(int sig)
{
	_exit(40 + sig);                /* 48: the handler ran */
}

static void traps(void)
{
	check(trap_signal(0) == SIGFPE, "divide by zero: SIGFPE");
	check(trap_signal(1) == SIGILL, "ud2: SIGILL");
	check(trap_signal(2) == SIGTRAP, "int3: SIGTRAP");
	check(trap_signal(3) == SIGSEGV, "hlt in user mode: SIGSEGV");
	signal(SIGFPE, on_fpe);
	check(trap_signal(0) == 100 + 48, "a SIGFPE handler runs");
	signal(SIGFPE, SIG_DFL);
}

static void on_usr1_plain(int sig)
{
	(void)sig;
}

static void sleeps(void)
{
	struct timespec req = { 0, 300000000 }, rem = { 0, 0 };
	pid_t pid = fork();

	if (pid == 0) {
		usleep(20000);
		_exit(0);               /* SIGCHLD, ignored, during the sleep */
	}
	check(nanosleep(&req, &rem) == 0, "an ignored SIGCHLD leaves nanosleep alone");
	wait_status(pid);
	signal(SIGUSR1, on_usr1_plain);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	req = (struct timespec){ 2, 0 };
	int r = nanosleep(&req, &rem);

	check(r == -1 && errno == EINTR, "a handled signal cuts nanosleep short: EINTR");
	check(rem.tv_sec >= 0 && rem.tv_sec < 2 && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000 &&
	      (rem.tv_sec || rem.tv_nsec), "with the time left in rem");
	wait_status(pid);
}

/* Once %gs is bad, glibc (whose TLS and syscall gate live behind %gs)
 * is off limits: these children use int $0x80 directly. */
static long raw_syscall2(long nr, long a, long b)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b) : "memory");
	return ret;
}

static unsigned short read_gs(void)
{
	unsigned short sel;

	asm volatile("mov %%gs, %0" : "=r"(sel));
	return sel;
}

static void __attribute__((noreturn)) exit_gs_null(void)
{
	raw_syscall2(SYS_exit_group, read_gs() == 0 ? 0 : 1, 0);
	__builtin_unreachable();
}

static void on_usr2(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	((ucontext_t *)ucv)->uc_mcontext.gregs[REG_GS] = 0xfff3;  /* beyond the GDT */
}

static void stale_segments(void)
{
	struct sigaction sa;
	pid_t pid = fork();

	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_usr2;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR2, &sa, NULL);
		raw_syscall2(SYS_kill, raw_syscall2(SYS_getpid, 0, 0), SIGUSR2);
		exit_gs_null();
	}
	int st = wait_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sigreturn with a bad %gs: null %gs");
	pid = fork();
	if (pid == 0) {
		static int target;
		struct user_desc u = { .entry_number = -1u, .base_addr = (unsigned)&target,
				       .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1 };

		if (syscall(SYS_set_thread_area, &u))
			_exit(2);
		unsigned short sel = (unsigned short)(u.entry_number << 3 | 3);

		asm volatile("mov %0, %%gs" : : "r"(sel));
		u = (struct user_desc){ .entry_number = u.entry_number, .read_exec_only = 1,
					.seg_not_present = 1 };
		raw_syscall2(SYS_set_thread_area, (long)&u, 0);
		exit_gs_null();
	}
	st = wait_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "TLS entry emptied while in %gs: null %gs");
}

int main(void)
{
	handlers();
	defaults_and_kill();
	sleeps();
	traps();
	stale_segments();
	printf("sigtest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
