/* pdfstream: tables without ruling lines, read from where the text
 * stands (the "stream" method of Camelot and pdfplumber's text
 * strategy, kept simple):
 *
 *  - a table is a run of lines, close one under the other, from the
 *    first to the last line that has a wide blank inside it (two cells'
 *    texts side by side); lines above, below and between are
 *    paragraphs;
 *  - its columns are where that text stands: the x ranges the text of
 *    those lines covers, merged where less than a blank apart; between
 *    two columns is an x range no such line has text in; a range is
 *    split again where many lines start text at one x that no text
 *    crosses (cells without padding, the first one full);
 *  - a line's text in one column is a fragment; text that runs across a
 *    blank (a section's title) is one fragment over the columns it
 *    covers;
 *  - cells, column by column: a fragment starts a new cell when the
 *    space above it (from the middle of one line to the next, less an
 *    em) is clearly wider than the narrowest space between two lines of
 *    one column (cells with padding); where no space is
 *    wider than another, when the fragment above it did not fill its
 *    column (text wrapped by width fills it), or when both are one
 *    number or one deadline;
 *  - rows start where cells start, in any column (cells are read top
 *    aligned), and then in every column of that line (lines_start); a
 *    cell whose text reaches into the rows below it spans them
 *    (TCELL_MERGED_UP below);
 *  - a lone line with two cells at the head of a page is the last row
 *    of the table the page before ended in, when its blanks are where
 *    that table's columns part.
 *
 * A cell over several rows whose text stops in its first row cannot be
 * told from cells left empty, and a cell's own line breaks may look
 * like rows: the page gets a warning, so that --strict refuses what was
 * guessed. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "plan/deadline.h"
#include "read/pdfstream.h"

/* Distances in ems (the typical character height, pdf_em). */
#define BLANK 0.35		/* a blank this wide parts two cells */
#define RUNS_ON 0.25		/* text this close runs on across a blank */
#define BREAK 2.0		/* lines farther apart are not one table */
#define ROW_GAP 0.18		/* extra space that parts cells */
#define WRAP 1.2		/* a line ending this near its column's
				 * right edge was wrapped */
#define SAME_ROW 0.5		/* cells starting this near start one row */
#define CELL_GAP 0.2		/* the least gap before a cell's text */
#define EDGE 1.0		/* points: text this near x stands at x */
#define MAX_WHOLE 40		/* bytes: a deadline alone is no longer */
#define LONE_GAP 0.3		/* a table of one line: how far its cells'
				 * next lines may stand below it */

struct col {
	double lo, hi;
};

/* A line's text in one column, or across several. */
struct frag {
	size_t line;
	int col, span;
	double y0, y1, x1;
	bool start;		/* starts a cell */
	bool open;		/* the text above it did not fill its column */
	size_t row;		/* the row of its cell */
	size_t reach;		/* (a start) the last row its cell's text
				 * reaches */
};

/* A table being read. */
struct stream {
	struct pdf_line *lines;	/* the table's lines [0, n) */
	size_t n;
	struct col col[TABLE_MAX_COLS];
	int ncol;
	double em;
	int **at;		/* per line, the column of each glyph */
	struct frag *f;
	size_t nf;
	double *row_y;		/* where each row starts */
	size_t nrows;
	size_t *order;		/* the fragments by row, column, line */
};

/* Whether the line has a wide blank between two of its characters. */
static bool
two_cells(const struct pdf_line *l, double em)
{
	const struct pdf_glyph *p = NULL;

	for (size_t k = 0; k < l->n; k++) {
		if (l->g[k]->space)
			continue;
		if (p != NULL && l->g[k]->x0 - p->x1 > BLANK * em)
			return true;
		p = l->g[k];
	}
	return false;
}

static int
cmp_col(const void *a, const void *b)
{
	const struct col *x = a, *y = b;

	return (x->lo > y->lo) - (x->lo < y->lo);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Where the text of the table's lines stands, as disjoint x ranges:
 * each glyph's less EDGE at both ends, merged (a point in a range is
 * crossed by text).  The count into *n. */
