/*
 * deadline: the grammar of the deadline cell of a work plan (README,
 * "Deadlines").  The text is folded (full-width ASCII to ASCII, no
 * whitespace), an optional leading "YYYY年" sets the year, an optional
 * trailing "完成" is dropped, a trailing 之前 or 以前 reads as 前, and
 * what is left must be exactly one of the forms of deadline_forms.c: a
 * head (with numbers in it) followed by one of its tails.
 * Anything else is DL_UNKNOWN; the caller warns and keeps the text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "plan/deadline.h"
#include "plan/deadline_days.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_forms.h"
#include "plan/deadline_memo.h"
#include "plan/deadline_notes.h"
#include "plan/deadline_range.h"
#include "plan/deadline_steps.h"
#include "plan/deadline_verbs.h"
#include "plan/festival.h"
#include "base/text.h"
#include "base/util.h"

/* The plan's year, then the next (parse). */
static const struct {
	const char *word;
	int add;
} year_words[] = {
	{ "本年度", 0 }, { "当年度", 0 }, { "今年", 0 }, { "本年", 0 },
	{ "当年", 0 }, { "次年", 1 }, { "明年", 1 }, { "翌年", 1 },
	{ "来年", 1 }, { "下一年度", 1 }, { "下年度", 1 }, { "下一年", 1 },
	{ "下年", 1 },
};

/* After "YYYY年", these start a year form written without its own 年
 * ("2022年底前" for "2022年年底前", 2026年起, 2026年至年底, 每年一次,
 * 每年两次). */
static const char *const year_tail_starts[] = {
	"底", "内", "末", "终", "中", "度", "起", "开始", "至年", "一次", "1次",
	"一报", "报送一次", "上报一次", "报告一次", "调度一次", "通报一次",
	"汇总一次", "以来", "两次", "2次", "二次", "四次", "4次", NULL
};

/* The last number read, and where: most forms start with a number at the
 * same place, and the plan readers try every fragment of a table. */
struct number_memo {
	const char *at;
	int value;
	size_t len;
};

/* deadline_number(s), read once for successive forms. */
static int
number_at(struct number_memo *memo, const char *s, size_t *len)
{
	if (memo->at != s) {
		memo->value = deadline_number(s, &memo->len);
		memo->at = s;
	}
	*len = memo->len;
	return memo->value;
}

/* Match a form's head at the start of s, storing what its numbers give
 * in *month and *day.  Returns what follows the head, or NULL. */
static const char *
match_head(const char *pat, const char *s, struct number_memo *memo,
    int *month, int *day)
{
	size_t len;
	int n;

	while (*pat != '\0') {
		if (*pat != '%') {
			if (*s != *pat)
				return NULL;
			s++;
			pat++;
			continue;
		}
		if ((n = number_at(memo, s, &len)) < 0)
			return NULL;
		switch (pat[1]) {
		case 'm':
			if (n < 1 || n > 12)
				return NULL;
			*month = n;
			break;
		case 'q':
			if (n < 1 || n > 4)
				return NULL;
			*month = n * 3;
			break;
		default:	/* 'd'; date_valid checks it against the month */
			if (n < 1 || n > 31)
				return NULL;
			*day = n;
			break;
		}
		s += len;
		pat += 2;
	}
	return s;
}

/* The deadline that form f gives in year y, with the matched month and
 * day; DL_UNKNOWN when that date does not exist. */
