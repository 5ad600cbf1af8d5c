/*
 * fs/initramfs.c - filling the root file system from the initramfs.
 *
 * The boot loader (GRUB's `module`, QEMU's -initrd) hands over a newc cpio
 * archive as a multiboot module; populate_rootfs() unpacks every module
 * into ramfs: directories, regular files (their data written through the
 * page cache), symlinks, and device nodes.  A bad archive is reported with
 * the reason and the offset; everything unpacked before it stays, and the
 * kernel boots on.
 *
 * Data: none kept; the archive is read in place, its pages freed behind
 * the reader (struct initrd_release), or from a vmalloc copy when the
 * module lies above the direct map.
 * Locking: runs in init before anything else uses the root.
 */
#include "fs/fs.h"
#include "kernel/arch/multiboot.h"
#include "kernel/printk.h"
#include "lib/cpio.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

struct unpack_stats {
	unsigned int files, dirs, links, nodes;
	unsigned long bytes;
};

/* "./a/b" and "a/b" both become "/a/b"; "." (the archive root) is "/". */
static void root_path(char *out, size_t len, const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (!strcmp(name, "."))
		name = "";
	snprintf(out, len, "/%s", name);
}

/* A regular file and its data.  A file whose data cannot all be written
 * (memory ran out) is removed again: a truncated program left behind
 * would run and crash at some random instruction, where a missing one
 * says what is wrong. */
static int unpack_file(const char *path, const struct cpio_entry *e, struct unpack_stats *st)
{
	struct dentry *d;
	ssize_t n;
	int err = vfs_mknod(path, e->mode, 0, &d);

	if (err == -EEXIST) {           /* a later archive replaces the file */
		d = path_lookup(path, &err);
		if (!d)
			return err;
		dput(d);                /* the tree still holds it */
		if (!S_ISREG(d->d_inode->i_mode))
			return -EEXIST;
		err = 0;
	}
	if (err)
		return err;
	vfs_truncate(d->d_inode, 0);
	n = vfs_write(d->d_inode, e->data, e->size, 0);
	if (n != (ssize_t)e->size) {
		vfs_unlink(path);
		return n < 0 ? (int)n : -ENOMEM;
	}
	d->d_inode->i_uid = e->uid;
	d->d_inode->i_gid = e->gid;
	d->d_inode->i_mtime.sec = e->mtime;
	d->d_inode->i_atime = d->d_inode->i_ctime = d->d_inode->i_mtime;
	st->files++;
	st->bytes += e->size;
	return 0;
}

/* path and target: PATH_MAX-byte buffers (too big for a kernel stack). */
static int unpack_one(const struct cpio_entry *e, struct unpack_stats *st, char *path,
		      char *target)
{
	int err;

	root_path(path, PATH_MAX, e->name);
	if (!strcmp(path, "/"))
		return 0;
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir(path, e->mode);
		st->dirs += !err;
		return err == -EEXIST ? 0 : err;
	case S_IFREG:
		return unpack_file(path, e, st);
	case S_IFLNK:
		if (e->size >= PATH_MAX)
			return -ENAMETOOLONG;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		err = vfs_symlink(target, path);
		st->links += !err;
		return err;
	default:                        /* device nodes, fifos */
		err = vfs_mknod(path, e->mode, e->rdevmajor << 8 | e->rdevminor, NULL);
		st->nodes += !err;
		return err;
	}
}

/* Hand the whole pages of an in-place module below upto back to the
 * buddy allocator. */
static void release_consumed(struct initrd_release *rel, unsigned long upto)
{
	unsigned long end = upto & PAGE_MASK;

	if (end > rel->done) {
		rel->pages += free_initrd_mem(rel->done, end);
		rel->done = end;
	}
}

int unpack_archive(const void *buf, size_t len, const char *what, struct initrd_release *rel)
{
	struct unpack_stats st = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;
	char *path = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	int res, err;

	if (!path)
		return -ENOMEM;
	cpio_init(&r, buf, len);
	while ((res = cpio_next(&r, &e)) > 0) {
		err = unpack_one(&e, &st, path, path + PATH_MAX);
		if (err)
			pr_warn("initramfs: %s: cannot create %s (error %d); skipped\n", what,
				e.name, err);
		if (rel)
			release_consumed(rel, rel->start + r.pos);
	}
	kfree(path);
	if (res < 0) {
		pr_err("initramfs: %s: corrupt archive at offset %zu: %s; kept the %u files "
		       "before it\n", what, r.pos, r.error, st.files);
		return -EINVAL;
	}
	pr_info("initramfs: %s: %u files (%lu bytes), %u directories, %u symlinks, %u device "
		"nodes\n", what, st.files, st.bytes, st.dirs, st.links, st.nodes);
	return 0;
}

/* A module above the direct map is copied into vmalloc space first. */
static void *map_module(u32 start, u32 end, bool *copied)
{
	size_t len = end - start;
	char *copy;

	*copied = false;
	if (end <= lowmem_limit)
		return __va(start);
	copy = vmalloc(len);
	if (!copy)
		return NULL;
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		u32 phys = start + (u32)off;
		struct page *page = pfn_to_page(phys >> PAGE_SHIFT);
		size_t n = min(len - off, PAGE_SIZE - (phys & (PAGE_SIZE - 1)));
		char *va = kmap_atomic(page, KM_USER0);

		memcpy(copy + off, va + (phys & (PAGE_SIZE - 1)), n);
		kunmap_atomic(va, KM_USER0);
	}
	*copied = true;
	return copy;
}

/* Unpack every module.  One that lies in the direct map is read in place
 * and its pages are freed as unpacking moves past them, so a machine
 * needs room for the unpacked files plus about one file of the archive,
 * not for both whole (Linux frees the initrd only at the end; a 23 MB
 * archive of test programs on a 44 MB machine would not fit).  One above
 * it is copied, then freed at once. */
void populate_rootfs(void)
{
	for (unsigned int i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];
		struct initrd_release rel = { m->start, m->start, 0 };
		char what[32];
		bool copied;
		void *buf = map_module(m->start, m->end, &copied);

		snprintf(what, sizeof(what), "module %u", i);
		if (!buf) {
			pr_err("initramfs: %s: no memory to read it\n", what);
			continue;
		}
		if (copied)
			release_consumed(&rel, m->end);
		unpack_archive(buf, m->end - m->start, what, copied ? NULL : &rel);
		if (copied)
			vfree(buf);
		rel.pages += free_initrd_mem(rel.done, m->end);
		pr_info("Freeing initrd memory: %luk freed\n", rel.pages << (PAGE_SHIFT - 10));
	}
}
