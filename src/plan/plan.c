/* plan: the in-memory work plan and its construction. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "plan/plan.h"
#include "base/text.h"

struct plan *
plan_new(const char *source)
{
	struct plan *p = xcalloc(1, sizeof(*p));

	p->source = xstrdup(source != NULL ? source : "-");
	p->title = xstrdup("");
	p->arena = arena_new();
	return p;
}

static void
measure_free(struct plan_measure *m)
{
	free(m->loc);
	free(m->deadline_loc);
}

void
plan_free(struct plan *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->ntasks; i++) {
		for (j = 0; j < p->tasks[i].nmeasures; j++)
			measure_free(&p->tasks[i].measures[j]);
		free(p->tasks[i].measures);
		free(p->tasks[i].section);
		free(p->tasks[i].title);
		free(p->tasks[i].loc);
	}
	for (i = 0; i < p->nwarnings; i++) {
		free(p->warnings[i].loc);
		free(p->warnings[i].msg);
	}
	free(p->tasks);
	free(p->warnings);
	free(p->units_order_loc);
	free(p->restart_loc);
	free(p->title);
	free(p->source);
	arena_free(p->arena);
	free(p);
}

void
plans_free(struct plan **plans, size_t n)
{
	for (size_t i = 0; plans != NULL && i < n; i++)
		plan_free(plans[i]);
	free(plans);
}

int
plan_loc_line(const char *loc)
{
	size_t n = loc != NULL ? strspn(loc, "0123456789") : 0;

	return n > 0 && n <= 9 && loc[n] == '\0' ? atoi(loc) : 0;
}

void
plan_set_loc(char **field, const char *loc)
{
	free(*field);
	*field = loc != NULL && *loc != '\0' ? xstrdup(loc) : NULL;
}

/* A line as a place: "12", or NULL for 0, in buf. */
static const char *
line_loc(char *buf, size_t size, int line)
{
	if (line <= 0)
		return NULL;
	snprintf(buf, size, "%d", line);
	return buf;
}

struct plan_task *
plan_add_task_at(struct plan *p, int no, const char *section,
    const char *title, const char *loc)
{
	struct plan_task *t;

	p->tasks = xgrow(p->tasks, &p->cap, p->ntasks + 1, sizeof(*p->tasks));
	t = &p->tasks[p->ntasks++];
	memset(t, 0, sizeof(*t));
	t->no = no;
	t->arena = p->arena;
	t->section = text_squash(section != NULL ? section : "");
	t->title = text_squash(title != NULL ? title : "");
	t->line = plan_loc_line(loc);
	plan_set_loc(&t->loc, loc);
	return t;
}

struct plan_task *
plan_add_task(struct plan *p, int no, const char *section, const char *title,
    int line)
{
	char buf[16];

	return plan_add_task_at(p, no, section, title,
	    line_loc(buf, sizeof(buf), line));
}

void
plan_reserve_measures(struct plan_task *t, size_t n)
{
	if (n <= t->cap)
		return;
	t->measures = xrealloc(t->measures, n * sizeof(*t->measures));
	t->cap = n;
}

/* s with its whitespace folded (text_squash), in arena a: a copy of its
 * own or, shared, the arena's one copy; NULL for NULL. */
static const char *
squash_into(struct arena *a, const char *s, bool shared)
{
	char *folded;
	const char *out;

	if (s == NULL)
		return NULL;
	folded = text_squash(s);
	out = shared ? arena_intern(a, folded) : arena_strdup(a, folded);
	free(folded);
	return out;
}

struct plan_measure *
plan_add_measure_at(struct plan_task *t, const char *text,
    const char *deadline_text, const char *units_text, const char *loc)
{
	struct plan_measure *m;

	t->measures = xgrow(t->measures, &t->cap, t->nmeasures + 1,
	    sizeof(*t->measures));
	m = &t->measures[t->nmeasures++];
	memset(m, 0, sizeof(*m));
	m->text = squash_into(t->arena, text, false);
	m->deadline_text = squash_into(t->arena, deadline_text, true);
	m->units_text = squash_into(t->arena, units_text, true);
	m->deadline.kind = DL_UNKNOWN;
	m->deadline.due = DATE_NONE;
	m->line = plan_loc_line(loc);
	plan_set_loc(&m->loc, loc);
	plan_set_loc(&m->deadline_loc, loc);
	return m;
}

