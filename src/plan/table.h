/* table: the one shape every plan reader produces.  A document is a list
 * of rows in reading order; a row is either a paragraph (text outside any
 * table: the plan's title, "附件", prose) or a table row of cells with
 * spans.  Each row carries where it came from ("page 3", "Sheet1!A12",
 * "table 2 row 4", or a line number) so that the interpreter's warnings
 * name a place a person can find.  The interpreter (plan/interp.h) turns
 * any such document into a plan; readers know formats, not plans.
 * Readers leave out what holds no text: empty paragraphs, and spreadsheet
 * rows with no cell and no merged area (a blank row's absence shows in
 * the next row's loc, "Sheet1!A4" after "Sheet1!A2"). */
#ifndef DEADLINED_TABLE_H
#define DEADLINED_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/compiler.h"

/* Bounds every reader applies, so that a hostile file costs bounded
 * memory: cells per row, rows per document, bytes of one cell's text
 * (room for a units cell naming 100,000 units, 1.5 MB, and for Excel's
 * longest cell, 32,767 characters: 96 KB of Chinese). */
#define TABLE_MAX_COLS 64
#define TABLE_MAX_ROWS 200000
#define TABLE_MAX_CELL (4u << 20)

enum tcell_flags {
	TCELL_MERGED_UP = 1 << 0,	/* continues the cell above (vMerge,
					 * mergeCells, or a PDF cell without a
					 * top rule): text is empty */
};

struct tcell {
	char *text;		/* UTF-8, lines joined with '\n' */
	int colspan;		/* >= 1: grid columns this cell covers */
	unsigned flags;		/* enum tcell_flags */
	char *loc;		/* this cell's own place ("Sheet1!C12"), or
				 * NULL for the row's */
};

enum trow_kind {
	TROW_CELLS,		/* a row of a table */
	TROW_PARAGRAPH,		/* text outside a table: one cell */
};

enum trow_flags {
	TROW_HEADER = 1 << 0,	/* the format marks it a (repeated) header
				 * row: w:tblHeader */
	TROW_CONTINUES = 1 << 1,	/* the first row on a new page or a
					 * new table that may continue the
					 * row before it (a row broken across
					 * a page); the interpreter decides
					 * and warns when it joins */
	TROW_NEW_TABLE = 1 << 2,	/* the first row of a table (DOCX
					 * w:tbl, a new sheet) */
};

struct trow {
	enum trow_kind kind;
	unsigned flags;		/* enum trow_flags */
	struct tcell *cells;
	size_t ncells, cap;
	char *loc;		/* "page 3", "Sheet1!A12", "table 1 row 4",
				 * "12" (a line: shown as FILE:12) */
	int line;		/* the source line for text formats, else 0 */
};

struct table_doc {
	char *source;		/* file name used in messages */
	bool breaks_typed;	/* a cell's line breaks and spaces were
				 * typed (Word, Excel, CSV), not made by
				 * wrapping and spacing (PDF, text) */
	struct trow *rows;
	size_t nrows, cap;
	/* Reader's own doubts ("page 4: column widths change"), shown with
	 * the interpreter's warnings, as "SOURCE:LOC: warning: msg". */
	struct { char *loc; char *msg; } *warnings;
	size_t nwarnings, wcap;
};

struct table_doc *table_new(const char *source);
void table_free(struct table_doc *d);

/* Append a row; loc is printf-formatted.  NULL when TABLE_MAX_ROWS is
 * reached (the reader then fails with a clear error). */
struct trow *table_add_row(struct table_doc *d, enum trow_kind kind,
    unsigned flags, const char *locfmt, ...) PRINTF_LIKE(4, 5);
/* Append a paragraph row holding text. */
struct trow *table_add_paragraph(struct table_doc *d, const char *text,
    const char *locfmt, ...) PRINTF_LIKE(3, 4);
/* Append a cell (text copied, cut at TABLE_MAX_CELL on a character
 * boundary); NULL when the row already has TABLE_MAX_COLS cells. */
struct tcell *table_add_cell(struct trow *r, const char *text, size_t len,
    int colspan, unsigned flags);
/* Remove the last row (a reader that learns late the row is not there:
 * a row deleted with tracked changes). */
void table_drop_last(struct table_doc *d);
void table_warn(struct table_doc *d, const char *loc, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* The grid width of a row: the sum of its cells' colspans. */
int trow_width(const struct trow *r);

/* A row's cells by grid position: the cell covering each position. */
struct tgrid {
	const struct tcell *at[TABLE_MAX_COLS];
	int width;
};
void trow_grid(const struct trow *r, struct tgrid *g);
/* The non-blank texts of a row (a cell merged from above has none): how
 * many cells carry one, and the first in *first (NULL for none). */
size_t trow_texts(const struct trow *r, const struct tcell **first);

/* A cell's text as one line: its lines squashed and joined
 * (plan_join_line, spaced as the document spaces Chinese and Latin);
 * "" for none. */
char *table_one_line(const char *text, bool latin_spaced);
/* The one text of a row that holds one (a paragraph, a title row), as
 * one line; NULL for other rows. */
char *trow_lone_text(const struct trow *r, bool latin_spaced);

/* How the document writes Chinese next to Latin text, counted by
 * plan_count_latin: over all its cells (*doc), and column by column below
 * row `header` (col[k], for the column at pos[k], k < ncols; a deadline
 * column writes "10月底前" where the measures write "面向 2035 年").  A
 * column without evidence either way goes as the document; a document
 * without, or a tie, spaces: then a wrap at such a place keeps its
 * space. */
void table_latin_spacing(const struct table_doc *d, size_t header,
    const int *pos, int ncols, bool *doc, bool *col);

#endif
