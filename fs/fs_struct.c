/*
 * fs/fs_struct.c - the current directory and umask, shareable between
 * threads (see fs/fs_struct.h).
 *
 * Data: struct fs_struct from its slab cache, fs_cachep.
 * Locking: fs->lock (a leaf spinlock) for cwd and umask; count is atomic.
 */
#include "fs/fs_struct.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/slab.h"

struct kmem_cache *fs_cachep;

void fs_cache_init(void)
{
	fs_cachep = kmem_cache_create("fs_cache", sizeof(struct fs_struct),
				      __alignof__(struct fs_struct), 0, NULL);
	if (!fs_cachep)
		panic("fs_cache_init: no cache");
}

struct fs_struct *fs_struct_alloc(void)
{
	struct fs_struct *fs = kmem_cache_alloc(fs_cachep, GFP_KERNEL);

	if (!fs)
		return NULL;
	memset(fs, 0, sizeof(*fs));
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

/* A count below zero is a put too many: it was freed early. */
void put_fs_struct(struct fs_struct *fs)
{
	int count = __sync_sub_and_fetch(&fs->count, 1);

	WARN_ON(count < 0);
	if (!count)
		kmem_cache_free(fs_cachep, fs);
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
