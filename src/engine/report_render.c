/* report_render: the periodic report's texts (情况通报) from a ledger
 * and the states of the last report: the counts by state, each unit's
 * figures by on-time rate, the overdue items by unit, the items without
 * a progress report, what changed; as HTML for mail (tables with bgcolor
 * and width cells for the chart: Outlook, Foxmail and QQ Mail show them,
 * no script, no image), as plain text, and as robots' markdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/html.h"
#include "base/util.h"
#include "engine/report.h"
#include "plan/plan.h"

/* One item's former state, from the last report's snapshot. */
struct was {
	long long measure;
	char *unit;
	char *state;
};

static int
cmp_was(const void *a, const void *b)
{
	const struct was *x = a, *y = b;

	if (x->measure != y->measure)
		return x->measure < y->measure ? -1 : 1;
	return strcmp(x->unit, y->unit);
}

/* The snapshot's lines "MEASURE\tUNIT\tSTATE", sorted. */
static struct was *
parse_snapshot(const char *snap, size_t *n)
{
	struct was *v = NULL;
	size_t cap = 0;
	const char *p, *t1, *t2, *nl;

	*n = 0;
	for (p = snap; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		if ((t1 = memchr(p, '\t', (size_t)(nl - p))) == NULL ||
		    (t2 = memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1))) == NULL)
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[*n].measure = strtoll(p, NULL, 10);
		v[*n].unit = xasprintf("%.*s", (int)(t2 - t1 - 1), t1 + 1);
		v[*n].state = xasprintf("%.*s", (int)(nl - t2 - 1), t2 + 1);
		(*n)++;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_was);
	return v;
}

void
report_snapshot(const struct ledger *l, struct buf *b)
{
	char st[40];
	size_t i;

	for (i = 0; i < l->nrows; i++) {
		ledger_state_text(&l->rows[i], st, sizeof(st));
		buf_printf(b, "%lld\t%s\t%s\n",
		    (long long)l->rows[i].cell->measure->id,
		    l->rows[i].cell->unit->name, st);
	}
}

/* The rows in state st. */
static size_t
count_state(const struct ledger *l, enum ledger_state st)
{
	size_t i, n = 0;

	for (i = 0; i < l->nrows; i++)
		n += l->rows[i].state == st;
	return n;
}

/* Whether row r waits for a progress report: its unit was told of it
 * (notified, acknowledged or overdue), it is not done, and none came. */
static bool
no_report(const struct ledger_row *r)
{
	return (r->state == LEDGER_OVERDUE || r->state == LEDGER_ACKED ||
	    r->state == LEDGER_NOTIFIED) && r->progress_at == 0;
}

/* An HTML bar of share (0..100) per cent in colour, width px wide. */
static void
html_bar(struct buf *b, int share, const char *colour, int width)
{
	buf_printf(b, "<table class=\"bar\" width=\"%d\" cellpadding=\"0\" "
	    "cellspacing=\"0\" border=\"0\"><tr>", width);
	if (share > 0)
		buf_printf(b, "<td width=\"%d\" height=\"14\" bgcolor=\"%s\" "
		    "style=\"font-size:1px;line-height:1px\">&nbsp;</td>",
		    width * share / 100 > 0 ? width * share / 100 : 1, colour);
	if (share < 100)
		buf_printf(b, "<td width=\"%d\" height=\"14\" bgcolor=\"#e0e0e0\" "
		    "style=\"font-size:1px;line-height:1px\">&nbsp;</td>",
		    width - width * share / 100);
	buf_puts(b, "</tr></table>");
}

#define TH "<th align=\"left\" bgcolor=\"#eeeeee\" style=\"padding:4px 8px\">"
#define TD "<td style=\"padding:4px 8px\">"
/* A cell of a date or a count of days, kept on one line. */
#define TDN "<td nowrap style=\"padding:4px 8px;white-space:nowrap\">"
#define TABLE "<table cellpadding=\"0\" cellspacing=\"0\" border=\"1\" " \
	"style=\"border-collapse:collapse;border-color:#cccccc\" id=\"%s\">"

/* A measure as a list names it: its text. */
static void
put_item(struct buf *b, const struct ledger_row *r, bool html)
{
	if (html)
		html_put(b, r->cell->measure->text);
	else
		buf_puts(b, r->cell->measure->text);
}

static void
section(struct buf *h, struct buf *t, const char *title)
{
	buf_printf(h, "<h3 style=\"margin:20px 0 8px;font-size:16px\">%s</h3>",
	    title);
	buf_printf(t, "\n%s\n", title);
}