static struct col *
ink(const struct stream *st, size_t *n)
{
	struct col *v = NULL;
	size_t nv = 0, cap = 0, m = 0;

	for (size_t i = 0; i < st->n; i++)
		for (size_t k = 0; k < st->lines[i].n; k++) {
			const struct pdf_glyph *g = st->lines[i].g[k];

			if (g->space || g->x1 - g->x0 <= 2 * EDGE)
				continue;
			v = xgrow(v, &cap, nv + 1, sizeof(*v));
			v[nv++] = (struct col){ g->x0 + EDGE, g->x1 - EDGE };
		}
	if (nv > 0)
		qsort(v, nv, sizeof(*v), cmp_col);
	for (size_t i = 0; i < nv; i++)
		if (m > 0 && v[i].lo <= v[m - 1].hi)
			v[m - 1].hi = fmax(v[m - 1].hi, v[i].hi);
		else
			v[m++] = v[i];
	*n = m;
	return v;
}

/* Whether no text crosses x: x in none of the ranges ink gave. */
static bool
clear_at(const struct col *ink, size_t n, double x)
{
	size_t lo = 0, hi = n;	/* the first range starting at or past x */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ink[mid].lo < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 || ink[lo - 1].hi <= x;
}

/* Split column c in two where a third of the lines with text in it, and
 * at least three, start text at one x after a gap that no line's text
 * crosses: two cells printed without padding (LibreOffice), the first
 * filled to its edge, stand closer than a blank.  Whether it did. */
static bool
split_column(struct stream *st, int c, int nc)
{
	const struct col *col = &st->col[c];
	double *x = NULL, best = 0, lhi = col->lo;
	size_t nx = 0, cap = 0, lines = 0, most = 2, nink = 0;
	struct col *text = NULL;

	for (size_t i = 0; i < st->n; i++) {
		const struct pdf_glyph *p = NULL;
		bool any = false;

		for (size_t k = 0; k < st->lines[i].n; k++) {
			const struct pdf_glyph *g = st->lines[i].g[k];

			if (g->space)
				continue;
			if (g->x1 > col->lo && g->x0 < col->hi) {
				any = true;
				if (g->x0 > col->lo + EDGE && (p == NULL ||
				    g->x0 - p->x1 >= CELL_GAP * st->em)) {
					x = xgrow(x, &cap, nx + 1, sizeof(*x));
					x[nx++] = g->x0;
				}
			}
			p = g;
		}
		lines += any;
	}
	if (nx > 0) {
		qsort(x, nx, sizeof(*x), cmp_double);
		text = ink(st, &nink);
	}
	for (size_t i = 0, j; i < nx; i = j) {
		for (j = i; j < nx && x[j] - x[i] <= 2 * EDGE; j++)
			;
		if (j - i > most && clear_at(text, nink, x[i])) {
			most = j - i;
			best = x[i];
		}
	}
	free(text);
	free(x);
	if (best == 0 || most * 3 < lines)
		return false;
	for (size_t i = 0; i < st->n; i++)
		for (size_t k = 0; k < st->lines[i].n; k++) {
			const struct pdf_glyph *g = st->lines[i].g[k];

			if (!g->space && g->x0 >= col->lo && g->x1 > lhi &&
			    g->x1 <= best + EDGE)
				lhi = g->x1;
		}
	memmove(&st->col[c + 2], &st->col[c + 1],
	    (size_t)(nc - c - 1) * sizeof(*st->col));
	st->col[c + 1] = (struct col){ best, col->hi };
	st->col[c].hi = lhi;
	return true;
}

/* The columns: the text of the lines with two cells, merged where less
 * than a blank apart.  Returns the count, 0 when there are more than
 * TABLE_MAX_COLS. */
static int
columns(struct stream *st)
{
	struct col *v = NULL;
	size_t nv = 0, cap = 0;
	int nc = 0;

	for (size_t i = 0; i < st->n; i++) {
		const struct pdf_line *l = &st->lines[i];

		if (!two_cells(l, st->em))
			continue;
		for (size_t k = 0; k < l->n; k++)
			if (!l->g[k]->space) {
				v = xgrow(v, &cap, nv + 1, sizeof(*v));
				v[nv++] = (struct col){ l->g[k]->x0, l->g[k]->x1 };
			}
	}
	if (nv > 0)
		qsort(v, nv, sizeof(*v), cmp_col);
	for (size_t i = 0; i < nv && nc <= TABLE_MAX_COLS; i++) {
		if (nc > 0 && v[i].lo - st->col[nc - 1].hi < BLANK * st->em) {
			st->col[nc - 1].hi = fmax(st->col[nc - 1].hi, v[i].hi);
			continue;
		}
		if (nc < TABLE_MAX_COLS)
			st->col[nc] = v[i];
		nc++;
	}
	free(v);
	if (nc > TABLE_MAX_COLS)
		return 0;
	for (int c = 0; c < nc; c++)
		while (nc < TABLE_MAX_COLS && split_column(st, c, nc))
			nc++;
	return nc;
}

