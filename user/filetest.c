/*
 * user/filetest.c - files from user space: mkdir and chdir, creating,
 * writing, seeking and reading back a file across page boundaries,
 * fstat/stat sizes and types, directory listing (readdir over
 * getdents64), dup2, the errors (ENOENT, EISDIR, EBADF, ENOTDIR), and
 * hard links: link/linkat (one inode, st_nlink counted, the data kept
 * until the last name and descriptor go, Linux's errnos, dirfd-relative,
 * AT_SYMLINK_FOLLOW, AT_EMPTY_PATH) and rename between links.
 * One line per check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

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

/* The link count and inode number of path (0, 0 if it is missing). */
static nlink_t links_of(const char *path, ino_t *ino)
{
	struct stat st;

	if (lstat(path, &st))
		return *ino = 0;
	*ino = st.st_ino;
	return st.st_nlink;
}

static int contents_are(int fd, const char *want)
{
	char buf[32] = "";

	return pread(fd, buf, sizeof(buf) - 1, 0) == (ssize_t)strlen(want) && !strcmp(buf, want);
}

static void hard_links(void)
{
	ino_t a, b;
	int fd = open("la", O_CREAT | O_RDWR | O_TRUNC, 0644), fd2;

	check(fd >= 0 && write(fd, "hello", 5) == 5, "create la");
	check(syscall(SYS_link, "la", "lb") == 0, "link(2) la lb");
	check(links_of("la", &a) == 2 && links_of("lb", &b) == 2 && a == b,
	      "both names: one inode, st_nlink 2");
	fd2 = open("lb", O_WRONLY | O_APPEND);
	check(fd2 >= 0 && write(fd2, "!", 1) == 1 && contents_are(fd, "hello!"),
	      "a write through one name is read through the other");
	close(fd2);
	check(unlink("la") == 0 && links_of("lb", &b) == 1 && b == a, "unlink la: lb has 1 link");
	fd2 = open("lb", O_RDONLY);
	check(fd2 >= 0 && contents_are(fd2, "hello!"), "lb keeps the data");
	check(unlink("lb") == 0 && contents_are(fd2, "hello!"), "the last name gone, the open file reads on");
	close(fd2);
	close(fd);
}

static void link_errors(void)
{
	static char longname[300];
	ino_t ino;

	memset(longname, 'n', sizeof(longname) - 1);
	close(open("le", O_CREAT | O_WRONLY, 0644));
	close(open("le2", O_CREAT | O_WRONLY, 0644));
	check(link("le", "le2") == -1 && errno == EEXIST, "link over an existing name: EEXIST");
	check(link("le", "le") == -1 && errno == EEXIST, "link to itself: EEXIST");
	check(link("missing", "lx") == -1 && errno == ENOENT, "link of a missing file: ENOENT");
	check(link("le", "nodir/lx") == -1 && errno == ENOENT, "into a missing directory: ENOENT");
	check(link("/work", "lx") == -1 && errno == EPERM, "link of a directory: EPERM");
	check(link("le", "le2/lx") == -1 && errno == ENOTDIR, "through a file: ENOTDIR");
	check(link("le", "lx/") == -1 && errno == ENOENT, "a new name with a trailing slash: ENOENT");
	check(link("le/x", "lx") == -1 && errno == ENOTDIR, "old path through a file: ENOTDIR");
	check(link("le", "/proc/lx") == -1 && errno == ENOENT, "into /proc: ENOENT (proc makes no new names)");
	check(link("/proc/self/status", "lx") == -1 && errno == EXDEV, "from /proc: EXDEV");
	check(link("le", "/dev/shm/lx") == -1 && errno == EXDEV, "into /dev/shm: EXDEV");
	check(rename("le", "/dev/shm/lx") == -1 && errno == EXDEV, "rename into /dev/shm: EXDEV");
	check(syscall(SYS_link, (char *)1, "lx") == -1 && errno == EFAULT, "bad old pointer: EFAULT");
	check(syscall(SYS_link, "le", (char *)1) == -1 && errno == EFAULT, "bad new pointer: EFAULT");
	check(link("le", longname) == -1 && errno == ENAMETOOLONG, "a 299-byte name: ENAMETOOLONG");
	check(linkat(AT_FDCWD, "le", AT_FDCWD, "lx", 0x1) == -1 && errno == EINVAL,
	      "linkat unknown flag: EINVAL");
	check(links_of("lx", &ino) == 0 && links_of("le", &ino) == 1, "no failed call made a name");
	unlink("le2");
}

static void linkat_forms(void)
{
	int dfd = open("/work", O_RDONLY | O_DIRECTORY), fd;
	ino_t target, ino;
	struct stat st;

	check(dfd >= 0 && chdir("/") == 0 && linkat(dfd, "le", dfd, "ld", 0) == 0 &&
	      links_of("/work/ld", &ino) == 2 && links_of("/work/le", &target) == 2 && ino == target,
	      "linkat relative to a directory descriptor");
	check(chdir("/work") == 0 && symlink("le", "ls") == 0, "symlink ls -> le");
	check(linkat(AT_FDCWD, "ls", AT_FDCWD, "lt", 0) == 0 && lstat("lt", &st) == 0 &&
	      S_ISLNK(st.st_mode) && st.st_nlink == 2, "linkat without AT_SYMLINK_FOLLOW links the symlink");
	check(linkat(AT_FDCWD, "ls", AT_FDCWD, "lf", AT_SYMLINK_FOLLOW) == 0 &&
	      links_of("lf", &ino) == 3 && ino == target, "AT_SYMLINK_FOLLOW links its target");
	fd = open("le", O_RDONLY);
	check(linkat(fd, "", AT_FDCWD, "lp", AT_EMPTY_PATH) == 0 && links_of("lp", &ino) == 4 &&
	      ino == target, "AT_EMPTY_PATH links the open file");
	close(fd);
	fd = open("lu", O_CREAT | O_RDWR, 0644);
	check(fd >= 0 && unlink("lu") == 0 && linkat(fd, "", AT_FDCWD, "lv", AT_EMPTY_PATH) == -1 &&
	      errno == ENOENT, "AT_EMPTY_PATH of an unlinked file: ENOENT");
	close(fd);
	check(rename("ld", "le") == 0 && links_of("ld", &ino) == 4 && links_of("le", &ino) == 4,
	      "rename between two links of one file: both stay");
	close(open("lo", O_CREAT | O_WRONLY, 0644));
	check(rename("lo", "le") == 0 && links_of("le", &ino) == 1 && ino != target &&
	      links_of("ld", &ino) == 3, "rename over a link: the other names keep the file");
	unlink("ld");
	unlink("lf");
	unlink("lp");
	unlink("le");
	unlink("ls");
	unlink("lt");
	close(dfd);
}

int main(void)
{
	char cwd[64];

	check(mkdir("/work", 0755) == 0 && chdir("/work") == 0, "mkdir and chdir");
	check(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/work"), "getcwd");
	write_and_read_back();
	listing_and_dup();
	errors();
	hard_links();
	link_errors();
	linkat_forms();
	check(chdir("..") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"), "chdir ..");
	printf("filetest: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