static void
put_counts(struct buf *h, struct buf *t, const struct ledger *l)
{
	size_t count[LEDGER_NSTATES] = { 0 }, i, top = 1;

	for (i = 0; i < l->nrows; i++)
		count[l->rows[i].state]++;
	for (i = 0; i < LEDGER_NSTATES; i++)
		if (count[i] > top)
			top = count[i];
	section(h, t, "一、总体情况");
	buf_printf(h, "<p>共 %zu 项事项（一个单位的一项措施为一项）。</p>"
	    TABLE "<tr>" TH "状态</th>" TH "事项</th>" TH "</th></tr>",
	    l->nrows, "states");
	buf_printf(t, "共 %zu 项事项。\n", l->nrows);
	for (i = 0; i < LEDGER_NSTATES; i++) {
		char colour[8];

		snprintf(colour, sizeof(colour), "#%06x",
		    (unsigned)ledger_state_colour(i)->font);
		buf_printf(h, "<tr>" TD "%s</td>" TD "%zu</td>" TD,
		    ledger_state_label(i), count[i]);
		html_bar(h, (int)(count[i] * 100 / top), colour, 200);
		buf_puts(h, "</td></tr>");
		buf_printf(t, "  %s：%zu\n", ledger_state_label(i), count[i]);
	}
	buf_puts(h, "</table>");
}

/* A unit's median working days to an answer ("—" for none answered)
 * and its progress reports on time of those due ("—" with reports off),
 * as 考评 counts them. */
static void
scores_text(const struct ledger *l, const struct ledger_unit *u,
    char *median, size_t mlen, char *reports, size_t rlen)
{
	if (u->ack_median < 0)
		snprintf(median, mlen, "—");
	else
		snprintf(median, mlen, "%g", u->ack_median);
	if (!l->reports)
		snprintf(reports, rlen, "—");
	else
		snprintf(reports, rlen, "%zu/%zu", u->reports_ontime,
		    u->reports_due);
}

static void
put_units(struct buf *h, struct buf *t, const struct ledger *l,
    const size_t *order)
{
	const struct ledger_unit *u;
	char rate[16], median[16], reports[48];
	size_t i;
	int r;

	section(h, t, "二、各单位按期完成情况（按按期完成率排序）");
	buf_printf(h, TABLE "<tr>" TH "单位</th>" TH "事项</th>" TH "按期完成"
	    "</th>" TH "逾期完成</th>" TH "已逾期</th>" TH "未完成未逾期</th>"
	    TH "应完成</th>" TH "按期完成率</th>" TH "</th>" TH "确认用时中位数"
	    "（工作日）</th>" TH "未确认</th>" TH "进展按时/应报</th></tr>",
	    "units");
	for (i = 0; i < l->nunits; i++) {
		u = &l->units[order[i]];
		r = ledger_ontime_rate(u);
		if (r < 0)
			snprintf(rate, sizeof(rate), "—");
		else
			snprintf(rate, sizeof(rate), "%d%%", r);
		buf_puts(h, "<tr>" TD);
		html_put(h, u->name);
		buf_printf(h, "</td>" TD "%zu</td>" TD "%zu</td>" TD "%zu</td>"
		    TD "%zu</td>" TD "%zu</td>" TD "%zu</td>" TD "%s</td>" TD,
		    u->items, u->done_ontime, u->done_late, u->overdue, u->open,
		    u->due_by, rate);
		html_bar(h, r < 0 ? 0 : r, r >= 90 ? "#2e7d32" : r >= 60 ?
		    "#ef6c00" : "#c62828", 160);
		scores_text(l, u, median, sizeof(median), reports,
		    sizeof(reports));
		buf_printf(h, "</td>" TD "%s</td>" TD "%zu</td>" TD "%s</td></tr>",
		    median, u->unacked, reports);
		buf_printf(t, "  %s：事项 %zu，按期完成 %zu，逾期完成 %zu，已逾期 "
		    "%zu，按期完成率 %s，确认用时中位数（工作日）%s，未确认 %zu，"
		    "进展按时/应报 %s\n", u->name, u->items, u->done_ontime,
		    u->done_late, u->overdue, rate, median, u->unacked, reports);
	}
	buf_puts(h, "</table>");
}

