/* convert: legacy Office and WPS files (OLE2: .doc, .xls, .wps, .et)
 * and OpenDocument ones (.odt, .ods) read through LibreOffice when it is
 * installed. */
#ifndef DEADLINED_CONVERT_H
#define DEADLINED_CONVERT_H

#include <stdbool.h>
#include <stddef.h>
#include "base/util.h"
#include "plan/table.h"

/* Whether data starts like an OLE2 compound file. */
bool convert_is_ole(const char *data, size_t len);

/* Convert with soffice (a private temporary directory, a time limit) and
 * read the result as .docx or .xlsx; without soffice, EXIT_DATAERR with
 * the command that converts the file. */
int convert_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

/* The same for an OpenDocument file: a spreadsheet (sheet: .ods, read
 * as .xlsx) or a text (.odt, read as .docx). */
int convert_odf(const char *name, const char *data, size_t len, bool sheet,
    struct table_doc **out, struct error *err) WARN_UNUSED_RESULT;

#endif
