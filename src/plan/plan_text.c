/* plan_text: the task table of a work plan, as text extracted from PDF
 * (`pdftotext -raw`), rebuilt into table rows for the interpreter.
 *
 * Extraction keeps each printed line of a cell as a line of text, reads a
 * row's cells in column order (task, measure, units, deadline), and puts
 * cells that share a baseline on one line separated by a space.  So the
 * table arrives as a stream of "fragments" (a line, or the part of a line
 * on one side of such a space) that belong to the columns in order.  This
 * reader cuts that stream back into rows and cells using what the layout
 * guarantees, never particular words; the interpreter (plan/interp.c)
 * then gives the rows their meaning, as it does for every format:
 *
 *  - a row ends with its deadline, recognised by the deadline grammar (a
 *    deadline wrapped over several short lines in a narrow column is
 *    joined); a row whose deadline the grammar does not know ends where
 *    the next row visibly starts;
 *  - a task cell starts with its number ("1." or "1．") and is set in the
 *    narrow first column;
 *  - every line of a cell but its last is full, as wide as its column;
 *    measure lines are the widest in the table;
 *  - measures are sentences ending in "。"; unit lists never contain one.
 *
 * Section rows ("一、…") span the table and stand on a line of their own.
 * Page numbers ("- 8 -") are dropped.  A page-top repetition of the title
 * or of the header (wrapped or not) is dropped too, and marks a page
 * break: a row broken there continues after it with the rest of each of
 * its cells, in column order again, and is given to the interpreter as a
 * row that continues the one above.
 * Only the annex (after a line "附件") is read as the table: the prose
 * before it repeats the same content in another form.  Where the layout
 * leaves a doubt, the reader warns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "plan/interp.h"
#include "plan/plan_text.h"
#include "plan/text_lines.h"

/* Number of the task a fragment starts ("12." "12．" "12、"), with *title
 * pointing past the number; -1 when it does not start one. */
static int
task_number(const char *s, const char **title)
{
	const char *p = s, *rest;
	int no = 0, digits = 0;

	while (*p >= '0' && *p <= '9' && digits <= PLAN_TASK_NO_DIGITS) {
		no = no * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || digits > PLAN_TASK_NO_DIGITS)
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '.')
		rest = p + 1;
	else if (!text_starts(p, "．", &rest) && !text_starts(p, "、", &rest))
		return -1;
	while (*rest == ' ')
		rest++;
	/* "2.5亿" is a number in a sentence, not a task. */
	if (*rest == '\0' || (*rest >= '0' && *rest <= '9'))
		return -1;
	if (title != NULL)
		*title = rest;
	return no;
}

/* A section row: a whole line starting "一、" … "十二、". */
static bool
is_section(const struct frag *f)
{
	return f->line_start && f->line_end && plan_is_section(f->text);
}

/* Whether the text ends or contains a sentence end (。！？). */
static bool
has_sentence_end(const char *s, bool at_end_only)
{
	static const char *const ends[] = { "。", "！", "？", "!", "?" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(ends); i++)
		if (at_end_only ? text_ends(s, ends[i]) : strstr(s, ends[i]) != NULL)
			return true;
	return false;
}

/* Column widths measured on this document. */
struct layout {
	int task_width;		/* widest first line of a task cell */
	int full_measure;	/* a measure line at least this wide is full */
	int short_line;		/* a line narrower than this (half the
				 * widest) is no line of the measure column
				 * but its last */
};

/* Measure the columns: the task column by the numbered first lines of
 * task cells, the measure column by the widest line standing alone on its
 * line (the widest column; sections aside).  A line is full when it comes
 * within three characters of that width: line breaking may leave a line
 * short by a character or an ASCII word. */
static struct layout
measure_layout(const struct frags *fs)
{
	struct layout l = { 0, 0, 0 };
	int widest = 0;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct frag *f = &fs->v[i];

		if (f->line_start && task_number(f->text, NULL) >= 0) {
			if (f->width > l.task_width)
				l.task_width = f->width;
		} else if (f->line_start && f->line_end && !is_section(f) &&
		    f->width > widest)
			widest = f->width;
	}
	if (l.task_width == 0)
		l.task_width = 14;
	l.full_measure = widest > 0 ? widest - 6 : 1000;
	l.short_line = widest / 2;
	return l;
}

