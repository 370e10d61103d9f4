/* deadline_range: the end of a range of months, days or quarters, which
 * is what is due (deadline_range.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_forms.h"
#include "plan/deadline_range.h"

/* A range of quarters (三至四季度, 第二季度至第四季度, 3—4季度): the
 * later quarter, as written after the separator ("四季度末"); NULL when
 * s is none. */
static char *
quarter_range_end(const char *s)
{
	const char *p = s, *rest = NULL;
	size_t len, k;
	int from, to;

	(void)text_starts(p, "第", &p);
	if ((from = deadline_number(p, &len)) < 1 || from > 3)
		return NULL;
	p += len;
	(void)text_starts(p, "季度", &p);
	for (k = 0; deadline_range_seps[k] != NULL &&
	    !text_starts(p, deadline_range_seps[k], &rest); k++)
		;
	if (deadline_range_seps[k] == NULL)
		return NULL;
	(void)text_starts(rest, "第", &rest);
	to = deadline_number(rest, &len);
	return to > from && to <= 4 && text_starts(rest + len, "季度", NULL) ?
	    xstrdup(rest) : NULL;
}

/* Parts of a month a range may start from (6月下旬至7月上旬): longer
 * ones first. */
static const char *const month_parts[] = {
	"上中旬", "中下旬", "上旬", "中旬", "下旬", "初", "中", "底", "末", NULL
};

/* The ten-day parts of a month, in order. */
static const char *const tens[] = { "上旬", "中旬", "下旬", NULL };

/* From one ten-day part of month m to a later one of the same month
 * (9月上旬—中旬): that one, as "9月中旬" (a new string); NULL else.
 * [s, end) ends with the first part, to starts the second. */
static char *
later_part(int m, const char *s, const char *end, const char *to)
{
	size_t a, b;

	for (a = 0; tens[a] != NULL && ((size_t)(end - s) < strlen(tens[a]) ||
	    memcmp(end - strlen(tens[a]), tens[a], strlen(tens[a])) != 0); a++)
		;
	for (b = 0; tens[b] != NULL && !text_starts(to, tens[b], NULL); b++)
		;
	if (tens[a] == NULL || tens[b] == NULL || b <= a)
		return NULL;
	return xasprintf("%d月%s", m, to);
}

char *
deadline_range_end(const char *s)
{
	const char *p, *rest = NULL, *after;
	char *quarters, *later;
	size_t len, k;
	int from, to, day = -1;
	bool part = false;

	if ((quarters = quarter_range_end(s)) != NULL)
		return quarters;
	if ((from = deadline_number(s, &len)) < 1 || from > 12)
		return NULL;
	p = s + len;
	if (text_starts(p, "月份", &rest) || text_starts(p, "月", &rest))
		p = rest;
	/* A first day, its 日 left off before the separator (6月1—30日). */
	if (rest != NULL && (day = deadline_number(p, &len)) >= 1 &&
	    (text_starts(p + len, "日", &rest) || text_starts(p + len, "号",
	    &rest) || text_starts_any(p + len, deadline_range_seps)))
		p = text_starts_any(p + len, deadline_range_seps) ? p + len : rest;
	else {
		day = -1;
		for (k = 0; rest != NULL && month_parts[k] != NULL && !part; k++)
			part = text_starts(p, month_parts[k], &p);
	}
	(void)text_starts(p, "起", &p);		/* 6月起至年底 */
	for (k = 0; deadline_range_seps[k] != NULL; k++)
		if (text_starts(p, deadline_range_seps[k], &rest))
			break;
	/* To the year's middle or end: 3月至年底, 5月—年底前; into the
	 * next year: 11月至次年3月 (the caller reads its year word). */
	if (deadline_range_seps[k] != NULL && (text_starts(rest, "年", NULL) ||
	    text_starts_any(rest, deadline_next_years)))
		return xstrdup(rest);
	if (deadline_range_seps[k] != NULL && part && (later = later_part(from, s,
	    rest - strlen(deadline_range_seps[k]), rest)) != NULL)
		return later;
	if (deadline_range_seps[k] == NULL || (to = deadline_number(rest, &len)) < 1)
		return NULL;
	if (day > 0 && text_starts(rest + len, "月", &after)) {
		int to_day = deadline_number(after, &len);

		/* "10月1日—12月31日": the later date, as written. */
		return to <= 12 && (to > from || (to == from && to_day > day)) &&
		    (text_starts(after + len, "日", NULL) ||
		    text_starts(after + len, "号", NULL)) ? xstrdup(rest) : NULL;
	}
	if (day > 0)	/* "9月1日—15日": the 15th of the same month */
		return to > day && to <= 31 && (text_starts(rest + len, "日",
		    NULL) || text_starts(rest + len, "号", NULL)) ?
		    xasprintf("%d月%s", from, rest) : NULL;
	/* From a part of a month, to a later part or month: 6月上旬至
	 * 6月下旬 (6月上旬至下旬, its month left off, is later_part's). */
	if (to < from || (to == from && !part) || to > 12 ||
	    !text_starts(rest + len, "月", &after))
		return NULL;
	text_starts(after, "份", &after);
	return strcmp(after, "前") == 0 ? xasprintf("%d月底", to) :
	    xstrdup(rest);
}
