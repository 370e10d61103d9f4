/* digest: SHA-256, HMAC-SHA256 and comparison through nettle; random
 * hex from the kernel. */
#include <string.h>
#include <sys/random.h>

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>

#include "base/digest.h"

_Static_assert(DIGEST_LEN == SHA256_DIGEST_SIZE, "SHA-256 is 32 bytes");

void
digest_sha256(const void *data, size_t len, unsigned char out[DIGEST_LEN])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	if (len > 0)
		sha256_update(&ctx, len, data);
	sha256_digest(&ctx, DIGEST_LEN, out);
}

void
digest_hex(const unsigned char md[DIGEST_LEN], char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < DIGEST_LEN; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[DIGEST_HEX_LEN] = '\0';
}

void
digest_sha256_hex(const void *data, size_t len, char *out)
{
	unsigned char md[DIGEST_LEN];

	digest_sha256(data, len, md);
	digest_hex(md, out);
}

void
digest_hmac_sha256(const void *key, size_t keylen, const void *msg,
    size_t len, unsigned char out[DIGEST_LEN])
{
	struct hmac_sha256_ctx ctx;

	/* An empty key or message may come as NULL: never hand that on. */
	hmac_sha256_set_key(&ctx, keylen, keylen > 0 ? key : (const void *)"");
	if (len > 0)
		hmac_sha256_update(&ctx, len, msg);
	hmac_sha256_digest(&ctx, DIGEST_LEN, out);
	/* The context holds the key, padded. */
	explicit_bzero(&ctx, sizeof(ctx));
}

bool
digest_equal(const void *a, const void *b, size_t n)
{
	return memeql_sec(a, b, n) != 0;
}

bool
digest_random_hex(char *out, size_t n)
{
	static _Thread_local unsigned char pool[512];
	static _Thread_local size_t left;
	unsigned char *p;
	size_t i;

	if (n > DIGEST_RANDOM_MAX)
		return false;
	if (left < n) {
		if (getrandom(pool, sizeof(pool), 0) != (ssize_t)sizeof(pool))
			return false;
		left = sizeof(pool);
	}
	p = pool + sizeof(pool) - left;
	for (i = 0; i < n; i++) {
		out[2 * i] = "0123456789abcdef"[p[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[p[i] & 15];
	}
	out[2 * n] = '\0';
	/* Once used, not kept: a later look at the memory finds no token. */
	explicit_bzero(p, n);
	left -= n;
	return true;
}
