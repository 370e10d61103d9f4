/* plan_csv: a plan kept as a spreadsheet, saved as CSV (RFC 4180) or TSV
 * with a header row (README, "Importing plans", input 2).
 *
 * One row is one measure.  Spreadsheets merge the task and section cells
 * of consecutive rows and save the merged cell once, leaving the rows
 * below empty, so an empty task or section cell continues the one above.
 * Header names are the English ones of plan_csv_columns (which export
 * writes) or the Chinese ones that work plans use.  Deadlines and units
 * are left for plan_resolve, like every reader.
 */
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "plan/columns.h"
#include "plan/plan_csv.h"
#include "base/text.h"

/* The task that rows belong to until a row names another.  It becomes a
 * plan task only when a measure arrives, so that a row carrying just a
 * section or a task title (a heading row) creates no empty task. */
struct current {
	bool have;		/* a task has been named */
	int no;
	char *title;
	char *section;
	struct plan_task *task;	/* NULL until its first measure */
};

/* How many rows above the header may hold a title or be blank. */
#define HEADER_SEARCH 10

/* The text of a record's only non-blank field (a title or section row),
 * squashed, or NULL. */
static char *
only_field(const struct csv_record *rec)
{
	const char *one = NULL;

	for (size_t i = 0; i < rec->n; i++) {
		if (text_blank(rec->fields[i]))
			continue;
		if (one != NULL)
			return NULL;
		one = rec->fields[i];
	}
	return one != NULL ? text_squash(one) : NULL;
}

static int
known_columns(const int *idx)
{
	int n = 0;

	for (int i = 0; i < COL_COUNT; i++)
		n += idx[i] != -1;
	return n;
}

/* Skip a UTF-8 byte order mark, which Excel writes before "CSV UTF-8". */
static void
skip_bom(const char **data, size_t *len)
{
	if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0) {
		*data += 3;
		*len -= 3;
	}
}

/* Map the header fields to columns (idx[col] = field index, or -1).
 * Unknown and repeated names are warned about when p is not NULL. */
static void
map_header(struct plan *p, const struct csv_record *rec, int *idx)
{
	size_t i;
	int col;

	for (i = 0; i < COL_COUNT; i++)
		idx[i] = -1;
	for (i = 0; i < rec->n; i++) {
		col = plan_column(rec->fields[i]);
		if (col == -1) {
			if (p != NULL)
				plan_warn(p, 1, "unknown column \"%s\" "
				    "ignored", rec->fields[i]);
		} else if (idx[col] != -1) {
			if (p != NULL)
				plan_warn(p, 1, "column \"%s\" repeats "
				    "column %d; ignored", rec->fields[i],
				    idx[col] + 1);
		} else
			idx[col] = (int)i;
	}
}

/* The cell of column col, squashed (a new string; "" when absent). */
static char *
cell(const struct csv_record *rec, const int *idx, enum col col)
{
	if (idx[col] == -1 || (size_t)idx[col] >= rec->n)
		return xstrdup("");
	return text_squash(rec->fields[idx[col]]);
}

/* Whether every field of the record is blank. */
static bool
record_blank(const struct csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (!text_blank(rec->fields[i]))
			return false;
	return true;
}

/* Parse a whole cell of 1 to maxdigits decimal digits (full-width ones
 * too); -1 when it is something else. */
static int
parse_digits(const char *s, size_t maxdigits)
{
	char *f = text_fold(s);
	size_t n = strspn(f, "0123456789");
	int v = -1;

	if (n > 0 && n <= maxdigits && f[n] == '\0')
		v = atoi(f);
	free(f);
	return v;
}

/* The title a plan without a "plan" column gets: name's base name
 * without its extension. */
