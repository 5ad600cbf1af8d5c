/*
 * fs/fs_struct.h - a task's filesystem context: its current directory and
 * umask (Linux's struct fs_struct).  clone with CLONE_FS shares one
 * between tasks (pthreads do), so a chdir or umask in one thread is seen
 * by the others; without it the child gets a copy.
 *
 * Data: struct fs_struct, refcounted (count, atomic), freed by the last
 * put_fs_struct.
 * Locking: lock covers cwd (a string: readers copy it out under the lock)
 * and umask; it is a leaf lock.
 */
#ifndef FS_FS_STRUCT_H
#define FS_FS_STRUCT_H

#include "kernel/locking/spinlock.h"

#define TASK_CWD_MAX 128

struct fs_struct {
	int count;
	spinlock_t lock;
	u32 umask;
	char cwd[TASK_CWD_MAX];         /* absolute, canonical */
};

struct kmem_cache;

/* Its slab cache (slabinfo's fs_cache), made before the first task. */
extern struct kmem_cache *fs_cachep;
void fs_cache_init(void);
/* A fresh context: "/" and umask 022, or NULL. */
struct fs_struct *fs_struct_alloc(void);
/* to becomes a copy of from (clone without CLONE_FS). */
void copy_fs_struct(struct fs_struct *to, struct fs_struct *from);
void put_fs_struct(struct fs_struct *fs);
/* The current directory into buf; its full length, as strlcpy's. */
size_t get_fs_pwd(struct fs_struct *fs, char *buf, size_t size);
void set_fs_pwd(struct fs_struct *fs, const char *path);
u32 get_fs_umask(struct fs_struct *fs);
/* Set the umask; the old one. */
u32 set_fs_umask(struct fs_struct *fs, u32 mask);

#endif
