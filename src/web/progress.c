/* progress: the ack page's progress report (进展填报): the form (the
 * element with id "progress", which notices link to as ACK_URL#progress),
 * the unit's earlier reports, the page after one is recorded, and the
 * page that says why one was refused.  Pure, like web.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/html.h"
#include "web/page.h"
#include "web/web.h"

/* What a fault is, in the page's words. */
static const char *
fault_text(enum progress_fault f)
{
	switch (f) {
	case PROGRESS_OK:
		break;
	case PROGRESS_NO_TEXT:
		return "请填写工作进展情况。";
	case PROGRESS_TEXT:
		return "工作进展情况不能超过 2000 字，且不能含控制字符。";
	case PROGRESS_PERCENT:
		return "完成比例应为 0 到 100 之间的整数。";
	case PROGRESS_PROBLEMS:
		return "需协调解决的问题不能超过 1000 字，且不能含控制字符。";
	case PROGRESS_NEXT:
		return "下一步计划不能超过 1000 字，且不能含控制字符。";
	}
	return "";
}

/* A labelled text (escaped), kept in its lines. */
static void
put_text(struct buf *b, const char *label, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	buf_printf(b, "<p>%s：</p>\n<blockquote class=\"note\">", label);
	html_put(b, text);
	buf_puts(b, "</blockquote>\n");
}

/* One earlier report. */
static void
put_report(struct buf *b, const struct progress_row *r)
{
	char at[40];

	clock_format(r->at, at, sizeof(at));
	buf_printf(b, "<li><p><strong>%.10s %.5s</strong>", at, at + 11);
	if (r->percent >= 0)
		buf_printf(b, " <span class=\"u acked\">完成 %d%%</span>",
		    r->percent);
	buf_puts(b, "</p>\n");
	put_text(b, "工作进展", r->text);
	put_text(b, "需协调解决的问题", r->problems);
	put_text(b, "下一步计划", r->next);
	buf_puts(b, "</li>\n");
}

void
web_progress_form(struct buf *b, const char *action,
    const struct progress_row *reports, size_t n)
{
	buf_puts(b, "<form method=\"post\" id=\"progress\" action=\"");
	html_put(b, action);
	buf_puts(b, "\">\n<h2>报告进展</h2>\n"
	    "<p><label for=\"text\">工作进展情况（必填，2000 字以内）</label><br>\n"
	    "<textarea id=\"text\" name=\"text\" rows=\"6\" maxlength=\"2000\" "
	    "required></textarea></p>\n"
	    "<p><label for=\"percent\">完成比例（%，0–100 的整数）</label> "
	    "<input id=\"percent\" name=\"percent\" type=\"number\" min=\"0\" "
	    "max=\"100\" step=\"1\"></p>\n"
	    "<p><label for=\"problems\">需协调解决的问题（可选，1000 字以内）"
	    "</label><br>\n<textarea id=\"problems\" name=\"problems\" rows=\"3\" "
	    "maxlength=\"1000\"></textarea></p>\n"
	    "<p><label for=\"next\">下一步计划（可选，1000 字以内）</label><br>\n"
	    "<textarea id=\"next\" name=\"next\" rows=\"3\" maxlength=\"1000\">"
	    "</textarea></p>\n"
	    "<p><button type=\"submit\" name=\"kind\" value=\"progress\">"
	    "提交进展</button></p>\n</form>\n");
	if (n == 0)
		return;
	buf_puts(b, "<h2>本单位已报进展（最新在前）</h2>\n<ol class=\"reports\">\n");
	for (size_t i = 0; i < n; i++)
		put_report(b, &reports[i]);
	buf_puts(b, "</ol>\n");
}

char *
web_progress_refused(enum progress_fault f, const char *action)
{
	struct buf b = BUF_INIT;

	web_page_head(&b, "进展未提交");
	buf_puts(&b, "<h1>进展未提交</h1>\n<p>");
	html_put(&b, fault_text(f));
	buf_puts(&b, "</p>\n<p><a href=\"");
	html_put(&b, action);
	buf_puts(&b, "#progress\">返回修改</a></p>\n");
	web_page_foot(&b);
	return buf_steal(&b);
}

void
web_progress_recorded(struct buf *b, const struct ack_progress *p)
{
	if (p->percent >= 0)
		buf_printf(b, "<p>完成比例：<strong>%d%%</strong></p>\n",
		    p->percent);
	put_text(b, "工作进展", p->text);
	put_text(b, "需协调解决的问题", p->problems);
	put_text(b, "下一步计划", p->next);
}
