/* render: the text of a notice.  One digest (the items due for one unit
 * in one pass) becomes a mail (RFC 5322 headers, RFC 2047 encoded-word
 * Subject, RFC 2045/2046 multipart/alternative with base64 text and HTML
 * parts), the generic webhook's JSON body, or markdown parts for the
 * chat robots.
 *
 * Plan text and unit names are untrusted.  Every string is first made
 * valid UTF-8 (bad bytes become U+FFFD) and, wherever a line break could
 * change the meaning (headers, markdown, HTML), stripped of control
 * characters.  Plan text reaches a mail only inside base64 bodies or
 * encoded-words, so it can never start a header of its own. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base64.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "base/html.h"
#include "deliver/render.h"
#include "base/text.h"
#include "plan/units.h"

#define SUBJECT_UNIT_MAX 60	/* code points of a unit name in a subject */
#define ENCODED_WORD_MAX 75	/* RFC 2047, sect. 2 */
#define ENCODED_LINE_MAX 76	/* RFC 2047, sect. 2: lines with encoded-words */
#define HEADER_LINE_SOFT 78	/* RFC 5322, sect. 2.1.1 */
#define BASE64_LINE 76		/* RFC 2045, sect. 6.8 */

/* What each stage is called in a notice and in the subject's summary,
 * most urgent first (the summary's order). */
static const struct {
	const char *stage;
	const char *label;
	const char *summary;
} stages[] = {
	{ "overdue", "已逾期", "逾期" },
	{ "escalation", "催办（尚未确认收到）", "催办" },
	{ "due", "今天到期", "今天到期" },
	{ "lead", "即将到期", "即将到期" },
	{ "checkin", "定期进展", "定期进展" },
};

/* An item's strings, cleaned once and shared by every format. */
struct item_text {
	char *task;
	char *measure;
	char *deadline;
	char due[11];		/* "" when there is none */
	char days[64];		/* "" when there is no due date */
	const char *role;
	const char *stage;
	char *ack;		/* NULL when there is none */
	char *about;		/* the silent unit of an escalation, or NULL */
	bool ack_link;		/* ack is an http(s) URL, fit for a link */
};

/* Whether cp is a control character or a line or paragraph separator. */
static bool
is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
	    cp == 0x2029;
}

/* A copy of s (NULL is "") as valid UTF-8, invalid bytes as U+FFFD.  With
 * oneline, each run of control characters becomes one space, and none is
 * left at either end. */
static char *
clean(const char *s, bool oneline)
{
	struct buf b = BUF_INIT;
	const char *p, *end, *at;
	bool space = false;
	char enc[4];
	int32_t cp;

	if (s == NULL)
		s = "";
	end = s + strlen(s);
	for (p = s; p < end;) {
		at = p;
		cp = utf8_next(&p, end);
		if (oneline && cp >= 0 && is_control(cp)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = false;
		if (cp < 0)
			buf_add(&b, enc, utf8_put(0xFFFD, enc));
		else
			buf_add(&b, at, (size_t)(p - at));
	}
	return buf_steal(&b);
}

/* s cut to at most max code points, "…" marking a cut. */
static char *
cut_chars(char *s, size_t max)
{
	const char *p = s, *end = s + strlen(s);
	size_t n;
	char *r;

	for (n = 0; p < end && n < max; n++)
		utf8_next(&p, end);
	if (p == end)
		return s;
	r = xasprintf("%.*s…", (int)(p - s), s);
	free(s);
	return r;
}

/* The largest n <= max at which s[0..n) ends on a character boundary
 * (s is valid UTF-8 of length len). */
static size_t
char_boundary(const char *s, size_t len, size_t max)
{
	size_t n = max < len ? max : len;

	while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* Chinese name of a stage; an unknown stage is shown as it is. */
static const char *
stage_label(const char *stage)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(stages); i++)
		if (stage != NULL && strcmp(stage, stages[i].stage) == 0)
			return stages[i].label;
	return stage != NULL ? stage : "";
}

/* Whether url may become a link: http or https only, so that nothing
 * else (javascript:, data:) is ever made clickable. */
static bool
linkable(const char *url)
{
	return strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0;
}

