/* sign: the signatures webhook receivers check, all HMAC-SHA256 (digest.h):
 * Standard Webhooks (the generic webhook),
 * DingTalk's signed robot URL and Feishu's "sign" field. */
#include <stdio.h>
#include <string.h>

#include "base/base64.h"
#include "base/digest.h"
#include "base/sign.h"

/* Append base64(HMAC-SHA256(key, msg)) to out. */
static void
hmac_b64(struct buf *out, const void *key, size_t keylen, const void *msg,
    size_t msglen)
{
	unsigned char md[DIGEST_LEN];

	digest_hmac_sha256(key, keylen, msg, msglen, md);
	base64_encode(out, md, sizeof(md));
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
	hmac_b64(&out, buf_str(&key), key.len, buf_str(&msg), msg.len);
	r = buf_steal(&out);
out:
	/* The key is a secret: do not leave it in freed memory. */
	if (key.s != NULL)
		explicit_bzero(key.s, key.cap);
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
	char *r;

	buf_printf(&msg, "%lld\n%s", ts_ms, secret);
	hmac_b64(&sig, secret, strlen(secret), buf_str(&msg), msg.len);
	buf_puts(&out, url);
	buf_printf(&out, "%ctimestamp=%lld&sign=",
	    strchr(url, '?') != NULL ? '&' : '?', ts_ms);
	url_encode(&out, buf_str(&sig));
	r = buf_steal(&out);
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
	char *r;

	/* Feishu keys the HMAC with the string to sign and signs nothing. */
	buf_printf(&key, "%lld\n%s", ts, secret);
	hmac_b64(&out, buf_str(&key), key.len, "", 0);
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
