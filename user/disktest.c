/*
 * user/disktest.c - a block device file from user space, as
 * tests/test_blockdev.py runs it (init=/bin/disktest DEV SIZE IN OUT):
 *
 *   - stat: a block device with the expected device number (3, 0 for
 *     /dev/hda); the ioctls BLKGETSIZE64, BLKGETSIZE, BLKSSZGET,
 *     BLKPBSZGET, BLKFLSBUF, HDIO_GETGEO agree with SIZE; an unknown
 *     ioctl is ENOTTY, a bad pointer EFAULT; lseek(SEEK_END) is SIZE;
 *   - reads the pattern the host wrote at byte IN (odd offsets, pieces
 *     of odd sizes), writes another at byte OUT (70000 bytes: more than
 *     one bounce buffer, unaligned at both ends) and reads it back; the
 *     host then finds it in the image;
 *   - a write from a bad pointer is EFAULT and changes nothing; past the
 *     end ENOSPC, straddling it a short count, a read there 0; fsync 0;
 *   - O_EXCL: a second exclusive open is EBUSY;
 *   - the device's /proc/diskstats line counts the reads and writes.
 *
 * Prints "disktest: ok" and exits 0, or says what failed and exits 1.
 * Plain C against glibc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define BLKGETSIZE 0x1260
#define BLKFLSBUF 0x1261
#define BLKSSZGET 0x1268
#define BLKGETSIZE64 0x80041272
#define BLKPBSZGET 0x127b
#define HDIO_GETGEO 0x0301

#define IN_LEN 10000
#define OUT_LEN 70000

static int failures;
/* A pointer the kernel must refuse; volatile so the compiler lets it be. */
static void *volatile bad_ptr = (void *)16;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			printf("disktest: FAIL line %d: %s (errno %d)\n",    \
			       __LINE__, #cond, errno);                      \
			failures++;                                          \
		}                                                            \
	} while (0)

/* The host's pattern and ours: byte i of each. */
static unsigned char in_byte(long i) { return (unsigned char)(i * 13 + 7); }
static unsigned char out_byte(long i) { return (unsigned char)(i * 31 + 5); }

/* Reads and writes (fields 4 and 8) of name's /proc/diskstats line. */
static void diskstats(const char *name, unsigned long *reads, unsigned long *writes)
{
	FILE *f = fopen("/proc/diskstats", "r");
	char line[256], dev[32];
	unsigned long v[11];

	*reads = *writes = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*u %*u %31s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu", dev,
			   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9],
			   &v[10]) == 12 && !strcmp(dev, name)) {
			*reads = v[0];
			*writes = v[4];
		}
	}
	if (f)
		fclose(f);
}

static void check_ioctls(int fd, uint64_t size)
{
	struct { unsigned char heads, sectors; unsigned short cyl; unsigned long start; } geo;
	uint64_t bytes = 0;
	unsigned long sectors = 0;
	int ssz = 0;
	unsigned int pbsz = 0;

	CHECK(ioctl(fd, BLKGETSIZE64, &bytes) == 0 && bytes == size);
	CHECK(ioctl(fd, BLKGETSIZE, &sectors) == 0 && sectors == size / 512);
	CHECK(ioctl(fd, BLKSSZGET, &ssz) == 0 && ssz == 512);
	CHECK(ioctl(fd, BLKPBSZGET, &pbsz) == 0 && pbsz == 512);
	CHECK(ioctl(fd, BLKFLSBUF, 0) == 0);
	CHECK(ioctl(fd, HDIO_GETGEO, &geo) == 0 && geo.heads == 16 && geo.sectors == 63);
	errno = 0;
	CHECK(ioctl(fd, 0x4242, 0) == -1 && errno == ENOTTY);
	errno = 0;
	CHECK(ioctl(fd, BLKGETSIZE64, bad_ptr) == -1 && errno == EFAULT);
	CHECK(lseek64(fd, 0, SEEK_END) == (off64_t)size);
	errno = 0;
	CHECK(lseek64(fd, (off64_t)size + 1, SEEK_SET) == -1 && errno == EINVAL);
}

/* The host's pattern at in, read in pieces of odd sizes. */
static void check_host_pattern(int fd, long in)
{
	static unsigned char buf[IN_LEN];
	long done = 0;

	CHECK(lseek64(fd, in, SEEK_SET) == in);
	while (done < IN_LEN) {
		ssize_t n = read(fd, buf + done, done + 777 < IN_LEN ? 777 : IN_LEN - done);

		CHECK(n > 0);
		if (n <= 0)
			return;
		done += n;
	}
	for (long i = 0; i < IN_LEN; i++)
		if (buf[i] != in_byte(i)) {
			CHECK(buf[i] == in_byte(i));
			return;
		}
}

static void write_and_read_back(int fd, long out)
{
	static unsigned char buf[OUT_LEN], back[OUT_LEN];

	for (long i = 0; i < OUT_LEN; i++)
		buf[i] = out_byte(i);
	CHECK(pwrite64(fd, buf, OUT_LEN, out) == OUT_LEN);
	CHECK(pread64(fd, back, OUT_LEN, out) == OUT_LEN);
	CHECK(memcmp(buf, back, OUT_LEN) == 0);
	/* A bad pointer: nothing written (the host checks what is there). */
	errno = 0;
	CHECK(pwrite64(fd, bad_ptr, 4096, out + OUT_LEN + 4096) == -1 && errno == EFAULT);
}

static void check_end(int fd, uint64_t size)
{
	char buf[100] = "end";

	errno = 0;
	CHECK(pwrite64(fd, buf, sizeof(buf), (off64_t)size) == -1 && errno == ENOSPC);
	CHECK(pwrite64(fd, buf, sizeof(buf), (off64_t)size - 10) == 10);
	CHECK(pread64(fd, buf, sizeof(buf), (off64_t)size) == 0);
	CHECK(pread64(fd, buf, sizeof(buf), (off64_t)size - 10) == 10);
	CHECK(fsync(fd) == 0);
	CHECK(fdatasync(fd) == 0);
}

int main(int argc, char **argv)
{
	unsigned long reads0, writes0, reads1, writes1;
	const char *dev, *name;
	struct stat st;
	uint64_t size;
	long in, out;
	int fd, ex;

	if (argc != 5) {
		fprintf(stderr, "usage: disktest DEV SIZE IN OUT\n");
		return 2;
	}
	dev = argv[1];
	name = strrchr(dev, '/') + 1;
	size = strtoull(argv[2], NULL, 0);
	in = strtol(argv[3], NULL, 0);
	out = strtol(argv[4], NULL, 0);
	CHECK(stat(dev, &st) == 0 && S_ISBLK(st.st_mode));
	CHECK(major(st.st_rdev) == 3 && minor(st.st_rdev) == 0);
	diskstats(name, &reads0, &writes0);
	fd = open(dev, O_RDWR);
	CHECK(fd >= 0);
	if (fd < 0)
		return 1;
	check_ioctls(fd, size);
	check_host_pattern(fd, in);
	write_and_read_back(fd, out);
	check_end(fd, size);
	ex = open(dev, O_RDONLY | O_EXCL);
	CHECK(ex >= 0);
	errno = 0;
	CHECK(open(dev, O_RDONLY | O_EXCL) == -1 && errno == EBUSY);
	close(ex);
	close(fd);
	diskstats(name, &reads1, &writes1);
	CHECK(reads1 > reads0 && writes1 > writes0);
	printf("disktest: %s (reads %lu -> %lu, writes %lu -> %lu)\n", failures ? "FAILED" : "ok",
	       reads0, reads1, writes0, writes1);
	return failures ? 1 : 0;
}
