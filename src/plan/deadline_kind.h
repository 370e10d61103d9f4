/* deadline_kind: the kinds of deadline (deadline.h), their names, a
 * deadline as read and the longest deadline, in a module of their own so
 * that the grammar's parts (deadline_forms.h, deadline_verbs.h,
 * deadline_steps.h), which deadline.c reads, need not include
 * deadline.h. */
#ifndef DEADLINED_DEADLINE_KIND_H
#define DEADLINED_DEADLINE_KIND_H

#include <stdbool.h>

/* The longest deadline, in bytes: four steps with their verbs (3月底前
 * 完成摸底调查工作，6月底前制定整改方案，10月底前完成整改，12月底前完成
 * 验收) and then some; longer text is none (a units cell, a paragraph). */
#define DEADLINE_MAX 192

enum dl_kind {
	DL_DATE,	/* one due date */
	DL_ONGOING,	/* all year; due is the year-end check-in */
	DL_MONTHLY,	/* due at every month end, or a day of every month */
	DL_QUARTERLY,	/* due at every quarter end, or a day near it */
	DL_SEMIANNUAL,	/* due at June 30 and December 31 */
	DL_WEEKLY,	/* due at every week's last working day (Friday) */
	DL_BIMONTHLY,	/* due at the end of every other month (双月) */
	DL_BIWEEKLY,	/* due at every other week's last working day */
	DL_SEMIMONTHLY,	/* due on every month's 15th and last day (每半月) */
	DL_TENDAY,	/* due on every month's 10th, 20th and last (每旬) */
	DL_UNKNOWN,	/* not understood; no due date */
};

struct deadline {
	enum dl_kind kind;
	/* Day number (date.h), DATE_NONE when the kind has none.  A
	 * periodic item due on a day of every period (每月5日前,
	 * 每季度结束后10日内, 每周一) holds its first period's: where that
	 * falls is where every period's does (deadline_month_due,
	 * deadline_week_due). */
	int due;
	/* 0, or a working day of the month its due falls in: the Nth
	 * (每季度结束后5个工作日内, 每月前3个工作日), or with -1 the last
	 * (每月最后一个工作日).  Its due is the first period's such day in
	 * weeks of Monday to Friday; deadline_month_due counts under the
	 * holiday calendar. */
	int workday;
};

/* "date", "ongoing", "monthly", "quarterly", "semiannual", "weekly",
 * "bimonthly", "biweekly", "semimonthly", "tenday", "unknown": as stored
 * and exported. */
const char *deadline_kind_name(enum dl_kind kind);
/* The kind a stored name stands for; false for an unknown name. */
bool deadline_kind_from_name(const char *name, enum dl_kind *kind);

#endif
