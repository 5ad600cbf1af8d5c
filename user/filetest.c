/*
 * user/filetest.c - files from user space: mkdir and chdir, creating,
 * writing, seeking and reading back a file across page boundaries,
 * fstat/stat sizes and types, directory listing (readdir over
 * getdents64), dup2, and the errors (ENOENT, EISDIR, EBADF, ENOTDIR).
 * One line per check; exits 0 only if all passed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	failures += !ok;
}

static void write_and_read_back(void)
{
	static char out[10000], in[10000];
	struct stat st;
	int fd;

	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)('a' + i % 26);
	fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
	check(fd >= 3, "open O_CREAT gives the lowest free descriptor");
	check(write(fd, out, sizeof(out)) == sizeof(out), "write 10000 bytes");
	check(lseek(fd, 0, SEEK_SET) == 0, "lseek to 0");
	check(read(fd, in, sizeof(in)) == sizeof(in) && !memcmp(in, out, sizeof(in)),
	      "read them back");
	check(read(fd, in, 10) == 0, "end of file");
	check(fstat(fd, &st) == 0 && st.st_size == 10000 && S_ISREG(st.st_mode), "fstat");
	check(lseek(fd, 4096, SEEK_SET) == 4096 && read(fd, in, 3) == 3 &&
	      !memcmp(in, out + 4096, 3), "read at an offset in the second page");
	close(fd);
	check(stat("/work/data.txt", &st) == 0 && st.st_size == 10000, "stat by absolute path");
}

static void listing_and_dup(void)
{
	DIR *d = opendir(".");
	struct dirent *e;
	int seen = 0, fd;

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, "data.txt"))
			seen |= 1;
		if (!strcmp(e->d_name, ".."))
			seen |= 2;
	}
	check(d && seen == 3, "readdir lists data.txt and ..");
	if (d)
		closedir(d);
	fd = open("data.txt", O_WRONLY | O_APPEND);
	check(dup2(fd, 9) == 9 && write(9, "END", 3) == 3, "dup2 and append through the copy");
	close(fd);
	close(9);
}

static void errors(void)
{
	char buf[8];
	struct stat st;

	check(open("missing", O_RDONLY) == -1 && errno == ENOENT, "ENOENT");
	check(open("/work", O_WRONLY) == -1 && errno == EISDIR, "EISDIR");
	check(read(42, buf, 1) == -1 && errno == EBADF, "EBADF");
	check(stat("/work/data.txt/x", &st) == -1 && errno == ENOTDIR, "ENOTDIR");
}

int main(void)
{
	char cwd[64];

	check(mkdir("/work", 0755) == 0 && chdir("/work") == 0, "mkdir and chdir");
	check(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/work"), "getcwd");
	write_and_read_back();
	listing_and_dup();
	errors();
	check(chdir("..") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"), "chdir ..");
	printf("filetest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
