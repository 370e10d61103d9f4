/* pdfgrid: the ruled tables of a PDF page (see pdfgrid.c). */
#ifndef DEADLINED_PDFGRID_H
#define DEADLINED_PDFGRID_H

#include "read/pdftext.h"

/* The page's rows when ruling lines on its mask make tables: paragraphs
 * above, between and below them, each table's rows (spans where a rule
 * is missing), each table recorded in pg->tables.  *found is false, and
 * nothing is read, when the page has no ruled table.  0 or err set. */
int pdfgrid_read(struct pdf_page *pg, struct table_doc *d, bool *found,
    struct error *err);

#endif
