/* web: HTML pages (Chinese, UTF-8, no script, no external resource: the
 * server's Content-Security-Policy allows none) and the board's JSON.
 * Pure functions: the caller gathers the data and sends the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/html.h"
#include "base/json.h"
#include "base/text.h"
#include "plan/units.h"
#include "web/web.h"

#define MEASURE_SHOWN 60	/* code points of a measure on the board */

/* State names (CSS classes, filter and JSON values) and their labels. */
static const struct {
	enum cell_state st;
	const char *name;
	const char *label;
} states[] = {
	{ CELL_DONE, "done", "已完成" },
	{ CELL_ACKED, "acked", "已收到" },
	{ CELL_WAITING, "waiting", "待确认" },
	{ CELL_OVERDUE, "overdue", "已逾期" },
	{ CELL_QUIET, "quiet", "未通知" },
};

static const char style[] =
    "<style>\n"
    "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:72em}\n"
    "table{border-collapse:collapse;margin:1em 0}\n"
    "th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}\n"
    ".u{display:inline-block;margin:.1em;padding:.1em .4em;border-radius:.3em}\n"
    ".done{background:#b7e4b0}.acked{background:#b3d4f5}\n"
    ".waiting{background:#f7e08a}.overdue{background:#f4a6a6}\n"
    ".quiet{background:#e2e2e2}\n"
    "dl.item dt{font-weight:bold;margin-top:.5em}\n"
    "textarea{width:100%;max-width:40em}\n"
    "blockquote.note{white-space:pre-wrap;border-left:3px solid #ccc;padding-left:.5em}\n"
    "button{font-size:1.1em;margin:.5em .5em 0 0;padding:.3em 1em}\n"
    "</style>\n";

/* The opening of a page titled title (escaped). */
static void
page_head(struct buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
	html_put(b, title);
	buf_puts(b, "</title>\n");
	buf_puts(b, style);
	buf_puts(b, "</head>\n<body>\n");
}

/* The closing of a page. */
static void
page_foot(struct buf *b)
{
	buf_puts(b, "</body>\n</html>\n");
}

/* One <dt>/<dd> pair, skipped when value is NULL. */
static void
item_row(struct buf *b, const char *term, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "<dt>%s</dt><dd>", term);
	html_put(b, value);
	buf_puts(b, "</dd>\n");
}

/* The description of an item, as both ack pages show it. */
static void
item_list(struct buf *b, const struct web_item *it)
{
	char due[11], *task = NULL;

	date_format(it->due, due);
	if (it->task_title != NULL)
		task = xasprintf("%d. %s", it->task_no, it->task_title);
	buf_puts(b, "<dl class=\"item\">\n");
	item_row(b, "工作计划", it->plan_title);
	item_row(b, "重点任务", task);
	item_row(b, "落实举措", it->measure != NULL ? it->measure :
	    "（该举措已不在当前计划中）");
	item_row(b, "责任单位", it->unit);
	item_row(b, "职责", it->role);
	item_row(b, "完成时限", it->deadline_text);
	item_row(b, "截止日期", due[0] != '\0' ? due : "无");
	buf_puts(b, "</dl>\n");
	free(task);
}

/* The label of an answer. */
static const char *
answer_label(enum answer a)
{
	switch (a) {
	case ANSWER_DONE: return "已完成";
	case ANSWER_ACK: return "已收到";
	default: return "未确认";
	}
}

/* The acknowledgement page: the item, its state, one form. */
char *
web_ack_page(const struct web_item *it, enum answer state, const char *action)
{
	struct buf b = BUF_INIT;

	page_head(&b, "督办事项确认");
	buf_puts(&b, "<h1>督办事项确认</h1>\n");
	item_list(&b, it);
	buf_printf(&b, "<p>当前状态：<strong class=\"u %s\">%s</strong></p>\n",
	    state == ANSWER_DONE ? "done" : state == ANSWER_ACK ? "acked" :
	    "waiting", answer_label(state));
	buf_puts(&b, "<form method=\"post\" action=\"");
	html_put(&b, action);
	buf_puts(&b, "\">\n"
	    "<p><label for=\"note\">备注（可选，500 字以内）</label><br>\n"
	    "<textarea id=\"note\" name=\"note\" rows=\"4\" maxlength=\"500\">"
	    "</textarea></p>\n"
	    "<p><button type=\"submit\" name=\"kind\" value=\"ack\">已收到</button>"
	    "<button type=\"submit\" name=\"kind\" value=\"done\">已完成</button></p>\n"
	    "</form>\n"
	    "<p><small>“已收到”表示已知悉并在办理；“已完成”后不再提醒本单位此事项。"
	    "可重复提交，以最后一次为准。</small></p>\n");
	page_foot(&b);
	return buf_steal(&b);
}

