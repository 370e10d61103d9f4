/* board: the supervisor's dashboard (GET /), a pure function over the
 * board's cells (its JSON is board_json.c's).  What the page must do at
 * a glance: a headline of the counts for the filters in view, overdue
 * measures first, one row per measure with a chip per unit and a group
 * folded into one summary ("各市市场监督管理局 12/16 已确认 · 3 逾期")
 * that opens to its members, colour only where there is something to
 * see.  Filters (plan, unit, group, state) apply to the counts, the
 * chart and the rows alike; rows come a page at a time so that a
 * province's plan stays a page of a few hundred kilobytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/html.h"
#include "plan/units.h"
#include "web/page.h"
#include "web/web.h"

#define TASK_SHOWN 24		/* code points of a task's title */
#define REPORT_SHOWN 200	/* ... of a progress report in a chip's title */

/* State names (CSS classes, filter and JSON values) and their labels,
 * in the order the page lists them. */
static const struct {
	enum cell_state st;
	const char *name;
	const char *label;
} states[] = {
	{ CELL_OVERDUE, "overdue", "已逾期" },
	{ CELL_BEHIND, "behind", "进展滞后" },
	{ CELL_WAITING, "waiting", "待确认" },
	{ CELL_ACKED, "acked", "已收到" },
	{ CELL_DONE, "done", "已完成" },
	{ CELL_PAUSED, "paused", "已暂停" },
	{ CELL_QUIET, "quiet", "未通知" },
};

bool
web_state_valid(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(states); i++)
		if (strcmp(states[i].name, name) == 0)
			return true;
	return false;
}

const char *
web_state_name(enum cell_state st)
{
	for (size_t i = 0; i < ARRAY_LEN(states); i++)
		if (states[i].st == st)
			return states[i].name;
	return "quiet";
}

static const char *
state_label(enum cell_state st)
{
	for (size_t i = 0; i < ARRAY_LEN(states); i++)
		if (states[i].st == st)
			return states[i].label;
	return "";
}

/* Whether the cell passes the filters (the state's only with all: the
 * choices of the form list every unit whatever the state). */
static bool
cell_shown(const struct board_cell *c, const struct web_filter *f, bool all)
{
	if (f == NULL)
		return true;
	if (f->plan != 0 && c->plan->id != f->plan)
		return false;
	if (f->unit != NULL && strcmp(c->unit->name, f->unit) != 0)
		return false;
	if (f->group != NULL && (c->unit->group == NULL ||
	    strcmp(c->unit->group, f->group) != 0))
		return false;
	if (all && f->state != NULL &&
	    strcmp(web_state_name(c->state), f->state) != 0)
		return false;
	if (all && f->level != NULL && (!c->has_level ||
	    strcmp(level_name(c->level), f->level) != 0))
		return false;
	return true;
}

bool
web_cell_shown(const struct board_cell *c, const struct web_filter *f)
{
	return cell_shown(c, f, true);
}

/* ---- units and groups, counted ------------------------------------------ */

/* A unit (or, with is_group, a group) and its cells by state. */
struct tally {
	const char *name;
	const char *group;	/* the unit's group, NULL for none */
	bool is_group;
	size_t n[CELL_STATES];
};

struct tallies {
	struct tally *v;
	size_t n, cap;
	size_t *slots;		/* open addressing: index + 1, 0 empty */
	size_t nslots;
};

static size_t
str_hash(const char *s, bool is_group)
{
	size_t h = is_group ? 7 : 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void
tallies_rehash(struct tallies *t, size_t nslots)
{
	free(t->slots);
	t->slots = xcalloc(nslots, sizeof(*t->slots));
	t->nslots = nslots;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = str_hash(t->v[i].name, t->v[i].is_group) & (nslots - 1);

		while (t->slots[h] != 0)
			h = (h + 1) & (nslots - 1);
		t->slots[h] = i + 1;
	}
}

