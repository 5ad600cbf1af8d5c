/*
 * user/sh.c - a small shell: runs programs with arguments (looked up in
 * /bin when the name has no '/'), pipelines (a | b | c), redirections
 * (< file, > file, >> file), background jobs (&), and the built-ins cd,
 * pwd and exit.  Reads lines from standard input, printing "$ " when it
 * is a terminal, or runs the one line of `sh -c LINE` (as glibc's system
 * and popen ask).  Plain C against glibc.
 *
 * Ctrl-C: the terminal sends SIGINT to every process of its foreground
 * group, this shell included.  Like a shell without job control, an
 * interactive sh catches SIGINT (to abandon the line being typed) and
 * ignores SIGQUIT; foreground commands get the default actions back, and
 * background ones (&) run with both ignored, so Ctrl-C stops only what
 * runs in the foreground.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORDS 64
#define MAX_STAGES 8

struct stage {
	char *argv[MAX_WORDS];
	char *in, *out;
	int append;
};

/* Split line into stages at '|'; returns how many, 0 on a syntax error. */
static int parse(char *line, struct stage *st, int *background)
{
	int n = 0, argc = 0;
	char *w;

	memset(st, 0, sizeof(*st));
	*background = 0;
	for (w = strtok(line, " \t\n"); w; w = strtok(NULL, " \t\n")) {
		if (!strcmp(w, "|")) {
			if (!argc || ++n == MAX_STAGES)
				return 0;
			memset(&st[n], 0, sizeof(st[n]));
			argc = 0;
		} else if (!strcmp(w, "&")) {
			*background = 1;
		} else if (!strcmp(w, "<") || !strcmp(w, ">") || !strcmp(w, ">>")) {
			char *file = strtok(NULL, " \t\n");

			if (!file)
				return 0;
			if (w[0] == '<')
				st[n].in = file;
			else
				st[n].out = file, st[n].append = w[1] == '>';
		} else if (argc < MAX_WORDS - 1) {
			st[n].argv[argc++] = w;
		}
	}
	return argc ? n + 1 : 0;
}

static void redirect(const struct stage *s)
{
	int fd;

	if (s->in) {
		fd = open(s->in, O_RDONLY);
		if (fd < 0 || dup2(fd, 0) < 0) {
			fprintf(stderr, "sh: %s: %s\n", s->in, strerror(errno));
			_exit(1);
		}
		close(fd);
	}
	if (s->out) {
		fd = open(s->out, O_WRONLY | O_CREAT | (s->append ? O_APPEND : O_TRUNC), 0644);
		if (fd < 0 || dup2(fd, 1) < 0) {
			fprintf(stderr, "sh: %s: %s\n", s->out, strerror(errno));
			_exit(1);
		}
		close(fd);
	}
}

static void exec_stage(const struct stage *s)
{
	char path[256];
	extern char **environ;

	redirect(s);
	if (strchr(s->argv[0], '/'))
		snprintf(path, sizeof(path), "%s", s->argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", s->argv[0]);
	execve(path, s->argv, environ);
	fprintf(stderr, "sh: %s: %s\n", s->argv[0], strerror(errno));
	_exit(127);
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void set_job_signals(int background)
{
	signal(SIGINT, background ? SIG_IGN : SIG_DFL);
	signal(SIGQUIT, background ? SIG_IGN : SIG_DFL);
}

/* Wait for the foreground pipeline; a caught SIGINT does not end it. */
static int wait_stages(const pid_t *pids, int n)
{
	int status = 0;

	for (int i = 0; i < n; i++)
		while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
			;
	if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGQUIT))
		putchar('\n');         /* the terminal echoed ^C; end its line */
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Run the pipeline; returns the last stage's status (or 0 in background). */
static int run(struct stage *st, int n, int background)
{
	pid_t pids[MAX_STAGES];
	int in = -1;

	for (int i = 0; i < n; i++) {
		int fds[2] = { -1, -1 };

		if (i < n - 1 && pipe(fds) < 0) {
			perror("sh: pipe");
			n = i;                  /* wait for the stages already started */
			break;
		}
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("sh: fork");
			if (fds[1] >= 0)
				close(fds[0]), close(fds[1]);
			n = i;
			break;
		}
		if (pids[i] == 0) {
			set_job_signals(background);
			if (in >= 0)
				dup2(in, 0), close(in);
			if (fds[1] >= 0)
				dup2(fds[1], 1), close(fds[1]), close(fds[0]);
			exec_stage(&st[i]);
		}
		if (in >= 0)
			close(in);
		if (fds[1] >= 0)
			close(fds[1]);
		in = fds[0];
	}
	if (in >= 0)
		close(in);
	if (!n)
		return 1;
	if (background) {
		printf("[%d]\n", pids[n - 1]);
		return 0;
	}
	return wait_stages(pids, n);
}

static int builtin(struct stage *s, int *status)
{
	char cwd[256];

	if (!strcmp(s->argv[0], "exit"))
		exit(s->argv[1] ? atoi(s->argv[1]) : *status);
	if (!strcmp(s->argv[0], "cd")) {
		if (chdir(s->argv[1] ? s->argv[1] : "/") < 0)
			fprintf(stderr, "sh: cd: %s\n", strerror(errno));
		return 1;
	}
	if (!strcmp(s->argv[0], "pwd")) {
		puts(getcwd(cwd, sizeof(cwd)) ? cwd : "?");
		return 1;
	}
	return 0;
}

/* One command line; status is the last command's. */
static void run_line(char *line, int *status)
{
	struct stage st[MAX_STAGES];
	int n, background;

	n = parse(line, st, &background);
	if (!n)
		return;
	if (n == 1 && !background && builtin(&st[0], status))
		return;
	*status = run(st, n, background);
}

int main(int argc, char **argv)
{
	char line[1024];
	int status = 0, interactive;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 2 && !strcmp(argv[1], "-c")) {      /* glibc's system() and popen() */
		snprintf(line, sizeof(line), "%s", argv[2]);
		run_line(line, &status);
		return status;
	}
	interactive = isatty(0);
	if (interactive) {
		struct sigaction sa = { .sa_handler = on_sigint };  /* no SA_RESTART */

		sigaction(SIGINT, &sa, NULL);
		signal(SIGQUIT, SIG_IGN);
	}
	for (;;) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;                       /* reap finished background jobs */
		if (interactive)
			fputs("$ ", stdout);
		interrupted = 0;
		if (!fgets(line, sizeof(line), stdin)) {
			if (!interrupted)
				return status;
			clearerr(stdin);        /* Ctrl-C: drop the line, prompt again */
			putchar('\n');
			continue;
		}
		run_line(line, &status);
	}
}