/* A row's cells as ranges of fragments: cell k is [a[k], b[k]). */
struct cells {
	size_t a[P_COUNT], b[P_COUNT];
	size_t first;		/* the row's first fragment */
	bool any;
};

struct reader {
	const char *name;
	struct table_doc *d;
	struct frags fs;
	struct layout lay;
	struct header h;
	bool have_task;
	int last_no;
	bool after_section;
	bool check_start;	/* the row after a page break that continued
				 * nothing: make sure it starts a cell */
	size_t brk_from, brk;	/* next_break's last scan: no break in
				 * (brk_from, brk) */
	struct error *err;
};

static bool
empty(const struct cells *c, enum part k)
{
	return c->a[k] >= c->b[k];
}

/* Whether fragment i may start task number > last one. */
static bool
starts_task(const struct reader *r, size_t i)
{
	int no = task_number(r->fs.v[i].text, NULL);

	if (no < 0 || !r->fs.v[i].line_start)
		return false;
	/* The first task may have any number; then numbers grow (a small
	 * gap is a typo, not a measure) or restart at 1 under a new
	 * section. */
	return !r->have_task || (no > r->last_no && no <= r->last_no + 3) ||
	    (no == 1 && r->after_section);
}

/* Whether fragment i visibly starts a row of its own: a task or a
 * section. */
static bool
starts_row(const struct reader *r, size_t i)
{
	return is_section(&r->fs.v[i]) || starts_task(r, i);
}

/* The first page break after fragment i (the fragment after it), or
 * the end.  Each row asks, so the last scan is remembered: text with few
 * breaks (or none) would be scanned to its end once a row.  Breaks are
 * only ever cleared after body_frags, so none appears inside a span
 * already scanned. */
static size_t
next_break(struct reader *r, size_t i)
{
	size_t k = i + 1;

	if (r->brk_from <= i && i < r->brk)
		k = r->brk;
	for (; k < r->fs.n; k++)
		if (r->fs.v[k].after_break)
			break;
	r->brk_from = i;
	r->brk = k;
	return k;
}

/* The fragments a deadline starting at fragment j takes (0: none there):
 * the longest run of j and the whole short lines after it that the
 * grammar reads as one deadline ("10" "月" "份" "前" in a narrow column,
 * "年底前完" "成").  prefix, when not NULL, is read before them (the
 * part of the deadline left on the page before). */
static size_t
deadline_run(const struct reader *r, size_t j, size_t stop, const char *prefix)
{
	const struct frag *v = r->fs.v;
	struct buf b = BUF_INIT;
	size_t k, best = 0;

	if (prefix != NULL)
		buf_puts(&b, prefix);
	for (k = j; k < stop && k < j + MAX_PIECES; k++) {
		if (k > j && !(v[k - 1].line_end && v[k].line_start &&
		    v[k].line_end && v[k].width <= PIECE_WIDTH &&
		    !starts_row(r, k)))
			break;
		buf_puts(&b, v[k].text);
		if (tl_is_deadline(buf_str(&b)))
			best = k - j + 1;
	}
	buf_free(&b);
	return best;
}

/* Where the row starting at fragment i ends: sets [*dl, *dl_end) to its
 * deadline fragments.  min: the fragments the row needs before its
 * deadline.  Returns false when a page break (stop) comes first: the row
 * goes on after it, and *dl == *dl_end == stop. */
static bool
find_deadline(const struct reader *r, size_t i, size_t min, size_t stop,
    size_t *dl, size_t *dl_end)
{
	const struct frags *fs = &r->fs;
	bool seen_sentence = false;
	size_t j, run;

	for (j = i; j < stop; j++) {
		const struct frag *g = &fs->v[j];
		const struct frag *h = j + 1 < stop ? &fs->v[j + 1] : NULL;

		if (j > i && g->line_start && starts_row(r, j))
			break;
		if (j - i >= min) {
			if ((run = deadline_run(r, j, stop, NULL)) > 0) {
				*dl = j;
				*dl_end = j + run;
				return true;
			}
			/* An unknown deadline: a short last cell followed by
			 * the full first line of the next measure. */
			if (seen_sentence && g->line_end && g->width <= 16 &&
			    g->width < r->lay.full_measure &&
			    !has_sentence_end(g->text, false) && h != NULL &&
			    h->line_start && h->width >= r->lay.full_measure) {
				*dl = j;
				*dl_end = j + 1;
				return true;
			}
		}
		seen_sentence = seen_sentence || has_sentence_end(g->text, false);
	}
	if (j == stop && stop < fs->n) {
		*dl = *dl_end = stop;
		return false;
	}
	/* The row ends where the next one starts; its last fragment is
	 * the deadline the grammar does not know. */
	*dl = j > i + min ? j - 1 : j;
	*dl_end = j;
	return true;
}

