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
		buf_printf(b, "%016llx", (unsigned long long)text_hash(
		    id != NULL ? id : ""));
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

/* --- the body ---------------------------------------------------------- */

/* One item as a mail shows it: where it stands and what it says itself
 * rather than leave to a heading. */
struct slot {
	size_t item;		/* its index in the digest */
	size_t count;		/* opening a stage's section: its items; else 0 */
	bool plan;		/* names its plan (not the one before it) */
	bool task;		/* names its task (not the one before it) */
	bool when;		/* says its own deadline (not the section's) */
	bool state;		/* says its own state (not the section's) */
	bool role;		/* says its own role (not the section's) */
};

/* An item's place in the order a mail shows: stage by stage, most
 * urgent first, in digest order within one. */
struct place {
	int rank;
	const char *label;
	size_t item;
};

static int
cmp_place(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	int c = x->rank - y->rank;

	if (c == 0)
		c = strcmp(x->label, y->label);
	if (c == 0)
		c = x->item < y->item ? -1 : 1;
	return c;
}

/* The items of d in sections, one a stage, the most urgent first, each
 * saying once what all its items share (check-ins' deadline and day,
 * above all, and often the unit's role), under headings for their plan and task.  Returns whether
 * the plan is one for every item (named once, at the top). */
static bool
mail_layout(const struct digest *d, const struct item_text *t,
    struct slot *s)
{
	struct place *p = xcalloc(d->nitems + 1, sizeof(*p));
	const struct item_text *x, *y;
	bool one_plan = true;
	size_t i, j, n;

	for (i = 0; i < d->nitems; i++) {
		p[i] = (struct place){ t[i].rank, t[i].label, i };
		one_plan &= strcmp(t[i].plan, t[0].plan) == 0;
	}
	qsort(p, d->nitems, sizeof(*p), cmp_place);
	for (i = 0; i < d->nitems; i++) {
		x = &t[p[i].item];
		y = i > 0 ? &t[p[i - 1].item] : NULL;
		s[i] = (struct slot){ p[i].item, 0, false, false, true, true,
		    true };
		if (y == NULL || x->rank != y->rank ||
		    strcmp(x->label, y->label) != 0) {
			for (j = i + 1; j < d->nitems && p[j].rank == x->rank &&
			    strcmp(p[j].label, x->label) == 0; j++)
				;
			s[i].count = j - i;
			y = NULL;
		}
		s[i].plan = !one_plan && *x->plan != '\0' &&
		    (y == NULL || strcmp(x->plan, y->plan) != 0);
		s[i].task = y == NULL || s[i].plan ||
		    !itemtext_same_task(&d->items[p[i].item],
		    &d->items[p[i - 1].item]);
	}
	/* What every item of a section of several shares is its heading's. */
	for (i = 0; i < d->nitems; i += n) {
		bool when, state, role;

		n = s[i].count;
		x = &t[s[i].item];
		when = state = role = n > 1;
		for (j = 1; j < n; j++) {
			y = &t[s[i + j].item];
			when &= strcmp(y->when, x->when) == 0;
			state &= strcmp(y->state, x->state) == 0;
			role &= strcmp(y->role, x->role) == 0;
		}
		for (j = 0; j < n; j++) {
			s[i + j].when = !when;
			s[i + j].state = !state;
			s[i + j].role = !role;
		}
	}
	free(p);
	return one_plan && d->nitems > 0 && *t[0].plan != '\0';
}

/* The text/plain body, lines ending in CRLF (RFC 2046, sect. 4.1.1). */
/* Whether every item of the digest is for its approver: the closing
 * line then says what the approval links are for. */
static bool
all_approval(const struct digest *d, const struct item_text *t)
{
	for (size_t i = 0; i < d->nitems; i++)
		if (!t[i].approval)
			return false;
	return d->nitems > 0;
}

static void
mail_text(struct buf *b, const struct digest *d, const char *unit,
    const struct item_text *t, const struct slot *s, bool one_plan)
{
	const struct item_text *x;
	size_t i;

	/* The level first, as in the subject. */
	buf_printf(b, "【%s】%s：\r\n\r\n您好！以下 %zu 项工作任务请贵单位关注",
	    level_label(digest_level(d)), unit, d->nitems);
	itemtext_put_summary(b, d);
	buf_puts(b, "。\r\n");
	if (one_plan)
		buf_printf(b, "计划：%s\r\n", t[0].plan);
	for (i = 0; i < d->nitems; i++) {
		x = &t[s[i].item];
		if (s[i].count > 0) {
			buf_printf(b, "\r\n■ %s：%zu 项\r\n", x->label,
			    s[i].count);
			if (!s[i].when)
				buf_printf(b, "完成时限：%s\r\n", x->when);
			if (!s[i].state)
				buf_printf(b, "阶段：%s\r\n", x->state);
			if (!s[i].role)
				buf_printf(b, "角色：%s\r\n", x->role);
		}
		if (s[i].plan)
			buf_printf(b, "\r\n计划：%s\r\n", x->plan);
		if (s[i].task)
			buf_printf(b, "\r\n【任务 %d】%s\r\n",
			    d->items[s[i].item].task_no, x->task);
		buf_printf(b, "\r\n措施：%s\r\n", x->measure);
		if (s[i].when)
			buf_printf(b, "完成时限：%s\r\n", x->when);
		if (s[i].state)
			buf_printf(b, "阶段：%s\r\n", x->state);
		if (s[i].role)
			buf_printf(b, "角色：%s\r\n", x->role);
		if (x->about != NULL)
			buf_printf(b, "未确认单位：%s\r\n", x->about);
		if (x->ack != NULL)
			buf_printf(b, "%s：%s\r\n", x->link, x->ack);
	}
	buf_puts(b, all_approval(d, t) ? "\r\n请打开审批链接，核对后批准或驳回。" :
	    "\r\n请打开确认链接确认收到；完成后可在同一页面登记“已完成”。");
	buf_puts(b, "\r\n\r\n-- \r\ndeadlined 督办提醒（自动发送，请勿直接回复）\r\n");
}