static struct deadline
form_deadline(const struct form *f, int y, int month, int day)
{
	struct deadline dl = { DL_UNKNOWN, DATE_NONE, 0 };
	int m = (f->month != 0 ? f->month : month) + f->shift;

	if (f->weekday != 0) {	/* the first week's day (deadline.h) */
		dl.kind = f->kind;
		dl.due = date_next_weekday(date_from_ymd(y, 1, 1), f->weekday % 7);
		return dl;
	}
	if (f->day == DAY_NONE) {
		dl.kind = f->kind;
		return dl;
	}
	if (m < 1) {		/* "1月份前": the end of the year before */
		m += 12;
		y--;
	}
	if (f->day == DAY_WORKDAY || f->day == DAY_LAST_WORKDAY) {
		/* A month has at most 23 working days. */
		if (f->day == DAY_WORKDAY && day > 23)
			return dl;
		dl.kind = f->kind;
		dl.workday = f->day == DAY_LAST_WORKDAY ? -1 : day;
		dl.due = deadline_workday_in_month(y, m, dl.workday, NULL);
		return dl;
	}
	if (f->day == DAY_END)
		day = date_days_in_month(y, m);
	else if (f->day != DAY_MATCHED)
		day = f->day;
	if (!date_valid(y, m, day))
		return dl;
	dl.kind = f->kind;
	dl.due = date_from_ymd(y, m, day);
	return dl;
}

/* Whether what follows a year is what is done by its end: a verb or
 * two, alone or ending a step (建成, 全面完成, 建成投用, 开工，…); with
 * an object it is a measure's text (2035年制定发展规划). */
static bool
year_verb(const char *s)
{
	static const char *const step_ends[] = { "，", ",", "；", ";", NULL };
	const char *rest;

	for (int n = 0; n < 2; n++) {
		s = deadline_done_adverb(s);
		if (!text_starts(s, "完成", &rest)) {
			size_t k;

			for (k = 0; deadline_date_verbs[k] != NULL &&
			    !text_starts(s, deadline_date_verbs[k], &rest); k++)
				;
			if (deadline_date_verbs[k] == NULL)
				return false;
		}
		if (*rest == '\0' || text_starts_any(rest, step_ends))
			return true;
		s = rest;
	}
	return false;
}

/* Take a leading "YYYY年" (or 二〇二六年) off *s into *year, setting
 * *named.  Returns the text to match: *s itself, or a new string
 * (freeing *s) when 年 must be put back. */
static char *
strip_year(char *s, int *year, bool *named)
{
	const char *rest;
	char *t;
	size_t len;
	int y = text_digits(s, 4, &len);

	if (y >= 1000 && (s[len] == 'Q' || s[len] == 'q' ||
	    deadline_dotted_month(s + len))) {	/* 2026Q3, 2026.6月底前 */
		*year = y;
		*named = true;
		len += s[len] != 'Q' && s[len] != 'q';
		memmove(s, s + len, strlen(s + len) + 1);
	}
	if (y < 1000 || !text_starts(s + len, "年", &rest))
		return s;
	*year = y;
	*named = true;
	/* The year alone is by its end (2026年, 到2027年, 2026年完成,
	 * 2027年全面完成, 2027年建成投用; a step: 2026年开工，2027年建成). */
	if (*rest == '\0' || year_verb(rest))
		t = xasprintf("年内%s", rest);
	else
		t = xasprintf("%s%s", text_starts_any(rest, year_tail_starts) ?
		    "年" : "", rest);
	free(s);
	return t;
}

static struct deadline parse(const char *text, int year, bool split);
static struct deadline parse_anew(const char *text, int year, bool split);
static bool date_list(const char *s, int year, struct deadline *dl);
static struct deadline parse_part(const char *text, int year);

/* Take the words of deadline_lead_words off the start of s (at most
 * three: 力争于年底前, 最迟应于10月底前). */
static void
drop_lead(char *s)
{
	const char *rest;

	for (int n = 0; n < 3; n++) {
		size_t k;

		for (k = 0; deadline_lead_words[k] != NULL; k++)
			if (text_starts(s, deadline_lead_words[k], &rest))
				break;
		if (deadline_lead_words[k] == NULL)
			return;
		/* 每年底 is 年底: the year form keeps its 年. */
		if (strcmp(deadline_lead_words[k], "每年") == 0 &&
		    text_starts_any(rest, year_tail_starts))
			rest -= strlen("年");
		memmove(s, rest, strlen(rest) + 1);
	}
}

