/* routes: the URL table and its matcher (see routes.h). */
#include <string.h>

#include "base/compiler.h"
#include "base/text.h"
#include "web/routes.h"

static const struct {
	const char *path;	/* exact, or a prefix followed by a token */
	size_t toklen;		/* 0: exact path */
	const char *suffix;	/* after the token */
	enum route_id id;
	enum route_access access;
	bool post;
} routes[] = {
	{ "/ack/", TOKEN_HEX_LEN, "", ROUTE_ACK, ACCESS_CAPABILITY, true },
	{ "/review/", TOKEN_HEX_LEN, "", ROUTE_REVIEW, ACCESS_CAPABILITY, true },
	{ "/ics/", FEED_TOKEN_LEN, ".ics", ROUTE_FEED, ACCESS_CAPABILITY, false },
	{ "/healthz", 0, NULL, ROUTE_HEALTH, ACCESS_LOCAL, false },
	{ "/metrics", 0, NULL, ROUTE_METRICS, ACCESS_LOCAL, false },
	{ "/", 0, NULL, ROUTE_BOARD, ACCESS_SUPERVISOR, false },
	{ "/api/v1/board", 0, NULL, ROUTE_BOARD_JSON, ACCESS_SUPERVISOR, false },
	{ "/api/v1/acks", 0, NULL, ROUTE_ACKS_JSON, ACCESS_SUPERVISOR, false },
	{ "/api/v1/scores", 0, NULL, ROUTE_SCORES_JSON, ACCESS_SUPERVISOR, false },
	{ "/ledger.xlsx", 0, NULL, ROUTE_LEDGER_XLSX, ACCESS_SUPERVISOR, false },
};

bool
route_is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[n] == '\0';
}

void
route_match(const char *url, struct route_match *m)
{
	const char *rest;
	size_t i, n;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < ARRAY_LEN(routes); i++) {
		m->access = routes[i].access;
		m->post = routes[i].post;
		if (routes[i].toklen == 0) {
			if (strcmp(url, routes[i].path) == 0) {
				m->id = routes[i].id;
				return;
			}
			continue;
		}
		if (!text_starts(url, routes[i].path, &rest))
			continue;
		n = routes[i].toklen;
		if (strlen(rest) == n + strlen(routes[i].suffix) &&
		    strcmp(rest + n, routes[i].suffix) == 0) {
			memcpy(m->token, rest, n);
			m->token[n] = '\0';
			if (route_is_hex(m->token, n)) {
				m->id = routes[i].id;
				return;
			}
		}
		m->token[0] = '\0';
		/* Anything else under /ack/ is a guessed token, and counts
		 * against the address like an unknown one. */
		m->id = routes[i].id == ROUTE_ACK ? ROUTE_ACK_BAD :
		    routes[i].id == ROUTE_REVIEW ? ROUTE_REVIEW_BAD : ROUTE_NONE;
		return;
	}
	m->id = ROUTE_NONE;
	m->access = ACCESS_CAPABILITY;
	m->post = false;
}
