/*
 * lib/test_lib.c - behavioural tests of lib/: strings, ctype, formatting,
 * number parsing, lists and the type macros (suite "lib"), and command-line
 * splitting (suite "cmdline").
 *
 * The same file is linked into the kernel (ktest=lib,cmdline) and into the
 * host runner (tests/host/harness.c), so expectations that depend on the
 * width of long or of pointers are computed from sizeof, never assumed.
 * Data structures: struct item, a list element; out[], the buffer fmt()
 * formats into.
 *
 * Locking: none; tests run one at a time.
 */
#include "kernel/debug/ktest.h"
#include "lib/cmdline.h"
#include "lib/ctype.h"
#include "lib/list.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define INT_MIN_VALUE (-2147483647 - 1)
#define LLONG_MIN_VALUE (-9223372036854775807LL - 1)

static char out[128];

/* Format into out[], failing the test if vsnprintf's return value is not
 * the length it stored (out[] is big enough for every use).  Having no
 * format attribute, it lets the tests use combinations gcc's format
 * checking warns about (such as "%-05d"). */
static const char *fmt(const char *f, ...)
{
	va_list args;
	int n;

	va_start(args, f);
	n = vsnprintf(out, sizeof(out), f, args);
	va_end(args);
	if (n != (int)strlen(out))
		ktest_fail(__FILE__, __LINE__, "fmt(\"%s\") returned %d for \"%s\"",
			   f, n, out);
	return out;
}

/* scnprintf's va_list twin needs a variadic caller to be tested. */
static int vsc(char *buf, size_t size, const char *f, ...)
{
	va_list args;
	int n;

	va_start(args, f);
	n = vscnprintf(buf, size, f, args);
	va_end(args);
	return n;
}

/* "0x" and all 2*sizeof(void *) hex digits of v, as %p must print it. */
static const char *ptr_text(uintptr_t v, char *buf)
{
	int digits = 2 * (int)sizeof(void *);

	buf[0] = '0';
	buf[1] = 'x';
	for (int i = digits - 1; i >= 0; i--, v >>= 4)
		buf[2 + i] = "0123456789abcdef"[v & 15];
	buf[2 + digits] = '\0';
	return buf;
}

/* ---- memory and string functions ---- */

KTEST(lib, memcpy_copies_exactly_n)
{
	char dst[8] = "xxxxxxx";

	KEXPECT(memcpy(dst, "abc", 3) == dst);
	KEXPECT_STREQ(dst, "abcxxxx");
	KEXPECT(memcpy(dst, "zz", 0) == dst);
	KEXPECT_STREQ(dst, "abcxxxx");
}

KTEST(lib, memmove_overlap_down)
{
	char buf[] = "abcdefgh";

	KEXPECT(memmove(buf, buf + 2, 5) == buf);
	KEXPECT_STREQ(buf, "cdefgfgh");
}

KTEST(lib, memmove_overlap_up)
{
	char buf[] = "abcdefgh";

	/* A forward byte copy would smear "abab..." here. */
	KEXPECT(memmove(buf + 2, buf, 5) == buf + 2);
	KEXPECT_STREQ(buf, "ababcdeh");
	memmove(buf, buf, 8);
	KEXPECT_STREQ(buf, "ababcdeh");
	memmove(buf + 1, "Z", 0);
	KEXPECT_STREQ(buf, "ababcdeh");
}

KTEST(lib, memset_fills_low_byte)
{
	char buf[] = "aaaaa";

	KEXPECT(memset(buf + 1, 0x17a, 3) == buf + 1);  /* 0x7a is 'z' */
	KEXPECT_STREQ(buf, "azzza");
	memset(buf, 'q', 0);
	KEXPECT_STREQ(buf, "azzza");
}

/* memcpy and memset move words, then the odd bytes: every start
 * alignment and every length around a word, with guard bytes either side
 * that must stay as they were. */
KTEST(lib, memcpy_memset_every_alignment_and_tail)
{
	u8 src[40], dst[48];
	bool ok = true;

	for (int i = 0; i < 40; i++)
		src[i] = (u8)(i * 7 + 1);
	for (int off = 0; off < 4; off++) {
		for (int n = 0; n <= 33; n++) {
			memset(dst, 0xee, sizeof(dst));
			memcpy(dst + 4 + off, src + off, (size_t)n);
			for (int i = 0; i < 48; i++) {
				bool inside = i >= 4 + off && i < 4 + off + n;

				ok &= dst[i] == (inside ? src[i - 4] : 0xee);
			}
			memset(dst + 4 + off, 0x5c, (size_t)n);
			for (int i = 0; i < 48; i++) {
				bool inside = i >= 4 + off && i < 4 + off + n;

				ok &= dst[i] == (inside ? 0x5c : 0xee);
			}
		}
	}
	KEXPECT(ok);
}

KTEST(lib, memcmp_unsigned_and_past_nul)
{
	KEXPECT_EQ(memcmp("abc", "abc", 3), 0);
	KEXPECT(memcmp("abc", "abd", 3) < 0);
	KEXPECT(memcmp("abd", "abc", 3) > 0);
	KEXPECT_EQ(memcmp("abc", "xyz", 0), 0);
	KEXPECT(memcmp("\x80", "\x01", 1) > 0);
	KEXPECT(memcmp("ab\0x", "ab\0y", 4) < 0);
}