/* Split the row's cells [a, b) (deadline excluded) into task title
 * [a, *t), measure [*t, *u) and units [*u, b).  A row cut by a page
 * break (cut) may end inside its measure, without units. */
static void
split_row(const struct reader *r, size_t a, size_t b, bool has_title,
    bool cut, size_t *t, size_t *u)
{
	const struct frag *v = r->fs.v;
	size_t m, last = SIZE_MAX, i;

	*t = a;
	if (has_title) {
		/* The title cell goes on while its lines are full and the
		 * next line is narrow enough for the task column, leaving at
		 * least a measure and a unit line. */
		*t = a + 1;
		while (*t + 3 <= b && v[*t].line_start &&
		    v[*t - 1].width >= r->lay.task_width - 4 &&
		    v[*t].width <= r->lay.task_width + 3)
			(*t)++;
	}
	/* Units never contain a sentence end, and measures end with one:
	 * the measure ends at the last fragment ending a sentence.  (Widths
	 * cannot tell better: a units column may be nearly as wide as the
	 * measures'.) */
	for (i = *t; i < b; i++)
		if (has_sentence_end(v[i].text, false))
			last = i;
	if (last != SIZE_MAX && has_sentence_end(v[last].text, true))
		*u = last + 1;
	else {
		/* No full stop at a line's end: the measure is its full
		 * lines and then its last line, and reaches at least the
		 * last sentence end inside a line. */
		for (m = *t; m + 1 < b && v[m].width >= r->lay.full_measure &&
		    v[m].line_end; m++)
			;
		/* A row cut by a page break whose measure has not ended a
		 * sentence was cut inside it: its full lines are all of it
		 * here. */
		*u = cut ? m + (v[m].width >= r->lay.full_measure) : m + 1;
		if (last != SIZE_MAX && last + 1 > *u)
			*u = last + 1;
	}
	if (!cut && *u >= b && b > *t + 1)
		*u = b - 1;
	if (*u > b)
		*u = b;
}

/* Warn when a measure breaks the rule that every line of a cell but its
 * last is full: a short line inside it means two rows may have run
 * together.  (A paragraph of the cell may end short, but then its
 * sentence goes on: it ends in "，", "；" or "：", or in a full stop.) */
static void
check_measure(struct reader *r, const struct cells *c)
{
	const struct frag *v = r->fs.v;
	char loc[16];

	for (size_t i = c->a[P_MEASURE]; i + 1 < c->b[P_MEASURE]; i++)
		if (v[i].line_start && v[i].line_end &&
		    v[i].width < r->lay.short_line &&
		    !has_sentence_end(v[i].text, true) && !text_ends(v[i].text,
		    "，") && !text_ends(v[i].text, "；") &&
		    !text_ends(v[i].text, "：")) {
			snprintf(loc, sizeof(loc), "%d", v[i].line);
			table_warn(r->d, loc, "a short line inside the measure "
			    "(\"%.60s\"): is it the end of another cell? check "
			    "the row", v[i].text);
			return;
		}
}

/* Read the row starting at fragment i into c (c->any false when there
 * is none to read); returns the next fragment. */
