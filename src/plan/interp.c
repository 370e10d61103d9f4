/* interp: a document's rows (plan/table.h, from any format reader) -> a
 * plan.  Readers know formats; this knows task tables:
 *
 *  - the header row is the first row whose cells name the measure, units
 *    and deadline columns (plan/columns: 落实举措/责任单位/完成时限 and
 *    their synonyms); its cells' grid positions say where each column is,
 *    whatever else the table holds (序号, 备注 …);
 *  - the title is the paragraph (or one-cell row) nearest above the
 *    header that names the plan, after an "附件" paragraph when there is
 *    one; the year comes from it;
 *  - below the header: repeated header rows are dropped, a row with one
 *    text across the table (or "一、…" alone) is a section, a task cell
 *    merged down or left empty continues the task above, and every other
 *    row is a measure with its units and deadline;
 *  - a row the reader marks as possibly continuing the one before it (the
 *    first row of a page) is joined to it when that one is unfinished (no
 *    units or no deadline yet), with a warning naming both places.
 *
 * Where the layout leaves a doubt, the plan gets a warning (and --strict
 * refuses it); nothing is guessed silently. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "plan/columns.h"
#include "plan/deadline.h"
#include "plan/interp.h"

/* The columns a measure row is read from. */
static const enum col wanted[] = {
	COL_TASK_NO, COL_SECTION, COL_TASK, COL_MEASURE, COL_UNITS, COL_DEADLINE,
};

/* A row's cells by grid position: the cell covering each position. */
struct grid {
	const struct tcell *at[TABLE_MAX_COLS];
	int width;
};

static void
grid_of(const struct trow *r, struct grid *g)
{
	int pos = 0;

	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < r->ncells && pos < TABLE_MAX_COLS; i++)
		for (int k = 0; k < r->cells[i].colspan && pos < TABLE_MAX_COLS; k++)
			g->at[pos++] = &r->cells[i];
	g->width = pos;
}

/* A cell's text as one line: the lines of a cell joined, with a space
 * only where Latin text meets (Chinese wraps without one).  "" for none. */
static char *
cell_text(const struct tcell *c)
{
	struct buf b = BUF_INIT;
	const char *s, *nl;
	char *line, *out;

	if (c == NULL || c->text == NULL)
		return xstrdup("");
	for (s = c->text; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
		nl = s + strcspn(s, "\n");
		line = text_squashn(s, (size_t)(nl - s));
		if (*line != '\0') {
			if (b.len > 0 && ((unsigned char)b.s[b.len - 1] < 0x80 ||
			    (unsigned char)*line < 0x80))
				buf_putc(&b, ' ');
			buf_puts(&b, line);
		}
		free(line);
	}
	out = text_squash(buf_str(&b));
	buf_free(&b);
	return out;
}

/* The header: where each column is (pos[col], -1 when absent). */
struct header {
	int pos[COL_COUNT];
};

/* Whether r names the columns a task table needs; fills h. */
static bool
read_header(const struct trow *r, struct header *h)
{
	int pos = 0, col, i;

	for (i = 0; i < COL_COUNT; i++)
		h->pos[i] = -1;
	if (r->kind != TROW_CELLS)
		return false;
	for (size_t j = 0; j < r->ncells; j++) {
		col = r->cells[j].text != NULL ? plan_column(r->cells[j].text) : -1;
		if (col >= 0 && h->pos[col] == -1)
			h->pos[col] = pos;
		pos += r->cells[j].colspan;
	}
	return h->pos[COL_MEASURE] != -1 && h->pos[COL_UNITS] != -1 &&
	    h->pos[COL_DEADLINE] != -1 &&
	    (h->pos[COL_TASK] != -1 || h->pos[COL_TASK_NO] != -1);
}

/* The non-blank texts of a row: how many cells carry one, the first. */
static size_t
row_texts(const struct trow *r, const struct tcell **first)
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



/* Words that end a plan's title (what the document is), so that a
 * subtitle or a note above the table is not taken for it. */
