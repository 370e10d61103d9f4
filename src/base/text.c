/* text: UTF-8, widths, normalisation and Chinese numerals.
 *
 * The plan readers run these over every line and cell of a plan, and a
 * table of 100,000 measures is millions of calls: ASCII and the common
 * three-byte sequences (Chinese) are decoded without the general loop,
 * and the normalising functions allocate their result once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"

/* utf8_next past its common cases. */
static int32_t
decode_slow(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	uint32_t cp, min;
	int n, i;

	if ((p[0] & 0xE0) == 0xC0) {
		n = 1; cp = p[0] & 0x1F; min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 2; cp = p[0] & 0x0F; min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 3; cp = p[0] & 0x07; min = 0x10000;
	} else
		goto bad;
	if (end - (const char *)p <= n)
		goto bad;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past Unicode are invalid. */
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		goto bad;
	*pp += n + 1;
	return (int32_t)cp;
bad:
	*pp += 1;
	return -1;
}

/* utf8_next, with its common cases inline for the loops of this file:
 * ASCII, and a valid three-byte sequence (all of Chinese). */
static inline int32_t
decode(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	uint32_t cp;

	if (p[0] < 0x80) {
		*pp += 1;
		return p[0];
	}
	if ((p[0] & 0xF0) == 0xE0 && end - (const char *)p > 2 &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
		    (p[2] & 0x3F);
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*pp += 3;
			return (int32_t)cp;
		}
	}
	return decode_slow(pp, end);
}

int32_t
utf8_next(const char **pp, const char *end)
{
	return decode(pp, end);
}

/* text_is_space, inline for the loops of this file; a decoded character
 * that is no space (-1 for an invalid byte) is false. */
static inline bool
is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	if (cp > 0x3000)	/* most of Chinese */
		return cp == 0xFEFF;
	return cp == 0x85 ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

bool
utf8_valid(const char *s, size_t len, size_t *bad)
{
	const char *p = s, *end = s + len, *at;

	while (p < end) {
		at = p;
		if (decode(&p, end) < 0) {
			if (bad != NULL)
				*bad = (size_t)(at - s);
			return false;
		}
	}
	return true;
}

size_t
utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	/* Step back over continuation bytes to the start of the character
	 * that the limit splits. */
	if (n < len)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

bool
text_typed_ok(const char *s, size_t max)
{
	const char *p = s, *end = s + strlen(s);
	size_t n = 0;
	int32_t cp;

	while (p < end) {
		if ((cp = utf8_next(&p, end)) < 0)
			return false;
		if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') ||
		    cp == 0x7f)
			return false;
		if (cp == '\r' && p < end && *p == '\n')
			p++;
		if (++n > max)
			return false;
	}
	return true;
}

