/* metrics: GET /metrics in Prometheus' text format 0.0.4 (the outbox,
 * the answers, today's board, the last pass, the build, the requests by
 * route and status), each family's HELP and TYPE directly before its own
 * samples.  Never a secret. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/version.h"
#include "store/acks.h"
#include "store/outbox.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/web.h"

/* The statuses the server answers with, each counted by route in
 * /metrics; the last slot is any other. */
static const unsigned http_statuses[HTTP_STATUS_SLOTS - 1] = {
	200, 303, 304, 400, 401, 403, 404, 405, 413, 421, 429, 500, 503,
};

size_t
metrics_status_slot(unsigned status)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(http_statuses); i++)
		if (http_statuses[i] == status)
			break;
	return i;
}

/* The route as /metrics labels it. */
static const char *const route_names[ROUTE_COUNT] = {
	[ROUTE_NONE] = "other", [ROUTE_ACK] = "/ack", [ROUTE_ACK_BAD] = "/ack",
	[ROUTE_FEED] = "/ics", [ROUTE_HEALTH] = "/healthz",
	[ROUTE_METRICS] = "/metrics", [ROUTE_BOARD] = "/",
	[ROUTE_BOARD_JSON] = "/api/v1/board", [ROUTE_ACKS_JSON] = "/api/v1/acks",
	[ROUTE_LEDGER_XLSX] = "/ledger.xlsx",
	[ROUTE_SCORES_JSON] = "/api/v1/scores",
	[ROUTE_REVIEW] = "/review", [ROUTE_REVIEW_BAD] = "/review",
};

enum MHD_Result
metrics_route(struct http_server *h, struct MHD_Connection *c)
{
	static const char *const names[5] = { "queued", "sending", "sent",
	    "failed", "skipped" };
	static const enum cell_state cs[] = { CELL_QUIET, CELL_WAITING,
	    CELL_ACKED, CELL_DONE, CELL_OVERDUE, CELL_BEHIND, CELL_PAUSED };
	struct buf b = BUF_INIT;
	struct error err;
	size_t counts[5], cells[CELL_STATES], i, k;
	time_t counted;

	/* Every number here is kept as things happen (store/open.c's
	 * counters; the board's, by the daemon after each pass): a scrape
	 * reads a few rows, whatever the plans' size. */
	if (outbox_counts(h->st, counts, &err) != 0 ||
	    acks_board_counts(h->st, cells, ARRAY_LEN(cells), &counted,
	    &err) != 0)
		return http_reply_fail(c, &err);
	buf_puts(&b, "# HELP deadlined_messages Messages in the outbox by state.\n"
	    "# TYPE deadlined_messages gauge\n");
	for (i = 0; i < 5; i++)
		buf_printf(&b, "deadlined_messages{state=\"%s\"} %zu\n", names[i],
		    counts[i]);
	buf_puts(&b, "# HELP deadlined_board_cells Measure-unit cells of the "
	    "active plans by state today.\n# TYPE deadlined_board_cells gauge\n");
	for (i = 0; i < ARRAY_LEN(cs); i++)
		buf_printf(&b, "deadlined_board_cells{state=\"%s\"} %zu\n",
		    web_state_name(cs[i]), cells[cs[i]]);
	buf_printf(&b, "# HELP deadlined_board_counted_timestamp_seconds When "
	    "the board's cells were last counted (0: not yet).\n# TYPE "
	    "deadlined_board_counted_timestamp_seconds gauge\n"
	    "deadlined_board_counted_timestamp_seconds %lld\n",
	    (long long)counted);
	if (outbox_metrics(h->st, clock_now(), &b, &err) != 0) {
		buf_free(&b);
		return http_reply_fail(c, &err);
	}
	buf_puts(&b, "# HELP deadlined_acks_total Answers recorded by kind.\n"
	    "# TYPE deadlined_acks_total counter\n");
	for (i = 0; i < ACK_KIND_COUNT; i++) {
		if (acks_count(h->st, (enum ack_kind)i, &k, &err) != 0) {
			buf_free(&b);
			return http_reply_fail(c, &err);
		}
		buf_printf(&b, "deadlined_acks_total{kind=\"%s\"} %zu\n",
		    ack_kind_name((enum ack_kind)i), k);
	}
	buf_printf(&b, "# HELP deadlined_last_pass_timestamp_seconds When the "
	    "last pass ran (0: none yet).\n# TYPE "
	    "deadlined_last_pass_timestamp_seconds gauge\n"
	    "deadlined_last_pass_timestamp_seconds %lld\n",
	    (long long)atomic_load(&h->last_pass));
	buf_puts(&b, "# HELP deadlined_build_info The running build (always 1).\n"
	    "# TYPE deadlined_build_info gauge\n"
	    "deadlined_build_info{version=\"" VERSION "\"} 1\n");
	buf_puts(&b, "# HELP deadlined_http_requests_total HTTP requests "
	    "answered, by route and status.\n# TYPE "
	    "deadlined_http_requests_total counter\n");
	for (size_t rt = 0; rt < ROUTE_COUNT; rt++)
		for (size_t sl = 0; sl < HTTP_STATUS_SLOTS; sl++) {
			/* /ack's two routes (a token, a malformed one) are one
			 * label: their counts are summed under the first. */
			unsigned long n = h->answers[rt][sl];

			if (rt == ROUTE_ACK)
				n += h->answers[ROUTE_ACK_BAD][sl];
			if (rt == ROUTE_REVIEW)
				n += h->answers[ROUTE_REVIEW_BAD][sl];
			if (n == 0 || rt == ROUTE_ACK_BAD || rt == ROUTE_REVIEW_BAD)
				continue;
			if (sl < ARRAY_LEN(http_statuses))
				buf_printf(&b, "deadlined_http_requests_total{route="
				    "\"%s\",status=\"%u\"} %lu\n", route_names[rt],
				    http_statuses[sl], n);
			else
				buf_printf(&b, "deadlined_http_requests_total{route="
				    "\"%s\",status=\"other\"} %lu\n", route_names[rt], n);
		}
	return http_reply(c, 200, "text/plain; version=0.0.4; charset=utf-8",
	    buf_steal(&b), NULL);
}
