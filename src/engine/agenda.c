/* agenda: due and overdue items on a day. */
#include <stdlib.h>
#include <string.h>

#include "engine/agenda.h"
#include "base/date.h"

/* Whether measure m names unit. */
static bool
names_unit(const struct plan_measure *m, const char *unit)
{
	for (size_t i = 0; i < m->nunits; i++)
		if (strcmp(m->units[i].name, unit) == 0)
			return true;
	return false;
}

/* Order: due date, then plan, then the plan's own order.  A plan's
 * tasks share one array and a task's measures another, so addresses
 * within them follow plan order. */
static int
cmp_items(const void *a, const void *b)
{
	const struct agenda_item *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->plan != y->plan)
		return x->plan->id < y->plan->id ? -1 : 1;
	if (x->task != y->task)
		return x->task < y->task ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

size_t
agenda_collect(struct plan *const *plans, size_t n, int today, int within,
    const char *unit, const struct dl_rules *rules, struct agenda_item **out)
{
	struct agenda_item *items = NULL;
	size_t count = 0, cap = 0, p, t, k;

	for (p = 0; p < n; p++) {
		for (t = 0; t < plans[p]->ntasks; t++) {
			const struct plan_task *task = &plans[p]->tasks[t];

			for (k = 0; k < task->nmeasures; k++) {
				const struct plan_measure *m = &task->measures[k];
				int due = deadline_current_due(&m->deadline,
				    plans[p]->year, today, rules);

				if (due == DATE_NONE || due > today + within ||
				    (unit != NULL && !names_unit(m, unit)))
					continue;
				items = xgrow(items, &cap, count + 1, sizeof(*items));
				items[count].plan = plans[p];
				items[count].task = task;
				items[count].measure = m;
				items[count].due = due;
				items[count].days_left = due - today;
				count++;
			}
		}
	}
	if (count > 1)
		qsort(items, count, sizeof(*items), cmp_items);
	*out = items;
	return count;
}