bool
text_is_han(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool
text_is_space(uint32_t cp)
{
	return cp <= INT32_MAX && is_space((int32_t)cp);
}

int
text_cp_width(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x115F) ||
	    (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	/* Dashes, quotes and ellipsis: ambiguous width, set full-width in
	 * Chinese text. */
	if ((cp >= 0x2013 && cp <= 0x2026) || cp == 0x00B7)
		return 2;
	return 1;
}

int
text_width(const char *s)
{
	const char *p = s, *end = s + strlen(s);
	int32_t cp;
	int w = 0;

	while (p < end)
		if ((cp = decode(&p, end)) >= 0)
			w += text_cp_width((uint32_t)cp);
	return w;
}

bool
text_blank(const char *s)
{
	const char *p = s, *end = s + strlen(s);

	while (p < end)
		if (!is_space(decode(&p, end)))
			return false;
	return true;
}

char *
text_squash(const char *s)
{
	return text_squashn(s, strlen(s));
}

/* The result is never longer than s: a run of spaces becomes one byte. */
char *
text_squashn(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *at;
	char *out = xmalloc(n + 1), *o = out;
	bool pending = false;
	int32_t cp;

	while (p < end) {
		at = p;
		cp = decode(&p, end);
		if (is_space(cp)) {
			pending = o > out;
			continue;
		}
		if (pending)
			*o++ = ' ';
		pending = false;
		while (at < p)
			*o++ = *at++;
	}
	*o = '\0';
	return out;
}

bool
text_same_ink(const char *a, const char *b)
{
	const char *ea = a + strlen(a), *eb = b + strlen(b), *ca, *cb;
	int32_t x, y;

	for (;;) {
		do {
			ca = a;
			x = a < ea ? decode(&a, ea) : 0;
		} while (x != 0 && is_space(x));
		do {
			cb = b;
			y = b < eb ? decode(&b, eb) : 0;
		} while (y != 0 && is_space(y));
		if (x == 0 || y == 0)
			return x == y;
		/* Bytes, not code points: an invalid byte decodes as -1. */
		if (a - ca != b - cb || memcmp(ca, cb, (size_t)(a - ca)) != 0)
			return false;
	}
}

/* Fold the character at *p (before end) into out, advancing *p; returns
 * the bytes written: none for a space, one for a full-width character,
 * else the character's own bytes (so a fold is never longer than s). */
static size_t
fold_step(const char **p, const char *end, char *out)
{
	const char *at = *p;
	int32_t cp = decode(p, end);
	size_t n = 0;

	if (is_space(cp))
		return 0;
	if (cp >= 0xFF01 && cp <= 0xFF5E) {
		out[0] = (char)(cp - 0xFF01 + 0x21);
		return 1;
	}
	while (at < *p)
		out[n++] = *at++;
	return n;
}

char *
text_fold(const char *s)
{
	size_t n = strlen(s);
	const char *p = s, *end = s + n;
	char *out = xmalloc(n + 1), *o = out;

	while (p < end)
		o += fold_step(&p, end, o);
	*o = '\0';
	return out;
}

bool
text_fold_to(const char *s, char *buf, size_t size)
{
	const char *p = s, *end = s + strlen(s);
	char c[4];
	size_t n, len = 0;

	while (p < end) {
		n = fold_step(&p, end, c);
		if (len + n >= size) {
			if (size > 0)
				buf[len] = '\0';
			return false;
		}
		memcpy(buf + len, c, n);
		len += n;
	}
	if (size > 0)
		buf[len] = '\0';
	return size > 0;
}

int32_t
text_fold_first(const char *s)
{
	char c[8];
	const char *p = s, *q = c;
	size_t n = 0;

	/* Four bytes of the fold hold its first character whole; a
	 * character is at most four bytes: s is not measured past them. */
	while (*p != '\0' && n < 4)
		n += fold_step(&p, p + strnlen(p, 4), c + n);
	return n == 0 ? 0 : decode(&q, c + n);
}

/* Value of a Chinese digit, or -1. */
static int
cn_digit(int32_t cp)
{
	static const struct { int32_t cp; int v; } digits[] = {
		{ 0x3007, 0 }, { 0x96F6, 0 },		/* 〇 零 */
		{ 0x4E00, 1 }, { 0x4E8C, 2 }, { 0x4E24, 2 },	/* 一 二 两 */
		{ 0x4E09, 3 }, { 0x56DB, 4 }, { 0x4E94, 5 },	/* 三 四 五 */
		{ 0x516D, 6 }, { 0x4E03, 7 }, { 0x516B, 8 },	/* 六 七 八 */
		{ 0x4E5D, 9 },					/* 九 */
	};
	size_t i;

	for (i = 0; i < sizeof(digits) / sizeof(digits[0]); i++)
		if (digits[i].cp == cp)
			return digits[i].v;
	return -1;
}

int
text_digits(const char *s, int n, size_t *len)
{
	const char *p = s, *end = s + strlen(s);
	int value = 0, d;
	int32_t cp;

	for (int i = 0; i < n; i++) {
		if (p < end && *p >= '0' && *p <= '9') {
			value = value * 10 + (*p++ - '0');
			continue;
		}
		cp = p < end ? utf8_next(&p, end) : -1;
		/* ○ (a circle) is often typed for 〇. */
		if ((d = cp == 0x25CB ? 0 : cn_digit(cp)) < 0 || cp == 0x4E24)
			return -1;
		value = value * 10 + d;
	}
	*len = (size_t)(p - s);
	return value;
}

int
text_number(const char *s, size_t *len)
{
	const char *p = s, *end = s + strlen(s), *at;
	int value = 0, digit = -1, any = 0;
	int32_t cp;

	if (*s >= '0' && *s <= '9') {
		while (*p >= '0' && *p <= '9' && value < 100000)
			value = value * 10 + (*p++ - '0');
		*len = (size_t)(p - s);
		return value;
	}
	/* Chinese numerals: digits, with 十 (10) and 百 (100) as
	 * multipliers; 十 alone or leading means 1×10 (十二 = 12). */
	while (p < end && value < 100000) {	/* no overflow on 百百百… */
		at = p;
		cp = utf8_next(&p, end);
		if (cp == 0x5341 || cp == 0x767E) {	/* 十 百 */
			int mul = cp == 0x5341 ? 10 : 100;
			value += (digit < 0 ? 1 : digit) * mul;
			digit = -1;
		} else if (cn_digit(cp) >= 0) {
			if (digit >= 0) {	/* 二三: not a number we write */
				p = at;
				break;
			}
			digit = cn_digit(cp);
		} else {
			p = at;
			break;
		}
		any = 1;
	}
	if (!any) {
		*len = 0;
		return -1;
	}
	if (digit >= 0)
		value += digit;
	*len = (size_t)(p - s);
	return value;
}

bool
text_starts(const char *s, const char *prefix, const char **rest)
{
	size_t n;

	/* Most calls fail at the first byte: the grammar tries its word
	 * lists at every place the text readers ask about. */
	if (*prefix != '\0' && *s != *prefix)
		return false;
	n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0)
		return false;
	if (rest != NULL)
		*rest = s + n;
	return true;
}

bool
text_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool
text_starts_any(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (text_starts(s, *list, NULL))
			return true;
	return false;
}

bool
text_equals_any(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

bool
text_holds_any(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strstr(s, *list) != NULL)
			return true;
	return false;
}

size_t
text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[64][64];

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

uint64_t
text_hash_mem(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * UINT64_C(1099511628211);
	return h;
}

size_t
text_hash(const char *s)
{
	return (size_t)text_hash_mem(TEXT_HASH_SEED, s, strlen(s));
}
