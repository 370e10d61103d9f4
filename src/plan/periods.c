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
deadline_week_due(int day, const struct dl_rules *rules)
{
	/* date_weekday counts from Sunday; the week runs Monday to Sunday. */
	int sunday = day + (7 - date_weekday(day)) % 7, d;

	for (d = sunday; d > sunday - 7; d--)
		if (is_workday(rules, d))
			return d;
	return DATE_NONE;
}

size_t
deadline_year_weeks(int year, const struct dl_rules *rules, int *dues,
    size_t max)
{
	int jan1 = date_from_ymd(year, 1, 1), dec31 = date_from_ymd(year, 12, 31);
	int d, due;
	size_t n = 0;

	/* Every week that holds a day of the year, the one holding Dec 31
	 * included (its due day may come before Jan 1 of the next year). */
	for (d = jan1; d <= dec31 + 6 && n < max; d += 7)
		if ((due = deadline_week_due(d, rules)) != DATE_NONE &&
		    due >= jan1 && due <= dec31 && (n == 0 || due > dues[n - 1]))
			dues[n++] = due;
	return n;
}

/* The weekly occurrence current on today for a plan of year y. */
static int
week_occurrence(int y, int today, const struct dl_rules *rules)
{
	int dues[DL_MAX_WEEKS], due = DATE_NONE, k;
	size_t n = deadline_year_weeks(y, rules, dues, ARRAY_LEN(dues));

	if (n == 0)
		return DATE_NONE;
	/* A week of holidays has no due day: the next week's is current. */
	for (k = 0; k < 53 && due == DATE_NONE; k++)
		due = deadline_week_due(today + 7 * k, rules);
	if (due == DATE_NONE || due > dues[n - 1])
		return dues[n - 1];
	return due < dues[0] ? dues[0] : due;
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

int
deadline_month_due(const struct deadline *dl, int year, int month)
{
	int y, m, d;

	if (dl->kind != DL_MONTHLY || dl->due == DATE_NONE)
		return date_month_end(year, month);
	date_to_ymd(dl->due, &y, &m, &d);
	if (d > date_days_in_month(year, month))
		d = date_days_in_month(year, month);
	return date_from_ymd(year, month, d);
}

int
deadline_occurrence(const struct deadline *dl, int year, int today,
    const struct dl_rules *rules)
{
	int months, y, m, d, due;

	switch (dl->kind) {
	case DL_ONGOING:
		if (rules == NULL || rules->checkin_months <= 0)
			return dl->due;
		months = rules->checkin_months;
		break;
	case DL_DATE:
		return dl->due;
	case DL_MONTHLY:
		months = 1;
		break;
	case DL_QUARTERLY:
		months = 3;
		break;
	case DL_SEMIANNUAL:
		months = 6;
		break;
	case DL_WEEKLY:
		return today == DATE_NONE ? DATE_NONE :
		    week_occurrence(year, today, rules);
	default:
		return DATE_NONE;
	}
	if (today == DATE_NONE)
		return DATE_NONE;
	/* The period that contains today, or the plan year's first or last
	 * period when today lies outside the plan year. */
	date_to_ymd(today, &y, &m, &d);
	if (y < year)
		m = months;
	else if (y > year)
		m = 12;
	else
		m = (m + months - 1) / months * months;
	due = deadline_month_due(dl, year, m);
	/* A monthly day already past: next month's (December's stays). */
	if (y == year && today > due && m < 12)
		due = deadline_month_due(dl, year, m + 1);
	return due;
}
