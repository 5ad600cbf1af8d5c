/*
 * fs/initramfs.c - filling the root file system from the initramfs.
 *
 * The boot loader (GRUB's `module`, QEMU's -initrd) hands over newc cpio
 * archives as a multiboot module - plain or gzip-compressed, several one
 * after the other as Linux takes them; populate_rootfs() unpacks every
 * module into ramfs: directories, regular files (their data written
 * through the page cache), symlinks, and device nodes.  Plain or
 * inflated (lib/inflate.c, 32 KiB at a time), the bytes go through one
 * stream unpacker, unpack_feed().  A bad archive is reported with the
 * reason and the offset; everything unpacked before it stays, and the
 * kernel boots on.
 *
 * Data: a struct unpacker per module, with its name, path and target
 * buffers and the inflater's workspace (vmalloc); the module is read in
 * place, its pages freed behind the reader (struct initrd_release), or
 * from a vmalloc copy when it lies above the direct map.
 * Locking: runs in init before anything else uses the root.
 */
#include "fs/fs.h"
#include "kernel/arch/multiboot.h"
#include "kernel/printk.h"
#include "lib/cpio.h"
#include "lib/errno.h"
#include "lib/inflate.h"
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

/* Where the stream unpacker is: a member's header is collected into hdr,
 * its name into name, a symlink's target into target; a regular file's
 * data goes to the file piece by piece as it arrives. */
enum unpack_state {
	BETWEEN,                        /* before an archive: zeros skipped */
	HEADER, NAME, DATA, PAD,
};

