/* pdf: a PDF's task table rebuilt from what its pages show.  Poppler
 * (poppler-glib) opens the file, gives each character with its box and
 * draws each page; the rest is ours:
 *
 *  - the mask: the page drawn at twice its size, and its characters
 *    alone; what is dark in the first and not near ink of the second is
 *    drawn besides the text (rules, boxes, pictures);
 *  - a page's tables: ruled ones from the rules on the mask (pdfgrid),
 *    else ones aligned by blanks from the characters' positions
 *    (pdfstream, with a warning), paragraphs around them (pdftext);
 *  - across pages: the first table row of a page after the first may
 *    continue the row before it (TROW_CONTINUES: the interpreter joins
 *    it when that row is unfinished); rows at a table's top that repeat
 *    the first table's top rows are its header (TROW_HEADER, on both);
 *    a table after text on its page is a new one (TROW_NEW_TABLE); a
 *    table that goes on from the page before with its columns elsewhere
 *    is warned about.
 *
 * Bounds: pages, characters a page, pixels a drawing. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "base/text.h"
#include "read/pdf.h"
#include "read/pdfgrid.h"
#include "read/pdfstream.h"
#include "read/pdftext.h"

#define MAX_PAGES 2000
#define MAX_CHARS 200000	/* characters a page */
#define SCALE 2.0		/* pixels a point when drawing a page... */
#define MAX_PIXELS (8 << 20)	/* ...unless that makes more pixels */
/* How dark (0-255) a pixel is ink: a rule, or a rule drawn in light
 * gray (Word's light grid, #BFBFBF, what Writer draws for an HTML
 * table's border) but a fill as well (a header shaded 25 % gray). */
#define DARK 160
#define LIGHT 210
#define HEAD_ROWS 3		/* a table's top rows compared with the first's */

/* What one page leaves to the next. */
struct flow {
	bool have_table;	/* a table was read before */
	size_t head;		/* the first table's first row */
	struct pdf_cols cols;	/* the last table's columns... */
	bool ruled;		/* ...from rules */
	int page;		/* ...and its page */
	double pitch;		/* the last page's character grid */
};

/* ---- characters ----------------------------------------------------------- */

static int
load_glyphs(PopplerPage *pp, struct pdf_page *pg, const char *name,
    struct error *err)
{
	PopplerRectangle *rects = NULL;
	guint n = 0;
	char *text = poppler_page_get_text(pp);
	const char *p, *end;
	int rc = 0;

	if (text == NULL)
		return 0;
	if (!poppler_page_get_text_layout(pp, &rects, &n)) {
		g_free(text);
		return 0;
	}
	if (n > MAX_CHARS) {
		rc = error_set(err, EXIT_DATAERR, "%s: page %d: more than %d "
		    "characters: refusing it", name, pg->no, MAX_CHARS);
		n = 0;
	}
	pg->g = xcalloc(n + 1, sizeof(*pg->g));
	end = text + strlen(text);
	/* One box per character of the text, line ends included. */
	p = text;
	for (guint k = 0; p < end && k < n; k++) {
		const char *at = p;
		int32_t cp = utf8_next(&p, end);
		size_t len = (size_t)(p - at);
		struct pdf_glyph *g;

		if (cp < 0 || cp == '\n' || len >= sizeof(pg->g[0].utf8))
			continue;
		g = &pg->g[pg->ng++];
		g->x0 = rects[k].x1;
		g->y0 = rects[k].y1;
		g->x1 = rects[k].x2;
		g->y1 = rects[k].y2;
		g->space = text_is_space((uint32_t)cp);
		memcpy(g->utf8, at, len);
		g->utf8[len] = '\0';
	}
	g_free(rects);
	g_free(text);
	return rc;
}

/* Whether g is a footnote's mark raised after base, a Chinese
 * character or mark: a figure (or *), its middle a fifth of base's
 * height above base's, right after it on its line.  (Written smaller,
 * but its box need not be: another font's may be taller.  No figure
 * of a line stands so, in Chromium's or LibreOffice's PDFs; 100m² is
 * a unit's, after a Latin letter.) */
static bool
raised_mark(const struct pdf_glyph *g, const struct pdf_glyph *base)
{
	double h = g->y1 - g->y0, bh = base->y1 - base->y0;

	return (isdigit((unsigned char)g->utf8[0]) || g->utf8[0] == '*') &&
	    g->utf8[1] == '\0' && (base->utf8[0] & 0x80) && !base->space &&
	    bh > 0 && h < 1.1 * bh &&
	    (base->y0 + base->y1) / 2 - (g->y0 + g->y1) / 2 > 0.2 * bh &&
	    g->x0 >= base->x1 - 0.2 * bh && g->x0 <= base->x1 + 0.5 * bh;
}

