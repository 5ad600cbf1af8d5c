/*
 * fs/fs_struct.c - the current directory and umask, shareable between
 * threads (see fs/fs_struct.h).
 *
 * Data: struct fs_struct from kmalloc.
 * Locking: fs->lock (a leaf spinlock) for cwd and umask; count is atomic.
 */
#include "fs/fs_struct.h"
#include "lib/string.h"
#include "mm/slab.h"

struct fs_struct *fs_struct_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->count = 1;
	spin_lock_init(&fs->lock);
	fs->umask = 022;
	strlcpy(fs->cwd, "/", sizeof(fs->cwd));
	return fs;
}

/* to is new and ours alone: only from needs its lock. */
void copy_fs_struct(struct fs_struct *to, struct fs_struct *from)
{
	spin_lock(&from->lock);
	to->umask = from->umask;
	strlcpy(to->cwd, from->cwd, sizeof(to->cwd));
	spin_unlock(&from->lock);
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!__sync_sub_and_fetch(&fs->count, 1))
		kfree(fs);
}

size_t get_fs_pwd(struct fs_struct *fs, char *buf, size_t size)
{
	size_t len;

	spin_lock(&fs->lock);
	len = strlcpy(buf, fs->cwd, size);
	spin_unlock(&fs->lock);
	return len;
}

void set_fs_pwd(struct fs_struct *fs, const char *path)
{
	spin_lock(&fs->lock);
	strlcpy(fs->cwd, path, sizeof(fs->cwd));
	spin_unlock(&fs->lock);
}

u32 get_fs_umask(struct fs_struct *fs)
{
	return __atomic_load_n(&fs->umask, __ATOMIC_RELAXED);
}

u32 set_fs_umask(struct fs_struct *fs, u32 mask)
{
	u32 old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask;
	spin_unlock(&fs->lock);
	return old;
}