/* Line i's fragments: each glyph's column (the one its middle is in, or
 * the one before the blank it stands in; a space: its neighbour's),
 * then runs of columns joined where the text crosses a blank. */
static void
read_line(struct stream *st, size_t i)
{
	const struct pdf_line *l = &st->lines[i];
	const struct pdf_glyph *prev = NULL;
	int *at = st->at[i] = xcalloc(l->n + 1, sizeof(int)), last = -1;
	unsigned long long across = 0, filled = 0;
	size_t cap = st->nf;

	for (size_t k = 0; k < l->n; k++) {
		const struct pdf_glyph *g = l->g[k];
		double cx = (g->x0 + g->x1) / 2;
		int c = 0;

		if (g->space) {
			at[k] = last;
			continue;
		}
		while (c + 1 < st->ncol && cx >= st->col[c + 1].lo)
			c++;
		for (int b = 0; b + 1 < st->ncol; b++)
			if (g->x0 < st->col[b + 1].lo && g->x1 > st->col[b].hi)
				across |= 1ull << b;
		/* Text that runs on from the column before crosses the
		 * blanks between. */
		if (prev != NULL && last < c && g->x0 - prev->x1 < RUNS_ON * st->em)
			for (int b = last; b < c; b++)
				across |= 1ull << b;
		at[k] = last = c;
		prev = g;
		filled |= 1ull << c;
	}
	for (size_t k = l->n; k-- > 0;)		/* leading spaces */
		if (at[k] < 0)
			at[k] = k + 1 < l->n ? at[k + 1] : 0;
	for (int c = 0; c < st->ncol;) {
		struct frag *f;
		int span = 1;

		if (!(filled >> c & 1)) {
			c++;
			continue;
		}
		while (c + span < st->ncol && (across >> (c + span - 1) & 1))
			span++;
		st->f = xgrow(st->f, &cap, st->nf + 1, sizeof(*st->f));
		f = &st->f[st->nf++];
		*f = (struct frag){ .line = i, .col = c, .span = span,
		    .y0 = INFINITY, .y1 = -INFINITY, .x1 = -INFINITY };
		for (size_t k = 0; k < l->n; k++)
			if (at[k] >= c && at[k] < c + span && !l->g[k]->space) {
				f->y0 = fmin(f->y0, l->g[k]->y0);
				f->y1 = fmax(f->y1, l->g[k]->y1);
				f->x1 = fmax(f->x1, l->g[k]->x1);
			}
		c += span;
	}
}

/* Append a fragment's text to b. */
static void
frag_text(const struct stream *st, const struct frag *f, struct buf *b)
{
	const struct pdf_line *l = &st->lines[f->line];
	struct pdf_line part = *l;

	part.g = xcalloc(l->n + 1, sizeof(*part.g));
	part.n = 0;
	for (size_t k = 0; k < l->n; k++)
		if (st->at[f->line][k] >= f->col &&
		    st->at[f->line][k] < f->col + f->span)
			part.g[part.n++] = l->g[k];
	pdf_line_text(b, &part, 0, part.n);
	free(part.g);
}

/* What a fragment is whole: a number alone (a 序号: "12", "3."), a
 * deadline alone ("6月底前"), or neither. */
enum whole { WHOLE_NONE, WHOLE_NUMBER, WHOLE_DEADLINE };

static enum whole
whole(const struct stream *st, const struct frag *f)
{
	struct buf b = BUF_INIT;
	enum whole w = WHOLE_NONE;
	const char *t;
	size_t digits;

	frag_text(st, f, &b);
	t = buf_str(&b);
	digits = strspn(t, "0123456789");
	if (digits > 0 && digits <= 4 && (t[digits] == '\0' ||
	    strcmp(t + digits, ".") == 0 || strcmp(t + digits, "、") == 0 ||
	    strcmp(t + digits, "．") == 0))
		w = WHOLE_NUMBER;
	else if (b.len <= MAX_WHOLE && deadline_parse(t, 2000).kind !=
	    DL_UNKNOWN)
		w = WHOLE_DEADLINE;
	buf_free(&b);
	return w;
}