/* Take out the page's footnote marks (…任务分工¹, 评选²，): Word's and
 * Writer's are small raised figures, which read into the text would
 * change a title (a new plan) or a measure.  A mark's figures follow
 * one another, each after the text it marks. */
static void
drop_marks(struct pdf_page *pg)
{
	size_t k = 0, base = SIZE_MAX;

	for (size_t i = 0; i < pg->ng; i++) {
		if (base != SIZE_MAX && raised_mark(&pg->g[i], &pg->g[base]))
			continue;
		pg->g[k] = pg->g[i];
		base = k++;
	}
	pg->ng = k;
}

/* ---- the mask --------------------------------------------------------------- */

/* The page drawn at pg's scale into a new surface: everything, or
 * (text) its characters alone, black on white. */
static cairo_surface_t *
render(PopplerPage *pp, const struct pdf_page *pg, bool text)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    pg->mw, pg->mh);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, pg->scale, pg->scale);
	if (text) {
		PopplerRectangle all = { 0, 0, pg->w, pg->h }, none = { 0, 0, 0, 0 };
		PopplerColor ink = { 0, 0, 0 }, paper = { 65535, 65535, 65535 };

		poppler_page_render_selection(pp, cr, &all, &none,
		    POPPLER_SELECTION_GLYPH, &ink, &paper);
	} else {
		/* Whole pixels: a thin gray rule smoothed over two rows
		 * would be lighter than its colour in both. */
		cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
		poppler_page_render(pp, cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

/* A drawn page's pixels: a surface's data, read a pixel at a time. */
struct pixels {
	const unsigned char *data;
	size_t stride;
};

static struct pixels
pixels_of(cairo_surface_t *s)
{
	return (struct pixels){ cairo_image_surface_get_data(s),
	    (size_t)cairo_image_surface_get_stride(s) };
}

/* The pixel's RGB. */
static uint32_t
rgb(const struct pixels *p, int x, int y)
{
	uint32_t c;

	memcpy(&c, p->data + (size_t)y * p->stride + (size_t)x * 4, 4);
	return c & 0xffffff;
}

/* How inked the pixel is: PDF_INK_DARK, PDF_INK_LIGHT or 0. */
static unsigned char
ink(const struct pixels *p, int x, int y)
{
	const unsigned char *q = p->data + (size_t)y * p->stride +
	    (size_t)x * 4;
	int grey = (q[0] + q[1] + q[2]) / 3;

	return grey < DARK ? PDF_INK_DARK : grey < LIGHT ? PDF_INK_LIGHT : 0;
}

/* The page's size in pixels at a scale that bounds them; false when
 * the page has no size to draw. */
static bool
size_page(struct pdf_page *pg)
{
	double area = pg->w * pg->h;

	if (!(pg->w >= 1 && pg->h >= 1 && area < 1e12))
		return false;
	pg->scale = SCALE;
	if (area * SCALE * SCALE > MAX_PIXELS)
		pg->scale = sqrt(MAX_PIXELS / area);
	pg->mw = (int)ceil(pg->w * pg->scale);
	pg->mh = (int)ceil(pg->h * pg->scale);
	return pg->mw > 0 && pg->mh > 0;
}

#define PAPER 0xffffffffu	/* no ink: no fill's */
#define WILD 0xfffffffeu	/* a character's ink: any fill's */

/* The colour of pixel (x, y) for clear_fills: PAPER where the mask
 * has no ink, WILD on a character or next to one (white text on a dark
 * header, its smoothed edges, are part of the header's fill), else its
 * RGB. */
static uint32_t
fill_colour(const struct pixels *all, const unsigned char *mask, int w, int x,
    int y)
{
	unsigned char m = mask[(size_t)y * (size_t)w + (size_t)x];

	return (m & PDF_INK_GLYPH) ? WILD : m == 0 ? PAPER : rgb(all, x, y);
}

/* Clear from mask the fills: the pixels inside a square of one colour
 * t pixels wide (a shaded cell, a header filled dark blue, with its
 * characters), which would make the rules they touch one thick area,
 * no rule.  A rule drawn on a fill has a colour of its own, and one
 * thinner than t is in no such square, so rules stay.  Passes over the
 * page: how far each pixel's colour runs rightwards, where t rows of
 * such runs end (a square's bottom left corner), then every pixel
 * within t of one. */
static void
clear_fills(const struct pixels *all, unsigned char *mask,
    int w, int h, int t)
{
	unsigned char *run = xmalloc((size_t)w * (size_t)h);
	unsigned char *corner = xcalloc((size_t)w * (size_t)h, 1);
	int *rows = xcalloc((size_t)w, sizeof(*rows));
	uint32_t *above = xcalloc((size_t)w, sizeof(*above));
	int x, y;

	for (y = 0; y < h; y++) {
		uint32_t col = PAPER;	/* of the run from x on */
		int n = 0, wild = 0;	/* its length; characters first */

		for (x = w - 1; x >= 0; x--) {
			uint32_t c = fill_colour(all, mask, w, x, y);

			if (c == PAPER)
				n = wild = 0, col = PAPER;
			else if (c == WILD)
				n++, wild++;
			else if (col == PAPER || col == c)
				n++, wild = 0, col = c;
			else
				n = wild + 1, wild = 0, col = c;
			run[(size_t)y * (size_t)w + (size_t)x] =
			    (unsigned char)(n < t ? n : t);
		}
	}
	/* Down the page a row at a time (as the pixels lie in memory),
	 * each column's count of rows carried in rows[x]. */
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			size_t i = (size_t)y * (size_t)w + (size_t)x;
			uint32_t c = fill_colour(all, mask, w, x, y);

			if (run[i] < t)
				rows[x] = 0;
			else if (rows[x] > 0 && (c == above[x] || c == WILD ||
			    above[x] == WILD))
				rows[x]++;
			else
				rows[x] = 1;
			above[x] = c;
			corner[i] = rows[x] >= t;
		}
	/* Every pixel with a corner at most t - 1 left of it (into run)
	 * and one of those at most t - 1 below it (rows[x]: the nearest
	 * such row below). */
	for (y = 0; y < h; y++) {
		int last = -t;

		for (x = 0; x < w; x++) {
			size_t i = (size_t)y * (size_t)w + (size_t)x;

			if (corner[i])
				last = x;
			run[i] = x - last < t;
		}
	}
	for (x = 0; x < w; x++)
		rows[x] = h + t;
	for (y = h - 1; y >= 0; y--)
		for (x = 0; x < w; x++) {
			size_t i = (size_t)y * (size_t)w + (size_t)x;

			if (run[i])
				rows[x] = y;
			if (rows[x] - y < t)
				mask[i] = 0;
		}
	free(rows);
	free(above);
	free(run);
	free(corner);
}

/* Where the characters are: 1 on their ink and a pixel around it, where
 * a smoothed edge blends with what lies under them. */
static unsigned char *
glyph_area(const struct pixels *text, int w, int h)
{
	unsigned char *a = xcalloc((size_t)w * (size_t)h, 1);
	unsigned char *b = xcalloc((size_t)w * (size_t)h, 1);
	size_t i;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			a[(size_t)y * (size_t)w + (size_t)x] = ink(text, x, y) != 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			i = (size_t)y * (size_t)w + (size_t)x;
			b[i] = a[i] | (x > 0 && a[i - 1]) | (x + 1 < w && a[i + 1]);
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			i = (size_t)y * (size_t)w + (size_t)x;
			a[i] = b[i] | (y > 0 && b[i - (size_t)w]) |
			    (y + 1 < h && b[i + (size_t)w]);
		}
	free(b);
	return a;
}

