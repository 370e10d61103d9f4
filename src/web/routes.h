/* routes: the HTTP endpoint's URL space as a table: which path names
 * which page, who may see it and whether it takes a POST.  Pure (no
 * server, no store), so that the server (http.c), its unit test and the
 * fuzz target match URLs the one same way. */
#ifndef DEADLINED_ROUTES_H
#define DEADLINED_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "store/tokens.h"	/* TOKEN_HEX_LEN */

#define FEED_TOKEN_LEN	64		/* hex digits of HMAC-SHA256 */

enum route_id {
	ROUTE_NONE,		/* 404 */
	ROUTE_ACK,		/* /ack/TOKEN: the token is the capability */
	ROUTE_ACK_BAD,		/* /ack/ with a malformed token: a guess */
	ROUTE_FEED,		/* /ics/TOKEN.ics */
	ROUTE_HEALTH,		/* /healthz */
	ROUTE_METRICS,		/* /metrics */
	ROUTE_BOARD,		/* / */
	ROUTE_BOARD_JSON,	/* /api/v1/board */
	ROUTE_ACKS_JSON,	/* /api/v1/acks */
	ROUTE_REVIEW,		/* /review/TOKEN: an approval link */
	ROUTE_REVIEW_BAD,	/* /review/ with a malformed token: a guess */
	ROUTE_LEDGER_XLSX,	/* /ledger.xlsx */
	ROUTE_SCORES_JSON,	/* /api/v1/scores */
	ROUTE_COUNT
};

/* Who may see a route, beyond what its token grants. */
enum route_access {
	ACCESS_CAPABILITY,	/* anyone holding the URL's token */
	ACCESS_LOCAL,		/* loopback, or the HTTP token */
	ACCESS_SUPERVISOR,	/* anyone on a loopback listener; else the
				 * HTTP token */
};

struct route_match {
	enum route_id id;
	enum route_access access;
	bool post;		/* takes a POST as well as GET/HEAD */
	/* The token of /ack/ and /ics/, NUL-terminated; "" otherwise. */
	char token[FEED_TOKEN_LEN + 1];
};

/* Match url exactly, as libmicrohttpd hands it over (decoded): "..",
 * "//", "%2e%2e" and trailing parts match nothing (ROUTE_NONE). */
void route_match(const char *url, struct route_match *m);

/* Whether s is exactly n lowercase hex digits. */
bool route_is_hex(const char *s, size_t n);

#endif