/* Fill t from it. */
static void
item_text_init(struct item_text *t, const struct notice_item *it)
{
	memset(t, 0, sizeof(*t));
	t->task = clean(it->task, true);
	t->measure = clean(it->measure, true);
	t->deadline = clean(it->deadline_text, true);
	date_format(it->due, t->due);
	if (it->due != DATE_NONE) {
		if (it->days_left > 0)
			snprintf(t->days, sizeof(t->days), "剩余 %d 天",
			    it->days_left);
		else if (it->days_left == 0)
			snprintf(t->days, sizeof(t->days), "今天到期");
		else
			snprintf(t->days, sizeof(t->days), "已逾期 %lld 天",
			    -(long long)it->days_left);
	}
	t->role = role_label(it->role);
	t->stage = stage_label(it->stage);
	if (it->about != NULL)
		t->about = clean(it->about, true);
	if (it->ack_url != NULL) {
		t->ack = clean(it->ack_url, true);
		t->ack_link = linkable(t->ack);
	}
}

/* Free what item_text_init allocated. */
static void
item_text_free(struct item_text *t)
{
	free(t->task);
	free(t->measure);
	free(t->deadline);
	free(t->ack);
	free(t->about);
}

/* Cleaned texts of every item of d (free with items_free). */
static struct item_text *
items_init(const struct digest *d)
{
	struct item_text *t;
	size_t i;

	t = xcalloc(d->nitems > 0 ? d->nitems : 1, sizeof(*t));
	for (i = 0; i < d->nitems; i++)
		item_text_init(&t[i], &d->items[i]);
	return t;
}

/* Free n item texts and their array. */
static void
items_free(struct item_text *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		item_text_free(&t[i]);
	free(t);
}

/* "6月底前（截止 2021-06-30）", or whichever half there is. */
static void
put_deadline(struct buf *b, const struct item_text *t)
{
	buf_puts(b, t->deadline);
	if (t->due[0] != '\0')
		buf_printf(b, *t->deadline != '\0' ? "（截止 %s）" : "%s",
		    t->due);
}

/* "【督办提醒】UNIT：N 项事项（counts by stage）", one line, unit cut short. */
char *
render_subject(const struct digest *d)
{
	struct buf b = BUF_INIT;
	size_t i, j, n;
	char *unit;
	bool first = true;

	unit = cut_chars(clean(d->unit, true), SUBJECT_UNIT_MAX);
	buf_printf(&b, "【督办提醒】%s：%zu 项事项", unit, d->nitems);
	free(unit);
	for (i = 0; i < ARRAY_LEN(stages); i++) {
		for (n = j = 0; j < d->nitems; j++)
			if (d->items[j].stage != NULL &&
			    strcmp(d->items[j].stage, stages[i].stage) == 0)
				n++;
		if (n == 0)
			continue;
		buf_printf(&b, "%s%zu 项%s", first ? "（" : "，", n,
		    stages[i].summary);
		first = false;
	}
	if (!first)
		buf_puts(&b, "）");
	return buf_steal(&b);
}

/* --- mail ----------------------------------------------------------------- */

/* Append s (valid UTF-8, no controls) as RFC 2047 "B" encoded-words,
 * each at most 75 characters and holding whole characters only (sect. 5:
 * "each 'encoded-word' MUST represent an integral number of characters"),
 * folded so that no line passes 76 characters.  *line is the offset in b
 * where the current line starts. */
static void
put_encoded_words(struct buf *b, const char *s, size_t *line)
{
	static const size_t overhead = 12;	/* "=?UTF-8?B?" and "?=" */
	const char *p = s, *end = s + strlen(s), *q, *next;
	size_t col, room, max;

	while (p < end) {
		col = b->len - *line;
		room = ENCODED_LINE_MAX - col;
		if (room > ENCODED_WORD_MAX)
			room = ENCODED_WORD_MAX;
		max = room > overhead ? (room - overhead) / 4 * 3 : 0;
		/* Whole characters, as many as fit in max bytes. */
		for (q = p; q < end; q = next) {
			next = q;
			utf8_next(&next, end);
			if ((size_t)(next - p) > max)
				break;
		}
		if (q == p) {
			/* Not even one character fits here: fold first. */
			buf_puts(b, "\r\n ");
			*line = b->len - 1;
			continue;
		}
		buf_puts(b, "=?UTF-8?B?");
		base64_encode(b, p, (size_t)(q - p));
		buf_puts(b, "?=");
		p = q;
		if (p < end) {
			/* White space between encoded-words is not part of
			 * the text (sect. 6.2), so folding here adds none. */
			buf_puts(b, "\r\n ");
			*line = b->len - 1;
		}
	}
}

