/* render_failure: admin's notice of a message that failed for good: whom
 * it was for, on which channel and address, the last error, the attempts
 * and their times, the items it carried, and how to send it again.  A
 * mail, the generic webhook's JSON or markdown parts, as for a digest.
 *
 * It is a report, not a reminder: the items carry no ack link (admin is
 * not to answer for a unit that heard nothing), whatever the caller
 * hands in, and the address is shown with its secrets masked (a robot's
 * token is a password). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/html.h"
#include "base/json.h"
#include "base/redact.h"
#include "deliver/render.h"
#include "deliver/itemtext.h"
#include "plan/units.h"


/* The report's strings, cleaned once for every format. */
struct report {
	const struct failure *f;
	struct digest d;	/* the items, without their ack links */
	struct notice_item *items;
	struct item_text *t;
	char *unit;
	char *address;		/* masked */
	char *error;
	char *subject;
	char retry[64];		/* the command that sends it again */
};

/* "2021-06-23 10:00:05" in the configured zone, "（未记录）" for 0. */
static void
put_when(struct buf *b, time_t t)
{
	char iso[40];

	if (t == 0) {
		buf_puts(b, "（未记录）");
		return;
	}
	clock_format(t, iso, sizeof(iso));
	buf_printf(b, "%.10s %.8s", iso, iso + 11);
}

/* Gather and clean what every format of f shows. */
static void
report_init(struct report *r, const struct failure *f)
{
	char *masked = redact_url(f->address);

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->items = xcalloc(f->nitems > 0 ? f->nitems : 1, sizeof(*r->items));
	for (size_t i = 0; i < f->nitems; i++) {
		r->items[i] = f->items[i];
		r->items[i].ack_url = NULL;
	}
	r->d = (struct digest){ f->unit, f->id, f->generated_at, r->items,
	    f->nitems };
	r->t = itemtext_init(&r->d);
	r->unit = itemtext_clean(f->unit, true);
	r->address = itemtext_clean(masked, true);
	free(masked);
	r->error = itemtext_clean(f->error != NULL ? f->error : "（未记录）",
	    true);
	snprintf(r->retry, sizeof(r->retry), "deadlinectl retry %lld",
	    (long long)f->message_id);
	r->subject = render_failure_subject(f);
}

static void
report_free(struct report *r)
{
	itemtext_free(r->t, r->f->nitems);
	free(r->items);
	free(r->unit);
	free(r->address);
	free(r->error);
	free(r->subject);
}

char *
render_failure_subject(const struct failure *f)
{
	char *unit = itemtext_cut(itemtext_clean(f->unit, true),
	    SUBJECT_UNIT_MAX), *s;

	/* No items: a document, the periodic report. */
	if (f->nitems == 0)
		s = xasprintf("【投递失败】%s：%s情况通报未能送达", unit,
		    channel_info(f->channel)->label);
	else
		s = xasprintf("【投递失败】%s：%s提醒未能送达（%zu 项事项）",
		    unit, channel_info(f->channel)->label, f->nitems);
	free(unit);
	return s;
}

/* The facts of the failure as "label：value" pairs, one call per pair,
 * in the order every format shows them. */
static void
facts(const struct report *r, void (*put)(struct buf *, const char *,
    const char *), struct buf *b)
{
	const struct failure *f = r->f;
	struct buf v = BUF_INIT;

	put(b, f->nitems > 0 ? "收件单位" : "情况通报", r->unit);
	buf_printf(&v, "%s（%s）", channel_info(f->channel)->label,
	    channel_name(f->channel));
	put(b, "投递渠道", buf_str(&v));
	put(b, "投递地址", r->address);
	put(b, "失败原因", r->error);
	buf_reset(&v);
	buf_printf(&v, "%d 次", f->attempts);
	put(b, "尝试次数", buf_str(&v));
	buf_reset(&v);
	put_when(&v, f->first_tried);
	put(b, "首次尝试", buf_str(&v));
	buf_reset(&v);
	put_when(&v, f->last_tried);
	put(b, "最近尝试", buf_str(&v));
	buf_reset(&v);
	buf_printf(&v, "%lld", (long long)f->message_id);
	put(b, "消息编号", buf_str(&v));
	buf_free(&v);
}

/* The words of a notice's failure, and of a report's (情况通报, no
 * items: its `unit` is the report's name). */
static const char *const openings[] = {
	"您好！以下提醒未能送达，请核对地址后重发。",
	"您好！以下情况通报未能送达，请核对地址后重发。",
};
static const char *const howtos[] = {
	"请在配置文件中核对并改正该单位的地址，重新加载 deadlined（systemctl "
	"reload deadlined）后执行以下命令，该提醒即按该单位现有的地址重新投递：",
	"请在配置文件中核对并改正该通报（reports）的收件地址，重新加载 deadlined"
	"（systemctl reload deadlined）后执行以下命令，该通报即按现有的地址重新"
	"投递：",
};
static const char *const cautions[] = {
	"该单位尚未收到上述事项。本通知不含确认链接，请勿代为确认收到或办结。",
	"收件人尚未收到该期通报。",
};

