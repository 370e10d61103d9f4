/* review_page: the pages of the supervision cycle's requests, pure like
 * web.c's: the extension form of the ack page (id="extend"), the page
 * after it, and the approval page behind a signed link (/review/TOKEN)
 * with its outcomes.  Every text from a plan, a unit or a request is
 * escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/html.h"
#include "web/page.h"
#include "web/web.h"

void
web_extend_form(struct buf *b, const char *action)
{
	buf_puts(b, "<h2>申请延期</h2>\n<form id=\"extend\" method=\"post\" "
	    "action=\"");
	html_put(b, action);
	buf_puts(b, "\">\n"
	    "<p><label for=\"new_due\">申请延期至</label><br>\n"
	    "<input type=\"date\" id=\"new_due\" name=\"new_due\" required></p>\n"
	    "<p><label for=\"reason\">延期理由（必填，500 字以内）</label><br>\n"
	    "<textarea id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"500\" "
	    "required></textarea></p>\n"
	    "<p><button type=\"submit\" name=\"kind\" value=\"extend\">"
	    "提交延期申请</button></p>\n"
	    "</form>\n"
	    "<p><small>延期申请由审批人审核；批准后本单位此事项按新的日期提醒，"
	    "其他单位不变。</small></p>\n");
}

/* One <dt>/<dd> pair, skipped when value is NULL. */
static void
row(struct buf *b, const char *term, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "<dt>%s</dt><dd>", term);
	html_put(b, value);
	buf_puts(b, "</dd>\n");
}

/* What a request is about and what it asks. */
static void
request_list(struct buf *b, const struct web_item *it,
    const struct unit_request *r)
{
	char due[11], nday[11], *task = NULL;

	date_format(r->due, due);
	date_format(r->new_due, nday);
	if (it->task_title != NULL)
		task = xasprintf("%d. %s", it->task_no, it->task_title);
	buf_puts(b, "<dl class=\"item\">\n");
	row(b, "工作计划", it->plan_title);
	row(b, "重点任务", task);
	row(b, "落实举措", it->measure != NULL ? it->measure :
	    "（该举措已不在当前计划中）");
	row(b, "申请单位", r->unit);
	row(b, "完成时限", it->deadline_text);
	row(b, "原截止日期", due);
	if (r->kind == REQUEST_EXTENSION) {
		row(b, "申请延期至", nday);
		row(b, "延期理由", r->note);
	} else
		row(b, "办结说明", *r->note != '\0' ? r->note : "（无）");
	buf_puts(b, "</dl>\n");
	free(task);
}

/* The name of what r asks. */
static const char *
request_title(const struct unit_request *r)
{
	return r->kind == REQUEST_EXTENSION ? "延期申请审批" : "办结复核";
}

/* The words of r's decision. */
static const char *
decision_label(const struct unit_request *r)
{
	if (r->kind == REQUEST_EXTENSION)
		return r->state == REQUEST_APPROVED ? "已批准延期" :
		    "未批准延期";
	return r->state == REQUEST_APPROVED ? "已审核销号" : "已退回";
}

char *
web_extend_recorded(const struct web_item *it, const struct unit_request *r)
{
	struct buf b = BUF_INIT;

	web_page_head(&b, "延期申请已提交");
	buf_puts(&b, "<h1>延期申请已提交</h1>\n");
	request_list(&b, it, r);
	buf_puts(&b, "<p>申请已送审批人，审批结果将另行通知。</p>\n");
	web_page_foot(&b);
	return buf_steal(&b);
}

char *
web_done_waiting(const struct web_item *it, const char *note)
{
	struct buf b = BUF_INIT;
	char due[11];

	date_format(it->due, due);
	web_page_head(&b, "已记录：待审核");
	buf_puts(&b, "<h1>已记录：<span class=\"u acked\">已完成，待审核</span>"
	    "</h1>\n<dl class=\"item\">\n");
	row(&b, "工作计划", it->plan_title);
	row(&b, "落实举措", it->measure);
	row(&b, "责任单位", it->unit);
	row(&b, "截止日期", due);
	row(&b, "备注", note);
	buf_puts(&b, "</dl>\n<p>办结报告已送审批人复核；复核通过（销号）前此事项"
	    "仍在办理中，退回时将另行通知。</p>\n");
	web_page_foot(&b);
	return buf_steal(&b);
}

char *
web_review_page(const struct web_item *it, const struct unit_request *r,
    const char *action)
{
	struct buf b = BUF_INIT;
	bool ext = r->kind == REQUEST_EXTENSION;

	web_page_head(&b, request_title(r));
	buf_printf(&b, "<h1>%s</h1>\n", request_title(r));
	request_list(&b, it, r);
	if (r->state != REQUEST_PENDING) {
		buf_printf(&b, "<p>此申请已处理：<strong>%s</strong></p>\n",
		    decision_label(r));
		web_page_foot(&b);
		return buf_steal(&b);
	}
	buf_puts(&b, "<form id=\"review\" method=\"post\" action=\"");
	html_put(&b, action);
	buf_printf(&b, "\">\n"
	    "<p><label for=\"note\">审批意见（%s，500 字以内）</label><br>\n"
	    "<textarea id=\"note\" name=\"note\" rows=\"4\" maxlength=\"500\">"
	    "</textarea></p>\n"
	    "<p><button type=\"submit\" name=\"decision\" value=\"approve\">%s"
	    "</button><button type=\"submit\" name=\"decision\" "
	    "value=\"reject\">%s</button></p>\n</form>\n",
	    ext ? "不批准时必填" : "退回时必填", ext ? "批准延期" : "审核通过（销号）",
	    ext ? "不批准" : "退回");
	web_page_foot(&b);
	return buf_steal(&b);
}

char *
web_review_decided(const struct web_item *it, const struct unit_request *r,
    bool already)
{
	struct buf b = BUF_INIT;

	web_page_head(&b, already ? "此申请已处理" : "已记录");
	buf_printf(&b, "<h1>%s：%s</h1>\n", already ? "此申请已处理" :
	    "已记录", decision_label(r));
	request_list(&b, it, r);
	if (r->decision_note != NULL) {
		buf_puts(&b, "<p>审批意见：</p>\n<blockquote class=\"note\">");
		html_put(&b, r->decision_note);
		buf_puts(&b, "</blockquote>\n");
	}
	buf_puts(&b, already ? "<p>此申请此前已经处理，本次提交未记录。</p>\n" :
	    "<p>申请单位将收到通知。</p>\n");
	web_page_foot(&b);
	return buf_steal(&b);
}
