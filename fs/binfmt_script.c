/*
 * fs/binfmt_script.c - running `#!` scripts as Linux's binfmt_script
 * does: a file that starts with "#!interpreter [argument]" is run by
 * executing the interpreter with argv = { interpreter, argument (if any:
 * the rest of the line, one word even with spaces inside), the script's
 * path, the original argv[1..] }.  The interpreter may itself be a script,
 * up to SCRIPT_MAX_NESTING levels (then ELOOP, fs/exec.c); a line with no
 * interpreter, or longer than BINPRM_BUF_SIZE, is ENOEXEC.
 *
 * Data: struct script, owned by the exec that asked.  Locking: none of
 * its own (vfs_read takes the inode's).
 */
#include "fs/binfmt_script.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Cut "#!" line into interpreter and optional argument, in place. */
static int parse_line(char *line, char **interp, char **arg)
{
	char *end = memchr(line, '\n', BINPRM_BUF_SIZE);
	char *p = line + 2;

	if (!end)
		return -ENOEXEC;        /* too long (or no newline in a short file: see caller) */
	*end = '\0';
	while (end > p && is_blank(end[-1]))
		*--end = '\0';
	while (is_blank(*p))
		p++;
	if (!*p)
		return -ENOEXEC;        /* "#!" and nothing */
	*interp = p;
	while (*p && !is_blank(*p))
		p++;
	*arg = NULL;
	if (*p) {
		*p++ = '\0';
		while (is_blank(*p))
			p++;
		*arg = *p ? p : NULL;
	}
	return 0;
}

int load_script(struct inode *inode, const char *path, char *const argv[], struct script **sp)
{
	struct script *s;
	char magic[2];
	ssize_t n = vfs_read(inode, magic, sizeof(magic), 0);
	char *arg;
	int err, argc = 0;

	if (n < 2 || magic[0] != '#' || magic[1] != '!')
		return n < 0 ? (int)n : 0;      /* no script: nothing allocated */
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	n = vfs_read(inode, s->line, BINPRM_BUF_SIZE - 1, 0);
	if (n < 2) {
		kfree(s);
		return n < 0 ? (int)n : -ENOEXEC;
	}
	if (n < BINPRM_BUF_SIZE - 1 && !memchr(s->line, '\n', (size_t)n))
		s->line[n] = '\n';      /* a whole file of one line without its newline */
	err = parse_line(s->line, &s->interp, &arg);
	if (err) {
		kfree(s);
		return err;
	}
	s->argv[argc++] = s->interp;
	if (arg)
		s->argv[argc++] = arg;
	s->argv[argc++] = (char *)path;
	for (int i = 1; argv[0] && argv[i]; i++) {
		if (argc == SCRIPT_ARGS_MAX) {
			kfree(s);
			return -E2BIG;
		}
		s->argv[argc++] = argv[i];
	}
	s->argv[argc] = NULL;
	*sp = s;
	return 1;
}