/* The mask of the page: how inked each pixel is, marked where a
 * character is (white ones too: a dark header's), without fills. */
static unsigned char *
draw_mask(PopplerPage *pp, struct pdf_page *pg)
{
	cairo_surface_t *all_s, *text_s;
	struct pixels all, text;
	unsigned char *mask;

	if (!size_page(pg))
		return NULL;
	all = pixels_of(all_s = render(pp, pg, false));
	text = pixels_of(text_s = render(pp, pg, true));
	mask = glyph_area(&text, pg->mw, pg->mh);
	for (int y = 0; y < pg->mh; y++)
		for (int x = 0; x < pg->mw; x++) {
			unsigned char *m = &mask[(size_t)y * (size_t)pg->mw +
			    (size_t)x];

			*m = (*m ? PDF_INK_GLYPH : 0) | ink(&all, x, y);
		}
	clear_fills(&all, mask, pg->mw, pg->mh,
	    (int)fmin(ceil(PDF_RULE_MAX_PT * pg->scale) + 2, UCHAR_MAX));
	cairo_surface_destroy(all_s);
	cairo_surface_destroy(text_s);
	return mask;
}

/* Whether a page without text shows anything (a scanned page). */
static bool
drawn(PopplerPage *pp, struct pdf_page *pg)
{
	cairo_surface_t *s;
	struct pixels all;
	bool any = false;

	if (!size_page(pg))
		return false;
	all = pixels_of(s = render(pp, pg, false));
	for (int y = 0; y < pg->mh && !any; y++)
		for (int x = 0; x < pg->mw && !any; x++)
			any = ink(&all, x, y);
	cairo_surface_destroy(s);
	return any;
}

/* ---- across pages ------------------------------------------------------------ */

/* Whether two rows show the same: cells, spans, merges and text
 * (whitespace aside); a's cell may have more lines above (a task cell
 * merged over the page's end, its text printed again behind the header
 * Calc repeats: 5 / 序号). */
