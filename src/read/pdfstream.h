/* pdfstream: the tables of a PDF page without ruling lines (see
 * pdfstream.c). */
#ifndef DEADLINED_PDFSTREAM_H
#define DEADLINED_PDFSTREAM_H

#include "read/pdftext.h"

/* The page's rows: tables whose columns are told apart by blanks, with
 * a warning (they are guessed at), and paragraphs around them; a page
 * of prose is paragraphs alone.  0 or err set. */
int pdfstream_read(struct pdf_page *pg, struct table_doc *d,
    struct error *err);

#endif