void
plan_set_text(struct plan *p, struct plan_measure *m, const char **field,
    const char *text)
{
	*field = squash_into(p->arena, text, field != &m->text);
}

struct plan_measure *
plan_add_measure(struct plan_task *t, const char *text,
    const char *deadline_text, const char *units_text, int line)
{
	char buf[16];

	return plan_add_measure_at(t, text, deadline_text, units_text,
	    line_loc(buf, sizeof(buf), line));
}

void
plan_set_units(struct plan *p, struct plan_measure *m,
    const struct unit_ref *u, size_t n)
{
	m->units = arena_alloc(p->arena, n * sizeof(*m->units));
	m->nunits = n;
	for (size_t i = 0; i < n; i++)
		m->units[i] = (struct unit_ref){ arena_intern(p->arena,
		    u[i].name), u[i].role, arena_intern(p->arena, u[i].group) };
}

static void PRINTF_LIKE(3, 0)
vwarn(struct plan *p, const char *loc, const char *fmt, va_list ap)
{
	struct plan_warning *w;

	p->warnings = xgrow(p->warnings, &p->wcap, p->nwarnings + 1,
	    sizeof(*p->warnings));
	w = &p->warnings[p->nwarnings++];
	w->loc = NULL;
	plan_set_loc(&w->loc, loc);
	if (vasprintf(&w->msg, fmt, ap) < 0)
		w->msg = xstrdup(fmt);
}

void
plan_warn_at(struct plan *p, const char *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(p, loc, fmt, ap);
	va_end(ap);
}

void
plan_warn(struct plan *p, int line, const char *fmt, ...)
{
	char buf[16];
	va_list ap;

	va_start(ap, fmt);
	vwarn(p, line_loc(buf, sizeof(buf), line), fmt, ap);
	va_end(ap);
}

void
plan_put_place(struct buf *b, const struct plan *p, const char *loc)
{
	buf_puts(b, p->source);
	if (loc != NULL && *loc != '\0')
		buf_printf(b, ":%s", loc);
}

void
plan_resolve(struct plan *p)
{
	struct plan_measure *m;
	struct unit_ref *u;
	size_t i, j, n;

	for (i = 0; i < p->ntasks; i++) {
		for (j = 0; j < p->tasks[i].nmeasures; j++) {
			m = &p->tasks[i].measures[j];
			m->deadline = deadline_parse(m->deadline_text, p->year);
			if (m->deadline.kind == DL_UNKNOWN &&
			    *m->deadline_text == '\0')
				plan_warn_at(p, m->deadline_loc, "measure has "
				    "no deadline (task %d); stored as unknown",
				    p->tasks[i].no);
			else if (m->deadline.kind == DL_UNKNOWN)
				plan_warn_at(p, m->deadline_loc,
				    "unrecognised deadline \"%s\" (task %d); "
				    "stored as unknown", m->deadline_text,
				    p->tasks[i].no);
			/* Overdue the day it is loaded: last year's plan's
			 * text left in (2025年底前 in 2026's)? */
			else if (m->deadline.due != DATE_NONE &&
			    m->deadline.due < date_from_ymd(p->year, 1, 1))
				plan_warn_at(p, m->deadline_loc, "deadline "
				    "\"%s\" (task %d) is before the plan's year "
				    "%d", m->deadline_text, p->tasks[i].no,
				    p->year);
			n = units_parse(m->units_text, &u);
			/* Roles the plan's note gives are written into the
			 * cell, so that an export reads back the same. */
			if (units_order_apply(p->units_order, u, n)) {
				char *t = units_write(u, n);

				m->units_text = arena_intern(p->arena, t);
				free(t);
			}
			plan_set_units(p, m, u, n);
			units_free(u, n);
			if (m->nunits == 0)
				plan_warn_at(p, m->loc, "measure names no "
				    "responsible unit (task %d)", p->tasks[i].no);
		}
	}
}