static void
put_overdue(struct buf *h, struct buf *t, const struct ledger *l,
    const size_t *order)
{
	const struct ledger_row *r;
	char due[11];
	size_t i, k, shown = 0, n = 0;

	for (i = 0; i < l->nrows; i++)
		n += l->rows[i].state == LEDGER_OVERDUE;
	section(h, t, "三、逾期未完成事项（按单位）");
	if (n == 0) {
		buf_puts(h, "<p>无。</p>");
		buf_puts(t, "  无。\n");
		return;
	}
	buf_printf(h, TABLE "<tr>" TH "单位</th>" TH "措施</th>" TH "应完成"
	    "</th>" TH "逾期天数</th></tr>", "overdue");
	for (k = 0; k < l->nunits; k++)
		for (i = 0; i < l->nrows; i++) {
			r = &l->rows[i];
			if (r->state != LEDGER_OVERDUE || strcmp(r->cell->unit->name,
			    l->units[order[k]].name) != 0 ||
			    shown++ >= REPORT_LIST_MAX)
				continue;
			date_format(r->extended != DATE_NONE ? r->extended :
			    r->due, due);
			buf_puts(h, "<tr>" TD);
			html_put(h, r->cell->unit->name);
			buf_puts(h, "</td>" TD);
			put_item(h, r, true);
			buf_printf(h, "</td>" TDN "%s</td>" TDN "<font color=\"#c62828\">"
			    "%d 天</font></td></tr>", due, r->days_overdue);
			buf_printf(t, "  %s：", r->cell->unit->name);
			put_item(t, r, false);
			buf_printf(t, "（应完成 %s，逾期 %d 天）\n", due,
			    r->days_overdue);
		}
	buf_puts(h, "</table>");
	if (n > REPORT_LIST_MAX) {
		buf_printf(h, "<p>另有 %zu 项，见台账。</p>", n - REPORT_LIST_MAX);
		buf_printf(t, "  另有 %zu 项，见台账。\n", n - REPORT_LIST_MAX);
	}
}

static void
put_unreported(struct buf *h, struct buf *t, const struct ledger *l)
{
	const struct ledger_row *r;
	size_t i, shown = 0, n = 0;

	for (i = 0; i < l->nrows; i++)
		n += no_report(&l->rows[i]);
	section(h, t, "四、未报送进展的事项");
	buf_printf(h, "<p>共 %zu 项。</p>", n);
	buf_printf(t, "  共 %zu 项。\n", n);
	if (n == 0)
		return;
	buf_printf(h, TABLE "<tr>" TH "单位</th>" TH "措施</th>" TH "状态"
	    "</th></tr>", "unreported");
	for (i = 0; i < l->nrows && shown < REPORT_LIST_MAX; i++) {
		char st[40];

		if (!no_report(r = &l->rows[i]))
			continue;
		shown++;
		ledger_state_text(r, st, sizeof(st));
		buf_puts(h, "<tr>" TD);
		html_put(h, r->cell->unit->name);
		buf_puts(h, "</td>" TD);
		put_item(h, r, true);
		buf_printf(h, "</td>" TDN "%s</td></tr>", st);
		buf_printf(t, "  %s：", r->cell->unit->name);
		put_item(t, r, false);
		buf_printf(t, "（%s）\n", st);
	}
	buf_puts(h, "</table>");
	if (n > shown) {
		buf_printf(h, "<p>另有 %zu 项，见台账。</p>", n - shown);
		buf_printf(t, "  另有 %zu 项，见台账。\n", n - shown);
	}
}

/* What changed since the last report: each item whose state is not
 * what it was, and the new ones.  The count in *changed. */
static void
put_changes(struct buf *h, struct buf *t, const struct ledger *l,
    const struct report_input *in, size_t *changed)
{
	struct was *v, key, *w;
	const struct ledger_row *r;
	char st[40], day[11];
	size_t nv, i, shown = 0;

	*changed = 0;
	section(h, t, "五、与上期相比的变化");
	if (in->last_snapshot == NULL) {
		buf_puts(h, "<p>本报告首次发出，无上期可比。</p>");
		buf_puts(t, "  本报告首次发出，无上期可比。\n");
		return;
	}
	date_format(in->last_slot, day);
	buf_printf(h, "<p>上期：%s。</p>", day);
	buf_printf(t, "  上期：%s。\n", day);
	v = parse_snapshot(in->last_snapshot, &nv);
	for (i = 0; i < l->nrows; i++) {
		r = &l->rows[i];
		ledger_state_text(r, st, sizeof(st));
		key.measure = (long long)r->cell->measure->id;
		key.unit = (char *)r->cell->unit->name;
		w = nv > 0 ? bsearch(&key, v, nv, sizeof(*v), cmp_was) : NULL;
		/* Only the day count of an overdue item moved: no change. */
		if (w != NULL && (strcmp(w->state, st) == 0 ||
		    (r->state == LEDGER_OVERDUE && strncmp(w->state, "逾期",
		    strlen("逾期")) == 0)))
			continue;
		if ((*changed)++ == 0)
			buf_printf(h, TABLE "<tr>" TH "单位</th>" TH "措施</th>"
			    TH "上期</th>" TH "本期</th></tr>", "changes");
		if (shown++ >= REPORT_LIST_MAX)
			continue;
		buf_puts(h, "<tr>" TD);
		html_put(h, r->cell->unit->name);
		buf_puts(h, "</td>" TD);
		put_item(h, r, true);
		buf_puts(h, "</td>" TD);
		html_put(h, w != NULL ? w->state : "（新增）");
		buf_printf(h, "</td>" TD "%s</td></tr>", st);
		buf_printf(t, "  %s：", r->cell->unit->name);
		put_item(t, r, false);
		buf_printf(t, "：%s → %s\n", w != NULL ? w->state : "（新增）",
		    st);
	}
	if (*changed > 0)
		buf_puts(h, "</table>");
	else {
		buf_puts(h, "<p>各事项状态无变化。</p>");
		buf_puts(t, "  各事项状态无变化。\n");
	}
	if (*changed > REPORT_LIST_MAX) {
		buf_printf(h, "<p>另有 %zu 项，见台账。</p>",
		    *changed - REPORT_LIST_MAX);
		buf_printf(t, "  另有 %zu 项，见台账。\n",
		    *changed - REPORT_LIST_MAX);
	}
	for (i = 0; i < nv; i++) {
		free(v[i].unit);
		free(v[i].state);
	}
	free(v);
}

