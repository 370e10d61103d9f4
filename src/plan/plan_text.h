/* plan_text: the task table of a work plan as text extracted from PDF
 * (README, "Importing plans", input 1), read as table rows for the
 * interpreter. */
#ifndef DEADLINED_PLAN_TEXT_H
#define DEADLINED_PLAN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "plan/plan.h"
#include "plan/table.h"
#include "base/util.h"

/* The rows of data (valid UTF-8, NUL-free): the lines above the table
 * as paragraphs (the annex title as one), the header row, and the table
 * rebuilt from its lines, each row and cell at its line.  0 and *out, or
 * EXIT_DATAERR with "NAME[:LINE]: msg" when no header row is found. */
int plan_text_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

/* plan_text_read, then interp_plan: the plan (deadlines and units not
 * yet resolved; the year from the title when it names one, else 0). */
int plan_text_parse(const char *name, const char *data, size_t len,
    struct plan **out, struct error *err) WARN_UNUSED_RESULT;

#endif
