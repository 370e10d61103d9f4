/* xlsx: an Excel workbook (SpreadsheetML) as rows: the first visible
 * sheet that holds a task table (a row naming its columns), else the
 * first hidden one (warned about), else the first sheet; later sheets
 * that hold one too are named in a warning, and so are hidden rows,
 * which are read like the others.
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
#include "read/zipxml.h"

#define MAX_SHEETS 256
#define MAX_STRINGS 1000000
#define MAX_COVERS (4 * TABLE_MAX_ROWS)
#define MAX_SHEET_TEXT ZIPXML_MAX_MEMBER	/* bytes of all cells' text */

/* What a number's style shows it as. */
enum shown {
	SHOWN_NUMBER,
	SHOWN_YMD,		/* a date: 2021年6月30日 */
	SHOWN_YM,		/* a month: 2021年6月 */
	SHOWN_MD,		/* a day of the year: 6月30日 */
};

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
	unsigned char *shown;	/* enum shown, per cellXfs index */
	size_t nstyles;
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

/* What a built-in number format shows (ECMA-376 18.8.30, and the ones
 * Excel uses in zh-CN without writing them out: 27-31, 36, 50-54, 57, 58
 * are dates, 32-35, 55, 56 times of day). */
static enum shown
builtin_shown(int id)
{
	switch (id) {
	case 14: case 15: case 22: case 30: case 31:
		return SHOWN_YMD;
	case 17: case 27: case 36: case 50: case 52: case 57:
		return SHOWN_YM;
	case 16: case 28: case 29: case 51: case 53: case 54: case 58:
		return SHOWN_MD;
	default:
		return SHOWN_NUMBER;
	}
}

/* What a custom format code shows: a date when it has y or d outside
 * quotes and brackets ("[Red]", "\"年\"" are no date; m alone may be
 * minutes). */