KTEST(lib, checksum8_sums_modulo_256)
{
	static const u8 table[] = { 0x10, 0xf0, 0x01, 0xff };

	KEXPECT_EQ(checksum8(table, 0), 0);
	KEXPECT_EQ(checksum8(table, 1), 0x10);
	KEXPECT_EQ(checksum8(table, 2), 0);             /* wraps */
	KEXPECT_EQ(checksum8(table, 4), 0);
	KEXPECT_EQ(checksum8(table, 3), 0x01);
}

KTEST(lib, memchr_finds_within_n)
{
	const char s[] = "hello\0world";

	KEXPECT(memchr(s, 'w', sizeof(s)) == s + 6);
	KEXPECT(memchr(s, 'w', 6) == NULL);
	KEXPECT(memchr(s, 'l', sizeof(s)) == s + 2);
	KEXPECT(memchr(s, 0x168, sizeof(s)) == s);    /* compares as u8: 'h' */
	KEXPECT(memchr(s, 'h', 0) == NULL);
}

KTEST(lib, strlen_strnlen)
{
	KEXPECT_EQ(strlen(""), 0);
	KEXPECT_EQ(strlen("abc"), 3);
	KEXPECT_EQ(strnlen("abcdef", 3), 3);
	KEXPECT_EQ(strnlen("ab", 5), 2);
	KEXPECT_EQ(strnlen("ab", 0), 0);
}

KTEST(lib, strcmp_strncmp_order)
{
	KEXPECT_EQ(strcmp("abc", "abc"), 0);
	KEXPECT(strcmp("abc", "abd") < 0);
	KEXPECT(strcmp("ab", "abc") < 0);
	KEXPECT(strcmp("abc", "ab") > 0);
	KEXPECT(strcmp("\xff", "a") > 0);               /* bytes are unsigned */
	KEXPECT_EQ(strcmp("", ""), 0);
	KEXPECT_EQ(strncmp("abcX", "abcY", 3), 0);
	KEXPECT(strncmp("abcX", "abcY", 4) < 0);
	KEXPECT_EQ(strncmp("ab", "ab", 10), 0);         /* stops at the NUL */
	KEXPECT(strncmp("ab", "abc", 10) < 0);
	KEXPECT_EQ(strncmp("x", "y", 0), 0);
}

KTEST(lib, strcasecmp_ignores_case)
{
	KEXPECT_EQ(strcasecmp("HeLLo", "hello"), 0);
	KEXPECT(strcasecmp("abc", "ABD") < 0);
	KEXPECT(strcasecmp("b", "A") > 0);
	KEXPECT(strcasecmp("a", "AB") < 0);
	KEXPECT(strcasecmp("[", "a") < 0);  /* '[' sorts after 'A' but before 'a' */
}

KTEST(lib, strchr_strrchr)
{
	const char *s = "hello";

	KEXPECT(strchr(s, 'l') == s + 2);
	KEXPECT(strrchr(s, 'l') == s + 3);
	KEXPECT(strchr(s, 'z') == NULL);
	KEXPECT(strrchr(s, 'z') == NULL);
	KEXPECT(strchr(s, '\0') == s + 5);
	KEXPECT(strrchr(s, '\0') == s + 5);
	KEXPECT(strrchr(s, 'h') == s);
}

KTEST(lib, strcpy_strcat)
{
	char buf[16];

	KEXPECT(strcpy(buf, "foo") == buf);
	KEXPECT_STREQ(buf, "foo");
	KEXPECT(strcat(buf, "bar") == buf);
	KEXPECT_STREQ(buf, "foobar");
	strcpy(buf, "");
	strcat(buf, "x");
	KEXPECT_STREQ(buf, "x");
}

KTEST(lib, strncpy_pads_and_truncates)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	KEXPECT(strncpy(buf, "ab", 5) == buf);
	KEXPECT_EQ(memcmp(buf, "ab\0\0\0xxx", 8), 0);
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "abcdef", 3);                      /* no NUL added */
	KEXPECT_EQ(memcmp(buf, "abcxxxxx", 8), 0);
}

KTEST(lib, strlcpy_truncates_and_reports)
{
	char buf[4] = "###";

	KEXPECT_EQ(strlcpy(buf, "hello", sizeof(buf)), 5);
	KEXPECT_STREQ(buf, "hel");
	KEXPECT_EQ(strlcpy(buf, "abc", sizeof(buf)), 3);  /* fits exactly */
	KEXPECT_STREQ(buf, "abc");
	KEXPECT_EQ(strlcpy(buf, "hi", sizeof(buf)), 2);
	KEXPECT_STREQ(buf, "hi");
	KEXPECT_EQ(strlcpy(buf, "zzz", 1), 3);
	KEXPECT_STREQ(buf, "");
	KEXPECT_EQ(strlcpy(buf, "qqq", 0), 3);           /* writes nothing */
	KEXPECT_STREQ(buf, "");
}