/* The tally of name, added in order of first appearance. */
static struct tally *
tally_of(struct tallies *t, const char *name, const char *group,
    bool is_group)
{
	size_t h;

	if (2 * (t->n + 1) > t->nslots)
		tallies_rehash(t, t->nslots == 0 ? 64 : 2 * t->nslots);
	for (h = str_hash(name, is_group) & (t->nslots - 1); t->slots[h] != 0;
	    h = (h + 1) & (t->nslots - 1)) {
		struct tally *x = &t->v[t->slots[h] - 1];

		if (x->is_group == is_group && strcmp(x->name, name) == 0)
			return x;
	}
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof(*t->v));
	t->v[t->n] = (struct tally){ name, group, is_group, { 0 } };
	t->slots[h] = ++t->n;
	return &t->v[t->n - 1];
}

static void
tallies_free(struct tallies *t)
{
	free(t->v);
	free(t->slots);
}

/* What the whole page counts, under the filters. */
struct summary {
	size_t measures, items;
	size_t n[CELL_STATES];
	size_t due_by_today, done_by_today;
};

/* ---- the page's parts ----------------------------------------------------- */

static void
put_option(struct buf *b, const char *value, const char *label, bool selected)
{
	buf_puts(b, "<option value=\"");
	html_put(b, value);
	buf_printf(b, "\"%s>", selected ? " selected" : "");
	html_put(b, label);
	buf_puts(b, "</option>\n");
}

static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The filter form: a plain GET form that works without script. */
static void
filter_form(struct buf *b, const struct board_cell *cells, size_t n,
    const struct tallies *all, const struct web_filter *f)
{
	const struct plan *last = NULL;
	enum level l;
	char id[24];
	size_t i;

	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/\">\n"
	    "<label>计划 <select name=\"plan\">\n<option value=\"\">全部</option>\n");
	for (i = 0; i < n; i++) {
		if (cells[i].plan == last)
			continue;
		last = cells[i].plan;
		snprintf(id, sizeof(id), "%lld", (long long)last->id);
		put_option(b, id, last->title, f != NULL && f->plan == last->id);
	}
	buf_puts(b, "</select></label>\n<label>单位 <select name=\"unit\">\n"
	    "<option value=\"\">全部</option>\n");
	for (i = 0; i < all->n; i++)
		if (!all->v[i].is_group)
			put_option(b, all->v[i].name, all->v[i].name,
			    f != NULL && same(f->unit, all->v[i].name));
	buf_puts(b, "</select></label>\n<label>单位组 <select name=\"group\">\n"
	    "<option value=\"\">全部</option>\n");
	for (i = 0; i < all->n; i++)
		if (all->v[i].is_group)
			put_option(b, all->v[i].name, all->v[i].name,
			    f != NULL && same(f->group, all->v[i].name));
	buf_puts(b, "</select></label>\n<label>状态 <select name=\"state\">\n"
	    "<option value=\"\">全部</option>\n");
	for (i = 0; i < ARRAY_LEN(states); i++)
		put_option(b, states[i].name, states[i].label,
		    f != NULL && same(f->state, states[i].name));
	buf_puts(b, "</select></label>\n<label>督办等级 <select name=\"level\">\n"
	    "<option value=\"\">全部</option>\n");
	for (l = LEVEL_REMIND; l <= LEVEL_URGE; l++)
		put_option(b, level_name(l), level_label(l),
		    f != NULL && same(f->level, level_name(l)));
	buf_puts(b, "</select></label>\n<button type=\"submit\">筛选</button>\n"
	    "</form>\n");
}