static size_t
read_row(struct reader *r, size_t i, struct cells *c)
{
	const struct frags *fs = &r->fs;
	size_t dl, dl_end, t = 0, u = 0, min, stop = next_break(r, i);
	bool has_title = false, whole;
	char loc[16];
	int no;

	memset(c, 0, sizeof(*c));
	c->first = i;
	snprintf(loc, sizeof(loc), "%d", fs->v[i].line);
	if (starts_task(r, i)) {
		has_title = true;
		no = task_number(fs->v[i].text, NULL);
		if (r->have_task && no != r->last_no + 1 &&
		    !(no == 1 && r->after_section))
			table_warn(r->d, loc, "task %d follows task %d", no,
			    r->last_no);
		r->last_no = no;
		r->have_task = true;
		r->after_section = false;
	} else if (!r->have_task) {
		table_warn(r->d, loc, "text before the first numbered task "
		    "ignored: \"%.60s\"", fs->v[i].text);
		return i + 1;
	}
	min = has_title ? 3 : 2;
	for (;;) {
		whole = find_deadline(r, i, min, stop, &dl, &dl_end);
		if (dl > i)
			split_row(r, i, dl, has_title, !whole, &t, &u);
		/* Broken before its measure: the task cell's lines go on
		 * after the break, and then the row's cells, in order. */
		if (whole || t < dl || stop == fs->n)
			break;
		r->fs.v[stop].after_break = false;
		stop = next_break(r, stop);
	}
	if (dl <= i || (t >= dl && whole)) {
		table_warn(r->d, loc, "incomplete row ignored: \"%.60s\"",
		    fs->v[i].text);
		return dl_end > i ? dl_end : i + 1;
	}
	c->a[P_TASK] = i;
	c->b[P_TASK] = c->a[P_MEASURE] = t;
	c->b[P_MEASURE] = c->a[P_UNITS] = u;
	c->b[P_UNITS] = c->a[P_DEADLINE] = dl;
	c->b[P_DEADLINE] = dl_end;
	c->any = true;
	if (r->check_start && !has_title && c->b[P_MEASURE] > t + 1 &&
	    fs->v[t].width < r->lay.short_line)
		table_warn(r->d, loc, "the row after a page break starts with "
		    "a short line (\"%.60s\"): does it continue the row above? "
		    "check both", fs->v[t].text);
	else
		check_measure(r, c);
	r->check_start = false;
	return dl_end;
}

/* The rest of a row broken by the page break before fragment b, in
 * column order again: the end of its measure (when the part above did
 * not end a sentence), of its units, and of its deadline (when the part
 * above had none).  prev is the part above; a deadline broken in two
 * moves its first piece from prev's units to its deadline.  Returns the
 * next fragment. */
static size_t
read_continuation(struct reader *r, size_t b, struct cells *prev,
    struct cells *c)
{
	const struct frag *v = r->fs.v;
	size_t stop = next_break(r, b), j = b, k, dl, dl_end, limit, run, rs;
	const struct frag *tail;

	memset(c, 0, sizeof(*c));
	for (k = 0; k < P_COUNT; k++)
		c->a[k] = c->b[k] = b;
	c->first = b;
	if (!empty(prev, P_MEASURE) &&
	    !has_sentence_end(v[prev->b[P_MEASURE] - 1].text, true)) {
		for (k = j; k < stop && !starts_row(r, k) &&
		    !has_sentence_end(v[k].text, true); k++)
			;
		if (k < stop && !starts_row(r, k)) {
			c->b[P_MEASURE] = k + 1;
			j = k + 1;
		}
	}
	c->a[P_UNITS] = c->b[P_UNITS] = j;
	if (empty(prev, P_DEADLINE)) {
		/* The deadline is still to come, perhaps begun above. */
		tail = !empty(prev, P_UNITS) ? &v[prev->b[P_UNITS] - 1] : NULL;
		for (k = j; k < stop && !starts_row(r, k); k++) {
			if (tail != NULL && tail->line_start && tail->line_end &&
			    tail->width <= PIECE_WIDTH &&
			    (run = deadline_run(r, k, stop, tail->text)) > 0) {
				prev->a[P_DEADLINE] = --prev->b[P_UNITS];
				c->b[P_UNITS] = c->a[P_DEADLINE] = k;
				c->b[P_DEADLINE] = k + run;
				c->any = true;
				return k + run;
			}
			if ((run = deadline_run(r, k, stop, NULL)) > 0)
				break;
		}
		if (k < stop && !starts_row(r, k)) {
			c->b[P_UNITS] = c->a[P_DEADLINE] = k;
			c->b[P_DEADLINE] = k + run;
			c->any = true;
			return k + run;
		}
		/* No deadline before the next row: only a measure's end. */
		c->a[P_UNITS] = c->b[P_UNITS] = c->a[P_DEADLINE] =
		    c->b[P_DEADLINE] = j;
		c->any = j > b;
		return j;
	}
	/* Above had its deadline: what is left are short lines of the
	 * units cell, which leave the next row its measure and units. */
	for (rs = j; rs < stop && !starts_row(r, rs); rs++)
		;
	if (find_deadline(r, j, 2, rs, &dl, &dl_end) && dl < rs)
		limit = dl >= j + 2 ? dl - 2 : j;
	else
		limit = rs;
	for (k = j; k < limit && v[k].width < r->lay.full_measure &&
	    !has_sentence_end(v[k].text, false) && !starts_row(r, k); k++)
		;
	c->b[P_UNITS] = c->a[P_DEADLINE] = c->b[P_DEADLINE] = k;
	c->any = k > b;
	return k;
}

