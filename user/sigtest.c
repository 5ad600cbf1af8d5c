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
 * The siginfo of faults (SEGV_MAPERR/SEGV_ACCERR and the address, SIGBUS
 * BUS_ADRERR past a shared file's end, FPE_INTDIV and ILL_ILLOPN at the
 * instruction, int3's SI_KERNEL) and of SIGCHLD (CLD_EXITED, CLD_KILLED,
 * CLD_STOPPED, CLD_CONTINUED with si_pid and si_status; none for a stop
 * under SA_NOCLDSTOP); job control: SIGSTOP and SIGTSTP stop a child
 * ('T' in /proc), reported once by waitpid(WUNTRACED), SIGTSTP discarded
 * in an orphaned process group and stopping one that is not, SIGCONT resumes it
 * (WCONTINUED) and discards a pending stop signal, SIGKILL ends it
 * stopped; waitid (P_PID, P_PGID, P_ALL, WNOWAIT, WNOHANG, EINVAL,
 * ECHILD); sigtimedwait/sigwaitinfo/sigwait (a pending signal with its
 * siginfo, {0,0} and a timeout giving EAGAIN, EINVAL, EFAULT, EINTR from
 * a handled signal, a default-ignored SIGCHLD waited for); a nanosleep
 * stopped and continued sleeping on to its end.
 * One line per check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t got_usr1, got_chld, usr1_code, usr1_si_code, usr1_si_pid;

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

static sigjmp_buf fault_jmp;
static volatile int fault_signo, fault_code;
static void *volatile fault_addr;
static volatile unsigned long fault_eip;

static void on_fault(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	fault_signo = info->si_signo;
	fault_code = info->si_code;
	fault_addr = info->si_addr;
	fault_eip = (unsigned long)((ucontext_t *)ucv)->uc_mcontext.gregs[REG_EIP];
	siglongjmp(fault_jmp, 1);
}

/* Each fault in turn, caught by on_fault (sigsetjmp saves the mask). */
#define CATCH(stmt) do { fault_signo = 0; if (!sigsetjmp(fault_jmp, 1)) { stmt; } } while (0)

static void fault_siginfo(void)
{
	struct sigaction sa, old[5];
	static const int sigs[5] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
	volatile int zero = 0, seven = 7;
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *hole = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/shm/sigtest-bus", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *shared;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	for (int i = 0; i < 5; i++)
		sigaction(sigs[i], &sa, &old[i]);
	munmap(hole, 4096);
	CATCH((void)*(volatile char *)(hole + 12));
	check(fault_signo == SIGSEGV && fault_code == SEGV_MAPERR && fault_addr == hole + 12,
	      "read of an unmapped address: SIGSEGV, SEGV_MAPERR, si_addr the address");
	CATCH(*(volatile char *)(ro + 100) = 1);
	check(fault_signo == SIGSEGV && fault_code == SEGV_ACCERR && fault_addr == ro + 100,
	      "write to a read-only mapping: SIGSEGV, SEGV_ACCERR, si_addr the address");
	check(write(fd, "x", 1) == 1, "a one-byte /dev/shm file");
	shared = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	CATCH((void)*(volatile char *)(shared + 4096 + 8));
	check(fault_signo == SIGBUS && fault_code == BUS_ADRERR && fault_addr == shared + 4096 + 8,
	      "read past a shared file's last page: SIGBUS, BUS_ADRERR, si_addr the address");
	CATCH(seven = seven / zero);
	check(fault_signo == SIGFPE && fault_code == FPE_INTDIV && fault_addr == (void *)fault_eip &&
	      *(unsigned char *)fault_addr == 0xf7,
	      "divide by zero: SIGFPE, FPE_INTDIV, si_addr the div instruction");
	CATCH(asm volatile("ud2"));
	check(fault_signo == SIGILL && fault_code == ILL_ILLOPN && fault_addr == (void *)fault_eip &&
	      ((unsigned char *)fault_addr)[1] == 0x0b, "ud2: SIGILL, ILL_ILLOPN, si_addr the instruction");
	CATCH(asm volatile("int3"));
	check(fault_signo == SIGTRAP && fault_code == SI_KERNEL && ((unsigned char *)fault_eip)[-1] == 0xcc,
	      "int3: SIGTRAP, SI_KERNEL (as Linux's x86 int3), after the int3");
	for (int i = 0; i < 5; i++)
		sigaction(sigs[i], &old[i], NULL);
	munmap(ro, 4096);
	munmap(shared, 8192);
	close(fd);
	unlink("/dev/shm/sigtest-bus");
}

static volatile sig_atomic_t chld_count, chld_code, chld_pid, chld_status;

static void on_chld_info(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	chld_count++;
	chld_code = info->si_code;
	chld_pid = info->si_pid;
	chld_status = info->si_status;
}

static int chld_was(int code, pid_t pid, int status)
{
	return chld_code == code && chld_pid == pid && chld_status == status;
}

/* A child that just waits for signals. */
static pid_t idle_child(void)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			pause();
	return pid;
}

