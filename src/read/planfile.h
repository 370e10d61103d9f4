/* planfile: read a plan file of any supported format: check that it is
 * text (UTF-8, no NUL, not empty), detect the format, run the reader, set
 * the year and resolve deadlines and units. */
#ifndef DEADLINED_PLANFILE_H
#define DEADLINED_PLANFILE_H

#include <stddef.h>
#include "plan/plan.h"
#include "base/util.h"

enum plan_format { PLAN_AUTO, PLAN_TEXT, PLAN_CSV, PLAN_TSV };

bool plan_format_from_name(const char *name, enum plan_format *fmt);

/* Read path.  year_override: 0 to take the year from the file, else the
 * plan's year.  On success *out is a resolved plan and the SHA-256 of the
 * file is written to hash (65 bytes, hex).  Errors: EXIT_NOINPUT for a
 * file that cannot be opened, EXIT_DATAERR for bad content, with
 * "FILE:LINE: message" where there is a line. */
int planfile_read(const char *path, enum plan_format fmt, int year_override,
    struct plan **out, char *hash, struct error *err) WARN_UNUSED_RESULT;

/* The same for data already in memory (name is used in messages). */
int planfile_parse(const char *name, const char *data, size_t len,
    enum plan_format fmt, int year_override, struct plan **out,
    struct error *err) WARN_UNUSED_RESULT;

#endif
