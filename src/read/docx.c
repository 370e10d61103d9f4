/* docx: a Word document (WordprocessingML, word/document.xml) as rows:
 * each body paragraph, and each row of each table with its cells in
 * order.  A cell's paragraphs are its lines; w:gridSpan is its colspan,
 * w:vMerge="continue" (or w:vMerge without a value) marks it as the
 * continuation of the cell above, w:tblHeader marks a header row repeated
 * on every page, w:gridBefore/w:gridAfter are empty cells.  A table
 * inside a cell gives its text to that cell.  Deleted text (w:delText)
 * and field codes (w:instrText) are not text. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "read/docx.h"
#include "read/zipxml.h"

#define DOCUMENT "word/document.xml"

struct docx {
	struct zipxml *z;
	struct table_doc *d;
	struct error *err;
	int tbl_depth;		/* tables open around the reader */
	int tables;		/* top-level tables so far */
	int row_no;		/* rows of the current table */
	struct trow *row;	/* the current top-level row, or NULL */
	unsigned row_flags;
	bool in_cell;		/* inside a top-level cell */
	int span;
	unsigned cell_flags;
	int grid_after;
	bool in_text;		/* inside w:t */
	struct buf text;	/* the paragraph's or the cell's text */
	bool cols_warned;
};

/* The integer w:val of the current element, or dflt. */
static int
val_int(xmlTextReaderPtr r, int dflt)
{
	char *v = zipxml_attr(r, "val");
	int n = v != NULL ? atoi(v) : dflt;

	free(v);
	return n;
}

static int
add_cell(struct docx *x, const char *text, int span, unsigned flags)
{
	if (x->row == NULL)
		return 0;
	if (table_add_cell(x->row, text, strlen(text), span, flags) == NULL &&
	    !x->cols_warned) {
		table_warn(x->d, x->row->loc, "more than %d cells in a row: "
		    "the rest are not read", TABLE_MAX_COLS);
		x->cols_warned = true;
	}
	return 0;
}

/* The start of a row (its trPr comes next and may flag it). */
static int
row_start(struct docx *x)
{
	unsigned flags = x->row_no == 0 ? TROW_NEW_TABLE : 0;

	x->row = table_add_row(x->d, TROW_CELLS, flags, "table %d row %d",
	    x->tables, x->row_no + 1);
	if (x->row == NULL)
		return error_set(x->err, EXIT_DATAERR, "%s: more than %d table "
		    "rows: refusing it", x->d->source, TABLE_MAX_ROWS);
	x->row_no++;
	x->grid_after = 0;
	return 0;
}

static void
cell_end(struct docx *x)
{
	/* The last paragraph's line break is no text. */
	while (x->text.len > 0 && x->text.s[x->text.len - 1] == '\n')
		x->text.s[--x->text.len] = '\0';
	(void)add_cell(x, buf_str(&x->text), x->span,
	    x->cell_flags & TCELL_MERGED_UP ? TCELL_MERGED_UP : 0);
	buf_reset(&x->text);
	x->in_cell = false;
}

/* An element opens (empty: it closes at once). */
static int
open_element(struct docx *x, xmlTextReaderPtr r, const char *name, bool empty)
{
	char *v;

	if (strcmp(name, "tbl") == 0) {
		if (x->tbl_depth++ == 0) {
			x->tables++;
			x->row_no = 0;
		}
	} else if (x->tbl_depth == 1 && strcmp(name, "tr") == 0)
		return row_start(x);
	else if (x->tbl_depth == 1 && strcmp(name, "tc") == 0) {
		x->in_cell = true;
		x->span = 1;
		x->cell_flags = 0;
		buf_reset(&x->text);
	} else if (x->tbl_depth == 1 && strcmp(name, "gridSpan") == 0)
		x->span = val_int(r, 1) > 0 ? val_int(r, 1) : 1;
	else if (x->tbl_depth == 1 && strcmp(name, "vMerge") == 0) {
		v = zipxml_attr(r, "val");
		if (v == NULL || strcmp(v, "continue") == 0)
			x->cell_flags |= TCELL_MERGED_UP;
		free(v);
	} else if (x->tbl_depth == 1 && x->row != NULL && !x->in_cell &&
	    strcmp(name, "tblHeader") == 0) {
		v = zipxml_attr(r, "val");
		if (v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "false") != 0))
			x->row->flags |= TROW_HEADER;
		free(v);
	} else if (x->tbl_depth == 1 && !x->in_cell &&
	    strcmp(name, "gridBefore") == 0) {
		for (int k = val_int(r, 0); k > 0 && k < TABLE_MAX_COLS; k--)
			(void)add_cell(x, "", 1, 0);
	} else if (x->tbl_depth == 1 && !x->in_cell &&
	    strcmp(name, "gridAfter") == 0)
		x->grid_after = val_int(r, 0);
	else if (strcmp(name, "t") == 0)
		x->in_text = !empty;
	else if (strcmp(name, "tab") == 0)
		buf_putc(&x->text, ' ');
	else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
		buf_putc(&x->text, '\n');
	return 0;
}

