/*
 * prose: a plan written without a task table (README, "Importing
 * plans"): sections (一、…), numbered headings ((一)…, 1.…) and measures,
 * each a paragraph that ends with its units, and perhaps its deadline,
 * in brackets: "1.加强执法。开展专项行动。（牵头单位：执法处；配合单位：
 * 各市市场监督管理局；完成时限：6月底前）".
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "plan/columns.h"
#include "plan/prose.h"

/* A paragraph read. */
struct para {
	char *text;		/* whole, lines joined */
	const char *loc;
	size_t body;		/* bytes before its note; 0: no measure */
	char *units, *deadline;	/* the note's parts (measures only) */
};

/* Whether the n bytes at t end with s. */
static bool
ends_at(const char *t, size_t n, const char *s)
{
	size_t k = strlen(s);

	return n >= k && memcmp(t + n - k, s, k) == 0;
}

/* Where the bracketed note that ends t opens, or NULL: t ends in ）or )
 * (。 ； . ; or spaces after it aside), matched back over nested
 * brackets; *close is where it ends. */
static const char *
note_open(const char *t, const char **close)
{
	static const char *const trail[] = { "。", "；", ".", ";", " " };
	size_t n = strlen(t), k;
	int depth = 0;

	for (;;) {
		for (k = 0; k < ARRAY_LEN(trail) && !ends_at(t, n, trail[k]); k++)
			;
		if (k == ARRAY_LEN(trail))
			break;
		n -= strlen(trail[k]);
	}
	if (!ends_at(t, n, "）") && !ends_at(t, n, ")"))
		return NULL;
	*close = t + n;
	while (n > 0) {
		if (ends_at(t, n, "）") || ends_at(t, n, ")"))
			depth++;
		else if ((ends_at(t, n, "（") || ends_at(t, n, "(")) &&
		    --depth == 0)
			return t + n - (t[n - 1] == '(' ? 1 : strlen("（"));
		/* Back one character. */
		do
			n--;
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80);
	}
	return NULL;
}

/* Where the text inside the note [open, close) starts, and in *end where
 * it ends. */
static const char *
note_inside(const char *open, const char *close, const char **end)
{
	const char *in = open + (*open == '(' ? 1 : strlen("（"));

	*end = close - (close[-1] == ')' ? 1 : strlen("）"));
	if (*end < in)
		*end = in;
	return in;
}

/* The column a piece's label names ("牵头单位：甲"), -1 for none; *value
 * is past its colon. */
static int
piece_label(const char *piece, const char **value)
{
	const char *colon = strstr(piece, "：");
	size_t clen = strlen("：");
	char *label;
	int col;

	if (colon == NULL && (colon = strchr(piece, ':')) != NULL)
		clen = 1;
	if (colon == NULL || colon == piece || colon - piece > 24)
		return -1;
	label = xstrndup(piece, (size_t)(colon - piece));
	col = plan_column(label);
	free(label);
	*value = colon + clen;
	return col;
}

/* The separators of a note's pieces. */
static const char *const note_seps[] = { "；", "，", ";", "," };

/* The length of the piece at p (before end), and in *sep the separator
 * after it ("" at the end). */
static size_t
piece_len(const char *p, const char *end, const char **sep)
{
	size_t n;

	for (n = 0; p + n < end; n++)
		for (size_t k = 0; k < ARRAY_LEN(note_seps); k++)
			if (text_starts(p + n, note_seps[k], NULL)) {
				*sep = note_seps[k];
				return n;
			}
	*sep = "";
	return n;
}

/* Whether a units text marks a role (甲牵头，乙配合): units, not a
 * remark (（以下简称“中心”）). */
static bool
marks_roles(const char *text)
{
	struct unit_ref *u;
	size_t n = units_parse(text, &u);
	bool marked = false;

	for (size_t i = 0; i < n; i++)
		marked |= u[i].role != ROLE_RESPONSIBLE;
	units_free(u, n);
	return marked;
}

/* Read the note [open, close) into pa: of its pieces, a deadline label's
 * value, or one the grammar reads, is the deadline, the rest (with their
 * separators) the units.  Whether it names units: by a label of the
 * units columns, a marker's role (甲牵头) or beside a deadline. */
