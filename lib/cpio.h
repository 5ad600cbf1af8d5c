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
 * cpio_next() walks the archive in place (no copies: names and data point
 * into the buffer) and checks everything it trusts: the magic, the hex
 * digits, that the name is terminated and that name and data lie inside
 * the buffer.  A bad archive gives a negative result and r->error says
 * what was wrong, with r->pos the offset of the bad member.
 * Locking: a reader belongs to one caller.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include "lib/types.h"

#define CPIO_HEADER_LEN 110

struct cpio_entry {
	const char *name;
	u32 ino, mode, uid, gid, nlink, mtime, size;
	u32 rdevmajor, rdevminor;
	const void *data;               /* size bytes */
};

struct cpio_reader {
	const u8 *buf;
	size_t len, pos;
	const char *error;              /* set when cpio_next fails */
};

void cpio_init(struct cpio_reader *r, const void *buf, size_t len);
/* 1: *e is the next member; 0: the trailer was reached; -1: bad archive. */
int cpio_next(struct cpio_reader *r, struct cpio_entry *e);

/* Append a member (name, mode, size bytes of data) at buf + at, as
 * `cpio -H newc` writes it; returns the new length, or 0 if it would not
 * fit in cap.  End an archive with a member named "TRAILER!!!". */
size_t cpio_put(u8 *buf, size_t at, size_t cap, const char *name, u32 mode,
		const void *data, size_t size);

#endif
