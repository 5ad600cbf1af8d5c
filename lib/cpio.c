/*
 * lib/cpio.c - newc cpio headers read and members written (see
 * lib/cpio.h for the format; fs/initramfs.c is the reader around them).
 *
 * Data: none.
 * Locking: none.
 */
#include "lib/cpio.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define ALIGN4 CPIO_ALIGN4

/* One 8-digit hex field; false if a character is not a hex digit. */
static bool hex8(const u8 *p, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = p[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

const char *cpio_header(const u8 *h, struct cpio_entry *e)
{
	u32 f[13];

	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return "bad magic (not a newc cpio archive)";
	for (int i = 0; i < 13; i++)
		if (!hex8(h + 6 + 8 * i, &f[i]))
			return "bad hex digit in header";
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->size = f[6];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	e->namesize = f[11];
	if (!e->namesize || e->namesize > CPIO_NAME_MAX)
		return "bad name length";
	return NULL;
}

size_t cpio_put(u8 *buf, size_t at, size_t cap, const char *name, u32 mode,
		const void *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	if (ALIGN4(ALIGN4(at + CPIO_HEADER_LEN + namesize) + size) > cap)
		return 0;
	snprintf((char *)buf + at, CPIO_HEADER_LEN + 1,
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", 1u, mode, 0u,
		 0u, 1u, 0u, (u32)size, 0u, 0u, 0u, 0u, (u32)namesize, 0u);
	at += CPIO_HEADER_LEN;
	memcpy(buf + at, name, namesize);
	at += namesize;
	while (at % 4)
		buf[at++] = 0;
	memcpy(buf + at, data, size);
	at += size;
	while (at % 4)
		buf[at++] = 0;
	return at;
}
