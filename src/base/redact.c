/* redact: masking a URL's secrets (see redact.h). */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/compiler.h"
#include "base/redact.h"

#define MASK "***"

/* Query parameters whose value is a credential. */
static const char *const secret_params[] = {
	"access_token", "key", "token", "sign", "secret", "password",
	"signature",
};

static bool
secret_param(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(secret_params); i++)
		if (strlen(secret_params[i]) == len &&
		    strncasecmp(secret_params[i], name, len) == 0)
			return true;
	return false;
}

char *
redact_url(const char *s)
{
	struct buf b = BUF_INIT;
	const char *scheme = strstr(s, "://"), *host, *at, *end, *q, *p;

	if (scheme == NULL) {
		buf_puts(&b, s);
		return buf_steal(&b);
	}
	/* The authority ends at the first '/', '?' or '#' after "://". */
	host = scheme + 3;
	end = host + strcspn(host, "/?#");
	at = memchr(host, '@', (size_t)(end - host));
	buf_add(&b, s, (size_t)(host - s));
	if (at != NULL) {
		buf_puts(&b, MASK "@");
		host = at + 1;
	}
	q = strchr(host, '?');
	if (q == NULL) {
		buf_puts(&b, host);
		return buf_steal(&b);
	}
	buf_add(&b, host, (size_t)(q + 1 - host));
	for (p = q + 1; *p != '\0' && *p != '#';) {
		size_t len = strcspn(p, "&#"), nlen = strcspn(p, "=&#");

		if (nlen < len && secret_param(p, nlen)) {
			buf_add(&b, p, nlen + 1);
			buf_puts(&b, MASK);
		} else
			buf_add(&b, p, len);
		p += len;
		if (*p == '&')
			buf_putc(&b, *p++);
	}
	buf_puts(&b, p);
	return buf_steal(&b);
}