/* A page-line number as a place. */
static char *
line_loc(int line)
{
	return xasprintf("%d", line);
}

/* Add the row of cells c (flags: enum trow_flags). */
static int
emit(struct reader *r, const struct cells *c, unsigned flags)
{
	const struct frag *v = r->fs.v;
	struct trow *row;
	int line = v[c->first].line;

	if ((row = table_add_row(r->d, TROW_CELLS, flags, "%d", line)) == NULL)
		return error_set(r->err, EXIT_DATAERR, "%s:%d: more than %d "
		    "rows", r->name, line, TABLE_MAX_ROWS);
	row->line = line;
	for (int k = 0; k < P_COUNT; k++) {
		char *text = tl_join(&r->fs, c->a[k], c->b[k]);
		size_t len = strlen(text);
		struct tcell *cell;

		if (len > TABLE_MAX_CELL) {
			free(text);
			return error_set(r->err, EXIT_DATAERR, "%s:%d: more than "
			    "%u MiB of text in a cell: refusing it", r->name,
			    v[c->a[k]].line, TABLE_MAX_CELL >> 20);
		}
		cell = table_add_cell(row, text, len, 1, 0);
		free(text);
		if (cell != NULL && !empty(c, (enum part)k))
			cell->loc = line_loc(v[c->a[k]].line);
	}
	return 0;
}

/* Add a section row: text across the table. */
static int
emit_section(struct reader *r, const char *text, int line)
{
	struct trow *row;

	if ((row = table_add_row(r->d, TROW_CELLS, 0, "%d", line)) == NULL)
		return error_set(r->err, EXIT_DATAERR, "%s:%d: more than %d "
		    "rows", r->name, line, TABLE_MAX_ROWS);
	row->line = line;
	(void)table_add_cell(row, text, strlen(text), P_COUNT, 0);
	return 0;
}

/* Read the rows of the table body, each added once the next is read (a
 * page break may move a piece of it). */
static int
read_body(struct reader *r)
{
	struct cells prev, c;
	bool have_prev = false;
	size_t i = 0;
	int rc = 0;

	r->lay = measure_layout(&r->fs);
	while (i < r->fs.n && rc == 0) {
		const struct frag *f = &r->fs.v[i];

		if (f->after_break && have_prev && !starts_row(r, i)) {
			i = read_continuation(r, i, &prev, &c);
			rc = emit(r, &prev, 0);
			have_prev = false;
			if (rc == 0 && c.any)
				rc = emit(r, &c, TROW_CONTINUES);
			r->check_start = !c.any;
			continue;
		}
		if (is_section(f)) {
			char *text;

			if (have_prev && (rc = emit(r, &prev, 0)) != 0)
				break;
			have_prev = false;
			r->after_section = true;
			/* A section row too long for one line goes on until
			 * the numbered task under it. */
			if (i + 2 < r->fs.n && r->fs.v[i + 1].line_end &&
			    !starts_task(r, i + 1) && starts_task(r, i + 2)) {
				text = tl_join(&r->fs, i, i + 2);
				i += 2;
			} else
				text = xstrdup(r->fs.v[i++].text);
			rc = emit_section(r, text, f->line);
			free(text);
			continue;
		}
		i = read_row(r, i, &c);
		if (!c.any)
			continue;
		if (have_prev)
			rc = emit(r, &prev, 0);
		prev = c;
		have_prev = true;
	}
	if (rc == 0 && have_prev)
		rc = emit(r, &prev, 0);
	return rc;
}

/* The fragments of the table body, lines [from, n): without page numbers
 * and page-top repetitions of the title or header.  Such a repetition
 * marks a page break: after it, `pdftotext -raw` gives the rest of a row
 * broken there cell by cell again.  A page number alone does not: where
 * the page's top repeats nothing, the text runs on as one stream. */
