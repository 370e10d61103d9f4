/* pdf: a PDF's task table rebuilt from what the page shows.  Poppler
 * (poppler-glib) gives each character with its box, and draws the page;
 * the table is ours to find:
 *
 *  - ruling lines: the page is drawn at twice its size, and so are its
 *    characters alone; what is dark in the first and not in the second,
 *    in long thin runs that meet other rules at both ends, is a rule (the
 *    "lattice" method of Camelot, without image libraries);
 *  - the grid: the rules' positions, merged when a pixel or two apart,
 *    cut the table into grid cells; where a rule is missing between two
 *    of them they are one cell (a colspan across, a cell merged down);
 *  - text: each character goes to the cell its centre falls in, read in
 *    lines top to bottom, left to right; lines outside the table are
 *    paragraphs (the title, 附件, a page number the interpreter drops).
 *
 * Every page's first table row may continue the last row of the page
 * before (TROW_CONTINUES): the interpreter joins it when it is
 * unfinished.  A page with text but no ruling lines is read as
 * paragraphs, with a warning (tables without rules are not rebuilt). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "base/buf.h"
#include "base/text.h"
#include "read/pdf.h"

#define SCALE 2			/* pixels a point when drawing a page */
#define MAX_PAGES 2000
#define MAX_CHARS 200000	/* characters a page */
#define MAX_RULES 512		/* rule positions a page, each way */
#define DARK 160		/* a pixel this dark (0-255) may be a rule */
#define MIN_RULE 8		/* pixels: shorter dark runs are no rule */
#define NEAR 6			/* pixels: rules this close are one (a
				 * cell's border drawn twice, 3 pt) */

struct glyph {
	double x0, y0, x1, y1;	/* points, from the page's top left */
	char utf8[8];
	bool used;
};

/* A rule: its position (y of a horizontal one, x of a vertical one) and
 * the extent it covers, in pixels. */
struct rule {
	int at, from, to;
};

struct page {
	struct glyph *g;
	size_t ng;
	unsigned char *px;	/* darkness, one byte a pixel */
	int w, h;
	struct rule hr[MAX_RULES], vr[MAX_RULES];
	int nh, nv;
};

/* ---- characters ----------------------------------------------------------- */

static int
load_glyphs(PopplerPage *pp, struct page *pg)
{
	PopplerRectangle *rects = NULL;
	guint n = 0;
	char *text = poppler_page_get_text(pp);
	const char *p, *end;
	size_t k = 0;

	if (text == NULL)
		return 0;
	if (!poppler_page_get_text_layout(pp, &rects, &n)) {
		g_free(text);
		return 0;
	}
	pg->g = xcalloc(n + 1, sizeof(*pg->g));
	end = text + strlen(text);
	for (p = text; p < end && k < n && k < MAX_CHARS; k++) {
		const char *at = p;
		int32_t cp = utf8_next(&p, end);
		size_t len = (size_t)(p - at);

		if (cp < 0 || cp == '\n' || len >= sizeof(pg->g[0].utf8))
			continue;
		struct glyph *gl = &pg->g[pg->ng++];

		gl->x0 = rects[k].x1;
		gl->y0 = rects[k].y1;
		gl->x1 = rects[k].x2;
		gl->y1 = rects[k].y2;
		memcpy(gl->utf8, at, len);
		gl->utf8[len] = '\0';
	}
	g_free(rects);
	g_free(text);
	return 0;
}

/* ---- rules ------------------------------------------------------------------- */

/* The page drawn at SCALE into a new surface: everything, or (text) its
 * characters alone, black on white. */
