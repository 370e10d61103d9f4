/* render_mail: a digest as a complete mail: RFC 5322 headers, an RFC 2047
 * encoded-word Subject, and an RFC 2045/2046 multipart/alternative body
 * with base64 text and HTML parts.  Plan text reaches a mail only inside
 * base64 bodies or encoded-words, so it can never start a header of its
 * own. */
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
#include "deliver/itemtext.h"
#include "plan/units.h"

#define ENCODED_WORD_MAX 75	/* RFC 2047, sect. 2 */
#define ENCODED_LINE_MAX 76	/* RFC 2047, sect. 2: lines with encoded-words */
#define HEADER_LINE_SOFT 78	/* RFC 5322, sect. 2.1.1 */
#define BASE64_LINE 76		/* RFC 2045, sect. 6.8 */

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
	char *v = itemtext_clean(value, true);
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
		itemtext_put_deadline(b, &t[i]);
		buf_puts(b, "\r\n");
		if (t[i].days[0] != '\0')
			buf_printf(b, "%s\r\n", t[i].days);
		buf_printf(b, "角色：%s\r\n", t[i].role);
		buf_printf(b, "阶段：%s\r\n", t[i].stage);
		if (t[i].about != NULL)
			buf_printf(b, "未确认单位：%s\r\n", t[i].about);
		if (it->plan_title != NULL && *it->plan_title != '\0') {
			plan = itemtext_clean(it->plan_title, true);
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
		itemtext_put_deadline(&dl, &t[i]);
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

char *
mail_compose(const char *from, const char *to, const char *subject,
    time_t date, const char *id, const struct buf *text, const struct buf *html)
{
	struct buf b = BUF_INIT;
	char boundary[64];
	size_t line;

	/* "=_" never occurs in base64 (RFC 2045, sect. 6.7 suggests it for
	 * quoted-printable for the same reason) nor in our header lines. */
	snprintf(boundary, sizeof(boundary), "=_deadlined_%016llx",
	    (unsigned long long)fnv1a(id != NULL ? id : ""));

	put_address_header(&b, "From", from);
	put_address_header(&b, "To", to);
	line = b.len;
	buf_puts(&b, "Subject: ");
	put_encoded_words(&b, subject, &line);
	buf_puts(&b, "\r\n");
	put_date(&b, date);
	put_message_id(&b, id, from);
	/* RFC 3834: out-of-office and other automatic replies must not
	 * answer a robot. */
	buf_puts(&b, "Auto-Submitted: auto-generated\r\n");
	buf_puts(&b, "MIME-Version: 1.0\r\n");
	buf_printf(&b, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"%s\"\r\n\r\n", boundary);
	buf_puts(&b, "This is a multi-part message in MIME format.\r\n");

	buf_printf(&b, "\r\n--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	put_base64_lines(&b, text->s, text->len);
	buf_printf(&b, "\r\n--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	put_base64_lines(&b, html->s, html->len);
	buf_printf(&b, "\r\n--%s--\r\n", boundary);
	return buf_steal(&b);
}

/* The whole mail of d, headers and both parts, CRLF line ends. */
char *
render_mail(const struct digest *d, const char *from, const char *to)
{
	struct buf text = BUF_INIT, html = BUF_INIT;
	struct item_text *t = itemtext_init(d);
	char *subject = render_subject(d), *unit = itemtext_clean(d->unit, true);
	char *mail;

	mail_text(&text, d, unit, t);
	mail_html(&html, d, unit, subject, t);
	mail = mail_compose(from, to, subject, d->generated_at, d->id, &text,
	    &html);
	buf_free(&text);
	buf_free(&html);
	free(subject);
	free(unit);
	itemtext_free(t, d->nitems);
	return mail;
}

char *
render_mail_readdress(const char *mail, const char *to)
{
	const char *end = strstr(mail, "\r\n\r\n"), *p, *q;
	struct buf b = BUF_INIT;

	/* The To field and its folded lines (RFC 5322, sect. 2.2.3), in
	 * the header section only. */
	for (p = mail; end != NULL && p <= end; p = strstr(p, "\r\n") + 2) {
		if (strncmp(p, "To:", 3) != 0)
			continue;
		for (q = strstr(p, "\r\n") + 2; *q == ' ' || *q == '\t';
		    q = strstr(q, "\r\n") + 2)
			;
		buf_add(&b, mail, (size_t)(p - mail));
		put_address_header(&b, "To", to);
		buf_puts(&b, q);
		return buf_steal(&b);
	}
	return NULL;
}
