/* base64: RFC 4648 base64 (section 4, standard alphabet, with padding).
 * The decoder is strict: it takes only whole 4-character groups, the
 * alphabet, padding at the very end and zero pad bits (section 3.5),
 * so that each byte string has exactly one accepted encoding. */
#include <stdint.h>
#include <string.h>

#include "base/base64.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Value of one alphabet character, -1 for anything else. */
static int
sextet(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Append the base64 encoding of data[0..len) to b. */
void
base64_encode(struct buf *b, const void *data, size_t len)
{
	const unsigned char *p = data;
	char out[4];
	uint32_t v;
	size_t i;

	for (i = 0; i + 3 <= len; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		out[0] = alphabet[v >> 18 & 63];
		out[1] = alphabet[v >> 12 & 63];
		out[2] = alphabet[v >> 6 & 63];
		out[3] = alphabet[v & 63];
		buf_add(b, out, 4);
	}
	if (len - i == 1) {
		v = (uint32_t)p[i] << 16;
		out[0] = alphabet[v >> 18 & 63];
		out[1] = alphabet[v >> 12 & 63];
		out[2] = out[3] = '=';
		buf_add(b, out, 4);
	} else if (len - i == 2) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		out[0] = alphabet[v >> 18 & 63];
		out[1] = alphabet[v >> 12 & 63];
		out[2] = alphabet[v >> 6 & 63];
		out[3] = '=';
		buf_add(b, out, 4);
	}
	if (b->s == NULL)
		buf_add(b, "", 0);	/* an empty input still gives "" */
}

/* Append the bytes s encodes to out; on bad input out is left as it was. */
bool
base64_decode(const char *s, struct buf *out)
{
	size_t len = strlen(s), start = out->len, i, pad = 0;
	unsigned char bytes[3];
	uint32_t v;
	int k, c;

	if (len % 4 != 0)
		return false;
	if (len > 0 && s[len - 1] == '=')
		pad = len > 1 && s[len - 2] == '=' ? 2 : 1;
	for (i = 0; i < len; i += 4) {
		v = 0;
		for (k = 0; k < 4; k++) {
			if (i + 4 == len && k >= 4 - (int)pad) {
				v <<= 6;	/* a pad character */
				continue;
			}
			if ((c = sextet((unsigned char)s[i + k])) < 0)
				goto bad;
			v = v << 6 | (uint32_t)c;
		}
		bytes[0] = (unsigned char)(v >> 16);
		bytes[1] = (unsigned char)(v >> 8);
		bytes[2] = (unsigned char)v;
		if (i + 4 == len) {
			/* RFC 4648, sect. 3.5: the bits the padding leaves
			 * over must be zero. */
			if ((pad == 1 && bytes[2] != 0) ||
			    (pad == 2 && (bytes[1] != 0 || bytes[2] != 0)))
				goto bad;
			buf_add(out, bytes, 3 - pad);
		} else
			buf_add(out, bytes, 3);
	}
	if (out->s == NULL)
		buf_add(out, "", 0);
	return true;
bad:
	out->len = start;
	if (out->s != NULL)
		out->s[start] = '\0';
	return false;
}
