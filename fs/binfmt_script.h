/*
 * fs/binfmt_script.h - `#!` scripts (fs/binfmt_script.c).
 * Locking: none (reads the file through vfs_read).
 */
#ifndef FS_BINFMT_SCRIPT_H
#define FS_BINFMT_SCRIPT_H

#include "fs/fs.h"

#define SCRIPT_ARGS_MAX 64              /* as execve's EXEC_ARGS_MAX */
#define BINPRM_BUF_SIZE 256             /* the #! line must end within it */
#define SCRIPT_MAX_NESTING 4            /* interpreters that are scripts (Linux: 4) */

/* The interpreter to run instead, and its argv: the interpreter as named,
 * the line's optional argument, the script's path, then the original
 * argv[1..]. */
struct script {
	char *interp;
	char *argv[SCRIPT_ARGS_MAX + 1];
	char line[BINPRM_BUF_SIZE];
};

/* If inode (at path) starts with "#!": 1 and a new *sp (kfree it) for the
 * interpreter; 0 if it is no script; -ENOEXEC for a bad #! line, -E2BIG,
 * -ENOMEM. */
int load_script(struct inode *inode, const char *path, char *const argv[], struct script **sp);

#endif
