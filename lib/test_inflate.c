/*
 * lib/test_inflate.c - tests of the gzip/DEFLATE decoder on members
 * written here by hand: stored blocks (gzip_stored), hand-coded fixed and
 * dynamic block headers, and every kind of damage, each refused with its
 * reason.  Built for the kernel and the host (tests/host/gzip_host.c adds
 * round trips of the host's gzip output).
 * Data: a static workspace and buffers, used by one test at a time.
 * Locking: none.
 */
#include "kernel/debug/ktest.h"
#include "lib/inflate.h"
#include "lib/string.h"

static struct gunzip_ws ws;
static u8 member[70000 + 64];
static u8 text[70000];                  /* spans two stored blocks */
static size_t got;                      /* bytes the flush saw, all matching text */
static bool mismatch;

static int check_flush(void *arg, const u8 *data, size_t len)
{
	(void)arg;
	if (got + len > sizeof(text) || memcmp(data, text + got, len))
		mismatch = true;
	got += len;
	return 0;
}

/* gunzip() over member[0..len); the error string, NULL on success. */
static const char *run(size_t len, struct gunzip *g)
{
	got = 0;
	mismatch = false;
	gunzip_init(g, member, len, &ws, check_flush, NULL);
	return gunzip(g) ? g->error : NULL;
}

static size_t stored_sample(size_t n)
{
	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = (u8)(i * 7 + i / 251);
	return gzip_stored(member, sizeof(member), text, n);
}

KTEST(inflate, stored_blocks_round_trip)
{
	struct gunzip g;
	size_t len = stored_sample(sizeof(text));

	KEXPECT(len > sizeof(text));
	KEXPECT(run(len, &g) == NULL);
	KEXPECT_EQ(got, sizeof(text));
	KEXPECT(!mismatch);
	KEXPECT_EQ(g.pos, len);
	KEXPECT_EQ(gunzip_consumed(&g), len);
	len = stored_sample(0);                 /* the empty member */
	KEXPECT(run(len, &g) == NULL);
	KEXPECT_EQ(got, 0);
}

KTEST(inflate, every_truncation_is_refused)
{
	struct gunzip g;
	size_t len = stored_sample(100);

	for (size_t cut = 0; cut < len; cut++)
		KEXPECT(run(cut, &g) != NULL);
	KEXPECT(run(len - 1, &g) != NULL);
	KEXPECT_STREQ(g.error, "truncated input (gzip trailer)");
}

KTEST(inflate, header_and_trailer_damage_is_refused)
{
	struct gunzip g;
	size_t len = stored_sample(100);

	member[0] ^= 1;
	KEXPECT_STREQ(run(len, &g), "bad magic (not gzip data)");
	member[0] ^= 1;
	member[2] = 7;
	KEXPECT_STREQ(run(len, &g), "unknown compression method (not deflate)");
	member[2] = 8;
	member[3] = 0x80;
	KEXPECT_STREQ(run(len, &g), "reserved gzip flag bits set");
	member[3] = 0;
	member[len - 8] ^= 1;
	KEXPECT_STREQ(run(len, &g), "CRC mismatch");
	member[len - 8] ^= 1;
	member[len - 4] ^= 1;
	KEXPECT_STREQ(run(len, &g), "length mismatch (ISIZE)");
	member[len - 4] ^= 1;
	member[11] ^= 1;                        /* the stored block's LEN */
	KEXPECT_STREQ(run(len, &g), "stored block length check failed");
}

/* --- hand-coded blocks ------------------------------------------------ */

static size_t bitpos;

static void put_bits(u32 v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, bitpos++) {
		if (bitpos % 8 == 0)
			member[bitpos / 8] = 0;
		member[bitpos / 8] |= (u8)(((v >> i) & 1) << (bitpos % 8));
	}
}

/* A member whose deflate data is put_bits() after this; ends with 8 zero
 * bytes of trailer so a block that decodes cannot run off the end. */
static void start_member(void)
{
	static const u8 head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 };

	memcpy(member, head, 10);
	bitpos = 80;
}

static size_t end_member(void)
{
	size_t len = (bitpos + 7) / 8;

	memset(member + len, 0, 8);
	return len + 8;
}

/* A dynamic block header: no literal/length or distance codes beyond the
 * minimum, and the code length code's lengths clens[0..n) in the RFC's
 * order (16, 17, 18, 0, 8, ...). */
static void dynamic_header(const u8 *clens, unsigned int n)
{
	put_bits(1, 1);                 /* BFINAL */
	put_bits(2, 2);                 /* dynamic */
	put_bits(0, 5);                 /* HLIT: 257 */
	put_bits(0, 5);                 /* HDIST: 1 */
	put_bits(n - 4, 4);
	for (unsigned int i = 0; i < n; i++)
		put_bits(clens[i], 3);
}

KTEST(inflate, bad_block_headers_are_refused)
{
	static const u8 over[19] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	static const u8 incomplete[4] = { 2, 2, 2, 0 };
	static const u8 sixteen_first[4] = { 1, 0, 0, 1 };     /* 0 -> "0", 16 -> "1" */
	struct gunzip g;

	start_member();
	put_bits(1, 1);
	put_bits(3, 2);
	KEXPECT_STREQ(run(end_member(), &g), "reserved block type 3");
	start_member();
	dynamic_header(over, 19);
	KEXPECT_STREQ(run(end_member(), &g), "over-subscribed Huffman code");
	start_member();
	dynamic_header(incomplete, 4);
	KEXPECT_STREQ(run(end_member(), &g), "incomplete Huffman code");
	start_member();
	dynamic_header(sixteen_first, 4);
	put_bits(1, 1);                 /* 16 before any length */
	KEXPECT_STREQ(run(end_member(), &g), "bad code lengths: repeat with no previous length");
	start_member();
	dynamic_header(sixteen_first, 4);
	for (int i = 0; i < 258; i++)
		put_bits(0, 1);         /* all zero: no end-of-block code */
	KEXPECT_STREQ(run(end_member(), &g), "bad code lengths: no end-of-block code");
}

/* A Huffman code is sent most significant bit first. */
static void put_code(u32 code, unsigned int len)
{
	for (unsigned int i = len; i--;)
		put_bits(code >> i & 1, 1);
}

/* Fixed codes: 'a', then length 3 (symbol 257) at distance code dcode,
 * then end-of-block: "aaaa" when dcode is 0 (distance 1). */
static size_t fixed_sample(u32 dcode)
{
	u8 trailer[8];
	size_t len;

	memset(text, 'a', 4);
	len = gzip_stored(member, sizeof(member), text, 4);
	memcpy(trailer, member + len - 8, 8);
	start_member();
	put_bits(1, 1);
	put_bits(1, 2);
	put_code(0x30 + 'a', 8);
	put_code(1, 7);
	put_code(dcode, 5);
	put_code(0, 7);
	len = end_member();
	memcpy(member + len - 8, trailer, 8);
	return len;
}

KTEST(inflate, fixed_block_and_distance_too_far_back)
{
	struct gunzip g;

	KEXPECT(run(fixed_sample(0), &g) == NULL);
	KEXPECT_EQ(got, 4);
	KEXPECT(!mismatch);
	KEXPECT_STREQ(run(fixed_sample(1), &g), "distance too far back");
	KEXPECT_STREQ(run(fixed_sample(30), &g), "invalid distance code");
}
