/* agenda: which stored items are due or overdue on a given day, for
 * `deadlinectl list` (and later the dashboard).  Pure: it is handed the
 * plans and the day. */
#ifndef DEADLINED_AGENDA_H
#define DEADLINED_AGENDA_H

#include <stddef.h>
#include "plan/deadline.h"
#include "plan/plan.h"

struct agenda_item {
	const struct plan *plan;
	const struct plan_task *task;
	const struct plan_measure *measure;
	int due;		/* day number of the current due date */
	int days_left;		/* negative when overdue */
};

/* Items of plans[0..n) due on or before today + within (overdue ones
 * included), only those naming `unit` when it is not NULL, sorted by due
 * date then plan order; each at its current due date under rules
 * (deadline_current_due; NULL: Monday to Friday).  Returns the count;
 * *out is freed with free(). */
size_t agenda_collect(struct plan *const *plans, size_t n, int today,
    int within, const char *unit, const struct dl_rules *rules,
    struct agenda_item **out);

#endif
