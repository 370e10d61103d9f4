/* scores: the board's 考评 (GET /, counted when asked: ?from=&to=) and GET
 * /api/v1/scores: the ledger's unit figures (store/ledger.h) of the cells
 * the board shows for the same filters, for the items due in the period;
 * the table a pure function of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/html.h"
#include "engine/schedule.h"
#include "store/ledger.h"
#include "web/server.h"
#include "web/web.h"

int
scores_ledger(struct http_server *h, int today, const struct web_filter *f,
    const struct board_cell **cells, size_t *n, struct board_cell **shown,
    struct ledger *l, struct error *err)
{
	struct ledger_period p;
	size_t kept = 0;
	int rc;

	memset(l, 0, sizeof(*l));
	*shown = NULL;
	if (http_board(h, today, cells, n, err) != 0)
		return -1;
	*shown = xcalloc(*n + 1, sizeof(**shown));
	for (size_t i = 0; i < *n; i++)
		if (web_cell_shown(&(*cells)[i], f))
			(*shown)[kept++] = (*cells)[i];
	/* The calendar and the report dates are the configuration's (as
	 * deadlinectl ledger counts): held while the ledger counts. */
	pthread_mutex_lock(&h->cfg_lock);
	schedule_ledger_period(h->cfg, f->from, f->to, &p);
	rc = ledger_build_period(h->st, *shown, kept, today, &p, l, err);
	pthread_mutex_unlock(&h->cfg_lock);
	return rc;
}

/* scores_ledger for the query's filters and period; an HTTP status (400
 * for a malformed query) or 0. */
static unsigned
scores_of(struct http_server *h, struct MHD_Connection *c, int today,
    struct web_filter *f, const struct board_cell **cells, size_t *n,
    struct board_cell **shown, struct ledger *l, struct error *err)
{
	memset(l, 0, sizeof(*l));
	*shown = NULL;
	if (!http_filter(c, f))
		return 400;
	return scores_ledger(h, today, f, cells, n, shown, l, err) != 0 ?
	    500 : 0;
}

enum MHD_Result
scores_board(struct http_server *h, struct MHD_Connection *c)
{
	const struct board_cell *cells;
	struct board_cell *shown = NULL;
	struct web_filter f;
	struct ledger l = { 0 };
	struct error err;
	size_t n;
	int today = clock_local_day(clock_now());
	unsigned st;
	char *html = NULL;

	/* The board counts 考评 on request only: it reads every item's
	 * times, more than a view of a large plan may cost. */
	if (!http_filter(c, &f))
		st = 400;
	else if (f.period)
		st = scores_ledger(h, today, &f, &cells, &n, &shown, &l,
		    &err) != 0 ? 500 : 0;
	else
		st = http_board(h, today, &cells, &n, &err) != 0 ? 500 : 0;
	f.scores = true;
	if (st == 0)
		html = web_dashboard_scores(cells, n, today, &f,
		    f.period ? &l : NULL);
	ledger_free(&l);
	free(shown);
	if (st == 400)
		return http_reply_error(c, 400);
	if (st != 0)
		return http_reply_fail(c, &err);
	return http_reply_html(c, 200, html);
}

enum MHD_Result
scores_route(struct http_server *h, struct MHD_Connection *c)
{
	const struct board_cell *cells;
	struct board_cell *shown;
	struct web_filter f;
	struct buf b = BUF_INIT;
	struct ledger l;
	struct error err;
	size_t n;
	unsigned st = scores_of(h, c, clock_local_day(clock_now()), &f, &cells,
	    &n, &shown, &l, &err);

	if (st == 0)
		ledger_write_scores_json(&b, &l);
	ledger_free(&l);
	free(shown);
	if (st == 400)
		return http_reply_json_error(c, 400);
	if (st != 0)
		return http_reply_json_fail(c, &err);
	return http_reply(c, 200, "application/json", buf_steal(&b), NULL);
}

/* ---- the table ---------------------------------------------------------- */

static void
scores_head(struct buf *b)
{
	buf_puts(b, "<table class=\"counts scores\">\n<thead><tr><th>单位</th>"
	    "<th>事项</th><th>按期完成</th><th>逾期完成</th><th>已逾期</th>"
	    "<th>未完成</th><th>应完成</th><th>按期率</th>"
	    "<th>确认用时中位数（工作日）</th><th>未确认</th>"
	    "<th>进展按时/应报</th></tr></thead>\n<tbody>\n");
}

