/*
 * Tests for sign: known answers for the Standard Webhooks signature (the
 * example from the Standard Webhooks spec, a plain secret, an empty key,
 * UTF-8 text, a body holding a NUL), DingTalk's signed URL (with and
 * without a query), Feishu's sign, bad "whsec_" secrets, and url_encode.
 *
 * Every expected value was computed independently with /usr/bin/python3:
 *   sw(secret, id, ts, body) = "v1," + base64.b64encode(hmac.new(
 *       base64.b64decode(secret[6:]) if secret.startswith("whsec_")
 *       else secret.encode(), f"{id}.{ts}.".encode() + body,
 *       hashlib.sha256).digest()).decode()
 *   ding(url, s, ts) = url + ("&" if "?" in url else "?") +
 *       f"timestamp={ts}&sign=" + urllib.parse.quote(base64.b64encode(
 *       hmac.new(s.encode(), f"{ts}\n{s}".encode(),
 *       hashlib.sha256).digest()).decode(), safe="")
 *   feishu(s, ts) = base64.b64encode(hmac.new(f"{ts}\n{s}".encode(), b"",
 *       hashlib.sha256).digest()).decode()
 *   url_encode(s) = urllib.parse.quote(s, safe="")   (keeps -._~)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/sign.h"
#include "base/util.h"

static const struct {
	const char *secret;
	const char *id;
	long long ts;
	const char *body;
	size_t len;
	const char *want;
} webhooks[] = {
	/* The example of the Standard Webhooks spec (and python's sw()). */
	{ "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
	  "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
	  "{\"test\": 2432232314}", 20,
	  "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
	/* No "whsec_": the secret's bytes are the key. */
	{ "plain-secret", "msg_1", 1624413600,
	  "{\"type\": \"deadline.notice\"}", 27,
	  "v1,NUUF2DpStGTPl4m0IB6eBAnone5HVcLaRXop3cmy10c=" },
	/* "whsec_" with nothing after it: an empty key, an empty body. */
	{ "whsec_", "id", 0, "", 0,
	  "v1,gz1sM8aA5qHXvLH+5eY0EQphy1f4G6DwEWnQt3iAVLw=" },
	/* UTF-8 in the secret, the id and the body. */
	{ "秘钥", "msg_中", 1, "{\"unit\": \"济南\"}", 18,
	  "v1,btQKEJfr9KTBTeVmTIl9FWgWrqOgKtYVZ43xhy04a2w=" },
	/* The body is len bytes, NUL included: sw("k", "i", 5, b"a\0b"). */
	{ "k", "i", 5, "a\0b", 3,
	  "v1,O33wRueUNhBmKg2bm/PyCHlEuvwQ86X+00Vby93+AM4=" },
	/* Only the first len bytes count: sw("k", "i", 5, b"a"). */
	{ "k", "i", 5, "abc", 1,
	  "v1,HZ4TdtVt8qyoP/hQ1YdzqOWaBnVbXB9SWZAYu5jAW9w=" },
	/* A key of exactly SHA-256's block (64 bytes), used as it is... */
	{ "0123456789012345678901234567890123456789012345678901234567890123",
	  "msg_1", 1624413600, "{}", 2,
	  "v1,HX9AWmJssCKjYaHl66c+0s28VjGjlaqnfzf970t5q5s=" },
	/* ...and a longer one, hashed first (RFC 2104, sect. 2). */
	{ "0123456789012345678901234567890123456789012345678901234567890123"
	  "456789012345678901234567890123456789",
	  "msg_1", 1624413600, "{}", 2,
	  "v1,Iq0x4dvlhLsd0edl7wGZvdzXBYDxYl9imwOXOSbyQjk=" },
};

/* Standard Webhooks signatures against the known answers. */
static void
test_standard_webhook(void **state)
{
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(webhooks); i++) {
		s = sign_standard_webhook(webhooks[i].secret, webhooks[i].id,
		    webhooks[i].ts, webhooks[i].body, webhooks[i].len);
		assert_non_null(s);
		if (strcmp(s, webhooks[i].want) != 0)
			print_error("webhook #%zu: %s, want %s\n", i, s,
			    webhooks[i].want);
		assert_string_equal(s, webhooks[i].want);
		free(s);
	}
}

