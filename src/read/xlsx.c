/* xlsx: an Excel workbook (SpreadsheetML) as rows: the first visible
 * sheet that holds a task table (a row naming its columns), else the
 * first hidden one (warned about), else the first sheet; later sheets
 * that hold one too are named in a warning, and so are hidden rows and
 * rows with text struck through (its style's font: xlsx_style), which
 * are read like the others.
 * Cells come from the shared strings, inline strings, numbers (an
 * integer without ".0"; a date-formatted number as the date it shows,
 * YYYY年M月D日, YYYY年M月 or M月D日, which the deadline grammar reads),
 * ISO dates (t="d") and booleans; mergeCells give a merged area's
 * top-left cell its colspan, and the cells below it the flag
 * TCELL_MERGED_UP.  Rows with no cell are left out; every row and cell
 * keeps its place ("Sheet1!A12").  Columns and rows are bounded
 * (TABLE_MAX_COLS, TABLE_MAX_ROWS), so a cell referenced far away costs
 * nothing, and so is the text of a cell and of a whole sheet (a short
 * shared string repeated in every cell must not fill the memory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "plan/columns.h"
#include "read/xlsx.h"
#include "read/xlsx_style.h"
#include "read/zipxml.h"

#define MAX_SHEETS 256
#define MAX_STRINGS 1000000
#define MAX_COVERS (4 * TABLE_MAX_ROWS)
#define MAX_SHEET_TEXT ZIPXML_MAX_MEMBER	/* bytes of all cells' text */

struct sheet {
	char *name;
	char *part;		/* "xl/worksheets/sheet1.xml" */
	bool hidden;		/* state="hidden" or "veryHidden" */
};

struct xcell {
	int row, col;		/* 0-based */
	char *text;
};

/* One row of a merged area: its first column and width; top: the
 * area's first row (which keeps the text). */
struct cover {
	int row, col, span;
	bool top;
};

struct book {
	struct zipxml z;
	const char *name;
	struct error *err;
	struct sheet sheets[MAX_SHEETS];
	int nsheets;
	char **strings;
	size_t nstrings, scap;
	struct xlsx_styles styles;
	bool date1904;
};

/* ---- small parsers ------------------------------------------------------------ */

/* "B12" -> row 11, col 1; false when it is not a cell reference. */
static bool
parse_ref(const char *s, int *row, int *col)
{
	long c = 0, r = 0;

	if (*s < 'A' || *s > 'Z')
		return false;
	while (*s >= 'A' && *s <= 'Z') {
		c = c * 26 + (*s++ - 'A' + 1);
		if (c > 16384)
			return false;
	}
	if (*s < '1' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		r = r * 10 + (*s++ - '0');
		if (r > 1048576)
			return false;
	}
	if (*s != '\0')
		return false;
	*row = (int)r - 1;
	*col = (int)c - 1;
	return true;
}

