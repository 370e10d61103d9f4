/* docx: a Word document (WordprocessingML, word/document.xml) as rows:
 * each body paragraph, and each row of each table with its cells in
 * order.  A cell's paragraphs are its lines; w:gridSpan is its colspan,
 * w:vMerge="continue" (or w:vMerge without a value) marks it as the
 * continuation of the cell above, w:tblHeader marks a header row repeated
 * on every page, w:gridBefore/w:gridAfter are empty cells.  A table
 * inside a cell gives its text to that cell, unless the cell frames it:
 * the first of its row in a table whose rows so far are one cell each
 * (a layout table around the plan's, as documents made from web pages
 * have); then that table's rows are the rows, and what the frame's cell
 * says before it a paragraph.  A text box outside tables gives rows of
 * its own.  What a reader of the printed page does not see
 * is not text: tracked deletions (w:del, w:moveFrom, and rows whose
 * w:trPr holds w:del) and the properties a tracked change replaced
 * (w:pPrChange, w:rPrChange …), field codes (w:instrText), the fallback
 * copy of a text box (mc:Fallback), and hidden text (a run's w:vanish).
 * What it sees that is no text is: a numbered paragraph's number
 * (docx_numbering).  Text struck through (w:strike, w:dstrike) is read,
 * and its row warned about: offices strike out a cancelled measure. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "read/docx.h"
#include "read/docx_numbering.h"
#include "read/zipxml.h"

#define DOCUMENT "word/document.xml"

struct docx {
	struct table_doc *d;
	struct error *err;
	int tbl_depth;		/* tables open around the reader */
	int row_depth;		/* the depth whose rows are read: 1, or
				 * deeper inside frames */
	bool frame;		/* every row of the table read so far has
				 * at most one cell: it may frame another */
	int tables;		/* top-level tables so far */
	int paragraphs;		/* body paragraphs so far */
	int row_no;		/* rows of the current table */
	bool table_new;		/* no row of it kept yet */
	int cell_no;		/* cells of the current row */
	struct trow *row;	/* the current top-level row, or NULL */
	bool row_deleted;	/* its w:trPr holds w:del */
	bool in_cell;		/* inside a top-level cell */
	int span;
	unsigned cell_flags;
	int grid_after;
	bool in_text;		/* inside w:t */
	bool in_run;		/* inside w:r */
	bool run_vanish;	/* its w:rPr holds w:vanish: hidden text */
	unsigned run_strike;	/* its w:rPr strikes its text through (1:
				 * w:strike, 2: w:dstrike) */
	struct buf struck;	/* the current row's struck text, its start */
	int struck_cell;	/* the cell its last piece came from */
	int hidden;		/* depth inside w:del, w:moveFrom, mc:Fallback */
	struct buf text;	/* the paragraph's or the cell's text */
	bool cols_warned;
	struct docx_numbering *numbering;
	char *p_style;		/* the paragraph's w:pStyle */
	int p_num, p_ilvl;	/* its w:numPr, -1 when not given */
};

/* The integer w:val of the current element within [lo, hi], or dflt. */
static int
val_int(xmlTextReaderPtr r, int dflt, int lo, int hi)
{
	char *v = zipxml_attr(r, "val");
	long n = v != NULL ? strtol(v, NULL, 10) : dflt;

	free(v);
	return n < lo ? lo : n > hi ? hi : (int)n;
}

static struct tcell *
add_cell(struct docx *x, const char *text, int span, unsigned flags)
{
	struct tcell *c;

	if (x->row == NULL)
		return NULL;
	if ((c = table_add_cell(x->row, text, strlen(text), span, flags)) ==
	    NULL && !x->cols_warned) {
		table_warn(x->d, x->row->loc, "more than %d cells in a row: "
		    "the rest are not read", TABLE_MAX_COLS);
		x->cols_warned = true;
	}
	return c;
}

/* The start of a row (its trPr comes next and may flag it). */
static int
row_start(struct docx *x)
{
	unsigned flags = x->table_new ? TROW_NEW_TABLE : 0;

	x->row = table_add_row(x->d, TROW_CELLS, flags, "table %d row %d",
	    x->tables, x->row_no + 1);
	if (x->row == NULL)
		return error_set(x->err, EXIT_DATAERR, "%s: more than %d table "
		    "rows: refusing it", x->d->source, TABLE_MAX_ROWS);
	x->row_no++;
	x->cell_no = 0;
	x->grid_after = 0;
	x->row_deleted = false;
	buf_reset(&x->struck);
	return 0;
}

