/* pdfgrid: ruled tables rebuilt from the lines drawn on a page (the
 * "lattice" method of Camelot, without image libraries):
 *
 *  - rules: on the page's mask (what is drawn besides its characters),
 *    long thin runs of dark pixels, across and down; runs a few pixels
 *    apart are one rule (a border drawn twice), a dark area thicker than
 *    a rule is a fill, not a rule; a rule that meets no rule across it at
 *    an end (its own or the other's) and is crossed by fewer than two is
 *    an underline, not a cell's border;
 *  - tables: rules that meet one another make one table; one cell
 *    around another table is a frame (a page border), no table;
 *  - the grid: a table's rule positions cut it into grid cells; where a
 *    rule is missing between two of them they are one cell (a colspan
 *    across, a cell merged down: its text in its first row, the rows
 *    below marked TCELL_MERGED_UP);
 *  - text: each character goes to the cell its middle falls in; what is
 *    outside every table is read as paragraphs (the title, 附件, notes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "read/pdfgrid.h"

#define MAX_RULES 512		/* rules a page, each way */
#define NEAR_PT 3.0		/* rules this close are one */
#define MIN_DOWN_PT 4.0		/* shorter runs down are no rule */
#define MIN_ACROSS_PT 16.0	/* shorter runs across are no rule (a
				 * dash, a character's stroke) */

/* A rule: its position (y of one across, x of one down), the extent it
 * covers and, while it is found, the pixel rows (or columns) it takes;
 * all in pixels. */
struct rule {
	int at, from, to;
	int lo, hi;
};

struct rules {
	struct rule v[MAX_RULES];
	int n;
	bool full;		/* more runs than MAX_RULES rules */
};

/* A page's rules, in pixels. */
struct lattice {
	struct rules across, down;
	int near;		/* NEAR_PT in pixels */
};

static unsigned char
pixel(const struct pdf_page *pg, int x, int y)
{
	return pg->mask[(size_t)y * (size_t)pg->mw + (size_t)x];
}

/* Whether the pixel is inked at least at level, by no character. */
static bool
inked(const struct pdf_page *pg, int x, int y, unsigned char level)
{
	unsigned char v = pixel(pg, x, y);

	return !(v & PDF_INK_GLYPH) && v >= level;
}

/* Add a run at position at covering [from, to]: it thickens a rule it
 * lies on or next to, or starts one. */
static void
add_run(struct rules *r, int near, int at, int from, int to)
{
	for (int i = r->n - 1; i >= 0; i--) {
		struct rule *u = &r->v[i];

		if (at - u->hi <= near && at >= u->lo - near &&
		    from <= u->to + near && to >= u->from - near) {
			u->from = from < u->from ? from : u->from;
			u->to = to > u->to ? to : u->to;
			u->hi = at > u->hi ? at : u->hi;
			u->lo = at < u->lo ? at : u->lo;
			return;
		}
	}
	if (r->n < MAX_RULES)
		r->v[r->n++] = (struct rule){ at, from, to, at, at };
	else
		r->full = true;
}

/* Drop fills (thicker than max pixels); a rule's position is its
 * middle. */
static void
thin_only(struct rules *r, int max)
{
	int k = 0;

	for (int i = 0; i < r->n; i++)
		if (r->v[i].hi - r->v[i].lo <= max) {
			r->v[k] = r->v[i];
			r->v[k++].at = (r->v[i].lo + r->v[i].hi) / 2;
		}
	r->n = k;
}

/* Whether rule a (of one way) and b (of the other) meet: each one's
 * position within the other's extent. */
static bool
meet(const struct rule *a, const struct rule *b, int near)
{
	return b->at >= a->from - near && b->at <= a->to + near &&
	    a->at >= b->from - near && a->at <= b->to + near;
}

/* Keep the rules of r that meet a rule of w at an end, theirs or its,
 * or that two rules of w cross: a cell's border meets the borders across
 * it (at both ends, but where a row breaks across pages one end is open:
 * Chromium draws no border there; on a page whose first and last rows
 * both go on over a page break both are, and the rows' borders end on
 * the table's sides and cross its columns' rules); an underline or a box
 * in the text meets none.  So is a rule that one rule of w crosses and
 * that runs as far as a border kept, both ends: two cells merged down
 * over the page, side by side (序号 and a task, the one rule across
 * them where the task ends), the border between them open at both ends,
 * as Calc prints them. */