/* The headline: what a supervisor asks first, for the filters in view. */
static void
headline(struct buf *b, const struct summary *s)
{
	size_t open = s->items - s->n[CELL_DONE];

	buf_printf(b, "<p class=\"headline\"><strong>%zu</strong> 项举措 · <strong>%zu</strong> "
	    "个单位事项：未完成 <strong>%zu</strong> · 待确认 <strong>%zu</strong> · ",
	    s->measures, s->items, open, s->n[CELL_WAITING]);
	buf_printf(b, "<span class=\"%s\">已逾期 <strong>%zu</strong></span> · 已完成 "
	    "<strong>%zu</strong>", s->n[CELL_OVERDUE] > 0 ? "overdue" : "",
	    s->n[CELL_OVERDUE], s->n[CELL_DONE]);
	if (s->n[CELL_BEHIND] > 0)
		buf_printf(b, " · <span class=\"behind\">进展滞后 <strong>%zu"
		    "</strong></span>", s->n[CELL_BEHIND]);
	if (s->n[CELL_PAUSED] > 0)
		buf_printf(b, " · 已暂停 <strong>%zu</strong>",
		    s->n[CELL_PAUSED]);
	if (s->due_by_today > 0)
		buf_printf(b, " · 按期完成率 <strong>%zu%%</strong>", (s->done_by_today * 100 +
		    s->due_by_today / 2) / s->due_by_today);
	buf_puts(b, "</p>\n");
}

/* The colour legend, one sample per state. */
static void
legend(struct buf *b)
{
	buf_puts(b, "<p class=\"legend\">图例：");
	for (size_t i = 0; i < ARRAY_LEN(states); i++)
		buf_printf(b, "<span class=\"u %s\">%s</span>", states[i].name,
		    states[i].label);
	buf_puts(b, "</p>\n");
}

/* One row of the counts table; a count is coloured only when it is not
 * zero (a column of red zeros says nothing). */
static void
count_row(struct buf *b, const struct tally *t)
{
	static const enum cell_state cols[] = { CELL_OVERDUE, CELL_BEHIND,
	    CELL_WAITING, CELL_ACKED, CELL_DONE };

	buf_puts(b, "<tr><th scope=\"row\">");
	html_put(b, t->name);
	buf_puts(b, "</th>");
	for (size_t k = 0; k < ARRAY_LEN(cols); k++)
		if (t->n[cols[k]] > 0)
			buf_printf(b, "<td class=\"n %s\">%zu</td>",
			    web_state_name(cols[k]), t->n[cols[k]]);
		else
			buf_puts(b, "<td class=\"n\">0</td>");
	buf_puts(b, "</tr>\n");
}

static void
count_head(struct buf *b)
{
	buf_puts(b, "<table class=\"counts\">\n<thead><tr><th>单位</th>"
	    "<th>已逾期</th><th>进展滞后</th><th>待确认</th><th>已收到</th>"
	    "<th>已完成</th>"
	    "</tr></thead>\n<tbody>\n");
}

/* Counts per unit: units of their own in one table, each group folded
 * under its own total. */
static void
unit_counts(struct buf *b, const struct tallies *t)
{
	size_t i, j;

	buf_puts(b, "<h2>各单位统计</h2>\n<div class=\"scroll\">\n");
	count_head(b);
	for (i = 0; i < t->n; i++)
		if (!t->v[i].is_group && t->v[i].group == NULL)
			count_row(b, &t->v[i]);
	buf_puts(b, "</tbody></table>\n");
	for (i = 0; i < t->n; i++) {
		if (!t->v[i].is_group)
			continue;
		buf_puts(b, "<details class=\"group\"><summary>");
		html_put(b, t->v[i].name);
		buf_printf(b, "：已逾期 %zu · 进展滞后 %zu · 待确认 %zu · 已收到 %zu"
		    " · 已完成 %zu</summary>\n", t->v[i].n[CELL_OVERDUE],
		    t->v[i].n[CELL_BEHIND], t->v[i].n[CELL_WAITING],
		    t->v[i].n[CELL_ACKED], t->v[i].n[CELL_DONE]);
		count_head(b);
		for (j = 0; j < t->n; j++)
			if (!t->v[j].is_group && same(t->v[j].group, t->v[i].name))
				count_row(b, &t->v[j]);
		buf_puts(b, "</tbody></table></details>\n");
	}
	buf_puts(b, "</div>\n");
}