static void
body_frags(struct reader *r, char **lines, size_t from, size_t n,
    const char *title)
{
	bool brk = false;
	size_t i, k, first;

	for (i = from; i < n; i++) {
		if (text_blank(lines[i]) || tl_page_number(lines, i, n, title))
			continue;
		if ((k = tl_page_top(lines, i, n, title)) > 0) {
			brk = true;
			i += k - 1;
			continue;
		}
		first = r->fs.n;
		tl_split_line(&r->fs, lines[i], (int)i + 1, lines + i + 1,
		    n - i - 1);
		if (brk && r->fs.n > first)
			r->fs.v[first].after_break = true;
		brk = false;
	}
}

/* The lines above the header (or all, without one) as paragraphs: each
 * line of the prose, the annex marker, and the title (its lines
 * joined). */
static int
add_paragraphs(struct reader *r, char **lines, size_t annex, size_t header,
    const char *title)
{
	size_t i, end = annex > 0 ? annex : header;

	for (i = 0; i < end; i++) {
		/* pdftotext starts a page with a form feed. */
		const char *t = lines[i] + strspn(lines[i], "\f");

		if (text_blank(t))
			continue;
		if (table_add_paragraph(r->d, t, "%zu", i + 1) == NULL)
			return error_set(r->err, EXIT_DATAERR, "%s:%zu: more "
			    "than %d rows", r->name, i + 1, TABLE_MAX_ROWS);
	}
	for (i = annex; annex > 0 && i < header; i++)
		if (!text_blank(lines[i])) {
			(void)table_add_paragraph(r->d, title, "%zu", i + 1);
			break;
		}
	return 0;
}

/* The header row as read. */
static void
add_header(struct reader *r)
{
	struct trow *row = table_add_row(r->d, TROW_CELLS, TROW_HEADER, "%d",
	    r->h.line);

	if (row == NULL)
		return;
	row->line = r->h.line;
	for (int k = 0; k < P_COUNT; k++)
		(void)table_add_cell(row, r->h.name[k], strlen(r->h.name[k]), 1, 0);
}

int
plan_text_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err)
{
	struct reader r;
	size_t n, i, annex = 0, header = SIZE_MAX, hlines = 0, nkept = 0;
	char *text, *title = NULL, **lines = tl_split_lines(data, len, &text, &n);
	char **kept = NULL;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.err = err;
	*out = NULL;
	tl_mend_quotes(lines, n, &kept, &nkept);
	for (i = 0; i < n; i++)
		if (plan_is_annex(lines[i])) {
			annex = i + 1;
			break;
		}
	for (i = annex; i < n && header == SIZE_MAX; i++)
		if ((hlines = tl_header(lines, i, n, &r.h)) > 0)
			header = i;
	r.d = table_new(name);
	if (header == SIZE_MAX) {
		/* No table: every line a paragraph, for a plan written in
		 * prose (interp_plan reads it, or says what it lacks).  The
		 * lines may be a PDF's, wrapped: breaks are not typed. */
		if ((rc = add_paragraphs(&r, lines, 0, n, NULL)) == 0) {
			*out = r.d;
			r.d = NULL;
		}
		goto out;
	}
	if (r.h.numbered)
		tl_join_numbers(lines, header + hlines, n, &kept, &nkept);
	title = tl_title(lines, annex, header);
	if ((rc = add_paragraphs(&r, lines, annex, header, title)) != 0)
		goto out;
	add_header(&r);
	body_frags(&r, lines, header + hlines, n, title);
	if ((rc = read_body(&r)) != 0)
		goto out;
	*out = r.d;
	r.d = NULL;
out:
	table_free(r.d);
	tl_header_free(&r.h);
	tl_frags_free(&r.fs);
	free(title);
	for (i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
	free(lines);
	free(text);
	return rc;
}

int
plan_text_parse(const char *name, const char *data, size_t len,
    struct plan **out, struct error *err)
{
	struct table_doc *d;
	int rc;

	*out = NULL;
	if ((rc = plan_text_read(name, data, len, &d, err)) != 0)
		return rc;
	rc = interp_plan(d, out, err);
	table_free(d);
	return rc;
}