static void
keep_borders(struct rules *r, const struct rules *w, int near)
{
	signed char *kept = xcalloc((size_t)r->n + 1, 1);	/* 1, 0; -1:
					 * crossed once */
	int k = 0;

	for (int i = 0; i < r->n; i++) {
		const struct rule *u = &r->v[i];
		bool end = false;
		int crossed = 0;

		for (int j = 0; j < w->n && !end && crossed < 2; j++) {
			const struct rule *x = &w->v[j];

			if (x->from - near > u->at || u->at > x->to + near)
				continue;
			end = abs(x->at - u->from) <= near ||
			    abs(x->at - u->to) <= near ||
			    ((abs(x->from - u->at) <= near ||
			    abs(x->to - u->at) <= near) &&
			    x->at >= u->from - near && x->at <= u->to + near);
			crossed += x->at > u->from && x->at < u->to;
		}
		kept[i] = end || crossed >= 2 ? 1 : crossed == 1 ? -1 : 0;
	}
	for (int i = 0; i < r->n; i++)
		for (int j = 0; j < r->n && kept[i] < 0; j++)
			if (kept[j] == 1 && abs(r->v[j].from - r->v[i].from) <=
			    near && abs(r->v[j].to - r->v[i].to) <= near)
				kept[i] = 2;
	for (int i = 0; i < r->n; i++)
		if (kept[i] > 0)
			r->v[k++] = r->v[i];
	r->n = k;
	free(kept);
}

/* The thin runs of pixels inked at least at level, into lt. */
static void
find_runs(const struct pdf_page *pg, unsigned char level,
    struct lattice *lt)
{
	int x, y, start;
	int across = (int)ceil(MIN_ACROSS_PT * pg->scale);
	int down = (int)ceil(MIN_DOWN_PT * pg->scale);
	int thick = (int)ceil(PDF_RULE_MAX_PT * pg->scale);

	lt->near = (int)ceil(NEAR_PT * pg->scale);
	for (y = 0; y < pg->mh; y++)
		for (x = 0; x < pg->mw; x = start + 1) {
			for (start = x; x < pg->mw && inked(pg, x, y, level); x++)
				;
			if (x - start >= across)
				add_run(&lt->across, lt->near, y, start, x - 1);
			start = x;
		}
	for (x = 0; x < pg->mw; x++)
		for (y = 0; y < pg->mh; y = start + 1) {
			for (start = y; y < pg->mh && inked(pg, x, y, level); y++)
				;
			if (y - start >= down)
				add_run(&lt->down, lt->near, x, start, y - 1);
			start = y;
		}
	thin_only(&lt->across, thick);
	thin_only(&lt->down, thick);
}

/* The share of the pixels beside u (across: above and below it; else
 * left and right), from 2 to near away, that are blank, on its blanker
 * side: a rule has blank paper along it, a fill's gray between two
 * characters has their ink and more gray. */
static double
blank_beside(const struct pdf_page *pg, const struct rule *u, bool across,
    int near)
{
	int n[2] = { 0, 0 }, all[2] = { 0, 0 };

	for (int side = 0; side < 2; side++)
		for (int d = 2; d <= near; d++) {
			int at = side == 0 ? u->lo - d : u->hi + d;

			for (int t = u->from; t <= u->to; t++) {
				int x = across ? t : at, y = across ? at : t;

				if (x < 0 || y < 0 || x >= pg->mw || y >= pg->mh)
					continue;
				all[side]++;
				n[side] += (pixel(pg, x, y) &
				    (PDF_INK_DARK | PDF_INK_LIGHT)) == 0;
			}
		}
	return fmax(all[0] > 0 ? (double)n[0] / all[0] : 0,
	    all[1] > 0 ? (double)n[1] / all[1] : 0);
}

/* Add to r the rules of more that lie on none of r's, nor inside a
 * fill (a shaded cell's light gray between its characters runs down
 * like a rule, with no blank paper beside it). */
static void
add_rules(const struct pdf_page *pg, struct rules *r,
    const struct rules *more, bool across, int near)
{
	int n = r->n;

	for (int i = 0; i < more->n; i++) {
		const struct rule *u = &more->v[i];
		bool known = blank_beside(pg, u, across, near) < 0.5;

		for (int j = 0; j < n && !known; j++)
			known = abs(r->v[j].at - u->at) <= near &&
			    u->from <= r->v[j].to + near &&
			    u->to >= r->v[j].from - near;
		if (known)
			continue;
		if (r->n < MAX_RULES)
			r->v[r->n++] = *u;
		else
			r->full = true;
	}
	r->full |= more->full;
}