static char *
name_title(const char *name)
{
	const char *base = strrchr(name, '/'), *dot;

	base = base != NULL ? base + 1 : name;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

/* Update the current task from a row's task and task_no cells.  Returns
 * 0, or an error code for a task number that is not a number. */
static int
take_task(const char *name, int line, const char *no_cell,
    const char *title_cell, struct current *cur, struct error *err)
{
	const char *title = title_cell;
	int no = -1, prefix;

	if (*no_cell != '\0' &&
	    (no = parse_digits(no_cell, PLAN_TASK_NO_DIGITS)) == -1)
		return error_set(err, EXIT_DATAERR, "%s:%d: task number "
		    "\"%s\" is not a number", name, line, no_cell);
	/* The prefix of "1.科学谋划…" is the number, not the title; it
	 * numbers the task unless a task_no cell does. */
	if ((prefix = plan_number_prefix(title_cell, &title)) != -1 && no == -1)
		no = prefix;

	if (no == -1 && *title == '\0')
		return 0;		/* merged cells: same task */
	if (cur->have) {
		if (no != -1 && no == cur->no)
			return 0;
		if (no == -1 && strcmp(title, cur->title) == 0)
			return 0;
	}
	if (no == -1)
		no = cur->have ? cur->no + 1 : 1;
	free(cur->title);
	cur->title = xstrdup(title);
	cur->no = no;
	cur->have = true;
	cur->task = NULL;
	return 0;
}

/* Check a row's year cell against the year seen so far. */
static int
take_year(const char *name, int line, const char *year_cell, int *year,
    struct error *err)
{
	int y;

	if (*year_cell == '\0')
		return 0;
	if ((y = parse_digits(year_cell, 4)) < 1000)
		return error_set(err, EXIT_DATAERR, "%s:%d: year \"%s\" is "
		    "not a 4-digit year", name, line, year_cell);
	if (*year != 0 && y != *year)
		return error_set(err, EXIT_DATAERR, "%s:%d: year %d differs "
		    "from the year %d of the rows above", name, line, y, *year);
	*year = y;
	return 0;
}

/* Read one data row into p. */
static int
take_row(struct plan *p, const char *name, const struct csv_record *rec,
    const int *idx, struct current *cur, int *year, struct error *err)
{
	char *c[COL_COUNT], *only;
	int i, rc = 0;

	for (i = 0; i < COL_COUNT; i++)
		c[i] = cell(rec, idx, (enum col)i);
	/* A section row as spreadsheets write it: "一、…" alone on its row
	 * (in whichever column the merged cell began). */
	if (*c[COL_MEASURE] == '\0' && (only = only_field(rec)) != NULL) {
		bool section = plan_is_section(only);

		if (section) {
			free(cur->section);
			cur->section = only;
			goto out;
		}
		free(only);
	}
	if ((rc = take_year(name, rec->line, c[COL_YEAR], year, err)) != 0)
		goto out;
	if (*c[COL_PLAN] != '\0' && *p->title == '\0') {
		free(p->title);
		p->title = xstrdup(c[COL_PLAN]);
	}
	/* The section is taken before the task, so that a task starting
	 * on this row gets it; a task already under way keeps its own. */
	if (*c[COL_SECTION] != '\0') {
		free(cur->section);
		cur->section = xstrdup(c[COL_SECTION]);
	}
	rc = take_task(name, rec->line, c[COL_TASK_NO], c[COL_TASK], cur,
	    err);
	if (rc != 0)
		goto out;
	if (*c[COL_MEASURE] == '\0') {
		plan_warn(p, rec->line, "row has no measure; skipped");
		goto out;
	}
	if (!cur->have) {
		rc = error_set(err, EXIT_DATAERR, "%s:%d: measure before any "
		    "task (the task cell is empty)", name, rec->line);
		goto out;
	}
	if (cur->task == NULL)
		cur->task = plan_add_task(p, cur->no, cur->section,
		    cur->title, rec->line);
	plan_add_measure(cur->task, c[COL_MEASURE], c[COL_DEADLINE],
	    c[COL_UNITS], rec->line);
out:
	for (i = 0; i < COL_COUNT; i++)
		free(c[i]);
	return rc;
}

/* Read a plan from CSV or TSV with a header row. */
int
plan_csv_parse(const char *name, const char *data, size_t len, char sep,
    struct plan **out, struct error *err)
{
	static const enum col required[] = { COL_MEASURE, COL_UNITS,
	    COL_DEADLINE };
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct current cur = { false, 0, NULL, NULL, NULL };
	struct csv_reader r;
	struct plan *p;
	char *title = NULL;
	int idx[COL_COUNT], rc, year = 0, skipped;
	size_t i, nheader;

	*out = NULL;
	skip_bom(&data, &len);
	p = plan_new(name);
	cur.title = xstrdup("");
	cur.section = xstrdup("");
	csv_reader_init(&r, data, len, sep);
	/* Spreadsheets put a title row (and blank rows) above the header:
	 * the header is the first row naming the columns. */
	for (skipped = 0;; skipped++) {
		if ((rc = csv_next(&r, name, &rec, err)) == -1) {
			rc = err != NULL ? err->code : EXIT_DATAERR;
			goto fail;
		}
		if (rc == 0 || skipped == HEADER_SEARCH) {
			rc = error_set(err, EXIT_DATAERR, "%s:1: no header row "
			    "naming the columns (measure, units, deadline)", name);
			goto fail;
		}
		map_header(NULL, &rec, idx);
		/* Two column names make a header row, whose missing column
		 * is then named. */
		if (known_columns(idx) >= 2)
			break;
		if (title == NULL && (title = only_field(&rec)) != NULL &&
		    plan_year_in(title) == 0 && skipped > 0) {
			free(title);	/* a subtitle without a year */
			title = NULL;
		}
	}
	map_header(p, &rec, idx);
	for (i = 0; i < ARRAY_LEN(required); i++) {
		if (idx[required[i]] == -1) {
			rc = error_set(err, EXIT_DATAERR, "%s:1: missing "
			    "column \"%s\"", name,
			    plan_csv_columns[required[i]]);
			goto fail;
		}
	}
	if (idx[COL_TASK] == -1 && idx[COL_TASK_NO] == -1) {
		rc = error_set(err, EXIT_DATAERR, "%s:1: missing column "
		    "\"%s\" (or \"%s\")", name, plan_csv_columns[COL_TASK],
		    plan_csv_columns[COL_TASK_NO]);
		goto fail;
	}
	nheader = rec.n;
	free(p->title);
	p->title = xstrdup("");

	while ((rc = csv_next(&r, name, &rec, err)) == 1) {
		if (record_blank(&rec))
			continue;
		if (rec.n != nheader) {
			rc = error_set(err, EXIT_DATAERR, "%s:%d: %zu fields, "
			    "the header has %zu", name, rec.line, rec.n,
			    nheader);
			goto fail;
		}
		if ((rc = take_row(p, name, &rec, idx, &cur, &year, err)) != 0)
			goto fail;
	}
	if (rc == -1) {
		rc = err != NULL ? err->code : EXIT_DATAERR;
		goto fail;
	}

	if (*p->title == '\0') {
		free(p->title);
		p->title = title != NULL ? title : name_title(name);
		title = NULL;
	}
	p->year = year != 0 ? year : plan_year_in(p->title);
	rc = 0;
	*out = p;
	p = NULL;
fail:
	plan_free(p);
	csv_record_free(&rec);
	free(cur.title);
	free(cur.section);
	free(title);
	return rc;
}

/* Whether the first line is a plan header row with separator sep. */
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
			map_header(NULL, &rec, idx);
			yes = idx[COL_MEASURE] != -1 && idx[COL_UNITS] != -1 &&
			    idx[COL_DEADLINE] != -1;
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
