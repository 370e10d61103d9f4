/* docx: Word documents (.docx) read as rows (plan/table.h). */
#ifndef DEADLINED_DOCX_H
#define DEADLINED_DOCX_H

#include <stddef.h>
#include "base/util.h"
#include "plan/table.h"

/* The paragraphs and table rows of data[0..len) (a .docx) in reading
 * order: 0 and *out, or EXIT_DATAERR with one line naming the file and
 * the member or place. */
int docx_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

#endif