/* The columns a line's fragments [i, j) cover. */
static uint64_t
line_cols(const struct stream *st, size_t i, size_t j)
{
	uint64_t set = 0;

	for (; i < j; i++)
		for (int c = st->f[i].col; c < st->f[i].col + st->f[i].span; c++)
			set |= 1ull << c;
	return set;
}

/* Rows of one line each, printed without padding (LibreOffice), stand
 * as close as a cell's lines: the space test sees no space, and the
 * fill test takes a cell whose text is its column's widest for the
 * first line of a wrapped one, joining the next row's text to it.  A
 * line where a cell starts is a row of its own, then, in every column:
 *
 *  - where no space is wider than another, a line with any start (a
 *    wrapped cell's next line is under text that fills its column in
 *    every column it has text in);
 *  - else, a line with text in every column its row's first line had,
 *    one of them under text that did not fill its column (a wrapped
 *    cell's next lines leave the columns that did not wrap, 序号 or the
 *    deadline, empty). */
static void
lines_start(struct stream *st, bool gaps)
{
	uint64_t row = 0, set;

	for (size_t i = 0, j; i < st->nf; i = j) {
		bool start = false, open = false;

		for (j = i; j < st->nf && st->f[j].line == st->f[i].line; j++) {
			start = start || st->f[j].start;
			open = open || st->f[j].open;
		}
		set = line_cols(st, i, j);
		if (gaps ? open && (row & (row - 1)) != 0 && (set & row) == row :
		    start)
			for (size_t k = i; k < j; k++)
				st->f[k].start = start = true;
		if (start)
			row = set;
	}
}

/* The space between fragment p and f below it, from the middles of
 * their lines less an em: a bold header's glyphs stand higher in a box
 * less tall than the body's, and from box edges its wrapped line looked
 * a row apart. */
static double
space_above(const struct stream *st, const struct frag *f,
    const struct frag *p)
{
	return (f->y0 + f->y1) / 2 - (p->y0 + p->y1) / 2 - st->em;
}

/* Mark the fragments that start cells (see the top of this file). */
static void
find_starts(struct stream *st)
{
	const struct frag **prev = xcalloc((size_t)st->ncol, sizeof(*prev));
	double gmin = INFINITY;
	bool gaps = false;

	for (size_t i = 0; i < st->nf; i++) {
		const struct frag *p = prev[st->f[i].col];

		if (p != NULL)
			gmin = fmin(gmin, space_above(st, &st->f[i], p));
		prev[st->f[i].col] = &st->f[i];
	}
	memset(prev, 0, (size_t)st->ncol * sizeof(*prev));
	for (size_t i = 0; i < st->nf; i++) {
		const struct frag *p = prev[st->f[i].col];

		/* Between lines one under the other: a column left empty
		 * on a line (under a section's title) is no space. */
		gaps = gaps || (p != NULL && p->line + 1 == st->f[i].line &&
		    space_above(st, &st->f[i], p) > gmin + ROW_GAP * st->em);
		prev[st->f[i].col] = &st->f[i];
	}
	memset(prev, 0, (size_t)st->ncol * sizeof(*prev));
	for (size_t i = 0; i < st->nf; i++) {
		struct frag *f = &st->f[i];
		const struct frag *p = prev[f->col];
		enum whole w;

		/* One number, or one deadline, never wraps into another,
		 * however narrow its column. */
		f->open = p == NULL || st->col[f->col + f->span - 1].hi -
		    p->x1 > WRAP * st->em || ((w = whole(st, f)) != WHOLE_NONE &&
		    whole(st, p) == w);
		f->start = p == NULL || p->span != f->span ||
		    space_above(st, f, p) > gmin + ROW_GAP * st->em ||
		    (!gaps && f->open);
		prev[f->col] = f;
	}
	free(prev);
	lines_start(st, gaps);
}

/* The row a fragment at y stands in: the last that starts above it (or
 * near enough to be the same line). */
static size_t
row_at(const struct stream *st, double y)
{
	size_t lo = 0, hi = st->nrows;	/* the answer is in [lo, hi) */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->row_y[mid] <= y + SAME_ROW * st->em)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static const struct stream *sorting;

