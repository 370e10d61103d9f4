/* render: the text of a notice.  One digest (the items due for one unit
 * in one pass) becomes a mail (render_mail.c), the generic webhook's JSON
 * body, or markdown parts for the chat robots (render_robot.c puts them
 * in each robot's JSON); this file holds the subject, the item texts all
 * formats share, how each level looks, the JSON and the markdown.
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
#include "deliver/itemtext.h"
#include "plan/units.h"


/* What each stage is called in a notice and in the subject's summary,
 * most urgent first (the summary's order), with its colour in HTML;
 * `dated` stages say everything with the days left ("已逾期 3 天");
 * `approval` ones go to the approver, their link to the approval page. */
static const struct {
	const char *stage;
	const char *label;
	const char *summary;
	const char *colour;
	bool dated;
	bool approval;
} stages[] = {
	{ "overdue", "已逾期", "逾期", "#c62828", true, false },
	{ "escalation", "督办（尚未确认收到）", "未确认收到", "#b26a00",
	    false, false },
	{ "returned", "办结报告被退回", "退回", "#ef6c00", false, false },
	{ "behind", "进展逾期未报", "进展未报", "#b26a00", false, false },
	{ "due", "今天到期", "今天到期", "#d84315", true, false },
	{ "lead", "即将到期", "即将到期", "#1565c0", false, false },
	{ "checkin", "需报送阶段进展", "需报进展", "#2e7d32", false, false },
	{ "report", "请报告进展", "待报进展", "#1565c0", false, false },
	{ "extension", "申请延期（待审批）", "延期申请", "#1565c0", false,
	    true },
	{ "completion", "办结报告（待审核）", "待审核", "#1565c0", false,
	    true },
	{ "rejected", "延期申请未获批准", "延期未获批准", "#d84315", false,
	    false },
	{ "approved", "延期申请已批准", "延期获批", "#2e7d32", false, false },
	{ "confirmed", "已审核销号", "销号", "#2e7d32", false, false },
};

/* How each level (plan/notice.h) looks, the one home of its colours:
 * a mail's band (background, text), its colour's name for those who
 * cannot tell the colours apart, Feishu's card header template, and
 * WeCom markdown's font colour (WeCom has only info green, comment grey
 * and warning orange-red: 提醒 is info, 督办 and 催办 warning, 催办's
 * whole heading so, 督办's label only). */
static const struct level_look looks[] = {
	[LEVEL_REMIND] = { "#1565c0", "#ffffff", "蓝色", "blue", "info",
	    false },
	[LEVEL_PRESS] = { "#f9a825", "#1f2329", "黄色", "yellow", "warning",
	    false },
	[LEVEL_URGE] = { "#c62828", "#ffffff", "红色", "red", "warning",
	    true },
};

const struct level_look *
level_look(enum level l)
{
	return &looks[(size_t)l < ARRAY_LEN(looks) ? l : LEVEL_REMIND];
}

enum level
item_level(const struct notice_item *it)
{
	enum stage s;

	return it->stage != NULL && stage_from_name(it->stage, &s) ?
	    stage_level(s) : LEVEL_REMIND;
}

enum level
digest_level(const struct digest *d)
{
	enum level l = LEVEL_REMIND;
	size_t i;

	for (i = 0; i < d->nitems; i++)
		if (item_level(&d->items[i]) > l)
			l = item_level(&d->items[i]);
	return l;
}

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
char *
itemtext_clean(const char *s, bool oneline)
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

char *
itemtext_cut(char *s, size_t max)
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

/* The row of stages[] for stage, or -1 for an unknown stage. */
static int
stage_index(const char *stage)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(stages); i++)
		if (stage != NULL && strcmp(stage, stages[i].stage) == 0)
			return (int)i;
	return -1;
}

bool
item_is_approval(const struct notice_item *it)
{
	int k = stage_index(it->stage);

	return k >= 0 && stages[k].approval;
}

/* "6月30日", with the year when it is not the plan's. */
static void
put_day(struct buf *b, int day, int year)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (y != year)
		buf_printf(b, "%d年", y);
	buf_printf(b, "%d月%d日", m, d);
}