/* The confirmation after a POST. */
char *
web_ack_recorded(const struct web_item *it, enum ack_kind kind,
    const char *note)
{
	struct buf b = BUF_INIT;
	const char *label = kind == ACK_DONE ? "已完成" : "已收到";

	page_head(&b, "已记录");
	buf_printf(&b, "<h1>已记录：<span class=\"u %s\">%s</span></h1>\n",
	    kind == ACK_DONE ? "done" : "acked", label);
	item_list(&b, it);
	if (note != NULL && *note != '\0') {
		buf_puts(&b, "<p>备注：</p>\n<blockquote class=\"note\">");
		html_put(&b, note);
		buf_puts(&b, "</blockquote>\n");
	}
	buf_puts(&b, "<p>感谢确认。</p>\n");
	page_foot(&b);
	return buf_steal(&b);
}

/* A bare error page that says nothing about why. */
char *
web_error_page(int status, const char *reason)
{
	struct buf b = BUF_INIT;
	char *title = xasprintf("%d %s", status, reason);

	page_head(&b, title);
	buf_puts(&b, "<h1>");
	html_put(&b, title);
	buf_puts(&b, "</h1>\n");
	page_foot(&b);
	free(title);
	return buf_steal(&b);
}

/* Whether a filter names a known state. */
bool
web_state_valid(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(states); i++)
		if (strcmp(states[i].name, name) == 0)
			return true;
	return false;
}

/* The class and JSON name of a state. */
const char *
web_state_name(enum cell_state st)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(states); i++)
		if (states[i].st == st)
			return states[i].name;
	return "quiet";
}

/* Whether the cell passes the unit filter (and, with all, the state's). */
static bool
cell_shown(const struct board_cell *c, const struct web_filter *f, bool all)
{
	if (f == NULL)
		return true;
	if (f->unit != NULL && strcmp(c->unit->name, f->unit) != 0)
		return false;
	if (all && f->state != NULL &&
	    strcmp(web_state_name(c->state), f->state) != 0)
		return false;
	return true;
}

/* Append at most max code points of s, escaped, with "…" if cut. */
static void
escape_cut(struct buf *b, const char *s, size_t max)
{
	const char *p = s, *end = s + strlen(s);
	char *cut;
	size_t n = 0;

	while (p < end && n < max) {
		if (utf8_next(&p, end) < 0)
			break;
		n++;
	}
	cut = xstrndup(s, (size_t)(p - s));
	html_put(b, cut);
	if (p < end)
		buf_puts(b, "…");
	free(cut);
}

/* Distinct unit names of the cells, in order of appearance. */
static const char **
unit_names(const struct board_cell *cells, size_t n, size_t *nnames)
{
	const char **names = xcalloc(n + 1, sizeof(*names));
	size_t i, j;

	*nnames = 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < *nnames; j++)
			if (strcmp(names[j], cells[i].unit->name) == 0)
				break;
		if (j == *nnames)
			names[(*nnames)++] = cells[i].unit->name;
	}
	return names;
}

/* The filter form: a plain GET form that works without script. */
static void
filter_form(struct buf *b, const char **names, size_t nnames,
    const struct web_filter *f)
{
	size_t i;

	buf_puts(b, "<form method=\"get\" action=\"/\">\n"
	    "<label>单位 <select name=\"unit\">\n<option value=\"\">全部</option>\n");
	for (i = 0; i < nnames; i++) {
		buf_puts(b, "<option value=\"");
		html_put(b, names[i]);
		buf_puts(b, "\"");
		if (f != NULL && f->unit != NULL && strcmp(f->unit, names[i]) == 0)
			buf_puts(b, " selected");
		buf_puts(b, ">");
		html_put(b, names[i]);
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select></label>\n"
	    "<label>状态 <select name=\"state\">\n<option value=\"\">全部</option>\n");
	for (i = 0; i < ARRAY_LEN(states); i++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>\n",
		    states[i].name, f != NULL && f->state != NULL &&
		    strcmp(f->state, states[i].name) == 0 ? " selected" : "",
		    states[i].label);
	buf_puts(b, "</select></label>\n<button type=\"submit\">筛选</button>\n"
	    "</form>\n");
}

/* The colour legend, one sample per state. */
static void
legend(struct buf *b)
{
	size_t i;

	buf_puts(b, "<p class=\"legend\">图例：");
	for (i = 0; i < ARRAY_LEN(states); i++)
		buf_printf(b, "<span class=\"u %s\">%s</span>", states[i].name,
		    states[i].label);
	buf_puts(b, "</p>\n");
}

