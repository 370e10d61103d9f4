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

struct sched_item {
	struct deadline deadline;
	int year;			/* the plan's */
	enum role role;
	/* The unit's answer for the occurrence due on `due`; NULL: none. */
	enum answer (*answer)(void *arg, int due);
	/* The date the occurrence due on `due` is due for the unit (an
	 * approved extension's); NULL: due itself. */
	int (*due_for)(void *arg, int due);
	void *arg;
};


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

#endif