/* The deadline in words and date: "6月底前（截止 2021-06-30）", or
 * whichever half there is.  An ongoing item's is its year end, not the
 * day of the check-in the notice is about: "全年持续（年底 12月31日
 * 截止）". */
static char *
when_text(const struct notice_item *it, const char *deadline)
{
	struct buf b = BUF_INIT;
	char due[11];

	if (it->kind == DL_ONGOING && it->deadline_due != DATE_NONE) {
		if (*deadline == '\0' || strcmp(deadline, "全年") == 0)
			buf_puts(&b, "全年持续（年底 ");
		else
			buf_printf(&b, "%s（全年持续，年底 ", deadline);
		put_day(&b, it->deadline_due, it->year);
		buf_puts(&b, " 截止）");
		return buf_steal(&b);
	}
	buf_puts(&b, deadline);
	date_format(it->due, due);
	if (due[0] != '\0')
		buf_printf(&b, *deadline != '\0' ? "（截止 %s）" : "%s", due);
	return buf_steal(&b);
}

/* What the notice asks, with the days left: "即将到期，剩余 7 天",
 * "已逾期 3 天"; for a check-in, by when: "请于 6月30日前报送阶段进展
 * （剩余 7 天）"; for a report request, "请于6月25日前报告进展", and
 * when it is missing past that date, "应于6月25日前报告进展，尚未报送，
 * 请尽快报告".  label is the stage's name. */
static char *
state_text(const struct notice_item *it, const char *label)
{
	struct buf b = BUF_INIT, days = BUF_INIT;
	int k = stage_index(it->stage);

	if (it->due != DATE_NONE) {
		if (it->days_left > 0)
			buf_printf(&days, "剩余 %d 天", it->days_left);
		else if (it->days_left == 0)
			buf_puts(&days, "今天到期");
		else
			buf_printf(&days, "已逾期 %lld 天",
			    -(long long)it->days_left);
	}
	if (it->report_by != DATE_NONE && k >= 0 &&
	    strcmp(stages[k].stage, "report") == 0) {
		buf_puts(&b, "请于");
		put_day(&b, it->report_by, it->year);
		buf_puts(&b, "前报告进展");
	} else if (it->report_by != DATE_NONE && k >= 0 &&
	    strcmp(stages[k].stage, "behind") == 0) {
		buf_puts(&b, "应于");
		put_day(&b, it->report_by, it->year);
		buf_puts(&b, "前报告进展，尚未报送，请尽快报告");
	} else if (k >= 0 && strcmp(stages[k].stage, "checkin") == 0) {
		buf_puts(&b, "请");
		if (it->due != DATE_NONE) {
			buf_puts(&b, "于 ");
			put_day(&b, it->due, it->year);
			buf_puts(&b, "前");
		}
		buf_puts(&b, "报送阶段进展");
		if (days.len > 0)
			buf_printf(&b, "（%s）", buf_str(&days));
	} else if (k >= 0 && stages[k].dated && days.len > 0)
		buf_puts(&b, buf_str(&days));
	else {
		buf_puts(&b, label);
		if (days.len > 0)
			buf_printf(&b, "%s%s", b.len > 0 ? "，" : "",
			    buf_str(&days));
	}
	buf_free(&days);
	return buf_steal(&b);
}

/* Whether url may become a link: http or https only, so that nothing
 * else (javascript:, data:) is ever made clickable. */
bool
itemtext_linkable(const char *url)
{
	return strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0;
}

