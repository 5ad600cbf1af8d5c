/*
 * lib/cmdline.c - kernel command-line splitting (see lib/cmdline.h).
 *
 * next_arg works in place: it writes NULs over the '=' and the separating
 * space and removes the quotes, so param and val point into args.  Quotes
 * only stop spaces from ending the argument; the first '=' splits it even
 * inside quotes, so "\"key=a b\"" and "key=\"a b\"" mean the same.
 * Data structures: none beyond the caller's string.
 *
 * Locking: none; callers serialise.
 */
#include "lib/cmdline.h"
#include "lib/ctype.h"
#include "lib/vsprintf.h"

static char *skip_spaces(char *s)
{
	while (isspace(*s))
		s++;
	return s;
}

/* Drop the double quotes from s in place (they only group spaces). */
static void unquote(char *s)
{
	char *d = s;

	for (; *s; s++)
		if (*s != '"')
			*d++ = *s;
	*d = '\0';
}

char *next_arg(char *args, char **param, char **val)
{
	bool in_quote = false;
	char *p, *eq = NULL;

	args = skip_spaces(args);
	for (p = args; *p && (in_quote || !isspace(*p)); p++) {
		if (*p == '"')
			in_quote = !in_quote;
		else if (*p == '=' && !eq)
			eq = p;
	}
	if (*p)
		*p++ = '\0';
	*param = args;
	*val = NULL;
	if (eq) {
		*eq = '\0';
		*val = eq + 1;
		unquote(*val);
	}
	unquote(*param);
	return skip_spaces(p);
}

unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long v = simple_strtoull(ptr, &end, 0);

	switch (*end) {
	case 'G': case 'g':
		v <<= 10;
		/* fall through */
	case 'M': case 'm':
		v <<= 10;
		/* fall through */
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	}
	if (retptr)
		*retptr = end;
	return v;
}