/* A quarter's day without 每 (季度末, 季末报送, 季度第一个月5日前): no
 * quarter is named, so it is every one's, as 每季度末.  Takes s, returns
 * the text to match (a new string when 每 is put in). */
static char *
every_quarter(char *s)
{
	char *t;

	if (!text_starts(s, "季", NULL))
		return s;
	t = xasprintf("每%s", s);
	free(s);
	return t;
}

/* A period's ends, then the year's, which is one of them (每季度末及
 * 年底前, 每月底和年底前): the period, into *dl. */
static bool
period_and_year_end(struct deadline a, struct deadline b, int year,
    struct deadline *dl)
{
	if (deadline_period_months(a.kind) == 0 || a.due != DATE_NONE ||
	    b.kind != DL_DATE || b.due != date_from_ymd(year, 12, 31))
		return false;
	*dl = a;
	return true;
}

/* A date, then what goes on after it ("6月底前，长期坚持",
 * "年底前完成并持续推进", "年底前完成，此后每年更新"): the date is the
 * deadline; or a date, then a later one with its verb or stage
 * ("9月底前启动，年底前完成", "9月底前初验，年底前终验"): the later one.
 * A start then a period with no comma between is parted there too
 * ("10月起每月报送" as "10月起，每月报送").  *dl, or false.
 * Neither part is split again: hostile text cannot make it recurse. */
static bool
date_then_ongoing(const char *s, int year, struct deadline *dl)
{
	/* Each separator, and how much of it stays with the head (起 of
	 * 起每; the rest, 每, starts the tail). */
	static const struct {
		const char *sep;
		size_t keep;
	} seps[] = {
		{ "，并", 0 }, { ",并", 0 }, { "；", 0 }, { ";", 0 },
		{ "，", 0 }, { ",", 0 }, { "、", 0 }, { "并", 0 }, { "及", 0 },
		{ "和", 0 }, { "起每", sizeof("起") - 1 },
		{ "开始每", sizeof("开始") - 1 },
	};
	const char *at, *verb, *next;
	struct deadline head, tail;
	bool head_verb, tail_named;
	char *h;

	/* Longer text is none (a units cell of many thousand names is not
	 * split at every comma). */
	if (strnlen(s, DEADLINE_MAX + 1) > DEADLINE_MAX)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(seps); i++) {
		if ((at = strstr(s, seps[i].sep)) == NULL || at == s)
			continue;
		next = at + (seps[i].keep > 0 ? seps[i].keep :
		    strlen(seps[i].sep));
		h = xstrndup(s, (size_t)(at - s) + seps[i].keep);
		head = parse(h, year, false);
		head_verb = head.kind != DL_UNKNOWN &&
		    deadline_verb_start(h, &verb) >= 0;
		/* Or a step named by its stage (9月底前初验，12月底前终验). */
		if (head.kind == DL_UNKNOWN)
			head_verb = deadline_staged(h, year, parse_part, &head);
		free(h);
		/* Both readings below need a head the grammar knows (most
		 * text split here is a units cell's list of names). */
		if (head.kind == DL_UNKNOWN)
			continue;
		tail = parse(next, year, false);
		/* A period's dates after it (半年一次，6月底、12月底前). */
		if (tail.kind == DL_UNKNOWN)
			(void)date_list(next, year, &tail);
		tail_named = tail.kind == DL_UNKNOWN && deadline_staged(next,
		    year, parse_part, &tail);
		/* What comes after it, unless a period's report (6月底前，
		 * 以后每季度报送: which one is the deadline?). */
		for (size_t k = 0; head.kind == DL_DATE &&
		    deadline_after_words[k] != NULL; k++) {
			const char *rest;

			if (!text_starts(next,
			    deadline_after_words[k], &rest))
				continue;
			tail = parse(rest, year, false);
			if (deadline_period_months(tail.kind) > 0 ||
			    deadline_period_days(tail.kind) > 0)
				return false;
			*dl = head;
			return true;
		}
		/* And what else is done by then (年底前完成，并报送总结). */
		if (head.kind == DL_DATE && tail.kind == DL_UNKNOWN &&
		    text_ends(seps[i].sep, "并") &&
		    deadline_verb_at(next, false) != NULL) {
			*dl = head;
			return true;
		}
		if (deadline_beside_ongoing(head, tail, dl) ||
		    period_and_year_end(head, tail, year, dl) ||
		    deadline_same_period(head, tail, dl))
			return true;
		/* Steps to a later end ("9月底前启动，年底前完成",
		 * "启动：3月底前；完成：年底前"): the end, which its own
		 * verb, or its stage's name, names.  Parted by 、 each step names its verb
		 * (6月底前完成初稿、9月底前印发): 6月底、12月底前完成 is
		 * one verb at two dates. */
		h = xstrdup(next);
		deadline_drop_label(h);
		if (head.kind == DL_DATE && tail.kind == DL_DATE &&
		    tail.due >= head.due && (tail_named ||
		    deadline_verb_start(h, &verb) >= 0) &&
		    (head_verb || strcmp(seps[i].sep, "、") != 0)) {
			free(h);
			*dl = tail;
			return true;
		}
		free(h);
	}
	return false;
}

