/* plan_csv: a plan as CSV (RFC 4180) or TSV with a header row
 * (README, "Importing plans", input 2), read as table rows for the
 * interpreter. */
#ifndef DEADLINED_PLAN_CSV_H
#define DEADLINED_PLAN_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include "plan/columns.h"
#include "plan/plan.h"
#include "plan/table.h"
#include "base/util.h"

/* The records of data (valid UTF-8) with separator sep (',' or '\t') as
 * rows, each at its line: the rows above the header (a title, blank
 * rows), the header, the data rows.  0 and *out, or EXIT_DATAERR with
 * "NAME:LINE: msg": no header row, a missing column, a record whose
 * field count is not the header's, a malformed quote. */
int plan_csv_read(const char *name, const char *data, size_t len, char sep,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

/* plan_csv_read, then interp_plan: the plan (deadlines and units not
 * yet resolved).  The title comes from a "plan" column, else from a
 * title row above the header, else from name's base name; the year from
 * a "year" column, else from the title (else 0). */
int plan_csv_parse(const char *name, const char *data, size_t len, char sep,
    struct plan **out, struct error *err) WARN_UNUSED_RESULT;

/* Whether one of the first lines is a header row with separator sep
 * naming at least the measure, units and deadline columns. */
bool plan_csv_detect(const char *data, size_t len, char sep);

#endif
