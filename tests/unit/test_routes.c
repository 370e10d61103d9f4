/* Unit tests for routes: the URL table, table driven: each page's path
 * matches with its access and methods, tokens are taken only in their
 * exact shape, and near misses ("..", "//", trailing parts, upper-case
 * hex, a token one digit short) match nothing or count as a guess. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "web/routes.h"

#define ACK "0123456789abcdef0123456789abcdef"
#define FEED ACK ACK

struct route_case {
	const char *url;
	enum route_id id;
	enum route_access access;
	bool post;
	const char *token;
};

static const struct route_case cases[] = {
	{ "/ack/" ACK, ROUTE_ACK, ACCESS_CAPABILITY, true, ACK },
	{ "/ack/" ACK "/", ROUTE_ACK_BAD, ACCESS_CAPABILITY, true, "" },
	{ "/ack/" "0123456789ABCDEF0123456789abcdef", ROUTE_ACK_BAD,
	  ACCESS_CAPABILITY, true, "" },
	{ "/ack/123", ROUTE_ACK_BAD, ACCESS_CAPABILITY, true, "" },
	{ "/ack/", ROUTE_ACK_BAD, ACCESS_CAPABILITY, true, "" },
	{ "/ack/../metrics", ROUTE_ACK_BAD, ACCESS_CAPABILITY, true, "" },
	{ "/ics/" FEED ".ics", ROUTE_FEED, ACCESS_CAPABILITY, false, FEED },
	{ "/ics/" FEED, ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/ics/" FEED ".ics.bak", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/ics/" ACK ".ics", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/healthz", ROUTE_HEALTH, ACCESS_LOCAL, false, "" },
	{ "/healthz/", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/metrics", ROUTE_METRICS, ACCESS_LOCAL, false, "" },
	{ "/", ROUTE_BOARD, ACCESS_SUPERVISOR, false, "" },
	{ "//", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/api/v1/board", ROUTE_BOARD_JSON, ACCESS_SUPERVISOR, false, "" },
	{ "/api/v1/acks", ROUTE_ACKS_JSON, ACCESS_SUPERVISOR, false, "" },
	{ "/api/v1/acks/../board", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/ledger.xlsx", ROUTE_LEDGER_XLSX, ACCESS_SUPERVISOR, false, "" },
	{ "/ledger.xlsx/x", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/api/v1//acks", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
	{ "/index.html", ROUTE_NONE, ACCESS_CAPABILITY, false, "" },
};

static void
test_cases(void **state)
{
	struct route_match m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		route_match(cases[i].url, &m);
		if (m.id != cases[i].id || m.token[0] != cases[i].token[0] ||
		    strcmp(m.token, cases[i].token) != 0)
			fail_msg("%s: route %d token \"%s\"", cases[i].url,
			    (int)m.id, m.token);
		if (m.id != ROUTE_NONE && (m.access != cases[i].access ||
		    m.post != cases[i].post))
			fail_msg("%s: access %d post %d", cases[i].url,
			    (int)m.access, (int)m.post);
	}
}

static void
test_is_hex(void **state)
{
	(void)state;
	assert_true(route_is_hex("09af", 4));
	assert_false(route_is_hex("09aF", 4));
	assert_false(route_is_hex("09a", 4));
	assert_false(route_is_hex("09afe", 4));
	assert_false(route_is_hex("09ag", 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_is_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