static bool
names_plan(const char *s)
{
	static const char *const ends[] = { "清单", "计划", "方案", "要点",
	    "台账", "分工", "安排", "任务表", "一览表", "表" };
	char *f = text_fold(s);
	size_t n = strlen(f), k;
	bool yes = false;

	for (k = 0; k < ARRAY_LEN(ends) && !yes; k++) {
		size_t m = strlen(ends[k]);

		yes = n >= m && strcmp(f + n - m, ends[k]) == 0;
	}
	free(f);
	return yes;
}

/* The plan's title and year from the rows above the header. */
static void
read_title(const struct table_doc *d, size_t header, struct plan *p)
{
	const char *title = NULL, *any = NULL;
	size_t start = 0, i;
	int year = 0;

	for (i = 0; i < header; i++) {
		const struct tcell *c;

		if (row_texts(&d->rows[i], &c) == 1 && plan_is_annex(c->text))
			start = i + 1;
	}
	for (i = start; i < header; i++) {
		const struct tcell *c;
		char *t;

		if (row_texts(&d->rows[i], &c) != 1)
			continue;
		t = cell_text(c);
		if (!plan_is_annex(t) && !plan_is_page_number(t) && *t != '\0') {
			any = c->text;
			if (names_plan(t) || plan_year_in(t) != 0)
				title = c->text;
			if (plan_year_in(t) != 0)
				year = plan_year_in(t);
		}
		free(t);
	}
	if (title == NULL)
		title = any;
	if (title != NULL) {
		free(p->title);
		p->title = cell_text(&(struct tcell){ .text = (char *)title });
		if (plan_year_in(p->title) != 0)
			year = plan_year_in(p->title);
	}
	p->year = year;
}

/* The state of reading rows below the header. */
struct reader {
	const struct table_doc *d;
	struct plan *p;
	struct header h;
	bool have_task;
	int task_no;
	char *task_title;
	char *section;
	struct plan_task *task;		/* NULL until its first measure */
	struct plan_measure *last;	/* the measure read last */
	size_t last_row;
	bool continues;		/* a page's repeated header said the next
				 * row may continue the one before */
	struct error *err;
};

/* The line number of row i: its own for text, else a place. */
static int
line_of(struct reader *rd, size_t i)
{
	const struct trow *r = &rd->d->rows[i];

	return r->line > 0 ? r->line : plan_add_place(rd->p, r->loc);
}

/* The text at column col of row g, "" when the column is absent or the
 * cell continues the one above. */
static char *
column(const struct reader *rd, const struct grid *g, enum col col,
    bool *merged)
{
	int pos = rd->h.pos[col];
	const struct tcell *c = pos >= 0 && pos < g->width ? g->at[pos] : NULL;

	if (merged != NULL)
		*merged = c != NULL && (c->flags & TCELL_MERGED_UP);
	if (c == NULL || (c->flags & TCELL_MERGED_UP))
		return xstrdup("");
	return cell_text(c);
}

/* Whether row r repeats the header (a page's or a table's top). */
static bool
repeats_header(const struct trow *r)
{
	struct header h;

	return (r->flags & TROW_HEADER) || read_header(r, &h);
}

/* Take the task of a row: a title with or without its number, or a
 * number in a 序号 column.  Empty (or merged): the task above goes on. */
static void
take_task(struct reader *rd, const char *no_cell, const char *title_cell,
    int line)
{
	const char *title = title_cell;
	int no = -1, prefix;
	char *f;

	if ((prefix = plan_number_prefix(title_cell, &title)) != -1)
		no = prefix;
	else if (*no_cell != '\0') {
		f = text_fold(no_cell);
		if (strspn(f, "0123456789") == strlen(f) && strlen(f) > 0 &&
		    strlen(f) <= PLAN_TASK_NO_DIGITS)
			no = atoi(f);
		else if (*title == '\0')
			plan_warn(rd->p, line, "task number \"%s\" is not a "
			    "number", no_cell);
		free(f);
	}
	if (no == -1 && *title == '\0')
		return;
	if (rd->have_task && ((no != -1 && no == rd->task_no) ||
	    (no == -1 && strcmp(title, rd->task_title) == 0)))
		return;
	if (no == -1)
		no = rd->have_task ? rd->task_no + 1 : 1;
	free(rd->task_title);
	rd->task_title = xstrdup(title);
	rd->task_no = no;
	rd->have_task = true;
	rd->task = NULL;
}

