/* digest: SHA-256, HMAC-SHA256 and comparison through nettle. */
#include <string.h>

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