static cairo_surface_t *
render(PopplerPage *pp, const struct page *pg, bool text, double w, double h)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    pg->w, pg->h);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, SCALE, SCALE);
	if (text) {
		PopplerRectangle all = { 0, 0, w, h }, none = { 0, 0, 0, 0 };
		PopplerColor ink = { 0, 0, 0 }, paper = { 65535, 65535, 65535 };

		poppler_page_render_selection(pp, cr, &all, &none,
		    POPPLER_SELECTION_GLYPH, &ink, &paper);
	} else
		poppler_page_render(pp, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

static bool
ink(cairo_surface_t *s, int x, int y)
{
	const unsigned char *q = cairo_image_surface_get_data(s) +
	    (size_t)y * (size_t)cairo_image_surface_get_stride(s) + (size_t)x * 4;

	return (q[0] + q[1] + q[2]) / 3 < DARK;
}

/* The page's dark pixels that are not its characters' ink (the ink
 * drawn alone, a pixel wider): rules, boxes, pictures. */
static void
draw(PopplerPage *pp, struct page *pg)
{
	cairo_surface_t *all, *text;
	double w, h;

	poppler_page_get_size(pp, &w, &h);
	pg->w = (int)ceil(w * SCALE);
	pg->h = (int)ceil(h * SCALE);
	if (pg->w <= 0 || pg->h <= 0 || pg->w > 20000 || pg->h > 20000) {
		pg->w = pg->h = 0;
		return;
	}
	all = render(pp, pg, false, w, h);
	text = render(pp, pg, true, w, h);
	pg->px = xcalloc((size_t)pg->w * (size_t)pg->h, 1);
	for (int y = 0; y < pg->h; y++)
		for (int x = 0; x < pg->w; x++) {
			bool glyph = false;

			if (!ink(all, x, y))
				continue;
			for (int dy = -1; dy <= 1 && !glyph; dy++)
				for (int dx = -1; dx <= 1 && !glyph; dx++)
					glyph = x + dx >= 0 && y + dy >= 0 &&
					    x + dx < pg->w && y + dy < pg->h &&
					    ink(text, x + dx, y + dy);
			pg->px[(size_t)y * (size_t)pg->w + (size_t)x] = !glyph;
		}
	cairo_surface_destroy(all);
	cairo_surface_destroy(text);
}

static bool
dark(const struct page *pg, int x, int y)
{
	return x >= 0 && y >= 0 && x < pg->w && y < pg->h &&
	    pg->px[(size_t)y * (size_t)pg->w + (size_t)x];
}

/* Add a run at position at covering [from, to], merging it with a rule
 * within NEAR of it that it overlaps or touches. */
static void
add_rule(struct rule *v, int *n, int at, int from, int to)
{
	for (int i = 0; i < *n; i++)
		if (abs(v[i].at - at) <= NEAR && from <= v[i].to + NEAR &&
		    to >= v[i].from - NEAR) {
			if (from < v[i].from)
				v[i].from = from;
			if (to > v[i].to)
				v[i].to = to;
			return;
		}
	if (*n < MAX_RULES)
		v[(*n)++] = (struct rule){ at, from, to };
}

static void keep_borders(struct rule *v, int *n, const struct rule *w, int nw);

static void
find_rules(struct page *pg)
{
	int x, y, start;

	for (y = 0; y < pg->h; y++)
		for (x = 0; x < pg->w; x = start + 1) {
			for (start = x; x < pg->w && dark(pg, x, y); x++)
				;
			if (x - start >= MIN_RULE * 4)
				add_rule(pg->hr, &pg->nh, y, start, x - 1);
			start = x;
		}
	for (x = 0; x < pg->w; x++)
		for (y = 0; y < pg->h; y = start + 1) {
			for (start = y; y < pg->h && dark(pg, x, y); y++)
				;
			if (y - start >= MIN_RULE)
				add_rule(pg->vr, &pg->nv, x, start, y - 1);
			start = y;
		}
	keep_borders(pg->vr, &pg->nv, pg->hr, pg->nh);
	keep_borders(pg->hr, &pg->nh, pg->vr, pg->nv);
}

/* Keep the rules of v that meet a rule of w at an end: a cell's border
 * meets the borders across it (at both ends, but where a row breaks
 * across pages one end is open: Chromium draws no border there); an
 * underline or a box in the text meets none. */
static void
keep_borders(struct rule *v, int *n, const struct rule *w, int nw)
{
	int k = 0;

	for (int i = 0; i < *n; i++) {
		bool from = false, to = false;

		for (int j = 0; j < nw && !(from && to); j++) {
			if (w[j].from - NEAR > v[i].at || v[i].at > w[j].to + NEAR)
				continue;
			from = from || abs(w[j].at - v[i].from) <= NEAR;
			to = to || abs(w[j].at - v[i].to) <= NEAR;
		}
		if (from || to)
			v[k++] = v[i];
	}
	*n = k;
}

static int
cmp_rule(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The distinct positions of rules (merged NEAR apart) into pos. */
static int
positions(const struct rule *v, int n, int *pos)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		if (k == 0 || v[i].at - pos[k - 1] > NEAR)
			pos[k++] = v[i].at;
	return k;
}

/* Whether the rules at position at (within NEAR) cover most of the
 * span [a, b]: a border parts the two grid cells beside it.  (Most, not
 * all: a character's box drawn over a border blanks a bit of it.) */
static bool
ruled(const struct rule *v, int n, int at, int a, int b)
{
	int covered = 0;

	for (int i = 0; i < n; i++) {
		int from, to;

		if (abs(v[i].at - at) > NEAR)
			continue;
		from = v[i].from > a ? v[i].from : a;
		to = v[i].to < b ? v[i].to : b;
		if (to > from)
			covered += to - from;
	}
	return covered * 2 > b - a;
}

/* ---- the page's rows ---------------------------------------------------- */

static int
cmp_glyph(const void *a, const void *b)
{
	const struct glyph *x = a, *y = b;
	double cy = (x->y0 + x->y1) / 2, dy = (y->y0 + y->y1) / 2;
	double h = (x->y1 - x->y0) / 2;

	/* One line when their middles are within half a character. */
	if (fabs(cy - dy) > (h > 1 ? h : 1))
		return cy < dy ? -1 : 1;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* The text of glyphs in the box (points), in reading order, lines
 * joined with '\n'; marks them used. */
static char *
text_in(struct page *pg, double x0, double y0, double x1, double y1)
{
	struct glyph **sel = xcalloc(pg->ng + 1, sizeof(*sel));
	struct buf b = BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < pg->ng; i++) {
		double cx = (pg->g[i].x0 + pg->g[i].x1) / 2;
		double cy = (pg->g[i].y0 + pg->g[i].y1) / 2;

		if (!pg->g[i].used && cx >= x0 && cx < x1 && cy >= y0 && cy < y1)
			sel[n++] = &pg->g[i];
	}
	/* Insertion sort by line then x: cells hold a few hundred. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp_glyph(sel[j - 1], sel[j]) > 0; j--) {
			struct glyph *t = sel[j];

			sel[j] = sel[j - 1];
			sel[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && cmp_glyph(sel[i - 1], &(struct glyph){ .x0 = -1e9,
		    .y0 = sel[i]->y0, .y1 = sel[i]->y1 }) < 0)
			buf_putc(&b, '\n');
		else if (i > 0 && sel[i]->x0 - sel[i - 1]->x1 >
		    (sel[i]->y1 - sel[i]->y0) / 2)
			buf_putc(&b, ' ');	/* a gap: a space */
		buf_puts(&b, sel[i]->utf8);
		sel[i]->used = true;
	}
	free(sel);
	return buf_steal(&b);
}