static int
cmp_frag(const void *a, const void *b)
{
	const struct frag *x = &sorting->f[*(const size_t *)a];
	const struct frag *y = &sorting->f[*(const size_t *)b];

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Rows from the cells' starts; each fragment gets its cell's row, each
 * cell the last row its text reaches; the fragments in row order. */
static void
find_rows(struct stream *st)
{
	double *y = xcalloc(st->nf + 1, sizeof(*y));
	size_t *cell = xcalloc((size_t)st->ncol, sizeof(*cell));
	size_t ny = 0;

	for (size_t i = 0; i < st->nf; i++)
		if (st->f[i].start)
			y[ny++] = st->f[i].y0;
	qsort(y, ny, sizeof(*y), cmp_double);
	st->row_y = xcalloc(ny + 1, sizeof(*st->row_y));
	for (size_t i = 0; i < ny; i++)
		if (st->nrows == 0 || y[i] - st->row_y[st->nrows - 1] >
		    SAME_ROW * st->em)
			st->row_y[st->nrows++] = y[i];
	for (size_t i = 0; i < st->nf; i++) {
		struct frag *f = &st->f[i];
		size_t band = row_at(st, f->y0);

		if (f->start) {
			cell[f->col] = i;
			f->reach = band;
		}
		f->row = st->f[cell[f->col]].row = f->start ? band :
		    st->f[cell[f->col]].row;
		if (band > st->f[cell[f->col]].reach)
			st->f[cell[f->col]].reach = band;
	}
	st->order = xcalloc(st->nf + 1, sizeof(*st->order));
	for (size_t i = 0; i < st->nf; i++)
		st->order[i] = i;
	sorting = st;
	qsort(st->order, st->nf, sizeof(*st->order), cmp_frag);
	sorting = NULL;
	free(cell);
	free(y);
}

/* Emit the row of the fragments order[*p..) that are in row r; reach
 * holds, a column each, the last row the cell above reaches. */
static int
emit_row(struct pdf_page *pg, struct stream *st, size_t r, size_t *p,
    size_t *reach, struct table_doc *d, struct error *err)
{
	unsigned long long across = 0;
	size_t first = *p, end;
	struct trow *tr;
	int rc;

	for (end = first; end < st->nf && st->f[st->order[end]].row == r; end++) {
		const struct frag *f = &st->f[st->order[end]];

		for (int b = f->col; b < f->col + f->span - 1; b++)
			across |= 1ull << b;
	}
	*p = end;
	if ((rc = pdf_add_row(d, pg, &tr, err)) != 0)
		return rc;
	for (int c = 0, span; c < st->ncol; c += span) {
		struct buf text = BUF_INIT;
		bool merged = r > 0 && reach[c] != (size_t)-1 && reach[c] >= r;

		for (span = 1; c + span < st->ncol &&
		    (across >> (c + span - 1) & 1); span++)
			;
		for (size_t i = first; i < end; i++) {
			const struct frag *f = &st->f[st->order[i]];

			if (f->col < c || f->col >= c + span)
				continue;
			if (f->start)
				reach[f->col] = f->reach;
			if (text.len > 0)
				buf_putc(&text, '\n');
			frag_text(st, f, &text);
		}
		(void)table_add_cell(tr, buf_str(&text), text.len, span,
		    text.len == 0 && merged ? TCELL_MERGED_UP : 0);
		buf_free(&text);
	}
	return 0;
}

/* Whether line l stays inside the columns (crosses no blank). */
static bool
inside(const struct stream *st, const struct pdf_line *l)
{
	for (size_t k = 0; k < l->n; k++)
		for (int b = 0; b + 1 < st->ncol && !l->g[k]->space; b++)
			if (l->g[k]->x1 > st->col[b].hi &&
			    l->g[k]->x0 < st->col[b + 1].lo)
				return false;
	return true;
}

/* Whether line l, the only line with two cells in its lines, goes on
 * with the table the pages before ended in: the page holds no table
 * yet and each of the line's blanks is where that table's columns part
 * (a table's last row, alone at the head of a page). */
static bool
continues(const struct pdf_page *pg, const struct pdf_line *l, double em)
{
	const struct pdf_cols *c = pg->flow_cols;
	const struct pdf_glyph *p = NULL;
	int blanks = 0;

	if (c == NULL || pg->ntables > 0)
		return false;
	for (size_t k = 0; k < l->n; k++) {
		const struct pdf_glyph *g = l->g[k];
		bool at = false;

		if (g->space)
			continue;
		if (p != NULL && g->x0 - p->x1 > BLANK * em) {
			for (int b = 0; b < c->n && !at; b++)
				at = p->x1 < c->hi[b] + EDGE &&
				    g->x0 > c->lo[b] - EDGE;
			if (!at)
				return false;
			blanks++;
		}
		p = g;
	}
	return blanks > 0;
}

/* Read lines [0, *n) as a table, when they make one: 0 with *table
 * telling, or err set.  The lines after them up to max that go on in
 * the columns as a cell's next line does (the last line of a cell
 * longer than its row's others) are the table's too: *n grows. */
static int
read_table(struct pdf_page *pg, struct pdf_line *lines, size_t *np,
    size_t max, double em, struct table_doc *d, bool *table,
    struct error *err)
{
	struct stream st = { .lines = lines, .n = *np, .em = em };
	size_t first = d->nrows, *reach, n = *np;
	struct pdf_table *rec;
	double gmin = INFINITY;
	int rc = 0;

	*table = (st.ncol = columns(&st)) >= 2;
	if (!*table)
		return 0;
	for (size_t i = 1; i < n; i++)
		gmin = fmin(gmin, lines[i].y0 - lines[i - 1].y1);
	if (n == 1)
		gmin = LONE_GAP * em;
	while (n < max && lines[n].y0 - lines[n - 1].y1 <= gmin + ROW_GAP * em &&
	    inside(&st, &lines[n]))
		n++;
	st.n = *np = n;
	st.at = xcalloc(n, sizeof(*st.at));
	for (size_t i = 0; i < n; i++)
		read_line(&st, i);
	find_starts(&st);
	find_rows(&st);
	reach = xcalloc((size_t)st.ncol, sizeof(*reach));
	for (int c = 0; c < st.ncol; c++)
		reach[c] = (size_t)-1;
	for (size_t r = 0, p = 0; r < st.nrows && rc == 0; r++)
		rc = emit_row(pg, &st, r, &p, reach, d, err);
	free(reach);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < lines[i].n; k++)
			lines[i].g[k]->used = true;
		free(st.at[i]);
	}
	if (rc == 0 && (rec = pdf_add_table(pg, first, false)) != NULL) {
		rec->cols.n = st.ncol - 1;
		for (int c = 0; c + 1 < st.ncol; c++) {
			rec->cols.lo[c] = st.col[c].hi;
			rec->cols.hi[c] = st.col[c + 1].lo;
		}
	}
	free(st.at);
	free(st.f);
	free(st.row_y);
	free(st.order);
	return rc;
}

