/* fuzz_http_form: libFuzzer target for what the HTTP endpoint does with
 * untrusted input before it touches the database.  The input is a URL
 * (its first line, as libmicrohttpd hands it over, decoded) and a body.
 * The URL goes through the route table's matcher (web/routes.h), the
 * body through form_parse and the ack form's checks (kind, ack_note_ok,
 * a progress report's acks_progress_read), the extension and approval
 * forms' (review_extend_form, review_decision_form) and the dashboard's
 * filters, and through form_decode on its own. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "store/acks.h"
#include "web/form.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The extension and approval forms' checks: what they pass is what the
 * store may take (a date, a note within its limit, a reason to reject). */
static void
check_review_forms(const struct form_field *f, size_t n)
{
	const char *reason, *note;
	bool approve;
	int due;

	if (review_extend_form(f, n, &due, &reason) &&
	    (reason == NULL || !ack_note_ok(reason) || due == DATE_NONE))
		abort();
	if (review_decision_form(f, n, &approve, &note) &&
	    ((note != NULL && !ack_note_ok(note)) || (!approve && note == NULL)))
		abort();
}

/* parse_ack_form() after its Content-Type check, and get_filter(). */
static void
check_form(const char *body, size_t len)
{
	static const unsigned char key[KEY_LEN];
	struct form_field f[FORM_FIELDS];
	const char *k, *v, *u, *st;
	char tok[FEED_TOKEN_LEN + 1];
	enum level level;
	size_t n;

	if (!form_parse(body, len, f, FORM_FIELDS, &n))
		return;
	k = form_get(f, n, "kind");
	v = form_get(f, n, "note");
	if (form_count(f, n, "kind") == 1 && form_count(f, n, "note") <= 1 &&
	    (strcmp(k, "ack") == 0 || strcmp(k, "done") == 0) && v != NULL)
		(void)ack_note_ok(v);
	check_review_forms(f, n);
	/* A progress report: what it lets through is within its limits. */
	if (k != NULL && strcmp(k, "progress") == 0) {
		struct ack_progress p;

		if (acks_progress_read(&p, form_get(f, n, "text"),
		    form_get(f, n, "percent"), form_get(f, n, "problems"),
		    form_get(f, n, "next")) == PROGRESS_OK &&
		    (p.percent < -1 || p.percent > 100 || text_blank(p.text) ||
		    !text_typed_ok(p.text, PROGRESS_TEXT_MAX)))
			abort();
	}
	if ((st = form_get(f, n, "state")) != NULL)
		(void)web_state_valid(st);
	if ((st = form_get(f, n, "level")) != NULL)
		(void)level_from_name(st, &level);
	if ((u = form_get(f, n, "unit")) != NULL) {
		feeds_token(key, u, tok);
		if (strlen(tok) != FEED_TOKEN_LEN)
			abort();
	}
	form_free(f, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct route_match m;
	const char *nl;
	char *url, *s;
	size_t ulen;

	nl = memchr(data, '\n', size);
	ulen = nl != NULL ? (size_t)(nl - (const char *)data) : size;
	url = xstrndup((const char *)data, ulen);
	route_match(url, &m);
	/* A token is handed on only when it has the route's exact shape. */
	if (m.id == ROUTE_ACK || m.id == ROUTE_REVIEW ?
	    !route_is_hex(m.token, TOKEN_HEX_LEN) :
	    m.id == ROUTE_FEED ? !route_is_hex(m.token, FEED_TOKEN_LEN) :
	    m.token[0] != '\0')
		abort();
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
