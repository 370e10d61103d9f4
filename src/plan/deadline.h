/* deadline: the grammar of Chinese deadline phrases (README,
 * "Deadlines"): text + plan year -> kind and due date. */
#ifndef DEADLINED_DEADLINE_H
#define DEADLINED_DEADLINE_H

#include <stdbool.h>

enum dl_kind {
	DL_DATE,	/* one due date */
	DL_ONGOING,	/* all year; due is the year-end check-in */
	DL_MONTHLY,	/* due at every month end */
	DL_QUARTERLY,	/* due at every quarter end */
	DL_SEMIANNUAL,	/* due at June 30 and December 31 */
	DL_UNKNOWN,	/* not understood; no due date */
};

struct deadline {
	enum dl_kind kind;
	int due;	/* day number (date.h), DATE_NONE when the kind has none */
};

/* Classify text for a plan of year `year`.  Never fails: what the grammar
 * does not know is DL_UNKNOWN. */
struct deadline deadline_parse(const char *text, int year);

/* "date", "ongoing", "monthly", "quarterly", "semiannual", "unknown". */
const char *deadline_kind_name(enum dl_kind kind);
bool deadline_kind_from_name(const char *name, enum dl_kind *kind);

/* The due date that is current on day `today` for an item of a plan of
 * `year`: the fixed due of DL_DATE and DL_ONGOING items, the end of
 * today's month or quarter for periodic ones (clamped to the plan year),
 * DATE_NONE for DL_UNKNOWN. */
int deadline_current_due(const struct deadline *dl, int year, int today);

/* The same, for an item whose ongoing kind is checked in every
 * checkin_months months (1 or 3; 0: once, at its due date): the
 * occurrence that the schedule's notices and the answers to them carry. */
int deadline_occurrence(const struct deadline *dl, int year, int today,
    int checkin_months);

#endif