static bool
read_note(const char *open, const char *close, struct para *pa)
{
	struct buf units = BUF_INIT;
	const char *p, *end, *value, *sep, *last = "";
	bool labelled = false, named;
	int col;

	p = note_inside(open, close, &end);
	for (; p < end; p += strlen(sep)) {
		size_t n = piece_len(p, end, &sep);
		char *piece = xstrndup(p, n);

		p += n;
		col = piece_label(piece, &value);
		if (col == COL_DEADLINE && pa->deadline == NULL)
			pa->deadline = xstrdup(value);
		else if (col == -1 && pa->deadline == NULL && n > 0 &&
		    deadline_parse(piece, DEADLINE_ANY_YEAR).kind != DL_UNKNOWN)
			pa->deadline = xstrdup(piece);
		else if (n > 0) {
			labelled |= col == COL_UNITS || col == COL_LEAD ||
			    col == COL_SUPPORT;
			buf_printf(&units, "%s%s", units.len > 0 ? last : "",
			    piece);
		}
		last = sep;
		free(piece);
	}
	named = units.len > 0 && (labelled || pa->deadline != NULL ||
	    marks_roles(buf_str(&units)));
	if (named)
		pa->units = xstrdup(buf_str(&units));
	else {
		free(pa->deadline);
		pa->deadline = NULL;
	}
	buf_free(&units);
	return named;
}

/* How t's number is written, so that a measure numbered as the heading
 * above it is its sibling, not under it: 0 for none, else whether in
 * brackets (2) and in Chinese numerals (1). */
static int
item_style(const char *t)
{
	const char *rest, *p = t;

	if (plan_item_number(t, &rest) < 0)
		return 0;
	if (text_starts(t, "（", &p) || text_starts(t, "(", &p))
		return 2 + (*p < '0' || *p > '9');
	return 1 + (*p < '0' || *p > '9');
}

/* Whether t starts a paragraph: a section or a number. */
static bool
starts_item(const char *t)
{
	const char *rest;

	return plan_is_section(t) || plan_item_number(t, &rest) >= 0;
}

/* Read pa's note, or the one before a note that is its deadline alone
 * (…。（责任单位：甲）（6月底前完成）); without a deadline in a note,
 * the deadline its text ends with (…，6月底前完成。（责任单位：甲）). */
static void
read_notes(struct para *pa)
{
	const char *open, *close, *o, *c;
	char *head, *due;

	if ((open = note_open(pa->text, &close)) == NULL)
		return;
	if (!read_note(open, close, pa)) {
		o = note_inside(open, close, &c);
		due = xstrndup(o, (size_t)(c - o));
		head = xstrndup(pa->text, (size_t)(open - pa->text));
		o = note_open(head, &c);
		open = o != NULL ? pa->text + (o - head) : NULL;
		close = o != NULL ? pa->text + (c - head) : NULL;
		free(head);
		if (open == NULL || deadline_parse(due, DEADLINE_ANY_YEAR).kind ==
		    DL_UNKNOWN || !read_note(open, close, pa)) {
			free(due);
			return;
		}
		free(pa->deadline);
		pa->deadline = due;
	}
	pa->body = (size_t)(open - pa->text);
	if (pa->deadline == NULL) {
		head = xstrndup(pa->text, pa->body);
		pa->deadline = deadline_in_text(head, DEADLINE_ANY_YEAR);
		free(head);
	}
}

/* A paragraph a page's wrapping made of lines is joined up to this many
 * bytes: a longer one is no measure, and joining costs no more. */
#define JOIN_MAX 8192

/* Whether t has a bracket it does not close (a note going on). */
static bool
bracket_open(const char *t)
{
	int depth = 0;

	for (const char *p = t; *p != '\0'; p++)
		if (*p == '(' || text_starts(p, "（", NULL))
			depth++;
		else if ((*p == ')' || text_starts(p, "）", NULL)) && depth > 0)
			depth--;
	return depth > 0;
}

/* Whether t ends a sentence, or a heading's colon: a line that does not
 * was wrapped in mid-sentence.  (Not ”: 落实“双减” goes on.) */
