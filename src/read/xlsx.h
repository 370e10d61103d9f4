/* xlsx: Excel workbooks (.xlsx) read as rows (plan/table.h). */
#ifndef DEADLINED_XLSX_H
#define DEADLINED_XLSX_H

#include <stddef.h>
#include "base/util.h"
#include "plan/table.h"

/* The rows of the first sheet of data[0..len) (a .xlsx) that holds a
 * task table (else of the first sheet): 0 and *out, or EXIT_DATAERR
 * with one line naming the file and the member or place. */
int xlsx_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

#endif
