/* workbook: GET /ledger.xlsx, the ledger (store/ledger.h) of the cells
 * the board shows for the same filters (and 考评 period), as the workbook deadlinectl
 * ledger writes, made in a private temporary directory and sent as an
 * attachment. */
#include <stdio.h>
#include <stdlib.h>

#include "base/clock.h"
#include "base/date.h"
#include "store/ledger.h"
#include "web/server.h"
#include "web/web.h"

/* Most bytes of a workbook the server sends (a province's plan with
 * every city as its own row stays a few megabytes). */
#define WORKBOOK_MAX ((size_t)64 << 20)

enum MHD_Result
workbook_route(struct http_server *h, struct MHD_Connection *c)
{
	const struct board_cell *cells;
	struct board_cell *shown;
	struct web_filter f;
	struct buf b = BUF_INIT;
	struct ledger l;
	struct error err;
	size_t n;
	char day[11], disposition[128];
	int today = clock_local_day(clock_now()), rc;

	if (!http_filter(c, &f))
		return http_reply_error(c, 400);
	rc = scores_ledger(h, today, &f, &cells, &n, &shown, &l, &err);
	if (rc == 0)
		rc = ledger_xlsx_bytes(&l, WORKBOOK_MAX, &b, &err);
	ledger_free(&l);
	free(shown);
	if (rc != 0) {
		buf_free(&b);
		return http_reply_fail(c, &err);
	}
	/* An ASCII name for every client, the Chinese one for those that
	 * read RFC 6266's filename* (台账, percent-encoded UTF-8). */
	date_format(today, day);
	snprintf(disposition, sizeof(disposition), "attachment; "
	    "filename=\"ledger-%s.xlsx\"; filename*=UTF-8''"
	    "%%E5%%8F%%B0%%E8%%B4%%A6-%s.xlsx", day, day);
	n = b.len;
	return http_reply_file(c, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet", buf_steal(&b), n,
	    disposition);
}
