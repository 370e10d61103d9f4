/* deadline_forms: the forms of the deadline grammar (README,
 * "Deadlines"), as data: each a head with its numbers, the tails it
 * takes, and the deadline it gives.  deadline.c matches them. */
#ifndef DEADLINED_DEADLINE_FORMS_H
#define DEADLINED_DEADLINE_FORMS_H

#include <stddef.h>

#include "plan/deadline_kind.h"

/* Where a form's day comes from. */
enum {
	DAY_END = 0,		/* the last day of the month */
	DAY_MATCHED = -1,	/* the %d of the head */
	DAY_NONE = -2,		/* no due date: periodic kinds */
	DAY_WORKDAY = -3,	/* the %d of the head counts working days */
	DAY_LAST_WORKDAY = -4,	/* the month's last working day */
};

/* One form: head, then exactly one of tails, then the end of the text. */
struct form {
	const char *head;	/* %m month, %q quarter, %d day of month */
	const char *const *tails;
	enum dl_kind kind;
	int month;		/* fixed month; 0: the one matched */
	int shift;		/* months added: -1 for "before month X" */
	int day;		/* fixed day, or DAY_* */
	int weekday;		/* a weekly item's day, 1 Monday .. 7 Sunday;
				 * 0: none (the week's last working day) */
};

/* In order: the first form that matches a whole text gives its
 * deadline. */
extern const struct form deadline_forms[];
extern const size_t deadline_nforms;
/* The tails of a year (年底, 年内): a range of years takes them too. */
extern const char *const deadline_tail_year[];

/* The grammar's words, each list NULL-terminated (deadline_forms.c says
 * what each is for): the separators of a range and of a list of dates,
 * the words for the next year a range may end in,
 * the verbs after a date, the heads of every period after which a
 * report's verb may follow, the words before a deadline that leave it as
 * it is, the notes that make 前 inclusive, and the adverbs between a
 * deadline and its verb. */
extern const char *const deadline_range_seps[];
extern const char *const deadline_next_years[];
extern const char *const deadline_list_seps[];
extern const char *const deadline_date_verbs[];
extern const char *const deadline_report_verbs[];
extern const char *const deadline_every_heads[];
extern const char *const deadline_every_week[];
extern const char *const deadline_weekdays[];
extern const char *const deadline_lead_words[];
extern const char *const deadline_inclusive_notes[];
extern const char *const deadline_exclusive_notes[];
extern const char *const deadline_void_notes[];
extern const char *const deadline_after_words[];
extern const char *const deadline_note_times[];
extern const char *const deadline_done_adverbs[];

#endif