/* Append text to *field, as the next line of the same cell. */
static void
append(char **field, const char *text)
{
	struct tcell c;
	char *joined;

	if (*text == '\0')
		return;
	joined = xasprintf("%s\n%s", *field, text);
	c = (struct tcell){ .text = joined };
	free(*field);
	*field = cell_text(&c);
	free(joined);
}

/* A row that carries the rest of the measure above (a row broken at a
 * page's end): its cells go onto that measure's. */
static void
join_row(struct reader *rd, size_t i, const char *measure, const char *units,
    const char *deadline)
{
	struct plan_measure *m = rd->last;
	struct buf from = BUF_INIT;

	append(&m->text, measure);
	append(&m->units_text, units);
	append(&m->deadline_text, deadline);
	if (*deadline != '\0')
		m->deadline_line = line_of(rd, i);
	plan_put_place(&from, rd->p, m->line);
	plan_warn(rd->p, line_of(rd, i), "row joined to the measure above "
	    "(%s), which it continues across a page: check it", buf_str(&from));
	buf_free(&from);
}

/* A measure is unfinished while its units or its deadline are missing. */
static bool
unfinished(const struct plan_measure *m)
{
	return m != NULL && (*m->units_text == '\0' || *m->deadline_text == '\0');
}

/* Whether the deadline cell's lines are two deadlines the grammar
 * knows ("6月底前" over "年底前"): two rows a reader ran together, one
 * of them now without its deadline. */
static bool
two_deadlines(const struct grid *g, int pos)
{
	const struct tcell *c = pos >= 0 && pos < g->width ? g->at[pos] : NULL;
	const char *s, *nl;
	int n = 0;

	if (c == NULL || c->text == NULL || strchr(c->text, '\n') == NULL)
		return false;
	for (s = c->text; *s != '\0' && n < 2; s = *nl != '\0' ? nl + 1 : nl) {
		char *line;

		nl = s + strcspn(s, "\n");
		line = xstrndup(s, (size_t)(nl - s));
		n += deadline_parse(line, 2000).kind != DL_UNKNOWN;
		free(line);
	}
	return n >= 2;
}