KTEST(lib, strstr_finds_first)
{
	const char *s = "hello world";
	const char *a = "aaab";

	KEXPECT(strstr(s, "world") == s + 6);
	KEXPECT(strstr(s, "o") == s + 4);
	KEXPECT(strstr(a, "aab") == a + 1);             /* restart after a near miss */
	KEXPECT(strstr(s, "") == s);
	KEXPECT(strstr(s, "worlds") == NULL);
	KEXPECT(strstr("", "") != NULL);
	KEXPECT(strstr("", "a") == NULL);
}

KTEST(lib, strsep_linux_semantics)
{
	char line[] = "a,b,,c";
	char *p = line;

	KEXPECT_STREQ(strsep(&p, ","), "a");
	KEXPECT_STREQ(strsep(&p, ","), "b");
	KEXPECT_STREQ(strsep(&p, ","), "");            /* adjacent delimiters */
	KEXPECT(p == line + 5);
	KEXPECT_STREQ(strsep(&p, ","), "c");
	KEXPECT(p == NULL);
	KEXPECT(strsep(&p, ",") == NULL);
}

KTEST(lib, strsep_any_delimiter)
{
	char line[] = "k=v;x";
	char *p = line;

	KEXPECT_STREQ(strsep(&p, ";="), "k");
	KEXPECT_STREQ(strsep(&p, ";="), "v");
	KEXPECT_STREQ(strsep(&p, ";="), "x");
	KEXPECT(p == NULL);
}

KTEST(lib, strim_trims_in_place)
{
	char a[] = "  hi there \t\n";
	char b[] = "   ";
	char c[] = "x";

	KEXPECT(strim(a) == a + 2);
	KEXPECT_STREQ(a + 2, "hi there");
	KEXPECT_STREQ(strim(b), "");
	KEXPECT(strim(c) == c);
	KEXPECT_STREQ(c, "x");
}

KTEST(lib, ctype_classes)
{
	KEXPECT(isdigit('0') && isdigit('9') && !isdigit('a') && !isdigit('/'));
	KEXPECT(isxdigit('f') && isxdigit('F') && isxdigit('7'));
	KEXPECT(!isxdigit('g') && !isxdigit('G') && !isxdigit('@'));
	KEXPECT(isspace(' ') && isspace('\t') && isspace('\n'));
	KEXPECT(isspace('\v') && isspace('\f') && isspace('\r'));
	KEXPECT(!isspace('a') && !isspace('\0'));
	KEXPECT(isalpha('a') && isalpha('Z') && !isalpha('1') && !isalpha('['));
	KEXPECT(isalnum('q') && isalnum('5') && !isalnum('_'));
	KEXPECT(isupper('A') && !isupper('a') && islower('z') && !islower('Z'));
	KEXPECT(isprint(' ') && isprint('~') && !isprint('\n') && !isprint(0x7f));
	KEXPECT(!isalpha((char)0xe9) && !isprint((char)0xe9));  /* signed char */
	KEXPECT_EQ(tolower('A'), 'a');
	KEXPECT_EQ(tolower('a'), 'a');
	KEXPECT_EQ(tolower('1'), '1');
	KEXPECT_EQ(toupper('z'), 'Z');
	KEXPECT_EQ(toupper('['), '[');
}

/* ---- vsnprintf and friends ---- */

KTEST(lib, printf_decimal)
{
	KEXPECT_STREQ(fmt("%d", 42), "42");
	KEXPECT_STREQ(fmt("%d", -42), "-42");
	KEXPECT_STREQ(fmt("%i", 7), "7");
	KEXPECT_STREQ(fmt("%d", 0), "0");
	KEXPECT_STREQ(fmt("%d", INT_MIN_VALUE), "-2147483648");
	KEXPECT_STREQ(fmt("%d", 2147483647), "2147483647");
	KEXPECT_STREQ(fmt("%u", 4294967295u), "4294967295");
	KEXPECT_STREQ(fmt("%u", -1), "4294967295");
	KEXPECT_STREQ(fmt("[%d|%s|%c]", 1, "two", '3'), "[1|two|3]");
}

KTEST(lib, printf_hex_octal)
{
	KEXPECT_STREQ(fmt("%x", 255), "ff");
	KEXPECT_STREQ(fmt("%X", 0xbeef), "BEEF");
	KEXPECT_STREQ(fmt("%x", 0xffffffffu), "ffffffff");
	KEXPECT_STREQ(fmt("%o", 8), "10");
	KEXPECT_STREQ(fmt("%#x", 255), "0xff");
	KEXPECT_STREQ(fmt("%#X", 255), "0XFF");
	KEXPECT_STREQ(fmt("%#x", 0), "0");              /* no 0x before zero */
	KEXPECT_STREQ(fmt("%#o", 8), "010");
	KEXPECT_STREQ(fmt("%#o", 0), "0");
	KEXPECT_STREQ(fmt("%08x", 0xbeef), "0000beef");
	KEXPECT_STREQ(fmt("%#010x", 0xbeef), "0x0000beef");
	KEXPECT_STREQ(fmt("%#8x", 0xbeef), "  0xbeef");
	KEXPECT_STREQ(fmt("%-#8x|", 0xbeef), "0xbeef  |");
}

