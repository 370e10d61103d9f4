/* interp: a document's rows, as any format reader gives them
 * (plan/table.h), read as a plan's task table.  See interp.c for what
 * is read and what is warned about. */
#ifndef DEADLINED_INTERP_H
#define DEADLINED_INTERP_H

#include "base/util.h"
#include "plan/plan.h"
#include "plan/table.h"

/* The plan in d: 0 and *out (title, year when the title names one,
 * tasks and measures; deadlines and units not yet resolved), or
 * EXIT_DATAERR when d holds no task table. */
int interp_plan(const struct table_doc *d, struct plan **out,
    struct error *err) WARN_UNUSED_RESULT;

#endif
