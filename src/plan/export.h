/* export: a stored plan written out as JSON, CSV, TSV or iCalendar. */
#ifndef DEADLINED_EXPORT_H
#define DEADLINED_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"
#include "plan/deadline.h"
#include "plan/plan.h"

enum export_format { EXPORT_JSON, EXPORT_CSV, EXPORT_TSV, EXPORT_ICS };

bool export_format_from_name(const char *name, enum export_format *fmt);

/* Whether a measure of p names unit. */
bool export_has_unit(const struct plan *p, const char *unit);

/* Write p into b.  unit: NULL for every measure, else only the measures
 * that name this unit.  now: the time stamped into iCalendar output. */
void export_plan(struct buf *b, const struct plan *p, enum export_format fmt,
    const char *unit, long long now);

/* iCalendar as export_plan writes it, with a display alarm in each event
 * for each positive lead day (lead_days[0..n), the schedule's), and an
 * item due on a working day of its month (deadline.workday) on the day
 * rules count (NULL: Monday to Friday, as export_plan). */
void export_ics_alarms(struct buf *b, const struct plan *p, const char *unit,
    long long now, const int *lead_days, size_t n,
    const struct dl_rules *rules);

#endif