static void
col_name(int col, char *out)
{
	char tmp[8];
	int n = 0;

	for (col++; col > 0 && n < 7; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* ---- the workbook's parts --------------------------------------------------- */

/* Walk member's elements, calling fn at each element start (and at its
 * end with end = true), text nodes going to fn with name NULL. */
typedef int (*walk_fn)(struct book *b, xmlTextReaderPtr r, const char *name,
    bool end, void *arg);

static int
walk(struct book *b, const char *member, bool optional, walk_fn fn, void *arg)
{
	xmlTextReaderPtr r;
	char *xml;
	size_t len;
	int rc, step;

	if ((rc = zipxml_read(&b->z, member, optional, &xml, &len, b->err)) != 0)
		return rc;
	if (xml == NULL)
		return 0;
	if ((r = zipxml_reader(&b->z, member, xml, len, b->err)) == NULL) {
		free(xml);
		return EXIT_DATAERR;
	}
	while (rc == 0 && (step = zipxml_next(&b->z, member, r, b->err)) == 1) {
		int type = xmlTextReaderNodeType(r);

		if (type == XML_READER_TYPE_ELEMENT) {
			rc = fn(b, r, zipxml_local(r), false, arg);
			if (rc == 0 && xmlTextReaderIsEmptyElement(r) == 1)
				rc = fn(b, r, zipxml_local(r), true, arg);
		} else if (type == XML_READER_TYPE_END_ELEMENT)
			rc = fn(b, r, zipxml_local(r), true, arg);
		else if (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			rc = fn(b, r, NULL, false, arg);
	}
	if (rc == 0 && step < 0)
		rc = b->err->code;
	xmlFreeTextReader(r);
	free(xml);
	return rc;
}

/* xl/workbook.xml: the sheets in order, with their relationship ids
 * (kept in part until the relationships resolve them). */
static int
on_workbook(struct book *b, xmlTextReaderPtr r, const char *name, bool end,
    void *arg)
{
	char *v;

	(void)arg;
	if (name == NULL || end)
		return 0;
	if (strcmp(name, "workbookPr") == 0) {
		v = zipxml_attr(r, "date1904");
		b->date1904 = zipxml_onoff(v, false);
		free(v);
	} else if (strcmp(name, "sheet") == 0 && b->nsheets < MAX_SHEETS) {
		b->sheets[b->nsheets].name = zipxml_attr(r, "name");
		b->sheets[b->nsheets].part = zipxml_attr(r, "id");
		v = zipxml_attr(r, "state");
		b->sheets[b->nsheets].hidden = v != NULL &&
		    strcmp(v, "visible") != 0;
		free(v);
		if (b->sheets[b->nsheets].name == NULL)
			b->sheets[b->nsheets].name = xasprintf("Sheet%d",
			    b->nsheets + 1);
		b->nsheets++;
	}
	return 0;
}

/* xl/_rels/workbook.xml.rels: relationship id -> the sheet's part. */
static int
on_rels(struct book *b, xmlTextReaderPtr r, const char *name, bool end,
    void *arg)
{
	char *id, *target;

	(void)arg;
	if (name == NULL || end || strcmp(name, "Relationship") != 0)
		return 0;
	id = zipxml_attr(r, "Id");
	target = zipxml_attr(r, "Target");
	for (int i = 0; id != NULL && target != NULL && i < b->nsheets; i++) {
		if (b->sheets[i].part == NULL || strcmp(b->sheets[i].part, id) != 0)
			continue;
		free(b->sheets[i].part);
		b->sheets[i].part = target[0] == '/' ? xstrdup(target + 1) :
		    xasprintf("xl/%s", target);
	}
	free(id);
	free(target);
	return 0;
}

/* xl/sharedStrings.xml: each si's text (its runs', not the phonetic
 * guide's). */
struct strings_state {
	struct buf text;
	bool in_t, in_phonetic;
};

static int
on_strings(struct book *b, xmlTextReaderPtr r, const char *name, bool end,
    void *arg)
{
	struct strings_state *st = arg;

	if (name == NULL) {
		const xmlChar *v = xmlTextReaderConstValue(r);

		/* Past the bound a cell showing it is refused. */
		if (st->in_t && !st->in_phonetic && v != NULL &&
		    st->text.len <= TABLE_MAX_CELL)
			buf_puts(&st->text, (const char *)v);
		return 0;
	}
	if (strcmp(name, "rPh") == 0)
		st->in_phonetic = !end;
	else if (strcmp(name, "t") == 0)
		st->in_t = !end;
	else if (strcmp(name, "si") == 0 && end) {
		if (b->nstrings >= MAX_STRINGS)
			return error_set(b->err, EXIT_DATAERR, "%s: more than %d "
			    "shared strings: refusing it", b->name, MAX_STRINGS);
		b->strings = xgrow(b->strings, &b->scap, b->nstrings + 1,
		    sizeof(*b->strings));
		b->strings[b->nstrings++] = xstrdup(buf_str(&st->text));
		buf_reset(&st->text);
	}
	return 0;
}

/* xl/styles.xml: what each cell style says (xlsx_style). */
static int
on_styles(struct book *b, xmlTextReaderPtr r, const char *name, bool end,
    void *arg)
{
	(void)arg;
	if (name != NULL)
		xlsx_styles_element(&b->styles, r, name, end);
	return 0;
}

/* ---- a sheet ------------------------------------------------------------------ */

struct sheet_state {
	const char *name;	/* the sheet's, for messages */
	struct xcell *cells;
	size_t ncells, ccap;
	size_t text_bytes;	/* of all cells so far */
	int last_row, last_col;	/* the largest of the cells' */
	struct cover *covers;
	size_t ncovers, vcap;
	int row, col;		/* of the current c (row -1: not read) */
	int next_row, next_col;	/* where a c without r="" is */
	char *type;		/* its t attribute */
	int style;
	bool in_v, in_is_t, in_phonetic;
	struct buf v;
	bool far;		/* the current c is beyond the bounds */
	int clip_row, clip_col;	/* the first such cell with a value, */
	bool clipped;		/* if any */
	int *hidden;		/* the rows hidden (row hidden="1"), in order */
	size_t nhidden, hcap;
	/* The columns hidden (col hidden="1" or width 0), and those of them
	 * that hold text. */
	bool col_hidden[TABLE_MAX_COLS], col_read[TABLE_MAX_COLS];
	int *struck;		/* rows with text struck through, in order */
	size_t nstruck, kcap;
	bool formula;		/* the current c has a formula (f) */
	int *novalue;		/* rows with a formula and no value stored */
	size_t nnovalue, ncap;
};

static int
end_cell(struct book *b, struct sheet_state *st)
{
	const char *v = buf_str(&st->v);
	char *text, cname[8];
	size_t len;

	if (st->far && *v != '\0' && !st->clipped) {
		st->clipped = true;
		st->clip_row = st->row;
		st->clip_col = st->col;
	}
	if (st->row < 0 || st->far)
		return 0;
	/* A program that writes formulas (openpyxl) stores no value for
	 * them: Excel computes it on opening, and we cannot.  (A formula
	 * whose value is "" is a string, t="str".) */
	if (st->formula && *v == '\0' && (st->type == NULL ||
	    strcmp(st->type, "str") != 0) && (st->nnovalue == 0 ||
	    st->novalue[st->nnovalue - 1] != st->row)) {
		st->novalue = xgrow(st->novalue, &st->ncap, st->nnovalue + 1,
		    sizeof(*st->novalue));
		st->novalue[st->nnovalue++] = st->row;
	}
	if (st->type != NULL && strcmp(st->type, "s") == 0) {
		size_t i = (size_t)strtoul(v, NULL, 10);

		text = xstrdup(i < b->nstrings ? b->strings[i] : "");
	} else if (st->type != NULL && strcmp(st->type, "b") == 0)
		text = xstrdup(strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
	else if (st->type != NULL && strcmp(st->type, "d") == 0)
		text = xlsx_iso_text(&b->styles, v, st->style);
	else if (st->type != NULL && (strcmp(st->type, "inlineStr") == 0 ||
	    strcmp(st->type, "str") == 0 || strcmp(st->type, "e") == 0))
		text = xstrdup(v);
	else if (*v != '\0')
		text = xlsx_number_text(&b->styles, v, st->style, b->date1904);
	else
		return 0;
	len = strlen(text);
	if (len > TABLE_MAX_CELL || st->text_bytes + len > MAX_SHEET_TEXT) {
		free(text);
		col_name(st->col, cname);
		if (len > TABLE_MAX_CELL)
			return error_set(b->err, EXIT_DATAERR, "%s: %s!%s%d: more "
			    "than %u MiB of text in a cell: refusing it", b->name,
			    st->name, cname, st->row + 1, TABLE_MAX_CELL >> 20);
		return error_set(b->err, EXIT_DATAERR, "%s: %s!%s%d: more than "
		    "%u MiB of text in the sheet's cells up to here: refusing it",
		    b->name, st->name, cname, st->row + 1, MAX_SHEET_TEXT >> 20);
	}
	st->text_bytes += len;
	if (xlsx_style_struck(&b->styles, st->style) && !text_blank(text) &&
	    (st->nstruck == 0 || st->struck[st->nstruck - 1] != st->row)) {
		st->struck = xgrow(st->struck, &st->kcap, st->nstruck + 1,
		    sizeof(*st->struck));
		st->struck[st->nstruck++] = st->row;
	}
	if (st->row > st->last_row)
		st->last_row = st->row;
	if (st->col > st->last_col)
		st->last_col = st->col;
	st->cells = xgrow(st->cells, &st->ccap, st->ncells + 1,
	    sizeof(*st->cells));
	st->cells[st->ncells++] = (struct xcell){ st->row, st->col, text };
	return 0;
}

/* A merged area "A1:F1": a cover per row, within the bounds. */
static int
add_merge(struct book *b, struct sheet_state *st, const char *ref)
{
	char first[16], last[16];
	const char *colon = strchr(ref, ':');
	int r1, c1, r2, c2;

	if (colon == NULL || (size_t)(colon - ref) >= sizeof(first) ||
	    strlen(colon + 1) >= sizeof(last))
		return 0;
	memcpy(first, ref, (size_t)(colon - ref));
	first[colon - ref] = '\0';
	strcpy(last, colon + 1);
	if (!parse_ref(first, &r1, &c1) || !parse_ref(last, &r2, &c2) ||
	    r2 < r1 || c2 < c1 || c1 >= TABLE_MAX_COLS || r1 >= TABLE_MAX_ROWS)
		return 0;
	/* Rows and columns past the last cell hold no text: a merged area
	 * reaching to XFD1048576 costs no more than the cells (the schema
	 * puts mergeCells after sheetData, so they are all known). */
	if (c2 > st->last_col)
		c2 = st->last_col > c1 ? st->last_col : c1;
	if (r2 > st->last_row)
		r2 = st->last_row;
	if (r1 > r2)
		return 0;
	for (int r = r1; r <= r2; r++) {
		if (st->ncovers >= MAX_COVERS)
			return error_set(b->err, EXIT_DATAERR, "%s: merged "
			    "cells cover more than %d rows: refusing it",
			    b->name, MAX_COVERS);
		st->covers = xgrow(st->covers, &st->vcap, st->ncovers + 1,
		    sizeof(*st->covers));
		st->covers[st->ncovers++] = (struct cover){ r, c1, c2 - c1 + 1,
		    r == r1 };
	}
	return 0;
}

static int
on_sheet(struct book *b, xmlTextReaderPtr r, const char *name, bool end,
    void *arg)
{
	struct sheet_state *st = arg;
	char *v, *ht;

	if (name == NULL) {
		const xmlChar *t = xmlTextReaderConstValue(r);

		/* Past the bound end_cell refuses the cell. */
		if ((st->in_v || (st->in_is_t && !st->in_phonetic)) && t != NULL &&
		    st->v.len <= TABLE_MAX_CELL)
			buf_puts(&st->v, (const char *)t);
		return 0;
	}
	if (strcmp(name, "row") == 0 && !end) {
		/* r="" may be left out: then it is the next row. */
		v = zipxml_attr(r, "r");
		if (v != NULL)
			st->next_row = (int)strtol(v, NULL, 10) - 1;
		free(v);
		st->next_col = 0;
		/* Hidden, or no height at all: nobody sees it. */
		v = zipxml_attr(r, "hidden");
		ht = zipxml_attr(r, "ht");
		if ((zipxml_onoff(v, false) || (ht != NULL && strtod(ht, NULL) <=
		    0)) && st->next_row >= 0 && st->next_row < TABLE_MAX_ROWS) {
			st->hidden = xgrow(st->hidden, &st->hcap,
			    st->nhidden + 1, sizeof(*st->hidden));
			st->hidden[st->nhidden++] = st->next_row;
		}
		free(v);
		free(ht);
	} else if (strcmp(name, "col") == 0 && !end) {
		/* <col min="2" max="3" hidden="1"/>, 1-based; or width 0. */
		char *min = zipxml_attr(r, "min"), *max = zipxml_attr(r, "max"),
		    *width = zipxml_attr(r, "width");

		v = zipxml_attr(r, "hidden");
		if (min != NULL && (zipxml_onoff(v, false) || (width != NULL &&
		    strtod(width, NULL) <= 0)))
			for (long k = strtol(min, NULL, 10), last = max != NULL ?
			    strtol(max, NULL, 10) : k; k >= 1 && k <= last &&
			    k <= TABLE_MAX_COLS; k++)
				st->col_hidden[k - 1] = true;
		free(v);
		free(min);
		free(max);
		free(width);
	} else if (strcmp(name, "row") == 0)
		st->next_row++;
	else if (strcmp(name, "c") == 0 && !end) {
		buf_reset(&st->v);
		st->formula = false;
		free(st->type);
		st->type = zipxml_attr(r, "t");
		v = zipxml_attr(r, "s");
		st->style = v != NULL ? atoi(v) : -1;
		free(v);
		/* r="" may be left out: then it is the next column. */
		st->row = st->next_row;
		st->col = st->next_col;
		v = zipxml_attr(r, "r");
		if (v != NULL && !parse_ref(v, &st->row, &st->col))
			st->row = -1;
		free(v);
		st->next_col = st->col + 1;
		st->far = st->row >= 0 && (st->col >= TABLE_MAX_COLS ||
		    st->row >= TABLE_MAX_ROWS);
	} else if (strcmp(name, "c") == 0)
		return end_cell(b, st);
	else if (strcmp(name, "v") == 0)
		st->in_v = !end;
	else if (strcmp(name, "f") == 0 && !end)
		st->formula = true;
	else if (strcmp(name, "rPh") == 0)
		st->in_phonetic = !end;
	else if (strcmp(name, "t") == 0)
		st->in_is_t = !end;
	else if (strcmp(name, "mergeCell") == 0 && !end) {
		int rc;

		if ((v = zipxml_attr(r, "ref")) == NULL)
			return 0;
		rc = add_merge(b, st, v);
		free(v);
		return rc;
	}
	return 0;
}

static int
cmp_cell(const void *a, const void *b)
{
	const struct xcell *x = a, *y = b;

	return x->row != y->row ? (x->row < y->row ? -1 : 1) :
	    (x->col > y->col) - (x->col < y->col);
}

static int
cmp_cover(const void *a, const void *b)
{
	const struct cover *x = a, *y = b;

	return x->row != y->row ? (x->row < y->row ? -1 : 1) :
	    (x->col > y->col) - (x->col < y->col);
}

/* Whether a sheet's cells name the task table's columns. */
static bool
has_task_table(const struct sheet_state *st)
{
	bool seen[COL_COUNT] = { false };
	size_t i, j, k;
	int col, n;

	for (i = 0; i < st->ncells; i = j) {
		/* A row's cells (the sheet lists its rows in order). */
		for (j = i, n = 0; j < st->ncells &&
		    st->cells[j].row == st->cells[i].row; j++)
			if ((col = plan_column(st->cells[j].text)) >= 0) {
				seen[col] = true;
				n++;
			}
		/* A row naming two columns names more by their shape, as
		 * a header row does (table_header_read). */
		for (k = i; n >= 2 && k < j; k++)
			if ((col = plan_column_guess(st->cells[k].text)) >= 0)
				seen[col] = true;
	}
	return plan_columns_task_table(seen);
}

/* One warning naming rows[0..n) (in order; 0-based), at the first:
 * "WHAT (3, 5 … (6 in all)) SAYS"; with cols, columns (F, G) at row 1. */
static void
warn_lines(struct table_doc *d, const char *sheet, const int *rows, size_t n,
    bool cols, const char *what, const char *says)
{
	struct buf list = BUF_INIT;
	char *loc, cname[12];

	if (n == 0)
		return;
	for (size_t i = 0; i < n && i < 5; i++) {
		if (cols)
			col_name(rows[i], cname);
		else
			snprintf(cname, sizeof(cname), "%d", rows[i] + 1);
		buf_printf(&list, "%s%s", i > 0 ? ", " : "", cname);
	}
	if (n > 5)
		buf_printf(&list, " … (%zu in all)", n);
	if (cols)
		col_name(rows[0], cname);
	loc = cols ? xasprintf("%s!%s1", sheet, cname) :
	    xasprintf("%s!A%d", sheet, rows[0] + 1);
	table_warn(d, loc, "%s (%s) %s", what, buf_str(&list), says);
	free(loc);
	buf_free(&list);
}

static void
warn_rows(struct table_doc *d, const char *sheet, const int *rows, size_t n,
    const char *what, const char *says)
{
	warn_lines(d, sheet, rows, n, false, what, says);
}

/* The sheet's rows into d, row by row (only rows with a cell or a
 * merged area). */
static int
emit_sheet(struct book *b, const struct sheet *sh, struct sheet_state *st,
    struct table_doc *d)
{
	struct { const char *text; int span; unsigned flags; bool skip; } slot[TABLE_MAX_COLS];
	size_t ci = 0, vi = 0, hi = 0, nhid = 0, nhcols = 0;
	int hidden_cols[TABLE_MAX_COLS];
	bool first = true;
	char cname[8];

	if (st->ncells > 1)
		qsort(st->cells, st->ncells, sizeof(*st->cells), cmp_cell);
	if (st->ncovers > 1)
		qsort(st->covers, st->ncovers, sizeof(*st->covers), cmp_cover);
	while (ci < st->ncells || vi < st->ncovers) {
		int row = ci < st->ncells ? st->cells[ci].row : TABLE_MAX_ROWS;
		int maxc = -1;
		struct trow *tr;

		if (vi < st->ncovers && st->covers[vi].row < row)
			row = st->covers[vi].row;
		memset(slot, 0, sizeof(slot));
		for (; ci < st->ncells && st->cells[ci].row == row; ci++) {
			slot[st->cells[ci].col].text = st->cells[ci].text;
			st->col_read[st->cells[ci].col] |=
			    st->col_hidden[st->cells[ci].col] &&
			    *st->cells[ci].text != '\0';
			if (st->cells[ci].col > maxc)
				maxc = st->cells[ci].col;
		}
		for (; vi < st->ncovers && st->covers[vi].row == row; vi++) {
			const struct cover *c = &st->covers[vi];

			slot[c->col].span = c->span;
			if (!c->top) {
				slot[c->col].flags = TCELL_MERGED_UP;
				slot[c->col].text = NULL;
			}
			for (int k = c->col + 1; k < c->col + c->span; k++)
				slot[k].skip = true;
			if (c->col + c->span - 1 > maxc)
				maxc = c->col + c->span - 1;
		}
		/* A hidden row is read like the others, and named. */
		while (hi < st->nhidden && st->hidden[hi] < row)
			hi++;
		if (hi < st->nhidden && st->hidden[hi] == row)
			st->hidden[nhid++] = row;	/* those with cells */
		tr = table_add_row(d, TROW_CELLS, first ? TROW_NEW_TABLE : 0,
		    "%s!A%d", sh->name, row + 1);
		if (tr == NULL)
			return error_set(b->err, EXIT_DATAERR, "%s: more than "
			    "%d rows: refusing it", b->name, TABLE_MAX_ROWS);
		first = false;
		for (int k = 0; k <= maxc; k++) {
			struct tcell *c;

			if (slot[k].skip)
				continue;
			c = table_add_cell(tr, slot[k].text != NULL ?
			    slot[k].text : "", slot[k].text != NULL ?
			    strlen(slot[k].text) : 0, slot[k].span > 0 ?
			    slot[k].span : 1, slot[k].flags);
			if (c != NULL) {
				col_name(k, cname);
				c->loc = xasprintf("%s!%s%d", sh->name, cname,
				    row + 1);
			}
		}
	}
	if (st->clipped) {
		char *loc;

		col_name(st->clip_col, cname);
		loc = xasprintf("%s!%s%d", sh->name, cname, st->clip_row + 1);
		col_name(TABLE_MAX_COLS - 1, cname);
		table_warn(d, loc, "this cell and any beyond column %s or row %d "
		    "are not read", cname, TABLE_MAX_ROWS);
		free(loc);
	}
	warn_rows(d, sh->name, st->hidden, nhid, "hidden rows",
	    "are read like the others: delete from the sheet what is no part "
	    "of the plan");
	for (int k = 0; k < TABLE_MAX_COLS; k++)
		if (st->col_read[k])
			hidden_cols[nhcols++] = k;
	warn_lines(d, sh->name, hidden_cols, nhcols, true, "hidden columns",
	    "are read like the others: delete from the sheet what is no part "
	    "of the plan");
	warn_rows(d, sh->name, st->struck, st->nstruck, "rows with text struck "
	    "through", "are read like the others: are they cancelled measures?");
	warn_rows(d, sh->name, st->novalue, st->nnovalue, "rows with formulas "
	    "but no stored values", "are read with those cells empty: open the "
	    "workbook in Excel or LibreOffice and save it, which stores them");
	return 0;
}

static void
sheet_state_free(struct sheet_state *st)
{
	for (size_t i = 0; i < st->ncells; i++)
		free(st->cells[i].text);
	free(st->cells);
	free(st->covers);
	free(st->hidden);
	free(st->struck);
	free(st->novalue);
	free(st->type);
	buf_free(&st->v);
	memset(st, 0, sizeof(*st));
}

static void
book_free(struct book *b)
{
	for (int i = 0; i < b->nsheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].part);
	}
	for (size_t i = 0; i < b->nstrings; i++)
		free(b->strings[i]);
	free(b->strings);
	xlsx_styles_free(&b->styles);
	zipxml_close(&b->z);
}

/* The names of the sheets besides the chosen one that hold a task table
 * too, into *names ("、" between): a workbook split by department, or
 * a summary beside its parts, which only the office can tell apart. */
static int
other_tables(struct book *b, int chosen, struct buf *names)
{
	struct sheet_state st = { 0 };
	int rc = 0;

	for (int i = 0; i < b->nsheets && rc == 0; i++) {
		if (i == chosen || b->sheets[i].part == NULL || !zipxml_has(&b->z,
		    b->sheets[i].part))
			continue;
		sheet_state_free(&st);
		st.name = b->sheets[i].name;
		if ((rc = walk(b, b->sheets[i].part, false, on_sheet, &st)) == 0 &&
		    has_task_table(&st))
			buf_printf(names, "%s%s", names->len > 0 ? "、" : "",
			    b->sheets[i].name);
	}
	sheet_state_free(&st);
	return rc;
}

int
xlsx_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err)
{
	struct book b = { .name = name, .err = err };
	struct strings_state ss = { BUF_INIT, false, false };
	struct sheet_state st = { 0 };
	struct buf others = BUF_INIT;
	int rc, chosen = -1;

	*out = NULL;
	if ((rc = zipxml_open(&b.z, name, data, len, err)) != 0)
		return rc;
	if ((rc = walk(&b, "xl/workbook.xml", false, on_workbook, NULL)) != 0 ||
	    (rc = walk(&b, "xl/_rels/workbook.xml.rels", false, on_rels,
	    NULL)) != 0 ||
	    (rc = walk(&b, "xl/sharedStrings.xml", true, on_strings, &ss)) != 0 ||
	    (rc = walk(&b, "xl/styles.xml", true, on_styles, NULL)) != 0)
		goto out;
	if (b.nsheets == 0) {
		rc = error_set(err, EXIT_DATAERR, "%s: the workbook has no sheet",
		    name);
		goto out;
	}
	/* The first visible sheet with a task table, else the first hidden
	 * one (a template's lists for its drop-downs, an old version kept
	 * out of sight), else the first sheet. */
	for (int k = 0; k < 2 * b.nsheets && chosen < 0; k++) {
		int i = k % b.nsheets;

		if (b.sheets[i].hidden != (k >= b.nsheets) ||
		    b.sheets[i].part == NULL || !zipxml_has(&b.z, b.sheets[i].part))
			continue;
		sheet_state_free(&st);
		st.name = b.sheets[i].name;
		if ((rc = walk(&b, b.sheets[i].part, false, on_sheet, &st)) != 0)
			goto out;
		if (has_task_table(&st))
			chosen = i;
	}
	if (chosen >= 0 && (rc = other_tables(&b, chosen, &others)) != 0)
		goto out;
	if (chosen < 0) {
		sheet_state_free(&st);
		chosen = 0;
		st.name = b.sheets[0].name;
		if (b.sheets[0].part == NULL || (rc = walk(&b, b.sheets[0].part,
		    false, on_sheet, &st)) != 0) {
			rc = rc != 0 ? rc : error_set(err, EXIT_DATAERR, "%s: the "
			    "first sheet has no part in the archive", name);
			goto out;
		}
	}
	*out = table_new(name);
	(*out)->breaks_typed = true;
	if ((rc = emit_sheet(&b, &b.sheets[chosen], &st, *out)) != 0) {
		table_free(*out);
		*out = NULL;
	} else {
		if (b.sheets[chosen].hidden)
			table_warn(*out, b.sheets[chosen].name, "the task table "
			    "is on a hidden sheet: is it the current one?");
		if (others.len > 0)
			table_warn(*out, b.sheets[chosen].name, "other sheets "
			    "hold task tables too (%s): only this one is read",
			    buf_str(&others));
	}
out:
	sheet_state_free(&st);
	buf_free(&others);
	buf_free(&ss.text);
	book_free(&b);
	return rc;
}