/* Read row i below the header. */
static void
read_row(struct reader *rd, size_t i)
{
	const struct trow *r = &rd->d->rows[i];
	const struct tcell *only;
	char *c[COL_COUNT] = { NULL };
	struct grid g;
	size_t k, ntext;
	bool task_merged = false, deadline_merged = false, cont;
	int line;

	ntext = row_texts(r, &only);
	if (ntext == 0)
		return;
	if (ntext == 1 && plan_is_page_number(only->text))
		return;
	if (r->kind == TROW_PARAGRAPH || (ntext == 1 && only->colspan > 1) ||
	    (ntext == 1 && plan_is_section(only->text))) {
		char *t = cell_text(only);

		/* Text across the table: a section, or a note to keep
		 * out of the measures. */
		if (plan_is_section(t) || (r->kind == TROW_CELLS && only->colspan > 1)) {
			free(rd->section);
			rd->section = t;
			return;
		}
		free(t);
		return;
	}
	if (repeats_header(r)) {
		rd->continues = rd->continues || (r->flags & TROW_CONTINUES);
		return;
	}
	cont = (r->flags & TROW_CONTINUES) || rd->continues;
	rd->continues = false;
	grid_of(r, &g);
	for (k = 0; k < ARRAY_LEN(wanted); k++)
		c[wanted[k]] = column(rd, &g, wanted[k],
		    wanted[k] == COL_TASK ? &task_merged :
		    wanted[k] == COL_DEADLINE ? &deadline_merged : NULL);
	line = line_of(rd, i);
	if (*c[COL_SECTION] != '\0') {
		free(rd->section);
		rd->section = xstrdup(c[COL_SECTION]);
	}
	/* The first row of a page that starts no task of its own is the
	 * rest of the row above when that one is unfinished, or when it has
	 * no deadline of its own (a row broken at the page's end leaves
	 * its short cells, the deadline first, on the page before). */
	if (cont && rd->last != NULL && *c[COL_TASK_NO] == '\0' &&
	    plan_number_prefix(c[COL_TASK], &(const char *){ NULL }) == -1 &&
	    (unfinished(rd->last) || (*c[COL_DEADLINE] == '\0' &&
	    !deadline_merged))) {
		if (!task_merged && *c[COL_TASK] != '\0') {
			append(&rd->task_title, c[COL_TASK]);
			if (rd->task != NULL) {
				free(rd->task->title);
				rd->task->title = xstrdup(rd->task_title);
			}
		}
		join_row(rd, i, c[COL_MEASURE], c[COL_UNITS], c[COL_DEADLINE]);
		goto out;
	}
	/* A task cell carried over the page's end: its text goes on the
	 * task's title, and the row is the task's next measure. */
	if (cont && rd->have_task && !task_merged && *c[COL_TASK] != '\0' &&
	    *c[COL_TASK_NO] == '\0' &&
	    plan_number_prefix(c[COL_TASK], &(const char *){ NULL }) == -1) {
		append(&rd->task_title, c[COL_TASK]);
		if (rd->task != NULL) {
			free(rd->task->title);
			rd->task->title = xstrdup(rd->task_title);
		}
		plan_warn(rd->p, line, "task cell continued from the page "
		    "before: its title is now \"%s\"", rd->task_title);
		task_merged = true;
	}
	if (!task_merged)
		take_task(rd, c[COL_TASK_NO], c[COL_TASK], line);
	if (*c[COL_MEASURE] == '\0') {
		if (*c[COL_UNITS] != '\0' || *c[COL_DEADLINE] != '\0')
			plan_warn(rd->p, line, "row has units or a deadline "
			    "but no measure; skipped");
		goto out;
	}
	if (!rd->have_task) {
		plan_warn(rd->p, line, "measure before any task (its task "
		    "cell is empty); put under task 1");
		take_task(rd, "1", "", line);
	}
	if (rd->task == NULL)
		rd->task = plan_add_task(rd->p, rd->task_no, rd->section,
		    rd->task_title, line);
	rd->last = plan_add_measure(rd->task, c[COL_MEASURE], c[COL_DEADLINE],
	    c[COL_UNITS], line);
	rd->last_row = i;
	if (two_deadlines(&g, rd->h.pos[COL_DEADLINE]))
		plan_warn(rd->p, line, "the deadline cell holds two deadlines "
		    "(\"%s\"): are two rows run together?", c[COL_DEADLINE]);
	if (strstr(c[COL_UNITS], "。") != NULL)
		plan_warn(rd->p, line, "the units cell reads like a sentence "
		    "(\"%s\"): are the columns right?", c[COL_UNITS]);
out:
	for (k = 0; k < COL_COUNT; k++)
		free(c[k]);
}

int
interp_plan(const struct table_doc *d, struct plan **out, struct error *err)
{
	struct reader rd = { 0 };
	size_t header, i;

	*out = NULL;
	for (header = 0; header < d->nrows; header++)
		if (read_header(&d->rows[header], &rd.h))
			break;
	if (header == d->nrows)
		return error_set(err, EXIT_DATAERR, "%s: no task table found: "
		    "no table row names the columns 落实举措 (or 具体措施, "
		    "工作措施), 责任单位 (or 牵头单位, 责任部门) and 完成时限 (or "
		    "完成时间, 时间节点)%s%s", d->source, d->nwarnings > 0 ?
		    "; " : "", d->nwarnings > 0 ? d->warnings[0].msg : "");
	rd.d = d;
	rd.p = plan_new(d->source);
	rd.err = err;
	rd.task_title = xstrdup("");
	rd.section = xstrdup("");
	read_title(d, header, rd.p);
	for (i = 0; i < d->nwarnings; i++) {
		struct buf w = BUF_INIT;

		buf_puts(&w, d->warnings[i].msg);
		plan_warn(rd.p, *d->warnings[i].loc != '\0' ?
		    plan_add_place(rd.p, d->warnings[i].loc) : 0, "%s",
		    buf_str(&w));
		buf_free(&w);
	}
	for (i = header + 1; i < d->nrows; i++)
		read_row(&rd, i);
	free(rd.task_title);
	free(rd.section);
	*out = rd.p;
	return 0;
}
