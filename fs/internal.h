/*
 * fs/internal.h - what the file system calls share among themselves: the
 * *at conventions and the path helpers of fs/namei.c.  Not for code
 * outside fs/.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include "fs/fs.h"
#include "lib/types.h"

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH 0x1000

/* The user path made absolute against dirfd (AT_FDCWD: the current
 * directory); kfree the result.  NULL with *err set on failure. */
char *get_path_at(unsigned long dirfd, const char __user *upath, long *err);
char *get_path(const char __user *upath, long *err);
/* A call taking one path and doing one thing with it: op's result on
 * the kernel copy of upath, or get_path's error. */
long with_path(const char __user *upath, int (*op)(const char *path));
/* Look a user path up relative to dirfd: a referenced dentry, or NULL
 * with *err set. */
struct dentry *user_lookup_at(unsigned long dirfd, const char __user *upath, bool follow,
			      long *err);
struct dentry *user_lookup(const char __user *upath, long *err);
/* The *at calls with AT_EMPTY_PATH and "" mean the descriptor itself. */
bool empty_path(const char __user *upath, unsigned long flags);

#endif
