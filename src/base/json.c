/* json: JSON string output (RFC 8259), and a tolerant reader of one
 * member of an object, enough for a peer's answer ({"errcode": 0, ...}). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"

void
json_put_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':  buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

/* ---- reading: a tolerant reader for one member of an object --------- */

/* Past white space. */
static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/* Past the string whose opening quote is at p; NULL if unterminated. */
static const char *
skip_string(const char *p)
{
	for (p++; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/* Past the value at p (nested objects and arrays whole); NULL if cut. */
static const char *
skip_value(const char *p)
{
	int depth = 0;

	for (;;) {
		switch (*p) {
		case '\0':
			return NULL;
		case '"':
			if ((p = skip_string(p)) == NULL)
				return NULL;
			if (depth == 0)
				return p;
			continue;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return p;	/* a scalar ended by its container */
			if (--depth == 0)
				return p + 1;
			break;
		case ',':
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			if (depth == 0)
				return p;
			break;
		}
		p++;
	}
}

/* The value of key among the members of the object s, or NULL (also for
 * anything that is not a JSON object). */
const char *
json_member(const char *s, const char *key)
{
	const char *p = skip_ws(s), *k, *end;
	size_t klen = strlen(key);

	if (*p++ != '{')
		return NULL;
	for (;;) {
		p = skip_ws(p);
		if (*p != '"')
			return NULL;
		k = p + 1;
		if ((end = skip_string(p)) == NULL)
			return NULL;
		p = skip_ws(end);
		if (*p++ != ':')
			return NULL;
		p = skip_ws(p);
		if ((size_t)(end - 1 - k) == klen && memcmp(k, key, klen) == 0)
			return p;
		if ((p = skip_value(p)) == NULL)
			return NULL;
		p = skip_ws(p);
		if (*p++ != ',')
			return NULL;
	}
}

/* The integer at v (a number, or a number in quotes). */
bool
json_int(const char *v, long long *n)
{
	char *end;

	if (*v == '"')
		v++;
	if (*v != '-' && (*v < '0' || *v > '9'))
		return false;
	*n = strtoll(v, &end, 10);
	return end != v;
}

/* Four hex digits at p, or -1. */
static long
hex4(const char *p)
{
	long u = 0;
	int i;

	for (i = 0; i < 4; i++) {
		u <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			u |= p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			u |= p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			u |= p[i] - 'A' + 10;
		else
			return -1;
	}
	return u;
}

/* The string at v, unescaped into b (Chinese errmsgs come as \uXXXX). */
bool
json_string(const char *v, struct buf *b)
{
	char enc[4];
	long u, lo;

	if (*v++ != '"')
		return false;
	for (; *v != '\0' && *v != '"'; v++) {
		if (*v != '\\') {
			buf_putc(b, *v);
			continue;
		}
		switch (*++v) {
		case 'n': buf_putc(b, '\n'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'u':
			if ((u = hex4(v + 1)) < 0)
				return false;
			v += 4;
			if (u >= 0xD800 && u < 0xDC00 && v[1] == '\\' &&
			    v[2] == 'u' && (lo = hex4(v + 3)) >= 0xDC00 &&
			    lo < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				v += 6;
			} else if (u >= 0xD800 && u < 0xE000)
				u = 0xFFFD;
			buf_add(b, enc, utf8_put((uint32_t)u, enc));
			break;
		case '\0':
			return false;
		default:
			buf_putc(b, *v);	/* \" \\ \/ */
		}
	}
	return true;
}
