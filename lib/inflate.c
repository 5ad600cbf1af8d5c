/*
 * lib/inflate.c - gzip (RFC 1952) and DEFLATE (RFC 1951) decompression,
 * written from the RFCs; see lib/inflate.h for the interface.
 *
 * A DEFLATE stream is a run of blocks: stored (raw bytes), or literals
 * and (length, distance) back-references coded with a fixed or a
 * dynamic (sent in the block) pair of canonical Huffman codes.  Decoding
 * looks the next FAST_BITS input bits up in a table; the rare longer
 * codes are found by walking the canonical code length by length.
 *
 * Data: the caller's struct gunzip and its workspace (struct gunzip_ws).
 * Locking: none; a struct gunzip belongs to one caller.
 */
#include "lib/inflate.h"
#include "lib/string.h"

#define MAX_BITS  GUNZIP_MAX_BITS
#define FAST_BITS GUNZIP_FAST_BITS
#define WMASK     (GUNZIP_WINDOW - 1)
#define NLIT      288                   /* literal/length symbols incl. 2 unused */
#define NDIST     32                    /* distance symbols incl. 2 unused */

/* RFC 1951 3.2.5: the base and the extra bits of lengths 257..285 and
 * of distances 0..29. */
static const u16 len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
				  31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
				  227, 258 };
static const u8 len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3,
				  3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const u16 dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97,
				   129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
				   4097, 6145, 8193, 12289, 16385, 24577 };
static const u8 dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7,
				   7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
/* The order the code length code's lengths are sent in (3.2.7). */
static const u8 clen_order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13,
				   2, 14, 1, 15 };

static int fail(struct gunzip *g, const char *why)
{
	g->error = why;
	return -1;
}