/* Which words r takes: 1 for a report's failure, 0 for a notice's. */
static int
doc(const struct report *r)
{
	return r->f->nitems == 0;
}
static const char signature[] = "deadlined 督办提醒（自动发送，请勿直接回复）";

/* --- mail ------------------------------------------------------------------ */

static void
text_fact(struct buf *b, const char *label, const char *value)
{
	buf_printf(b, "%s：%s\r\n", label, value);
}

/* The text/plain part, CRLF line ends. */
static void
report_text(struct buf *b, const struct report *r)
{
	const struct item_text *t;
	char *plan;

	buf_printf(b, "系统管理员：\r\n\r\n%s\r\n\r\n", openings[doc(r)]);
	facts(r, text_fact, b);
	if (r->f->nitems > 0)
		buf_printf(b, "\r\n该提醒所含事项（%zu 项）：\r\n",
		    r->f->nitems);
	for (size_t i = 0; i < r->f->nitems; i++) {
		t = &r->t[i];
		buf_printf(b, "\r\n任务 %d：%s\r\n措施：%s\r\n完成时限：%s\r\n"
		    "阶段：%s\r\n角色：%s\r\n", r->items[i].task_no, t->task,
		    t->measure, t->when, t->state, t->role);
		if (t->about != NULL)
			buf_printf(b, "未确认单位：%s\r\n", t->about);
		if (r->items[i].plan_title != NULL &&
		    *r->items[i].plan_title != '\0') {
			plan = itemtext_clean(r->items[i].plan_title, true);
			buf_printf(b, "计划：%s\r\n", plan);
			free(plan);
		}
	}
	buf_printf(b, "\r\n%s\r\n\r\n    %s\r\n\r\n%s\r\n\r\n-- \r\n%s\r\n",
	    howtos[doc(r)], r->retry, cautions[doc(r)], signature);
}

static void
html_fact(struct buf *b, const char *label, const char *value)
{
	buf_printf(b, "<tr><th align=\"left\">%s</th><td>", label);
	html_put(b, value);
	buf_puts(b, "</td></tr>\r\n");
}

/* The text/html part: the same content, no external resources; an
 * item a block, as in a unit's digest, so that it reads on a phone. */
static void
report_html(struct buf *b, const struct report *r)
{
	const struct item_text *t;

	html_head(b, r->subject);
	buf_printf(b, "<body>\r\n<p>系统管理员：</p>\r\n"
	    "<p>%s</p>\r\n<table border=\"1\" cellpadding=\"6\" "
	    "cellspacing=\"0\" style=\"border-collapse:collapse\">\r\n",
	    openings[doc(r)]);
	facts(r, html_fact, b);
	buf_puts(b, "</table>\r\n");
	if (r->f->nitems > 0)
		buf_printf(b, "<p>该提醒所含事项（%zu 项）：</p>\r\n",
		    r->f->nitems);
	buf_puts(b, "<table width=\"100%\" cellpadding=\"8\" cellspacing=\"0\" "
	    "border=\"1\" style=\"border-collapse:collapse\">\r\n");
	for (size_t i = 0; i < r->f->nitems; i++) {
		t = &r->t[i];
		buf_printf(b, "<tr><td><b>任务 %d：", r->items[i].task_no);
		html_put(b, t->task);
		buf_puts(b, "</b><br>");
		html_put(b, t->measure);
		buf_puts(b, "<br>完成时限：");
		html_put(b, t->when);
		buf_puts(b, "<br>阶段：");
		html_put(b, t->state);
		buf_printf(b, "<br>角色：%s", t->role);
		if (t->about != NULL) {
			buf_puts(b, "<br>未确认单位：");
			html_put(b, t->about);
		}
		buf_puts(b, "</td></tr>\r\n");
	}
	buf_printf(b, "</table>\r\n<p>%s</p>\r\n<pre>%s</pre>\r\n<p>%s</p>\r\n"
	    "<p>%s</p>\r\n</body></html>\r\n", howtos[doc(r)], r->retry,
	    cautions[doc(r)], signature);
}

/* --- generic webhook -------------------------------------------------------- */

/* ", \"key\": " and t as an ISO 8601 string, or null for 0. */
static void
json_time(struct buf *b, const char *key, time_t t)
{
	char iso[40];

	buf_printf(b, ", \"%s\": ", key);
	if (t == 0) {
		buf_puts(b, "null");
		return;
	}
	clock_format(t, iso, sizeof(iso));
	json_put_str(b, iso);
}