/* The page's rules: the dark ones, then the light gray ones (a table
 * ruled in gray).  Apart, as a fill in light gray beside a dark rule
 * (a shaded header) would make it one thick area, no rule. */
static void
find_rules(const struct pdf_page *pg, struct lattice *lt)
{
	struct lattice *light = xcalloc(1, sizeof(*light));

	find_runs(pg, PDF_INK_DARK, lt);
	find_runs(pg, PDF_INK_LIGHT, light);
	add_rules(pg, &lt->across, &light->across, true, lt->near);
	add_rules(pg, &lt->down, &light->down, false, lt->near);
	free(light);
	keep_borders(&lt->down, &lt->across, lt->near);
	keep_borders(&lt->across, &lt->down, lt->near);
}

/* ---- tables -------------------------------------------------------------- */

/* One table: its rules (copied from the page's) and its grid. */
struct table {
	struct rules across, down;
	int xs[MAX_RULES + 2], ys[MAX_RULES + 2];
	int nx, ny;
	int top;
};

static int
find_root(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static int
cmp_rule(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The distinct positions of sorted rules (near apart) into pos. */
static int
positions(const struct rules *r, int near, int *pos)
{
	int k = 0;

	for (int i = 0; i < r->n; i++)
		if (k == 0 || r->v[i].at - pos[k - 1] > near)
			pos[k++] = r->v[i].at;
	return k;
}

/* The grid of a table from its rules: false when it is none (fewer than
 * two positions down, none across). */
static bool
make_grid(const struct pdf_page *pg, struct table *t, int near)
{
	int top, bottom;

	qsort(t->across.v, (size_t)t->across.n, sizeof(struct rule), cmp_rule);
	qsort(t->down.v, (size_t)t->down.n, sizeof(struct rule), cmp_rule);
	t->nx = positions(&t->down, near, t->xs);
	t->ny = positions(&t->across, near, t->ys);
	if (t->nx < 2 || t->ny < 1)
		return false;
	if (t->nx - 1 > TABLE_MAX_COLS)
		t->nx = TABLE_MAX_COLS + 1;
	/* A table broken by the page may lack its top or bottom border:
	 * its borders down say where it starts and ends. */
	top = t->down.v[0].from;
	bottom = t->down.v[0].to;
	for (int i = 1; i < t->down.n; i++) {
		top = t->down.v[i].from < top ? t->down.v[i].from : top;
		bottom = t->down.v[i].to > bottom ? t->down.v[i].to : bottom;
	}
	if (t->ys[0] - top > near) {
		memmove(t->ys + 1, t->ys, (size_t)t->ny * sizeof(*t->ys));
		t->ys[0] = top;
		t->ny++;
	}
	if (bottom - t->ys[t->ny - 1] > near)
		t->ys[t->ny++] = bottom;
	if (t->ny < 2)
		return false;
	/* A line that straddles the table's bottom (Chromium lets a cell's
	 * last line cross the border where the page cuts the row) is the
	 * last row's; a line just below it whose box (the font's ascent,
	 * taller than its ink) reaches above it is not (LibreOffice's note
	 * under a table). */
	for (size_t i = 0; i < pg->ng; i++) {
		const struct pdf_glyph *g = &pg->g[i];
		double cx = (g->x0 + g->x1) / 2 * pg->scale;
		double y0 = g->y0 * pg->scale, y1 = g->y1 * pg->scale;

		if (cx > t->xs[0] && cx < t->xs[t->nx - 1] &&
		    y0 < t->ys[t->ny - 1] - (y1 - y0) / 8 &&
		    y1 > t->ys[t->ny - 1] + 1)
			t->ys[t->ny - 1] = (int)ceil(g->y1 * pg->scale) + 1;
	}
	t->top = t->ys[0];
	return true;
}

static int
cmp_table(const void *a, const void *b)
{
	const struct table *x = *(struct table *const *)a;
	const struct table *y = *(struct table *const *)b;

	return (x->top > y->top) - (x->top < y->top);
}

/* Whether t is one cell around another of the n tables: a frame (a
 * page's border, a box drawn around a table), no table of its own.  The
 * other may reach the frame's edge where the page cut both (a box
 * Chromium slices over pages has no top on its last page). */
static bool
frames(const struct table *t, struct table *const *tables, int n, int near)
{
	if (t->nx != 2 || t->ny != 2)
		return false;
	for (int i = 0; i < n; i++) {
		const struct table *u = tables[i];

		if (u != t && u->xs[0] > t->xs[0] && u->xs[u->nx - 1] <
		    t->xs[1] && u->ys[0] >= t->ys[0] - near &&
		    u->ys[u->ny - 1] <= t->ys[1] + near)
			return true;
	}
	return false;
}

/* The page's tables: rules that meet make one.  Returns the count. */
static int
find_tables(const struct pdf_page *pg, const struct lattice *lt,
    struct table ***out)
{
	int na = lt->across.n, n = na + lt->down.n, nt = 0;
	int *parent = xcalloc((size_t)n + 1, sizeof(*parent));
	struct table **tables = xcalloc((size_t)n + 1, sizeof(*tables));
	struct table **of = xcalloc((size_t)n + 1, sizeof(*of));

	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int i = 0; i < na; i++)
		for (int j = 0; j < lt->down.n; j++)
			if (meet(&lt->across.v[i], &lt->down.v[j], lt->near))
				parent[find_root(parent, i)] =
				    find_root(parent, na + j);
	for (int i = 0; i < n; i++) {
		int root = find_root(parent, i);
		struct rules *r;

		if (of[root] == NULL)
			of[root] = xcalloc(1, sizeof(struct table));
		r = i < na ? &of[root]->across : &of[root]->down;
		r->v[r->n++] = i < na ? lt->across.v[i] : lt->down.v[i - na];
	}
	for (int i = 0; i < n; i++) {
		if (of[i] == NULL)
			continue;
		if (make_grid(pg, of[i], lt->near))
			tables[nt++] = of[i];
		else
			free(of[i]);
	}
	/* Frames go, nested ones too: what they hold is read as if they
	 * were not drawn (parent is scratch now: 1 marks a frame). */
	for (int i = 0; i < nt; i++)
		parent[i] = frames(tables[i], tables, nt, lt->near);
	for (int i = 0, k = 0, all = nt; i < all; i++)
		if (parent[i]) {
			free(tables[i]);
			nt--;
		} else
			tables[k++] = tables[i];
	qsort(tables, (size_t)nt, sizeof(*tables), cmp_table);
	free(of);
	free(parent);
	*out = tables;
	return nt;
}

/* How much of the span [a, b] the rules at position at (within near)
 * cover. */
static int
covered(const struct rules *r, int near, int at, int a, int b)
{
	int covered = 0;

	for (int i = 0; i < r->n; i++) {
		const struct rule *u = &r->v[i];
		int from = u->from > a ? u->from : a, to = u->to < b ? u->to : b;

		if (abs(u->at - at) <= near && to > from)
			covered += to - from;
	}
	return covered;
}

/* Whether the rules at position at (within near) cover most of the span
 * [a, b]: a border parts the two grid cells beside it.  (Most, not all:
 * a character's ink drawn over a border blanks a bit of it.) */
static bool
ruled(const struct rules *r, int near, int at, int a, int b)
{
	return covered(r, near, at, a, b) * 2 > b - a;
}

/* ---- the rows of a table ---------------------------------------------- */

/* A grid cell's owner: the top-left grid cell of the cell it is in. */
struct comp {
	int r, c;
};

/* Where table t's columns part (points), into cols. */
static void
table_cols(const struct pdf_page *pg, const struct table *t, int near,
    struct pdf_cols *cols)
{
	memset(cols, 0, sizeof(*cols));
	cols->n = t->nx;
	for (int k = 0; k < t->nx; k++) {
		cols->lo[k] = (t->xs[k] - near) / pg->scale;
		cols->hi[k] = (t->xs[k] + near) / pg->scale;
	}
}

/* Give text, what is printed of grid column k's cell on a page it goes
 * on over, to that cell (the one above the rows of d merged up into it)
 * when it has none: Calc prints a merged cell's text in its middle,
 * which may be on a later page than its top (a task's title over three
 * pages, on the second).  Rows from `before` on are not looked at.
 * Takes text. */
static void
give_back(struct table_doc *d, size_t before, int k, char *text)
{
	for (size_t i = before; i-- > 0 && text != NULL; ) {
		struct trow *r = &d->rows[i];
		struct tcell *c = NULL;
		int pos = 0;

		if (r->kind != TROW_CELLS)
			continue;
		for (size_t j = 0; j < r->ncells && c == NULL; j++)
			if ((pos += r->cells[j].colspan) > k)
				c = &r->cells[j];
		if (c != NULL && (c->flags & TCELL_MERGED_UP))
			continue;
		if (c != NULL && text_blank(c->text)) {
			free(c->text);
			c->text = text;
			text = NULL;
		}
		break;
	}
	free(text);
}

/* How many columns at its left the table going on from the page before
 * (pg->flow_ruled) has that the page's first table, at cols, lacks, its
 * other columns where they were; -1 when it is no table going on.  A
 * task cell merged down over the page's end is such a column: Calc
 * draws it without a top or bottom border there, so its rules down meet
 * no rule across and are no part of the table; and it prints the cell's
 * text again beside the rows or above them (given back). */
static int
open_columns(struct pdf_page *pg, const struct pdf_cols *cols,
    double bottom, struct table_doc *d)
{
	const struct pdf_cols *was = pg->flow_ruled;
	int lead;

	if (was == NULL || pg->ntables > 0 || pg->paragraphs > 0 ||
	    was->n < cols->n)
		return -1;
	lead = was->n - cols->n;
	for (int k = 0; k < cols->n; k++)
		if (cols->lo[k] > was->hi[k + lead] ||
		    was->lo[k + lead] > cols->hi[k])
			return -1;
	for (int k = 0; k < lead; k++)
		give_back(d, d->nrows, k, pdf_text_in(pg, was->lo[k], -INFINITY,
		    was->lo[k + 1], bottom, 0));
	return lead;
}

/* The rows of table t (pixels; the page's scale to points), which
 * lacks lead columns at its left (open_columns; -1: it goes on from no
 * table), whose columns part at cols (their room filled in here). */
static int
table_rows(struct pdf_page *pg, const struct table *t, int near,
    struct pdf_cols *cols, int lead, struct table_doc *d, struct error *err)
{
	int nr = t->ny - 1, nc = t->nx - 1, r, c, rc = 0;
	struct comp *owner = xcalloc((size_t)nr * (size_t)nc, sizeof(*owner));
	double s = pg->scale, *room = cols->room;
	double *inset = xcalloc((size_t)nc + 1, sizeof(*inset));
	struct pdf_table *rec = NULL;
	bool open_top[TABLE_MAX_COLS] = { false };
	int nopen = 0;

#define OWN(r, c) owner[(size_t)(r) * (size_t)nc + (size_t)(c)]
	for (r = 0; r < nr; r++)
		for (c = 0; c < nc; c++) {
			OWN(r, c) = (struct comp){ r, c };
			if (c > 0 && !ruled(&t->down, near, t->xs[c], t->ys[r],
			    t->ys[r + 1]))
				OWN(r, c) = OWN(r, c - 1);
			else if (r > 0 && !ruled(&t->across, near, t->ys[r],
			    t->xs[c], t->xs[c + 1]))
				OWN(r, c) = OWN(r - 1, c);
		}
	/* A column's room for a line: its widest line in a cell of its
	 * own, or its width less the least blank before a line on either
	 * side (cells padded alike; centred text's least blank is its
	 * widest line's). */
	for (c = 0; c < nc; c++)
		inset[c] = INFINITY;
	for (r = 0; r < nr; r++)
		for (c = 0; c < nc; c++)
			if (OWN(r, c).r == r && OWN(r, c).c == c &&
			    (c + 1 == nc || OWN(r, c + 1).c != c))
				pdf_lines_extent(pg, t->xs[c] / s, t->ys[r] / s,
				    t->xs[c + 1] / s, t->ys[r + 1] / s, &room[c],
				    &inset[c]);
	for (c = 0; c < nc; c++)
		if (isfinite(inset[c]))
			room[c] = fmax(room[c], (t->xs[c + 1] - t->xs[c]) / s -
			    2 * inset[c]);
	/* A table going on from the page before has its columns' room:
	 * a page may hold too little of a column to show it (历下区 /
	 * 市中区 centred, each line as wide as the widest).  Its open
	 * columns' cells go on from above in every row. */
	for (c = 0; lead >= 0 && c < nc; c++)
		room[c] = fmax(room[c], pg->flow_ruled->room[c + lead]);
	/* Its top ruled over some columns and not at all over others: the
	 * others' cells go on from the page before (Calc's cells merged down
	 * over the page's end; what it prints of them here is given back),
	 * and the row is a new one, not the rest of one the page broke (no
	 * rule over any: Chromium's).  Not at all (the next column's rule
	 * may reach into it by a pen's width): a rule Calc prints a cell's
	 * text over (5 over a repeated header's 序号) is broken, not gone. */
	for (c = 0; lead >= 0 && c < nc; c++)
		nopen += open_top[c] = covered(&t->across, near, t->ys[0],
		    t->xs[c] + near, t->xs[c + 1] - near) == 0;
	if (nopen == nc)
		memset(open_top, 0, sizeof(open_top));
	for (r = 0; r < nr && rc == 0; r++) {
		struct trow *tr = NULL;

		/* A band the table's outer borders do not reach lies between
		 * two tables ("（续表）"): its text is a paragraph. */
		if (!ruled(&t->down, near, t->xs[0], t->ys[r], t->ys[r + 1]) &&
		    !ruled(&t->down, near, t->xs[nc], t->ys[r], t->ys[r + 1])) {
			rc = pdf_paragraphs(pg, t->ys[r] / s, t->ys[r + 1] / s, d,
			    err);
			rec = NULL;	/* a table starts again below it */
			continue;
		}
		for (c = 0; c < nc && rc == 0; c++) {
			struct comp o = OWN(r, c);
			int span = 1, rows = 1;
			char *text;

			if (o.c != c)
				continue;	/* covered by a cell on its left */
			while (c + span < nc && OWN(r, c + span).r == o.r &&
			    OWN(r, c + span).c == o.c)
				span++;
			if (tr == NULL && (rc = pdf_add_row(d, pg, &tr, err)) != 0)
				break;
			for (int k = 0; c == 0 && k < lead; k++)
				(void)table_add_cell(tr, "", 0, 1,
				    TCELL_MERGED_UP);
			if (rec == NULL && (rec = pdf_add_table(pg, d->nrows - 1,
			    true)) != NULL) {
				rec->cols = lead > 0 ? *pg->flow_ruled : *cols;
				rec->new_row = nopen > 0 && nopen < nc;
				for (int k = 0; lead > 0 && k < nc; k++)
					rec->cols.room[k + lead] = room[k];
			}
			if (o.r != r) {		/* merged down from above */
				(void)table_add_cell(tr, "", 0, span,
				    TCELL_MERGED_UP);
				continue;
			}
			while (r + rows < nr && OWN(r + rows, c).r == o.r &&
			    OWN(r + rows, c).c == o.c)
				rows++;
			text = pdf_text_in(pg, t->xs[c] / s, t->ys[r] / s,
			    t->xs[c + span] / s, t->ys[r + rows] / s,
			    span == 1 ? room[c] : 0);
			if (r == 0 && open_top[c]) {
				give_back(d, d->nrows - 1, c + lead, text);
				(void)table_add_cell(tr, "", 0, span,
				    TCELL_MERGED_UP);
				continue;
			}
			(void)table_add_cell(tr, text, strlen(text), span, 0);
			free(text);
		}
	}
#undef OWN
	free(inset);
	free(owner);
	return rc;
}

int
pdfgrid_read(struct pdf_page *pg, struct table_doc *d, bool *found,
    struct error *err)
{
	struct lattice *lt = xcalloc(1, sizeof(*lt));
	struct table **tables = NULL;
	double above = -INFINITY, s = pg->scale;
	int nt = 0, rc = 0;

	*found = false;
	if (pg->mask != NULL) {
		find_rules(pg, lt);
		nt = find_tables(pg, lt, &tables);
	}
	*found = nt > 0;
	if (*found && (lt->across.full || lt->down.full))
		table_warn(d, NULL, "page %d: more than %d ruling lines: the "
		    "rest are not read", pg->no, MAX_RULES);
	for (int i = 0; i < nt && rc == 0; i++) {
		const struct table *t = tables[i];
		double top = t->ys[0] / s, bottom = t->ys[t->ny - 1] / s;
		struct pdf_cols cols;
		int lead;

		table_cols(pg, t, lt->near, &cols);
		lead = open_columns(pg, &cols, bottom, d);
		/* The text above it, the table, then what stands beside it. */
		if ((rc = pdf_paragraphs(pg, above, top, d, err)) == 0 &&
		    (rc = table_rows(pg, t, lt->near, &cols, lead, d, err)) == 0)
			rc = pdf_paragraphs(pg, top, bottom, d, err);
		above = fmax(above, bottom);
	}
	if (*found && rc == 0)
		rc = pdf_paragraphs(pg, above, INFINITY, d, err);
	for (int i = 0; i < nt; i++)
		free(tables[i]);
	free(tables);
	free(lt);
	return rc;
}
