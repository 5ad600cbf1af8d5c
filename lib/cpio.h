/*
 * lib/cpio.h - reading a "newc" cpio archive (what `cpio -H newc -o` and
 * the Linux initramfs use).
 *
 * Each member is a 110-byte ASCII header - the magic "070701", then
 * thirteen 8-digit hex fields (ino, mode, uid, gid, nlink, mtime,
 * filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check) -
 * followed by the NUL-terminated name, padding to a multiple of 4, the
 * data, and padding again.  The member named "TRAILER!!!" ends the archive.
 *
 * The reader is a stream (fs/initramfs.c: the archive may arrive
 * from the gzip inflater in 32 KiB pieces): cpio_header() checks and
 * decodes one header collected by the caller - the magic, the hex
 * digits, the name length - and the caller takes name, data and padding
 * from there.
 * Locking: a reader belongs to one caller.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include "lib/types.h"

#define CPIO_HEADER_LEN 110

#define CPIO_ALIGN4(x) (((x) + 3) & ~(size_t)3)

struct cpio_entry {
	u32 ino, mode, uid, gid, nlink, mtime, size;
	u32 rdevmajor, rdevminor;
	u32 namesize;                   /* with the NUL, 1..CPIO_NAME_MAX */
};

#define CPIO_NAME_MAX 4096

/* Decode the CPIO_HEADER_LEN bytes at h into *e; NULL if they are a
 * good header, else why not. */
const char *cpio_header(const u8 *h, struct cpio_entry *e);

/* Append a member (name, mode, size bytes of data) at buf + at, as
 * `cpio -H newc` writes it; returns the new length, or 0 if it would not
 * fit in cap.  End an archive with a member named "TRAILER!!!". */
size_t cpio_put(u8 *buf, size_t at, size_t cap, const char *name, u32 mode,
		const void *data, size_t size);

#endif
