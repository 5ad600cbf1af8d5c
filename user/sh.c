/*
 * user/sh.c - a small shell: runs programs with arguments (looked up in
 * /bin when the name has no '/'), pipelines (a | b | c), redirections
 * (< file, > file, >> file), background jobs (&), and the built-ins cd,
 * pwd, exit, jobs, fg, bg and kill.  Reads lines from standard input,
 * printing "$ " when it is a terminal, or runs the one line of `sh -c
 * LINE` (as glibc's system and popen ask).  Plain C against glibc.
 * Busybox's applets are in /bin too (ls, cp, ...: /bin/ls -> busybox);
 * `busybox sh` is a fuller shell.  This one stays small to be read.
 *
 * Job control, interactive only: every pipeline is a process group of its
 * own (setpgid), and the terminal's foreground group (tcsetpgrp) is the
 * pipeline in front or, at the prompt, the shell.  Ctrl-C makes the
 * terminal send SIGINT to that group only: a foreground command dies of
 * it, background jobs (&) never see it, and the shell at its prompt
 * catches it to abandon the line being typed.  Ctrl-Z makes the terminal
 * send SIGTSTP, which stops the pipeline in front (the shell itself
 * ignores SIGTSTP, SIGTTIN and SIGTTOU): the shell's waitpid(WUNTRACED)
 * sees it stop and keeps it as a stopped job.  Background and stopped
 * jobs are kept in a table (jobs); fg continues one (SIGCONT to its group)
 * and waits for it in front; bg continues a stopped one in the
 * background; kill %N signals one.  Without a terminal (sh -c) there
 * are no groups: jobs run with SIGINT and SIGQUIT ignored, as in a shell
 * without job control.
 *
 * The line editor (interactive only) puts the terminal in raw mode while
 * a line is typed: Backspace, Ctrl-U, Ctrl-D on an empty line to leave,
 * and the up/down arrows to walk the history of earlier lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_WORDS 64
#define MAX_STAGES 8
#define MAX_JOBS 16
#define MAX_HISTORY 32
#define LINE_MAX_LEN 1024

struct stage {
	char *argv[MAX_WORDS];
	char *in, *out;
	int append;
};

/* A background or stopped pipeline: its process group, members still
 * running, whether Ctrl-Z stopped it, and the line that started it.  id
 * 0: a free slot. */
struct job {
	int id;
	pid_t pgid, pids[MAX_STAGES];
	int n, stopped;
	char cmd[80];
};

static struct job jobs[MAX_JOBS];
static int job_control;                 /* interactive: groups and tcsetpgrp */
static pid_t shell_pgid;

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

/* Ctrl-C while a line is typed abandons it: the jump back to get_line
 * catches the signal wherever it lands (before the read as well as in
 * it, where a flag tested before read() would miss it).  Elsewhere - the
 * shell waiting for a command - it is just caught, not fatal. */
static sigjmp_buf at_prompt;
static volatile sig_atomic_t editing;

static void on_sigint(int sig)
{
	(void)sig;
	if (editing)
		siglongjmp(at_prompt, 1);
}

/* In a child: its process group (the pipeline's, pgid 0: a new one led
 * by itself) with job control; without it, a background job ignores the
 * terminal's signals.  Everyone gets the default actions otherwise (an
 * ignored signal stays ignored across exec: the shell's own must go). */
