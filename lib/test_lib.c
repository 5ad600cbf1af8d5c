/*
 * lib/test_lib.c - tests of lib/: strings, formatting, number parsing,
 * command-line splitting, lists.  They run inside the kernel (ktest=lib,
 * ktest=cmdline, ktest=list) and on the host (make hosttest), from this one
 * source, because kernel/ktest.h builds in both places.
 *
 * No shared state; each test uses local buffers.
 */
#include "kernel/ktest.h"
#include "lib/cmdline.h"
#include "lib/list.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

/* Format into a fixed buffer and compare, checking the return value too. */
static void expect_fmt(const char *file, int line, const char *want,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void expect_fmt(const char *file, int line, const char *want,
		       const char *fmt, ...)
{
	char buf[128];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (strcmp(buf, want) || n != (int)strlen(want))
		ktest_fail(file, line, "format \"%s\": expected \"%s\", got \"%s\" (%d)",
			   fmt, want, buf, n);
}
#define EXPECT_FMT(want, ...) expect_fmt(__FILE__, __LINE__, want, __VA_ARGS__)

KTEST(lib, memcpy_memset_memcmp)
{
	char a[16], b[16];

	memset(a, 'x', sizeof(a));
	memcpy(b, a, sizeof(b));
	KEXPECT_EQ(memcmp(a, b, sizeof(a)), 0);
	b[7] = 'y';
	KEXPECT(memcmp(a, b, sizeof(a)) < 0);
	KEXPECT(memcmp(b, a, sizeof(a)) > 0);
	KEXPECT_EQ(memcmp(a, b, 7), 0);
	KEXPECT(memset(a, 0, 4) == a);
	KEXPECT_EQ(a[3], 0);
	KEXPECT_EQ(a[4], 'x');
}

KTEST(lib, memcmp_is_unsigned)
{
	unsigned char hi = 0xff, lo = 0x01;

	KEXPECT(memcmp(&hi, &lo, 1) > 0);
}

KTEST(lib, memmove_overlap_both_ways)
{
	char up[] = "abcdefgh", down[] = "abcdefgh";

	memmove(up + 2, up, 5);
	KEXPECT_STREQ(up, "ababcdeh");
	memmove(down, down + 2, 5);
	KEXPECT_STREQ(down, "cdefgfgh");
}

KTEST(lib, memchr_finds_and_misses)
{
	const char s[] = "hello";

	KEXPECT(memchr(s, 'l', 5) == s + 2);
	KEXPECT(memchr(s, 'z', 5) == NULL);
	KEXPECT(memchr(s, 'o', 4) == NULL);
}

KTEST(lib, strlen_strnlen)
{
	KEXPECT_EQ(strlen(""), 0);
	KEXPECT_EQ(strlen("tessera"), 7);
	KEXPECT_EQ(strnlen("tessera", 3), 3);
	KEXPECT_EQ(strnlen("ab", 10), 2);
}

KTEST(lib, strcmp_family)
{
	KEXPECT_EQ(strcmp("abc", "abc"), 0);
	KEXPECT(strcmp("abc", "abd") < 0);
	KEXPECT(strcmp("abcd", "abc") > 0);
	KEXPECT(strcmp("\xff", "a") > 0);
	KEXPECT_EQ(strncmp("abcx", "abcy", 3), 0);
	KEXPECT(strncmp("abcx", "abcy", 4) < 0);
	KEXPECT_EQ(strncmp("ab", "ab", 10), 0);
	KEXPECT_EQ(strcasecmp("HeLLo", "hello"), 0);
	KEXPECT(strcasecmp("a", "B") < 0);
}

KTEST(lib, strchr_strrchr_strstr)
{
	const char *s = "a/b/c";

	KEXPECT(strchr(s, '/') == s + 1);
	KEXPECT(strrchr(s, '/') == s + 3);
	KEXPECT(strchr(s, 'z') == NULL);
	KEXPECT(strchr(s, '\0') == s + 5);
	KEXPECT(strstr("needle in haystack", "hay") != NULL);
	KEXPECT_STREQ(strstr("needle in haystack", "in"), "in haystack");
	KEXPECT(strstr("abc", "abd") == NULL);
	KEXPECT(strstr("abc", "") != NULL);
}

KTEST(lib, strcpy_strncpy_strcat)
{
	char buf[12];

	strcpy(buf, "ab");
	strcat(buf, "cd");
	KEXPECT_STREQ(buf, "abcd");
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "hi", 5);
	KEXPECT_EQ(buf[2], 0);
	KEXPECT_EQ(buf[4], 0);
	KEXPECT_EQ(buf[5], 'x');
}