static void
row_end(struct docx *x)
{
	if (x->row == NULL)
		return;
	if (x->row_deleted) {
		/* Its first row gone, the table starts at the next. */
		table_drop_last(x->d);
		x->row = NULL;
		return;
	}
	x->table_new = false;
	for (; x->grid_after > 0; x->grid_after--)
		add_cell(x, "", 1, 0);
	x->frame = x->frame && x->row->ncells <= 1;
	if (x->struck.len > 0)
		table_warn(x->d, x->row->loc, "text struck through (\"%s\"): "
		    "is the row cancelled?  It is read like the others",
		    buf_str(&x->struck));
}

static void
cell_end(struct docx *x)
{
	struct tcell *c;

	/* The last paragraph's line break is no text. */
	while (x->text.len > 0 && x->text.s[x->text.len - 1] == '\n')
		buf_truncate(&x->text, x->text.len - 1);
	if ((c = add_cell(x, buf_str(&x->text), x->span,
	    x->cell_flags & TCELL_MERGED_UP)) != NULL)
		c->loc = xasprintf("table %d row %d cell %d", x->tables,
		    x->row_no, x->cell_no);
	buf_reset(&x->text);
	x->in_cell = false;
}

static int add_text(struct docx *x, const char *v);

/* Whether name (not empty) holds what a reader does not see: deleted
 * text, and the old properties of a tracked change (an old w:strike or
 * w:numPr is not the page's). */