/* Fill t from it. */
static void
item_text_init(struct item_text *t, const struct notice_item *it)
{
	char *deadline;
	int k = stage_index(it->stage);

	memset(t, 0, sizeof(*t));
	t->plan = itemtext_clean(it->plan_title, true);
	t->task = itemtext_clean(it->task, true);
	t->measure = itemtext_clean(it->measure, true);
	deadline = itemtext_clean(it->deadline_text, true);
	t->when = when_text(it, deadline);
	free(deadline);
	/* An unknown stage is shown as it is, cleaned, after the others. */
	t->label = k >= 0 ? xstrdup(stages[k].label) :
	    itemtext_clean(it->stage, true);
	t->rank = k >= 0 ? k : (int)ARRAY_LEN(stages);
	t->state = state_text(it, t->label);
	if (it->note != NULL && *it->note != '\0') {
		char *note = itemtext_clean(it->note, true);
		char *s = xasprintf("%s；%s", t->state, note);

		free(note);
		free(t->state);
		t->state = s;
	}
	t->role = role_label(it->role);
	t->colour = k >= 0 ? stages[k].colour : "#1f2329";
	t->approval = item_is_approval(it);
	t->link = t->approval ? "审批链接" : "确认链接";
	t->button = t->approval ? "审批" : "确认收到";
	if (it->about != NULL)
		t->about = itemtext_clean(it->about, true);
	if (it->ack_url != NULL) {
		t->ack = itemtext_clean(it->ack_url, true);
		t->ack_link = itemtext_linkable(t->ack);
	}
}

/* Free what item_text_init allocated. */
static void
item_text_free(struct item_text *t)
{
	free(t->plan);
	free(t->task);
	free(t->measure);
	free(t->when);
	free(t->state);
	free(t->label);
	free(t->ack);
	free(t->about);
}

/* Cleaned texts of every item of d (free with items_free). */
struct item_text *
itemtext_init(const struct digest *d)
{
	struct item_text *t;
	size_t i;

	t = xcalloc(d->nitems > 0 ? d->nitems : 1, sizeof(*t));
	for (i = 0; i < d->nitems; i++)
		item_text_init(&t[i], &d->items[i]);
	return t;
}

/* Free n item texts and their array. */
void
itemtext_free(struct item_text *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		item_text_free(&t[i]);
	free(t);
}

/* Whether a and b are both NULL or the same string. */
static bool
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether items a and b stand under one heading: plan and task. */
bool
itemtext_same_task(const struct notice_item *a, const struct notice_item *b)
{
	return a->task_no == b->task_no && same_str(a->task, b->task) &&
	    same_str(a->plan_title, b->plan_title);
}

/* "（1 项逾期，3 项需报进展）", most urgent first. */
void
itemtext_put_summary(struct buf *b, const struct digest *d)
{
	size_t i, j, n;
	bool first = true;

	for (i = 0; i < ARRAY_LEN(stages); i++) {
		for (n = j = 0; j < d->nitems; j++)
			if (d->items[j].stage != NULL &&
			    strcmp(d->items[j].stage, stages[i].stage) == 0)
				n++;
		if (n == 0)
			continue;
		buf_printf(b, "%s%zu 项%s", first ? "（" : "，", n,
		    stages[i].summary);
		first = false;
	}
	if (!first)
		buf_puts(b, "）");
}

/* "【督办】UNIT：N 项事项（counts by stage）", one line, unit cut
 * short: the level first, for a recipient to read before the rest. */
const char *
render_addressee(const char *name)
{
	return strcmp(name, "admin") == 0 ? "系统管理员" :
	    strcmp(name, "supervisors") == 0 ? "督办部门" : name;
}

char *
render_subject(const struct digest *d)
{
	struct buf b = BUF_INIT;
	char *unit;

	unit = itemtext_cut(itemtext_clean(render_addressee(d->unit), true),
	    SUBJECT_UNIT_MAX);
	buf_printf(&b, "【%s】%s：%zu 项事项", level_label(digest_level(d)),
	    unit, d->nitems);
	free(unit);
	itemtext_put_summary(&b, d);
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
	c = itemtext_clean(s, false);
	json_put_str(b, c);
	free(c);
}

/* Append the "level" and "level_label" members of level l. */
static void
put_json_level(struct buf *b, enum level l)
{
	buf_printf(b, ", \"level\": \"%s\", \"level_label\": \"%s\"",
	    level_name(l), level_label(l));
}

/* The generic webhook body of d, in the documented key order. */
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
	put_json_level(&b, digest_level(d));
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
		put_json_level(&b, item_level(it));
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