KTEST(lib, strlcpy_truncates_and_reports)
{
	char buf[5];

	KEXPECT_EQ(strlcpy(buf, "abc", sizeof(buf)), 3);
	KEXPECT_STREQ(buf, "abc");
	KEXPECT_EQ(strlcpy(buf, "abcdefgh", sizeof(buf)), 8);
	KEXPECT_STREQ(buf, "abcd");
	buf[0] = 'q';
	KEXPECT_EQ(strlcpy(buf, "zz", 0), 2);
	KEXPECT_EQ(buf[0], 'q');
}

KTEST(lib, strsep_splits_in_place)
{
	char line[] = "a,b,,c";
	char *p = line;

	KEXPECT_STREQ(strsep(&p, ","), "a");
	KEXPECT_STREQ(strsep(&p, ","), "b");
	KEXPECT_STREQ(strsep(&p, ","), "");
	KEXPECT_STREQ(strsep(&p, ","), "c");
	KEXPECT(p == NULL);
	KEXPECT(strsep(&p, ",") == NULL);
}

KTEST(lib, strim_trims_both_ends)
{
	char s[] = "  \tword  \n";
	char blank[] = "   ";

	KEXPECT_STREQ(strim(s), "word");
	KEXPECT_STREQ(strim(blank), "");
}

KTEST(lib, format_integers)
{
	EXPECT_FMT("42", "%d", 42);
	EXPECT_FMT("-42", "%i", -42);
	EXPECT_FMT("-2147483648", "%d", (int)0x80000000);
	EXPECT_FMT("4294967295", "%u", 0xffffffffu);
	EXPECT_FMT("ff FF 17", "%x %X %o", 255, 255, 15);
	EXPECT_FMT("-9223372036854775807", "%lld", -9223372036854775807ll);
	EXPECT_FMT("18446744073709551615", "%llu", ~0ull);
	EXPECT_FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	EXPECT_FMT("-1 255 65535", "%hhd %hhu %hu", 255, 255, 0xffff);
	EXPECT_FMT("7 -3", "%zu %td", (size_t)7, (ptrdiff_t)-3);
	EXPECT_FMT("123456", "%ld", 123456l);
}

KTEST(lib, format_width_flags_precision)
{
	EXPECT_FMT("   42", "%5d", 42);
	EXPECT_FMT("42   |", "%-5d|", 42);
	EXPECT_FMT("00042", "%05d", 42);
	EXPECT_FMT("-0042", "%05d", -42);
	EXPECT_FMT("+42  42 -1", "%+d % d % d", 42, 42, -1);
	EXPECT_FMT("0x1f 0X1F 017", "%#x %#X %#o", 31, 31, 15);
	EXPECT_FMT("0", "%#x", 0);
	EXPECT_FMT("  007", "%5.3d", 7);
	EXPECT_FMT("", "%.0d", 0);
	EXPECT_FMT("   42", "%*d", 5, 42);
	EXPECT_FMT("42   ", "%*d", -5, 42);
	EXPECT_FMT("0x0000002a", "%#010x", 42);
}

KTEST(lib, format_strings_chars_pointers)
{
	const char *volatile null_str = NULL;  /* hidden from gcc's format check */

	EXPECT_FMT("hi", "%s", "hi");
	EXPECT_FMT("   hi|hi   ", "%5s|%-5s", "hi", "hi");
	EXPECT_FMT("tes", "%.3s", "tessera");
	EXPECT_FMT("te", "%.*s", 2, "tessera");
	EXPECT_FMT("(null)", "%s", null_str);
	EXPECT_FMT("x  y", "%c%3c", 'x', 'y');
	EXPECT_FMT("100%", "100%%");
	if (sizeof(void *) == 4)
		EXPECT_FMT("0xc0100000", "%p", (void *)0xc0100000ul);
	else
		EXPECT_FMT("0x00000000c0100000", "%p", (void *)0xc0100000ul);
}

