/* pdftext: one PDF page as the table readers see it (its characters with
 * their boxes, the mask of what is drawn besides them), and what both
 * table readers (pdfgrid: ruled tables, pdfstream: tables without rules)
 * do with it: text in reading order, paragraphs, the record of each
 * table they find.  Geometry only: no poppler here, so that all of it can
 * be tested on pages built in code. */
#ifndef DEADLINED_PDFTEXT_H
#define DEADLINED_PDFTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"
#include "base/util.h"
#include "plan/table.h"

/* Tables a page records (more are read, not compared across pages). */
#define PDF_MAX_TABLES 32
#define PDF_INK_LIGHT 1		/* a mask's pixel levels (struct pdf_page) */
#define PDF_INK_DARK 2
#define PDF_INK_GLYPH 4		/* with a level or none: a character's */
#define PDF_RULE_MAX_PT 5.0	/* thicker inked areas are fills */

struct pdf_glyph {
	double x0, y0, x1, y1;	/* points, from the page's top left */
	char utf8[8];		/* one character */
	bool space;		/* whitespace: no ink */
	bool used;		/* already read into a row */
};

/* Where a table's columns part: for each boundary between two columns,
 * the x range it lies in (a rule's position, or the blank between two
 * columns of text).  Compared across pages.  A ruled table keeps each
 * column's room for a line too (pdfgrid.c), 0 where unknown. */
struct pdf_cols {
	int n;
	double lo[TABLE_MAX_COLS + 1], hi[TABLE_MAX_COLS + 1];	/* n */
	double room[TABLE_MAX_COLS];	/* n - 1 */
};

/* Whether two tables' columns part at different places. */
bool pdf_cols_differ(const struct pdf_cols *a, const struct pdf_cols *b);

/* A table found on a page: its first row in the document and how it
 * stands on the page. */
struct pdf_table {
	size_t row;		/* index of its first row in table_doc */
	bool after_text;	/* text of this page was read before it */
	bool ruled;		/* from ruling lines (else from text) */
	bool new_row;		/* its first row is none the page broke */
	struct pdf_cols cols;
};

struct pdf_page {
	int no;			/* 1-based, for places ("page 3") */
	double w, h;		/* points */
	struct pdf_glyph *g;
	size_t ng;
	/* What is drawn on the page (rules, boxes, pictures; not fills):
	 * PDF_INK_DARK a dark pixel, PDF_INK_LIGHT a light gray one, 0 a
	 * blank one, each marked PDF_INK_GLYPH on or beside a character;
	 * mw x mh pixels at scale pixels a point; NULL when the page was
	 * not drawn. */
	const unsigned char *mask;
	int mw, mh;
	double scale;
	/* Where the columns of the last table of the pages before part,
	 * when it was read without rules; else NULL. */
	const struct pdf_cols *flow_cols;
	/* The same when it was ruled (the rooms of a table going on). */
	const struct pdf_cols *flow_ruled;
	/* The pitch of the character grid the page is set on (pdf_grid),
	 * 0 for none. */
	double pitch;
	/* Filled by the readers. */
	int paragraphs;		/* paragraph rows read so far */
	struct pdf_table tables[PDF_MAX_TABLES];
	int ntables;
};

/* A line of text: glyphs side by side, left to right. */
struct pdf_line {
	struct pdf_glyph **g;	/* into the array pdf_lines was given */
	size_t n;
	double x0, y0, x1, y1;	/* the box around its glyphs */
};

/* The glyphs sel[0..n) in lines, top to bottom, each left to right
 * (sel is reordered; the lines point into it).  Returns the count. */
size_t pdf_lines(struct pdf_glyph **sel, size_t n, struct pdf_line **out);
/* The line's glyphs [from, to) as text, a space where a gap is wide,
 * without spaces at either end. */
void pdf_line_text(struct buf *b, const struct pdf_line *l, size_t from,
    size_t to);
/* Typical height of the page's characters (points): the scale of every
 * distance the readers compare. */
double pdf_em(const struct pdf_page *pg);

/* The pitch of the character grid (文档网格) the page's text is set
 * on, 0 for none: Chinese characters widened to one advance (or, on a
 * grid wider than its characters, kept apart by one step), and the
 * Chinese character after a run of Latin on that grid too, counted from
 * its line's first glyph (a run of Latin takes whole cells); hint, the
 * page before's, when its characters stand at that step (a page too short
 * to show a grid of its own). */
double pdf_grid(const struct pdf_page *pg, double hint);

/* Of the lines the unused glyphs whose centre is in the box make, from
 * first ink to last: the widest (points) into *widest and the least
 * blank before one into *inset, when wider or less than they are. */
void pdf_lines_extent(struct pdf_page *pg, double x0, double y0, double x1,
    double y1, double *widest, double *inset);
/* The text of the unused glyphs whose centre is in the box, in lines
 * joined with '\n'; marks them used.  A line between two Chinese
 * characters that ends with room (points, 0: unknown) for the next
 * line's first character ends with a space: the writer broke it there
 * (a line break typed, or a space wrapped at), not the column's edge. */
char *pdf_text_in(struct pdf_page *pg, double x0, double y0, double x1,
    double y1, double room);
/* Paragraph rows of the unused glyphs with their centre's y in [y0, y1),
 * a row a line, leaving out page numbers ("- 3 -", "第3页", a lone
 * number near the middle) in the top or bottom margin. */
int pdf_paragraphs(struct pdf_page *pg, double y0, double y1,
    struct table_doc *d, struct error *err);

/* A new row of cells at the page into *row: 0, or EXIT_DATAERR with err
 * set at TABLE_MAX_ROWS. */
int pdf_add_row(struct table_doc *d, struct pdf_page *pg, struct trow **row,
    struct error *err);
/* Record a table whose first row is row (false when the page has as many
 * as it records). */
struct pdf_table *pdf_add_table(struct pdf_page *pg, size_t row, bool ruled);

#endif