/* A task's number and the ordinal of its section, for finding repeats. */
struct task_no {
	int no;
	size_t section, i;
};

static int
cmp_task_no(const void *a, const void *b)
{
	const struct task_no *x = a, *y = b;

	if (x->no != y->no)
		return (x->no > y->no) - (x->no < y->no);
	return (x->i > y->i) - (x->i < y->i);
}

void
plan_number_through(struct plan *p)
{
	struct task_no *v;
	size_t i, section = 0, first = SIZE_MAX;

	if (p->ntasks < 2)
		return;
	v = xcalloc(p->ntasks, sizeof(*v));
	for (i = 0; i < p->ntasks; i++) {
		if (i > 0 && strcmp(p->tasks[i].section,
		    p->tasks[i - 1].section) != 0)
			section++;
		v[i] = (struct task_no){ p->tasks[i].no, section, i };
	}
	qsort(v, p->ntasks, sizeof(*v), cmp_task_no);
	for (i = 1; i < p->ntasks; i++) {
		if (v[i].no != v[i - 1].no)
			continue;
		/* Twice in one section is a mistake the import reports. */
		if (v[i].section == v[i - 1].section) {
			first = SIZE_MAX;
			break;
		}
		if (v[i].i < first)
			first = v[i].i;
	}
	free(v);
	if (first == SIZE_MAX)
		return;
	for (i = 0; i < p->ntasks; i++)
		p->tasks[i].no = (int)i + 1;
	free(p->restart_loc);
	p->restart_loc = p->tasks[first].loc != NULL ?
	    xstrdup(p->tasks[first].loc) : NULL;
}

size_t
plan_measure_count(const struct plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ntasks; i++)
		n += p->tasks[i].nmeasures;
	return n;
}

size_t
plan_unknown_count(const struct plan *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < p->ntasks; i++)
		for (j = 0; j < p->tasks[i].nmeasures; j++)
			n += p->tasks[i].measures[j].deadline.kind == DL_UNKNOWN;
	return n;
}

int
plan_number_prefix(const char *title, const char **rest)
{
	const char *p = title, *end = title + strlen(title), *at;
	int32_t cp;
	int no = 0, ndigits = 0;

	for (;;) {
		cp = p < end ? utf8_next(&p, end) : -1;
		if (cp >= '0' && cp <= '9')
			no = no * 10 + (cp - '0');
		else if (cp >= 0xFF10 && cp <= 0xFF19)	/* ０ … ９ */
			no = no * 10 + (cp - 0xFF10);
		else
			break;
		if (++ndigits > PLAN_TASK_NO_DIGITS)
			return -1;
	}
	if (ndigits == 0)
		return -1;
	if (cp == '.') {
		/* "1.5倍" starts with a number, not a task number. */
		if (p < end && *p >= '0' && *p <= '9')
			return -1;
	} else if (cp != 0xFF0E && cp != 0x3001)	/* ． 、 */
		return -1;
	while (p < end) {
		at = p;
		cp = utf8_next(&p, end);
		if (cp < 0 || !text_is_space((uint32_t)cp)) {
			p = at;
			break;
		}
	}
	if (*p == '\0')
		return -1;
	*rest = p;
	return no;
}

int
plan_item_number(const char *t, const char **rest)
{
	const char *p;
	size_t len;
	int n;

	if ((n = plan_number_prefix(t, rest)) >= 0)
		return n;
	if (!text_starts(t, "（", &p) && !text_starts(t, "(", &p))
		return -1;
	if ((n = text_number(p, &len)) < 0 || (!text_starts(p + len, "）",
	    rest) && !text_starts(p + len, ")", rest)))
		return -1;
	while (**rest == ' ')
		(*rest)++;
	return n;
}