KTEST(lib, vsnprintf_truncation_and_return)
{
	char buf[8];

	memset(buf, 'z', sizeof(buf));
	KEXPECT_EQ(snprintf(buf, 0, "hello"), 5);
	KEXPECT_EQ(buf[0], 'z');
	KEXPECT_EQ(snprintf(buf, 1, "hello"), 5);
	KEXPECT_EQ(buf[0], '\0');
	KEXPECT_EQ(snprintf(buf, 6, "hello"), 5);
	KEXPECT_STREQ(buf, "hello");
	KEXPECT_EQ(snprintf(buf, 5, "hello"), 5);
	KEXPECT_STREQ(buf, "hell");
	KEXPECT_EQ(snprintf(buf, sizeof(buf), "%d-%d", 1234, 5678), 9);
	KEXPECT_STREQ(buf, "1234-56");
}

KTEST(lib, scnprintf_counts_what_was_stored)
{
	char buf[8];

	KEXPECT_EQ(scnprintf(buf, sizeof(buf), "abc"), 3);
	KEXPECT_EQ(scnprintf(buf, sizeof(buf), "abcdefghijk"), 7);
	KEXPECT_STREQ(buf, "abcdefg");
	KEXPECT_EQ(scnprintf(buf, 0, "abc"), 0);
}

KTEST(lib, strtoul_bases_and_end)
{
	char *end;

	KEXPECT_EQ(simple_strtoul("1234xyz", &end, 10), 1234);
	KEXPECT_STREQ(end, "xyz");
	KEXPECT_EQ(simple_strtoul("0x1F", &end, 0), 31);
	KEXPECT_EQ(simple_strtoul("0x1F", NULL, 16), 31);
	KEXPECT_EQ(simple_strtoul("017", NULL, 0), 15);
	KEXPECT_EQ(simple_strtoul("0", &end, 0), 0);
	KEXPECT_STREQ(end, "");
	KEXPECT_EQ(simple_strtoul("0xg", &end, 0), 0);
	KEXPECT_STREQ(end, "xg");
	KEXPECT_EQ(simple_strtol("-77", NULL, 10), -77);
	KEXPECT_EQ(simple_strtoull("12345678901", NULL, 10), 12345678901ull);
	KEXPECT_EQ(simple_strtoul("zz", NULL, 36), 1295);
}

KTEST(lib, kstrtoul_rejects_garbage_and_overflow)
{
	unsigned long v = 99;

	KEXPECT_EQ(kstrtoul("42", 10, &v), 0);
	KEXPECT_EQ(v, 42);
	KEXPECT_EQ(kstrtoul("42\n", 10, &v), 0);
	KEXPECT_EQ(kstrtoul("+7", 10, &v), 0);
	KEXPECT_EQ(v, 7);
	KEXPECT_EQ(kstrtoul("ff", 16, &v), 0);
	KEXPECT_EQ(v, 255);
	v = 5;
	KEXPECT_EQ(kstrtoul("", 10, &v), -EINVAL);
	KEXPECT_EQ(kstrtoul("12a", 10, &v), -EINVAL);
	KEXPECT_EQ(kstrtoul("1\n\n", 10, &v), -EINVAL);
	KEXPECT_EQ(kstrtoul("-1", 10, &v), -EINVAL);
	KEXPECT_EQ(kstrtoul("99999999999999999999999", 10, &v), -ERANGE);
	KEXPECT_EQ(v, 5);
	if (sizeof(long) == 4)
		KEXPECT_EQ(kstrtoul("4294967296", 10, &v), -ERANGE);
}

KTEST(cmdline, key_value_and_flags)
{
	char line[] = "  console=ttyS0   quiet lowmem=32M ";
	char *p = line, *param, *val;

	p = next_arg(p, &param, &val);
	KEXPECT_STREQ(param, "console");
	KEXPECT_STREQ(val, "ttyS0");
	p = next_arg(p, &param, &val);
	KEXPECT_STREQ(param, "quiet");
	KEXPECT(val == NULL);
	p = next_arg(p, &param, &val);
	KEXPECT_STREQ(param, "lowmem");
	KEXPECT_STREQ(val, "32M");
	KEXPECT_STREQ(p, "");
}

