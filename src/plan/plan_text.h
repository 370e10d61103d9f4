/* plan_text: the task table of a work plan as text extracted from PDF
 * (README, "Importing plans", input 1). */
#ifndef DEADLINED_PLAN_TEXT_H
#define DEADLINED_PLAN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "plan/plan.h"
#include "base/util.h"

/* Parse data (valid UTF-8, NUL-free) into *out.  The year is taken from
 * the annex title when it names one (else left 0).  Deadlines and units
 * are not resolved here.  EXIT_DATAERR when no task table is found. */
int plan_text_parse(const char *name, const char *data, size_t len,
    struct plan **out, struct error *err) WARN_UNUSED_RESULT;

#endif
