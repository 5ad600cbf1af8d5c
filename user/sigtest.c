/*
 * user/sigtest.c - signals from user space: a handler run by kill() on
 * ourselves (with its siginfo and the interrupted state restored after),
 * a blocked signal held pending until unblocked, SIGCHLD on a child's
 * exit, a SIGSEGV handler, default actions (SIGTERM kills, SIGCHLD is
 * ignored), SIGKILL ending a child asleep in a pipe read, and SIGPIPE.
 * One line per check; exits 0 only if all passed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static volatile sig_atomic_t got_usr1, got_chld, usr1_code;

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
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	check(got_usr1 == 1, "a blocked signal waits");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check(got_usr1 == 2, "and arrives when unblocked");
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

int main(void)
{
	handlers();
	defaults_and_kill();
	printf("sigtest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
