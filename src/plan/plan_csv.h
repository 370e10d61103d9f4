/* plan_csv: a plan as CSV (RFC 4180) or TSV with a header row
 * (README, "Importing plans", input 2). */
#ifndef DEADLINED_PLAN_CSV_H
#define DEADLINED_PLAN_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include "plan/columns.h"
#include "plan/plan.h"
#include "base/util.h"

/* Parse data with separator sep (',' or '\t').  The title comes from a
 * "plan" column, else from name's base name; the year from a "year"
 * column, else from a year in the title (else left 0). */
int plan_csv_parse(const char *name, const char *data, size_t len, char sep,
    struct plan **out, struct error *err) WARN_UNUSED_RESULT;

/* Whether the first line is a header row with separator sep naming at
 * least the measure, units and deadline columns. */
bool plan_csv_detect(const char *data, size_t len, char sep);

#endif
