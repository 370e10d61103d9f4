/* table: building and freeing the document model every plan reader
 * produces (see table.h).  The bounds live here so that no reader can
 * forget them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/plan.h"
#include "plan/table.h"

struct table_doc *
table_new(const char *source)
{
	struct table_doc *d = xcalloc(1, sizeof(*d));

	d->source = xstrdup(source);
	return d;
}

void
table_free(struct table_doc *d)
{
	if (d == NULL)
		return;
	while (d->nrows > 0)
		table_drop_last(d);
	for (size_t i = 0; i < d->nwarnings; i++) {
		free(d->warnings[i].loc);
		free(d->warnings[i].msg);
	}
	free(d->warnings);
	free(d->rows);
	free(d->source);
	free(d);
}

static char *
vformat(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

static struct trow *
add_row(struct table_doc *d, enum trow_kind kind, unsigned flags, char *loc)
{
	struct trow *r;

	if (d->nrows >= TABLE_MAX_ROWS) {
		free(loc);
		return NULL;
	}
	d->rows = xgrow(d->rows, &d->cap, d->nrows + 1, sizeof(*d->rows));
	r = &d->rows[d->nrows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->flags = flags;
	r->loc = loc;
	return r;
}

struct trow *
table_add_row(struct table_doc *d, enum trow_kind kind, unsigned flags,
    const char *locfmt, ...)
{
	va_list ap;
	char *loc;

	va_start(ap, locfmt);
	loc = vformat(locfmt, ap);
	va_end(ap);
	return add_row(d, kind, flags, loc);
}

struct trow *
table_add_paragraph(struct table_doc *d, const char *text,
    const char *locfmt, ...)
{
	va_list ap;
	char *loc;
	struct trow *r;

	va_start(ap, locfmt);
	loc = vformat(locfmt, ap);
	va_end(ap);
	r = add_row(d, TROW_PARAGRAPH, 0, loc);
	if (r != NULL)
		table_add_cell(r, text, strlen(text), 1, 0);
	return r;
}

struct tcell *
table_add_cell(struct trow *r, const char *text, size_t len, int colspan,
    unsigned flags)
{
	struct tcell *c;

	if (r->ncells >= TABLE_MAX_COLS)
		return NULL;
	r->cells = xgrow(r->cells, &r->cap, r->ncells + 1, sizeof(*r->cells));
	c = &r->cells[r->ncells++];
	c->text = xstrndup(text, utf8_cut(text, len, TABLE_MAX_CELL));
	c->colspan = colspan < 1 ? 1 : colspan;
	c->flags = flags;
	c->loc = NULL;
	return c;
}

void
table_warn(struct table_doc *d, const char *loc, const char *fmt, ...)
{
	va_list ap;

	d->warnings = xgrow(d->warnings, &d->wcap, d->nwarnings + 1,
	    sizeof(*d->warnings));
	va_start(ap, fmt);
	d->warnings[d->nwarnings].msg = vformat(fmt, ap);
	va_end(ap);
	d->warnings[d->nwarnings].loc = xstrdup(loc != NULL ? loc : "");
	d->nwarnings++;
}

int
trow_width(const struct trow *r)
{
	int w = 0;

	for (size_t i = 0; i < r->ncells; i++)
		w += r->cells[i].colspan;
	return w;
}

void
table_drop_last(struct table_doc *d)
{
	struct trow *r;

	if (d->nrows == 0)
		return;
	r = &d->rows[--d->nrows];
	for (size_t j = 0; j < r->ncells; j++) {
		free(r->cells[j].text);
		free(r->cells[j].loc);
	}
	free(r->cells);
	free(r->loc);
}

void
trow_grid(const struct trow *r, struct tgrid *g)
{
	int pos = 0;

	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < r->ncells && pos < TABLE_MAX_COLS; i++)
		for (int k = 0; k < r->cells[i].colspan && pos < TABLE_MAX_COLS; k++)
			g->at[pos++] = &r->cells[i];
	g->width = pos;
}

size_t
trow_texts(const struct trow *r, const struct tcell **first)
{
	size_t n = 0;

	*first = NULL;
	for (size_t i = 0; i < r->ncells; i++)
		if (r->cells[i].text != NULL && !text_blank(r->cells[i].text) &&
		    !(r->cells[i].flags & TCELL_MERGED_UP)) {
			if (n++ == 0)
				*first = &r->cells[i];
		}
	return n;
}

char *
table_one_line(const char *text, bool latin_spaced)
{
	struct buf b = BUF_INIT;
	const char *s, *nl;
	char *line, *out;

	if (text == NULL)
		return xstrdup("");
	/* One line (a CSV cell, mostly): squashing it is all the joining
	 * would do, without two more copies. */
	if (strchr(text, '\n') == NULL)
		return text_squash(text);
	for (s = text; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
		nl = s + strcspn(s, "\n");
		line = text_squashn(s, (size_t)(nl - s));
		plan_join_line(&b, line, latin_spaced);
		free(line);
	}
	out = text_squash(buf_str(&b));
	buf_free(&b);
	return out;
}

char *
trow_lone_text(const struct trow *r, bool latin_spaced)
{
	const struct tcell *c;

	return trow_texts(r, &c) == 1 ? table_one_line(c->text, latin_spaced) : NULL;
}

void
table_latin_spacing(const struct table_doc *d, size_t header,
    const int *pos, int ncols, bool *doc, bool *col)
{
	int spaced = 0, unspaced = 0, *cs = xcalloc((size_t)ncols, sizeof(int)),
	    *cu = xcalloc((size_t)ncols, sizeof(int));
	int s, u;
	struct tgrid g;

	/* Each cell is counted once, for the document and for the columns
	 * it stands in below the header. */
	for (size_t i = 0; i < d->nrows; i++) {
		if (i > header)
			trow_grid(&d->rows[i], &g);
		for (size_t j = 0; j < d->rows[i].ncells; j++) {
			const struct tcell *c = &d->rows[i].cells[j];

			if (c->text == NULL)
				continue;
			s = u = 0;
			plan_count_latin(c->text, &s, &u);
			spaced += s;
			unspaced += u;
			for (int k = 0; i > header && k < ncols; k++)
				if (pos[k] >= 0 && pos[k] < g.width &&
				    g.at[pos[k]] == c) {
					cs[k] += s;
					cu[k] += u;
				}
		}
	}
	*doc = spaced >= unspaced;
	for (int k = 0; k < ncols; k++)
		col[k] = cs[k] + cu[k] == 0 ? *doc : cs[k] >= cu[k];
	free(cs);
	free(cu);
}