/* A "whsec_" secret whose key is not base64 gives NULL, not a signature
 * made with some other key. */
static void
test_standard_webhook_bad_secret(void **state)
{
	static const char *const bad[] = {
		"whsec_abc", "whsec_MfKQ9r8G!YqrTwjUPD8ILPZIo2LaLaSw",
		"whsec_Zg=", "whsec_Zh==",
	};
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		s = sign_standard_webhook(bad[i], "id", 1, "{}", 2);
		if (s != NULL)
			print_error("%s: signed as %s\n", bad[i], s);
		assert_null(s);
	}
}

static const struct {
	const char *url;
	const char *secret;
	long long ts_ms;
	const char *want;
} dingtalk[] = {
	/* A query already: "&" (python's ding()); the sign has "+", "/"
	 * and "=", all percent-encoded. */
	{ "https://oapi.dingtalk.com/robot/send?access_token=abc", "SEC123",
	  1624413600000LL,
	  "https://oapi.dingtalk.com/robot/send?access_token=abc"
	  "&timestamp=1624413600000"
	  "&sign=ygD7dmqTHnxzoIEUYvM%2BFbe5cwhw5P7M0iya2%2Fnzw88%3D" },
	/* No query: "?". */
	{ "https://example.org/hook", "SECxyz", 1577836800000LL,
	  "https://example.org/hook?timestamp=1577836800000"
	  "&sign=O4gE9lpINPQqQUpdfzo7hUJNxXdyWWRvHBIq2pbJCxI%3D" },
};

/* DingTalk's signed URLs against the known answers. */
static void
test_dingtalk(void **state)
{
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(dingtalk); i++) {
		s = sign_dingtalk_url(dingtalk[i].url, dingtalk[i].secret,
		    dingtalk[i].ts_ms);
		assert_non_null(s);
		if (strcmp(s, dingtalk[i].want) != 0)
			print_error("dingtalk #%zu: %s\n want %s\n", i, s,
			    dingtalk[i].want);
		assert_string_equal(s, dingtalk[i].want);
		free(s);
	}
}

static const struct {
	const char *secret;
	long long ts;
	const char *want;
} feishu[] = {
	{ "demo", 1599360473, "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=" },
	{ "abc", 1624413600, "45VCLPNxITOP9wLQTsnHAgEcEqb07pE7FdwYw3H8V4c=" },
};

/* Feishu's sign against the known answers. */
static void
test_feishu(void **state)
{
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(feishu); i++) {
		s = sign_feishu(feishu[i].secret, feishu[i].ts);
		assert_non_null(s);
		if (strcmp(s, feishu[i].want) != 0)
			print_error("feishu #%zu: %s, want %s\n", i, s,
			    feishu[i].want);
		assert_string_equal(s, feishu[i].want);
		free(s);
	}
}

static const struct {
	const char *in;
	const char *want;
} urls[] = {
	{ "", "" },
	{ "abc", "abc" },
	{ "AZaz09", "AZaz09" },
	{ "-._~", "-._~" },			/* unreserved: kept */
	{ "+/=", "%2B%2F%3D" },
	{ "a b&c=d/\xc3\xa9", "a%20b%26c%3Dd%2F%C3%A9" },	/* "é" */
	{ "中文", "%E4%B8%AD%E6%96%87" },
	{ "\x01\x7f", "%01%7F" },
	{ "!*'();:@$,?#[]%", "%21%2A%27%28%29%3B%3A%40%24%2C%3F%23%5B%5D%25" },
};

/* url_encode against python's urllib.parse.quote(s, safe=""). */
static void
test_url_encode(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(urls); i++) {
		buf_reset(&b);
		url_encode(&b, urls[i].in);
		if (strcmp(buf_str(&b), urls[i].want) != 0)
			print_error("url_encode #%zu: %s, want %s\n", i,
			    buf_str(&b), urls[i].want);
		assert_string_equal(buf_str(&b), urls[i].want);
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_standard_webhook),
		cmocka_unit_test(test_standard_webhook_bad_secret),
		cmocka_unit_test(test_dingtalk),
		cmocka_unit_test(test_feishu),
		cmocka_unit_test(test_url_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