/* The text/html body for mail clients, Outlook's Word engine and
 * Foxmail among them: tables for layout, attributes and inline styles
 * they keep (no <style>, no script, nothing external), one column that
 * is 640 px at most (Outlook, which ignores max-width, gets a fixed
 * table in a conditional comment) and the screen's width on a phone.
 * A band of the level's colour opens it; then the sections and headings
 * of the text part; each item a white block:
 * the measure, its deadline, state and role unless its section's
 * heading has them, and the ack link as a button (a cell with a
 * background, which every client draws).  What the blocks share is
 * styled once, on the column's table: 40 items make about 21 KB. */
static void
mail_html(struct buf *b, const struct digest *d, const char *unit,
    const char *subject, const struct item_text *t, const struct slot *s,
    bool one_plan)
{
	static const char table[] = "<table role=\"presentation\" "
	    "cellpadding=\"0\" cellspacing=\"0\" border=\"0\"";
	enum level l = digest_level(d);
	const struct level_look *look = level_look(l);
	const struct item_text *x;
	size_t i;

	html_head(b, subject);
	buf_printf(b, "<body style=\"margin:0;padding:0;"
	    "background-color:#eef0f3\">\r\n%s width=\"100%%\" "
	    "bgcolor=\"#eef0f3\"><tr><td align=\"center\">\r\n"
	    "<!--[if mso]>%s width=\"640\"><tr><td><![endif]-->\r\n"
	    "<table role=\"presentation\" width=\"100%%\" cellpadding=\"12\" "
	    "cellspacing=\"8\" border=\"0\" style=\"max-width:640px;"
	    "font-family:'Microsoft YaHei',Arial,sans-serif;font-size:15px;"
	    "line-height:1.6;color:#1f2329;word-break:break-word\">\r\n",
	    table, table);
	/* The level as a band of its colour, first: a cell's background
	 * every client draws; its name in words as well as in colour. */
	buf_printf(b, "<tr><td bgcolor=\"%s\" style=\"color:%s;"
	    "font-size:17px\"><b>【%s】督办等级：%s（%s）</b></td></tr>\r\n"
	    "<tr><td>", look->band, look->ink, level_label(l), level_label(l),
	    look->colour);
	html_put(b, unit);
	buf_printf(b, "：<br>您好！以下 %zu 项工作任务请贵单位关注", d->nitems);
	itemtext_put_summary(b, d);
	buf_puts(b, "。");
	if (one_plan) {
		buf_puts(b, "<br>计划：");
		html_put(b, t[0].plan);
	}
	buf_puts(b, "</td></tr>\r\n");
	for (i = 0; i < d->nitems; i++) {
		x = &t[s[i].item];
		if (s[i].count > 0) {
			buf_printf(b, "<tr><td style=\"padding-bottom:0\"><b "
			    "style=\"font-size:17px;color:%s\">", x->colour);
			html_put(b, x->label);
			buf_printf(b, "：%zu 项</b>", s[i].count);
			if (!s[i].when) {
				buf_puts(b, "<br>完成时限：");
				html_put(b, x->when);
			}
			if (!s[i].state) {
				buf_puts(b, "<br>阶段：");
				html_put(b, x->state);
			}
			if (!s[i].role)
				buf_printf(b, "<br>角色：%s", x->role);
			buf_puts(b, "</td></tr>\r\n");
		}
		if (s[i].plan || s[i].task) {
			buf_puts(b, "<tr><td style=\"padding:0 12px\">");
			if (s[i].plan) {
				buf_puts(b, "计划：");
				html_put(b, x->plan);
				buf_puts(b, "<br>");
			}
			buf_printf(b, "<b>任务 %d：", d->items[s[i].item].task_no);
			html_put(b, x->task);
			buf_puts(b, "</b></td></tr>\r\n");
		}
		buf_puts(b, "<tr><td bgcolor=\"#ffffff\">");
		html_put(b, x->measure);
		if (s[i].when) {
			buf_puts(b, "<br>完成时限：");
			html_put(b, x->when);
		}
		if (s[i].state) {
			buf_printf(b, "<br><b style=\"color:%s\">", x->colour);
			html_put(b, x->state);
			buf_puts(b, "</b>");
		}
		if (s[i].role)
			buf_printf(b, "<br>角色：%s", x->role);
		if (x->about != NULL) {
			buf_puts(b, "<br>未确认单位：");
			html_put(b, x->about);
		}
		if (x->ack != NULL && x->ack_link) {
			buf_puts(b, "<table><tr><td bgcolor=\"#1a73e8\" "
			    "style=\"padding:6px 16px\"><a href=\"");
			html_put(b, x->ack);
			buf_printf(b, "\" style=\"color:#fff;text-decoration:none\">"
			    "%s</a></td></tr></table>", x->button);
		} else if (x->ack != NULL) {
			buf_printf(b, "<br>%s：<span style=\"word-break:"
			    "break-all\">", x->link);
			html_put(b, x->ack);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</td></tr>\r\n");
	}
	buf_printf(b, "<tr><td style=\"font-size:13px;color:#5f6368\">"
	    "%s<br>deadlined 督办提醒（自动发送，请勿直接回复）</td></tr>\r\n"
	    "</table>\r\n<!--[if mso]></td></tr></table><![endif]-->\r\n"
	    "</td></tr></table>\r\n</body></html>\r\n", all_approval(d, t) ?
	    "请点“审批”，核对后批准或驳回。" :
	    "请点“确认收到”确认；完成后可在同一页面登记“已完成”。");
}

/* A file's name in a Content-Disposition: filename= as an RFC 2047
 * encoded word (what Outlook, Foxmail and QQ Mail read; RFC 2231 is not
 * read by all), then filename*= in RFC 2231 form, UTF-8 and percent
 * escapes, which readers that know it take instead. */
static void
put_file_name(struct buf *b, const char *name)
{
	struct buf enc = BUF_INIT;
	const unsigned char *p;

	base64_encode(&enc, name, strlen(name));
	buf_printf(b, "Content-Disposition: attachment;\r\n"
	    " filename=\"=?UTF-8?B?%s?=\";\r\n filename*=UTF-8''",
	    buf_str(&enc));
	buf_free(&enc);
	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_')
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	buf_puts(b, "\r\n");
}

char *
mail_compose(const char *from, const char *to, const char *subject,
    time_t date, const char *id, const struct buf *text, const struct buf *html)
{
	return mail_compose_file(from, to, subject, date, id, text, html, NULL);
}

char *
mail_compose_file(const char *from, const char *to, const char *subject,
    time_t date, const char *id, const struct buf *text, const struct buf *html,
    const struct mail_file *file)
{
	struct buf b = BUF_INIT;
	char boundary[64], outer[80];
	size_t line;

	/* "=_" never occurs in base64 (RFC 2045, sect. 6.7 suggests it for
	 * quoted-printable for the same reason) nor in our header lines. */
	snprintf(boundary, sizeof(boundary), "=_deadlined_%016llx",
	    (unsigned long long)text_hash(id != NULL ? id : ""));
	snprintf(outer, sizeof(outer), "%s_mixed", boundary);

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
	/* A file goes beside the two texts: multipart/mixed around the
	 * multipart/alternative. */
	if (file != NULL)
		buf_printf(&b, "Content-Type: multipart/mixed;\r\n"
		    " boundary=\"%s\"\r\n\r\nThis is a multi-part message in "
		    "MIME format.\r\n\r\n--%s\r\n", outer, outer);
	buf_printf(&b, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"%s\"\r\n\r\n", boundary);
	if (file == NULL)
		buf_puts(&b, "This is a multi-part message in MIME format.\r\n");

	buf_printf(&b, "\r\n--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	put_base64_lines(&b, text->s, text->len);
	buf_printf(&b, "\r\n--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary);
	put_base64_lines(&b, html->s, html->len);
	buf_printf(&b, "\r\n--%s--\r\n", boundary);
	if (file != NULL) {
		buf_printf(&b, "\r\n--%s\r\nContent-Type: %s\r\n"
		    "Content-Transfer-Encoding: base64\r\n", outer, file->type);
		put_file_name(&b, file->name);
		buf_puts(&b, "\r\n");
		put_base64_lines(&b, file->data, file->len);
		buf_printf(&b, "\r\n--%s--\r\n", outer);
	}
	return buf_steal(&b);
}

/* The whole mail of d, headers and both parts, CRLF line ends. */
char *
render_mail(const struct digest *d, const char *from, const char *to)
{
	struct buf text = BUF_INIT, html = BUF_INIT;
	struct item_text *t = itemtext_init(d);
	char *subject = render_subject(d),
	    *unit = itemtext_clean(render_addressee(d->unit), true);
	struct slot *slots = xcalloc(d->nitems + 1, sizeof(*slots));
	bool one_plan = mail_layout(d, t, slots);
	char *mail;

	mail_text(&text, d, unit, t, slots, one_plan);
	mail_html(&html, d, unit, subject, t, slots, one_plan);
	mail = mail_compose(from, to, subject, d->generated_at, d->id, &text,
	    &html);
	buf_free(&text);
	buf_free(&html);
	free(slots);
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
