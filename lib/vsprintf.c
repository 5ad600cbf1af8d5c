/*
 * lib/vsprintf.c - printf-style formatting and number parsing.
 *
 * Data structures: struct out, the destination buffer with its size and the
 * count of bytes the output needs (which may exceed the size: that count is
 * vsnprintf's return value); struct spec, one parsed conversion.  Integers
 * travel as unsigned long long plus a sign, so %lld needs 64-bit division
 * (libgcc on i386).
 *
 * Locking: none; callers serialise.
 */
#include "lib/vsprintf.h"
#include "lib/ctype.h"
#include "lib/string.h"

struct out {
	char *buf;
	size_t size, len;
};

struct spec {
	bool left, zero, plus, space, alt;
	int width, precision;           /* precision -1: none given */
	char length;                    /* 'H' hh, 'h', 'l', 'L' ll, 'z', 't', 0 */
	char conv;                      /* the conversion letter */
};

/* Store c if it fits with room left for the NUL; count it either way. */
static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	int len;

	if (!str)
		str = "(null)";
	len = (int)strnlen(str, s->precision >= 0 ? (size_t)s->precision : (size_t)-1);
	if (!s->left)
		pad(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - len);
}

static unsigned int base_of(const struct spec *s)
{
	switch (s->conv) {
	case 'o':
		return 8;
	case 'x': case 'X': case 'p':
		return 16;
	default:
		return 10;
	}
}

/* Only signed conversions show '+' or ' ' in front of a positive number. */
static char sign_of(const struct spec *s, bool negative)
{
	if (negative)
		return '-';
	if (s->conv != 'd' && s->conv != 'i')
		return 0;
	return s->plus ? '+' : s->space ? ' ' : 0;
}

/* '#' puts 0x before a non-zero hex number, and makes octal start with a
 * 0, which digits or precision zeros may already provide (C99 7.19.6.1).
 * %p always shows 0x, even for NULL. */
static const char *prefix_of(const struct spec *s, bool zero_value, bool leading_zero)
{
	if (s->conv == 'p')
		return "0x";
	if (!s->alt)
		return "";
	if (s->conv == 'o')
		return leading_zero ? "" : "0";
	if (zero_value)
		return "";
	return s->conv == 'x' ? "0x" : s->conv == 'X' ? "0X" : "";
}

static void put_number(struct out *o, const struct spec *s, unsigned long long v,
		       bool negative)
{
	const char *digits = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int base = base_of(s);
	char tmp[24], sign = sign_of(s, negative);   /* 22 octal digits = 64 bits */
	const char *prefix;
	int n = 0, zeros, len;

	for (unsigned long long x = v; x; x /= base)
		tmp[n++] = digits[x % base];
	if (!n && s->precision != 0)    /* C: "%.0d" of 0 prints no digit */
		tmp[n++] = '0';
	zeros = s->precision > n ? s->precision - n : 0;
	prefix = prefix_of(s, !v, zeros || (n && tmp[n - 1] == '0'));
	len = (sign != 0) + (int)strlen(prefix) + zeros + n;
	/* '0' widens with zeros between prefix and digits; '-' or a
	 * precision turns it off. */
	if (s->zero && !s->left && s->precision < 0 && s->width > len) {
		zeros += s->width - len;
		len = s->width;
	}
	if (!s->left)
		pad(o, ' ', s->width - len);
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->left)
		pad(o, ' ', s->width - len);
}

static const char *parse_flags(const char *fmt, struct spec *s)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': s->left = true; break;
		case '0': s->zero = true; break;
		case '+': s->plus = true; break;
		case ' ': s->space = true; break;
		case '#': s->alt = true; break;
		default: return fmt;
		}
	}
}

static const char *parse_int(const char *fmt, int *val, va_list *args)
{
	if (*fmt == '*') {
		*val = va_arg(*args, int);
		return fmt + 1;
	}
	*val = 0;
	while (isdigit(*fmt))
		*val = *val * 10 + (*fmt++ - '0');
	return fmt;
}

static const char *parse_length(const char *fmt, struct spec *s)
{
	if ((fmt[0] == 'h' || fmt[0] == 'l') && fmt[1] == fmt[0]) {
		s->length = fmt[0] == 'h' ? 'H' : 'L';
		return fmt + 2;
	}
	if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 't')
		s->length = *fmt++;
	return fmt;
}