/* Whether s has a byte outside ASCII. */
static bool
has_8bit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* Append one mailbox: a display name with characters outside ASCII goes
 * as encoded-words (RFC 2047, sect. 5 (3)); anything else as given. */
static void
put_mailbox(struct buf *b, const char *m, size_t len, size_t *line)
{
	const char *lt = NULL, *p, *name, *name_end;
	struct buf dn = BUF_INIT;

	for (p = m; p < m + len; p++)
		if (*p == '<')
			lt = p;
	if (lt == NULL || memchr(lt, '>', len - (size_t)(lt - m)) == NULL ||
	    !has_8bit(m, (size_t)(lt - m))) {
		buf_add(b, m, len);
		return;
	}
	name = m;
	name_end = lt;
	while (name_end > name && name_end[-1] == ' ')
		name_end--;
	if (name_end - name >= 2 && *name == '"' && name_end[-1] == '"') {
		name++;
		name_end--;
	}
	for (p = name; p < name_end; p++) {
		if (*p == '\\' && p + 1 < name_end)
			p++;	/* a quoted-pair */
		buf_putc(&dn, *p);
	}
	put_encoded_words(b, buf_str(&dn), line);
	buf_free(&dn);
	if (b->len - *line + 1 + (len - (size_t)(lt - m)) > HEADER_LINE_SOFT) {
		buf_puts(b, "\r\n");
		*line = b->len;
	}
	buf_putc(b, ' ');
	buf_add(b, lt, len - (size_t)(lt - m));
}

/* Append "NAME: " and an address list (From, To), one line broken after
 * commas when long.  value comes from the config, but is stripped of
 * line breaks all the same. */
static void
put_address_header(struct buf *b, const char *name, const char *value)
{
	char *v = clean(value, true);
	const char *p, *start;
	size_t line = b->len, len;
	bool quoted = false, first = true;
	int angle = 0;

	buf_printf(b, "%s:", name);
	for (start = p = v;; p++) {
		if (*p == '\\' && quoted && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '<')
			angle++;
		else if (!quoted && *p == '>' && angle > 0)
			angle--;
		if (*p != '\0' && (*p != ',' || quoted || angle > 0))
			continue;
		while (start < p && *start == ' ')
			start++;
		len = (size_t)(p - start);
		while (len > 0 && start[len - 1] == ' ')
			len--;
		if (len > 0) {
			if (!first)
				buf_putc(b, ',');
			if (!first && b->len - line + 1 + len > HEADER_LINE_SOFT) {
				buf_puts(b, "\r\n");
				line = b->len;
			}
			buf_putc(b, ' ');
			put_mailbox(b, start, len, &line);
			first = false;
		}
		if (*p == '\0')
			break;
		start = p + 1;
	}
	buf_puts(b, "\r\n");
	free(v);
}

/* RFC 5322, sect. 3.3 date-time in the configured zone.  Names come from
 * tables, not the locale: the header is English whatever LC_TIME says. */
static void
put_date(struct buf *b, time_t t)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	char day[8], rest[64];
	struct tm tm;

	localtime_r(&t, &tm);
	/* Only numeric conversions: these do not depend on the locale. */
	strftime(day, sizeof(day), "%d", &tm);
	strftime(rest, sizeof(rest), "%Y %H:%M:%S %z", &tm);
	buf_printf(b, "Date: %s, %s %s %s\r\n", days[tm.tm_wday % 7], day,
	    months[tm.tm_mon % 12], rest);
}

/* atext (RFC 5322, sect. 3.2.3), dots and "@": what a msg-id may hold. */
static bool
msgid_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~.@", c) != NULL);
}

/* FNV-1a, for a boundary that stays the same across retries. */
static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* Append "Message-ID: <id>".  RFC 5322 (sect. 3.6.4) wants id-left "@"
 * id-right: an id without "@" gets the From address's domain. */