bool gunzip_magic(const void *buf, size_t len)
{
	const u8 *p = buf;

	return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* table[0] is the classic byte-at-a-time table of the reflected CRC-32
 * polynomial; table[k][n] is the CRC of byte n followed by k zero bytes,
 * so four bytes are folded in with four look-ups ("slicing by 4": the
 * CRC was a quarter of the time inflating took, byte by byte). */
static void crc_init(u32 (*table)[256])
{
	for (u32 n = 0; n < 256; n++) {
		u32 c = n;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
		table[0][n] = c;
	}
	for (int k = 1; k < 4; k++)
		for (u32 n = 0; n < 256; n++)
			table[k][n] = (table[k - 1][n] >> 8) ^ table[0][table[k - 1][n] & 0xff];
}

/* CRC-32 as gzip keeps it: crc is the running value, pre- and post-
 * inverted here so a fresh one starts at 0. */
static u32 crc_update(u32 (*table)[256], u32 crc, const u8 *p, size_t len)
{
	crc = ~crc;
	for (; len >= 4; len -= 4, p += 4) {
		crc ^= p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
		crc = table[3][crc & 0xff] ^ table[2][(crc >> 8) & 0xff] ^
		      table[1][(crc >> 16) & 0xff] ^ table[0][crc >> 24];
	}
	while (len--)
		crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

void gunzip_init(struct gunzip *g, const void *in, size_t len, void *workspace,
		 gunzip_flush_t flush, void *arg)
{
	memset(g, 0, sizeof(*g));
	g->in = in;
	g->len = len;
	g->ws = workspace;
	g->flush = flush;
	g->arg = arg;
	crc_init(g->ws->crc_table);
}

/* --- bits in -------------------------------------------------------- */

/* Keep at least 25 bits in hand while input lasts: enough for any code
 * plus its extra bits without a check per bit. */
static inline void fill(struct gunzip *g)
{
	while (g->nbits <= 24 && g->pos < g->len) {
		g->bits |= (u32)g->in[g->pos++] << g->nbits;
		g->nbits += 8;
	}
}

/* n (<= 16) bits, LSB first; -1 when the input ends first. */
static inline int getbits(struct gunzip *g, unsigned int n)
{
	int v;

	fill(g);
	if (g->nbits < n)
		return fail(g, "truncated input");
	v = (int)(g->bits & ((1u << n) - 1));
	g->bits >>= n;
	g->nbits -= n;
	return v;
}

/* Go to a byte boundary and hand back the whole bytes fill() read ahead,
 * so g->pos is again exactly the next unread byte (stored blocks and the
 * trailer are read bytewise). */
static void byte_align(struct gunzip *g)
{
	g->pos -= g->nbits / 8;
	g->bits = 0;
	g->nbits = 0;
}

/* --- Huffman codes ---------------------------------------------------- */

static u32 reverse(u32 code, unsigned int len)
{
	u32 r = 0;

	while (len--) {
		r = r << 1 | (code & 1);
		code >>= 1;
	}
	return r;
}

/* The look-up table for codes up to FAST_BITS long: a code is sent MSB
 * first but the input is read LSB first, hence reversed, and it fills
 * every slot whose low bits it is. */
static void build_fast(struct gunzip_huffman *h, const u8 *lens, unsigned int n)
{
	u16 next[MAX_BITS + 1];
	u32 code = 0;

	memset(h->fast, 0, sizeof(h->fast));
	for (unsigned int len = 1; len <= MAX_BITS; len++) {
		code = (code + h->count[len - 1]) << 1;
		next[len] = (u16)code;
	}
	for (unsigned int sym = 0; sym < n; sym++) {
		unsigned int len = lens[sym];

		if (!len || len > FAST_BITS)
			continue;
		for (u32 i = reverse(next[len]++, len); i < (1u << FAST_BITS); i += 1u << len)
			h->fast[i] = (u16)(sym << 4 | len);
	}
}

/* The canonical code of lens[0..n) (0: symbol unused).  A code that
 * claims more codes than there are bit patterns would decode ambiguously;
 * one with patterns left over is refused too, except a single code of
 * length 1 (the RFC's one-distance-code case) or none at all. */
static int build(struct gunzip *g, struct gunzip_huffman *h, const u8 *lens, unsigned int n)
{
	u16 offs[MAX_BITS + 2];
	int left = 1;
	unsigned int used = 0;

	memset(h->count, 0, sizeof(h->count));
	for (unsigned int sym = 0; sym < n; sym++)
		h->count[lens[sym]]++;
	h->count[0] = 0;
	for (unsigned int len = 1; len <= MAX_BITS; len++) {
		left = (left << 1) - h->count[len];
		if (left < 0)
			return fail(g, "over-subscribed Huffman code");
		used += h->count[len];
	}
	if (left > 0 && used > 1)
		return fail(g, "incomplete Huffman code");
	offs[1] = 0;
	for (unsigned int len = 1; len <= MAX_BITS; len++)
		offs[len + 1] = offs[len] + h->count[len];
	for (unsigned int sym = 0; sym < n; sym++)
		if (lens[sym])
			h->symbol[offs[lens[sym]]++] = (u16)sym;
	build_fast(h, lens, n);
	return 0;
}

/* A code longer than FAST_BITS: walk the lengths; first is the first
 * code of each length, index that code's place in h->symbol. */
static int decode_slow(struct gunzip *g, const struct gunzip_huffman *h)
{
	u32 code = 0, first = 0, index = 0;

	for (unsigned int len = 1; len <= MAX_BITS && len <= g->nbits; len++) {
		code |= (g->bits >> (len - 1)) & 1;
		if (code - first < h->count[len]) {
			g->bits >>= len;
			g->nbits -= len;
			return h->symbol[index + code - first];
		}
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return fail(g, g->nbits < MAX_BITS ? "truncated input" : "invalid Huffman code");
}

static inline int decode(struct gunzip *g, const struct gunzip_huffman *h)
{
	u16 e;

	fill(g);
	e = h->fast[g->bits & ((1u << FAST_BITS) - 1)];
	if (!e)
		return decode_slow(g, h);
	if ((e & 15u) > g->nbits)
		return fail(g, "truncated input");
	g->bits >>= e & 15u;
	g->nbits -= e & 15u;
	return e >> 4;
}

/* --- bytes out --------------------------------------------------------- */

static int flush_window(struct gunzip *g)
{
	if (!g->wpos)
		return 0;
	g->crc = crc_update(g->ws->crc_table, g->crc, g->ws->window, g->wpos);
	g->total += (u32)g->wpos;
	if (g->flush(g->arg, g->ws->window, g->wpos))
		return fail(g, "stopped by the consumer");
	g->wpos = 0;
	g->wrapped = true;
	return 0;
}

static inline int put_byte(struct gunzip *g, u8 c)
{
	g->ws->window[g->wpos++] = c;
	return g->wpos == GUNZIP_WINDOW ? flush_window(g) : 0;
}

/* len bytes from dist back; the copy may overlap what it writes (a run:
 * "abc" at distance 3, length 9 is "abcabcabc"). */
static int copy_back(struct gunzip *g, unsigned int len, unsigned int dist)
{
	size_t src;

	if (dist > (g->wrapped ? GUNZIP_WINDOW : g->wpos))
		return fail(g, "distance too far back");
	/* The common case, neither end wrapping round the window: in one go
	 * (most of the time inflating takes is here and in codes()). */
	if (dist <= g->wpos && g->wpos + len < GUNZIP_WINDOW) {
		u8 *dst = g->ws->window + g->wpos, *from = dst - dist;

		g->wpos += len;
		if (dist >= len) {
			memcpy(dst, from, len);
			return 0;
		}
		while (len--)
			*dst++ = *from++;
		return 0;
	}
	src = (g->wpos - dist) & WMASK;
	while (len--) {
		if (put_byte(g, g->ws->window[src]))
			return -1;
		src = (src + 1) & WMASK;
	}
	return 0;
}

/* --- blocks ------------------------------------------------------------ */

static int stored_block(struct gunzip *g)
{
	const u8 *p;
	size_t n;

	byte_align(g);
	if (g->len - g->pos < 4)
		return fail(g, "truncated input");
	p = g->in + g->pos;
	n = p[0] | p[1] << 8;
	if ((size_t)(p[2] | p[3] << 8) != (~n & 0xffff))
		return fail(g, "stored block length check failed");
	g->pos += 4;
	while (n) {
		size_t chunk = min(n, (size_t)GUNZIP_WINDOW - g->wpos);

		/* What there is goes out first, as with the other blocks, so a
		 * cut block is reported where the input ends. */
		if (g->pos == g->len)
			return fail(g, "truncated input");
		chunk = min(chunk, g->len - g->pos);
		memcpy(g->ws->window + g->wpos, g->in + g->pos, chunk);
		g->wpos += chunk;
		g->pos += chunk;
		n -= chunk;
		if (g->wpos == GUNZIP_WINDOW && flush_window(g))
			return -1;
	}
	return 0;
}

/* The base plus the extra bits of a length or distance symbol. */
static int with_extra(struct gunzip *g, u16 base, u8 extra)
{
	int v = getbits(g, extra);

	return v < 0 ? -1 : base + v;
}

/* One literal or back-reference the careful way: every bit and byte
 * checked.  1: go on; 0: the end-of-block symbol; -1: an error. */
static int code_one(struct gunzip *g)
{
	int sym = decode(g, &g->ws->lit), len, dsym, dist;

	if (sym < 0)
		return -1;
	if (sym < 256)
		return put_byte(g, (u8)sym) ? -1 : 1;
	if (sym == 256)
		return 0;
	if (sym > 285)
		return fail(g, "invalid literal/length code");
	len = with_extra(g, len_base[sym - 257], len_extra[sym - 257]);
	dsym = len < 0 ? -1 : decode(g, &g->ws->dist);
	if (dsym < 0)
		return -1;
	if (dsym > 29)
		return fail(g, "invalid distance code");
	dist = with_extra(g, dist_base[dsym], dist_extra[dsym]);
	if (dist < 0 || copy_back(g, (unsigned int)len, (unsigned int)dist))
		return -1;
	return 1;
}

/* Room the fast loop needs: input for one whole symbol with refills
 * (48 bits at most, read a byte at a time), and window for the longest
 * back-reference plus a literal, so nothing in it can run out. */
#define FAST_IN_SLACK  16
#define FAST_OUT_SLACK (258 + 1)

#define REFILL(b, n, p)                                                      \
	while ((n) <= 24) {                                                  \
		(b) |= (u32)in[(p)++] << (n);                                \
		(n) += 8;                                                    \
	}

/* Most of inflating is here: symbols decoded with the state in locals
 * (a byte stored through the window pointer may alias anything, so
 * fields of g would be read again after every byte, which emulated
 * memory makes dear).  A symbol is taken only when it is whole in the
 * fast tables and valid; anything else - a long code, an error, the end
 * of the room - is left to code_one with the state as it was before the
 * symbol.  1: a careful step is needed; 0: the end-of-block symbol. */
static int codes_fast(struct gunzip *g)
{
	const u8 *in = g->in;
	const u16 *lfast = g->ws->lit.fast, *dfast = g->ws->dist.fast;
	u8 *win = g->ws->window;
	size_t pos = g->pos, wpos = g->wpos, reach = g->wrapped ? GUNZIP_WINDOW : 0;
	u32 bits = g->bits;
	unsigned int nbits = g->nbits;
	int ret = 1;

	while (pos + FAST_IN_SLACK <= g->len && wpos + FAST_OUT_SLACK <= GUNZIP_WINDOW) {
		u32 b = bits;
		unsigned int n = nbits, len, dist, extra;
		size_t p = pos;

		REFILL(b, n, p);
		u16 e = lfast[b & ((1u << FAST_BITS) - 1)];
		unsigned int sym = e >> 4;

		if (!e || sym > 285)
			break;
		b >>= e & 15u;
		n -= e & 15u;
		if (sym < 256) {
			win[wpos++] = (u8)sym;
		} else if (sym == 256) {
			ret = 0;
		} else {
			extra = len_extra[sym - 257];
			len = len_base[sym - 257] + (b & ((1u << extra) - 1));
			b >>= extra;
			n -= extra;
			REFILL(b, n, p);
			e = dfast[b & ((1u << FAST_BITS) - 1)];
			if (!e || (e >> 4) > 29)
				break;
			b >>= e & 15u;
			n -= e & 15u;
			REFILL(b, n, p);
			extra = dist_extra[e >> 4];
			dist = dist_base[e >> 4] + (b & ((1u << extra) - 1));
			b >>= extra;
			n -= extra;
			if (dist > (reach ? reach : wpos))
				break;
			u8 *dst = win + wpos;

			if (dist <= wpos) {
				const u8 *from = dst - dist;

				while (len--)
					*dst++ = *from++;
			} else {                /* from the window's far end */
				size_t src = (wpos - dist) & WMASK;

				while (len--) {
					*dst++ = win[src];
					src = (src + 1) & WMASK;
				}
			}
			wpos = (size_t)(dst - win);
		}
		bits = b;
		nbits = n;
		pos = p;
		if (!ret)
			break;
	}
	g->pos = pos;
	g->bits = bits;
	g->nbits = nbits;
	g->wpos = wpos;
	return ret;
}

/* Literals and back-references up to the end-of-block symbol. */
static int codes(struct gunzip *g)
{
	for (;;) {
		int r = codes_fast(g);

		if (r <= 0)
			return r;
		r = code_one(g);
		if (r <= 0)
			return r;
	}
}

/* RFC 1951 3.2.6: 0-143 8 bits, 144-255 9, 256-279 7, 280-287 8; every
 * distance 5 bits (30 and 31 are refused when they turn up). */
static int fixed_block(struct gunzip *g)
{
	u8 *lens = g->ws->lens;

	memset(lens, 8, 144);
	memset(lens + 144, 9, 112);
	memset(lens + 256, 7, 24);
	memset(lens + 280, 8, 8);
	memset(lens + NLIT, 5, NDIST);
	if (build(g, &g->ws->lit, lens, NLIT) || build(g, &g->ws->dist, lens + NLIT, NDIST))
		return -1;
	return codes(g);
}

/* The literal/length and distance code lengths, run-length coded with
 * the code length code (symbols 16-18 repeat). */
static int read_lengths(struct gunzip *g, unsigned int n)
{
	u8 *lens = g->ws->lens;

	for (unsigned int i = 0; i < n;) {
		int sym = decode(g, &g->ws->lit), rep;
		u8 val = 0;

		if (sym < 0)
			return -1;
		if (sym < 16) {
			lens[i++] = (u8)sym;
			continue;
		}
		if (sym == 16) {
			if (!i)
				return fail(g, "bad code lengths: repeat with no previous length");
			val = lens[i - 1];
			rep = with_extra(g, 3, 2);
		} else {
			rep = sym == 17 ? with_extra(g, 3, 3) : with_extra(g, 11, 7);
		}
		if (rep < 0)
			return -1;
		if (i + (unsigned int)rep > n)
			return fail(g, "bad code lengths: repeat runs past the end");
		memset(lens + i, val, (size_t)rep);
		i += (unsigned int)rep;
	}
	return 0;
}

static int dynamic_block(struct gunzip *g)
{
	int hlit = getbits(g, 5), hdist = getbits(g, 5), hclen = getbits(g, 4);
	u8 clens[19] = { 0 };

	if (hlit < 0 || hdist < 0 || hclen < 0)
		return -1;
	hlit += 257;
	hdist += 1;
	if (hlit > 286 || hdist > 30)
		return fail(g, "bad code lengths: too many length or distance codes");
	for (int i = 0; i < hclen + 4; i++) {
		int v = getbits(g, 3);

		if (v < 0)
			return -1;
		clens[clen_order[i]] = (u8)v;
	}
	/* The code length code lives in lit until lit itself is built. */
	if (build(g, &g->ws->lit, clens, 19) || read_lengths(g, (unsigned int)(hlit + hdist)))
		return -1;
	if (!g->ws->lens[256])
		return fail(g, "bad code lengths: no end-of-block code");
	if (build(g, &g->ws->lit, g->ws->lens, (unsigned int)hlit) ||
	    build(g, &g->ws->dist, g->ws->lens + hlit, (unsigned int)hdist))
		return -1;
	return codes(g);
}

static int inflate(struct gunzip *g)
{
	int last, type;

	do {
		last = getbits(g, 1);
		type = last < 0 ? -1 : getbits(g, 2);
		if (type < 0)
			return -1;
		if (type == 0 && stored_block(g))
			return -1;
		if (type == 1 && fixed_block(g))
			return -1;
		if (type == 2 && dynamic_block(g))
			return -1;
		if (type == 3)
			return fail(g, "reserved block type 3");
	} while (!last);
	byte_align(g);
	return flush_window(g);
}

/* --- the gzip wrapper ------------------------------------------------ */

#define FHCRC    0x02
#define FEXTRA   0x04
#define FNAME    0x08
#define FCOMMENT 0x10

/* Past a NUL-terminated field (FNAME, FCOMMENT). */
static int skip_string(struct gunzip *g)
{
	const u8 *nul = memchr(g->in + g->pos, 0, g->len - g->pos);

	if (!nul)
		return fail(g, "truncated input (gzip header)");
	g->pos = (size_t)(nul - g->in) + 1;
	return 0;
}

static int header(struct gunzip *g)
{
	const u8 *h = g->in + g->pos;
	size_t start = g->pos;

	if (g->len - g->pos < 10)
		return fail(g, "truncated input (gzip header)");
	if (!gunzip_magic(h, 2))
		return fail(g, "bad magic (not gzip data)");
	if (h[2] != 8)
		return fail(g, "unknown compression method (not deflate)");
	if (h[3] & 0xe0)
		return fail(g, "reserved gzip flag bits set");
	g->pos += 10;                   /* + MTIME, XFL and OS, not needed */
	if (h[3] & FEXTRA) {
		size_t xlen;

		if (g->len - g->pos < 2)
			return fail(g, "truncated input (gzip header)");
		xlen = g->in[g->pos] | g->in[g->pos + 1] << 8;
		if (g->len - g->pos - 2 < xlen)
			return fail(g, "truncated input (gzip header)");
		g->pos += 2 + xlen;
	}
	if ((h[3] & FNAME && skip_string(g)) || (h[3] & FCOMMENT && skip_string(g)))
		return -1;
	if (h[3] & FHCRC) {
		u32 crc = crc_update(g->ws->crc_table, 0, g->in + start, g->pos - start);

		if (g->len - g->pos < 2)
			return fail(g, "truncated input (gzip header)");
		if ((u32)(g->in[g->pos] | g->in[g->pos + 1] << 8) != (crc & 0xffff))
			return fail(g, "gzip header CRC mismatch");
		g->pos += 2;
	}
	return 0;
}

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* After damage, what was decoded before it still goes out (unchecked,
 * as all output is until the trailer): the consumer keeps what it can. */
static int fail_flushing(struct gunzip *g)
{
	const char *why = g->error;

	if (g->wpos && g->flush != NULL && strcmp(why, "stopped by the consumer"))
		g->flush(g->arg, g->ws->window, g->wpos);
	g->error = why;
	return -1;
}

int gunzip(struct gunzip *g)
{
	if (header(g))
		return -1;
	if (inflate(g))
		return fail_flushing(g);
	if (g->len - g->pos < 8)
		return fail(g, "truncated input (gzip trailer)");
	if (le32(g->in + g->pos) != g->crc)
		return fail(g, "CRC mismatch");
	if (le32(g->in + g->pos + 4) != g->total)
		return fail(g, "length mismatch (ISIZE)");
	g->pos += 8;
	return 0;
}

/* --- writing a stored member (tests) ---------------------------------- */

static void put_le(u8 *p, u32 v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

size_t gzip_stored(u8 *out, size_t cap, const void *data, size_t len)
{
	static const u8 head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 };
	static u32 table[4][256];       /* tests only: one at a time */
	size_t blocks = len ? (len + 65534) / 65535 : 1, at = 10;
	const u8 *src = data;

	if (cap < 10 + 5 * blocks + len + 8)
		return 0;
	memcpy(out, head, 10);
	for (size_t b = 0; b < blocks; b++) {
		size_t n = min(len - b * 65535, (size_t)65535);

		out[at] = b == blocks - 1;      /* BFINAL, BTYPE 00, padding */
		put_le(out + at + 1, (u32)n, 2);
		put_le(out + at + 3, (u32)~n & 0xffff, 2);
		memcpy(out + at + 5, src + b * 65535, n);
		at += 5 + n;
	}
	crc_init(table);
	put_le(out + at, crc_update(table, 0, data, len), 4);
	put_le(out + at + 4, (u32)len, 4);
	return at + 8;
}
