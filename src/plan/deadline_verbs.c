/* deadline_verbs: where what is due by a date starts, and its verb
 * (deadline_verbs.h). */
#include <ctype.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_forms.h"
#include "plan/deadline_verbs.h"
#include "plan/units_words.h"

const char *
deadline_done_adverb(const char *s)
{
	const char *rest;

	for (size_t a = 0; deadline_done_adverbs[a] != NULL; a++)
		if (text_starts(s, deadline_done_adverbs[a], &rest))
			return rest;
	return s;
}

/* A word and its length: the text reader asks at every character of a
 * line whether one ends there. */
struct word {
	const char *s;
	size_t n;
};
#define WORD(s) { s, sizeof(s) - 1 }

/* What ends a deadline before its verb. */
static const struct word deadline_words[] = {
	WORD("前"), WORD("底"), WORD("末"), WORD("内"), WORD("日"),
	WORD("号"), WORD("旬"), WORD("年"), WORD("季度"), WORD("初"),
};
/* A part of the day after a day, before the verb (6月30日下午报送,
 * 每周五下午报送): the date ends before it. */
static const struct word day_parts[] = {
	WORD("上午"), WORD("下午"), WORD("中午"), WORD("晚上"), WORD("早上"),
};
/* And a month, after its number only: 4月启动, not 每月开展 (that is a
 * measure's text). */
static const struct word month_words[] = { WORD("月"), WORD("月份") };

/* What is due by a date, after it, is at most this long (bytes: ten
 * Chinese characters): 年底前提交工作总结. */
#define OBJECT_MAX 30

/* Whether [s, p) ends with w (its last byte first: most do not). */
static bool
ends_with_word(const char *s, const char *p, const struct word *w)
{
	return (size_t)(p - s) >= w->n && p[-1] == w->s[w->n - 1] &&
	    memcmp(p - w->n, w->s, w->n) == 0;
}

bool
deadline_after_word(const char *s, const char *p)
{
	size_t w, len;

	for (w = 0; w < ARRAY_LEN(deadline_words); w++)
		if (ends_with_word(s, p, &deadline_words[w]))
			return true;
	for (w = 0; w < ARRAY_LEN(month_words); w++) {
		const char *q = p - month_words[w].n;

		/* A numeral is one character of three bytes: 十月. */
		if (ends_with_word(s, p, &month_words[w]) && q > s &&
		    (isdigit((unsigned char)q[-1]) || (q - s >= 3 &&
		    text_number(q - 3, &len) > 0 && len == 3)))
			return true;
	}
	return false;
}

/* Whether [s, p) is one of deadline_every_heads, or a day of every
 * week (每周五|报送进展). */
static bool
every_period(const char *s, const char *p)
{
	const char *day;
	size_t k;

	for (k = 0; deadline_every_heads[k] != NULL; k++)
		if (p - s == (ptrdiff_t)strlen(deadline_every_heads[k]) &&
		    memcmp(s, deadline_every_heads[k], (size_t)(p - s)) == 0)
			return true;
	for (k = 0; deadline_every_week[k] != NULL; k++)
		if (text_starts(s, deadline_every_week[k], &day) &&
		    p - day == (ptrdiff_t)strlen("一") &&
		    text_starts_any(day, deadline_weekdays))
			return true;
	return false;
}

/* A recipient before the verb (每月5日前向市发展改革委报送) is at most
 * this long (bytes: twelve Chinese characters). */
#define RECIPIENT_MAX 36

/* The verb at p (after an adverb of 完成's), with what it names. */
static const char *
verb_at(const char *p, bool report)
{
	static const char *const once[] = { "一次", "1次", NULL };
	const char *after = deadline_done_adverb(p), *rest, *v;

	/* Once at each (6月底、12月底前各一次): a report at each. */
	if (text_starts(p, "各", &rest) && text_equals_any(rest, once))
		return "报送";

	for (size_t k = 0; k == 0 || deadline_date_verbs[k - 1] != NULL; k++) {
		v = deadline_date_verbs[k] != NULL ? deadline_date_verbs[k] :
		    "完成";	/* NULL's slot */

		if ((!report || text_equals_any(v, deadline_report_verbs)) &&
		    text_starts(after, v, &rest) &&
		    deadline_verb_object(rest, OBJECT_MAX))
			return v;
	}
	return NULL;
}

