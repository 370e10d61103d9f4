/* periods: when a deadline's occurrences fall (deadline.h): the due day
 * of a week, of a month, quarter or half year, and the occurrence current
 * on a day, under the working-day rules the schedule gives.  The grammar
 * that reads a deadline cell is deadline.c. */
#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/util.h"
#include "plan/deadline.h"

/* Whether day is a working day under rules. */
static bool
is_workday(const struct dl_rules *rules, int day)
{
	int wd;

	if (rules != NULL && rules->is_workday != NULL)
		return rules->is_workday(rules->arg, day);
	wd = date_weekday(day);
	return wd >= 1 && wd <= 5;
}

int
deadline_week_due(const struct deadline *dl, int day,
    const struct dl_rules *rules)
{
	/* The week runs Monday to Sunday.  A weekly deadline that names a
	 * day holds its first week's (deadline.h); one that names none
	 * (每周, 每周五) is due on the week's last working day. */
	int monday = date_monday(day), d;
	int target = dl != NULL && dl->kind == DL_WEEKLY && dl->due != DATE_NONE ?
	    date_next_weekday(monday, date_weekday(dl->due)) : monday + 6;

	/* The named day (the week's last), or the working day before it:
	 * what is due by a holiday is due before it, as for a date. */
	for (d = target; d >= monday; d--)
		if (is_workday(rules, d))
			return d;
	/* None before it in its week (每周一 in a week of holidays from
	 * Monday): the first working day after it. */
	for (d = target + 1; d < monday + 7; d++)
		if (is_workday(rules, d))
			return d;
	return DATE_NONE;
}

size_t
deadline_year_weeks(const struct deadline *dl, int year,
    const struct dl_rules *rules, int *dues, size_t max)
{
	int jan1 = date_from_ymd(year, 1, 1), dec31 = date_from_ymd(year, 12, 31);
	int d, due;
	size_t n = 0;

	/* Every week that holds a day of the year, the one holding Dec 31
	 * included (its due day may come before Jan 1 of the next year). */
	for (d = jan1; d <= dec31 + 6 && n < max; d += 7)
		if ((due = deadline_week_due(dl, d, rules)) != DATE_NONE &&
		    due >= jan1 && due <= dec31 && (n == 0 || due > dues[n - 1]))
			dues[n++] = due;
	return n;
}

/* The kinds whose periods are shorter than a month, each due on a day
 * listed for the year (deadline_year_dues): a week, or two of them, due
 * on the week's due day (deadline_week_due), or a part of every month,
 * due on its last day (每旬: the 10th, the 20th and the month's end;
 * 每半月: the 15th and the end). */
static const struct {
	enum dl_kind kind;
	int days;	/* the period's length, about */
	int weeks;	/* weeks a period; 0: a part of a month */
} short_kinds[] = {
	{ DL_WEEKLY, 7, 1 },
	{ DL_BIWEEKLY, 14, 2 },
	{ DL_TENDAY, 10, 0 },
	{ DL_SEMIMONTHLY, 15, 0 },
};

/* kind's row in short_kinds, or -1. */
static int
short_kind(enum dl_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(short_kinds); i++)
		if (short_kinds[i].kind == kind)
			return (int)i;
	return -1;
}

int
deadline_period_days(enum dl_kind kind)
{
	int i = short_kind(kind);

	return i < 0 ? 0 : short_kinds[i].days;
}

size_t
deadline_year_dues(const struct deadline *dl, int year,
    const struct dl_rules *rules, int *dues, size_t max)
{
	int i = short_kind(dl->kind), weeks, m, d, first;
	size_t n = 0, k, kept = 0;

	if (i < 0)
		return 0;
	if ((weeks = short_kinds[i].weeks) == 0) {
		for (m = 1; m <= 12; m++) {
			for (d = short_kinds[i].days; d < 28 && n < max;
			    d += short_kinds[i].days)
				dues[n++] = date_from_ymd(year, m, d);
			if (n < max)
				dues[n++] = date_month_end(year, m);
		}
		return n;
	}
	n = deadline_year_weeks(dl, year, rules, dues, max);
	/* Every other week from the one holding the year's first Friday
	 * (what a calendar program shows, knowing no holidays): a week of
	 * holidays keeps its place in the count. */
	first = date_monday(date_next_weekday(date_from_ymd(year, 1, 1), 5));
	for (k = 0; k < n; k++)
		if ((date_monday(dues[k]) - first) / 7 % weeks == 0)
			dues[kept++] = dues[k];
	return kept;
}

/* The occurrence of a short kind current on today for a plan of year y:
 * that of the period holding today (a week runs to its Sunday, a part of
 * a month to its due day; a week of holidays has no due day, so the next
 * week's is current), the year's first before it, its last after it. */
static int
short_occurrence(const struct deadline *dl, int y, int today,
    const struct dl_rules *rules)
{
	int dues[DL_MAX_WEEKS];
	size_t n = deadline_year_dues(dl, y, rules, dues, ARRAY_LEN(dues)), k;
	bool weeks = short_kinds[short_kind(dl->kind)].weeks > 0;

	for (k = 0; k < n; k++)
		if ((weeks ? date_monday(dues[k]) + 6 : dues[k]) >= today)
			return dues[k];
	return n > 0 ? dues[n - 1] : DATE_NONE;
}

