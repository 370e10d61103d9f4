/* csv: RFC 4180 records (and TSV), read and written.  Knows nothing of
 * plans: plan_csv and export build on it. */
#ifndef DEADLINED_CSV_H
#define DEADLINED_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"
#include "base/util.h"

struct csv_reader {
	const char *p, *end;
	char sep;		/* ',' or '\t' */
	int line;		/* line of the next record (1-based) */
};

struct csv_record {
	char **fields;
	size_t n, cap;
	int line;		/* line the record starts on */
};

void csv_reader_init(struct csv_reader *r, const char *data, size_t len, char sep);
/* Read the next record into rec (fields replaced).  Returns 1 for a
 * record, 0 at the end, -1 on a malformed record (err: "NAME:LINE: ..."):
 * a quote inside an unquoted field or an unterminated quoted field.  TSV
 * fields are not quoted. */
int csv_next(struct csv_reader *r, const char *name, struct csv_record *rec,
    struct error *err);
void csv_record_free(struct csv_record *rec);

/* Append one field, quoted when it needs to be (CSV), or with tabs and
 * line breaks replaced by spaces (TSV). */
void csv_put_field(struct buf *b, char sep, const char *s);
/* End a record: CRLF for CSV (RFC 4180), LF for TSV. */
void csv_end_record(struct buf *b, char sep);

#endif