KTEST(lib, printf_width_and_flags)
{
	KEXPECT_STREQ(fmt("%5d", 42), "   42");
	KEXPECT_STREQ(fmt("%-5d|", 42), "42   |");
	KEXPECT_STREQ(fmt("%05d", 42), "00042");
	KEXPECT_STREQ(fmt("%05d", -42), "-0042");       /* zeros after the sign */
	KEXPECT_STREQ(fmt("%-05d|", 42), "42   |");     /* '-' beats '0' */
	KEXPECT_STREQ(fmt("%+d", 42), "+42");
	KEXPECT_STREQ(fmt("%+d", -42), "-42");
	KEXPECT_STREQ(fmt("%+d", 0), "+0");
	KEXPECT_STREQ(fmt("% d", 42), " 42");
	KEXPECT_STREQ(fmt("% d", -42), "-42");
	KEXPECT_STREQ(fmt("%+ d", 42), "+42");          /* '+' beats ' ' */
	KEXPECT_STREQ(fmt("% 5d", 42), "   42");
	KEXPECT_STREQ(fmt("%+05d", 42), "+0042");
	KEXPECT_STREQ(fmt("%+u", 42), "42");            /* signs only for %d */
	KEXPECT_STREQ(fmt("% x", 42), "2a");
	KEXPECT_STREQ(fmt("%2d", 12345), "12345");      /* width is a minimum */
}

KTEST(lib, printf_precision)
{
	KEXPECT_STREQ(fmt("%.3d", 7), "007");
	KEXPECT_STREQ(fmt("%.3d", -7), "-007");
	KEXPECT_STREQ(fmt("%.0d", 0), "");              /* zero digits of zero */
	KEXPECT_STREQ(fmt("%.d", 0), "");
	KEXPECT_STREQ(fmt("%5.0d|", 0), "     |");
	KEXPECT_STREQ(fmt("%.0d", 3), "3");
	KEXPECT_STREQ(fmt("%8.3d", 42), "     042");
	KEXPECT_STREQ(fmt("%-8.3d|", 42), "042     |");
	KEXPECT_STREQ(fmt("%08.3d", 42), "     042");   /* precision turns '0' off */
	KEXPECT_STREQ(fmt("%.5x", 0xab), "000ab");
	KEXPECT_STREQ(fmt("%#.5x", 0xab), "0x000ab");
	KEXPECT_STREQ(fmt("%#.5o", 8), "00010");        /* the zeros count as '#''s 0 */
	KEXPECT_STREQ(fmt("%#.0o", 0), "0");
	KEXPECT_STREQ(fmt("%#.0x", 0), "");
	KEXPECT_STREQ(fmt("%.2s", "abc"), "ab");
	KEXPECT_STREQ(fmt("%.9s", "abc"), "abc");
}

KTEST(lib, printf_star_arguments)
{
	KEXPECT_STREQ(fmt("%*d", 5, 42), "   42");
	KEXPECT_STREQ(fmt("%-*d|", 5, 42), "42   |");
	KEXPECT_STREQ(fmt("%*d|", -5, 42), "42   |");    /* negative: '-' */
	KEXPECT_STREQ(fmt("%0*d", 4, 7), "0007");
	KEXPECT_STREQ(fmt("%.*d", 4, 7), "0007");
	KEXPECT_STREQ(fmt("%.*d", -1, 7), "7");         /* negative: none */
	KEXPECT_STREQ(fmt("%*.*d|", 6, 3, 7), "   007|");
	KEXPECT_STREQ(fmt("%.*s", 3, "abcdef"), "abc");
	KEXPECT_STREQ(fmt("%*s%d", 3, "a", 9), "  a9");  /* later args still line up */
}

KTEST(lib, printf_length_modifiers)
{
	const char *umax = sizeof(size_t) == 4 ? "4294967295" : "18446744073709551615";
	const char *ulmax = sizeof(long) == 4 ? "4294967295" : "18446744073709551615";

	KEXPECT_STREQ(fmt("%hhd", 300), "44");          /* (signed char)300 */
	KEXPECT_STREQ(fmt("%hhd", 255), "-1");
	KEXPECT_STREQ(fmt("%hhu", -1), "255");
	KEXPECT_STREQ(fmt("%hhx", 0x1234), "34");
	KEXPECT_STREQ(fmt("%hd", 70000), "4464");
	KEXPECT_STREQ(fmt("%hu", -1), "65535");
	KEXPECT_STREQ(fmt("%hx", 0x12345), "2345");
	KEXPECT_STREQ(fmt("%ld", -5L), "-5");
	KEXPECT_STREQ(fmt("%lu", 123456UL), "123456");
	KEXPECT_STREQ(fmt("%lu", -1UL), ulmax);
	KEXPECT_STREQ(fmt("%lx", 0xabcdefUL), "abcdef");
	KEXPECT_STREQ(fmt("%zu", (size_t)12345), "12345");
	KEXPECT_STREQ(fmt("%zu", (size_t)-1), umax);
	KEXPECT_STREQ(fmt("%zd", (size_t)-1), "-1");
	KEXPECT_STREQ(fmt("%zx", (size_t)0xabc), "abc");
	KEXPECT_STREQ(fmt("%td", (ptrdiff_t)-3), "-3");
	KEXPECT_STREQ(fmt("%tu", (ptrdiff_t)-1), umax);
}