static void set_job_signals(int background, pid_t pgid)
{
	int ignore = background && !job_control;

	if (job_control)
		setpgid(0, pgid);
	signal(SIGINT, ignore ? SIG_IGN : SIG_DFL);
	signal(SIGQUIT, ignore ? SIG_IGN : SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
}

/* The terminal's signals go to group pgid from now on. */
static void give_terminal(pid_t pgid)
{
	if (job_control)
		tcsetpgrp(0, pgid);
}

static int add_job(const pid_t *pids, int n, const char *cmd);

/* The stages from pids on (of group pgid) stopped (Ctrl-Z): they
 * become a stopped job. */
static int job_stopped(const pid_t *pids, int n, pid_t pgid, const char *cmd, int sig)
{
	int id = add_job(pids, n, cmd);

	for (int i = 0; id && i < MAX_JOBS; i++) {
		if (jobs[i].id == id) {
			jobs[i].stopped = 1;
			jobs[i].pgid = pgid;
		}
	}
	printf("\n[%d]+  Stopped                 %s\n", id, cmd);
	return 128 + sig;
}

/* Wait for a foreground pipeline (in group pgid), then take the terminal
 * back; a caught SIGINT does not end the wait, a stop (with job control)
 * does. */
static int wait_stages(const pid_t *pids, int n, pid_t pgid, const char *cmd)
{
	int status = 0, i;

	give_terminal(pgid);
	for (i = 0; i < n && !WIFSTOPPED(status); i++)
		while (waitpid(pids[i], &status, job_control ? WUNTRACED : 0) < 0 && errno == EINTR)
			;
	give_terminal(shell_pgid);
	if (WIFSTOPPED(status))
		return job_stopped(pids + i - 1, n - i + 1, pgid, cmd, WSTOPSIG(status));
	if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGQUIT))
		putchar('\n');         /* the terminal echoed ^C; end its line */
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static struct job *find_job(int id)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id && jobs[i].id == id)
			return &jobs[i];
	return NULL;
}

/* The newest job (the highest number, bash's "current" job "+"). */
static struct job *last_job(void)
{
	struct job *last = NULL;

	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id && (!last || jobs[i].id > last->id))
			last = &jobs[i];
	return last;
}

/* Remember a background pipeline; its number, as "[N] PID" shows it. */
static int add_job(const pid_t *pids, int n, const char *cmd)
{
	struct job *last = last_job();

	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (j->id)
			continue;
		j->id = last ? last->id + 1 : 1;
		j->pgid = pids[0];
		j->n = n;
		memcpy(j->pids, pids, n * sizeof(*pids));
		snprintf(j->cmd, sizeof(j->cmd), "%.*s", (int)sizeof(j->cmd) - 1, cmd);
		return j->id;
	}
	return 0;                       /* table full: it runs, untracked */
}

/* A member of a job ended: when the last one has, the job is done. */
static void job_member_ended(pid_t pid, int report)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		for (int k = 0; j->id && k < j->n; k++) {
			if (j->pids[k] != pid)
				continue;
			j->pids[k] = j->pids[--j->n];
			if (!j->n) {
				if (report)
					printf("[%d]+  Done                    %s\n", j->id, j->cmd);
				j->id = 0;
			}
			return;
		}
	}
}

/* Reap finished background jobs (orphans too) without waiting. */
static void reap_jobs(void)
{
	pid_t pid;

	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
		job_member_ended(pid, 1);
}

/* Run the pipeline; returns the last stage's status (or 0 in background). */
static int run(struct stage *st, int n, int background, const char *cmd)
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
			set_job_signals(background, i ? pids[0] : 0);
			if (in >= 0)
				dup2(in, 0), close(in);
			if (fds[1] >= 0)
				dup2(fds[1], 1), close(fds[1]), close(fds[0]);
			exec_stage(&st[i]);
		}
		if (job_control)         /* the child does it too: whoever runs first */
			setpgid(pids[i], pids[0]);
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
		int id = add_job(pids, n, cmd);

		printf("[%d] %d\n", id, pids[n - 1]);
		return 0;
	}
	return wait_stages(pids, n, pids[0], cmd);
}

static const struct { const char *name; int sig; } signames[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
};

/* "-9", "-KILL" or "-SIGKILL": the signal number, or -1. */
static int parse_signal(const char *arg)
{
	char *end;
	long n = strtol(arg + 1, &end, 10);

	if (arg[1] && !*end)
		return n > 0 && n < 65 ? (int)n : -1;
	if (!strncmp(arg + 1, "SIG", 3))
		arg += 3;
	for (unsigned int i = 0; i < sizeof(signames) / sizeof(signames[0]); i++)
		if (!strcmp(arg + 1, signames[i].name))
			return signames[i].sig;
	return -1;
}

/* "%N" (or nothing: the newest job) to a job, reporting a bad one. */
static struct job *job_arg(const char *cmd, const char *arg)
{
	struct job *j = arg ? (arg[0] == '%' ? find_job(atoi(arg + 1)) : NULL) : last_job();

	if (!j)
		fprintf(stderr, "sh: %s: %s: no such job\n", cmd, arg ? arg : "current");
	return j;
}