KTEST(cmdline, quotes_group_spaces)
{
	char line[] = "init=\"/bin/sh -x\" \"odd one\" k=a=b";
	char *p = line, *param, *val;

	p = next_arg(p, &param, &val);
	KEXPECT_STREQ(param, "init");
	KEXPECT_STREQ(val, "/bin/sh -x");
	p = next_arg(p, &param, &val);
	KEXPECT_STREQ(param, "odd one");
	KEXPECT(val == NULL);
	p = next_arg(p, &param, &val);
	KEXPECT_STREQ(param, "k");
	KEXPECT_STREQ(val, "a=b");
	KEXPECT_STREQ(p, "");
}

KTEST(cmdline, empty_value)
{
	char line[] = "ktest=";
	char *param, *val;

	next_arg(line, &param, &val);
	KEXPECT_STREQ(param, "ktest");
	KEXPECT(val != NULL);
	if (val)
		KEXPECT_STREQ(val, "");
}

KTEST(cmdline, memparse_suffixes)
{
	char *end;

	KEXPECT_EQ(memparse("32M", &end), 32ull << 20);
	KEXPECT_STREQ(end, "");
	KEXPECT_EQ(memparse("4k", NULL), 4096);
	KEXPECT_EQ(memparse("1G", NULL), 1ull << 30);
	KEXPECT_EQ(memparse("0x1000", NULL), 4096);
	KEXPECT_EQ(memparse("12", &end), 12);
	KEXPECT_EQ(memparse("5Q", &end), 5);
	KEXPECT_STREQ(end, "Q");
}

struct item {
	int value;
	struct list_head node;
};

static void collect(struct list_head *head, int *out, int *n)
{
	struct item *it;

	*n = 0;
	list_for_each_entry(it, head, node)
		out[(*n)++] = it->value;
}

KTEST(list, add_tail_order_and_delete)
{
	LIST_HEAD(head);
	struct item items[4];
	int seen[4], n;

	KEXPECT(list_empty(&head));
	for (int i = 0; i < 4; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, &head);
	}
	collect(&head, seen, &n);
	KEXPECT_EQ(n, 4);
	KEXPECT_EQ(seen[0], 0);
	KEXPECT_EQ(seen[3], 3);
	list_del(&items[1].node);
	KEXPECT(items[1].node.next == LIST_POISON1);
	collect(&head, seen, &n);
	KEXPECT_EQ(n, 3);
	KEXPECT_EQ(seen[1], 2);
	KEXPECT(list_first_entry(&head, struct item, node) == &items[0]);
}

KTEST(list, add_is_lifo_and_move)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item items[3];
	int seen[3], n;

	for (int i = 0; i < 3; i++) {
		items[i].value = i;
		list_add(&items[i].node, &a);
	}
	collect(&a, seen, &n);
	KEXPECT_EQ(seen[0], 2);
	KEXPECT_EQ(seen[2], 0);
	list_move_tail(&items[2].node, &b);
	list_move(&items[0].node, &b);
	collect(&b, seen, &n);
	KEXPECT_EQ(n, 2);
	KEXPECT_EQ(seen[0], 0);
	KEXPECT_EQ(seen[1], 2);
}

KTEST(list, splice_and_safe_iteration)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item items[4], *it, *tmp;
	int seen[4], n;

	for (int i = 0; i < 4; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, i < 2 ? &a : &b);
	}
	list_splice_init(&b, &a);
	KEXPECT(list_empty(&b));
	collect(&a, seen, &n);
	KEXPECT_EQ(n, 4);
	KEXPECT_EQ(seen[0], 2);
	KEXPECT_EQ(seen[1], 3);
	KEXPECT_EQ(seen[2], 0);
	list_for_each_entry_safe(it, tmp, &a, node)
		if (it->value % 2)
			list_del_init(&it->node);
	collect(&a, seen, &n);
	KEXPECT_EQ(n, 2);
	KEXPECT(list_empty(&items[1].node));
}
