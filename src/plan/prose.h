/* prose: a plan written without a task table, as numbered paragraphs
 * whose measures end with their units (and deadline) in brackets. */
#ifndef DEADLINED_PROSE_H
#define DEADLINED_PROSE_H

#include "plan/plan.h"
#include "plan/table.h"

/* Into *out, the plan d's paragraphs write (its tables aside), for a
 * document without a task table: sections (一、…) and headings ((一)…,
 * 1.…) above measures, each a paragraph ending in a bracketed note that
 * names its units by a label (责任单位：, 牵头单位：, 配合单位：…) or
 * beside its deadline (by a label, 完成时限：…, or one the grammar
 * reads).  EXIT_DATAERR, saying what a plan needs, when no paragraph is
 * a measure. */
int prose_plan(const struct table_doc *d, struct plan **out,
    struct error *err) WARN_UNUSED_RESULT;

#endif