/* Paragraph rows of the unused glyphs with y in [y0, y1). */
static int
paragraphs(struct page *pg, int page_no, double y0, double y1,
    struct table_doc *d, struct error *err, const char *name)
{
	char *t = text_in(pg, -1e9, y0, 1e9, y1), *line, *save = NULL;

	for (line = strtok_r(t, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *sq = text_squash(line);

		if (*sq != '\0' && table_add_paragraph(d, sq, "page %d",
		    page_no) == NULL) {
			free(sq);
			free(t);
			return error_set(err, EXIT_DATAERR, "%s: more than %d "
			    "rows: refusing it", name, TABLE_MAX_ROWS);
		}
		free(sq);
	}
	free(t);
	return 0;
}

/* A grid cell's component: the top-left grid cell of the cell it is in. */
struct comp {
	int r, c;
};

static int
page_rows(struct page *pg, int page_no, bool first_page, struct table_doc *d,
    struct error *err, const char *name)
{
	int ys[MAX_RULES], xs[MAX_RULES], ny, nx, r, c, rc;
	struct comp *owner;
	bool first_row = true;

	qsort(pg->hr, (size_t)pg->nh, sizeof(*pg->hr), cmp_rule);
	qsort(pg->vr, (size_t)pg->nv, sizeof(*pg->vr), cmp_rule);
	ny = positions(pg->hr, pg->nh, ys);
	nx = positions(pg->vr, pg->nv, xs);
	/* A table broken by the page may lack its top or bottom border:
	 * its side borders say where it starts and ends. */
	if (ny >= 1 && nx >= 2 && ny < MAX_RULES - 2) {
		int top = pg->vr[0].from, bottom = pg->vr[0].to;

		for (int i = 1; i < pg->nv; i++) {
			if (pg->vr[i].from < top)
				top = pg->vr[i].from;
			if (pg->vr[i].to > bottom)
				bottom = pg->vr[i].to;
		}
		if (ys[0] - top > NEAR) {
			memmove(ys + 1, ys, (size_t)ny * sizeof(*ys));
			ys[0] = top;
			ny++;
		}
		if (bottom - ys[ny - 1] > NEAR)
			ys[ny++] = bottom;
		/* A line that straddles the table's bottom (Chromium lets a
		 * cell's last line cross the border where the page cuts the
		 * row) is the last row's. */
		for (size_t i = 0; i < pg->ng; i++) {
			double cx = (pg->g[i].x0 + pg->g[i].x1) / 2 * SCALE;

			if (cx > xs[0] && cx < xs[nx - 1] &&
			    pg->g[i].y0 * SCALE < ys[ny - 1] &&
			    pg->g[i].y1 * SCALE > ys[ny - 1] + 1)
				ys[ny - 1] = (int)ceil(pg->g[i].y1 * SCALE) + 1;
		}
	}
	if (ny < 2 || nx < 2) {
		if (pg->ng > 0)
			table_warn(d, NULL, "page %d: no ruling lines: read as "
			    "paragraphs (a table without rules is not rebuilt)",
			    page_no);
		return paragraphs(pg, page_no, -1e9, 1e9, d, err, name);
	}
	if (nx - 1 > TABLE_MAX_COLS)
		nx = TABLE_MAX_COLS + 1;
	/* Text above the table first. */
	if ((rc = paragraphs(pg, page_no, -1e9, (double)ys[0] / SCALE, d, err,
	    name)) != 0)
		return rc;
	/* Grid cells joined where no rule parts them. */
	owner = xcalloc((size_t)(ny - 1) * (size_t)(nx - 1), sizeof(*owner));
#define OWN(r, c) owner[(size_t)(r) * (size_t)(nx - 1) + (size_t)(c)]
	for (r = 0; r < ny - 1; r++)
		for (c = 0; c < nx - 1; c++) {
			OWN(r, c) = (struct comp){ r, c };
			if (c > 0 && !ruled(pg->vr, pg->nv, xs[c], ys[r], ys[r + 1]))
				OWN(r, c) = OWN(r, c - 1);
			else if (r > 0 && !ruled(pg->hr, pg->nh, ys[r], xs[c],
			    xs[c + 1]))
				OWN(r, c) = OWN(r - 1, c);
		}
	for (r = 0; r < ny - 1 && rc == 0; r++) {
		struct trow *tr = NULL;

		/* A band the table's outer borders do not reach lies between
		 * two tables ("（续表）"): its text is a paragraph. */
		if (!ruled(pg->vr, pg->nv, xs[0], ys[r], ys[r + 1]) &&
		    !ruled(pg->vr, pg->nv, xs[nx - 1], ys[r], ys[r + 1])) {
			rc = paragraphs(pg, page_no, (double)ys[r] / SCALE,
			    (double)ys[r + 1] / SCALE, d, err, name);
			continue;
		}
		for (c = 0; c < nx - 1; c++) {
			struct comp o = OWN(r, c);
			int span = 1, rows = 1;
			char *t;

			if (o.c != c)
				continue;	/* covered by a cell on its left */
			while (c + span < nx - 1 && OWN(r, c + span).r == o.r &&
			    OWN(r, c + span).c == o.c)
				span++;
			if (tr == NULL) {
				tr = table_add_row(d, TROW_CELLS, first_row &&
				    !first_page ? TROW_CONTINUES : 0, "page %d",
				    page_no);
				if (tr == NULL) {
					rc = error_set(err, EXIT_DATAERR, "%s: "
					    "more than %d rows: refusing it", name,
					    TABLE_MAX_ROWS);
					break;
				}
				first_row = false;
			}
			if (o.r != r) {		/* merged down from above */
				(void)table_add_cell(tr, "", 0, span,
				    TCELL_MERGED_UP);
				continue;
			}
			while (r + rows < ny - 1 && OWN(r + rows, c).r == o.r &&
			    OWN(r + rows, c).c == o.c)
				rows++;
			t = text_in(pg, (double)xs[c] / SCALE, (double)ys[r] / SCALE,
			    (double)xs[c + span] / SCALE,
			    (double)ys[r + rows] / SCALE);
			(void)table_add_cell(tr, t, strlen(t), span, 0);
			free(t);
		}
	}
#undef OWN
	free(owner);
	/* Then what is below it: notes, the page number. */
	if (rc == 0)
		rc = paragraphs(pg, page_no, (double)ys[ny - 1] / SCALE, 1e9, d,
		    err, name);
	return rc;
}

int
pdf_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err)
{
	GBytes *bytes = g_bytes_new(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc;
	struct table_doc *d;
	size_t chars = 0;
	int n, rc = 0;

	*out = NULL;
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		rc = error_set(err, EXIT_DATAERR, "%s: %s", name,
		    gerr != NULL && gerr->code == POPPLER_ERROR_ENCRYPTED ?
		    "an encrypted PDF: save it without a password first" :
		    "not a readable PDF");
		if (gerr != NULL)
			g_error_free(gerr);
		return rc;
	}
	n = poppler_document_get_n_pages(doc);
	if (n > MAX_PAGES) {
		g_object_unref(doc);
		return error_set(err, EXIT_DATAERR, "%s: %d pages (more than "
		    "%d): refusing it", name, n, MAX_PAGES);
	}
	d = table_new(name);
	for (int i = 0; i < n && rc == 0; i++) {
		PopplerPage *pp = poppler_document_get_page(doc, i);
		struct page pg;

		memset(&pg, 0, sizeof(pg));
		if (pp == NULL)
			continue;
		load_glyphs(pp, &pg);
		chars += pg.ng;
		if (pg.ng > 0) {
			draw(pp, &pg);
			find_rules(&pg);
			rc = page_rows(&pg, i + 1, i == 0, d, err, name);
		}
		free(pg.g);
		free(pg.px);
		g_object_unref(pp);
	}
	g_object_unref(doc);
	if (rc == 0 && chars == 0)
		rc = error_set(err, EXIT_DATAERR, "%s: page 1: no text layer: a "
		    "scanned PDF needs OCR first", name);
	if (rc != 0) {
		table_free(d);
		return rc;
	}
	*out = d;
	return 0;
}