/* Parse one conversion after '%'; returns the byte after it. */
static const char *parse_spec(const char *fmt, struct spec *s, va_list *args)
{
	memset(s, 0, sizeof(*s));
	s->precision = -1;
	fmt = parse_flags(fmt, s);
	fmt = parse_int(fmt, &s->width, args);
	if (s->width < 0) {
		s->left = true;
		s->width = -s->width;
	}
	if (*fmt == '.') {
		fmt = parse_int(fmt + 1, &s->precision, args);
		if (s->precision < 0)
			s->precision = -1;
	}
	fmt = parse_length(fmt, s);
	s->conv = *fmt;
	return *fmt ? fmt + 1 : fmt;
}

static unsigned long long get_unsigned(const struct spec *s, va_list *args)
{
	switch (s->length) {
	case 'H': return (unsigned char)va_arg(*args, unsigned int);
	case 'h': return (unsigned short)va_arg(*args, unsigned int);
	case 'l': return va_arg(*args, unsigned long);
	case 'L': return va_arg(*args, unsigned long long);
	case 'z': return va_arg(*args, size_t);
	case 't': return (size_t)va_arg(*args, ptrdiff_t);
	default: return va_arg(*args, unsigned int);
	}
}

static long long get_signed(const struct spec *s, va_list *args)
{
	switch (s->length) {
	case 'H': return (signed char)va_arg(*args, int);
	case 'h': return (short)va_arg(*args, int);
	case 'l': return va_arg(*args, long);
	case 'L': return va_arg(*args, long long);
	case 'z': return (ptrdiff_t)va_arg(*args, size_t);  /* %zd: ssize_t */
	case 't': return va_arg(*args, ptrdiff_t);
	default: return va_arg(*args, int);
	}
}

static void convert(struct out *o, struct spec *s, va_list *args)
{
	char c;

	switch (s->conv) {
	case 'd': case 'i': {
		long long v = get_signed(s, args);

		put_number(o, s, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0);
		break;
	}
	case 'u': case 'x': case 'X': case 'o':
		put_number(o, s, get_unsigned(s, args), false);
		break;
	case 'p':                       /* every digit of the address */
		s->precision = 2 * (int)sizeof(void *);
		put_number(o, s, (uintptr_t)va_arg(*args, void *), false);
		break;
	case 'c':
		c = (char)va_arg(*args, int);
		if (!s->left)
			pad(o, ' ', s->width - 1);
		put(o, c);
		if (s->left)
			pad(o, ' ', s->width - 1);
		break;
	case 's':
		put_string(o, s, va_arg(*args, const char *));
		break;
	case '%':
		put(o, '%');
		break;
	default:                        /* unknown: print it as written */
		put(o, '%');
		if (s->conv)
			put(o, s->conv);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	struct spec s;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &ap);
		convert(&o, &s, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

static unsigned int guess_base(const char **cp)
{
	const char *p = *cp;

	if (p[0] == '0' && (p[1] | 0x20) == 'x' && isxdigit(p[2])) {
		*cp = p + 2;
		return 16;
	}
	return p[0] == '0' ? 8 : 10;
}

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* Parse digits of base at *cp (base 0: guess; base 16 allows "0x"),
 * leaving *cp after them; *overflow tells whether 64 bits were exceeded. */
static unsigned long long parse_digits(const char **cp, unsigned int base, bool *overflow)
{
	unsigned long long v = 0;
	const char *p = *cp;
	int d;

	if (!base)
		base = guess_base(&p);
	else if (base == 16 && p[0] == '0' && (p[1] | 0x20) == 'x' && isxdigit(p[2]))
		p += 2;
	*overflow = false;
	while ((d = digit_value(*p)) < (int)base) {
		if (v > (~0ull - (unsigned)d) / base)
			*overflow = true;
		v = v * base + (unsigned)d;
		p++;
	}
	*cp = p;
	return v;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	bool overflow;
	unsigned long long v = parse_digits(&cp, base, &overflow);

	if (endp)
		*endp = (char *)cp;
	return v;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return (unsigned long)simple_strtoull(cp, endp, base);
}

/* Negate as unsigned: "-2147483648" must not overflow a signed long. */
long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return (long)-simple_strtoul(cp + 1, endp, base);
	return (long)simple_strtoul(cp, endp, base);
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	const char *p = s;
	bool overflow;
	unsigned long long v;

	if (*p == '+')
		p++;
	s = p;
	v = parse_digits(&p, base, &overflow);
	if (p == s || (*p && !(p[0] == '\n' && !p[1])))
		return -EINVAL;
	if (overflow || v != (unsigned long)v)
		return -ERANGE;
	*res = (unsigned long)v;
	return 0;
}