static void
scores_row(struct buf *b, const struct ledger *l, const struct ledger_unit *u)
{
	int rate = ledger_ontime_rate(u);

	buf_puts(b, "<tr><th scope=\"row\">");
	html_put(b, u->name);
	buf_printf(b, "</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
	    "<td class=\"n\">%zu</td><td class=\"n%s\">%zu</td>"
	    "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", u->items,
	    u->done_ontime, u->done_late, u->overdue > 0 ? " overdue" : "",
	    u->overdue, u->open, u->due_by);
	if (rate >= 0)
		buf_printf(b, "<td class=\"n rate\">%d%%</td>", rate);
	else
		buf_puts(b, "<td class=\"n rate\">—</td>");
	if (u->ack_median >= 0)
		buf_printf(b, "<td class=\"n\">%g</td>", u->ack_median);
	else
		buf_puts(b, "<td class=\"n\">—</td>");
	buf_printf(b, "<td class=\"n\">%zu</td>", u->unacked);
	if (l->reports)
		buf_printf(b, "<td class=\"n\">%zu/%zu</td></tr>\n",
		    u->reports_ontime, u->reports_due);
	else
		buf_puts(b, "<td class=\"n\">—</td></tr>\n");
}

/* A hidden field carrying a filter into the period's form. */
static void
hidden(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	html_put(b, value);
	buf_puts(b, "\">");
}

/* The period's form: the board's filters kept, from and to as dates
 * (l's, NULL: empty). */
static void
period_form(struct buf *b, const struct ledger *l, const struct web_filter *f)
{
	char from[11] = "", to[11] = "", plan[24];

	if (l != NULL && l->from != DATE_NONE)
		date_format(l->from, from);
	if (l != NULL && l->to != DATE_NONE)
		date_format(l->to, to);
	buf_puts(b, "<form class=\"period\" method=\"get\" action=\"/\">\n");
	if (f != NULL) {
		snprintf(plan, sizeof(plan), "%lld", (long long)f->plan);
		hidden(b, "plan", f->plan != 0 ? plan : NULL);
		hidden(b, "unit", f->unit);
		hidden(b, "group", f->group);
		hidden(b, "state", f->state);
		hidden(b, "level", f->level);
	}
	buf_printf(b, "<label>截止日期自 <input type=\"date\" name=\"from\" "
	    "value=\"%s\"></label>\n<label>至 <input type=\"date\" name=\"to\" "
	    "value=\"%s\"></label>\n<button type=\"submit\">考评</button>\n"
	    "</form>\n", from, to);
}

void
web_scores(struct buf *b, const struct ledger *l, const struct web_filter *f)
{
	size_t *order, i, j;

	buf_puts(b, "<h2 id=\"scores\">考评</h2>\n");
	period_form(b, l, f);
	if (l == NULL) {
		buf_puts(b, "<p>按截止日期范围计算各单位的按期率、确认用时和进展"
		    "报送（留空：全部事项）。</p>\n");
		return;
	}
	order = xcalloc(l->nunits + 1, sizeof(*order));
	ledger_units_order(l, false, order);
	buf_puts(b, "<p class=\"legend\">按期率 = 截止日期已到的事项中按期完成"
	    "（销号）的比例，按期率低者在前；确认用时为首次通知至首次答复"
	    "（已收到或已完成）之间的工作日数。</p>\n<div class=\"scroll\">\n");
	scores_head(b);
	for (i = 0; i < l->nunits; i++)
		if (l->units[order[i]].group == NULL)
			scores_row(b, l, &l->units[order[i]]);
	buf_puts(b, "</tbody></table>\n");
	/* Each group folded, its members in the same order, under their
	 * sums: its rate of the members' items together. */
	for (i = 0; i < l->nunits; i++) {
		const char *g = l->units[order[i]].group;
		struct ledger_unit sum = { .name = g };
		bool first = true;

		for (j = 0; j < i && g != NULL; j++)
			first &= strcmp(l->units[order[j]].group != NULL ?
			    l->units[order[j]].group : "", g) != 0;
		if (g == NULL || !first)
			continue;
		for (j = i; j < l->nunits; j++) {
			const struct ledger_unit *u = &l->units[order[j]];

			if (u->group == NULL || strcmp(u->group, g) != 0)
				continue;
			sum.due_by += u->due_by;
			sum.due_ontime += u->due_ontime;
			sum.overdue += u->overdue;
			sum.items += u->items;
		}
		buf_puts(b, "<details class=\"group scores\"><summary>");
		html_put(b, g);
		if (ledger_ontime_rate(&sum) >= 0)
			buf_printf(b, "：按期率 %d%%（%zu/%zu）", ledger_ontime_rate(&sum),
			    sum.due_ontime, sum.due_by);
		else
			buf_puts(b, "：按期率 —");
		buf_printf(b, " · 已逾期 %zu · 事项 %zu</summary>\n", sum.overdue,
		    sum.items);
		scores_head(b);
		for (j = i; j < l->nunits; j++)
			if (l->units[order[j]].group != NULL &&
			    strcmp(l->units[order[j]].group, g) == 0)
				scores_row(b, l, &l->units[order[j]]);
		buf_puts(b, "</tbody></table></details>\n");
	}
	buf_puts(b, "</div>\n");
	free(order);
}