static void
put_message_id(struct buf *b, const char *id, const char *from)
{
	const char *p, *at = NULL;
	bool has_at = false;
	size_t n = 0;

	buf_puts(b, "Message-ID: <");
	for (p = id != NULL ? id : ""; *p != '\0'; p++)
		if (msgid_char((unsigned char)*p)) {
			buf_putc(b, *p);
			has_at |= *p == '@';
			n++;
		}
	if (n == 0)
		buf_printf(b, "%016llx", (unsigned long long)fnv1a(""));
	if (!has_at) {
		for (p = from != NULL ? from : ""; *p != '\0'; p++)
			if (*p == '@')
				at = p + 1;
		buf_putc(b, '@');
		for (n = 0; at != NULL && ((*at >= 'a' && *at <= 'z') ||
		    (*at >= 'A' && *at <= 'Z') || (*at >= '0' && *at <= '9') ||
		    *at == '-' || *at == '.'); at++, n++)
			buf_putc(b, *at);
		if (n == 0)
			buf_puts(b, "deadlined.invalid");
	}
	buf_puts(b, ">\r\n");
}

/* Append data as base64 in lines of 76 characters (RFC 2045, sect. 6.8). */
static void
put_base64_lines(struct buf *b, const char *data, size_t len)
{
	struct buf enc = BUF_INIT;
	size_t i, n;

	base64_encode(&enc, data, len);
	for (i = 0; i < enc.len; i += n) {
		n = enc.len - i < BASE64_LINE ? enc.len - i : BASE64_LINE;
		buf_add(b, enc.s + i, n);
		buf_puts(b, "\r\n");
	}
	buf_free(&enc);
}

/* The text/plain body, lines ending in CRLF (RFC 2046, sect. 4.1.1). */
static void
mail_text(struct buf *b, const struct digest *d, const char *unit,
    const struct item_text *t)
{
	const struct notice_item *it;
	char *plan;
	size_t i;

	buf_printf(b, "%s：\r\n\r\n您好！以下 %zu 项工作任务请贵单位关注：\r\n",
	    unit, d->nitems);
	for (i = 0; i < d->nitems; i++) {
		it = &d->items[i];
		buf_printf(b, "\r\n任务 %d：%s\r\n", it->task_no, t[i].task);
		buf_printf(b, "措施：%s\r\n", t[i].measure);
		buf_puts(b, "完成时限：");
		put_deadline(b, &t[i]);
		buf_puts(b, "\r\n");
		if (t[i].days[0] != '\0')
			buf_printf(b, "%s\r\n", t[i].days);
		buf_printf(b, "角色：%s\r\n", t[i].role);
		buf_printf(b, "阶段：%s\r\n", t[i].stage);
		if (t[i].about != NULL)
			buf_printf(b, "未确认单位：%s\r\n", t[i].about);
		if (it->plan_title != NULL && *it->plan_title != '\0') {
			plan = clean(it->plan_title, true);
			buf_printf(b, "计划：%s\r\n", plan);
			free(plan);
		}
		if (t[i].ack != NULL)
			buf_printf(b, "确认链接：%s\r\n", t[i].ack);
	}
	buf_puts(b, "\r\n请打开确认链接确认收到；完成后可在同一页面登记“已完成”。"
	    "\r\n\r\n-- \r\ndeadlined 督办提醒（自动发送，请勿直接回复）\r\n");
}

