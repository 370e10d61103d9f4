/* title: where a document's task table starts (after an "附件" line
 * whose prose repeats the plan) and the plan's title and year from the
 * lines above its header. */
#ifndef DEADLINED_TITLE_H
#define DEADLINED_TITLE_H

#include <stddef.h>

#include "plan/plan.h"
#include "plan/table.h"

/* The first row after the first annex marker that a task table's header
 * follows; 0 when there is none. */
size_t title_table_start(const struct table_doc *d);

/* The plan's title and year from the rows [start, header): the nearest
 * line above the header that names the plan, else the nearest naming a
 * year (not a form's 填报时间：2026年 月 日 under the title), else the
 * nearest line, else one above the annex's start that names the plan
 * (an 附件1 row between a sheet's title and its header), else the
 * file's name; the year is the title's, else the document's first
 * line's (its own title, above any annex), else the nearest line's that
 * names one.  A section line ("一、…") right above the header is no
 * title but the first rows' section: into *section. */
void title_read(const struct table_doc *d, size_t start, size_t header,
    bool spaced, struct plan *p, char **section);

#endif