/* An inline SVG bar chart of open (not done) cells by due month. */
static void
month_chart(struct buf *b, const struct board_cell *cells, size_t n,
    const struct web_filter *f)
{
	int *months = NULL, y, m, d, key;
	size_t *counts = NULL, nm = 0, cap = 0, i, j, max = 1;
	/* Bars wide enough for their "YYYY-MM" label. */
	const int bw = 52, gap = 10, h = 120, top = 20, left = 10;

	for (i = 0; i < n; i++) {
		if (cells[i].state == CELL_DONE || cells[i].due == DATE_NONE ||
		    !cell_shown(&cells[i], f, true))
			continue;
		date_to_ymd(cells[i].due, &y, &m, &d);
		key = y * 12 + (m - 1);
		for (j = 0; j < nm && months[j] < key; j++)
			;
		if (j == nm || months[j] != key) {
			months = xgrow(months, &cap, nm + 1, sizeof(*months));
			counts = xrealloc(counts, cap * sizeof(*counts));
			memmove(months + j + 1, months + j, (nm - j) * sizeof(*months));
			memmove(counts + j + 1, counts + j, (nm - j) * sizeof(*counts));
			months[j] = key;
			counts[j] = 0;
			nm++;
		}
		counts[j]++;
	}
	for (j = 0; j < nm; j++)
		if (counts[j] > max)
			max = counts[j];
	buf_puts(b, "<h2>未完成事项（按截止月份）</h2>\n<div class=\"scroll\">\n");
	buf_printf(b, "<svg role=\"img\" "
	    "aria-label=\"未完成事项按截止月份\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\">\n", left * 2 + (int)nm * (bw + gap),
	    h + top + 24, left * 2 + (int)nm * (bw + gap), h + top + 24);
	for (j = 0; j < nm; j++) {
		int bh = (int)((double)counts[j] / (double)max * h);
		int x = left + (int)j * (bw + gap);

		/* At least a sliver, so that one open item still shows. */
		if (bh < 3)
			bh = 3;
		buf_printf(b, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#d9534f\"><title>%04d-%02d: %zu</title>"
		    "</rect>\n", x, top + h - bh, bw, bh, months[j] / 12,
		    months[j] % 12 + 1, counts[j]);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "text-anchor=\"middle\">%zu</text>\n", x + bw / 2,
		    top + h - bh - 4, counts[j]);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "text-anchor=\"middle\">%04d-%02d</text>\n", x + bw / 2,
		    top + h + 16, months[j] / 12, months[j] % 12 + 1);
	}
	if (nm == 0)
		buf_puts(b, "<text x=\"10\" y=\"40\" font-size=\"12\">无</text>\n");
	buf_puts(b, "</svg>\n</div>\n");
	free(months);
	free(counts);
}

/* ---- the rows ---------------------------------------------------------------- */

/* A measure's cells: cells[first, end). */
struct row {
	size_t first, end;
	bool overdue;		/* a shown cell is overdue: listed first */
};

/* What the supervision cycle adds to a cell's chip: "已延期至 DATE",
 * "待审核", "退回", "已暂停至 DATE". */
static void
chip_cycle(struct buf *b, const struct board_cell *c)
{
	char day[11];

	if (c->extended_to != DATE_NONE) {
		date_format(c->extended_to, day);
		buf_printf(b, " <small class=\"extended\">已延期至 %s</small>",
		    day);
	}
	if (c->review == REVIEW_WAITING)
		buf_puts(b, " <small class=\"review\">待审核</small>");
	else if (c->review == REVIEW_RETURNED && c->state != CELL_DONE)
		buf_puts(b, " <small class=\"returned\">退回</small>");
	if (c->paused_until != DATE_NONE) {
		date_format(c->paused_until, day);
		buf_printf(b, " <small class=\"paused\">已暂停至 %s</small>",
		    day);
	}
}

/* The latest progress report in a chip's title (no script: the
 * browser shows it on hover): when, the share, the text cut short. */
static void
progress_title(struct buf *b, const struct board_cell *c)
{
	char at[40];

	if (c->reported == 0)
		return;
	clock_format(c->reported, at, sizeof(at));
	buf_printf(b, " · 进展（%.10s", at);
	if (c->percent >= 0)
		buf_printf(b, "，完成 %d%%", c->percent);
	buf_puts(b, "）：");
	web_escape_cut(b, c->report != NULL ? c->report : "", REPORT_SHOWN);
}