int
pdfstream_read(struct pdf_page *pg, struct table_doc *d, struct error *err)
{
	struct pdf_glyph **sel = xcalloc(pg->ng + 1, sizeof(*sel));
	struct pdf_line *lines;
	double em = pdf_em(pg), top = -INFINITY;
	size_t n = 0, nl, i = 0;
	bool warned = false;
	int rc = 0;

	for (size_t k = 0; k < pg->ng; k++)
		if (!pg->g[k].used)
			sel[n++] = &pg->g[k];
	nl = pdf_lines(sel, n, &lines);
	while (i < nl && rc == 0) {
		size_t last, k, wide = 0;
		bool table;

		/* From a line with two cells to the last such line of the
		 * lines close under it. */
		if (!two_cells(&lines[i], em)) {
			i++;
			continue;
		}
		for (last = k = i; k < nl && (k == i || lines[k].y0 -
		    lines[k - 1].y1 <= BREAK * em); k++)
			if (two_cells(&lines[k], em)) {
				last = k;
				wide++;
			}
		if (wide < 2 && !(wide == 1 && continues(pg, &lines[i], em))) {
			i = last + 1;
			continue;
		}
		k = last + 1 - i;
		if ((rc = pdf_paragraphs(pg, top, lines[i].y0, d, err)) != 0 ||
		    (rc = read_table(pg, lines + i, &k, nl - i, em, d, &table,
		    err)) != 0)
			break;
		if (table && !warned) {
			char *at = xasprintf("page %d", pg->no);

			table_warn(d, at, "no ruling lines; columns read from "
			    "text positions");
			free(at);
			warned = true;
		}
		if (table) {
			last = i + k - 1;
			top = lines[last].y1;
		}
		i = last + 1;
	}
	if (rc == 0)
		rc = pdf_paragraphs(pg, top, INFINITY, d, err);
	free(lines);
	free(sel);
	return rc;
}
