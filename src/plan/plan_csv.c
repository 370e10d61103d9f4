/* plan_csv: a plan kept as a spreadsheet, saved as CSV (RFC 4180) or TSV
 * with a header row (README, "Importing plans", input 2), as table rows.
 *
 * The header is the first record (of the first few: spreadsheets put a
 * title row and blank rows above it) that names two columns; the columns
 * a task table needs must then be there.  Every record becomes a row at
 * its line; what the rows mean (merged task cells left empty, section
 * rows, the title, the plan and year columns) is the interpreter's.  A
 * field's line breaks are typed separators, not wrapping: they become
 * spaces here.  Header names are the English ones of plan_csv_columns
 * (which export writes) or the Chinese ones that work plans use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/text.h"
#include "plan/columns.h"
#include "plan/interp.h"
#include "plan/plan_csv.h"

/* How many records above the header may hold a title or be blank. */
#define HEADER_SEARCH 10

/* Skip a UTF-8 byte order mark, which Excel writes before "CSV UTF-8". */
static void
skip_bom(const char **data, size_t *len)
{
	if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0) {
		*data += 3;
		*len -= 3;
	}
}

/* Map the header fields to columns (idx[col] = field index, or -1);
 * returns how many columns are named.  Unknown and repeated names are
 * the interpreter's to warn about (table_header_warn_unread). */
static int
map_header(const struct csv_record *rec, int *idx)
{
	int col, known = 0;
	size_t i;

	for (i = 0; i < COL_COUNT; i++)
		idx[i] = -1;
	for (i = 0; i < rec->n; i++)
		if ((col = plan_column(rec->fields[i])) != -1 &&
		    idx[col] == -1) {
			idx[col] = (int)i;
			known++;
		}
	/* Named two so, a header names more by their shape, as
	 * table_header_read reads them. */
	for (i = 0; known >= 2 && i < rec->n; i++)
		if ((col = plan_column_guess(rec->fields[i])) != -1 &&
		    idx[col] == -1)
			idx[col] = (int)i;
	return known;
}

/* Whether every field of the record is blank. */
static bool
record_blank(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (!text_blank(rec->fields[i]))
			return false;
	return true;
}

/* Add the record as a row of its fields, whitespace folded. */
static int
add_record(struct table_doc *d, const char *name, const struct csv_record *rec,
    struct error *err)
{
	struct trow *r;

	if ((r = table_add_row(d, TROW_CELLS, 0, "%d", rec->line)) == NULL)
		return error_set(err, EXIT_DATAERR, "%s:%d: more than %d rows",
		    name, rec->line, TABLE_MAX_ROWS);
	r->line = rec->line;
	for (size_t i = 0; i < rec->n; i++) {
		char *s;

		if (strlen(rec->fields[i]) > TABLE_MAX_CELL)
			return error_set(err, EXIT_DATAERR, "%s:%d: more than "
			    "%u MiB of text in field %zu: refusing it", name,
			    rec->line, TABLE_MAX_CELL >> 20, i + 1);
		s = text_squash(rec->fields[i]);
		struct tcell *c = table_add_cell(r, s, strlen(s), 1, 0);

		free(s);
		if (c == NULL)
			return error_set(err, EXIT_DATAERR, "%s:%d: more than "
			    "%d fields", name, rec->line, TABLE_MAX_COLS);
	}
	return 0;
}

/* The header's columns a task table needs. */
static int
check_columns(const char *name, int line, const int *idx, struct error *err)
{
	static const enum col required[] = { COL_MEASURE, COL_UNITS };
	bool named[COL_COUNT];

	for (size_t i = 0; i < COL_COUNT; i++)
		named[i] = idx[i] != -1;
	if (plan_columns_task_table(named))
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(required); i++)
		if (idx[required[i]] == -1 && !(required[i] == COL_UNITS &&
		    idx[COL_LEAD] != -1))
			return error_set(err, EXIT_DATAERR, "%s:%d: missing "
			    "column \"%s\"", name, line,
			    plan_csv_columns[required[i]]);
	if (idx[COL_TASK] == -1 && idx[COL_TASK_NO] == -1)
		return error_set(err, EXIT_DATAERR, "%s:%d: missing column "
		    "\"%s\" (or \"%s\")", name, line, plan_csv_columns[COL_TASK],
		    plan_csv_columns[COL_TASK_NO]);
	return 0;
}