static void
chip(struct buf *b, const struct board_cell *c)
{
	buf_printf(b, "<span class=\"u %s\" title=\"%s",
	    web_state_name(c->state), state_label(c->state));
	/* A pause's reason, on hover like a report. */
	if (c->pause_reason != NULL) {
		buf_puts(b, " · 暂停原因：");
		web_escape_cut(b, c->pause_reason, REPORT_SHOWN);
	}
	progress_title(b, c);
	buf_puts(b, "\">");
	html_put(b, c->unit->name);
	if (c->reported != 0 && c->percent >= 0)
		buf_printf(b, " <b>%d%%</b>", c->percent);
	chip_cycle(b, c);
	buf_puts(b, "</span>");
}

/* A group's members on one row, folded: "NAME 12/16 已确认 · 3 逾期",
 * opening to a chip each.  Members are cells[i..] with that group. */
static size_t
group_cell(struct buf *b, const struct board_cell *cells, size_t i,
    size_t end, const struct web_filter *f)
{
	const char *g = cells[i].unit->group;
	size_t j, members = 0, answered = 0, overdue = 0;

	for (j = i; j < end; j++) {
		if (!same(cells[j].unit->group, g) ||
		    !cell_shown(&cells[j], f, true))
			continue;
		members++;
		answered += cells[j].state == CELL_ACKED ||
		    cells[j].state == CELL_DONE;
		overdue += cells[j].state == CELL_OVERDUE;
	}
	if (members == 0)
		return 0;
	buf_puts(b, "<details class=\"group\"><summary>");
	html_put(b, g);
	buf_printf(b, " %zu/%zu 已确认", answered, members);
	if (overdue > 0)
		buf_printf(b, " · <span class=\"overdue\">%zu 逾期</span>", overdue);
	buf_puts(b, "</summary>");
	for (j = i; j < end; j++)
		if (same(cells[j].unit->group, g) &&
		    cell_shown(&cells[j], f, true))
			chip(b, &cells[j]);
	buf_puts(b, "</details>");
	return members;
}

static void
board_row(struct buf *b, const struct board_cell *cells, const struct row *r,
    const struct web_filter *f)
{
	const struct board_cell *c = &cells[r->first];
	char due[11];
	size_t j, k;

	date_format(c->due, due);
	buf_printf(b, "<tr%s><td class=\"task\">%d. ", r->overdue ?
	    " class=\"late\"" : "", c->task->no);
	web_escape_cut(b, c->task->title, TASK_SHOWN);
	buf_puts(b, "</td><td class=\"measure\">");
	html_put(b, c->measure->text);
	buf_puts(b, "</td><td class=\"due\">");
	html_put(b, c->measure->deadline_text);
	buf_printf(b, "<br><small>%s</small></td><td class=\"units\">", due);
	for (j = r->first; j < r->end; j++) {
		if (!cell_shown(&cells[j], f, true))
			continue;
		if (cells[j].unit->group == NULL) {
			chip(b, &cells[j]);
			continue;
		}
		/* The group's fold stands where its first member would. */
		for (k = r->first; k < j; k++)
			if (same(cells[k].unit->group, cells[j].unit->group) &&
			    cell_shown(&cells[k], f, true))
				break;
		if (k == j)
			(void)group_cell(b, cells, j, r->end, f);
	}
	buf_puts(b, "</td></tr>\n");
}

