/*
 * lib/test_cpio.c - tests of the newc cpio reader: archives written here
 * byte by byte the way `cpio -H newc -o` writes them, then read back, and
 * every way a broken archive is caught.  Built for the kernel and the host.
 * Locking: none.
 */
#include "kernel/debug/ktest.h"
#include "lib/cpio.h"
#include "lib/string.h"

static u8 archive[2048];

static size_t put(size_t at, const char *name, u32 mode, const char *data)
{
	return cpio_put(archive, at, sizeof(archive), name, mode, data, data ? strlen(data) : 0);
}

static size_t sample(void)
{
	size_t n = put(0, "etc", 040755, NULL);

	n = put(n, "etc/motd", 0100644, "hello, tessera\n");
	return put(n, "TRAILER!!!", 0, NULL);
}

KTEST(cpio, reads_members_in_order)
{
	size_t len = sample();
	struct cpio_reader r;
	struct cpio_entry e;

	cpio_init(&r, archive, len);
	KEXPECT_EQ(cpio_next(&r, &e), 1);
	KEXPECT_STREQ(e.name, "etc");
	KEXPECT_EQ(e.mode, 040755);
	KEXPECT_EQ(e.size, 0);
	KEXPECT_EQ(cpio_next(&r, &e), 1);
	KEXPECT_STREQ(e.name, "etc/motd");
	KEXPECT_EQ(e.mode, 0100644);
	KEXPECT_EQ(e.size, 15);
	KEXPECT(!memcmp(e.data, "hello, tessera\n", 15));
	KEXPECT_EQ(cpio_next(&r, &e), 0);       /* the trailer */
}

KTEST(cpio, truncated_archive_is_refused)
{
	size_t len = sample();
	struct cpio_reader r;
	struct cpio_entry e;
	int res;

	cpio_init(&r, archive, len - 120);     /* the trailer is cut off */
	while ((res = cpio_next(&r, &e)) > 0)
		;
	KEXPECT_EQ(res, -1);
	KEXPECT(r.error != NULL);
	cpio_init(&r, archive, 200);            /* inside motd's header */
	KEXPECT_EQ(cpio_next(&r, &e), 1);
	KEXPECT_EQ(cpio_next(&r, &e), -1);
	KEXPECT_STREQ(r.error, "truncated header (no TRAILER!!! member)");
}

/* The first member of archive[0..len) must be refused for `why`. */
static void expect_refused(size_t len, const char *why)
{
	struct cpio_reader r;
	struct cpio_entry e;

	cpio_init(&r, archive, len);
	KEXPECT_EQ(cpio_next(&r, &e), -1);
	KEXPECT_STREQ(r.error, why);
}

KTEST(cpio, bad_magic_and_digits_are_refused)
{
	size_t len = sample();

	archive[0] = '1';
	expect_refused(len, "bad magic (not a newc cpio archive)");
	len = sample();
	archive[20] = 'x';                      /* inside the mode field */
	expect_refused(len, "bad hex digit in header");
}

KTEST(cpio, sizes_past_the_end_are_refused)
{
	size_t len = sample();

	memcpy(archive + 6 + 8 * 6, "7FFFFFFF", 8);    /* etc's filesize */
	expect_refused(len, "data runs past the end");
	len = sample();
	archive[CPIO_HEADER_LEN + 3] = 'x';     /* etc's terminating NUL */
	expect_refused(len, "name not NUL-terminated");
}