void
md_item_init(struct md_item *m, const struct notice_item *it,
    const struct item_text *t)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_printf(&b, "**任务 %d：%s**\n措施：%s\n完成时限：%s\n"
	    "阶段：%s｜角色：%s", it->task_no, t->task, t->measure, t->when,
	    t->state, t->role);
	if (t->about != NULL)
		buf_printf(&b, "｜未确认单位：%s", t->about);
	m->head = buf_steal(&b);
	m->ack = NULL;
	if (t->ack == NULL)
		return;
	if (!t->ack_link) {
		m->ack = xasprintf("%s：%s", t->link, t->ack);
		return;
	}
	/* Characters that would end the link's destination are escaped. */
	buf_printf(&b, "[%s](", t->button);
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
	buf_add(b, s, utf8_cut(s, len, max));
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

size_t
markdown_parts(const char *subject, const struct md_item *m, size_t nitems,
    size_t max_bytes, char ***parts)
{
	static const char head[] = "### ", cont[] = "（第 / 部分）", sep[] = "\n\n";
	struct strv bodies = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct buf b = BUF_INIT;
	size_t i, ndig, fixed, slen, hlen, n;

	/* Everything in one part, when it fits. */
	buf_printf(&b, "%s%s", head, subject);
	for (i = 0; i < nitems; i++) {
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

	/* Several: each part's title says which part it is, "（第 k/n 部分）",
	 * with room reserved for numbers of ndig digits, and ndig grows until
	 * n fits in it. */
	slen = strlen(subject);
	for (ndig = 1;; ndig++) {
		fixed = strlen(head) + strlen(cont) + 2 * ndig + strlen(sep);
		hlen = fixed + slen;
		if (hlen > max_bytes / 2) {
			/* A tiny max_bytes: the subject is cut, and with no
			 * room even for the numbering there is no title. */
			slen = fixed < max_bytes / 2 ?
			    utf8_cut(subject, strlen(subject),
			    max_bytes / 2 - fixed) : 0;
			hlen = slen > 0 ? fixed + slen : 0;
		}
		strv_free(&bodies);
		md_pack(m, nitems, max_bytes - hlen, &bodies);
		if (ndigits(bodies.n) <= ndig)
			break;
	}
	for (i = 0; i < bodies.n; i++) {
		buf_reset(&b);
		if (hlen > 0) {
			buf_puts(&b, head);
			buf_add(&b, subject, slen);
			if (bodies.n > 1)
				buf_printf(&b, "（第 %zu/%zu 部分）", i + 1,
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
	return n;
}

size_t
digest_markdown(const struct digest *d, const char *title, size_t max_bytes,
    bool links, char ***parts)
{
	struct item_text *t = itemtext_init(d);
	struct md_item *m;
	size_t i, n;

	m = xcalloc(d->nitems > 0 ? d->nitems : 1, sizeof(*m));
	for (i = 0; i < d->nitems; i++) {
		md_item_init(&m[i], &d->items[i], &t[i]);
		if (!links) {
			free(m[i].ack);
			m[i].ack = NULL;
		}
	}
	n = markdown_parts(title, m, d->nitems, max_bytes, parts);
	for (i = 0; i < d->nitems; i++) {
		free(m[i].head);
		free(m[i].ack);
	}
	free(m);
	itemtext_free(t, d->nitems);
	return n;
}

/* Markdown parts of at most max_bytes each; see render.h. */
size_t
render_markdown(const struct digest *d, size_t max_bytes, char ***parts)
{
	char *subject = render_subject(d);
	size_t n = digest_markdown(d, subject, max_bytes, true, parts);

	free(subject);
	return n;
}

size_t
render_for_channel(const struct digest *d, enum channel_kind kind,
    const char *from, const char *to, char ***parts)
{
	const struct channel_info *ch = channel_info(kind);

	if (ch->form == FORM_MARKDOWN)
		return render_robot(d, kind, parts);
	*parts = xcalloc(1, sizeof(**parts));
	(*parts)[0] = ch->form == FORM_JSON ? render_json(d) :
	    render_mail(d, from != NULL ? from : RENDER_DEFAULT_FROM, to);
	return 1;
}