/* kill [-SIG] %N|PID ...: %N signals the job's whole process group. */
static int builtin_kill(char **argv)
{
	int sig = SIGTERM, status = 0;

	if (argv[1] && argv[1][0] == '-' && (sig = parse_signal(*++argv)) < 0) {
		fprintf(stderr, "sh: kill: %s: invalid signal\n", *argv);
		return 1;
	}
	if (!argv[1]) {
		fprintf(stderr, "usage: kill [-SIGNAL] %%JOB|PID ...\n");
		return 1;
	}
	while (*++argv) {
		struct job *j = **argv == '%' ? job_arg("kill", *argv) : NULL;
		pid_t target = j ? (job_control ? -j->pgid : j->pids[0]) : atoi(*argv);

		if ((**argv == '%' && !j) || (!j && target <= 0)) {
			status = 1;
		} else if (kill(target, sig) < 0) {
			fprintf(stderr, "sh: kill: %s: %s\n", *argv, strerror(errno));
			status = 1;
		}
	}
	return status;
}

static void builtin_jobs(void)
{
	struct job *last = last_job();

	reap_jobs();
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id)
			printf("[%d]%c  %-24s%s\n", jobs[i].id, &jobs[i] == last ? '+' : ' ',
			       jobs[i].stopped ? "Stopped" : "Running", jobs[i].cmd);
}

/* A stopped job runs again: SIGCONT to its group (or its members). */
static void continue_job(struct job *j)
{
	if (job_control)
		kill(-j->pgid, SIGCONT);
	else
		for (int i = 0; i < j->n; i++)
			kill(j->pids[i], SIGCONT);
	j->stopped = 0;
}

/* fg [%N]: the job comes to the front, running; the shell waits for it,
 * and Ctrl-C and Ctrl-Z now reach it. */
static int builtin_fg(const char *arg)
{
	struct job *j = job_arg("fg", arg);
	struct job copy;

	if (!j)
		return 1;
	copy = *j;
	j->id = 0;                      /* no longer a background job */
	give_terminal(copy.pgid);       /* before saying so: Ctrl-C may follow */
	puts(copy.cmd);
	continue_job(&copy);
	return wait_stages(copy.pids, copy.n, copy.pgid, copy.cmd);
}

/* bg [%N]: a stopped job runs on in the background. */
static int builtin_bg(const char *arg)
{
	struct job *j = job_arg("bg", arg);

	if (!j)
		return 1;
	if (!j->stopped) {
		fprintf(stderr, "sh: bg: job %d already in background\n", j->id);
		return 0;
	}
	continue_job(j);
	printf("[%d]+ %s\n", j->id, j->cmd);
	return 0;
}

