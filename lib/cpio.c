/*
 * lib/cpio.c - the newc cpio reader (see lib/cpio.h for the format).
 *
 * Data: none beyond the caller's struct cpio_reader.
 * Locking: none.
 */
#include "lib/cpio.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define ALIGN4(x) (((x) + 3) & ~(size_t)3)

void cpio_init(struct cpio_reader *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->pos = 0;
	r->error = NULL;
}

static int fail(struct cpio_reader *r, const char *why)
{
	r->error = why;
	return -1;
}

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

static bool parse_header(const u8 *h, struct cpio_entry *e, u32 *namesize)
{
	u32 f[13];

	for (int i = 0; i < 13; i++)
		if (!hex8(h + 6 + 8 * i, &f[i]))
			return false;
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->size = f[6];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	*namesize = f[11];
	return true;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
	const u8 *h = r->buf + r->pos;
	u32 namesize;
	size_t name_end, data_end;

	if (r->len - r->pos < CPIO_HEADER_LEN)
		return fail(r, "truncated header (no TRAILER!!! member)");
	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return fail(r, "bad magic (not a newc cpio archive)");
	if (!parse_header(h, e, &namesize))
		return fail(r, "bad hex digit in header");
	if (!namesize || namesize > 4096)
		return fail(r, "bad name length");
	name_end = r->pos + CPIO_HEADER_LEN + namesize;
	if (name_end > r->len)
		return fail(r, "name runs past the end");
	if (h[CPIO_HEADER_LEN + namesize - 1] != '\0')
		return fail(r, "name not NUL-terminated");
	data_end = ALIGN4(name_end) + e->size;
	if (ALIGN4(name_end) > r->len || e->size > r->len - ALIGN4(name_end))
		return fail(r, "data runs past the end");
	e->name = (const char *)h + CPIO_HEADER_LEN;
	e->data = r->buf + ALIGN4(name_end);
	if (!strcmp(e->name, "TRAILER!!!"))
		return 0;
	r->pos = ALIGN4(data_end) < r->len ? ALIGN4(data_end) : r->len;
	return 1;
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