/* The verb of a date of a list (deadline_verb_start), "" for none. */
static const char *
list_verb(const char *s)
{
	const char *verb;

	return deadline_verb_start(s, &verb) >= 0 ? verb : "";
}

/* Whether [s, p) ends as a date of a list does: a deadline word, 年中,
 * or what is due then (6月底前报送进展). */
static bool
ends_as_date(const char *s, const char *p)
{
	char part[DEADLINE_MAX + 1];
	const char *verb;

	if (deadline_after_word(s, p) || (p - s >= (ptrdiff_t)strlen("年中") &&
	    memcmp(p - strlen("年中"), "年中", strlen("年中")) == 0))
		return true;
	snprintf(part, sizeof(part), "%.*s", (int)(p - s), s);
	return deadline_verb_start(part, &verb) >= 0;
}

/* What an item of a list of dates starts with, besides its number: the
 * year's middle or end (年中、年底), a half year's name. */
static const char *const list_starts[] = { "年", "上半年", "下半年", NULL };

/* A list of the ends of every month, quarter or half of the year
 * ("6月底前，12月底前", "3、6、9、12月底前", "6月底和12月底前报送"):
 * monthly, bimonthly, quarterly or semiannual; or of one day of each
 * ("3月、6月、9月、12月25日前", "1月、4月、7月、10月10日前"), due that
 * day of the first (deadline.h).  A bare number, or a month alone,
 * borrows the last date's words after them, and a verb is every later
 * date's (6月底、12月底前报送).  Dates with different verbs, or one that
 * is 完成, are steps (date_then_ongoing), and other lists no period:
 * false for both. */
