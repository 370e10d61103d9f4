/* pdf: PDF task tables read as rows (plan/table.h), rebuilt from the
 * characters' positions and the ruling lines (see pdf.c). */
#ifndef DEADLINED_PDF_H
#define DEADLINED_PDF_H

#include <stddef.h>
#include "base/util.h"
#include "plan/table.h"

/* The rows of every page of data[0..len): 0 and *out, or EXIT_DATAERR
 * with one line (not a PDF, encrypted, no text layer: a scan). */
int pdf_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

#endif
