/*
 * kernel/params.c - dispatching the command line to __setup handlers.
 *
 * Data: boot_command_line (the loader's text, kept for the monitor and for
 * user space) and the .setup section of struct kernel_param.
 * Locking: runs once on the boot CPU before interrupts are enabled.
 */
#include "kernel/params.h"
#include "fs/exec.h"
#include "kernel/printk.h"
#include "lib/cmdline.h"
#include "lib/string.h"

char boot_command_line[COMMAND_LINE_SIZE];

static const struct kernel_param *find_param(const char *name,
					     const struct kernel_param *start,
					     const struct kernel_param *end)
{
	for (const struct kernel_param *p = start; p < end; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

static void note_unknown(char *unknown, size_t len, const char *name)
{
	size_t used = strlen(unknown);

	if (used && used + 1 < len) {
		unknown[used++] = ' ';
		unknown[used] = '\0';
	}
	if (used < len)
		strlcpy(unknown + used, name, len - used);
}

int parse_args(char *args, const struct kernel_param *start,
	       const struct kernel_param *end, char *unknown, size_t unknown_len)
{
	int nr_unknown = 0;
	char *param, *val;

	unknown[0] = '\0';
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!*param)
			continue;
		const struct kernel_param *p = find_param(param, start, end);

		if (!p) {
			if (init_takes_param(param, val))
				continue;       /* an argument for init, as in Linux */
			note_unknown(unknown, unknown_len, param);
			nr_unknown++;
		} else if (p->setup(val) != 0) {
			pr_warn("kernel parameter %s: invalid value '%s'\n",
				param, val ? val : "");
		}
	}
	return nr_unknown;
}

void parse_kernel_cmdline(void)
{
	static char args[COMMAND_LINE_SIZE];
	char unknown[COMMAND_LINE_SIZE];

	strlcpy(args, boot_command_line, sizeof(args));
	if (parse_args(args, __setup_start, __setup_end, unknown, sizeof(unknown)))
		pr_notice("Unknown kernel command line parameters \"%s\", will be ignored\n",
			  unknown);
}