/* The rows in view, overdue measures first (each kind in plan order). */
static struct row *
collect_rows(const struct board_cell *cells, size_t n,
    const struct web_filter *f, size_t *nrows)
{
	struct row *rows = NULL, *sorted;
	size_t cap = 0, i, j, end, k = 0;

	*nrows = 0;
	for (i = 0; i < n; i = end) {
		struct row r = { i, i, false };
		bool any = false;

		for (end = i; end < n && cells[end].measure == cells[i].measure &&
		    cells[end].plan == cells[i].plan; end++)
			if (cell_shown(&cells[end], f, true)) {
				any = true;
				r.overdue = r.overdue ||
				    cells[end].state == CELL_OVERDUE;
			}
		r.end = end;
		if (!any)
			continue;
		rows = xgrow(rows, &cap, *nrows + 1, sizeof(*rows));
		rows[(*nrows)++] = r;
	}
	sorted = xcalloc(*nrows + 1, sizeof(*sorted));
	for (j = 0; j < *nrows; j++)
		if (rows[j].overdue)
			sorted[k++] = rows[j];
	for (j = 0; j < *nrows; j++)
		if (!rows[j].overdue)
			sorted[k++] = rows[j];
	free(rows);
	return sorted;
}

/* The filters of f as query arguments, each "&amp;NAME=VALUE". */
static void
filter_args(struct buf *b, const struct web_filter *f)
{
	if (f != NULL && f->plan != 0)
		buf_printf(b, "&amp;plan=%lld", (long long)f->plan);
	if (f != NULL && f->unit != NULL) {
		buf_puts(b, "&amp;unit=");
		html_put_url(b, f->unit);
	}
	if (f != NULL && f->group != NULL) {
		buf_puts(b, "&amp;group=");
		html_put_url(b, f->group);
	}
	if (f != NULL && f->state != NULL)
		buf_printf(b, "&amp;state=%s", f->state);
	if (f != NULL && f->level != NULL)
		buf_printf(b, "&amp;level=%s", f->level);
	if (f != NULL && f->period) {
		char from[11] = "", to[11] = "";

		if (f->from != DATE_NONE)
			date_format(f->from, from);
		if (f->to != DATE_NONE)
			date_format(f->to, to);
		buf_printf(b, "&amp;from=%s&amp;to=%s", from, to);
	}
}

/* The ledger of the filters in view, as a workbook (web/workbook.c). */
static void
ledger_link(struct buf *b, const struct web_filter *f)
{
	struct buf q = BUF_INIT;

	filter_args(&q, f);
	buf_printf(b, "<p class=\"export\"><a href=\"/ledger.xlsx%s%s\" "
	    "download>下载台账（Excel）</a></p>\n", q.len > 0 ? "?" : "",
	    q.len > 0 ? buf_str(&q) + strlen("&amp;") : "");
	buf_free(&q);
}

/* A link to page p with the same filters. */
static void
page_link(struct buf *b, const struct web_filter *f, size_t p, const char *text)
{
	buf_printf(b, "<a href=\"/?page=%zu", p + 1);
	filter_args(b, f);
	buf_printf(b, "\">%s</a>", text);
}

/* A link to the first page of filters f, reading text (escaped),
 * marked as the page in view when current; cls its class. */
static void
filter_link(struct buf *b, const struct web_filter *f, bool current,
    const char *text, const char *cls)
{
	buf_printf(b, "<a class=\"lv %s\" href=\"/?page=1", cls);
	filter_args(b, f);
	buf_printf(b, "\"%s>", current ? " aria-current=\"page\"" : "");
	html_put(b, text);
	buf_puts(b, "</a>");
}

/* The level filter as links, with the other filters kept, the one in
 * view marked. */
static void
level_links(struct buf *b, const struct web_filter *f)
{
	struct web_filter g = { 0 };
	enum level l;

	if (f != NULL)
		g = *f;
	g.page = 0;
	g.level = NULL;
	buf_puts(b, "<p class=\"levels\">督办等级：");
	filter_link(b, &g, f == NULL || f->level == NULL, "全部", "");
	for (l = LEVEL_REMIND; l <= LEVEL_URGE; l++) {
		g.level = level_name(l);
		buf_puts(b, " ");
		filter_link(b, &g, f != NULL && same(f->level, g.level),
		    level_label(l), level_name(l));
	}
	buf_puts(b, "</p>\n");
}