KTEST(lib, printf_64bit)
{
	KEXPECT_STREQ(fmt("%lld", LLONG_MIN_VALUE), "-9223372036854775808");
	KEXPECT_STREQ(fmt("%lld", 9223372036854775807LL), "9223372036854775807");
	KEXPECT_STREQ(fmt("%lld", -1LL), "-1");
	KEXPECT_STREQ(fmt("%lld", -1234567890123LL), "-1234567890123");
	KEXPECT_STREQ(fmt("%llu", ~0ULL), "18446744073709551615");
	KEXPECT_STREQ(fmt("%llx", 0x123456789abcdefULL), "123456789abcdef");
	KEXPECT_STREQ(fmt("%#llX", ~0ULL), "0XFFFFFFFFFFFFFFFF");
	KEXPECT_STREQ(fmt("%llo", 1ULL << 63), "1000000000000000000000");
	KEXPECT_STREQ(fmt("%lld %d", 1LL << 40, 5), "1099511627776 5");
	KEXPECT_STREQ(fmt("%d %lld %d", 1, -2LL, 3), "1 -2 3");
	KEXPECT_STREQ(fmt("%020lld", -5LL), "-0000000000000000005");
}

KTEST(lib, printf_string_and_char)
{
	KEXPECT_STREQ(fmt("%s", "abc"), "abc");
	KEXPECT_STREQ(fmt("%5s", "abc"), "  abc");
	KEXPECT_STREQ(fmt("%-5s|", "abc"), "abc  |");
	KEXPECT_STREQ(fmt("%5.1s", "abc"), "    a");
	KEXPECT_STREQ(fmt("%s", (char *)NULL), "(null)");
	KEXPECT_STREQ(fmt("%.3s", (char *)NULL), "(nu");
	KEXPECT_STREQ(fmt("%s", ""), "");
	KEXPECT_STREQ(fmt("%c", 'x'), "x");
	KEXPECT_STREQ(fmt("%3c", 'x'), "  x");
	KEXPECT_STREQ(fmt("%-3c|", 'x'), "x  |");
	KEXPECT_STREQ(fmt("%%"), "%");
	KEXPECT_STREQ(fmt("100%% %d%%", 5), "100% 5%");
	KEXPECT_STREQ(fmt("no conversions"), "no conversions");
}

KTEST(lib, printf_pointer)
{
	char want[40], pad[48];
	int w = 2 + 2 * (int)sizeof(void *);
	int x;

	KEXPECT_STREQ(fmt("%p", NULL), ptr_text(0, want));
	KEXPECT_EQ(strlen(out), w);
	KEXPECT_STREQ(fmt("%p", (void *)0xabcd), ptr_text(0xabcd, want));
	KEXPECT_STREQ(fmt("%p", (void *)&x), ptr_text((uintptr_t)&x, want));
	snprintf(pad, sizeof(pad), "  %s", ptr_text(0xabcd, want));
	KEXPECT_STREQ(fmt("%*p", w + 2, (void *)0xabcd), pad);
	snprintf(pad, sizeof(pad), "%s  |", want);
	KEXPECT_STREQ(fmt("%-*p|", w + 2, (void *)0xabcd), pad);
}

KTEST(lib, printf_unknown_conversion)
{
	KEXPECT_STREQ(fmt("a%qb"), "a%qb");
	KEXPECT_STREQ(fmt("end%"), "end%");
}

KTEST(lib, snprintf_truncation_and_return)
{
	char b[8];

	memset(b, '#', sizeof(b));
	KEXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	KEXPECT_EQ(snprintf(b, 0, "abc"), 3);
	KEXPECT_EQ(b[0], '#');                          /* size 0: untouched */
	KEXPECT_EQ(snprintf(b, 1, "abc"), 3);
	KEXPECT_EQ(b[0], '\0');
	KEXPECT_EQ(b[1], '#');
	KEXPECT_EQ(snprintf(b, 3, "abc"), 3);
	KEXPECT_STREQ(b, "ab");
	KEXPECT_EQ(b[3], '#');
	KEXPECT_EQ(snprintf(b, 4, "abc"), 3);           /* exact fit */
	KEXPECT_STREQ(b, "abc");
	KEXPECT_EQ(snprintf(b, sizeof(b), "%s", "hello world"), 11);
	KEXPECT_STREQ(b, "hello w");
	KEXPECT_EQ(snprintf(b, 5, "%6d", -12), 6);      /* cut inside padding */
	KEXPECT_STREQ(b, "   -");
}

