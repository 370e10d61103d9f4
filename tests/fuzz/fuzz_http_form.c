/* fuzz_http_form: libFuzzer target for what the HTTP endpoint does with
 * untrusted input before it touches the database.  The input is a URL
 * (its first line, as libmicrohttpd hands it over, decoded) and a body.
 * The URL goes through route()'s matching of ack and feed tokens, the
 * body through form_parse and the ack form's checks (kind, note_ok) and
 * the dashboard's filters, and through form_decode on its own.
 *
 * There is no pure routing function to call, so src/http.c is included
 * here to reach its static helpers (is_hex, note_ok, feed_token); the
 * target is linked without the library's own http.o. */
#include "../../src/web/http.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* route()'s URL matching; 0 none, 1 ack, 2 feed, 3 other known path. */
static int
match_url(const char *url)
{
	const char *rest;
	char tok[FEED_TOKEN_LEN + 1];

	if (text_starts(url, "/ack/", &rest) && is_hex(rest, ACK_TOKEN_LEN))
		return 1;
	if (text_starts(url, "/ics/", &rest) &&
	    strlen(rest) == FEED_TOKEN_LEN + 4 &&
	    strcmp(rest + FEED_TOKEN_LEN, ".ics") == 0) {
		memcpy(tok, rest, FEED_TOKEN_LEN);
		tok[FEED_TOKEN_LEN] = '\0';
		return is_hex(tok, FEED_TOKEN_LEN) ? 2 : 0;
	}
	if (strcmp(url, "/healthz") == 0 || strcmp(url, "/metrics") == 0 ||
	    strcmp(url, "/") == 0 || strcmp(url, "/api/v1/board") == 0 ||
	    strcmp(url, "/api/v1/acks") == 0)
		return 3;
	return 0;
}

/* parse_ack_form() after its Content-Type check, and get_filter(). */
static void
check_form(const char *body, size_t len)
{
	static const unsigned char key[KEY_LEN];
	struct form_field f[FORM_FIELDS];
	const char *k, *v, *u, *st;
	char tok[FEED_TOKEN_LEN + 1];
	size_t n;

	if (!form_parse(body, len, f, FORM_FIELDS, &n))
		return;
	k = form_get(f, n, "kind");
	v = form_get(f, n, "note");
	if (form_count(f, n, "kind") == 1 && form_count(f, n, "note") <= 1 &&
	    (strcmp(k, "ack") == 0 || strcmp(k, "done") == 0) && v != NULL)
		(void)note_ok(v);
	if ((st = form_get(f, n, "state")) != NULL)
		(void)web_state_valid(st);
	if ((u = form_get(f, n, "unit")) != NULL) {
		feed_token(key, u, tok);
		if (strlen(tok) != FEED_TOKEN_LEN)
			abort();
	}
	form_free(f, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl;
	char *url, *s;
	size_t ulen;

	nl = memchr(data, '\n', size);
	ulen = nl != NULL ? (size_t)(nl - (const char *)data) : size;
	url = xstrndup((const char *)data, ulen);
	(void)match_url(url);
	free(url);
	if (nl == NULL)
		return 0;
	data += ulen + 1;
	size -= ulen + 1;
	check_form((const char *)data, size);
	if ((s = form_decode((const char *)data, size, true)) != NULL)
		free(s);
	if ((s = form_decode((const char *)data, size, false)) != NULL)
		free(s);
	return 0;
}