/* The text/html body: the same content as a table, no external resources. */
static void
mail_html(struct buf *b, const struct digest *d, const char *unit,
    const char *subject, const struct item_text *t)
{
	struct buf dl = BUF_INIT;
	size_t i;

	buf_puts(b, "<!DOCTYPE html>\r\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"UTF-8\"><title>");
	html_put(b, subject);
	buf_puts(b, "</title></head>\r\n<body>\r\n<p>");
	html_put(b, unit);
	buf_printf(b, "：</p>\r\n<p>您好！以下 %zu 项工作任务请贵单位关注：</p>\r\n",
	    d->nitems);
	buf_puts(b, "<table border=\"1\" cellpadding=\"6\" cellspacing=\"0\" "
	    "style=\"border-collapse:collapse\">\r\n<tr><th>任务</th>"
	    "<th>措施</th><th>完成时限</th><th>剩余时间</th><th>角色</th>"
	    "<th>阶段</th><th>确认</th></tr>\r\n");
	for (i = 0; i < d->nitems; i++) {
		buf_printf(b, "<tr><td>任务 %d：", d->items[i].task_no);
		html_put(b, t[i].task);
		buf_puts(b, "</td><td>");
		html_put(b, t[i].measure);
		buf_puts(b, "</td><td>");
		buf_reset(&dl);
		put_deadline(&dl, &t[i]);
		html_put(b, buf_str(&dl));
		buf_puts(b, "</td><td>");
		html_put(b, t[i].days);
		buf_printf(b, "</td><td>%s</td><td>", t[i].role);
		html_put(b, t[i].stage);
		if (t[i].about != NULL) {
			buf_puts(b, "<br>未确认单位：");
			html_put(b, t[i].about);
		}
		buf_puts(b, "</td><td>");
		if (t[i].ack != NULL && t[i].ack_link) {
			buf_puts(b, "<a href=\"");
			html_put(b, t[i].ack);
			buf_puts(b, "\">确认收到</a>");
		} else if (t[i].ack != NULL)
			html_put(b, t[i].ack);
		buf_puts(b, "</td></tr>\r\n");
	}
	buf_free(&dl);
	buf_puts(b, "</table>\r\n<p>请打开确认链接确认收到；完成后可在同一页面"
	    "登记“已完成”。</p>\r\n<p>deadlined 督办提醒（自动发送，请勿直接回复）"
	    "</p>\r\n</body></html>\r\n");
}