static bool
date_list(const char *s, int year, struct deadline *dl)
{
	char part[DEADLINE_MAX + 1], *tail, *month_tail;
	const char *at[12], *end[12], *verb = "", *v, *rest;
	size_t n = 1, len, k, i;
	int months[12], y, m, d, day = 0, step;
	bool ends = true;
	struct deadline one;

	if (strnlen(s, DEADLINE_MAX + 1) > DEADLINE_MAX ||
	    (deadline_number(s, &len) <= 0 && !text_starts_any(s, list_starts)))
		return false;
	for (k = 0; deadline_list_seps[k] != NULL &&
	    strstr(s, deadline_list_seps[k]) == NULL; k++)
		;
	if (deadline_list_seps[k] == NULL)
		return false;	/* no list */
	at[0] = s;
	for (const char *p = s; *p != '\0'; p++)
		for (k = 0; deadline_list_seps[k] != NULL; k++)
			if (text_starts(p, deadline_list_seps[k], NULL)) {
				/* Each item starts with its number, or is
				 * the year's end (6月底和年底前); the first
				 * ends as a date does, or is a bare number. */
				if (n == 12 || (deadline_number(at[n - 1], &len) <= 0 &&
				    !text_starts_any(at[n - 1], list_starts)) ||
				    (n == 1 && s + len != p && !ends_as_date(s, p)))
					return false;
				end[n - 1] = p;
				p += strlen(deadline_list_seps[k]);
				at[n++] = p--;
				break;
			}
	end[n - 1] = s + strlen(s);
	if (n < 2)
		return false;
	/* The last date's words after its number, for bare numbers, and
	 * after its month, for months alone. */
	tail = xstrdup(deadline_number(at[n - 1], &len) > 0 ? at[n - 1] + len : "");
	month_tail = xstrdup(text_starts(tail, "月", &rest) ? rest : "");
	for (i = 0; i < n; i++) {
		snprintf(part, sizeof(part), "%.*s", (int)(end[i] - at[i]),
		    at[i]);
		if (deadline_number(part, &len) > 0 && len == strlen(part) &&
		    len + strlen(tail) < sizeof(part))
			strcat(part, tail);
		else if (deadline_number(part, &len) > 0 &&
		    strcmp(part + len, "月") == 0 &&
		    strlen(part) + strlen(month_tail) < sizeof(part))
			strcat(part, month_tail);
		one = parse(part, year, false);
		v = list_verb(part);
		if (one.kind != DL_DATE || (*verb != '\0' &&
		    strcmp(verb, v) != 0) || strcmp(v, "完成") == 0)
			break;
		verb = v;
		date_to_ymd(one.due, &y, &m, &d);
		/* Every month's end, or one day of each. */
		ends = ends && one.due == date_month_end(y, m);
		if (y != year || (!ends && i > 0 && d != day))
			break;
		day = d;
		months[i] = m;
	}
	free(month_tail);
	free(tail);
	if (i < n || 12 % n != 0)
		return false;
	step = 12 / (int)n;
	for (i = 0; i < n; i++)
		if (months[i] != months[0] + (int)i * step ||
		    months[0] > step || (ends && months[0] != step))
			return false;
	*dl = (struct deadline){ deadline_period_kind(step), ends ? DATE_NONE :
	    date_from_ymd(year, months[0], day), 0 };
	return dl->kind != DL_UNKNOWN;
}

/* Months or quarters in a row named together (7、8月, 三、四季度,
 * 第三、第四季度, or run together: 三四季度, 七八月): the span they make,
 * due when the last one ends, as 7-8月, the last read with what follows
 * it (三、四季度前, 7、8月底前完成).  Only bare numbers before the last:
 * 7月底、8月底前 is a list. */
static bool
period_span(const char *s, int year, struct deadline *dl)
{
	static const char *const span_tails[] = { "月", "月份", "季度", NULL };
	const char *last = s, *verb;
	ptrdiff_t at;
	size_t len, next_len;
	int n, prev = 0;

	for (;; prev = n) {
		last = s;
		(void)text_starts(s, "第", &s);
		if ((n = deadline_number(s, &len)) <= 0 || (prev != 0 && n != prev + 1))
			return false;
		/* Run together only as one numeral character each: 三四,
		 * never the figures 34. */
		if (len == strlen("三") && !isdigit((unsigned char)*s) &&
		    deadline_number(s + len, &next_len) == n + 1 &&
		    next_len == strlen("四")) {
			s += len;
			continue;
		}
		if (!text_starts(s + len, "、", &s))
			break;
	}
	if (prev == 0 || !text_starts_any(s + len, span_tails))
		return false;
	/* Each of them (7、8月各报送一次, 三、四季度分别报送): dates, no
	 * span (a list, if it is one: date_list). */
	if ((at = deadline_verb_start(last, &verb)) >= 0 &&
	    (text_starts(last + at, "各", NULL) ||
	    text_starts(last + at, "分别", NULL)))
		return false;
	*dl = parse(last, year, false);
	return dl->kind == DL_DATE;
}