static enum shown
code_shown(const char *code)
{
	bool quoted = false, bracket = false, y = false, m = false, d = false;

	for (; *code != '\0'; code++) {
		if (*code == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*code == '[')
			bracket = true;
		else if (*code == ']')
			bracket = false;
		else if (bracket)
			continue;
		else if (*code == '\\' && code[1] != '\0')
			code++;
		else if (*code == ';')
			break;		/* the first section decides */
		else {
			y |= *code == 'y' || *code == 'Y';
			m |= *code == 'm' || *code == 'M';
			d |= *code == 'd' || *code == 'D';
		}
	}
	if (y && m && !d)
		return SHOWN_YM;
	if (!y && m && d)
		return SHOWN_MD;
	return y || d ? SHOWN_YMD : SHOWN_NUMBER;
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

/* xl/styles.xml: which cell styles show dates, and how. */
struct styles_state {
	struct { int id; enum shown shown; } *fmts;	/* custom date formats */
	size_t nfmts, fcap;
	bool in_xfs;
	size_t cap;
};

static int
on_styles(struct book *b, xmlTextReaderPtr r, const char *name, bool end,
    void *arg)
{
	struct styles_state *st = arg;
	enum shown shown;
	char *id, *code;
	int fmt;

	if (name == NULL)
		return 0;
	if (strcmp(name, "cellXfs") == 0)
		st->in_xfs = !end;
	else if (!end && strcmp(name, "numFmt") == 0) {
		id = zipxml_attr(r, "numFmtId");
		code = zipxml_attr(r, "formatCode");
		if (id != NULL && code != NULL &&
		    (shown = code_shown(code)) != SHOWN_NUMBER) {
			st->fmts = xgrow(st->fmts, &st->fcap, st->nfmts + 1,
			    sizeof(*st->fmts));
			st->fmts[st->nfmts].id = atoi(id);
			st->fmts[st->nfmts++].shown = shown;
		}
		free(id);
		free(code);
	} else if (!end && st->in_xfs && strcmp(name, "xf") == 0 &&
	    b->nstyles < 65536) {
		id = zipxml_attr(r, "numFmtId");
		fmt = id != NULL ? atoi(id) : 0;
		free(id);
		shown = builtin_shown(fmt);
		for (size_t i = 0; i < st->nfmts; i++)
			if (st->fmts[i].id == fmt)
				shown = st->fmts[i].shown;
		b->shown = xgrow(b->shown, &st->cap, b->nstyles + 1,
		    sizeof(*b->shown));
		b->shown[b->nstyles++] = (unsigned char)shown;
	}
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
};

/* A date as a sheet shows it. */
static char *
date_text(int y, int m, int d, enum shown shown)
{
	switch (shown) {
	case SHOWN_YM:
		return xasprintf("%d年%d月", y, m);
	case SHOWN_MD:
		return xasprintf("%d月%d日", m, d);
	default:
		return xasprintf("%d年%d月%d日", y, m, d);
	}
}

/* A number as the sheet shows it: an integer without ".0", a date in
 * Chinese (date_text). */
static char *
number_text(const struct book *b, const char *v, int style)
{
	double d = strtod(v, NULL);
	enum shown shown = style >= 0 && (size_t)style < b->nstyles ?
	    (enum shown)b->shown[style] : SHOWN_NUMBER;

	if (shown != SHOWN_NUMBER && d >= 1 && d < 2958466) {
		/* Serial day 1 is 1900-01-01 (Excel counts a 1900-02-29
		 * that never was: serials from 61 on are one day ahead);
		 * in the 1904 system day 0 is 1904-01-01. */
		int day = b->date1904 ? date_from_ymd(1904, 1, 1) + (int)d :
		    date_from_ymd(1899, 12, 31) + (int)d - ((int)d >= 61);
		int y, m, dd;

		date_to_ymd(day, &y, &m, &dd);
		return date_text(y, m, dd, shown);
	}
	if (d == (double)(long long)d && d > -1e15 && d < 1e15)
		return xasprintf("%lld", (long long)d);
	return xasprintf("%.15g", d);
}

/* An ISO 8601 date cell (t="d", "2021-06-30T00:00:00"): the date in
 * Chinese when it is one, else as written. */
static char *
iso_text(const struct book *b, const char *v, int style)
{
	enum shown shown = style >= 0 && (size_t)style < b->nstyles ?
	    (enum shown)b->shown[style] : SHOWN_NUMBER;
	int y, m, d, n = 0;

	if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	    (v[10] == '\0' || v[10] == 'T') && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31)
		return date_text(y, m, d, shown == SHOWN_NUMBER ? SHOWN_YMD :
		    shown);
	return xstrdup(v);
}

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
	if (st->type != NULL && strcmp(st->type, "s") == 0) {
		size_t i = (size_t)strtoul(v, NULL, 10);

		text = xstrdup(i < b->nstrings ? b->strings[i] : "");
	} else if (st->type != NULL && strcmp(st->type, "b") == 0)
		text = xstrdup(strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
	else if (st->type != NULL && strcmp(st->type, "d") == 0)
		text = iso_text(b, v, st->style);
	else if (st->type != NULL && (strcmp(st->type, "inlineStr") == 0 ||
	    strcmp(st->type, "str") == 0 || strcmp(st->type, "e") == 0))
		text = xstrdup(v);
	else if (*v != '\0')
		text = number_text(b, v, st->style);
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
	char *v;

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
		v = zipxml_attr(r, "hidden");
		if (zipxml_onoff(v, false) && st->next_row >= 0 &&
		    st->next_row < TABLE_MAX_ROWS) {
			st->hidden = xgrow(st->hidden, &st->hcap,
			    st->nhidden + 1, sizeof(*st->hidden));
			st->hidden[st->nhidden++] = st->next_row;
		}
		free(v);
	} else if (strcmp(name, "row") == 0)
		st->next_row++;
	else if (strcmp(name, "c") == 0 && !end) {
		buf_reset(&st->v);
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
	int col;

	for (size_t i = 0; i < st->ncells; i++)
		if ((col = plan_column(st->cells[i].text)) >= 0)
			seen[col] = true;
	return plan_columns_task_table(seen);
}

/* The sheet's rows into d, row by row (only rows with a cell or a
 * merged area). */
static int
emit_sheet(struct book *b, const struct sheet *sh, struct sheet_state *st,
    struct table_doc *d)
{
	struct { const char *text; int span; unsigned flags; bool skip; } slot[TABLE_MAX_COLS];
	size_t ci = 0, vi = 0, hi = 0, nhid = 0;
	int first_hidden = -1;
	struct buf rows = BUF_INIT;
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
		if (hi < st->nhidden && st->hidden[hi] == row) {
			if (nhid++ < 5)
				buf_printf(&rows, "%s%d", nhid > 1 ? ", " : "",
				    row + 1);
			if (first_hidden < 0)
				first_hidden = row;
		}
		tr = table_add_row(d, TROW_CELLS, first ? TROW_NEW_TABLE : 0,
		    "%s!A%d", sh->name, row + 1);
		if (tr == NULL) {
			buf_free(&rows);
			return error_set(b->err, EXIT_DATAERR, "%s: more than "
			    "%d rows: refusing it", b->name, TABLE_MAX_ROWS);
		}
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
	if (nhid > 0) {
		char *loc = xasprintf("%s!A%d", sh->name, first_hidden + 1);

		if (nhid > 5)
			buf_printf(&rows, " … (%zu in all)", nhid);
		table_warn(d, loc, "hidden rows (%s) are read like the others: "
		    "delete from the sheet what is no part of the plan",
		    buf_str(&rows));
		free(loc);
	}
	buf_free(&rows);
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
	free(b->shown);
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
	struct styles_state sy = { 0 };
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
	    (rc = walk(&b, "xl/styles.xml", true, on_styles, &sy)) != 0)
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
	free(sy.fmts);
	book_free(&b);
	return rc;
}