/* The state letter of /proc/PID/stat ('?' if unreadable). */
static char proc_state(pid_t pid)
{
	char path[64], buf[256], *paren;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	paren = strrchr(buf, ')');
	return paren && paren[1] ? paren[2] : '?';
}

static void stop_and_continue(pid_t pid)
{
	int st = 0;

	kill(pid, SIGSTOP);
	check(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "SIGSTOP: waitpid(WUNTRACED) sees WIFSTOPPED, WSTOPSIG SIGSTOP");
	check(chld_was(CLD_STOPPED, pid, SIGSTOP), "SIGCHLD: CLD_STOPPED, si_status SIGSTOP");
	check(proc_state(pid) == 'T', "a stopped child is T in /proc/PID/stat");
	check(waitpid(pid, &st, WUNTRACED | WNOHANG) == 0, "a stop is reported once");
	kill(pid, SIGCONT);
	check(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st),
	      "SIGCONT: waitpid(WCONTINUED) sees WIFCONTINUED");
	check(chld_was(CLD_CONTINUED, pid, SIGCONT), "SIGCHLD: CLD_CONTINUED, si_status SIGCONT");
	check(waitpid(pid, &st, WCONTINUED | WNOHANG) == 0, "a continue is reported once");
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGKILL);
	check(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "SIGKILL ends a stopped child");
	check(chld_was(CLD_KILLED, pid, SIGKILL), "SIGCHLD: CLD_KILLED, si_status SIGKILL");
}

/* Job control needs a parent outside the group to do it.  In a process
 * group where no member has a parent in another group of the session
 * (init does not count) - an orphaned group - SIGTSTP, SIGTTIN and
 * SIGTTOU are discarded, since a group stopped there would stay stopped,
 * and only SIGSTOP stops.  This program's children share its group, whose
 * one outside parent is init (Tessera's program is init; Linux's is
 * linuxinit's child): orphaned.  A grandchild in a group of its own under
 * a child in ours is not. */
static void orphaned_groups(void)
{
	int st = 0;
	pid_t pid = idle_child(), mid;

	kill(pid, SIGTSTP);
	usleep(100000);
	check(waitpid(pid, &st, WUNTRACED | WNOHANG) == 0,
	      "SIGTSTP to an orphaned process group is discarded");
	kill(pid, SIGSTOP);
	check(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "SIGSTOP stops it all the same");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	mid = fork();
	if (mid == 0) {
		pid_t c = fork();
		int ok;

		if (c == 0) {
			setpgid(0, 0);
			for (;;)
				pause();
		}
		setpgid(c, c);          /* both sides, so neither waits on the other */
		kill(c, SIGTSTP);
		ok = waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP;
		kill(c, SIGKILL);
		waitpid(c, &st, 0);
		_exit(ok ? 0 : 1);
	}
	check(waitpid(mid, &st, 0) == mid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "SIGTSTP stops a process whose group has a parent outside it");
}

/* SIGCONT discards a stop signal pending (blocked) in the child. */
static void continue_discards_stop(void)
{
	int ready[2], go[2], st = 0;
	char c = 0;
	pid_t pid;

	pipe(ready);
	pipe(go);
	pid = fork();
	if (pid == 0) {
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_BLOCK, &set, NULL);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		sigpending(&set);
		_exit(sigismember(&set, SIGTSTP));
	}
	read(ready[0], &c, 1);
	kill(pid, SIGTSTP);
	kill(pid, SIGCONT);
	write(go[1], "g", 1);
	check(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "SIGCONT discards a pending SIGTSTP");
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

static void child_siginfo(void)
{
	struct sigaction sa;
	int st = 0;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0)
		_exit(7);
	waitpid(pid, &st, 0);
	check(chld_was(CLD_EXITED, pid, 7), "SIGCHLD: CLD_EXITED, si_pid the child, si_status 7");
	pid = idle_child();
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	check(chld_was(CLD_KILLED, pid, SIGTERM), "SIGCHLD: CLD_KILLED, si_status SIGTERM");
	stop_and_continue(idle_child());
	orphaned_groups();
	continue_discards_stop();
	sa.sa_flags |= SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	pid = idle_child();
	chld_count = 0;
	kill(pid, SIGSTOP);
	check(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && chld_count == 0,
	      "SA_NOCLDSTOP: the stop is waitable, no SIGCHLD");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	check(chld_count == 1, "SA_NOCLDSTOP: SIGCHLD for the death");
	signal(SIGCHLD, SIG_DFL);
}

static int siginfo_is(const siginfo_t *si, int code, pid_t pid, int status)
{
	return si->si_signo == SIGCHLD && si->si_errno == 0 && si->si_code == code &&
	       si->si_pid == pid && si->si_status == status && si->si_uid == getuid();
}

