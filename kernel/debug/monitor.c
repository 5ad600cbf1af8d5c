/*
 * kernel/debug/monitor.c - the monitor's read-eval loop and command table.
 *
 * Data: the .monitor_cmds section (struct monitor_cmd, one per command,
 * in link order; help lists them by name).
 * Locking: one monitor, on the boot CPU, with interrupts enabled while it
 * waits for input; the in-kernel gdb stub runs a command (monitor CMD in
 * gdb) with the machine stopped, its output redirected by
 * monitor_set_output.
 */
#include "kernel/debug/monitor.h"
#include "drivers/tty/console.h"
#include "kernel/debug/readline.h"
#include "lib/ctype.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

extern const struct monitor_cmd __monitor_cmds_start[], __monitor_cmds_end[];

/* Where command output goes: the console, or (qRcmd) the gdb stub. */
static void (*output)(const char *s, size_t n) = console_write;

void monitor_set_output(void (*sink)(const char *s, size_t n))
{
	output = sink ? sink : console_write;
}

void monitor_write(const char *s, size_t n)
{
	output(s, n);
}

int mprintf(const char *fmt, ...)
{
	char buf[256];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	monitor_write(buf, (size_t)n);
	return n;
}

static const struct monitor_cmd *find_cmd(const char *name)
{
	for (const struct monitor_cmd *c = __monitor_cmds_start; c < __monitor_cmds_end; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static int split_words(char *line, char **argv)
{
	int argc = 0;
	char *word;

	while ((word = strsep(&line, " \t")) != NULL)
		if (*word && argc < MONITOR_MAX_ARGS)
			argv[argc++] = word;
	return argc;
}

int monitor_exec(char *line)
{
	char *argv[MONITOR_MAX_ARGS];
	int argc = split_words(line, argv);
	const struct monitor_cmd *cmd;

	if (!argc)
		return 0;
	cmd = find_cmd(argv[0]);
	if (!cmd) {
		mprintf("%s: unknown command (try 'help')\n", argv[0]);
		return -1;
	}
	return cmd->fn(argc, argv);
}

/* The command that sorts first after prev (NULL: the first of all).  The
 * table is in link order, which follows the files, not the names. */
static const struct monitor_cmd *next_cmd(const struct monitor_cmd *prev)
{
	const struct monitor_cmd *best = NULL;

	for (const struct monitor_cmd *c = __monitor_cmds_start; c < __monitor_cmds_end; c++)
		if ((!prev || strcmp(c->name, prev->name) > 0) &&
		    (!best || strcmp(c->name, best->name) < 0))
			best = c;
	return best;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mprintf("Commands:\n");
	for (const struct monitor_cmd *c = next_cmd(NULL); c; c = next_cmd(c))
		mprintf("  %-12s %s\n", c->name, c->help);
	return 0;
}
MONITOR_CMD("help", "list the monitor's commands", cmd_help);

void monitor_run(void)
{
	char line[READLINE_MAX];

	mprintf("Tessera kernel monitor. Type 'help' for commands.\n");
	for (;;) {
		readline(MONITOR_PROMPT, line);
		monitor_exec(line);
	}
}
