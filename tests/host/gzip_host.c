/*
 * tests/host/gzip_host.c - round trips through the host's gzip: data of
 * several kinds and sizes compressed by `gzip` at levels 1, 6 and 9 (with
 * and without the name in the header), then inflated by lib/inflate.c in
 * 32 KiB chunks and compared; and a header carrying every optional field.
 * Host only: it runs gzip through popen().
 * Data: the buffers of one test at a time.  Locking: none; single-threaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/debug/ktest.h"
#include "lib/inflate.h"

struct expect {
	const u8 *data;
	size_t len, got;
	bool ok;
};

static int compare(void *arg, const u8 *data, size_t len)
{
	struct expect *e = arg;

	if (e->got + len > e->len || memcmp(data, e->data + e->got, len))
		e->ok = false;
	e->got += len;
	return 0;
}

/* `gzip <flags>` of data[0..len); the output, its length in *out_len. */
static u8 *host_gzip(const u8 *data, size_t len, const char *flags, size_t *out_len)
{
	char cmd[128];
	size_t cap = len + len / 10 + 1024, n = 0;
	u8 *out = malloc(cap);
	FILE *f = fopen("build/host/gzip-in", "wb");
	FILE *p;

	fwrite(data, 1, len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "gzip -c %s build/host/gzip-in", flags);
	p = popen(cmd, "r");
	while (p && !feof(p) && n < cap)
		n += fread(out + n, 1, cap - n, p);
	if (p)
		pclose(p);
	*out_len = n;
	return out;
}

/* Inflate z[0..zlen) and expect data[0..len); the error or NULL. */
static const char *inflate_expect(const u8 *z, size_t zlen, const u8 *data, size_t len)
{
	struct gunzip g;
	struct gunzip_ws *ws = malloc(GUNZIP_WORKSPACE_SIZE);
	struct expect e = { data, len, 0, true };
	const char *why = NULL;

	gunzip_init(&g, z, zlen, ws, compare, &e);
	if (gunzip(&g))
		why = g.error;
	else if (!e.ok || e.got != len)
		why = "output differs";
	else if (g.pos != zlen)
		why = "did not end at the member's end";
	free(ws);
	return why;
}

static void round_trip(const u8 *data, size_t len)
{
	static const char *const flags[] = { "-1", "-6", "-9", "-n -9", "-n -1" };

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		size_t zlen;
		u8 *z = host_gzip(data, len, flags[i], &zlen);
		const char *why = inflate_expect(z, zlen, data, len);

		if (why)
			printf("# gzip %s of %zu bytes: %s\n", flags[i], len, why);
		KEXPECT(zlen > 0 && why == NULL);
		free(z);
	}
}

/* Text-like data (long matches), noise (stored blocks), and a mix. */
static u8 *sample(size_t len, int kind)
{
	u8 *d = malloc(len + 1);
	u32 x = 12345;

	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245 + 12345;
		if (kind == 0)
			d[i] = "the quick brown fox jumps over the lazy dog\n"[(i * 7 + i / 97) % 44];
		else if (kind == 1)
			d[i] = (u8)(x >> 16);
		else
			d[i] = (i / 4096) % 2 ? (u8)(x >> 16) : (u8)(i % 61);
	}
	return d;
}

KTEST(gzip_host, round_trips_of_the_hosts_gzip)
{
	static const size_t sizes[] = { 0, 1, 100, 40000, 3 << 20 };

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int kind = 0; kind < 3; kind++) {
			u8 *d = sample(sizes[s], kind);

			round_trip(d, sizes[s]);
			free(d);
		}
}

/* FEXTRA, FNAME, FCOMMENT and FHCRC (gzip writes none of FEXTRA, FCOMMENT
 * and FHCRC) in front of gzip -n's deflate data and trailer; then the
 * header CRC damaged, and every prefix of a dynamic-block member cut. */
KTEST(gzip_host, optional_header_fields_and_truncation)
{
	static const u8 fields[] = { 0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3, 3, 0, 'x',
				     'y', 'z', 'n', 'a', 'm', 'e', 0, 'h', 'i', 0 };
	size_t len = 50000, zlen, hlen = sizeof(fields) + 2;
	u8 *d = sample(len, 0), *z = host_gzip(d, len, "-n -6", &zlen);
	u8 *m = malloc(zlen + hlen);
	u32 crc = 0xffffffff;

	for (size_t i = 0; i < sizeof(fields); i++) {  /* the header CRC, by hand */
		crc ^= fields[i];
		for (int k = 0; k < 8; k++)
			crc = crc & 1 ? 0xedb88320 ^ (crc >> 1) : crc >> 1;
	}
	crc = ~crc;
	memcpy(m, fields, sizeof(fields));
	m[sizeof(fields)] = (u8)crc;
	m[sizeof(fields) + 1] = (u8)(crc >> 8);
	memcpy(m + hlen, z + 10, zlen - 10);
	KEXPECT(inflate_expect(m, hlen + zlen - 10, d, len) == NULL);
	m[sizeof(fields)] ^= 1;
	KEXPECT_STREQ(inflate_expect(m, hlen + zlen - 10, d, len), "gzip header CRC mismatch");
	for (size_t cut = 0; cut < zlen; cut += 1 + cut / 64)
		KEXPECT(inflate_expect(z, cut, d, len) != NULL);
	for (size_t at = 20; at < zlen - 8; at += 97) {        /* flipped bits: no crash */
		z[at] ^= 0x10;
		KEXPECT(inflate_expect(z, zlen, d, len) != NULL);
		z[at] ^= 0x10;
	}
	free(m);
	free(z);
	free(d);
}
