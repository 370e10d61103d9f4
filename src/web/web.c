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
#include "deliver/itemtext.h"
#include "plan/notice.h"
#include "plan/units.h"
#include "web/page.h"
#include "web/web.h"

/* One stylesheet for every page.  The board must read on a 390-px phone
 * (wide tables scroll sideways in their box; headers and numbers never
 * wrap a character a line) and print on A4 landscape for a meeting. */
static const char style[] =
    "<style>\n"
    "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:80em}\n"
    "h1 small{font-weight:normal;color:#666;font-size:.6em}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    "th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}\n"
    "th{white-space:nowrap;background:#f4f4f4}\n"
    "td.n{text-align:right;white-space:nowrap;min-width:2.5em}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    ".board td.task{min-width:7em;max-width:14em}\n"
    ".board td.measure{min-width:12em;max-width:36em}\n"
    ".board td.due{white-space:nowrap}\n"
    ".board td.units{min-width:10em}\n"
    ".board tr.late td.task{border-left:4px solid #c9302c}\n"
    ".u{display:inline-block;margin:.1em;padding:.1em .4em;border-radius:.3em;"
    "white-space:nowrap}\n"
    ".done{background:#b7e4b0}.acked{background:#b3d4f5}\n"
    ".waiting{background:#f7e08a}.overdue{background:#f4a6a6}\n"
    ".behind{background:#ffcc80}.paused{background:#d9d2e9}\n"
    ".quiet{background:#e2e2e2}\n"
    ".lv{padding:.1em .5em;border-radius:.3em}.lv[aria-current]{font-weight:bold;"
    "outline:2px solid #222}\n"
    "details.group{display:inline-block;margin:.1em}\n"
    "details.group summary{cursor:pointer;white-space:nowrap}\n"
    ".headline{font-size:1.15em}\n"
    "form.filters label,form.period label{display:inline-block;margin:0 .8em .4em 0;white-space:nowrap}\n"
    "form.filters select{max-width:16em}\n"
    "dl.item dt{font-weight:bold;margin-top:.5em}\n"
    "textarea{width:100%;max-width:40em}\n"
    "blockquote.note{white-space:pre-wrap;border-left:3px solid #ccc;padding-left:.5em}\n"
    "button{font-size:1.1em;margin:.5em .5em 0 0;padding:.3em 1em}\n"
    "@media (max-width:600px){body{margin:.5em}"
    ".board td.measure{min-width:14em}form.filters select{max-width:11em}}\n"
    "@media print{@page{size:A4 landscape;margin:1cm}"
    "body{margin:0;max-width:none;font-size:9pt}"
    "form.filters,form.period,.pages,.legend,.levels,.export,svg{display:none}"
    ".scroll{overflow:visible}table{width:100%}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    ".u,th,td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

void
web_page_head(struct buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
	html_put(b, title);
	buf_puts(b, "</title>\n");
	buf_puts(b, style);
	/* The levels' chips in their mails' colours, whose home is
	 * level_look. */
	for (enum level l = LEVEL_REMIND; l <= LEVEL_URGE; l++)
		buf_printf(b, ".lv.%s{background:%s;color:%s}", level_name(l),
		    level_look(l)->band, level_look(l)->ink);
	buf_puts(b, "\n</style>\n</head>\n<body>\n");
}

void
web_page_foot(struct buf *b)
{
	buf_puts(b, "</body>\n</html>\n");
}

void
web_dl_row(struct buf *b, const char *term, const char *value)
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
	web_dl_row(b, "工作计划", it->plan_title);
	web_dl_row(b, "重点任务", task);
	web_dl_row(b, "落实举措", it->measure != NULL ? it->measure :
	    "（该举措已不在当前计划中）");
	web_dl_row(b, "责任单位", it->unit);
	web_dl_row(b, "职责", it->role);
	web_dl_row(b, "完成时限", it->deadline_text);
	web_dl_row(b, "截止日期", due[0] != '\0' ? due : "无");
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