/* Whether s, to its end, names a body one reports to (报省政府,
 * 报市委办公室): short, ending as a unit's name does. */
static bool
recipient_only(const char *s)
{
	size_t n = strnlen(s, RECIPIENT_MAX + 1);

	if (n == 0 || n > RECIPIENT_MAX)
		return false;
	for (size_t k = 0; units_name_ends[k] != NULL; k++)
		if (text_ends(s, units_name_ends[k]))
			return true;
	return false;
}

const char *
deadline_verb_at(const char *p, bool report)
{
	const char *after, *rest, *v;
	bool to = false;

	/* A colon after the date (12月底前：完成验收) parts it from what is
	 * due, as a label's does before it. */
	(void)text_starts(p, ":", &p);
	after = deadline_done_adverb(p);

	/* 向 or 报, whom to, then the verb (向省政府报送, 报市政府审定);
	 * not 报 of a verb's (报送2020年总结).  报 and whom to, ending
	 * the text, is the report (6月底前报省政府). */
	if (text_starts(after, "向", &rest) || (to = text_starts(after, "报",
	    &rest) && !text_starts_any(after, deadline_date_verbs))) {
		for (const char *q = rest; *q != '\0' &&
		    q - rest <= RECIPIENT_MAX; q++)
			if (q > rest && ((unsigned char)*q & 0xC0) != 0x80 &&
			    (v = verb_at(q, report)) != NULL)
				return v;
		if (to && recipient_only(rest))
			return "报送";
	}
	return verb_at(p, report);
}

/* Going on until a date (年底前持续推进, 年内持续开展) is done by it;
 * after a period alone (下半年持续推进) it is the period's going on
 * (deadline_forms.c). */
static const char *
going_on_verb(const char *s, const char *p, bool report)
{
	static const struct word by[] = { WORD("前"), WORD("内") };
	const char *rest;

	for (size_t w = 0; w < ARRAY_LEN(by); w++)
		if (ends_with_word(s, p, &by[w]) &&
		    text_starts(p, "持续", &rest))
			return deadline_verb_at(rest, report);
	return NULL;
}

/* Whether [s, p) is 年 or 半年 and a report once follows (每年报送一次,
 * 半年报送一次): a period's form (deadline_forms.c), no date's verb. */
static bool
once_a(const char *s, const char *p)
{
	static const char *const periods[] = { "年", "半年", NULL };
	static const char *const once[] = { "一次", "1次", NULL };
	const char *rest;
	size_t k;

	for (k = 0; periods[k] != NULL &&
	    (p - s != (ptrdiff_t)strlen(periods[k]) ||
	    memcmp(s, periods[k], (size_t)(p - s)) != 0); k++)
		;
	if (periods[k] == NULL)
		return false;
	for (k = 0; deadline_report_verbs[k] != NULL; k++)
		if (text_starts(p, deadline_report_verbs[k], &rest) &&
		    text_equals_any(rest, once))
			return true;
	return false;
}

ptrdiff_t
deadline_verb_start(const char *s, const char **verb)
{
	const char *p;

	/* Longer text is no deadline (and the text reader asks of every
	 * line). */
	if (*s == '\0' || strnlen(s, DEADLINE_MAX + 1) > DEADLINE_MAX)
		return -1;
	for (p = s + 1; *p != '\0'; p++) {
		const char *end = p;
		bool report = false;

		if (((unsigned char)*p & 0xC0) == 0x80)
			continue;
		for (size_t w = 0; w < ARRAY_LEN(day_parts); w++)
			if (ends_with_word(s, p, &day_parts[w])) {
				end = p - day_parts[w].n;
				break;
			}
		if ((!deadline_after_word(s, end) &&
		    !(report = every_period(s, end))) || once_a(s, p))
			continue;
		if ((*verb = deadline_verb_at(p, report)) != NULL ||
		    (*verb = going_on_verb(s, p, report)) != NULL)
			return p - s;
	}
	return -1;
}

