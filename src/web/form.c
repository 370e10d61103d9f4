/* form: application/x-www-form-urlencoded parsing for the HTTP endpoint's
 * acknowledgement form.  The body is small (the server refuses more than
 * 4 KiB, 49,024 bytes for the ack page's progress report), so fields are
 * decoded into separate allocations. */
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "base/text.h"
#include "base/util.h"

/* Value of hex digit c, -1 if it is none. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode one component; NULL when malformed. */
char *
form_decode(const char *s, size_t len, bool plus)
{
	char *out = xmalloc(len + 1);
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			/* A lone '%' is kept by browsers' parsers; we refuse
			 * it, since no browser sends one unencoded. */
			if (len - i < 3)
				goto bad;
			if ((hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				goto bad;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus)
			out[o++] = ' ';
		else
			out[o++] = s[i];
		if (o > 0 && out[o - 1] == '\0')
			goto bad;	/* a NUL would cut the C string short */
	}
	out[o] = '\0';
	if (!utf8_valid(out, o, NULL))
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

/* Split and decode a whole body; all or nothing. */
bool
form_parse(const char *body, size_t len, struct form_field *out, size_t max,
    size_t *n)
{
	const char *p = body, *end = body + len, *amp, *eq;

	*n = 0;
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if (*n == max)
			goto bad;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		out[*n].name = form_decode(p, (size_t)(eq - p), true);
		out[*n].value = eq < amp ?
		    form_decode(eq + 1, (size_t)(amp - eq - 1), true) :
		    xstrdup("");
		if (out[*n].name == NULL || out[*n].value == NULL) {
			free(out[*n].name);
			free(out[*n].value);
			goto bad;
		}
		(*n)++;
		p = amp + 1;
	}
	return true;
bad:
	form_free(out, *n);
	*n = 0;
	return false;
}

/* Free the fields' strings (not the array). */
void
form_free(struct form_field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
		f[i].name = f[i].value = NULL;
	}
}

/* The first value of name. */
const char *
form_get(const struct form_field *f, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return f[i].value;
	return NULL;
}

/* How often name occurs, so callers can refuse duplicates. */
size_t
form_count(const struct form_field *f, size_t n, const char *name)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			c++;
	return c;
}
