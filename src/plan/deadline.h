/* deadline: the grammar of Chinese deadline phrases (README,
 * "Deadlines"): text + plan year -> kind and due date (deadline.c, its
 * forms in deadline_forms.c, the kinds and their names in
 * deadline_kind.c); the deadline a measure's text ends with
 * (deadline_text.c); and when a kind's occurrences fall (periods.c). */
#ifndef DEADLINED_DEADLINE_H
#define DEADLINED_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/deadline_kind.h"

/* Classify text for a plan of year `year`.  Never fails: what the grammar
 * does not know is DL_UNKNOWN.  The last answers are remembered, per
 * thread (deadline_text.c). */
struct deadline deadline_parse(const char *text, int year);
/* The same, read anew each time (deadline.c): deadline_parse's work. */
struct deadline deadline_classify(const char *text, int year);

/* The deadline a measure's text ends with, for a table without a
 * deadline column: a note in brackets at its end that the grammar reads
 * ("…开展专项行动（6月底前完成）。"), else its last clause ("…，2026年9月
 * 底前建成。"), as written (a new string); NULL when neither is one. */
char *deadline_in_text(const char *text, int year);
/* text's lines parted by ；instead (a new string), when it has two or
 * more and each (not blank) is a deadline on its own; else NULL.  A line
 * that is no deadline alone ("6月" over "底前") leaves them joined, and
 * so do lines that read joined as the same deadline ("全年" over "持续
 * 推进": one phrase, wrapped). */
char *deadline_lines_as_clauses(const char *text, int year);
/* Whether two of a cell's lines are each a deadline ("6月底前" over
 * "年底前"): perhaps two rows run together, one of them now without its
 * deadline. */
bool deadline_two_lines(const char *text);
/* A year for checking that a text is a deadline before the plan's year
 * is known (any year of the festival table does). */
#define DEADLINE_ANY_YEAR 2024


/* What fixes an item's occurrences beyond its own deadline: how often an
 * ongoing item is checked in, and which days are working days (a weekly
 * item falls due on the last working day of its week).  The schedule's
 * policy (conf/load.h's config_deadline_rules) fills it; NULL in place of
 * a struct dl_rules is no check-ins and Monday to Friday. */
struct dl_rules {
	int checkin_months;	/* 1 or 3; 0: once, at the item's due date */
	/* Whether `day` is a working day; NULL: Monday to Friday. */
	bool (*is_workday)(const void *arg, int day);
	const void *arg;
};

/* The due day of the week (Monday to Sunday) that holds `day` for the
 * weekly item dl: the day it names (每周一: dl's due, its first week's,
 * is a Monday) or, when it names none (每周, 每周五; dl NULL too), the
 * week's last; that day or the last working day before it in the week
 * (its Friday in an ordinary week), else the first after it;
 * DATE_NONE when the week has none (a week of holidays).  The one home
 * of the weekly rule. */
int deadline_week_due(const struct deadline *dl, int day,
    const struct dl_rules *rules);

/* A year has at most this many weekly due days. */
#define DL_MAX_WEEKS 54

/* The weekly due days of dl (as deadline_week_due) that fall in `year`,
 * in order, into dues (at most max of them); returns their count. */
size_t deadline_year_weeks(const struct deadline *dl, int year,
    const struct dl_rules *rules, int *dues, size_t max);

/* Days in the period of an item of a kind whose period is shorter than
 * a month (weekly 7, biweekly 14, tenday 10, semimonthly 15, about); 0
 * for other kinds. */
int deadline_period_days(enum dl_kind kind);
/* The due days of such an item that fall in `year`, in order, into dues
 * (at most max, DL_MAX_WEEKS are enough): every week's due day
 * (deadline_week_due), every other week's from the one holding the
 * year's first Friday, every 15th and month end, or every 10th, 20th and
 * month end; returns their count.  The one home of where they fall. */
size_t deadline_year_dues(const struct deadline *dl, int year,
    const struct dl_rules *rules, int *dues, size_t max);

/* Months in a monthly, bimonthly, quarterly or semiannual item's period;
 * 0 for other kinds. */
int deadline_period_months(enum dl_kind kind);
/* The periodic kind whose period is `months` long; DL_UNKNOWN for none. */
enum dl_kind deadline_period_kind(int months);

/* The due day of the period of a periodic item that ends in month
 * `month` of `year`: the month's end, or on the item's own day (the
 * month's last when the month is shorter) in the month its due sets
 * (每月5日前: the same month; 每季度结束后10日内: the month after, so
 * the fourth quarter's falls in January of the next year), or on its
 * working day there (deadline.workday) under rules.  Other kinds: the
 * month's end.  The one home of where a period's due falls. */
int deadline_month_due(const struct deadline *dl, int year, int month,
    const struct dl_rules *rules);
/* The nth working day of a month under rules (n > 0), or the -nth from
 * its end (n < 0); the last one when it has fewer. */
int deadline_workday_in_month(int year, int month, int n,
    const struct dl_rules *rules);

/* The day before the period of a periodic item's occurrence due on
 * `due`: the previous period's due day, or the day before the plan
 * year for its first period (and for other kinds). */
int deadline_period_start(const struct deadline *dl, int year, int due,
    const struct dl_rules *rules);

/* The occurrence that the schedule's notices and the answers to them
 * carry on day `today`, for an item of a plan of `year`: the fixed due of
 * DL_DATE items and of DL_ONGOING ones without check-ins; the end of
 * today's month (or this month's day, the next month's once it is
 * past), quarter or half year, or the due day of today's week,
 * for periodic ones and checked-in ongoing ones (clamped to the plan
 * year; a week without a working day looks to the next); DATE_NONE for
 * DL_UNKNOWN. */
int deadline_occurrence(const struct deadline *dl, int year, int today,
    const struct dl_rules *rules);

/* The same with check-ins aside (an ongoing item's is its year-end
 * check-in): the due date `list` shows. */
int deadline_current_due(const struct deadline *dl, int year, int today,
    const struct dl_rules *rules);

#endif