int
plan_year_in(const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i + 4 <= n; i++) {
		if (!((s[i] == '1' && s[i + 1] == '9') ||
		    (s[i] == '2' && s[i + 1] == '0')))
			continue;
		if (!(s[i + 2] >= '0' && s[i + 2] <= '9' &&
		    s[i + 3] >= '0' && s[i + 3] <= '9'))
			continue;
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		if (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9')
			continue;
		return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
		    (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
	}
	return 0;
}

bool
plan_is_section(const char *s)
{
	static const char numerals[] = "一二三四五六七八九十";
	const char *p = s;
	bool any = false;

	while (*p != '\0') {
		size_t i;

		for (i = 0; i < sizeof(numerals) - 1; i += 3)
			if (strncmp(p, numerals + i, 3) == 0)
				break;
		if (i >= sizeof(numerals) - 1)
			break;
		p += 3;
		any = true;
	}
	return any && strncmp(p, "、", strlen("、")) == 0 &&
	    p[strlen("、")] != '\0';
}

/* A note's label is at most this many characters (填表说明, 联系电话). */
#define NOTE_LABEL 6

bool
plan_is_note(const char *s)
{
	char *f = text_fold(s), *colon = strchr(f, ':');
	const char *p = f;
	size_t n = 0;
	bool yes = colon != NULL && colon > f;

	/* Folded, "：" is ':' and spaces are gone.  The label is words:
	 * no figure, no punctuation (a sentence is no label). */
	while (yes && p < colon) {
		int32_t cp = utf8_next(&p, colon);

		yes = ++n <= NOTE_LABEL && cp >= 0x4E00 && cp <= 0x9FFF;
	}
	free(f);
	return yes;
}

/* A page number line: "- 8 -", "— 12 —", "－3－", "第 3 页". */
bool
plan_is_page_number(const char *s)
{
	int32_t first = text_fold_first(s);
	const char *p, *rest;
	bool yes = false;
	char *f;
	size_t n;

	/* Every line is asked: fold only those that may be one. */
	if (first != '-' && first != 0x2014 && first != 0x2013 &&	/* — – */
	    first != 0x7B2C && (first < '0' || first > '9'))	/* 第 */
		return false;
	p = f = text_fold(s);
	if (text_starts(p, "-", &rest) || text_starts(p, "—", &rest) ||
	    text_starts(p, "–", &rest)) {
		n = strspn(rest, "0123456789");
		yes = n > 0 && (strcmp(rest + n, "-") == 0 ||
		    strcmp(rest + n, "—") == 0 || strcmp(rest + n, "–") == 0);
	} else if (text_starts(p, "第", &rest)) {
		n = strspn(rest, "0123456789");
		yes = n > 0 && strcmp(rest + n, "页") == 0;
	} else
		yes = *p != '\0' && strspn(p, "0123456789") == strlen(p);
	free(f);
	return yes;
}

static bool
alnum(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z');
}

/* Whether a and b, side by side, are Chinese and Latin. */
static bool
mixed(int32_t a, int32_t b)
{
	return (text_is_han(a) && alnum(b)) || (alnum(a) && text_is_han(b));
}

/* The last character of b (-1 when empty or invalid). */
static int32_t
last_cp(const struct buf *b)
{
	size_t i = b->len;
	const char *p;

	if (i == 0)
		return -1;
	i--;
	while (i > 0 && b->len - i < 4 && ((unsigned char)b->s[i] & 0xC0) == 0x80)
		i--;
	p = b->s + i;
	return utf8_next(&p, b->s + b->len);
}

void
plan_join_line(struct buf *b, const char *line, bool latin_spaced)
{
	const char *p = line;
	int32_t last = last_cp(b), first;

	if (*line == '\0')
		return;
	first = utf8_next(&p, line + strlen(line));
	if ((alnum(last) && alnum(first)) ||
	    (latin_spaced && mixed(last, first)))
		buf_putc(b, ' ');
	buf_puts(b, line);
}

void
plan_count_latin(const char *text, int *spaced, int *unspaced)
{
	const char *p = text, *end = text + strlen(text);
	int32_t a = -1, b = -1, c;	/* the last three characters */

	while (p < end) {
		c = utf8_next(&p, end);
		if (mixed(b, c))
			(*unspaced)++;
		else if (b == ' ' && mixed(a, c))
			(*spaced)++;
		a = b;
		b = c;
	}
}

/* Words that end a plan's title (what the document is), so that a
 * subtitle or a note above the table is not taken for it. */
bool
plan_names_plan(const char *s)
{
	static const char *const ends[] = { "清单", "计划", "方案", "要点",
	    "台账", "分工", "安排", "任务表", "一览表", "表" };
	char *f = text_fold(s);
	size_t n = strlen(f), k;
	bool yes = false;

	for (k = 0; k < ARRAY_LEN(ends) && !yes; k++) {
		size_t m = strlen(ends[k]);

		yes = n >= m && strcmp(f + n - m, ends[k]) == 0;
	}
	free(f);
	return yes;
}

/* The base name of a file without its extension: the title of a plan
 * whose document names none. */
char *
plan_name_title(const char *name)
{
	const char *base = strrchr(name, '/'), *dot;

	base = base != NULL ? base + 1 : name;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

bool
plan_is_ditto(const char *s)
{
	static const char *const words[] = {
		"同上", "同上。", "同上.", "同前", "同前。", NULL
	};
	/* Spaces spread it over the cell (同 上, 同　上); quotes mark it. */
	static const char *const drop[] = { " ", "\t", "\n", "　", "“", "”",
		"\"", NULL };
	char t[16];	/* more than the longest word: a longer cell is none */
	size_t n = 0;
	const char *rest;

	while (*s != '\0' && n < sizeof(t) - 1) {
		size_t k;

		for (k = 0; drop[k] != NULL && !text_starts(s, drop[k], &rest);
		    k++)
			;
		if (drop[k] != NULL) {
			s = rest;
			continue;
		}
		t[n++] = *s++;
	}
	t[n] = '\0';
	return *s == '\0' && text_equals_any(t, words);
}

/* The annex marker: "附件", "附件1", "附件：", "附件一". */
bool
plan_is_annex(const char *s)
{
	const char *rest;
	size_t n = 0;
	bool yes = false;
	char *f;

	/* Every line before the annex is asked: fold only those that may
	 * be it. */
	if (text_fold_first(s) != 0x9644)	/* 附 */
		return false;
	f = text_fold(s);
	if (text_starts(f, "附件", &rest)) {
		if (text_number(rest, &n) < 0)
			n = 0;
		rest += n;
		yes = *rest == '\0' || strcmp(rest, ":") == 0 ||
		    strcmp(rest, "：") == 0;
	}
	free(f);
	return yes;
}

/* A task number standing alone in a cell ("12", "１２", "十二", "3."); -1
 * for anything else. */
int
plan_lone_number(const char *cell)
{
	char *f = text_fold(cell);
	const char *rest;
	size_t n;
	int no = text_number(f, &n);

	rest = f + n;
	if (*rest == '.')
		rest++;
	else
		(void)text_starts(rest, "、", &rest);
	if (no < 0 || n == 0 || *rest != '\0' ||
	    (*f >= '0' && *f <= '9' && n > PLAN_TASK_NO_DIGITS))
		no = -1;
	free(f);
	return no;
}

/* The task's number in a measure's outline number in the 序号 column
 * ("1.2" and "1.2.3" are measures of task 1), or -1 for anything else. */
int
plan_outline_parent(const char *cell)
{
	char *f = text_fold(cell);
	size_t n, k;
	int no = text_number(f, &n);
	const char *s = f + n;

	if (no < 0 || n == 0 || *s != '.')
		no = -1;
	while (no >= 0 && *s == '.') {
		k = strspn(s + 1, "0123456789");
		if (k == 0)
			no = -1;
		s += 1 + k;
	}
	if (*s != '\0')
		no = -1;
	free(f);
	return no;
}
