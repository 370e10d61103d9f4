/* schedule: the reminder policy.  Pure: handed the configuration, one
 * item (a measure for one unit) and `now`, it says which notice is
 * current and which earlier ones were missed.  It reads no clock, file or
 * database, so a table of cases tests it. */
#ifndef DEADLINED_SCHEDULE_H
#define DEADLINED_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "config.h"
#include "deadline.h"
#include "units.h"

enum stage {
	STAGE_LEAD,		/* before the due date (step: days before) */
	STAGE_DUE,		/* on the due date */
	STAGE_OVERDUE,		/* after it (step: 1, 2, … repetition) */
	STAGE_CHECKIN,		/* ongoing items: before each period's end */
	STAGE_ESCALATION,
};

/* What the unit has answered for one occurrence (due date). */
enum answer { ANSWER_NONE, ANSWER_ACK, ANSWER_DONE };

struct sched_item {
	struct deadline deadline;
	int year;			/* the plan's */
	enum role role;
	/* The unit's answer for the occurrence due on `due`; NULL: none. */
	enum answer (*answer)(void *arg, int due);
	void *arg;
};

struct sched_notice {
	int due;		/* day number of the occurrence */
	enum stage stage;
	int step;
	time_t trigger;		/* when it is (was) to be sent */
	bool current;		/* false: its time passed unsent (skip it) */
};

/* The notices of `it` whose trigger is at or before now: the current one
 * of each occurrence (at most one) and the missed ones before it, at most
 * max of them into out (the count is returned; more are dropped, oldest
 * first kept).  *next (when not NULL) is lowered to the first trigger
 * after now, if any. */
size_t schedule_item(const struct config *c, const struct sched_item *it,
    time_t now, struct sched_notice *out, size_t max, time_t *next);

/* Whether a notice first sent at first_sent and still unanswered is to
 * be escalated at now: escalate_after_days working days after the day it
 * was sent, at the send window's start (into *when).  Never when
 * escalate_after_days is 0 (*when is then left alone). */
bool schedule_escalation_due(const struct config *c, time_t first_sent,
    time_t now, time_t *when);

const char *stage_name(enum stage s);
bool stage_from_name(const char *name, enum stage *s);

#endif