static void
pager(struct buf *b, const struct web_filter *f, size_t page, size_t pages,
    size_t nrows)
{
	char t[32];

	if (pages <= 1)
		return;
	buf_printf(b, "<p class=\"pages\">第 %zu / %zu 页（每页 %d 项，共 %zu 项）",
	    page + 1, pages, WEB_BOARD_PAGE, nrows);
	if (page > 0) {
		buf_puts(b, " ");
		page_link(b, f, page - 1, "上一页");
	}
	if (page + 1 < pages) {
		buf_puts(b, " ");
		page_link(b, f, page + 1, "下一页");
	}
	snprintf(t, sizeof(t), "末页");
	if (page + 1 < pages) {
		buf_puts(b, " ");
		page_link(b, f, pages - 1, t);
	}
	buf_puts(b, "</p>\n");
}

static void
board_table(struct buf *b, const struct board_cell *cells,
    const struct row *rows, size_t nrows, const struct web_filter *f)
{
	size_t page = f != NULL && f->page > 0 ? f->page - 1 : 0;
	size_t pages = (nrows + WEB_BOARD_PAGE - 1) / WEB_BOARD_PAGE, i, last;

	buf_puts(b, "<h2>督办事项</h2>\n");
	if (nrows == 0) {
		buf_puts(b, "<p>没有符合条件的事项。</p>\n");
		return;
	}
	if (page >= pages)
		page = pages - 1;
	pager(b, f, page, pages, nrows);
	buf_puts(b, "<div class=\"scroll\"><table class=\"board\">\n<thead><tr>"
	    "<th>任务</th><th>落实举措</th><th>完成时限</th><th>责任单位</th>"
	    "</tr></thead>\n<tbody>\n");
	last = (page + 1) * WEB_BOARD_PAGE < nrows ? (page + 1) * WEB_BOARD_PAGE :
	    nrows;
	for (i = page * WEB_BOARD_PAGE; i < last; i++)
		board_row(b, cells, &rows[i], f);
	buf_puts(b, "</tbody></table></div>\n");
	pager(b, f, page, pages, nrows);
}

/* Count what the page shows: the headline, and units and groups. */
static void
count_all(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f, const struct row *rows, size_t nrows,
    struct summary *s, struct tallies *shown, struct tallies *all)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->measures = nrows;
	(void)rows;
	for (i = 0; i < n; i++) {
		const struct board_cell *c = &cells[i];
		struct tally *t;

		/* Every unit and group for the form's choices. */
		(void)tally_of(all, c->unit->name, c->unit->group, false);
		if (c->unit->group != NULL)
			(void)tally_of(all, c->unit->group, NULL, true);
		if (!cell_shown(c, f, true))
			continue;
		s->items++;
		s->n[c->state]++;
		if (c->due != DATE_NONE && c->due <= today) {
			s->due_by_today++;
			s->done_by_today += c->state == CELL_DONE;
		}
		t = tally_of(shown, c->unit->name, c->unit->group, false);
		t->n[c->state]++;
		if (c->unit->group != NULL) {
			t = tally_of(shown, c->unit->group, NULL, true);
			t->n[c->state]++;
		}
	}
}

char *
web_dashboard(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f)
{
	return web_dashboard_scores(cells, n, today, f, NULL);
}

char *
web_dashboard_scores(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f, const struct ledger *scores)
{
	struct tallies shown = { 0 }, all = { 0 };
	struct buf b = BUF_INIT;
	struct summary s;
	struct row *rows;
	size_t nrows;
	char day[11];

	date_format(today, day);
	rows = collect_rows(cells, n, f, &nrows);
	count_all(cells, n, today, f, rows, nrows, &s, &shown, &all);
	web_page_head(&b, "督办看板");
	buf_printf(&b, "<h1>督办看板 <small>%s</small></h1>\n", day);
	filter_form(&b, cells, n, &all, f);
	headline(&b, &s);
	level_links(&b, f);
	ledger_link(&b, f);
	legend(&b);
	board_table(&b, cells, rows, nrows, f);
	unit_counts(&b, &shown);
	if (f != NULL && f->scores)
		web_scores(&b, scores, f);
	month_chart(&b, cells, n, f);
	web_page_foot(&b);
	free(rows);
	tallies_free(&shown);
	tallies_free(&all);
	return buf_steal(&b);
}
