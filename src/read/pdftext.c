/* pdftext: a page's characters read as text.  Characters go into lines
 * by their vertical middles, lines read left to right; a cell's lines
 * are joined with '\n' whatever the script, since a line the producer
 * wrapped for width and a line break typed in the cell look alike on
 * the page (the interpreter joins Chinese lines without a space). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "plan/plan.h"
#include "read/pdftext.h"

/* Page numbers are looked for this far (a fraction of the page's
 * height) from its top and its bottom, a lone number this near (of its
 * width) to the middle. */
#define MARGIN_TOP 0.12
#define MARGIN_BOTTOM 0.15
#define MIDDLE 0.1

static double
mid_y(const struct pdf_glyph *g)
{
	return (g->y0 + g->y1) / 2;
}

static int
cmp_y(const void *a, const void *b)
{
	const struct pdf_glyph *x = *(struct pdf_glyph *const *)a;
	const struct pdf_glyph *y = *(struct pdf_glyph *const *)b;

	if (mid_y(x) != mid_y(y))
		return mid_y(x) < mid_y(y) ? -1 : 1;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int
cmp_x(const void *a, const void *b)
{
	const struct pdf_glyph *x = *(struct pdf_glyph *const *)a;
	const struct pdf_glyph *y = *(struct pdf_glyph *const *)b;

	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

size_t
pdf_lines(struct pdf_glyph **sel, size_t n, struct pdf_line **out)
{
	struct pdf_line *v = NULL;
	size_t nl = 0, cap = 0, i = 0;

	if (n > 0)
		qsort(sel, n, sizeof(*sel), cmp_y);
	while (i < n) {
		struct pdf_line *l;
		double cy = mid_y(sel[i]), h = sel[i]->y1 - sel[i]->y0;
		size_t j = i + 1;

		/* A character is on the line when its middle is within half
		 * a character of the line's first one. */
		while (j < n && fabs(mid_y(sel[j]) - cy) <= fmax(fmax(h,
		    sel[j]->y1 - sel[j]->y0), 1) / 2)
			j++;
		v = xgrow(v, &cap, nl + 1, sizeof(*v));
		l = &v[nl++];
		l->g = sel + i;
		l->n = j - i;
		qsort(l->g, l->n, sizeof(*l->g), cmp_x);
		l->x0 = l->y0 = INFINITY;
		l->x1 = l->y1 = -INFINITY;
		for (size_t k = 0; k < l->n; k++) {
			l->x0 = fmin(l->x0, l->g[k]->x0);
			l->y0 = fmin(l->y0, l->g[k]->y0);
			l->x1 = fmax(l->x1, l->g[k]->x1);
			l->y1 = fmax(l->y1, l->g[k]->y1);
		}
		i = j;
	}
	*out = v;
	return nl;
}

/* A blank between Chinese and Latin wider than this part of a
 * character's height is a space (space_between). */
#define SPACE_MIXED 0.2
/* How far from a cell of a character grid (a part of its pitch) a glyph
 * may stand on it: float noise; how much (of their height) a grid widens
 * characters at least. */
#define GRID_NOISE 0.05
#define GRID_WIDENS 0.05
/* A space poppler gives between two Chinese characters is one when the
 * blank is this much wider than the line's usual one (space_between). */
#define SPACE_HAN 0.12

/* Whether the glyph is a narrow (Latin, digit) character. */
static bool
narrow(const struct pdf_glyph *g)
{
	const char *s = g->utf8;
	int32_t cp = utf8_next(&s, s + strlen(s));

	return cp >= 0 && text_cp_width((uint32_t)cp) == 1;
}

/* How far short of the room a justified line may end: LibreOffice
 * widens characters in steps, and its justified lines end up to 0.12 of
 * a character's height apart. */
static double
full_slack(const struct pdf_line *l)
{
	return (l->y1 - l->y0) / 4;
}

/* Whether glyph g is a Chinese character, not punctuation. */
static bool
han(const struct pdf_glyph *g)
{
	const char *s = g->utf8;

	return text_is_han(utf8_next(&s, s + strlen(s)));
}

/* A line's usual blanks, set off before a blank counts as a space:
 * solid, between two Chinese characters (more than none on a line
 * justified or spread over its cell: 办  公  室), with the stretch of a
 * line justified by widening its characters; mixed, on a justified line
 * without two Chinese characters side by side, the least between Chinese
 * and Latin (the stretch and the typesetter's own spacing, which such a
 * line shows only there: ISO 9001 质); pitch, the page's character
 * grid, or the line's own cells' (line_pitch; 0: none), counted from x0,
 * the line's first glyph. */
struct usual {
	double solid, mixed;
	double pitch, x0;
};

/* Where the first glyph with ink of glyphs from..to of line l starts. */
static double
first_x(const struct pdf_line *l, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (!l->g[k]->space)
			return l->g[k]->x0;
	return l->x0;
}

/* Whether glyph g stands where a character grid of the pitch counted
 * from x0 puts one. */
static bool
on_grid(double pitch, double x0, const struct pdf_glyph *g)
{
	double r;

	if (pitch <= 0)
		return false;
	r = (g->x0 - x0) / pitch;
	return fabs(r - round(r)) < GRID_NOISE;
}

/* Whether the text has a space between glyphs p and g (gap: poppler
 * gave one, drawn or put in where words part; u: the line's usual
 * blanks).  Between two narrow characters, that or a blank wider than
 * half a character ("ISO 9001").  Beside a Chinese character poppler's
 * space is not enough: typesetters set Chinese and Latin apart by
 * themselves (LibreOffice by about 0.15 of a character's height, where a
 * space takes 0.24), so a space is a blank wider than SPACE_MIXED of a
 * height beyond the usual one.  Between two Chinese characters, a blank
 * wider than half of one beyond the usual one, or a space poppler gave
 * that is wider than SPACE_HAN beyond it (a typed space stands out:
 * "市生态环境局 市公安局", names parted by spaces). */
static bool
space_between(const struct pdf_glyph *p, const struct pdf_glyph *g, bool gap,
    const struct usual *u)
{
	double blank = g->x0 - p->x1, h = g->y1 - g->y0;

	if (narrow(p) && narrow(g))
		return gap || blank > h / 2;
	/* On a grid, what is left of a cell after a character or a run
	 * of Latin is no space. */
	if (on_grid(u->pitch, u->x0, g) && blank < u->pitch -
	    (narrow(p) ? 0 : p->x1 - p->x0) + GRID_NOISE * u->pitch)
		return false;
	if (narrow(p) || narrow(g))
		return blank - fmax(u->solid, u->mixed) > h * SPACE_MIXED;
	return blank - u->solid > h / 2 ||
	    (gap && blank - u->solid > h * SPACE_HAN);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The usual blank between two Chinese characters next to each other on
 * glyphs from..to of line l (spaces poppler gave between them or not):
 * the lower median (of two, the less), 0 with fewer than two (type set
 * solid, or a line too short to tell); on a line that may be justified
 * (full), one is enough.  How many pairs there are into *pairs. */
static double
solid_blank(const struct pdf_line *l, size_t from, size_t to, bool full,
    size_t *pairs)
{
	const struct pdf_glyph *p = NULL;
	double *v = xcalloc(to - from + 1, sizeof(*v)), m = 0;
	size_t n = 0;

	for (size_t k = from; k < to; k++) {
		const struct pdf_glyph *g = l->g[k];

		if (g->space)
			continue;
		if (p != NULL && !narrow(p) && !narrow(g))
			v[n++] = g->x0 - p->x1;
		p = g;
	}
	if (n >= 2 || (n == 1 && full)) {
		qsort(v, n, sizeof(*v), cmp_double);
		m = v[(n - 1) / 2];
	}
	free(v);
	*pairs = n;
	return m;
}

/* How much wider than the narrowest the widest Chinese character of
 * glyphs from..to of line l is: LibreOffice justifies a line by widening
 * its characters (推进第10项 set in advances of 1.09 em but for the last
 * before a figure or the line's end), and widens the blank beside a
 * figure as much; a character grid widens them to its cells.  None
 * beyond half a character (another font, not a stretch). */
static double
stretch(const struct pdf_line *l, size_t from, size_t to)
{
	double lo = INFINITY, hi = 0;

	for (size_t k = from; k < to; k++)
		if (han(l->g[k])) {
			lo = fmin(lo, l->g[k]->x1 - l->g[k]->x0);
			hi = fmax(hi, l->g[k]->x1 - l->g[k]->x0);
		}
	return hi > lo && hi - lo < lo / 2 ? hi - lo : 0;
}

/* The least blank between a Chinese character (not punctuation: a
 * dash sets a figure solid) and a Latin one side by side on glyphs
 * from..to of line l, 0 for none. */
static double
least_mixed(const struct pdf_line *l, size_t from, size_t to)
{
	const struct pdf_glyph *p = NULL;
	double m = INFINITY;

	for (size_t k = from; k < to; k++) {
		const struct pdf_glyph *g = l->g[k];

		if (g->space)
			continue;
		if (p != NULL && ((han(p) && narrow(g)) ||
		    (narrow(p) && han(g))))
			m = fmin(m, g->x0 - p->x1);
		p = g;
	}
	return isfinite(m) ? m : 0;
}

/* A line on a character grid that LibreOffice justified spreads its
 * cells evenly, past the grid's pitch (围 绕 第 3 项, each 1.45 em on):
 * a Chinese character starts a cell, and so does a run of Latin, which
 * the page's grid (pdf_grid) cannot see; so does a line of a grid the
 * page does not show (6 月 30 日前 alone in its cell).  The step between
 * the cells of glyphs from..to of line l, when at least LINE_CELLS start
 * evenly, one of them a run of Latin (else a line of Chinese characters
 * alone, whose usual blank says as much), and a run of Latin may take
 * whole cells (30 two); 0 otherwise. */
#define LINE_CELLS 4
#define MAX_CELLS 256
static double
line_pitch(const struct pdf_line *l, size_t from, size_t to)
{
	const struct pdf_glyph *p = NULL;
	double step[MAX_CELLS], lo = INFINITY, at = 0, sum = 0;
	bool after_run[MAX_CELLS], latin = false;
	size_t cells = 0, ones = 0;

	for (size_t k = from; k < to; k++) {
		const struct pdf_glyph *g = l->g[k];

		if (g->space)
			continue;
		if (p == NULL || !narrow(p) || !narrow(g)) {
			if (cells > MAX_CELLS)
				return 0;
			if (cells > 0) {
				step[cells - 1] = g->x0 - at;
				after_run[cells - 1] = narrow(p);
				lo = fmin(lo, g->x0 - at);
			}
			cells++;
			at = g->x0;
			latin = latin || narrow(g);
		}
		p = g;
	}
	if (cells < LINE_CELLS || !latin || !(lo > 0))
		return 0;
	/* Each step one cell, or whole cells after a run of Latin. */
	for (size_t c = 0; c + 1 < cells; c++) {
		double m = round(step[c] / lo);

		if (fabs(step[c] - m * lo) >= GRID_NOISE * lo ||
		    (m > 1 && !after_run[c]))
			return 0;
		if (m == 1) {
			ones++;
			sum += step[c];
		}
	}
	return ones >= 2 ? sum / (double)ones : 0;	/* the cell, twice */
}

/* Line l's glyphs [from, to) as text; full: the line reaches its
 * cell's room (a paragraph's, where the longest lines end), so it may
 * be justified. */
static void
line_text(struct buf *b, const struct pdf_line *l, size_t from, size_t to,
    bool full, double pitch)
{
	const struct pdf_glyph *p = NULL;	/* the last glyph with ink */
	bool gap = false;
	struct usual u = { 0, 0, pitch, 0 };
	size_t pairs;

	if (to > l->n)
		to = l->n;
	if (from < to) {
		u.solid = solid_blank(l, from, to, full, &pairs);
		if (full)
			u.solid += stretch(l, from, to);
		if (full && pairs == 0)
			u.mixed = least_mixed(l, from, to);
		u.x0 = first_x(l, from, to);
		if (u.pitch <= 0)
			u.pitch = line_pitch(l, from, to);
	}
	for (size_t k = from; k < to; k++) {
		const struct pdf_glyph *g = l->g[k];

		if (g->space) {
			gap = true;
			continue;
		}
		if (p != NULL && space_between(p, g, gap, &u))
			buf_putc(b, ' ');
		buf_puts(b, g->utf8);
		p = g;
		gap = false;
	}
}

void
pdf_line_text(struct buf *b, const struct pdf_line *l, size_t from, size_t to)
{
	line_text(b, l, from, to, false, 0);
}

double
pdf_em(const struct pdf_page *pg)
{
	double *h = xcalloc(pg->ng + 1, sizeof(*h)), em = 10;
	size_t n = 0;

	for (size_t i = 0; i < pg->ng; i++)
		if (!pg->g[i].space && pg->g[i].y1 > pg->g[i].y0)
			h[n++] = pg->g[i].y1 - pg->g[i].y0;
	if (n > 0) {
		qsort(h, n, sizeof(*h), cmp_double);
		em = h[n / 2];
	}
	free(h);
	return em;
}

/* The step from one Chinese character to the next that nearly all
 * pairs side by side on the page's lines keep (a cell's: less than two
 * characters apart), at least least of them; the pairs' usual width
 * into *wide.  0 when there are fewer, or they disagree. */
static double
page_step(const struct pdf_line *lines, size_t n, size_t least, double *wide)
{
	double *v = NULL, *w = NULL, step = 0;
	size_t nv = 0, cap = 0, wcap = 0, same = 0;

	for (size_t i = 0; i < n; i++) {
		const struct pdf_glyph *p = NULL;

		for (size_t k = 0; k < lines[i].n; k++) {
			const struct pdf_glyph *g = lines[i].g[k];

			if (g->space)
				continue;
			if (p != NULL && han(p) && han(g) &&
			    g->x0 - p->x0 < 2 * (p->x1 - p->x0)) {
				v = xgrow(v, &cap, nv + 1, sizeof(*v));
				w = xgrow(w, &wcap, nv + 1, sizeof(*w));
				v[nv] = g->x0 - p->x0;
				w[nv++] = p->x1 - p->x0;
			}
			p = g;
		}
	}
	*wide = 0;
	if (nv >= least && nv > 0) {
		qsort(v, nv, sizeof(*v), cmp_double);
		qsort(w, nv, sizeof(*w), cmp_double);
		for (size_t k = 0; k < nv; k++)
			same += fabs(v[k] - v[nv / 2]) < GRID_NOISE * v[nv / 2];
		if (same * 5 >= nv * 4) {
			step = v[nv / 2];
			*wide = w[nv / 2];
		}
	}
	free(v);
	free(w);
	return step;
}

/* Whether runs of Latin end on a grid of the pitch, counted from their
 * line's first glyph: at least GRID_RUNS, and four in five of them. */
#define GRID_RUNS 3
static bool
runs_on(const struct pdf_line *lines, size_t n, double pitch)
{
	size_t runs = 0, on = 0;

	for (size_t i = 0; i < n; i++) {
		const struct pdf_line *l = &lines[i];
		const struct pdf_glyph *p = NULL;

		for (size_t k = 0; k < l->n; k++) {
			const struct pdf_glyph *g = l->g[k];

			if (g->space)
				continue;
			if (p != NULL && narrow(p) && han(g)) {
				runs++;
				on += on_grid(pitch, first_x(l, 0, l->n), g);
			}
			p = g;
		}
	}
	return runs >= GRID_RUNS && on * 5 >= runs * 4;
}

/* Lines of at least this many Chinese characters, widened, show a
 * page's grid, on which runs of Latin end (runs_on).  A grid
 * wider than its characters (a large 字符间距) leaves them their width
 * and puts the rest of each cell between them: at least STEP_PAIRS
 * pairs side by side keep its step.  A page too short to show its grid
 * keeps the one before it when at least HINT_PAIRS pairs keep that. */
#define GRID_LINES 3
#define STEP_PAIRS 12
#define HINT_PAIRS 2

double
pdf_grid(const struct pdf_page *pg, double hint)
{
	struct pdf_glyph **sel = xcalloc(pg->ng + 1, sizeof(*sel));
	struct pdf_line *lines;
	double *v = xcalloc(pg->ng + 1, sizeof(*v)), pitch = 0, step, usual;
	size_t n, nv = 0;

	for (size_t i = 0; i < pg->ng; i++)
		sel[i] = &pg->g[i];
	n = pdf_lines(sel, pg->ng, &lines);
	for (size_t i = 0; i < n; i++) {
		const struct pdf_line *l = &lines[i];
		double wide = 0;
		size_t nhan = 0;

		for (size_t k = 0; k < l->n; k++)
			if (han(l->g[k])) {
				wide = fmax(wide, l->g[k]->x1 - l->g[k]->x0);
				nhan++;
			}
		if (nhan >= GRID_LINES && stretch(l, 0, l->n) >
		    (l->y1 - l->y0) * GRID_WIDENS)
			v[nv++] = wide;
	}
	if (nv >= GRID_LINES) {
		qsort(v, nv, sizeof(*v), cmp_double);
		pitch = v[nv / 2];
	} else if ((step = page_step(lines, n, STEP_PAIRS, &usual)) - usual >
	    usual * GRID_WIDENS)
		pitch = step;
	/* Justified lines are widened too, but a run of Latin ends off
	 * their characters' pitch. */
	if (pitch > 0 && !runs_on(lines, n, pitch))
		pitch = 0;
	if (pitch == 0 && hint > 0 && fabs(page_step(lines, n, HINT_PAIRS,
	    &usual) - hint) < GRID_NOISE * hint)
		pitch = hint;
	free(lines);
	free(sel);
	free(v);
	return pitch;
}

/* The unused glyphs whose middle is in the box, into lines; marked
 * used when take is true. */
static size_t
lines_in(struct pdf_page *pg, double x0, double y0, double x1, double y1,
    bool take, struct pdf_glyph ***sel, struct pdf_line **lines)
{
	size_t n = 0;

	*sel = xcalloc(pg->ng + 1, sizeof(**sel));
	for (size_t i = 0; i < pg->ng; i++) {
		struct pdf_glyph *g = &pg->g[i];
		double cx = (g->x0 + g->x1) / 2, cy = mid_y(g);

		if (!g->used && cx >= x0 && cx < x1 && cy >= y0 && cy < y1) {
			g->used = take;
			(*sel)[n++] = g;
		}
	}
	return pdf_lines(*sel, n, lines);
}

/* The first and the last glyph with ink on line l, false for none. */
static bool
inked_ends(const struct pdf_line *l, const struct pdf_glyph **first,
    const struct pdf_glyph **last)
{
	*first = *last = NULL;
	for (size_t k = 0; k < l->n; k++)
		if (!l->g[k]->space) {
			*first = *first != NULL ? *first : l->g[k];
			*last = l->g[k];
		}
	return *first != NULL;
}

void
pdf_lines_extent(struct pdf_page *pg, double x0, double y0, double x1,
    double y1, double *widest, double *inset)
{
	struct pdf_glyph **sel;
	struct pdf_line *lines;
	const struct pdf_glyph *a, *z;
	size_t n = lines_in(pg, x0, y0, x1, y1, false, &sel, &lines);

	for (size_t i = 0; i < n; i++)
		if (inked_ends(&lines[i], &a, &z)) {
			*widest = fmax(*widest, z->x1 - a->x0);
			*inset = fmin(*inset, a->x0 - x0);
		}
	free(lines);
	free(sel);
}

/* Points a line and the next character may overrun the room by: float
 * noise (a wrapped line overruns it by a character's width). */
#define ROOM_NOISE 0.25

/* How much wider line l is than its characters set solid: its usual
 * blank between two Chinese characters (a line justified or spread out,
 * 办 公 室 over the cell) times their count. */
static double
spread(const struct pdf_line *l)
{
	const struct pdf_glyph *p = NULL;
	size_t n = 0, pairs;
	double solid = solid_blank(l, 0, l->n, false, &pairs);

	for (size_t k = 0; k < l->n && solid > 0; k++) {
		const struct pdf_glyph *g = l->g[k];

		if (g->space)
			continue;
		n += p != NULL && !narrow(p) && !narrow(g);
		p = g;
	}
	return solid * (double)n;
}

/* Whether line l ends short before a Chinese character: its text and
 * the next line's first character fit in room, with what follows that
 * character up to the next Chinese one (a closing bracket or a stop,
 * which no line starts with, takes the character before it down:
 * （协 / 办）). */
static bool
ends_short(const struct pdf_line *l, const struct pdf_line *next, double room,
    double pitch)
{
	const struct pdf_glyph *a, *z, *na, *nz;
	double w;
	size_t k;

	if (room <= 0 || !inked_ends(l, &a, &z) || !inked_ends(next, &na, &nz) ||
	    narrow(z) || !han(na))
		return false;
	/* On a grid the next character takes a whole cell after the
	 * line's, which is spread by the grid alone. */
	w = pitch > 0 ? z->x1 - a->x0 + fmax(pitch, na->x1 - na->x0) :
	    z->x1 - a->x0 + (na->x1 - na->x0) - spread(l);
	for (k = 0; next->g[k] != na; k++)
		;
	while (++k < next->n && !han(next->g[k]))
		w += next->g[k]->x1 - next->g[k]->x0;
	return w <= room + ROOM_NOISE;
}

char *
pdf_text_in(struct pdf_page *pg, double x0, double y0, double x1, double y1,
    double room)
{
	struct pdf_glyph **sel;
	struct pdf_line *lines;
	struct buf b = BUF_INIT;
	size_t n = lines_in(pg, x0, y0, x1, y1, true, &sel, &lines);

	for (size_t i = 0; i < n; i++) {
		const struct pdf_glyph *a, *z;

		if (i > 0)
			buf_puts(&b, ends_short(&lines[i - 1], &lines[i], room,
			    pg->pitch) ?
			    " \n" : "\n");
		line_text(&b, &lines[i], 0, lines[i].n, room > 0 &&
		    inked_ends(&lines[i], &a, &z) &&
		    z->x1 - a->x0 >= room - full_slack(&lines[i]), pg->pitch);
	}
	free(lines);
	free(sel);
	return buf_steal(&b);
}

/* Whether the line (text t) is the page's number: in the top or bottom
 * margin, and "- 3 -", "— 3 —", "第3页", or a number alone in the
 * middle. */
static bool
page_number(const struct pdf_page *pg, const struct pdf_line *l, const char *t)
{
	double cy = (l->y0 + l->y1) / 2, cx = (l->x0 + l->x1) / 2;
	char *f;
	bool digits;

	if ((cy > pg->h * MARGIN_TOP && cy < pg->h * (1 - MARGIN_BOTTOM)) ||
	    !plan_is_page_number(t))
		return false;
	f = text_fold(t);
	digits = strspn(f, "0123456789") == strlen(f);
	free(f);
	return !digits || fabs(cx - pg->w / 2) < pg->w * MIDDLE;
}

/* The error at a page's rows beyond TABLE_MAX_ROWS. */
static int
too_many_rows(const struct table_doc *d, const struct pdf_page *pg,
    struct error *err)
{
	return error_set(err, EXIT_DATAERR, "%s: page %d: more than %d rows: "
	    "refusing it", d->source, pg->no, TABLE_MAX_ROWS);
}

int
pdf_paragraphs(struct pdf_page *pg, double y0, double y1,
    struct table_doc *d, struct error *err)
{
	struct pdf_glyph **sel;
	struct pdf_line *lines;
	size_t n = lines_in(pg, -INFINITY, y0, INFINITY, y1, true, &sel,
	    &lines);
	const struct pdf_glyph *a, *z;
	double right = -INFINITY;	/* where the longest lines end */
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (inked_ends(&lines[i], &a, &z))
			right = fmax(right, z->x1);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct buf b = BUF_INIT;
		char *t;

		/* A line that ends where the longest do may be justified. */
		line_text(&b, &lines[i], 0, lines[i].n, inked_ends(&lines[i],
		    &a, &z) && z->x1 >= right - full_slack(&lines[i]),
		    pg->pitch);
		t = text_squash(buf_str(&b));
		if (*t != '\0' && !page_number(pg, &lines[i], t)) {
			if (table_add_paragraph(d, t, "page %d", pg->no) == NULL)
				rc = too_many_rows(d, pg, err);
			else
				pg->paragraphs++;
		}
		free(t);
		buf_free(&b);
	}
	free(lines);
	free(sel);
	return rc;
}

int
pdf_add_row(struct table_doc *d, struct pdf_page *pg, struct trow **row,
    struct error *err)
{
	*row = table_add_row(d, TROW_CELLS, 0, "page %d", pg->no);
	return *row == NULL ? too_many_rows(d, pg, err) : 0;
}

bool
pdf_cols_differ(const struct pdf_cols *a, const struct pdf_cols *b)
{
	if (a->n != b->n)
		return true;
	for (int k = 0; k < a->n; k++)
		if (a->lo[k] > b->hi[k] || b->lo[k] > a->hi[k])
			return true;
	return false;
}

struct pdf_table *
pdf_add_table(struct pdf_page *pg, size_t row, bool ruled)
{
	struct pdf_table *t;

	if (pg->ntables >= PDF_MAX_TABLES)
		return NULL;
	t = &pg->tables[pg->ntables++];
	memset(t, 0, sizeof(*t));
	t->row = row;
	t->after_text = pg->paragraphs > 0;
	t->ruled = ruled;
	return t;
}