/* Whether s holds a range's separator; where, in *at. */
static bool
has_range_sep(const char *s, const char **at, size_t *len)
{
	for (size_t k = 0; deadline_range_seps[k] != NULL; k++)
		if ((*at = strstr(s, deadline_range_seps[k])) != NULL) {
			*len = strlen(deadline_range_seps[k]);
			return true;
		}
	return false;
}

/* A range from a period of the year to a later one that the month and
 * quarter ranges do not read (二季度至年底, 下半年至明年上半年,
 * 上半年—下半年, 下半年至年底): due when its end is, each side read
 * whole; false unless both are dates and the end is not the earlier.
 * One separator only, so neither side is a range again: hostile text
 * cannot make it recurse. */
static bool
later_range(const char *s, int year, struct deadline *dl)
{
	struct deadline from = { DL_UNKNOWN, DATE_NONE, 0 }, to;
	const char *sep, *tail, *other;
	char *head;
	bool same;
	size_t len;

	if (strnlen(s, DEADLINE_MAX + 1) > DEADLINE_MAX ||
	    !has_range_sep(s, &sep, &len) || sep == s)
		return false;
	tail = sep + len;
	head = xstrndup(s, (size_t)(sep - s));
	if (!has_range_sep(head, &other, &len) &&
	    !has_range_sep(tail, &other, &len))
		from = parse(head, year, false);
	/* Ending the day its start ends is a range only when the start is
	 * the longer (下半年至年底), never the same words (6月至6月). */
	same = strcmp(head, tail) == 0;
	free(head);
	if (from.kind != DL_DATE)
		return false;
	to = parse(tail, year, false);
	if (to.kind != DL_DATE || to.due < from.due ||
	    (to.due == from.due && same))
		return false;
	*dl = to;
	return true;
}

/* A range into a later year ("2026—2027年", "2026年至2027年底",
 * "2021年6月至2022年6月") or its own, written with its year again:
 * due when its end is, read in that year, unknown when it runs backward;
 * false when s is none. */
static bool
year_range(const char *s, struct deadline *dl)
{
	const char *p = s, *q;
	struct deadline end;
	int from, to;
	size_t k, n;

	if ((from = deadline_figures(&p, 4)) < 1000 || p != s + 4 ||
	    strlen(s) > DEADLINE_MAX)
		return false;
	/* A later year's figures, after a range's separator. */
	for (; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || isdigit((unsigned char)p[-1]))
			continue;
		q = p;
		if ((to = deadline_figures(&q, 4)) < from || q != p + 4 ||
		    !text_starts(q, "年", &q))
			continue;
		for (k = 0; deadline_range_seps[k] != NULL; k++)
			if ((size_t)(p - s) >= (n = strlen(deadline_range_seps[k])) &&
			    memcmp(p - n, deadline_range_seps[k], n) == 0)
				break;
		if (deadline_range_seps[k] == NULL)
			continue;
		end = *q == '\0' || text_equals_any(q, deadline_tail_year) ?
		    (struct deadline){ DL_DATE, date_from_ymd(to, 12, 31), 0 } :
		    parse(p, to, false);
		if (end.kind != DL_DATE)
			return false;
		/* One that runs backward (2026年9月—2026年6月) is a slip:
		 * which end is meant? */
		if (to == from) {
			char *head = xasprintf("%.*s", (int)(p - n - s), s);
			struct deadline start = parse(head, from, false);

			free(head);
			if (start.due != DATE_NONE && start.due > end.due)
				end = (struct deadline){ DL_UNKNOWN, DATE_NONE, 0 };
		}
		*dl = end;
		return true;
	}
	return false;
}

/* A cell's text without its notes, split as a cell is
 * (deadline_notes.h). */
static struct deadline
parse_cell(const char *text, int year)
{
	return parse(text, year, true);
}

