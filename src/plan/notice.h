/* notice: the vocabulary of reminders that the schedule decides, the
 * outbox stores and the answers log refers to: a notice's stage, a
 * unit's answer, and one notice of one item. */
#ifndef DEADLINED_NOTICE_H
#define DEADLINED_NOTICE_H

#include <stdbool.h>
#include <time.h>

enum stage {
	STAGE_LEAD,		/* before the due date (step: days before) */
	STAGE_DUE,		/* on the due date */
	STAGE_OVERDUE,		/* after it (step: 1, 2, … repetition) */
	STAGE_CHECKIN,		/* ongoing items: before each period's end */
	STAGE_ESCALATION,
	/* The supervision cycle's requests (store/requests.c), step the
	 * request's id: to the approver, a unit's request for a later
	 * deadline and its completion to review; to the unit, the
	 * decisions. */
	STAGE_EXTENSION,
	STAGE_COMPLETION,
	STAGE_APPROVED,
	STAGE_REJECTED,
	STAGE_CONFIRMED,
	STAGE_RETURNED,
	STAGE_REPORT,		/* a progress report is asked for (step: the
				 * report date, a day number) */
	STAGE_BEHIND,		/* the report is missing past that date */
};

/* What the unit has answered for one occurrence (due date). */
enum answer { ANSWER_NONE, ANSWER_ACK, ANSWER_DONE };

struct sched_notice {
	int due;		/* day number of the occurrence */
	enum stage stage;
	int step;
	time_t trigger;		/* when it is (was) to be sent */
	bool current;		/* false: its time passed unsent (skip it) */
};

/* How urgent a notice is, as 督办 offices colour their 督办单: the
 * recipient reads it before the text (subject, colour, card header). */
enum level {
	LEVEL_REMIND,		/* 提醒, blue: a deadline nears, a report is asked */
	LEVEL_PRESS,		/* 督办, yellow: work falls behind */
	LEVEL_URGE,		/* 催办, red: overdue */
};

const char *stage_name(enum stage s);
bool stage_from_name(const char *name, enum stage *s);

/* Whether a notice of this stage is about a unit's request (its step
 * the request's id): one to the approver or a decision to the unit. */
bool stage_of_request(enum stage s);

/* The level of a notice of this stage. */
enum level stage_level(enum stage s);
const char *level_name(enum level l);	/* "remind", "press", "urge" */
const char *level_label(enum level l);	/* "提醒", "督办", "催办" */
/* The level named name (level_name's); false for none. */
bool level_from_name(const char *name, enum level *l);

#endif
