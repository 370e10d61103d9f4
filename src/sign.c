/* sign: the signatures webhook receivers check, all HMAC-SHA256:
 * Standard Webhooks (the generic webhook), DingTalk's signed robot URL
 * and Feishu's "sign" field.  HMAC is done here (RFC 2104) over a SHA-256
 * fetched once: OpenSSL 3's one-shot HMAC() looks both algorithms up by
 * name on every call, which cost more than the rest of a webhook's
 * transfer (bench/bench_deliver). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "base64.h"
#include "sign.h"

#define SHA256_BLOCK	64
#define SHA256_LEN	32

static EVP_MD *sha256;		/* fetched once, kept for the process */
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void
sha256_fetch(void)
{
	sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* SHA-256 of a then b into md; false when OpenSSL fails. */
static bool
digest(EVP_MD_CTX *ctx, const void *a, size_t alen, const void *b,
    size_t blen, unsigned char *md)
{
	return EVP_DigestInit_ex2(ctx, sha256, NULL) &&
	    EVP_DigestUpdate(ctx, a, alen) && EVP_DigestUpdate(ctx, b, blen) &&
	    EVP_DigestFinal_ex(ctx, md, NULL);
}

/* HMAC-SHA256(key, msg) into md: H((K ^ opad) || H((K ^ ipad) || msg)),
 * K the key padded to a block, or its hash when longer (RFC 2104). */
static bool
hmac_sha256(const void *key, size_t keylen, const void *msg, size_t msglen,
    unsigned char md[SHA256_LEN])
{
	unsigned char k[SHA256_BLOCK], pad[SHA256_BLOCK];
	EVP_MD_CTX *ctx;
	bool ok;
	size_t i;

	pthread_once(&sha256_once, sha256_fetch);
	if (sha256 == NULL || (ctx = EVP_MD_CTX_new()) == NULL)
		return false;
	memset(k, 0, sizeof(k));
	if (keylen > sizeof(k))
		ok = digest(ctx, key, keylen, "", 0, k);
	else {
		if (keylen > 0)
			memcpy(k, key, keylen);
		ok = true;
	}
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k[i] ^ 0x36;
	ok = ok && digest(ctx, pad, sizeof(pad), msg, msglen, md);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k[i] ^ 0x5c;
	ok = ok && digest(ctx, pad, sizeof(pad), md, SHA256_LEN, md);
	/* Both hold the key. */
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(pad, sizeof(pad));
	EVP_MD_CTX_free(ctx);
	return ok;
}

/* Append base64(HMAC-SHA256(key, msg)) to out; false when OpenSSL fails. */
static bool
hmac_b64(struct buf *out, const void *key, size_t keylen, const void *msg,
    size_t msglen)
{
	unsigned char md[SHA256_LEN];

	if (!hmac_sha256(key, keylen, msg, msglen, md))
		return false;
	base64_encode(out, md, sizeof(md));
	return true;
}

/* NULL when secret is "whsec_" with bad base64 after it (a config error:
 * signing with some other key would only produce rejected deliveries). */
char *
sign_standard_webhook(const char *secret, const char *id, long long ts,
    const char *body, size_t len)
{
	struct buf key = BUF_INIT, msg = BUF_INIT, out = BUF_INIT;
	char *r = NULL;

	if (strncmp(secret, "whsec_", 6) == 0) {
		if (!base64_decode(secret + 6, &key))
			goto out;
	} else
		buf_puts(&key, secret);
	buf_printf(&msg, "%s.%lld.", id, ts);
	buf_add(&msg, body, len);
	buf_puts(&out, "v1,");
	if (hmac_b64(&out, buf_str(&key), key.len, buf_str(&msg), msg.len))
		r = buf_steal(&out);
out:
	/* The key is a secret: do not leave it in freed memory. */
	if (key.s != NULL)
		OPENSSL_cleanse(key.s, key.cap);
	buf_free(&key);
	buf_free(&msg);
	buf_free(&out);
	return r;
}

/* The robot URL with DingTalk's timestamp and sign appended. */
char *
sign_dingtalk_url(const char *url, const char *secret, long long ts_ms)
{
	struct buf msg = BUF_INIT, sig = BUF_INIT, out = BUF_INIT;
	char *r = NULL;

	buf_printf(&msg, "%lld\n%s", ts_ms, secret);
	if (!hmac_b64(&sig, secret, strlen(secret), buf_str(&msg), msg.len))
		goto out;
	buf_puts(&out, url);
	buf_printf(&out, "%ctimestamp=%lld&sign=",
	    strchr(url, '?') != NULL ? '&' : '?', ts_ms);
	url_encode(&out, buf_str(&sig));
	r = buf_steal(&out);
out:
	buf_free(&msg);
	buf_free(&sig);
	buf_free(&out);
	return r;
}

/* Feishu's "sign" field for timestamp ts (seconds). */
char *
sign_feishu(const char *secret, long long ts)
{
	struct buf key = BUF_INIT, out = BUF_INIT;
	char *r = NULL;

	/* Feishu keys the HMAC with the string to sign and signs nothing. */
	buf_printf(&key, "%lld\n%s", ts, secret);
	if (hmac_b64(&out, buf_str(&key), key.len, "", 0))
		r = buf_steal(&out);
	buf_free(&key);
	buf_free(&out);
	return r;
}

/* RFC 3986, sect. 2.3: ALPHA / DIGIT / "-" / "." / "_" / "~" stay. */
void
url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			buf_putc(b, (char)*p);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
	if (b->s == NULL)
		buf_add(b, "", 0);
}