/* Classify a deadline cell: the first form that matches the whole text. */
struct deadline
deadline_classify(const char *text, int year)
{
	struct deadline dl;
	char *joined;

	/* By midnight of a day is by the day before (7月1日0时前). */
	if ((joined = deadline_cut_midnight(text)) != NULL) {
		dl = deadline_day_before(deadline_classify(joined, year));
		free(joined);
		return dl;
	}
	/* A cell's lines that are each a deadline are its steps or its
	 * list, as if parted by ；(6月底前出台方案 / 年底前完成); when
	 * that reads as none, they are one, wrapped (全年 / 持续推进). */
	if ((joined = deadline_lines_as_clauses(text, year)) != NULL) {
		dl = parse(joined, year, true);
		free(joined);
		if (dl.kind != DL_UNKNOWN)
			return dl;
	}
	dl = parse(text, year, true);

	if (dl.kind == DL_UNKNOWN && (strchr(text, '(') != NULL ||
	    strstr(text, "（") != NULL))
		dl = deadline_without_note(text, year, parse_cell);
	else if (dl.kind == DL_UNKNOWN && (joined = deadline_round_notes(text)) != NULL) {
		dl = deadline_without_note(joined, year, parse_cell);
		free(joined);
	}
	/* Notes that name each step (9月底前（初验），12月底前（终验）),
	 * read when the dates alone are no deadline: the steps' end. */
	if (dl.kind == DL_UNKNOWN &&
	    (joined = deadline_stage_notes(text)) != NULL) {
		struct deadline steps = parse(joined, year, true);

		free(joined);
		if (steps.kind == DL_DATE)
			dl = steps;
	}
	return dl;
}

/* One part of a deadline, read whole (deadline_steps.h). */
static struct deadline
parse_part(const char *text, int year)
{
	return parse(text, year, false);
}

/* parse, remembered (deadline_memo.h): a units cell is split at each 、
 * and its names are read as dates in every row that lists them. */
static struct deadline
parse(const char *text, int year, bool split)
{
	static _Thread_local struct deadline_memo memo[256];
	struct deadline_memo *m;
	struct deadline dl;
	int key = year * 2 + split;
	bool hit;

	if ((m = deadline_memo_slot(memo, ARRAY_LEN(memo), text, key,
	    &hit)) != NULL && hit)
		return m->dl;
	dl = parse_anew(text, year, split);
	if (m != NULL)
		deadline_memo_keep(m, text, key, dl);
	return dl;
}

