/* table_header: a task table's header row (plan/table.h rows): which
 * columns it names (plan/columns) and where they stand, a second header
 * row under spanning cells, and the header said again at a page's top. */
#ifndef DEADLINED_TABLE_HEADER_H
#define DEADLINED_TABLE_HEADER_H

#include <stdbool.h>

#include "plan/columns.h"
#include "plan/table.h"

/* Where each column is (pos[col], -1 when absent), and how wide the
 * table is. */
struct table_header {
	int pos[COL_COUNT];
	int width;
	bool rows_are_tasks;	/* no measure column: the task column's
				 * read as it, each row a task of its own */
};

/* Whether r names the columns a task table needs; fills h. */
bool table_header_read(const struct trow *r, struct table_header *h);
/* Whether d's row i heads a task table, alone or with a second header
 * row under it that names the columns it lacks; fills h. */
bool table_header_at(const struct table_doc *d, size_t i,
    struct table_header *h);
/* Whether r repeats a header (a page's or a table's top): marked as one
 * by its reader, or naming a task table's columns. */
bool table_header_repeated(const struct trow *r);
/* Whether r is a two-row header's second row (牵头单位 | 配合单位 under
 * a 责任单位 spanning both): every text of it names a column, and it
 * names no task table's by itself.  Its reader's mark as a repeated
 * header says nothing here: a header of two rows repeats both. */
bool table_header_second_row(const struct trow *r);
/* The columns a header's second row r names take their places; the cell
 * spanning them above names none any more. */
void table_header_sub(struct table_header *h, const struct trow *r);

/* Warn on p about each cell of the header row d->rows[header] whose
 * column is left out: one that names no column (nor what is known and
 * not read: plan_column_unread) or a column named before it, unless a
 * second header row under it names columns. */
struct plan;
void table_header_warn_unread(const struct table_doc *d, size_t header,
    struct plan *p);

#endif