/* The JSON body: type "deadline.delivery_failed". */
static char *
report_json(const struct report *r)
{
	const struct failure *f = r->f;
	const struct notice_item *it;
	struct buf b = BUF_INIT;
	char due[11], *dl;

	buf_puts(&b, "{\"type\": \"deadline.delivery_failed\", \"id\": ");
	json_put_str(&b, f->id);
	json_time(&b, "generated_at", f->generated_at);
	buf_printf(&b, ", \"message_id\": %lld, \"unit\": ",
	    (long long)f->message_id);
	json_put_str(&b, r->unit);
	buf_printf(&b, ", \"channel\": \"%s\", \"address\": ",
	    channel_name(f->channel));
	json_put_str(&b, r->address);
	buf_puts(&b, ", \"last_error\": ");
	json_put_str(&b, f->error != NULL ? r->error : NULL);
	buf_printf(&b, ", \"attempts\": %d", f->attempts);
	json_time(&b, "made_at", f->made);
	json_time(&b, "first_tried_at", f->first_tried);
	json_time(&b, "last_tried_at", f->last_tried);
	buf_puts(&b, ", \"retry\": ");
	json_put_str(&b, r->retry);
	buf_puts(&b, ", \"items\": [");
	for (size_t i = 0; i < f->nitems; i++) {
		it = &r->items[i];
		buf_printf(&b, "%s{\"measure_id\": %lld, \"task_no\": %d, "
		    "\"task\": ", i > 0 ? ", " : "", (long long)it->measure_id,
		    it->task_no);
		json_put_str(&b, r->t[i].task);
		buf_puts(&b, ", \"measure\": ");
		json_put_str(&b, r->t[i].measure);
		buf_puts(&b, ", \"deadline_text\": ");
		dl = itemtext_clean(it->deadline_text, true);
		json_put_str(&b, dl);
		free(dl);
		buf_puts(&b, ", \"due\": ");
		date_format(it->due, due);
		json_put_str(&b, it->due != DATE_NONE ? due : NULL);
		buf_printf(&b, ", \"role\": \"%s\", \"stage\": ",
		    role_name(it->role));
		json_put_str(&b, it->stage);
		if (r->t[i].about != NULL) {
			buf_puts(&b, ", \"silent_unit\": ");
			json_put_str(&b, r->t[i].about);
		}
		buf_puts(&b, "}");
	}
	buf_puts(&b, "]}");
	return buf_steal(&b);
}

/* --- markdown --------------------------------------------------------------- */

static void
md_fact(struct buf *b, const char *label, const char *value)
{
	buf_printf(b, "%s%s：%s", b->len > 0 ? "\n" : "", label, value);
}

/* Markdown parts: the facts, each item, then how to send it again, as
 * the pieces a part is cut between. */
static size_t
report_markdown(const struct report *r, size_t max_bytes, char ***parts)
{
	size_t n = r->f->nitems + 2, i, np;
	struct md_item *m = xcalloc(n, sizeof(*m));
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s\n", openings[doc(r)]);
	facts(r, md_fact, &b);
	m[0].head = buf_steal(&b);
	for (i = 0; i < r->f->nitems; i++)
		md_item_init(&m[i + 1], &r->items[i], &r->t[i]);
	m[n - 1].head = xasprintf("%s\n`%s`\n%s", howtos[doc(r)], r->retry,
	    cautions[doc(r)]);
	np = markdown_parts(r->subject, m, n, max_bytes, parts);
	for (i = 0; i < n; i++) {
		free(m[i].head);
		free(m[i].ack);
	}
	free(m);
	return np;
}

size_t
render_failure_for_channel(const struct failure *f, enum channel_kind kind,
    const char *from, const char *to, char ***parts)
{
	const struct channel_info *ch = channel_info(kind);
	struct buf text = BUF_INIT, html = BUF_INIT;
	struct report r;
	size_t n = 1;

	report_init(&r, f);
	if (ch->form == FORM_MARKDOWN) {
		/* In the robot's JSON, with no level: not an item's notice. */
		n = report_markdown(&r, ch->max_bytes, parts);
		for (size_t i = 0; i < n; i++) {
			char *md = (*parts)[i];

			(*parts)[i] = robot_message(kind, r.subject, md, NULL,
			    NULL);
			free(md);
		}
	} else if (ch->form == FORM_JSON) {
		*parts = xcalloc(1, sizeof(**parts));
		(*parts)[0] = report_json(&r);
	} else {
		report_text(&text, &r);
		report_html(&html, &r);
		*parts = xcalloc(1, sizeof(**parts));
		(*parts)[0] = mail_compose(from != NULL ? from :
		    RENDER_DEFAULT_FROM, to, r.subject, f->generated_at, f->id,
		    &text, &html);
		buf_free(&text);
		buf_free(&html);
	}
	report_free(&r);
	return n;
}