static bool
same_row(const struct trow *a, const struct trow *b)
{
	if (a->kind != TROW_CELLS || b->kind != TROW_CELLS ||
	    a->ncells != b->ncells)
		return false;
	for (size_t i = 0; i < a->ncells; i++) {
		const struct tcell *x = &a->cells[i], *y = &b->cells[i];
		char *fx, *fy;
		bool same;

		if (x->colspan != y->colspan || x->flags != y->flags)
			return false;
		fx = text_fold(x->text != NULL && strrchr(x->text, '\n') != NULL &&
		    y->text != NULL && strchr(y->text, '\n') == NULL ?
		    strrchr(x->text, '\n') + 1 : x->text);
		fy = text_fold(y->text);
		same = strcmp(fx, fy) == 0;
		free(fx);
		free(fy);
		if (!same)
			return false;
	}
	return true;
}

/* Flag the page's tables' first rows (see the top of this file). */
static void
link_page(struct flow *fl, const struct pdf_page *pg, struct table_doc *d)
{
	for (int i = 0; i < pg->ntables; i++) {
		const struct pdf_table *t = &pg->tables[i];
		struct trow *first = &d->rows[t->row];

		if (!fl->have_table) {
			fl->have_table = true;
			fl->head = t->row;
			first->flags |= TROW_NEW_TABLE;
		} else {
			if (i == 0 && !t->new_row)
				first->flags |= TROW_CONTINUES;
			if (i > 0 || t->after_text)
				first->flags |= TROW_NEW_TABLE;
			else if (t->ruled == fl->ruled &&
			    pdf_cols_differ(&t->cols, &fl->cols)) {
				char *at = xasprintf("page %d", pg->no);

				table_warn(d, at, "the table's columns are not "
				    "where they were on page %d: check which "
				    "column each cell is in", fl->page);
				free(at);
			}
			for (size_t j = 0; j < HEAD_ROWS && t->row + j < d->nrows &&
			    fl->head + j < t->row && same_row(&d->rows[t->row + j],
			    &d->rows[fl->head + j]); j++) {
				d->rows[t->row + j].flags |= TROW_HEADER;
				d->rows[fl->head + j].flags |= TROW_HEADER;
			}
		}
		fl->cols = t->cols;
		fl->ruled = t->ruled;
		fl->page = pg->no;
	}
}

/* ---- pages -------------------------------------------------------------------- */

/* Read page i (0-based) into d; *chars counts its characters. */
static int
read_page(PopplerDocument *doc, int i, struct flow *fl, struct table_doc *d,
    size_t *chars, struct error *err)
{
	PopplerPage *pp = poppler_document_get_page(doc, i);
	struct pdf_page pg;
	unsigned char *mask = NULL;
	bool ruled = false;
	int rc;

	if (pp == NULL)
		return 0;
	memset(&pg, 0, sizeof(pg));
	pg.no = i + 1;
	pg.flow_cols = fl->have_table && !fl->ruled ? &fl->cols : NULL;
	pg.flow_ruled = fl->have_table && fl->ruled ? &fl->cols : NULL;
	poppler_page_get_size(pp, &pg.w, &pg.h);
	if ((rc = load_glyphs(pp, &pg, d->source, err)) != 0)
		goto out;
	drop_marks(&pg);
	*chars += pg.ng;
	if (pg.ng == 0) {
		if (drawn(pp, &pg)) {
			char *at = xasprintf("page %d", pg.no);

			table_warn(d, at, "no text layer (a scanned page?): "
			    "nothing read from it");
			free(at);
		}
		goto out;
	}
	pg.mask = mask = draw_mask(pp, &pg);
	fl->pitch = pg.pitch = pdf_grid(&pg, fl->pitch);
	if ((rc = pdfgrid_read(&pg, d, &ruled, err)) == 0 && !ruled)
		rc = pdfstream_read(&pg, d, err);
	if (rc == 0)
		link_page(fl, &pg, d);
out:
	free(mask);
	free(pg.g);
	g_object_unref(pp);
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
	struct flow fl = { 0 };
	size_t chars = 0;
	int n, rc = 0;

	*out = NULL;
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		if (gerr != NULL && gerr->code == POPPLER_ERROR_ENCRYPTED)
			rc = error_set(err, EXIT_DATAERR, "%s: an encrypted PDF "
			    "(it asks for a password): save it without one "
			    "first", name);
		else
			rc = error_set(err, EXIT_DATAERR, "%s: not a readable "
			    "PDF: %s", name, gerr != NULL ? gerr->message :
			    "poppler cannot open it");
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
	for (int i = 0; i < n && rc == 0; i++)
		rc = read_page(doc, i, &fl, d, &chars, err);
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