struct unpacker {
	const char *what;
	struct unpack_stats st;
	enum unpack_state state, after_pad;
	unsigned long off;              /* archive bytes consumed (uncompressed) */
	unsigned long member;           /* offset of the current member's header */
	size_t have;                    /* bytes of hdr or name so far */
	u32 left, pad;                  /* data, padding still to come */
	u8 hdr[CPIO_HEADER_LEN];
	struct cpio_entry e;
	char *name, *path, *target;     /* PATH_MAX each */
	struct inode *file;             /* being written; NULL: data skipped */
	int err;                        /* this member failed: warned at its end */
	const char *error;              /* the archive is corrupt: why */
	struct gunzip *gz;              /* inflating a member at gz_base, or NULL */
	size_t gz_base;
	bool gz_error;                  /* error is the gzip data's, not the archive's */
	bool inflated;                  /* some archive came out of gzip: offsets
					 * count inflated bytes */
	struct initrd_release *rel;
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

/* An empty regular file to write the data into; an existing one is
 * replaced (a later archive overrides an earlier one). */
static int open_file(struct unpacker *u)
{
	struct dentry *d;
	int err = vfs_mknod(u->path, u->e.mode, 0, &d);

	if (err == -EEXIST) {
		d = path_lookup(u->path, &err);
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
	u->file = d->d_inode;
	return 0;
}

/* The name is complete: create what needs no data now, open a regular
 * file, get ready for a symlink's target. */
static void begin_member(struct unpacker *u)
{
	u32 mode = u->e.mode;
	int err = 0;

	u->file = NULL;
	u->err = 0;
	root_path(u->path, PATH_MAX, u->name);
	if (!strcmp(u->path, "/"))
		return;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir(u->path, mode);
		u->st.dirs += !err;
		u->err = err == -EEXIST ? 0 : err;
		return;
	case S_IFREG:
		u->err = open_file(u);
		return;
	case S_IFLNK:
		u->err = u->e.size >= PATH_MAX ? -ENAMETOOLONG : 0;
		return;
	default:                        /* device nodes, fifos */
		err = vfs_mknod(u->path, mode, u->e.rdevmajor << 8 | u->e.rdevminor, NULL);
		u->st.nodes += !err;
		u->err = err;
	}
}

/* A file whose data cannot all be written (memory ran out) is removed
 * again: a truncated program left behind would run and crash at some
 * random instruction, where a missing one says what is wrong. */
static void write_data(struct unpacker *u, const u8 *data, size_t n)
{
	u64 pos = u->e.size - u->left;
	ssize_t done;

	if (S_ISLNK(u->e.mode)) {
		if (!u->err)
			memcpy(u->target + pos, data, n);
		return;
	}
	if (!u->file || u->err)
		return;
	done = vfs_write(u->file, data, n, pos);
	if (done != (ssize_t)n) {
		vfs_unlink(u->path);
		u->file = NULL;
		u->err = done < 0 ? (int)done : -ENOMEM;
	}
}

static void end_member(struct unpacker *u)
{
	if (!u->err && S_ISREG(u->e.mode) && u->file) {
		u->file->i_uid = u->e.uid;
		u->file->i_gid = u->e.gid;
		u->file->i_mtime.sec = u->e.mtime;
		u->file->i_atime = u->file->i_ctime = u->file->i_mtime;
		u->st.files++;
		u->st.bytes += u->e.size;
	} else if (!u->err && S_ISLNK(u->e.mode) && strcmp(u->path, "/")) {
		u->target[u->e.size] = '\0';
		u->err = vfs_symlink(u->target, u->path);
		u->st.links += !u->err;
	}
	if (u->err)
		pr_warn("initramfs: %s: cannot create %s (error %d); skipped\n", u->what, u->name,
			u->err);
	u->file = NULL;
}

/* Skip to the next multiple of 4, then go on in state next. */
static void pad_then(struct unpacker *u, enum unpack_state next)
{
	u->pad = (u32)(CPIO_ALIGN4(u->off) - u->off);
	u->after_pad = next;
	u->state = PAD;
}

/* Collect into dst until it holds want bytes; true when it does. */
static bool collect(struct unpacker *u, void *dst, size_t want, const u8 **p, size_t *n)
{
	size_t take = min(want - u->have, *n);

	memcpy((u8 *)dst + u->have, *p, take);
	u->have += take;
	u->off += take;
	*p += take;
	*n -= take;
	return u->have == want;
}

static int corrupt(struct unpacker *u, const char *why)
{
	u->error = why;
	return -1;
}

/* The header is complete: check it, then collect the name. */
static int header_done(struct unpacker *u)
{
	const char *why = cpio_header(u->hdr, &u->e);

	if (why)
		return corrupt(u, why);
	u->have = 0;
	u->state = NAME;
	return 0;
}

/* The name is complete: 1 if it is the trailer (the archive ends), 0
 * when the member's data comes next, -1 if the name is bad. */
static int name_done(struct unpacker *u)
{
	if (u->name[u->e.namesize - 1] != '\0')
		return corrupt(u, "name not NUL-terminated");
	if (!strcmp(u->name, "TRAILER!!!")) {
		u->state = BETWEEN;     /* its padding: zeros, skipped there */
		return 1;
	}
	begin_member(u);
	u->left = u->e.size;
	pad_then(u, DATA);
	return 0;
}

/* The member's data is all there (or there was none): finish it. */
static void data_done(struct unpacker *u)
{
	end_member(u);
	pad_then(u, HEADER);
}

/* Up to n bytes of the member's data, written or skipped; how many. */
static size_t data_step(struct unpacker *u, const u8 *p, size_t n)
{
	size_t take = min((size_t)u->left, n);

	write_data(u, p, take);
	u->left -= (u32)take;
	u->off += take;
	if (!u->left)
		data_done(u);
	return take;
}

/* Up to n bytes of padding skipped; how many.  Then on to the state
 * pad_then() named: a member's data, or the next header. */
static size_t pad_step(struct unpacker *u, size_t n)
{
	size_t take = min((size_t)u->pad, n);

	u->pad -= (u32)take;
	u->off += take;
	if (!u->pad) {
		u->state = u->after_pad;
		u->have = 0;
		u->member = u->state == HEADER ? u->off : u->member;
		if (u->state == DATA && !u->left)
			data_done(u);
	}
	return take;
}

/* Feed the archive bytes p[0..n) to the unpacker.  Returns how many it
 * took: all of them, or fewer when an archive's TRAILER!!! ended among
 * them (the caller looks at what follows: zeros, a gzip member, another
 * archive); -1 when the archive is corrupt (u->error says why). */
static ssize_t unpack_feed(struct unpacker *u, const u8 *p, size_t n)
{
	size_t start = n, take;
	int res;

	while (n) {
		switch (u->state) {
		case BETWEEN:
			if (!*p) {
				p++, n--, u->off++;
				continue;
			}
			u->member = u->off;
			u->have = 0;
			u->state = HEADER;
			continue;
		case HEADER:
			if (collect(u, u->hdr, CPIO_HEADER_LEN, &p, &n) && header_done(u))
				return -1;
			continue;
		case NAME:
			if (!collect(u, u->name, u->e.namesize, &p, &n))
				continue;
			res = name_done(u);
			if (res < 0)
				return -1;
			if (res > 0)
				return (ssize_t)(start - n);
			continue;
		case DATA:
			take = data_step(u, p, n);
			p += take;
			n -= take;
			continue;
		case PAD:
			take = pad_step(u, n);
			p += take;
			n -= take;
			continue;
		}
	}
	return (ssize_t)start;
}

/* Hand the whole pages of an in-place module below upto back to the
 * buddy allocator. */
static void release_consumed(struct initrd_release *rel, unsigned long upto)
{
	unsigned long end = upto & PAGE_MASK;

	if (rel && end > rel->done) {
		rel->pages += free_initrd_mem(rel->done, end);
		rel->done = end;
	}
}

/* The inflater's output, 32 KiB at a time: unpack it, then free the
 * module's pages the inflater has read past. */
static int gz_flush(void *arg, const u8 *data, size_t len)
{
	struct unpacker *u = arg;

	while (len) {
		ssize_t n = unpack_feed(u, data, len);

		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	if (u->rel)
		release_consumed(u->rel, u->rel->start + u->gz_base + gunzip_consumed(u->gz));
	return 0;
}

/* One gzip member at buf[0..len); its length, or -1. */
static ssize_t unpack_gzip(struct unpacker *u, const u8 *buf, size_t len, size_t base,
			   void **ws)
{
	struct gunzip gz;

	if (!*ws)
		*ws = vmalloc(GUNZIP_WORKSPACE_SIZE);
	if (!*ws)
		return corrupt(u, "no memory to inflate it");
	gunzip_init(&gz, buf, len, *ws, gz_flush, u);
	u->inflated = true;
	u->gz = &gz;
	u->gz_base = base;
	if (gunzip(&gz)) {
		u->gz = NULL;
		if (!u->error) {        /* not the archive inside: the gzip data */
			u->member = base + gz.pos;
			u->error = gz.error;
			u->gz_error = true;
		}
		return -1;
	}
	u->gz = NULL;
	/* Linux too wants each compressed archive whole in its member. */
	if (u->state != BETWEEN)
		return corrupt(u, "gzip member ends inside the archive (no TRAILER!!! member)");
	return (ssize_t)gz.pos;
}

/* Plain archive bytes, in pieces so the pages behind are freed as it goes. */
static ssize_t unpack_plain(struct unpacker *u, const u8 *buf, size_t len, size_t base)
{
	ssize_t n = unpack_feed(u, buf, min(len, (size_t)65536));

	if (n > 0 && u->rel)
		release_consumed(u->rel, u->rel->start + base + (size_t)n);
	return n;
}

static void report(struct unpacker *u, bool failed)
{
	if (!failed) {
		pr_info("initramfs: %s: %u files (%lu bytes), %u directories, %u symlinks, "
			"%u device nodes\n", u->what, u->st.files, u->st.bytes, u->st.dirs,
			u->st.links, u->st.nodes);
		return;
	}
	if (u->state == DATA && u->file && !u->err) {
		vfs_unlink(u->path);    /* never half a file */
		pr_warn("initramfs: %s: %s cut short; removed\n", u->what, u->name);
	}
	pr_err("initramfs: %s: corrupt %s at offset %lu%s: %s; kept the %u files before it\n",
	       u->what, u->gz_error ? "gzip data" : "archive", u->member,
	       u->inflated && !u->gz_error ? " (inflated)" : "", u->error, u->st.files);
}

/* Unpack buf[0..len): newc cpio archives, each plain or gzip-compressed,
 * one after the other with zeros between them, as Linux accepts them.
 * Plain or inflated, the bytes go through the one stream unpacker. */
static int unpack_all(struct unpacker *u, const u8 *buf, size_t len)
{
	void *ws = NULL;
	size_t pos = 0;
	ssize_t n = 0;

	while (pos < len && n >= 0) {
		if (u->state == BETWEEN && !buf[pos]) {
			n = 1;
			u->off++;
		} else if (u->state == BETWEEN && gunzip_magic(buf + pos, len - pos)) {
			n = unpack_gzip(u, buf + pos, len - pos, pos, &ws);
		} else {
			n = unpack_plain(u, buf + pos, len - pos, pos);
		}
		pos += n > 0 ? (size_t)n : 0;
	}
	vfree(ws);
	if (n >= 0 && u->state != BETWEEN)
		n = corrupt(u, "truncated archive (no TRAILER!!! member)");
	return n < 0 ? -1 : 0;
}

int unpack_archive(const void *buf, size_t len, const char *what, struct initrd_release *rel)
{
	struct unpacker *u = kzalloc(sizeof(*u), GFP_KERNEL);
	char *bufs = kmalloc(3 * PATH_MAX, GFP_KERNEL);
	int res = -ENOMEM;

	if (u && bufs) {
		u->what = what;
		u->name = bufs;
		u->path = bufs + PATH_MAX;
		u->target = bufs + 2 * PATH_MAX;
		u->rel = rel;
		res = unpack_all(u, buf, len) ? -EINVAL : 0;
		report(u, res < 0);
	}
	kfree(bufs);
	kfree(u);
	return res;
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
 * and its pages are freed as unpacking (or inflating) moves past them,
 * so a machine needs room for the unpacked files plus about one window
 * of the archive, not for both whole (Linux frees the initrd only at the
 * end; 31 MB of test programs on a 44 MB machine would not fit).  One
 * above it is copied, then freed at once. */
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