/* The item's own occurrence: an ongoing item's is its year-end. */
int
deadline_current_due(const struct deadline *dl, int year, int today,
    const struct dl_rules *rules)
{
	struct dl_rules own = { 0, NULL, NULL };

	if (rules != NULL)
		own = (struct dl_rules){ 0, rules->is_workday, rules->arg };
	return deadline_occurrence(dl, year, today, &own);
}

/* The periodic kinds whose periods are whole months, and their length. */
static const struct {
	enum dl_kind kind;
	int months;
} period_kinds[] = {
	{ DL_MONTHLY, 1 },
	{ DL_BIMONTHLY, 2 },
	{ DL_QUARTERLY, 3 },
	{ DL_SEMIANNUAL, 6 },
};

int
deadline_period_months(enum dl_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(period_kinds); i++)
		if (period_kinds[i].kind == kind)
			return period_kinds[i].months;
	return 0;
}

enum dl_kind
deadline_period_kind(int months)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(period_kinds); i++)
		if (period_kinds[i].months == months)
			return period_kinds[i].kind;
	return DL_UNKNOWN;
}

/* Months from a period's end to its due day: 0 for a period's end or a
 * day in its last month (每月5日前), 1 for a day of the month after
 * (每季度结束后10日内), -2 for one in a quarter's first month
 * (每季度首月10日前).  A periodic deadline's due is its first period's
 * (deadline.h). */
static int
period_offset(const struct deadline *dl)
{
	int step = deadline_period_months(dl->kind), y, m, d;

	if (step == 0 || dl->due == DATE_NONE)
		return 0;
	date_to_ymd(dl->due, &y, &m, &d);
	return m - step;
}

int
deadline_workday_in_month(int year, int month, int n,
    const struct dl_rules *rules)
{
	int first = date_from_ymd(year, month, 1), last = date_month_end(year,
	    month), d, found = DATE_NONE;

	/* Counted from the month's start (n > 0) or its end (n < 0); a
	 * month with fewer working days gives its last (or first). */
	for (d = n > 0 ? first : last; d >= first && d <= last;
	    d += n > 0 ? 1 : -1)
		if (is_workday(rules, d)) {
			found = d;
			if ((n > 0 ? --n : ++n) == 0)
				break;
		}
	return found != DATE_NONE ? found : last;
}

int
deadline_month_due(const struct deadline *dl, int year, int month,
    const struct dl_rules *rules)
{
	int y, m, d, k;

	if (deadline_period_months(dl->kind) == 0 || dl->due == DATE_NONE)
		return date_month_end(year, month);
	date_to_ymd(dl->due, &y, &m, &d);
	k = year * 12 + month - 1 + period_offset(dl);
	year = k / 12;
	month = k % 12 + 1;
	if (dl->workday != 0)
		return deadline_workday_in_month(year, month, dl->workday,
		    rules);
	if (d > date_days_in_month(year, month))
		d = date_days_in_month(year, month);
	return date_from_ymd(year, month, d);
}

int
deadline_period_start(const struct deadline *dl, int year, int due,
    const struct dl_rules *rules)
{
	int step = deadline_period_months(dl->kind), y, m, d, k;
	int dues[DL_MAX_WEEKS];
	size_t n;

	if (deadline_period_days(dl->kind) > 0) {
		/* The due before it in the year's list. */
		n = deadline_year_dues(dl, year, rules, dues, ARRAY_LEN(dues));
		for (k = 1; k < (int)n; k++)
			if (dues[k] >= due)
				return dues[k - 1];
		return date_from_ymd(year, 1, 1) - 1;
	}
	if (step == 0)
		return date_from_ymd(year, 1, 1) - 1;
	/* The period whose due day this is, then the one before it. */
	date_to_ymd(due, &y, &m, &d);
	k = y * 12 + m - 1 - period_offset(dl);
	if (k / 12 != year || k % 12 + 1 <= step)
		return date_from_ymd(year, 1, 1) - 1;
	return deadline_month_due(dl, year, k % 12 + 1 - step, rules);
}

int
deadline_occurrence(const struct deadline *dl, int year, int today,
    const struct dl_rules *rules)
{
	int months, m, due = DATE_NONE;

	switch (dl->kind) {
	case DL_ONGOING:
		if (rules == NULL || rules->checkin_months <= 0)
			return dl->due;
		months = rules->checkin_months;
		break;
	case DL_DATE:
		return dl->due;
	case DL_MONTHLY:
	case DL_BIMONTHLY:
	case DL_QUARTERLY:
	case DL_SEMIANNUAL:
		months = deadline_period_months(dl->kind);
		break;
	case DL_WEEKLY:
	case DL_BIWEEKLY:
	case DL_SEMIMONTHLY:
	case DL_TENDAY:
		return today == DATE_NONE ? DATE_NONE :
		    short_occurrence(dl, year, today, rules);
	default:
		return DATE_NONE;
	}
	if (today == DATE_NONE)
		return DATE_NONE;
	/* The plan year's first occurrence on or after today (that of the
	 * period holding today, or the next when its day is past), or its
	 * last. */
	for (m = months; m <= 12; m += months)
		if ((due = deadline_month_due(dl, year, m, rules)) >= today)
			break;
	return due;
}
