/*
 * lib/test_cpio.c - tests of the newc cpio headers: archives written here
 * byte by byte the way `cpio -H newc -o` writes them, their headers read
 * back, and every way a broken header is caught (broken archives as a
 * whole: fs/test_ramfs.c).  Built for the kernel and the host.
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

KTEST(cpio, headers_decode_as_written)
{
	struct cpio_entry e;
	size_t len = sample();

	KEXPECT(cpio_header(archive, &e) == NULL);
	KEXPECT_EQ(e.mode, 040755);
	KEXPECT_EQ(e.size, 0);
	KEXPECT_EQ(e.namesize, 4);
	KEXPECT(!memcmp(archive + CPIO_HEADER_LEN, "etc", 4));
	KEXPECT(cpio_header(archive + 116, &e) == NULL);     /* etc/motd: 110 + 4 + pad */
	KEXPECT_EQ(e.mode, 0100644);
	KEXPECT_EQ(e.size, 15);
	KEXPECT_EQ(e.namesize, 9);
	KEXPECT(!memcmp(archive + 116 + CPIO_ALIGN4(CPIO_HEADER_LEN + 9), "hello, tessera\n", 15));
	KEXPECT(!memcmp(archive + len - 124 + CPIO_HEADER_LEN, "TRAILER!!!", 11));
}

/* The first header of the sample must be refused for `why`. */
static void expect_refused(const char *why)
{
	struct cpio_entry e;

	KEXPECT_STREQ(cpio_header(archive, &e), why);
}

KTEST(cpio, bad_headers_are_refused)
{
	sample();
	archive[0] = '1';
	expect_refused("bad magic (not a newc cpio archive)");
	sample();
	archive[20] = 'x';                      /* inside the mode field */
	expect_refused("bad hex digit in header");
	sample();
	memcpy(archive + 6 + 8 * 11, "00000000", 8);   /* namesize */
	expect_refused("bad name length");
	memcpy(archive + 6 + 8 * 11, "00001001", 8);
	expect_refused("bad name length");
}