KTEST(lib, scnprintf_counts_stored)
{
	char b[8];
	int n;

	memset(b, '#', sizeof(b));
	KEXPECT_EQ(scnprintf(b, 0, "abc"), 0);
	KEXPECT_EQ(b[0], '#');
	KEXPECT_EQ(scnprintf(b, 1, "abc"), 0);
	KEXPECT_EQ(b[0], '\0');
	KEXPECT_EQ(scnprintf(b, 3, "abc"), 2);
	KEXPECT_EQ(scnprintf(b, 4, "abc"), 3);
	KEXPECT_EQ(scnprintf(b, sizeof(b), "%s", "hello world"), 7);
	KEXPECT_EQ(vsc(b, 3, "%d", 12345), 2);
	KEXPECT_STREQ(b, "12");
	KEXPECT_EQ(vsc(b, 0, "%d", 12345), 0);
	/* The appending idiom scnprintf exists for: never runs past b. */
	n = scnprintf(b, 6, "ab");
	n += scnprintf(b + n, 6 - n, "cdefgh");
	n += scnprintf(b + n, 6 - n, "ij");
	KEXPECT_EQ(n, 5);
	KEXPECT_STREQ(b, "abcde");
}

/* ---- number parsing ---- */

KTEST(lib, simple_strtoul_bases_and_endp)
{
	const char *s;
	char *end;

	KEXPECT_EQ(simple_strtoul(s = "123", &end, 10), 123);
	KEXPECT(end == s + 3);
	KEXPECT_EQ(simple_strtoul(s = "123abc", &end, 10), 123);
	KEXPECT(end == s + 3);
	KEXPECT_EQ(simple_strtoul("ff", NULL, 16), 255);
	KEXPECT_EQ(simple_strtoul(s = "0xff", &end, 16), 255);
	KEXPECT(end == s + 4);
	KEXPECT_EQ(simple_strtoul("777", NULL, 8), 511);
	KEXPECT_EQ(simple_strtoul(s = "789", &end, 8), 7);
	KEXPECT(end == s + 1);
	KEXPECT_EQ(simple_strtoul("101", NULL, 2), 5);
	KEXPECT_EQ(simple_strtoul("zZ", NULL, 36), 35 * 36 + 35);
	KEXPECT_EQ(simple_strtoul(s = "abc", &end, 10), 0);
	KEXPECT(end == s);
}

KTEST(lib, simple_strtoul_base_zero_guesses)
{
	const char *s;
	char *end;

	KEXPECT_EQ(simple_strtoul("0XfF", NULL, 0), 255);
	KEXPECT_EQ(simple_strtoul("017", NULL, 0), 15);
	KEXPECT_EQ(simple_strtoul("17", NULL, 0), 17);
	KEXPECT_EQ(simple_strtoul(s = "0", &end, 0), 0);
	KEXPECT(end == s + 1);
	KEXPECT_EQ(simple_strtoul(s = "0x", &end, 0), 0);  /* "0x" alone is 0 */
	KEXPECT(end == s + 1);
	KEXPECT_EQ(simple_strtoul(s = "09", &end, 0), 0);  /* octal stops at 9 */
	KEXPECT(end == s + 1);
}

KTEST(lib, simple_strtoull_and_strtol)
{
	const char *s;
	char *end;

	KEXPECT(simple_strtoull("18446744073709551615", NULL, 10) == ~0ULL);
	KEXPECT(simple_strtoull("0x123456789abcdef0", NULL, 0) == 0x123456789abcdef0ULL);
	KEXPECT_EQ(simple_strtol(s = "-42", &end, 10), -42);
	KEXPECT(end == s + 3);
	KEXPECT_EQ(simple_strtol("42", NULL, 10), 42);
	KEXPECT_EQ(simple_strtol("-0x10", NULL, 0), -16);
	KEXPECT_EQ(simple_strtol("-2147483648", NULL, 10), -2147483647L - 1);
}

KTEST(lib, kstrtoul_accepts)
{
	unsigned long r = 0;

	KEXPECT_EQ(kstrtoul("123", 10, &r), 0);
	KEXPECT_EQ(r, 123);
	KEXPECT_EQ(kstrtoul("124\n", 10, &r), 0);       /* one newline, as from a file */
	KEXPECT_EQ(r, 124);
	KEXPECT_EQ(kstrtoul("+7", 10, &r), 0);
	KEXPECT_EQ(r, 7);
	KEXPECT_EQ(kstrtoul("0x10", 0, &r), 0);
	KEXPECT_EQ(r, 16);
	KEXPECT_EQ(kstrtoul("077", 0, &r), 0);
	KEXPECT_EQ(r, 63);
	KEXPECT_EQ(kstrtoul("ff", 16, &r), 0);
	KEXPECT_EQ(r, 255);
	KEXPECT_EQ(kstrtoul("0x20", 16, &r), 0);
	KEXPECT_EQ(r, 32);
	KEXPECT_EQ(kstrtoul("4294967295", 10, &r), 0);
	KEXPECT_EQ(r, 4294967295UL);
}

