/* schedule: the reminder policy.  Pure: handed the configuration, one
 * item (a measure for one unit) and `now`, it says which notice is
 * current and which earlier ones were missed.  It reads no clock, file or
 * database, so a table of cases tests it. */
#ifndef DEADLINED_SCHEDULE_H
#define DEADLINED_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "conf/config.h"
#include "plan/deadline.h"
#include "plan/units.h"
#include "plan/notice.h"
#include "store/acks.h"
#include "store/ledger.h"

struct sched_item {
	struct deadline deadline;
	int year;			/* the plan's */
	enum role role;
	/* The unit's answer for the occurrence due on `due`; NULL: none. */
	enum answer (*answer)(void *arg, int due);
	/* The date the occurrence due on `due` is due for the unit (an
	 * approved extension's); NULL: due itself. */
	int (*due_for)(void *arg, int due);
	/* When the unit last reported progress on that occurrence, 0:
	 * never; NULL: never. */
	time_t (*reported)(void *arg, int due);
	void *arg;
};

/* Report dates (schedule.progress): `day` of every month, or of each
 * quarter's last month (a shorter month's last day), moved back to the
 * working day before when it is none.  The first on or after `day`, the
 * last before it; DATE_NONE when reports are off. */
int schedule_report_from(const struct config *c, int day);
int schedule_report_before(const struct config *c, int day);
/* Whether a unit whose last report on the occurrence due on `due` of an
 * item with deadline dl (its plan's year `year`) was at `reported` (0: none)
 * is behind on day today: the last report date before today fell in
 * that occurrence's time and no report came after the date before it;
 * never when reports are off, nor for weekly items and check-ins. */
bool schedule_report_behind(const struct config *c,
    const struct deadline *dl, int year, int due, time_t reported, int today);
/* The board's cells on day today whose unit is behind so: CELL_BEHIND
 * (a yellow state over waiting and acknowledged; overdue and done stay). */
void schedule_mark_behind(const struct config *c, struct board_cell *cells,
    size_t n, int today);

/* The report dates of the occurrence of an item with deadline dl due on
 * `due` (its plan's year `year`) up to day `to`, each with the date
 * before it (a report counts for a date when made after that one and by
 * the date); at most max into out, the count returned.  None when
 * reports are off, nor for weekly items and check-ins. */
size_t schedule_report_dates(const struct config *c,
    const struct deadline *dl, int year, int due, int to,
    struct ledger_report *out, size_t max);
/* The ledger's period [from, to] (DATE_NONE: open) with c's calendar
 * and report dates, for ledger_build_period (c must outlive p). */
void schedule_ledger_period(const struct config *c, int from, int to,
    struct ledger_period *p);

/* The notices of `it` whose trigger is at or before now: the current one
 * of each occurrence (at most one) and the missed ones before it, at most
 * max of them into out (the count is returned; when there are more, the
 * last max are kept, so that a late start never loses the current ones).  *next (when not NULL) is lowered to the first trigger
 * after now, if any. */
size_t schedule_item(const struct config *c, const struct sched_item *it,
    time_t now, struct sched_notice *out, size_t max, time_t *next);

/* Whether a notice first sent at first_sent and still unanswered is to
 * be escalated at now: escalate_after_days working days after the day it
 * was sent, at the send window's start (into *when).  Never when
 * escalate_after_days is 0 (*when is then left alone). */
bool schedule_escalation_due(const struct config *c, time_t first_sent,
    time_t now, time_t *when);

/* A periodic report's slots: each of its nominal days (the weekday, or
 * the day of the month, a day past a shorter month's end being its last
 * day) goes out at r->at on the first working day on or after it.  The
 * latest slot whose time is at or before now: its nominal day in *slot,
 * its time in *at; false when none has come within the last 62 days.
 * A slot moved onto the day of the next one is merged into it: only the
 * later is made. */
bool schedule_report_slot(const struct config *c, const struct report_conf *r,
    time_t now, int *slot, time_t *at);
/* The time of r's first slot after now (0: none within a year). */
time_t schedule_report_next(const struct config *c,
    const struct report_conf *r, time_t now);

#endif
