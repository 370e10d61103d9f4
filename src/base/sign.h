/* sign: the HMAC-SHA256 signatures webhook receivers check. */
#ifndef DEADLINED_SIGN_H
#define DEADLINED_SIGN_H

#include <stddef.h>
#include "base/buf.h"

/* Standard Webhooks: "v1," + base64(HMAC-SHA256(key, id "." ts "." body)),
 * key = base64-decoded part after "whsec_", else the secret's bytes. */
char *sign_standard_webhook(const char *secret, const char *id, long long ts,
    const char *body, size_t len);

/* DingTalk: url + "&timestamp=MS&sign=" + urlencode(base64(HMAC-SHA256(
 * key = secret, msg = MS "\n" secret))); "?" instead of "&" when the url
 * has no query. */
char *sign_dingtalk_url(const char *url, const char *secret, long long ts_ms);

/* Feishu: base64(HMAC-SHA256(key = TS "\n" secret, msg = "")). */
char *sign_feishu(const char *secret, long long ts);

/* Percent-encode s for a URL query value (RFC 3986 unreserved kept). */
void url_encode(struct buf *b, const char *s);

#endif