KTEST(lib, kstrtoul_rejects)
{
	const char *over = sizeof(long) == 4 ? "4294967296" : "18446744073709551616";
	unsigned long r = 99;

	KEXPECT_EQ(kstrtoul("", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("\n", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("12a", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("12\n\n", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul(" 12", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("12 ", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("-1", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("+", 10, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul("8", 8, &r), -EINVAL);
	KEXPECT_EQ(kstrtoul(over, 10, &r), -ERANGE);
	KEXPECT_EQ(kstrtoul("99999999999999999999999", 10, &r), -ERANGE);
	KEXPECT_EQ(r, 99);                              /* untouched on error */
}

/* ---- lists ---- */

struct item {
	int v;
	struct list_head node;
};

/* The values in list order as decimal digits, checking the prev links
 * agree with the next links; -1 if they do not. */
static int order(struct list_head *head)
{
	struct list_head *pos;
	struct item *it;
	int fwd = 0, back = 0, scale = 1;

	list_for_each_entry(it, head, node)
		fwd = fwd * 10 + it->v;
	for (pos = head->prev; pos != head; pos = pos->prev, scale *= 10)
		back += list_entry(pos, struct item, node)->v * scale;
	return fwd == back ? fwd : -1;
}

static void init_items(struct item *items, int n)
{
	for (int i = 0; i < n; i++)
		items[i].v = i + 1;
}

KTEST(lib, list_add_is_stack_add_tail_is_queue)
{
	struct item it[3];
	LIST_HEAD(stack);
	LIST_HEAD(queue);

	init_items(it, 3);
	KEXPECT(list_empty(&stack));
	for (int i = 0; i < 3; i++)
		list_add(&it[i].node, &stack);
	KEXPECT(!list_empty(&stack));
	KEXPECT_EQ(order(&stack), 321);
	KEXPECT(list_first_entry(&stack, struct item, node) == &it[2]);
	INIT_LIST_HEAD(&stack);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &queue);
	KEXPECT_EQ(order(&queue), 123);
	KEXPECT(list_first_entry(&queue, struct item, node) == &it[0]);
}

KTEST(lib, list_del_poisons_del_init_reinits)
{
	struct item it[3];
	LIST_HEAD(head);

	init_items(it, 3);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &head);
	list_del(&it[1].node);
	KEXPECT_EQ(order(&head), 13);
	KEXPECT(it[1].node.next == (struct list_head *)0x00100100);
	KEXPECT(it[1].node.prev == (struct list_head *)0x00200200);
	list_del_init(&it[0].node);
	KEXPECT_EQ(order(&head), 3);
	KEXPECT(list_empty(&it[0].node));
	list_del(&it[2].node);
	KEXPECT(list_empty(&head));
	KEXPECT_EQ(order(&head), 0);
}

KTEST(lib, list_move_and_move_tail)
{
	struct item it[4];
	LIST_HEAD(a);
	LIST_HEAD(b);

	init_items(it, 4);
	for (int i = 0; i < 4; i++)
		list_add_tail(&it[i].node, &a);
	list_move(&it[2].node, &a);                     /* to the front */
	KEXPECT_EQ(order(&a), 3124);
	list_move_tail(&it[2].node, &a);                /* to the back */
	KEXPECT_EQ(order(&a), 1243);
	list_move(&it[0].node, &b);                     /* across lists */
	list_move_tail(&it[3].node, &b);
	KEXPECT_EQ(order(&a), 23);
	KEXPECT_EQ(order(&b), 14);
}

KTEST(lib, list_splice_init_prepends)
{
	struct item it[5];
	LIST_HEAD(a);
	LIST_HEAD(b);

	init_items(it, 5);
	list_add_tail(&it[0].node, &a);
	list_add_tail(&it[1].node, &a);
	list_add_tail(&it[2].node, &b);
	list_add_tail(&it[3].node, &b);
	list_add_tail(&it[4].node, &b);
	list_splice_init(&b, &a);
	KEXPECT_EQ(order(&a), 34512);
	KEXPECT(list_empty(&b));
	list_splice_init(&b, &a);                       /* empty: no change */
	KEXPECT_EQ(order(&a), 34512);
	list_splice_init(&a, &b);                       /* into an empty head */
	KEXPECT_EQ(order(&b), 34512);
	KEXPECT(list_empty(&a));
}

KTEST(lib, list_safe_iteration_allows_deletion)
{
	struct item it[5], *pos, *n;
	struct list_head *p, *q;
	LIST_HEAD(head);
	int visited = 0;

	init_items(it, 5);
	for (int i = 0; i < 5; i++)
		list_add_tail(&it[i].node, &head);
	list_for_each_entry_safe(pos, n, &head, node) {
		visited = visited * 10 + pos->v;
		if (pos->v % 2)
			list_del(&pos->node);
	}
	KEXPECT_EQ(visited, 12345);
	KEXPECT_EQ(order(&head), 24);
	list_for_each_safe(p, q, &head)
		list_del_init(p);
	KEXPECT(list_empty(&head));
	visited = 0;
	list_for_each(p, &head)
		visited++;
	KEXPECT_EQ(visited, 0);
}

/* ---- lib/types.h macros ---- */

KTEST(lib, type_macros)
{
	struct item it;
	int arr[7];
	int i = 1;

	KEXPECT_EQ(ARRAY_SIZE(arr), 7);
	KEXPECT_EQ(ALIGN(13, 8), 16);
	KEXPECT_EQ(ALIGN(16, 8), 16);
	KEXPECT_EQ(ALIGN(0, 4096), 0);
	KEXPECT(ALIGN(0x1ffffffffULL, 0x1000) == 0x200000000ULL);
	KEXPECT_EQ(min(i++, 5), 1);                     /* argument used once */
	KEXPECT_EQ(i, 2);
	KEXPECT_EQ(max(3, -3), 3);
	KEXPECT_EQ(min(-3, 3), -3);
	KEXPECT(container_of(&it.node, struct item, node) == &it);
	KEXPECT_EQ(sizeof(u8) + sizeof(u16) + sizeof(u32) + sizeof(u64), 15);
	KEXPECT_EQ(sizeof(s64), 8);
}

/* ---- command line ---- */

KTEST(cmdline, next_arg_key_value)
{
	char line[] = "console=ttyS0 debug";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	KEXPECT_STREQ(param, "console");
	KEXPECT_STREQ(val, "ttyS0");
	KEXPECT_STREQ(rest, "debug");
	rest = next_arg(rest, &param, &val);
	KEXPECT_STREQ(param, "debug");
	KEXPECT(val == NULL);
	KEXPECT_STREQ(rest, "");
}

KTEST(cmdline, next_arg_empty_value_and_extra_equals)
{
	char line[] = "key= a=b=c";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	KEXPECT_STREQ(param, "key");
	KEXPECT(val != NULL);
	KEXPECT_STREQ(val, "");                         /* "key=" is not "key" */
	next_arg(rest, &param, &val);
	KEXPECT_STREQ(param, "a");
	KEXPECT_STREQ(val, "b=c");                      /* split at the first '=' */
}

KTEST(cmdline, next_arg_multiple_spaces)
{
	char line[] = "   a=1  \t  b   ";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	KEXPECT_STREQ(param, "a");
	KEXPECT_STREQ(val, "1");
	KEXPECT_STREQ(rest, "b   ");
	rest = next_arg(rest, &param, &val);
	KEXPECT_STREQ(param, "b");
	KEXPECT(val == NULL);
	KEXPECT_STREQ(rest, "");
}

KTEST(cmdline, next_arg_quoted_value)
{
	char line[] = "init=\"/bin/sh -x\" quiet";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	KEXPECT_STREQ(param, "init");
	KEXPECT_STREQ(val, "/bin/sh -x");
	KEXPECT_STREQ(rest, "quiet");
}

KTEST(cmdline, next_arg_quoted_whole_arg)
{
	char line[] = "\"msg=hello  world\" x";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	KEXPECT_STREQ(param, "msg");
	KEXPECT_STREQ(val, "hello  world");
	KEXPECT_STREQ(rest, "x");
}

KTEST(cmdline, next_arg_empty_line)
{
	char empty[] = "";
	char blank[] = "   ";
	char *param, *val, *rest;

	rest = next_arg(empty, &param, &val);
	KEXPECT_STREQ(param, "");
	KEXPECT(val == NULL);
	KEXPECT_STREQ(rest, "");
	rest = next_arg(blank, &param, &val);
	KEXPECT_STREQ(param, "");
	KEXPECT(val == NULL);
	KEXPECT_STREQ(rest, "");
}

KTEST(cmdline, next_arg_whole_line)
{
	char line[] = "root=/dev/sda1 ro init=\"/sbin/init --x\" mem=64M";
	char names[64] = "", vals[64] = "";
	char *param, *val, *rest = line;
	int n = 0;

	while (*rest) {
		rest = next_arg(rest, &param, &val);
		strcat(names, param);
		strcat(names, ";");
		strcat(vals, val ? val : "-");
		strcat(vals, ";");
		n++;
	}
	KEXPECT_EQ(n, 4);
	KEXPECT_STREQ(names, "root;ro;init;mem;");
	KEXPECT_STREQ(vals, "/dev/sda1;-;/sbin/init --x;64M;");
}

KTEST(cmdline, memparse_suffixes)
{
	const char *s;
	char *end;

	KEXPECT_EQ(memparse(s = "4K", &end), 4096);
	KEXPECT(end == s + 2);
	KEXPECT_EQ(memparse("4k", NULL), 4096);
	KEXPECT_EQ(memparse("16M", NULL), 16 << 20);
	KEXPECT_EQ(memparse("16m", NULL), 16 << 20);
	KEXPECT_EQ(memparse("1G", NULL), 1 << 30);
	KEXPECT(memparse("4g", NULL) == 4ULL << 30);    /* beyond 32 bits */
	KEXPECT_EQ(memparse("0x10M", NULL), 16 << 20);
	KEXPECT_EQ(memparse(s = "123", &end), 123);
	KEXPECT(end == s + 3);
	KEXPECT_EQ(memparse(s = "8Kb", &end), 8192);
	KEXPECT(end == s + 2);
	KEXPECT_EQ(memparse(s = "5X", &end), 5);        /* unknown suffix left */
	KEXPECT(end == s + 1);
	KEXPECT_EQ(memparse(s = "", &end), 0);
	KEXPECT(end == s);
}