static bool
hides(const char *name)
{
	static const char *const names[] = {
		"del", "moveFrom", "Fallback", "pPrChange", "rPrChange",
		"tblPrChange", "trPrChange", "tcPrChange", "sectPrChange",
		"numberingChange"
	};

	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* The start of a paragraph's text: its number, if it has one. */
static int
paragraph_number(struct docx *x)
{
	struct buf label = BUF_INIT;
	int rc = 0;

	docx_numbering_label(x->numbering, x->p_style, x->p_num, x->p_ilvl,
	    &label);
	if (label.len > 0)
		rc = add_text(x, buf_str(&label));
	buf_free(&label);
	return rc;
}

/* An element of a top-level table's structure (a cell's properties, or
 * outside the cells the row's). */
static int
table_element(struct docx *x, xmlTextReaderPtr r, const char *name,
    bool empty)
{
	char *v;

	if (strcmp(name, "tr") == 0)
		return row_start(x);
	if (strcmp(name, "tc") == 0) {
		x->in_cell = true;
		x->cell_no++;
		x->span = 1;
		x->cell_flags = 0;
		buf_reset(&x->text);
	} else if (strcmp(name, "gridSpan") == 0)
		x->span = val_int(r, 1, 1, TABLE_MAX_COLS);
	else if (strcmp(name, "vMerge") == 0) {
		v = zipxml_attr(r, "val");
		if (v == NULL || strcmp(v, "continue") == 0)
			x->cell_flags |= TCELL_MERGED_UP;
		free(v);
	} else if (x->in_cell || x->row == NULL)
		return 0;
	else if (strcmp(name, "tblHeader") == 0) {
		v = zipxml_attr(r, "val");
		if (zipxml_onoff(v, true))
			x->row->flags |= TROW_HEADER;
		free(v);
	} else if (strcmp(name, "gridBefore") == 0) {
		for (int k = val_int(r, 0, 0, TABLE_MAX_COLS); k > 0; k--)
			add_cell(x, "", 1, 0);
	} else if (strcmp(name, "gridAfter") == 0)
		x->grid_after = val_int(r, 0, 0, TABLE_MAX_COLS);
	else if (strcmp(name, "del") == 0 && empty)
		x->row_deleted = true;	/* trPr/w:del: a deleted row */
	return 0;
}

/* A paragraph outside any table: a row of its own. */
static int
body_paragraph(struct docx *x)
{
	char *t = text_squash(buf_str(&x->text));
	int rc = 0;

	x->paragraphs++;
	if (*t != '\0' && table_add_paragraph(x->d, t, "paragraph %d",
	    x->paragraphs) == NULL)
		rc = error_set(x->err, EXIT_DATAERR, "%s: more than %d rows: "
		    "refusing it", x->d->source, TABLE_MAX_ROWS);
	free(t);
	buf_reset(&x->text);
	return rc;
}

/* What a frame's cell says around the tables it frames: a paragraph a
 * line. */
static int
frame_said(struct docx *x)
{
	char *said, *line, *next;
	int rc = 0;

	/* The last paragraph's line break is no line. */
	if (x->text.len > 0 && x->text.s[x->text.len - 1] == '\n')
		buf_truncate(&x->text, x->text.len - 1);
	said = buf_steal(&x->text);
	for (line = said; rc == 0 && line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		buf_puts(&x->text, line);
		rc = body_paragraph(x);
	}
	free(said);
	return rc;
}

/* The end of a frame's cell, after the tables it framed. */
static int
frame_ends(struct docx *x)
{
	x->in_cell = false;
	return frame_said(x);
}

/* A table opens in a cell that frames it: its rows are read instead of
 * the frame's, the row holding the frame's cell goes, and what the cell
 * said before the table is a paragraph (附件 …, the plan's title). */
static int
frame_opens(struct docx *x)
{
	int rc;

	if (x->row != NULL)
		table_drop_last(x->d);	/* not after a table it framed */
	x->row = NULL;
	x->in_cell = false;
	rc = frame_said(x);
	x->row_depth = x->tbl_depth + 1;
	x->tables++;
	x->row_no = 0;
	x->table_new = true;
	x->frame = true;
	return rc;
}

/* An element opens (empty: it closes at once). */
static int
open_element(struct docx *x, xmlTextReaderPtr r, const char *name, bool empty)
{
	if (x->hidden > 0 || (!empty && hides(name))) {
		x->hidden += !empty && hides(name);
		return 0;
	}
	if (strcmp(name, "tbl") == 0) {
		if (x->tbl_depth == x->row_depth && x->in_cell &&
		    x->cell_no == 1 && x->frame && frame_opens(x) != 0)
			return -1;
		if (x->tbl_depth++ == 0) {
			x->tables++;
			x->row_no = 0;
			x->table_new = true;
			x->frame = true;
			x->row_depth = 1;
		}
	} else if (x->tbl_depth == x->row_depth &&
	    table_element(x, r, name, empty) != 0)
		return -1;
	else if (x->tbl_depth == 0 && strcmp(name, "txbxContent") == 0)
		/* A text box's paragraphs are rows of their own, after what
		 * its anchoring paragraph says before it. */
		return body_paragraph(x) != 0 ? -1 : 0;
	else if (strcmp(name, "t") == 0)
		x->in_text = !empty;
	else if (strcmp(name, "p") == 0) {
		free(x->p_style);
		x->p_style = NULL;
		x->p_num = x->p_ilvl = -1;
	} else if (strcmp(name, "pStyle") == 0) {
		free(x->p_style);
		x->p_style = zipxml_attr(r, "val");
	} else if (strcmp(name, "numId") == 0)
		x->p_num = val_int(r, -1, -1, 1000000);
	else if (strcmp(name, "ilvl") == 0)
		x->p_ilvl = val_int(r, -1, -1, 1000000);
	else if (strcmp(name, "r") == 0) {
		x->in_run = !empty;
		x->run_vanish = false;
		x->run_strike = 0;
	} else if (x->in_run && (strcmp(name, "strike") == 0 ||
	    strcmp(name, "dstrike") == 0)) {
		/* One bit each: <w:strike/><w:dstrike w:val="0"/> strikes. */
		char *v = zipxml_attr(r, "val");
		unsigned bit = name[0] == 'd' ? 2 : 1;

		x->run_strike = zipxml_onoff(v, true) ? x->run_strike | bit :
		    x->run_strike & ~bit;
		free(v);
	} else if (x->in_run && strcmp(name, "vanish") == 0) {
		/* Hidden text: Word neither shows nor prints it. */
		char *v = zipxml_attr(r, "val");

		x->run_vanish = zipxml_onoff(v, true);
		free(v);
	} else if (x->run_vanish)
		;	/* a hidden run's tab or break */
	else if (strcmp(name, "tab") == 0)
		buf_putc(&x->text, ' ');
	else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
		buf_putc(&x->text, '\n');
	return 0;
}

static int
close_element(struct docx *x, const char *name, bool empty)
{
	if (x->hidden > 0) {
		x->hidden -= !empty && hides(name);
		return 0;
	}
	if (strcmp(name, "t") == 0)
		x->in_text = false;
	else if (strcmp(name, "pPr") == 0)
		return paragraph_number(x);
	else if (strcmp(name, "r") == 0) {
		x->in_run = x->run_vanish = false;
		x->run_strike = 0;
	} else if (strcmp(name, "p") == 0) {
		if (x->tbl_depth == 0)
			return body_paragraph(x);
		buf_putc(&x->text, '\n');
	} else if (strcmp(name, "tbl") == 0) {
		if (--x->tbl_depth < x->row_depth) {
			/* Out of a table read, into its frame's cell (whose
			 * rest is no row's) or the body. */
			x->row = NULL;
			x->row_depth = x->tbl_depth > 0 ? x->tbl_depth : 1;
			x->in_cell = x->frame = x->tbl_depth > 0;
			x->cell_no = 1;	/* a frame's cell is its row's first */
			x->table_new = true;
		}
	} else if (x->tbl_depth == x->row_depth && strcmp(name, "tc") == 0)
		return x->row != NULL ? (cell_end(x), 0) : frame_ends(x);
	else if (x->tbl_depth == x->row_depth && strcmp(name, "tr") == 0)
		row_end(x);
	return 0;
}

/* The start of a row's struck text the warning quotes (bytes). */
#define STRUCK_QUOTE 60

/* Text of a w:t: into the paragraph or cell, which has a bound. */
static int
add_text(struct docx *x, const char *v)
{
	if (x->run_strike && x->row != NULL && x->struck.len < STRUCK_QUOTE &&
	    !text_blank(v)) {
		size_t room;

		if (x->struck.len > 0 && x->struck_cell != x->cell_no)
			buf_putc(&x->struck, ' ');
		room = STRUCK_QUOTE - x->struck.len;
		buf_add(&x->struck, v, utf8_cut(v, strlen(v), room));
		x->struck_cell = x->cell_no;
	}
	buf_puts(&x->text, v);
	if (x->text.len <= TABLE_MAX_CELL)
		return 0;
	if (x->tbl_depth > 0 && x->row != NULL)
		return error_set(x->err, EXIT_DATAERR, "%s: %s cell %d: more "
		    "than %u MiB of text in a cell: refusing it", x->d->source,
		    x->row->loc, x->cell_no, TABLE_MAX_CELL >> 20);
	return error_set(x->err, EXIT_DATAERR, "%s: paragraph %d: more than "
	    "%u MiB of text in a paragraph: refusing it", x->d->source,
	    x->paragraphs + 1, TABLE_MAX_CELL >> 20);
}

int
docx_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err)
{
	struct zipxml z;
	struct docx x = { 0 };
	xmlTextReaderPtr r = NULL;
	char *xml = NULL;
	size_t xlen;
	int rc, step = 0;

	*out = NULL;
	if ((rc = zipxml_open(&z, name, data, len, err)) != 0)
		return rc;
	if ((rc = zipxml_read(&z, DOCUMENT, false, &xml, &xlen, err)) != 0 ||
	    (r = zipxml_reader(&z, DOCUMENT, xml, xlen, err)) == NULL) {
		rc = rc != 0 ? rc : EXIT_DATAERR;
		goto out;
	}
	if ((rc = docx_numbering_load(&z, &x.numbering, err)) != 0)
		goto out;
	x.err = err;
	x.d = table_new(name);
	x.d->breaks_typed = true;
	while (rc == 0 && (step = zipxml_next(&z, DOCUMENT, r, err)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *local = zipxml_local(r);
		bool empty = type == XML_READER_TYPE_ELEMENT &&
		    xmlTextReaderIsEmptyElement(r) == 1;

		if (type == XML_READER_TYPE_ELEMENT &&
		    open_element(&x, r, local, empty) != 0)
			rc = err->code;
		else if (type == XML_READER_TYPE_END_ELEMENT || empty)
			rc = close_element(&x, local, empty);
		else if ((type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
		    x.in_text && x.hidden == 0 && !x.run_vanish) {
			const xmlChar *v = xmlTextReaderConstValue(r);

			if (v != NULL)
				rc = add_text(&x, (const char *)v);
		}
	}
	if (rc == 0 && step < 0)
		rc = err->code;
	if (rc == 0)
		*out = x.d;
	else
		table_free(x.d);
	buf_free(&x.text);
	buf_free(&x.struck);
out:
	docx_numbering_free(x.numbering);
	free(x.p_style);
	if (r != NULL)
		xmlFreeTextReader(r);
	free(xml);
	zipxml_close(&z);
	return rc;
}