static bool
ends_sentence(const char *t)
{
	static const char *const ends[] = {
		"。", "！", "？", "；", "：", "）", ")", ".", "!", "?", ";",
		":",
	};
	size_t n = strlen(t);

	while (n > 0 && t[n - 1] == ' ')
		n--;
	for (size_t k = 0; k < ARRAY_LEN(ends); k++)
		if (ends_at(t, n, ends[k]))
			return true;
	return false;
}

/* Whether line t, which starts no item, goes on with the paragraph cur
 * of a document whose lines a page wraps (a PDF, a text file): unless
 * cur ends with its note, when cur is an item (the lines of a numbered
 * paragraph), or in the body (below the first item) when cur has a
 * bracket open, stops in mid-sentence, or t opens cur's note.  The title
 * and what comes before it go line by line. */
static bool
goes_on(const char *cur, const char *t, bool body)
{
	const char *close;

	if (note_open(cur, &close) != NULL)
		return false;
	return starts_item(cur) || (body && (bracket_open(cur) ||
	    !ends_sentence(cur) || text_starts(t, "（", NULL) || *t == '('));
}

/* d's paragraphs (page numbers aside), lines joined where the document
 * wraps them (goes_on), each measure's note read. */
static struct para *
paragraphs(const struct table_doc *d, size_t *np)
{
	struct para *ps = NULL;
	struct buf cur = BUF_INIT;
	size_t n = 0, cap = 0;
	const char *loc = NULL;
	bool body = false;	/* an item seen: below the title */

	for (size_t i = 0; i <= d->nrows; i++) {
		const struct trow *r = i < d->nrows ? &d->rows[i] : NULL;
		const char *t = NULL;

		if (r != NULL && (r->kind != TROW_PARAGRAPH ||
		    r->ncells != 1 || text_blank(t = r->cells[0].text) ||
		    plan_is_page_number(t)))
			continue;
		if (t != NULL && loc != NULL && !d->breaks_typed &&
		    !starts_item(t) && cur.len < JOIN_MAX &&
		    goes_on(buf_str(&cur), t, body)) {
			plan_join_line(&cur, t, false);
			continue;
		}
		body = body || starts_item(buf_str(&cur));
		if (loc != NULL) {
			ps = xgrow(ps, &cap, n + 1, sizeof(*ps));
			ps[n++] = (struct para){ text_squash(buf_str(&cur)), loc,
			    0, NULL, NULL };
		}
		buf_reset(&cur);
		if (t != NULL)
			buf_puts(&cur, t);
		loc = r != NULL ? r->loc : NULL;
	}
	buf_free(&cur);
	for (size_t i = 0; i < n; i++)
		read_notes(&ps[i]);
	*np = n;
	return ps;
}

static void
paragraphs_free(struct para *ps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ps[i].text);
		free(ps[i].units);
		free(ps[i].deadline);
	}
	free(ps);
}

/* The plan's title: of the paragraphs above the first item (those after
 * an 附件 line, when there is one), the first that names a year, else
 * the first; else "". */
static const char *
title_of(const struct para *ps, size_t n)
{
	const char *title = "", *dated = NULL;

	for (size_t i = 0; i < n && ps[i].body == 0 &&
	    !starts_item(ps[i].text); i++) {
		if (plan_is_annex(ps[i].text)) {
			title = "";
			dated = NULL;
		} else if (*title == '\0')
			title = ps[i].text;
		if (dated == NULL && plan_year_in(ps[i].text) != 0)
			dated = ps[i].text;
	}
	return dated != NULL ? dated : title;
}

/* A numbered paragraph without a note: the task of the measures under
 * it, made at the first. */
struct heading {
	char *title;		/* NULL: none */
	const char *loc;
	int style;		/* item_style */
	struct plan_task *task;
};

/* The heading ends (a section or another heading follows); one that no
 * measure followed is left out, with a warning. */
static void
end_heading(struct plan *p, struct heading *h)
{
	if (h->title != NULL && h->task == NULL)
		plan_warn_at(p, h->loc, "a numbered paragraph without units in "
		    "brackets, and no measure under it (\"%s\"): left out",
		    h->title);
	free(h->title);
	*h = (struct heading){ NULL, NULL, 0, NULL };
}