int
plan_csv_read(const char *name, const char *data, size_t len, char sep,
    struct table_doc **out, struct error *err)
{
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct table_doc *d = table_new(name);
	struct csv_reader r;
	int idx[COL_COUNT], rc, skipped;
	size_t nheader;

	*out = NULL;
	d->breaks_typed = true;		/* a CSV's cells are typed */
	skip_bom(&data, &len);
	csv_reader_init(&r, data, len, sep);
	for (skipped = 0;; skipped++) {
		if ((rc = csv_next(&r, name, &rec, err)) == -1)
			goto fail;
		if (rc == 0 || skipped == HEADER_SEARCH) {
			rc = error_set(err, EXIT_DATAERR, "%s:1: no header row "
			    "naming the columns (measure, units, deadline)", name);
			goto fail;
		}
		/* Two column names make a header row, whose missing column
		 * is then named. */
		if (map_header(&rec, idx) >= 2)
			break;
		if ((rc = add_record(d, name, &rec, err)) != 0)
			goto fail;
	}
	if ((rc = check_columns(name, rec.line, idx, err)) != 0 ||
	    (rc = add_record(d, name, &rec, err)) != 0)
		goto fail;
	nheader = rec.n;
	while ((rc = csv_next(&r, name, &rec, err)) == 1) {
		if (record_blank(&rec))
			continue;
		if (rec.n != nheader) {
			rc = error_set(err, EXIT_DATAERR, "%s:%d: %zu fields, "
			    "the header has %zu", name, rec.line, rec.n,
			    nheader);
			goto fail;
		}
		if ((rc = add_record(d, name, &rec, err)) != 0)
			goto fail;
	}
	if (rc == -1)
		goto fail;
	csv_record_free(&rec);
	*out = d;
	return 0;
fail:
	if (rc == -1)
		rc = err != NULL ? err->code : EXIT_DATAERR;
	csv_record_free(&rec);
	table_free(d);
	return rc;
}

int
plan_csv_parse(const char *name, const char *data, size_t len, char sep,
    struct plan **out, struct error *err)
{
	struct table_doc *d;
	int rc;

	*out = NULL;
	if ((rc = plan_csv_read(name, data, len, sep, &d, err)) != 0)
		return rc;
	rc = interp_plan(d, out, err);
	table_free(d);
	return rc;
}

/* Whether one of the first lines is a plan header row with separator
 * sep. */
bool
plan_csv_detect(const char *data, size_t len, char sep)
{
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;
	const char *nl;
	int idx[COL_COUNT];
	bool yes = false;

	skip_bom(&data, &len);
	/* Line by line (a text plan must not be scanned for a closing
	 * quote to its end), the first few: a title may stand above. */
	for (int k = 0; k < HEADER_SEARCH && len > 0 && !yes; k++) {
		size_t l = (nl = memchr(data, '\n', len)) != NULL ?
		    (size_t)(nl - data) : len;

		csv_reader_init(&r, data, l, sep);
		if (csv_next(&r, "-", &rec, NULL) == 1) {
			bool named[COL_COUNT];

			(void)map_header(&rec, idx);
			for (int i = 0; i < COL_COUNT; i++)
				named[i] = idx[i] != -1;
			/* Measures, or rows that are tasks (序号 | 工作任务 |
			 * 责任单位 | 完成时限); a missing task column is
			 * then the CSV reader's error to name. */
			yes = plan_columns_hold_measures(named) ||
			    plan_columns_task_table(named);
			/* Not a one-column line of text with a comma. */
			yes = yes && rec.n >= 3;
		}
		if (nl == NULL)
			break;
		len -= l + 1;
		data = nl + 1;
	}
	csv_record_free(&rec);
	return yes;
}