/* The whole mail of d, headers and both parts, CRLF line ends. */
char *
render_mail(const struct digest *d, const char *from, const char *to)
{
	struct buf b = BUF_INIT, part = BUF_INIT;
	struct item_text *t = items_init(d);
	char *subject = render_subject(d), *unit = clean(d->unit, true);
	char boundary[64];
	size_t line;

	/* "=_" never occurs in base64 (RFC 2045, sect. 6.7 suggests it for
	 * quoted-printable for the same reason) nor in our header lines. */
	snprintf(boundary, sizeof(boundary), "=_deadlined_%016llx",
	    (unsigned long long)fnv1a(d->id != NULL ? d->id : ""));

	put_address_header(&b, "From", from);
	put_address_header(&b, "To", to);
	line = b.len;
	buf_puts(&b, "Subject: ");
	put_encoded_words(&b, subject, &line);
	buf_puts(&b, "\r\n");
	put_date(&b, d->generated_at);
	put_message_id(&b, d->id, from);
	buf_puts(&b, "MIME-Version: 1.0\r\n");
	buf_printf(&b, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"%s\"\r\n\r\n", boundary);
	buf_puts(&b, "This is a multi-part message in MIME format.\r\n");

	mail_text(&part, d, unit, t);
	buf_printf(&b, "\r\n--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	put_base64_lines(&b, part.s, part.len);

	buf_reset(&part);
	mail_html(&part, d, unit, subject, t);
	buf_printf(&b, "\r\n--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	put_base64_lines(&b, part.s, part.len);
	buf_printf(&b, "\r\n--%s--\r\n", boundary);

	buf_free(&part);
	free(subject);
	free(unit);
	items_free(t, d->nitems);
	return buf_steal(&b);
}

/* --- generic webhook -------------------------------------------------------- */

/* Append s as a JSON string, made valid UTF-8 first; NULL is null. */
static void
put_json(struct buf *b, const char *s)
{
	char *c;

	if (s == NULL) {
		json_put_str(b, NULL);
		return;
	}
	c = clean(s, false);
	json_put_str(b, c);
	free(c);
}

/* The generic webhook body of d, in INTERFACE.md's key order. */
char *
render_json(const struct digest *d)
{
	struct buf b = BUF_INIT;
	const struct notice_item *it;
	char when[40], due[11];
	size_t i;

	clock_format(d->generated_at, when, sizeof(when));
	buf_puts(&b, "{\"type\": \"deadline.notice\", \"id\": ");
	put_json(&b, d->id);
	buf_puts(&b, ", \"unit\": ");
	put_json(&b, d->unit);
	buf_puts(&b, ", \"generated_at\": ");
	json_put_str(&b, when);
	buf_puts(&b, ", \"items\": [");
	for (i = 0; i < d->nitems; i++) {
		it = &d->items[i];
		buf_printf(&b, "%s{\"measure_id\": %lld, \"task_no\": %d, "
		    "\"task\": ", i > 0 ? ", " : "", (long long)it->measure_id,
		    it->task_no);
		put_json(&b, it->task);
		buf_puts(&b, ", \"measure\": ");
		put_json(&b, it->measure);
		buf_puts(&b, ", \"deadline_text\": ");
		put_json(&b, it->deadline_text);
		buf_puts(&b, ", \"due\": ");
		date_format(it->due, due);
		json_put_str(&b, it->due != DATE_NONE ? due : NULL);
		buf_printf(&b, ", \"days_left\": %d, \"role\": ", it->days_left);
		put_json(&b, role_name(it->role));
		buf_puts(&b, ", \"stage\": ");
		put_json(&b, it->stage);
		buf_puts(&b, ", \"ack_url\": ");
		put_json(&b, it->ack_url);
		/* Only escalations name someone else: other items keep the
		 * documented shape. */
		if (it->about != NULL) {
			buf_puts(&b, ", \"silent_unit\": ");
			put_json(&b, it->about);
		}
		buf_puts(&b, "}");
	}
	buf_puts(&b, "]}");
	return buf_steal(&b);
}

/* --- markdown --------------------------------------------------------------- */

/* One item in markdown: head (task, measure, deadline, status) and the
 * ack line kept apart, so that cutting a long item keeps its link. */
struct md_item {
	char *head;
	char *ack;	/* NULL when there is none */
};

/* A growing list of strings. */
struct strv {
	char **v;
	size_t n;
	size_t cap;
};

/* Append s (taken over) to sv. */
static void
strv_push(struct strv *sv, char *s)
{
	sv->v = xgrow(sv->v, &sv->cap, sv->n + 1, sizeof(*sv->v));
	sv->v[sv->n++] = s;
}

/* Free every string of sv and the list. */
static void
strv_free(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

/* The markdown of item it. */
static void
md_item_init(struct md_item *m, const struct notice_item *it,
    const struct item_text *t)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_printf(&b, "**任务 %d：%s**\n措施：%s\n完成时限：", it->task_no,
	    t->task, t->measure);
	put_deadline(&b, t);
	buf_puts(&b, "\n");
	if (t->days[0] != '\0')
		buf_printf(&b, "%s｜", t->days);
	buf_printf(&b, "角色：%s｜阶段：%s", t->role, t->stage);
	if (t->about != NULL)
		buf_printf(&b, "｜未确认单位：%s", t->about);
	m->head = buf_steal(&b);
	m->ack = NULL;
	if (t->ack == NULL)
		return;
	if (!t->ack_link) {
		m->ack = xasprintf("确认链接：%s", t->ack);
		return;
	}
	/* Characters that would end the link's destination are escaped. */
	buf_puts(&b, "[确认收到](");
	for (p = t->ack; *p != '\0'; p++) {
		if (*p == ' ' || *p == '(' || *p == ')' || *p == '<' ||
		    *p == '>')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&b, *p);
	}
	buf_puts(&b, ")");
	m->ack = buf_steal(&b);
}

/* Append s[0..len) cut to at most max bytes on a character boundary. */
static void
put_cut(struct buf *b, const char *s, size_t len, size_t max)
{
	buf_add(b, s, char_boundary(s, len, max));
}

/* Item m as one piece of at most avail bytes: whole when it fits, else
 * its head cut (marked "…") with the ack line kept when there is room. */
static char *
md_piece(const struct md_item *m, size_t avail)
{
	static const char mark[] = "…";
	struct buf b = BUF_INIT;
	size_t hlen = strlen(m->head), alen, mlen = sizeof(mark) - 1;

	alen = m->ack != NULL ? strlen(m->ack) : 0;
	if (hlen + (m->ack != NULL ? 1 + alen : 0) <= avail) {
		buf_puts(&b, m->head);
		if (m->ack != NULL)
			buf_printf(&b, "\n%s", m->ack);
	} else if (m->ack != NULL && mlen + 1 + alen <= avail / 2) {
		put_cut(&b, m->head, hlen, avail - mlen - 1 - alen);
		buf_printf(&b, "%s\n%s", mark, m->ack);
	} else if (avail > mlen) {
		put_cut(&b, m->head, hlen, avail - mlen);
		buf_puts(&b, mark);
	} else
		put_cut(&b, m->head, hlen, avail);
	return buf_steal(&b);
}

/* Decimal digits of n. */
static size_t
ndigits(size_t n)
{
	size_t k = 1;

	while (n >= 10) {
		n /= 10;
		k++;
	}
	return k;
}

/* Split the items into part bodies of at most avail bytes each. */
static void
md_pack(const struct md_item *m, size_t n, size_t avail, struct strv *out)
{
	struct buf cur = BUF_INIT;
	char *piece;
	size_t i;

	for (i = 0; i < n; i++) {
		piece = md_piece(&m[i], avail);
		if (*piece == '\0') {
			free(piece);	/* not one character fits */
			continue;
		}
		if (cur.len > 0 && cur.len + 2 + strlen(piece) <= avail)
			buf_puts(&cur, "\n\n");
		else if (cur.len > 0)
			strv_push(out, buf_steal(&cur));
		buf_puts(&cur, piece);
		free(piece);
	}
	if (cur.len > 0)
		strv_push(out, buf_steal(&cur));
	buf_free(&cur);
}

/* Markdown parts of at most max_bytes each; see render.h. */
size_t
render_markdown(const struct digest *d, size_t max_bytes, char ***parts)
{
	static const char head[] = "### ", cont[] = "（续 /）", sep[] = "\n\n";
	struct item_text *t = items_init(d);
	struct md_item *m;
	struct strv bodies = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct buf b = BUF_INIT;
	char *subject = render_subject(d);
	size_t i, ndig, fixed, slen, hlen, n;

	m = xcalloc(d->nitems > 0 ? d->nitems : 1, sizeof(*m));
	for (i = 0; i < d->nitems; i++)
		md_item_init(&m[i], &d->items[i], &t[i]);

	/* Everything in one part, when it fits. */
	buf_printf(&b, "%s%s", head, subject);
	for (i = 0; i < d->nitems; i++) {
		buf_printf(&b, "%s%s", sep, m[i].head);
		if (m[i].ack != NULL)
			buf_printf(&b, "\n%s", m[i].ack);
	}
	if (max_bytes == 0)
		goto done;
	if (b.len <= max_bytes) {
		strv_push(&out, buf_steal(&b));
		goto done;
	}

	/* Several: each part's title is reserved room for "（续 k/n）" with
	 * numbers of ndig digits, and ndig grows until n fits in it. */
	slen = strlen(subject);
	for (ndig = 1;; ndig++) {
		fixed = strlen(head) + strlen(cont) + 2 * ndig + strlen(sep);
		hlen = fixed + slen;
		if (hlen > max_bytes / 2) {
			/* A tiny max_bytes: the subject is cut, and with no
			 * room even for the numbering there is no title. */
			slen = fixed < max_bytes / 2 ?
			    char_boundary(subject, strlen(subject),
			    max_bytes / 2 - fixed) : 0;
			hlen = slen > 0 ? fixed + slen : 0;
		}
		strv_free(&bodies);
		md_pack(m, d->nitems, max_bytes - hlen, &bodies);
		if (ndigits(bodies.n) <= ndig)
			break;
	}
	for (i = 0; i < bodies.n; i++) {
		buf_reset(&b);
		if (hlen > 0) {
			buf_puts(&b, head);
			buf_add(&b, subject, slen);
			if (bodies.n > 1 && i == 0)
				buf_printf(&b, "（1/%zu）", bodies.n);
			else if (bodies.n > 1)
				buf_printf(&b, "（续 %zu/%zu）", i + 1,
				    bodies.n);
			buf_puts(&b, sep);
		}
		buf_puts(&b, bodies.v[i]);
		strv_push(&out, buf_steal(&b));
	}
done:
	n = out.n;
	*parts = out.v;
	if (n == 0) {
		free(out.v);
		*parts = NULL;
	}
	strv_free(&bodies);
	buf_free(&b);
	for (i = 0; i < d->nitems; i++) {
		free(m[i].head);
		free(m[i].ack);
	}
	free(m);
	free(subject);
	items_free(t, d->nitems);
	return n;
}