/* The robots' summary: the counts, the ledger's link, the changes'
 * count, each unit's rate and overdue items. */
static void
put_markdown(struct buf *m, const struct ledger *l, const size_t *order,
    const struct report_input *in, const char *title, size_t changed)
{
	size_t count[LEDGER_NSTATES] = { 0 }, i;
	const struct ledger_unit *u;
	int r;

	for (i = 0; i < l->nrows; i++)
		count[l->rows[i].state]++;
	buf_printf(m, "### %s\n\n共 %zu 项：", title, l->nrows);
	for (i = 0; i < LEDGER_NSTATES; i++)
		buf_printf(m, "%s%s %zu", i > 0 ? "，" : "", ledger_state_label(i),
		    count[i]);
	/* The link before the list, which a robot's size may cut. */
	if (in->ledger_url != NULL)
		buf_printf(m, "\n\n[下载台账（Excel）](%s)", in->ledger_url);
	if (in->last_snapshot != NULL)
		buf_printf(m, "\n\n与上期相比：%zu 项状态有变化。", changed);
	buf_puts(m, "\n\n**各单位按期完成率**\n\n");
	for (i = 0; i < l->nunits; i++) {
		u = &l->units[order[i]];
		if ((r = ledger_ontime_rate(u)) < 0)
			buf_printf(m, "- %s：—", u->name);
		else
			buf_printf(m, "- %s：%d%%", u->name, r);
		if (u->overdue > 0)
			buf_printf(m, "，逾期 %zu 项", u->overdue);
		buf_puts(m, "\n");
	}
}

void
report_render(const struct ledger *l, const struct report_input *in,
    struct report_text *out)
{
	size_t *order = xcalloc(l->nunits + 1, sizeof(*order)), changed;
	struct buf *h = &out->html, *t = &out->text;
	char day[11];

	ledger_units_order(l, true, order);
	date_format(l->today, day);
	out->subject = xasprintf("【情况通报】截至 %s：%zu 项事项，%zu 项逾期",
	    day, l->nrows, count_state(l, LEDGER_OVERDUE));
	html_head(h, out->subject);
	buf_puts(h, "<body style=\"font-family:'Microsoft "
	    "YaHei',sans-serif;font-size:14px;color:#222222\">"
	    "<h2 style=\"font-size:18px\">");
	html_put(h, out->subject);
	buf_printf(h, "</h2><p>报告日期：%s（%s）。</p>", day, in->name);
	buf_printf(t, "%s\n报告日期：%s（%s）。\n", out->subject, day, in->name);
	put_counts(h, t, l);
	put_units(h, t, l, order);
	put_overdue(h, t, l, order);
	put_unreported(h, t, l);
	put_changes(h, t, l, in, &changed);
	if (in->attached) {
		buf_printf(h, "<p>台账见附件（%s）。</p>", in->file_name);
		buf_printf(t, "\n台账见附件（%s）。\n", in->file_name);
	} else if (in->ledger_url != NULL) {
		buf_puts(h, "<p>台账：<a href=\"");
		html_put_url(h, in->ledger_url);
		buf_puts(h, "\">下载台账（Excel）</a></p>");
		buf_printf(t, "\n台账：%s\n", in->ledger_url);
	}
	buf_puts(h, "</body></html>\n");
	put_markdown(&out->markdown, l, order, in, out->subject, changed);
	free(order);
}

void
report_text_free(struct report_text *o)
{
	free(o->subject);
	buf_free(&o->html);
	buf_free(&o->text);
	buf_free(&o->markdown);
}