static void waitid_calls(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	check(waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && siginfo_is(&si, CLD_EXITED, pid, 3),
	      "waitid(P_PID, WNOWAIT): CLD_EXITED, si_pid, si_status 3");
	memset(&si, 0, sizeof(si));
	check(waitid(P_ALL, 0, &si, WEXITED) == 0 && siginfo_is(&si, CLD_EXITED, pid, 3),
	      "waitid(P_ALL) after WNOWAIT: the same child, reaped");
	check(waitid(P_ALL, 0, &si, WEXITED | WNOHANG) == -1 && errno == ECHILD, "no child: ECHILD");
	check(waitid(P_ALL, 0, &si, WNOHANG) == -1 && errno == EINVAL, "no state asked for: EINVAL");
	check(waitid(P_PID, 0, &si, WEXITED) == -1 && errno == EINVAL, "P_PID 0: EINVAL");
	pid = idle_child();
	memset(&si, 0x55, sizeof(si));
	check(waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0 && si.si_signo == 0,
	      "WNOHANG, nothing yet: 0, si_pid and si_signo 0");
	kill(pid, SIGSTOP);
	check(waitid(P_PGID, getpgrp(), &si, WSTOPPED) == 0 && siginfo_is(&si, CLD_STOPPED, pid, SIGSTOP),
	      "waitid(P_PGID, WSTOPPED): CLD_STOPPED, si_status SIGSTOP");
	kill(pid, SIGCONT);
	check(waitid(P_PID, pid, &si, WCONTINUED) == 0 && siginfo_is(&si, CLD_CONTINUED, pid, SIGCONT),
	      "waitid(WCONTINUED): CLD_CONTINUED, si_status SIGCONT");
	kill(pid, SIGKILL);
	check(waitid(P_PID, pid, &si, WEXITED) == 0 && siginfo_is(&si, CLD_KILLED, pid, SIGKILL),
	      "waitid(WEXITED): CLD_KILLED, si_status SIGKILL");
}

static volatile sig_atomic_t got_usr2;

static void on_usr2_count(int sig)
{
	(void)sig;
	got_usr2++;
}

/* A child that sends sig to us after ms milliseconds. */
static pid_t signal_later(int sig, int ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		usleep((useconds_t)ms * 1000);
		kill(getppid(), sig);
		_exit(0);
	}
	return pid;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A stop and SIGCONT (no handler) do not end a nanosleep: it goes on to
 * its deadline (Linux restarts it through restart_syscall). */
static void stopped_sleep_goes_on(void)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec req = { 0, 300000000 };
		double t0 = now();
		int r = nanosleep(&req, NULL);

		_exit(r == 0 && now() - t0 >= 0.3 ? 0 : 1);
	}
	usleep(50000);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	check(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "a nanosleep stopped and continued sleeps on to its end, no EINTR");
}

static void timed_waits(void)
{
	struct timespec zero = { 0, 0 }, short_wait = { 0, 50000000 }, bad = { 0, 1000000000 };
	sigset_t set, old;
	siginfo_t si;
	double t0;
	int sig = 0;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	check(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN, "sigtimedwait {0,0}, none: EAGAIN");
	kill(getpid(), SIGUSR1);
	check(sigtimedwait(&set, &si, &zero) == SIGUSR1 && si.si_signo == SIGUSR1 &&
	      si.si_code == SI_USER && si.si_pid == getpid(), "a pending signal is taken, with its siginfo");
	t0 = now();
	check(sigtimedwait(&set, &si, &short_wait) == -1 && errno == EAGAIN && now() - t0 >= 0.05,
	      "a 50 ms timeout passes: EAGAIN");
	check(sigtimedwait(&set, &si, &bad) == -1 && errno == EINVAL, "tv_nsec 1e9: EINVAL");
	check(syscall(SYS_rt_sigtimedwait, 16, NULL, &zero, 8) == -1 && errno == EFAULT,
	      "a bad set: EFAULT");
	check(syscall(SYS_rt_sigtimedwait, &set, NULL, &zero, 4) == -1 && errno == EINVAL,
	      "a bad set size: EINVAL");
	kill(getpid(), SIGUSR1);
	check(syscall(SYS_rt_sigtimedwait, &set, 16, &zero, 8) == -1 && errno == EFAULT,
	      "a bad siginfo pointer: EFAULT");
	pid = signal_later(SIGUSR1, 50);
	check(sigwait(&set, &sig) == 0 && sig == SIGUSR1, "sigwait sleeps until the signal comes");
	waitpid(pid, NULL, 0);
	signal(SIGUSR2, on_usr2_count);
	pid = signal_later(SIGUSR2, 50);
	check(sigwaitinfo(&set, &si) == -1 && errno == EINTR && got_usr2 == 1,
	      "a handled signal outside the set: its handler, then EINTR");
	waitpid(pid, NULL, 0);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		_exit(5);
	}
	check(sigwaitinfo(&set, &si) == SIGCHLD && si.si_code == CLD_EXITED && si.si_pid == pid &&
	      si.si_status == 5, "a blocked SIGCHLD (default: ignored) is waited for: CLD_EXITED");
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGUSR2, SIG_DFL);
}

int main(void)
{
	handlers();
	defaults_and_kill();
	sleeps();
	traps();
	stale_segments();
	fault_siginfo();
	child_siginfo();
	waitid_calls();
	timed_waits();
	stopped_sleep_goes_on();
	printf("sigtest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
