/*
 * lib/inflate.h - decompressing a gzip member (RFC 1952) holding a DEFLATE
 * stream (RFC 1951), as a stream: the input is one contiguous buffer, the
 * output leaves through a callback in chunks of up to 32 KiB straight from
 * the sliding window, so no buffer the size of the output is ever needed
 * (fs/initramfs.c inflates a 30 MB archive this way, file by file).
 *
 * Data: the caller's struct gunzip and its workspace (the window, the
 * Huffman tables and the CRC table, GUNZIP_WORKSPACE_SIZE bytes) - the
 * caller allocates it (vmalloc in the kernel, malloc in host tests).
 * Every malformed input gives a negative result and g->error says why;
 * nothing is ever read past in + len or written past the workspace.
 * Locking: a struct gunzip belongs to one caller.
 */
#ifndef LIB_INFLATE_H
#define LIB_INFLATE_H

#include "lib/types.h"

#define GUNZIP_WINDOW 32768             /* the farthest DEFLATE looks back */

/* Receives len (> 0) bytes of output; a nonzero return stops inflating
 * (gunzip() then fails with "stopped by the consumer"). */
typedef int (*gunzip_flush_t)(void *arg, const u8 *data, size_t len);

#define GUNZIP_MAX_BITS  15             /* the longest code DEFLATE allows */
#define GUNZIP_FAST_BITS 10             /* codes this short decode in one look-up */

struct gunzip_huffman {
	u16 count[GUNZIP_MAX_BITS + 1]; /* codes of each length */
	u16 symbol[288];                /* symbols ordered by code */
	u16 fast[1 << GUNZIP_FAST_BITS]; /* symbol << 4 | length; 0: longer code */
};

/* The workspace; its layout is here only so a caller can size it. */
struct gunzip_ws {
	u8 window[GUNZIP_WINDOW];
	u32 crc_table[4][256];
	struct gunzip_huffman lit, dist;
	u8 lens[288 + 32];
};

struct gunzip {
	const u8 *in;
	size_t len, pos;                /* pos: the next input byte to read */
	u32 bits;                       /* input bits not yet used, LSB first */
	unsigned int nbits;
	struct gunzip_ws *ws;
	size_t wpos;                    /* next byte of ws->window to fill */
	u32 total;                      /* output flushed, modulo 2^32 (ISIZE) */
	bool wrapped;                   /* the window has been full once */
	u32 crc;
	gunzip_flush_t flush;
	void *arg;
	const char *error;              /* set when gunzip() fails */
};

#define GUNZIP_WORKSPACE_SIZE sizeof(struct gunzip_ws)

/* True if buf[0..len) starts with the gzip magic 1f 8b. */
bool gunzip_magic(const void *buf, size_t len);

void gunzip_init(struct gunzip *g, const void *in, size_t len, void *workspace,
		 gunzip_flush_t flush, void *arg);
/* Inflate one member starting at in[0]; 0 when it ended with the CRC and
 * size checked (g->pos is then the byte after it, where another member
 * or anything else may follow), negative with g->error set otherwise. */
int gunzip(struct gunzip *g);

/* The input bytes used for good, pos less the whole bytes read ahead
 * into bits (byte_align() may hand them back): everything below it
 * may be freed while gunzip() runs, as fs/initramfs.c does. */
static inline size_t gunzip_consumed(const struct gunzip *g)
{
	return g->pos - g->nbits / 8;
}

/* For tests: data as a gzip member of stored blocks (the simplest valid
 * one, no name, no mtime) at out; its length, or 0 if it would not fit
 * in cap. */
size_t gzip_stored(u8 *out, size_t cap, const void *data, size_t len);

#endif