/* deadline_parse, trying a date then an ongoing form when split. */
static struct deadline
parse_anew(const char *text, int year, bool split)
{
	struct deadline dl = { DL_UNKNOWN, DATE_NONE, 0 };
	struct number_memo memo = { NULL, 0, 0 };
	const char *rest;
	const char *verb;
	ptrdiff_t what;
	char *s;
	bool done = false, done_last, year_named = false;
	size_t i;
	int month = 0, day = 0, eve, when, plan_year = year;

	s = deadline_fold(text);
	deadline_drop_end_marks(s);
	deadline_respell(s);
	deadline_drop_shift_note(s);
	deadline_drop_basis(s);
	deadline_drop_weekday(s);
	deadline_drop_hour(s);
	deadline_drop_of(s);
	deadline_drop_label(s);
	drop_lead(s);
	s = every_quarter(s);
	if (year_range(s, &dl)) {
		free(s);
		return dl;
	}
	s = strip_year(s, &year, &year_named);
	/* Split first: each part is read whole, its verb with it. */
	if (split && (date_list(s, year, &dl) || period_span(s, year, &dl) ||
	    deadline_month_days(s, &dl) ||
	    deadline_steps(s, year, parse_part, &dl) ||
	    date_then_ongoing(s, year, &dl))) {
		free(s);
		return dl;
	}
	/* What is due then, after the date; "完成" ("done by") only ever
	 * follows a date. */
	done_last = text_ends(s, "完成");
	if ((what = deadline_verb_start(s, &verb)) >= 0) {
		s[what] = '\0';
		done = strcmp(verb, "完成") == 0;
	} else if (text_ends(s, "完成")) {
		s[strlen(s) - strlen("完成")] = '\0';
		done = true;
		for (i = 0; deadline_done_adverbs[i] != NULL; i++)
			if (text_ends(s, deadline_done_adverbs[i])) {
				s[strlen(s) -
				    strlen(deadline_done_adverbs[i])] = '\0';
				break;
			}
	}
	/* Within the year, alone or done then with nothing after 完成
	 * (全年内, 全年完成): 年内.  Not 全年完成64家企业检查, a measure's
	 * text a plain-text plan wraps onto a line of its own. */
	if ((strcmp(s, "全年内") == 0 && what < 0) || (done && done_last &&
	    (strcmp(s, "全年") == 0 || strcmp(s, "全年内") == 0)))
		strcpy(s, "年内");
	/* A time of day before the verb (6月30日17时前报送). */
	if (what >= 0 || done)
		deadline_drop_hour(s);
	/* 之前 and 以前 are longer spellings of 前 ("6月30日之前"). */
	if (text_ends(s, "之前") || text_ends(s, "以前"))
		strcpy(s + strlen(s) - strlen("之前"), "前");
	/* 今年 and 本年 are the plan's year: 今年6月底前 is 6月底前, and
	 * 今年底 年底 (a year form keeps its 年, as after "YYYY年"); 次年,
	 * 明年 and 翌年 the next (次年1月底前: a year's summary).  Alone
	 * they are no deadline, but done then (当年完成) is 年内, and
	 * 本年度 alone is 年度 (本年度上半年 is 上半年). */
	for (i = 0; i < ARRAY_LEN(year_words); i++) {
		size_t cut = strlen(year_words[i].word);
		bool of_year = text_ends(year_words[i].word, "度");

		if (!text_starts(s, year_words[i].word, NULL))
			continue;
		if (text_starts_any(s + cut, year_tail_starts) ||
		    text_starts(s + cut, "度", NULL) ||
		    (of_year && s[cut] == '\0'))
			cut -= strlen(of_year ? "年度" : "年");
		else if (s[cut] == '\0' && what >= 0) {
			/* 当年完成, 明年建成: 年内 */
			strcpy(s, "年内");
			cut = 0;
		}
		memmove(s, s + cut, strlen(s) - cut + 1);
		year += year_words[i].add;
		year_named = year_words[i].add != 0;
		break;
	}
	if (deadline_figures_date(s, year, &when) ||
	    deadline_figures_range(s, year, &when)) {
		dl = (struct deadline){ DL_DATE, when, 0 };
		free(s);
		return dl;
	}
	if ((eve = festival_eve(s, year, year_named)) != DATE_NONE) {
		free(s);
		return (struct deadline){ DL_DATE, eve, 0 };
	}
	if ((rest = deadline_range_end(s)) != NULL) {
		free(s);
		s = (char *)rest;
		/* Into the next year (11月至次年3月): its end, read whole. */
		if (text_starts_any(s, deadline_next_years)) {
			dl = parse(s, year, false);
			free(s);
			return dl;
		}
	} else if (later_range(s, year, &dl)) {
		free(s);
		return dl;
	}
	for (i = 0; i < deadline_nforms; i++) {
		rest = match_head(deadline_forms[i].head, s, &memo, &month, &day);
		if (rest != NULL && text_equals_any(rest, deadline_forms[i].tails)) {
			dl = form_deadline(&deadline_forms[i], year, month, day);
			break;
		}
	}
	if (done && dl.kind != DL_DATE)
		dl = (struct deadline){ DL_UNKNOWN, DATE_NONE, 0 };
	/* What goes on from a year before the plan's goes on in it
	 * (2025年起 in 2026's plan): its check-in is the plan year's end. */
	if (dl.kind == DL_ONGOING && year < plan_year)
		dl.due = date_from_ymd(plan_year, 12, 31);
	free(s);
	return dl;
}