/* Add the measure paragraph pa: to the heading above it, else as a task
 * of its own, titled by its first sentence when more follow
 * ("加强执法。开展专项行动。": when numbered, it heads the measures after
 * it too). */
static void
add_measure(struct plan *p, struct heading *h, const char *section,
    const struct para *pa)
{
	char *body = xstrndup(pa->text, pa->body), *title;
	const char *rest, *stop, *measure;
	struct plan_task *t;

	if (plan_item_number(body, &rest) < 0)
		rest = body;
	measure = rest;
	if (h->title != NULL && item_style(body) == h->style)
		end_heading(p, h);
	if (h->title != NULL && h->task == NULL)
		h->task = plan_add_task_at(p, (int)p->ntasks + 1, section,
		    h->title, h->loc);
	if ((t = h->task) == NULL) {
		stop = strstr(rest, "。");
		if (stop != NULL && !text_blank(stop + strlen("。"))) {
			title = xstrndup(rest, (size_t)(stop - rest));
			measure = stop + strlen("。");
		} else {
			title = xstrdup(rest);
			if (text_ends(title, "。"))
				title[strlen(title) - strlen("。")] = '\0';
		}
		t = plan_add_task_at(p, (int)p->ntasks + 1, section, title,
		    pa->loc);
		/* A numbered one titled by its first sentence heads the
		 * measures after it, as a heading would (a PDF's heading
		 * joined to its first measure's lines: （一）加强执法。开展专项
		 * 行动。（…）, then 建立协作机制（…）). */
		if (rest != body && measure != rest)
			*h = (struct heading){ title, pa->loc, item_style(body),
			    t };
		else
			free(title);
	}
	plan_add_measure_at(t, measure, pa->deadline != NULL ? pa->deadline :
	    "", pa->units, pa->loc);
	free(body);
}

int
prose_plan(const struct table_doc *d, struct plan **out, struct error *err)
{
	struct plan *p;
	struct heading h = { NULL, NULL, 0, NULL };
	struct para *ps;
	const char *rest;
	char *section = xstrdup("");
	size_t n, i;

	ps = paragraphs(d, &n);
	for (i = 0; i < n && ps[i].body == 0; i++)
		;
	*out = NULL;
	if (i == n) {
		paragraphs_free(ps, n);
		free(section);
		return error_set(err, EXIT_DATAERR, "%s: no task table found: "
		    "no table row names the columns 落实举措 (or 具体措施, "
		    "工作措施) and 责任单位 (or 牵头单位, 责任部门), with 完成时限 "
		    "(or 完成时间, 时间节点), and no paragraph ends with its "
		    "units in brackets (…（责任单位：…）)%s%s", d->source,
		    d->nwarnings > 0 ? "; " : "", d->nwarnings > 0 ?
		    d->warnings[0].msg : "");
	}
	p = plan_new(d->source);
	for (i = 0; i < d->nwarnings; i++)
		plan_warn_at(p, d->warnings[i].loc, "%s", d->warnings[i].msg);
	free(p->title);
	p->title = xstrdup(title_of(ps, n));
	p->year = plan_year_in(p->title);
	/* Its tables name no task table's columns: say they are left out. */
	for (i = 0; i < d->nrows && d->rows[i].kind != TROW_CELLS; i++)
		;
	if (i < d->nrows)
		plan_warn_at(p, d->rows[i].loc, "a table whose header names no "
		    "task table's columns (落实举措, 责任单位, 完成时限 …) is "
		    "left out: the plan is read from the paragraphs");
	for (i = 0; i < n; i++) {
		if (ps[i].body > 0)
			add_measure(p, &h, section, &ps[i]);
		else if (plan_is_section(ps[i].text)) {
			end_heading(p, &h);
			free(section);
			section = xstrdup(ps[i].text);
		} else if (plan_item_number(ps[i].text, &rest) >= 0) {
			end_heading(p, &h);
			h = (struct heading){ xstrdup(rest), ps[i].loc,
			    item_style(ps[i].text), NULL };
			if (text_ends(h.title, "。"))
				h.title[strlen(h.title) - strlen("。")] = '\0';
		}
	}
	end_heading(p, &h);
	paragraphs_free(ps, n);
	free(section);
	*out = p;
	return 0;
}