/* The acknowledgement page: the item, its state, the answer's form and
 * the progress report's. */
char *
web_ack_page(const struct web_item *it, const struct ack_standing *st,
    const char *action, const struct progress_row *reports, size_t nreports)
{
	struct buf b = BUF_INIT;
	enum answer state = st->state;
	enum review_state review = st->review;
	char day[11];

	web_page_head(&b, "督办事项确认");
	buf_puts(&b, "<h1>督办事项确认</h1>\n");
	item_list(&b, it);
	/* A completion under review is not done yet, and a returned one is
	 * open again: the unit reads where its item stands. */
	if (review == REVIEW_WAITING)
		buf_puts(&b, "<p>当前状态：<strong class=\"u acked\">已完成，"
		    "待审核</strong></p>\n");
	else if (review == REVIEW_RETURNED && state != ANSWER_DONE)
		buf_puts(&b, "<p>当前状态：<strong class=\"u waiting\">办结报告"
		    "被退回，请继续办理</strong></p>\n");
	else
		buf_printf(&b, "<p>当前状态：<strong class=\"u %s\">%s</strong>"
		    "</p>\n", state == ANSWER_DONE ? "done" : state ==
		    ANSWER_ACK ? "acked" : "waiting", answer_label(state));
	if (st->extended_to != DATE_NONE) {
		date_format(st->extended_to, day);
		buf_printf(&b, "<p>已延期至 <strong>%s</strong></p>\n", day);
	}
	/* A paused item gets no reminder: the unit knows why it is quiet. */
	if (st->paused_until != DATE_NONE) {
		date_format(st->paused_until, day);
		buf_printf(&b, "<p>已暂停至 <strong>%s</strong>，期间不再提醒",
		    day);
		if (st->pause_reason != NULL && *st->pause_reason != '\0') {
			buf_puts(&b, "（原因：");
			html_put(&b, st->pause_reason);
			buf_puts(&b, "）");
		}
		buf_puts(&b, "</p>\n");
	}
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
	    "可重复提交，每次提交均留档；“已完成”提交后如需撤回，请联系督办部门。"
	    "</small></p>\n");
	web_progress_form(&b, action, reports, nreports);
	web_extend_form(&b, action);
	web_page_foot(&b);
	return buf_steal(&b);
}

/* The confirmation after a POST. */
char *
web_ack_recorded(const struct web_item *it, enum ack_kind kind,
    const char *note, const struct ack_progress *p)
{
	struct buf b = BUF_INIT;
	const char *label = kind == ACK_DONE ? "已完成" :
	    kind == ACK_PROGRESS ? "已报告进展" : "已收到";

	web_page_head(&b, "已记录");
	buf_printf(&b, "<h1>已记录：<span class=\"u %s\">%s</span></h1>\n",
	    kind == ACK_DONE ? "done" : "acked", label);
	item_list(&b, it);
	if (p != NULL)
		web_progress_recorded(&b, p);
	else if (note != NULL && *note != '\0') {
		buf_puts(&b, "<p>备注：</p>\n<blockquote class=\"note\">");
		html_put(&b, note);
		buf_puts(&b, "</blockquote>\n");
	}
	buf_puts(&b, "<p>感谢确认。</p>\n");
	web_page_foot(&b);
	return buf_steal(&b);
}

/* A bare error page that says nothing about why. */
char *
web_error_page(int status, const char *reason)
{
	struct buf b = BUF_INIT;
	char *title = xasprintf("%d %s", status, reason);

	web_page_head(&b, title);
	buf_puts(&b, "<h1>");
	html_put(&b, title);
	buf_puts(&b, "</h1>\n");
	web_page_foot(&b);
	free(title);
	return buf_steal(&b);
}


void
web_escape_cut(struct buf *b, const char *s, size_t max)
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