static int builtin(struct stage *s, int *status)
{
	char cwd[256];
	char **argv = s->argv;

	if (!strcmp(argv[0], "exit"))
		exit(argv[1] ? atoi(argv[1]) : *status);
	if (!strcmp(argv[0], "cd")) {
		if (chdir(argv[1] ? argv[1] : "/") < 0)
			fprintf(stderr, "sh: cd: %s\n", strerror(errno));
	} else if (!strcmp(argv[0], "pwd")) {
		puts(getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	} else if (!strcmp(argv[0], "kill")) {
		*status = builtin_kill(argv);
	} else if (!strcmp(argv[0], "jobs")) {
		builtin_jobs();
	} else if (!strcmp(argv[0], "fg")) {
		*status = builtin_fg(argv[1]);
	} else if (!strcmp(argv[0], "bg")) {
		*status = builtin_bg(argv[1]);
	} else {
		return 0;
	}
	return 1;
}

/* One command line; status is the last command's. */
static void run_line(char *line, int *status)
{
	struct stage st[MAX_STAGES];
	char cmd[LINE_MAX_LEN];
	int n, background;

	snprintf(cmd, sizeof(cmd), "%s", line);
	cmd[strcspn(cmd, "\n")] = '\0';
	n = parse(line, st, &background);
	if (!n)
		return;
	if (n == 1 && !background && builtin(&st[0], status))
		return;
	*status = run(st, n, background, cmd);
}

/* ---- The line editor ---- */

static char history[MAX_HISTORY][LINE_MAX_LEN];
static int history_len;                 /* lines kept, the newest last */

static void remember(const char *line)
{
	if (!*line || (history_len && !strcmp(history[history_len - 1], line)))
		return;
	if (history_len == MAX_HISTORY)
		memmove(history[0], history[1], sizeof(history[0]) * (MAX_HISTORY - 1));
	else
		history_len++;
	snprintf(history[history_len - 1], LINE_MAX_LEN, "%s", line);
}

/* Rub out what is shown of the line and show text instead. */
static void replace_line(char *line, size_t *len, const char *text)
{
	for (; *len; (*len)--)
		fputs("\b \b", stdout);
	*len = strlen(text);
	memcpy(line, text, *len);
	fwrite(line, 1, *len, stdout);
}

/* After ESC: "[A" (up) or "[B" (down), "OA"/"OB" in application mode;
 * anything else (left, right, ...) is read and ignored.  Returns -1, +1
 * or 0 for the history step. */
static int read_escape(void)
{
	char seq[2];

	if (read(0, &seq[0], 1) != 1 || read(0, &seq[1], 1) != 1)
		return 0;
	if (seq[0] != '[' && seq[0] != 'O')
		return 0;
	return seq[1] == 'A' ? -1 : seq[1] == 'B' ? 1 : 0;
}

/*
 * Read a line with the terminal raw (no echo, byte by byte; ISIG stays,
 * so Ctrl-C still signals): returns 1 with the line (and '\n') in line,
 * 0 at end of file (Ctrl-D on an empty line), -1 on Ctrl-C.
 */
static int edit_line(char *line, size_t size)
{
	size_t len = 0;
	int pos = history_len;          /* history_len: the line being typed */
	char c;

	for (;;) {
		ssize_t r = read(0, &c, 1);

		if (r < 0 && errno == EINTR)
			return -1;
		if (r <= 0 || (c == 4 && !len))
			return 0;
		if (c == '\n' || c == '\r') {
			putchar('\n');
			line[len] = '\0';
			remember(line);
			snprintf(line + len, size - len, "\n");
			return 1;
		}
		if ((c == 0x7f || c == '\b') && len) {
			len--;
			fputs("\b \b", stdout);
		} else if (c == 0x15) {                 /* Ctrl-U */
			replace_line(line, &len, "");
		} else if (c == 0x1b) {
			int step = read_escape();

			if (step && pos + step >= 0 && pos + step <= history_len) {
				pos += step;
				replace_line(line, &len, pos < history_len ? history[pos] : "");
			}
		} else if (((unsigned char)c >= ' ' || c == '\t') && len < size - 2) {
			line[len++] = c;
			putchar(c);
		}
	}
}

/* A line from the terminal through the editor (the prompt printed once
 * the terminal is raw, so nothing typed after it is echoed twice), or
 * from a file or pipe as it comes; same returns as edit_line. */
static int get_line(char *line, size_t size, const struct termios *cooked)
{
	struct termios raw;
	int r;

	if (!job_control)
		return fgets(line, (int)size, stdin) ? 1 : 0;
	raw = *cooked;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(0, TCSANOW, &raw);
	if (sigsetjmp(at_prompt, 1)) {
		r = -1;                         /* Ctrl-C, from on_sigint */
	} else {
		editing = 1;
		fputs("$ ", stdout);
		r = edit_line(line, size);
	}
	editing = 0;
	tcsetattr(0, TCSANOW, cooked);  /* commands get the terminal as it was */
	return r;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX_LEN];
	struct termios cooked;
	int status = 0, r;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 2 && !strcmp(argv[1], "-c")) {      /* glibc's system() and popen() */
		snprintf(line, sizeof(line), "%s", argv[2]);
		run_line(line, &status);
		return status;
	}
	job_control = isatty(0) && tcgetattr(0, &cooked) == 0;
	if (job_control) {
		struct sigaction sa = { .sa_handler = on_sigint };  /* no SA_RESTART */

		sigaction(SIGINT, &sa, NULL);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);       /* Ctrl-Z stops the job in front, not us */
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTTOU, SIG_IGN);
		setpgid(0, 0);                  /* a group of its own, in front */
		shell_pgid = getpgrp();
		give_terminal(shell_pgid);
	}
	for (;;) {
		reap_jobs();
		r = get_line(line, sizeof(line), &cooked);
		if (r == 0)
			return status;
		if (r < 0) {                    /* Ctrl-C: drop the line, prompt again */
			fputs("^C\n", stdout);
			continue;
		}
		run_line(line, &status);
	}
}
