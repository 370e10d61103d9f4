/* table_notes: what a document says about reading its task table
 * outside the table's cells: a note under the title or the table, or a
 * remark in a header cell (责任单位（排在第一位的为牵头单位）). */
#ifndef DEADLINED_TABLE_NOTES_H
#define DEADLINED_TABLE_NOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/table.h"
#include "plan/units.h"

/* The order of the names in the units cells as the document says it
 * (units_order_in), found in its paragraphs, its rows of one text or
 * the header row (row `header`), and *loc, where (a new string; NULL
 * when it says nothing). */
enum units_order table_units_order(const struct table_doc *d, size_t header,
    char **loc);

/* Row r's texts joined, as one line (a new string): a note under the
 * table that a text file's or a PDF's columns cut into cells. */
char *table_row_text(const struct trow *r);

/* Whether every text of row r is a sign-off (制表人： | 审核人：), the
 * line under a form: no row of its table. */
bool table_row_of_notes(const struct trow *r);

#endif