/* Counts per unit of the cells passing the unit filter. */
static void
unit_counts(struct buf *b, const struct board_cell *cells, size_t n,
    const char **names, size_t nnames, const struct web_filter *f)
{
	static const enum cell_state cols[] = { CELL_DONE, CELL_ACKED,
	    CELL_WAITING, CELL_OVERDUE };
	size_t i, j, k, count;

	buf_puts(b, "<h2>各单位统计</h2>\n<table class=\"counts\">\n"
	    "<tr><th>单位</th><th>已完成</th><th>已收到</th><th>待确认</th>"
	    "<th>已逾期</th></tr>\n");
	for (j = 0; j < nnames; j++) {
		if (f != NULL && f->unit != NULL && strcmp(f->unit, names[j]) != 0)
			continue;
		buf_puts(b, "<tr><td>");
		html_put(b, names[j]);
		buf_puts(b, "</td>");
		for (k = 0; k < ARRAY_LEN(cols); k++) {
			count = 0;
			for (i = 0; i < n; i++)
				if (cells[i].state == cols[k] &&
				    strcmp(cells[i].unit->name, names[j]) == 0)
					count++;
			buf_printf(b, "<td class=\"%s\">%zu</td>",
			    web_state_name(cols[k]), count);
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</table>\n");
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
		    !cell_shown(&cells[i], f, false))
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
	buf_puts(b, "<h2>未完成事项（按截止月份）</h2>\n");
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
	buf_puts(b, "</svg>\n");
	free(months);
	free(counts);
}

/* The board's table: a row per measure with at least one shown cell. */
static void
board_table(struct buf *b, const struct board_cell *cells, size_t n,
    const struct web_filter *f)
{
	const struct plan *plan = NULL;
	size_t i, j, end;
	bool any;
	char due[11];

	for (i = 0; i < n; i = end) {
		for (end = i; end < n && cells[end].measure == cells[i].measure &&
		    cells[end].plan == cells[i].plan; end++)
			;
		any = false;
		for (j = i; j < end; j++)
			any = any || cell_shown(&cells[j], f, true);
		if (!any)
			continue;
		if (cells[i].plan != plan) {
			if (plan != NULL)
				buf_puts(b, "</table>\n");
			plan = cells[i].plan;
			buf_puts(b, "<h2>");
			html_put(b, plan->title);
			buf_puts(b, "</h2>\n<table class=\"board\">\n<tr><th>任务</th>"
			    "<th>落实举措</th><th>完成时限</th><th>截止日期</th>"
			    "<th>责任单位</th></tr>\n");
		}
		date_format(cells[i].due, due);
		buf_printf(b, "<tr><td>%d</td><td title=\"", cells[i].task->no);
		html_put(b, cells[i].measure->text);
		buf_puts(b, "\">");
		escape_cut(b, cells[i].measure->text, MEASURE_SHOWN);
		buf_puts(b, "</td><td>");
		html_put(b, cells[i].measure->deadline_text);
		buf_printf(b, "</td><td>%s</td><td>", due);
		for (j = i; j < end; j++) {
			if (!cell_shown(&cells[j], f, true))
				continue;
			buf_printf(b, "<span class=\"u %s\">",
			    web_state_name(cells[j].state));
			html_put(b, cells[j].unit->name);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</td></tr>\n");
	}
	if (plan != NULL)
		buf_puts(b, "</table>\n");
	else
		buf_puts(b, "<p>没有符合条件的事项。</p>\n");
}

/* The whole dashboard page. */
char *
web_dashboard(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f)
{
	struct buf b = BUF_INIT;
	const char **names;
	size_t nnames;
	char day[11];

	date_format(today, day);
	names = unit_names(cells, n, &nnames);
	page_head(&b, "督办看板");
	buf_printf(&b, "<h1>督办看板 <small>%s</small></h1>\n", day);
	filter_form(&b, names, nnames, f);
	legend(&b);
	unit_counts(&b, cells, n, names, nnames, f);
	month_chart(&b, cells, n, f);
	board_table(&b, cells, n, f);
	page_foot(&b);
	free(names);
	return buf_steal(&b);
}

/* The board as JSON, with the same filters. */
char *
web_board_json(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f)
{
	struct buf b = BUF_INIT;
	const char *sep = "";
	char day[11];
	size_t i;

	date_format(today, day);
	buf_printf(&b, "{\"today\":\"%s\",\"cells\":[", day);
	for (i = 0; i < n; i++) {
		if (!cell_shown(&cells[i], f, true))
			continue;
		buf_printf(&b, "%s\n{\"plan_id\":%lld,\"task_no\":%d,"
		    "\"measure_id\":%lld,\"unit\":", sep,
		    (long long)cells[i].plan->id, cells[i].task->no,
		    (long long)cells[i].measure->id);
		json_put_str(&b, cells[i].unit->name);
		buf_puts(&b, ",\"group\":");
		if (cells[i].unit->group != NULL)
			json_put_str(&b, cells[i].unit->group);
		else
			buf_puts(&b, "null");
		buf_printf(&b, ",\"role\":\"%s\",\"due\":",
		    role_name(cells[i].unit->role));
		if (cells[i].due == DATE_NONE)
			buf_puts(&b, "null");
		else {
			date_format(cells[i].due, day);
			buf_printf(&b, "\"%s\"", day);
		}
		buf_printf(&b, ",\"state\":\"%s\"}", web_state_name(cells[i].state));
		sep = ",";
	}
	buf_puts(&b, "]}\n");
	return buf_steal(&b);
}