/* A paragraph outside any table: a row of its own. */
static int
body_paragraph(struct docx *x)
{
	char *t = text_squash(buf_str(&x->text));
	int rc = 0;

	if (*t != '\0' && table_add_paragraph(x->d, t, "paragraph %zu",
	    x->d->nrows + 1) == NULL)
		rc = error_set(x->err, EXIT_DATAERR, "%s: more than %d rows: "
		    "refusing it", x->d->source, TABLE_MAX_ROWS);
	free(t);
	buf_reset(&x->text);
	return rc;
}

static int
close_element(struct docx *x, const char *name)
{
	if (strcmp(name, "t") == 0)
		x->in_text = false;
	else if (strcmp(name, "p") == 0) {
		if (x->tbl_depth == 0)
			return body_paragraph(x);
		buf_putc(&x->text, '\n');
	} else if (strcmp(name, "tbl") == 0) {
		if (--x->tbl_depth == 0)
			x->row = NULL;
	} else if (x->tbl_depth == 1 && strcmp(name, "tc") == 0)
		cell_end(x);
	else if (x->tbl_depth == 1 && strcmp(name, "tr") == 0) {
		for (; x->grid_after > 0 && x->grid_after < TABLE_MAX_COLS;
		    x->grid_after--)
			(void)add_cell(x, "", 1, 0);
	}
	return 0;
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
	int rc, step;

	*out = NULL;
	if ((rc = zipxml_open(&z, name, data, len, err)) != 0)
		return rc;
	if ((rc = zipxml_read(&z, DOCUMENT, false, &xml, &xlen, err)) != 0 ||
	    (r = zipxml_reader(&z, DOCUMENT, xml, xlen, err)) == NULL) {
		rc = rc != 0 ? rc : EXIT_DATAERR;
		goto out;
	}
	x.z = &z;
	x.err = err;
	x.d = table_new(name);
	while (rc == 0 && (step = zipxml_next(&z, DOCUMENT, r, err)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *local = zipxml_local(r);

		if (type == XML_READER_TYPE_ELEMENT)
			rc = open_element(&x, r, local,
			    xmlTextReaderIsEmptyElement(r) == 1);
		if (rc == 0 && (type == XML_READER_TYPE_END_ELEMENT ||
		    (type == XML_READER_TYPE_ELEMENT &&
		    xmlTextReaderIsEmptyElement(r) == 1)))
			rc = close_element(&x, local);
		else if ((type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && x.in_text) {
			const xmlChar *v = xmlTextReaderConstValue(r);

			if (v != NULL)
				buf_puts(&x.text, (const char *)v);
			if (x.text.len > TABLE_MAX_CELL * 4)
				rc = error_set(err, EXIT_DATAERR, "%s: a cell or "
				    "paragraph of more than %u KiB: refusing it",
				    name, TABLE_MAX_CELL >> 8);
		}
	}
	if (rc == 0 && step < 0)
		rc = err->code;
	if (rc == 0)
		*out = x.d;
	else
		table_free(x.d);
	buf_free(&x.text);
out:
	if (r != NULL)
		xmlFreeTextReader(r);
	free(xml);
	zipxml_close(&z);
	return rc;
}
