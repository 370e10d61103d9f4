/* interp: a document's rows (plan/table.h, from any format reader) -> a
 * plan.  Readers know formats; this knows task tables:
 *
 *  - the header row is the first row (after an "附件" paragraph when
 *    there is one: the prose before it repeats the plan) whose cells name
 *    the measure, units and deadline columns and the task or its number
 *    (plan/columns: 落实举措/责任单位/完成时限 and their synonyms); its
 *    cells' grid positions say where each column is, whatever else the
 *    table holds (序号, 备注 …);
 *  - the title is the paragraph (or one-cell row) nearest above the
 *    header that names the plan; the year comes from it, or from a
 *    "year" column;
 *  - below the header: repeated header rows are dropped, a row with one
 *    text across the table (or "一、…" alone) is a section, a task cell
 *    merged down or left empty continues the task above, a number in the
 *    task cell ("1.") or in a 序号 column starts a task, and every other
 *    row is a measure with its units and deadline; a new table with the
 *    same columns continues the one before;
 *  - a row the reader marks as possibly continuing the one before it (the
 *    first row of a page) is joined to it when that one is unfinished (no
 *    units or no deadline yet) or when it brings no deadline of its own,
 *    with a warning naming both places.
 *
 * Which task a row is (its number and title, a section's or a page's
 * end) is interp_tasks.c's; rows that hold no measure (sections, notes,
 * lone texts) are interp_rows.c's.  Where the layout leaves a doubt, the plan gets a
 * warning (and --strict refuses it); nothing is guessed silently. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "plan/columns.h"
#include "plan/deadline.h"
#include "plan/interp.h"
#include "plan/interp_reader.h"
#include "plan/prose.h"
#include "plan/table_header.h"
#include "plan/table_notes.h"
#include "plan/title.h"
#include "plan/units.h"

/* The columns a measure row is read from (interp_reader.h). */
const enum col interp_wanted[INTERP_NWANTED] = {
	COL_PLAN, COL_YEAR, COL_TASK_NO, COL_SECTION, COL_TASK, COL_MEASURE,
	COL_UNITS, COL_DEADLINE, COL_LEAD, COL_SUPPORT,
};

/* "N、" when [s, end) is a task number alone, else NULL. */
static char *
number_line(const char *s, const char *end)
{
	char *first = xstrndup(s, (size_t)(end - s)), *sq = text_squash(first);
	int no = plan_lone_number(sq);

	free(first);
	free(sq);
	return no >= 0 ? xasprintf("%d、", no) : NULL;
}

const struct tcell *
interp_cell_at(const struct reader *rd, const struct tgrid *g, enum col col)
{
	int pos = rd->h.pos[col];

	return pos >= 0 && pos < g->width ? g->at[pos] : NULL;
}

/* A deadline cell on lines that are each a deadline (6月底前出台方案 /
 * 年底前完成: steps, or a list) as its lines parted by ；
 * (deadline_lines_as_clauses); else NULL. */
static char *
typed_clauses(const struct tcell *c)
{
	char *t, *sq;

	if (c == NULL || c->text == NULL ||
	    (t = deadline_lines_as_clauses(c->text, DEADLINE_ANY_YEAR)) == NULL)
		return NULL;
	sq = text_squash(t);
	free(t);
	return sq;
}

/* Whether the grammar reads s as a deadline. */
static bool
is_deadline(const char *s)
{
	return deadline_parse(s, DEADLINE_ANY_YEAR).kind != DL_UNKNOWN;
}

/* The text at column col of row g, "" when the column is absent or the
 * cell continues the one above. */
static char *
column(const struct reader *rd, const struct tgrid *g, enum col col,
    bool *merged)
{
	const struct tcell *c = interp_cell_at(rd, g, col);
	const char *nl;
	char *clauses, *lines = NULL, *line, *no;

	/* 同上 written in a task, units or deadline cell is a merge. */
	*merged = c != NULL && ((c->flags & TCELL_MERGED_UP) ||
	    (c->text != NULL && col != COL_MEASURE && col != COL_TASK_NO &&
	    plan_is_ditto(c->text)));
	if (c == NULL || *merged)
		return xstrdup("");
	/* Typed lines read as parted by ；, unless only joined they are a
	 * deadline; lines a PDF wrapped, joined unless only parted. */
	if (col == COL_DEADLINE && (clauses = typed_clauses(c)) != NULL) {
		line = table_one_line(c->text, rd->col_spaced[col]);
		if (rd->d->breaks_typed ? is_deadline(clauses) ||
		    !is_deadline(line) : !is_deadline(line) &&
		    is_deadline(clauses)) {
			free(line);
			return clauses;
		}
		free(clauses);
		return line;
	}
	/* A task's number on a line of its own (3 / 促进…, 三、 / 促进…)
	 * is its number, as 3、促进…: no part of its title. */
	if (col == COL_TASK && c->text != NULL &&
	    (nl = strchr(c->text, '\n')) != NULL &&
	    (no = number_line(c->text, nl)) != NULL) {
		char *rest = table_one_line(nl + 1, rd->col_spaced[col]);

		line = xasprintf("%s%s", no, rest);
		free(no);
		free(rest);
		return line;
	}
	/* A line break or a space typed in a units cell parts two names;
	 * a PDF's line breaks only where one name ends and one starts. */
	if (c->text != NULL &&
	    (col == COL_UNITS || col == COL_LEAD || col == COL_SUPPORT)) {
		if (rd->d->breaks_typed)
			return units_typed(c->text);
		lines = units_wrapped(c->text);
	}
	line = table_one_line(lines != NULL ? lines : c->text,
	    rd->col_spaced[col]);
	free(lines);
	return line;
}

/* Where column col of row r stands: its cell's own place, or the row's. */
static const char *
place(const struct reader *rd, const struct trow *r, const struct tgrid *g,
    enum col col)
{
	const struct tcell *c = interp_cell_at(rd, g, col);

	return c != NULL && c->loc != NULL ? c->loc : r->loc;
}

/* The title and year a row's "plan" and "year" cells give. */
static int
take_plan_cells(struct reader *rd, const char *title, const char *year,
    const char *loc)
{
	char *f;
	int y;

	if (*title != '\0' && !rd->title_cell) {
		free(rd->p->title);
		rd->p->title = xstrdup(title);
		rd->title_cell = true;
	}
	if (*year == '\0')
		return 0;
	f = text_fold(year);
	y = strspn(f, "0123456789") == 4 && f[4] == '\0' ? atoi(f) : 0;
	free(f);
	if (y < 1000)
		return error_set(rd->err, EXIT_DATAERR, "%s:%s: year \"%s\" is "
		    "not a 4-digit year", rd->p->source, loc, year);
	if (rd->year != 0 && y != rd->year)
		return error_set(rd->err, EXIT_DATAERR, "%s:%s: year %d differs "
		    "from the year %d of the rows above", rd->p->source, loc,
		    y, rd->year);
	rd->year = y;
	return 0;
}

/* field with text appended as the next line of the same cell of column
 * col (a new string), NULL when text is empty.  Units part there as at
 * a line the cell wrapped (市农业农村局 / 市生态环境局 over a page's
 * end are two). */
static char *
joined(const struct reader *rd, const char *field, enum col col,
    const char *text)
{
	char *both, *parted = NULL, *line;

	if (*text == '\0')
		return NULL;
	both = xasprintf("%s\n%s", field, text);
	if (col == COL_UNITS)
		parted = units_wrapped(both);
	line = table_one_line(parted != NULL ? parted : both,
	    rd->col_spaced[col]);
	free(parted);
	free(both);
	return line;
}

/* Append text to *field (the reader's), as joined does. */
static void
append(const struct reader *rd, char **field, enum col col, const char *text)
{
	char *line = joined(rd, *field, col, text);

	if (line != NULL) {
		free(*field);
		*field = line;
	}
}

/* Append text to *field, a text of measure m, as joined does. */
static void
append_text(struct reader *rd, struct plan_measure *m, const char **field,
    enum col col, const char *text)
{
	char *line = joined(rd, *field, col, text);

	if (line != NULL)
		plan_set_text(rd->p, m, field, line);
	free(line);
}

/* Whether a measure still lacks a cell: units or deadline (when the
 * table has a deadline column). */
static bool
unfinished(const struct reader *rd, const struct plan_measure *m)
{
	return m != NULL && (*m->units_text == '\0' ||
	    (rd->h.pos[COL_DEADLINE] != -1 && *m->deadline_text == '\0'));
}

/* A table without a deadline column: m's deadline is the one its text
 * ends with (deadline_in_text), placed at its text. */
static void
deadline_from_text(struct reader *rd, struct plan_measure *m)
{
	char *d;

	if (rd->h.pos[COL_DEADLINE] != -1 || (d = deadline_in_text(m->text,
	    rd->p->year > 0 ? rd->p->year : DEADLINE_ANY_YEAR)) == NULL)
		return;
	plan_set_text(rd->p, m, &m->deadline_text, d);
	free(d);
}

/* A row that carries the rest of the measure above (a row broken at a
 * page's end): its cells go onto that measure's. */
static void
join_row(struct reader *rd, const struct trow *r, const struct tgrid *g,
    char **c)
{
	struct plan_measure *m = rd->last;
	struct buf from = BUF_INIT;

	if (*c[COL_TASK] != '\0') {
		append(rd, &rd->task_title, COL_TASK, c[COL_TASK]);
		if (rd->task != NULL) {
			free(rd->task->title);
			rd->task->title = xstrdup(rd->task_title);
		}
	}
	append_text(rd, m, &m->text, COL_MEASURE, c[COL_MEASURE]);
	append_text(rd, m, &m->units_text, COL_UNITS, c[COL_UNITS]);
	append_text(rd, m, &m->deadline_text, COL_DEADLINE, c[COL_DEADLINE]);
	deadline_from_text(rd, m);
	if (*c[COL_DEADLINE] != '\0')
		plan_set_loc(&m->deadline_loc, place(rd, r, g, COL_DEADLINE));
	plan_put_place(&from, rd->p, m->loc);
	plan_warn_at(rd->p, r->loc, "row joined to the measure above (%s), "
	    "which it continues across a page: check it", buf_str(&from));
	buf_free(&from);
}

/* Whether s is a year alone (2026年), which a line wraps before its
 * month. */
static bool
year_alone(const char *s)
{
	char *f = text_fold(s);
	bool yes = strspn(f, "0123456789") == 4 && strcmp(f + 4, "年") == 0;

	free(f);
	return yes;
}

/* Whether more is the rest of m's deadline, broken by the page: the two
 * are one ("全" "年"), and m's alone is none the grammar knows, or is a
 * year alone ("2026年" "10月底前"), or more alone is none ("年底"
 * "前"). */
static bool
deadline_goes_on(const struct plan_measure *m, const char *more)
{
	char *both;
	bool yes;

	if (*more == '\0' || (is_deadline(m->deadline_text) &&
	    !year_alone(m->deadline_text) && is_deadline(more)))
		return false;
	both = xasprintf("%s%s", m->deadline_text, more);
	yes = is_deadline(both);
	free(both);
	return yes;
}

/* Whether row r (cells c) is the rest of the measure above, broken at a
 * page's end: the reader says it may be, it starts no task, and the
 * measure above is unfinished, this row brings no deadline of its own
 * (a row broken at the page's end leaves its short cells, the deadline
 * first, on the page before) or no measure (10月 over 底前), or its
 * deadline finishes the one above. */
static bool
continues_above(const struct reader *rd, const struct trow *r, char **c,
    bool deadline_merged)
{
	if (!((r->flags & TROW_CONTINUES) || rd->continues) || rd->last == NULL ||
	    *c[COL_TASK_NO] != '\0' ||
	    plan_number_prefix(c[COL_TASK], &(const char *){ NULL }) != -1)
		return false;
	return unfinished(rd, rd->last) || *c[COL_MEASURE] == '\0' ||
	    (rd->h.pos[COL_DEADLINE] != -1 && *c[COL_DEADLINE] == '\0' &&
	    !deadline_merged) ||
	    deadline_goes_on(rd->last, c[COL_DEADLINE]);
}

/* Whether row g's cells fit the header's columns: no text beyond the
 * header's last column, and no cell across two of the columns a measure
 * is read from.  (A row may be narrower: spreadsheets leave out empty
 * cells at a row's end.) */
static bool
fits_header(const struct reader *rd, const struct tgrid *g)
{
	static const enum col own[] = { COL_MEASURE, COL_UNITS, COL_DEADLINE };

	for (int pos = rd->h.width; pos < g->width; pos++)
		if (g->at[pos]->text != NULL && !text_blank(g->at[pos]->text))
			return false;
	for (size_t i = 0; i < ARRAY_LEN(own); i++)
		for (size_t j = i + 1; j < ARRAY_LEN(own); j++)
			if (interp_cell_at(rd, g, own[i]) != NULL &&
			    interp_cell_at(rd, g, own[i]) ==
			    interp_cell_at(rd, g, own[j]))
				return false;
	return true;
}

/* Warnings about a measure's cells that do not look like their column. */
static void
check_cells(struct reader *rd, const struct trow *r, const struct tgrid *g,
    char **c)
{
	const char *loc = r->loc;
	const struct tcell *dl;

	if (!fits_header(rd, g))
		plan_warn_at(rd->p, loc, g->width > rd->h.width ? "the row's "
		    "cells do not stand in the header's columns (%d columns, "
		    "the header %d): check it" : "a cell of the row spans the "
		    "measure, units or deadline columns (%d columns, the header "
		    "%d): check it", g->width, rd->h.width);
	/* Typed too: two measures typed into one row look the same as
	 * steps (the deadline is read as the steps', their last). */
	if ((dl = interp_cell_at(rd, g, COL_DEADLINE)) != NULL &&
	    dl->text != NULL && deadline_two_lines(dl->text))
		plan_warn_at(rd->p, loc, "the deadline cell holds two "
		    "deadlines (\"%s\"): are two rows run together?",
		    c[COL_DEADLINE]);
	if (strstr(c[COL_UNITS], "。") != NULL)
		plan_warn_at(rd->p, loc, "the units cell reads like a "
		    "sentence (\"%s\"): are the columns right?", c[COL_UNITS]);
	else if (*c[COL_UNITS] != '\0' && is_deadline(c[COL_UNITS]))
		plan_warn_at(rd->p, loc, "the units cell reads like a deadline "
		    "(\"%s\"): are the columns right?", c[COL_UNITS]);
	else if (units_open_ended(c[COL_UNITS]))
		plan_warn_at(rd->p, loc, "the units cell names others with 等 (\"%s\"): "
		    "the units it does not name get no reminder: name them",
		    c[COL_UNITS]);
}

/* The first row of a new table: a header (whose columns are taken), a
 * row as wide as the task table (which it continues), or another table,
 * skipped up to the next one. */
static void
new_table(struct reader *rd, const struct trow *r)
{
	struct table_header h;

	if (table_header_read(r, &h)) {
		rd->h = h;
		rd->foreign = false;
		rd->task_merges = false;
	} else if (trow_width(r) != rd->h.width) {
		rd->foreign = true;
		plan_warn_at(rd->p, r->loc, "a table of %d columns, not the "
		    "task table's %d: skipped", trow_width(r), rd->h.width);
	} else
		rd->foreign = false;
}

/* The columns units stand in. */
static const enum col units_cols[] = { COL_UNITS, COL_LEAD, COL_SUPPORT };

/* A cell merged down from the row above, or written 同上, is the
 * measure above's: a units column's as that row wrote it (before a
 * lead and a support column are joined: each column on its own), the
 * deadline as the measure has it.  With no measure above (a merge under
 * the header) the cell stays empty, warned about.  Not on a row that
 * may continue the one before (a page's top: nothing is merged into
 * it, and its cells may go onto that measure's). */
static void
carry_down(struct reader *rd, const struct trow *r, char **c,
    const bool *merged, bool deadline)
{
	bool orphan = false;

	if ((r->flags & TROW_CONTINUES) || rd->continues)
		return;
	for (size_t k = 0; !deadline && k < ARRAY_LEN(units_cols); k++) {
		enum col col = units_cols[k];

		if (!merged[col])
			continue;
		orphan = orphan || rd->above[col] == NULL;
		free(c[col]);
		c[col] = xstrdup(rd->above[col] != NULL ? rd->above[col] : "");
	}
	if (deadline && merged[COL_DEADLINE]) {
		/* Said once a row: the units' call said it already. */
		orphan = rd->last == NULL && !merged[COL_UNITS] &&
		    !merged[COL_LEAD] && !merged[COL_SUPPORT];
		free(c[COL_DEADLINE]);
		c[COL_DEADLINE] = xstrdup(rd->last != NULL ?
		    rd->last->deadline_text : "");
	}
	if (orphan)
		plan_warn_at(rd->p, r->loc, "a cell says \"as above\" (merged "
		    "or 同上) with no measure above it; left empty");
}

/* The units columns' cells of the measure just read (the units
 * column's own, not joined), for the next. */
static void
keep_units(struct reader *rd, char *const *c, const char *units_cell)
{
	for (size_t k = 0; k < ARRAY_LEN(units_cols); k++) {
		enum col col = units_cols[k];

		free(rd->above[col]);
		rd->above[col] = xstrdup(col == COL_UNITS && units_cell != NULL ?
		    units_cell : c[col]);
	}
}

/* The units columns' cells of a row joined to the measure above (its
 * cell broken by the page), joined to those kept for the rows below:
 * a cell merged down over them is the whole one (市市场监督管 over the
 * page's end, 理局 after it). */
static void
join_units_kept(struct reader *rd, char *const *c, const char *units_cell)
{
	for (size_t k = 0; k < ARRAY_LEN(units_cols); k++) {
		enum col col = units_cols[k];
		char *line;

		if (rd->above[col] == NULL || (line = joined(rd,
		    rd->above[col], col, col == COL_UNITS && units_cell != NULL ?
		    units_cell : c[col])) == NULL)
			continue;
		free(rd->above[col]);
		rd->above[col] = line;
	}
}

/* The text of row r besides its 序号 cell no (of a row holding two). */
static const struct tcell *
other_text(const struct trow *r, const struct tcell *no)
{
	const struct tcell *head = NULL;

	for (size_t k = 0; k < r->ncells; k++)
		if (&r->cells[k] != no && !text_blank(r->cells[k].text))
			head = &r->cells[k];
	return head;
}

/* Whether row i (grid g) is a section numbered in the 序号 column (一 |
 * 营造公平竞争环境, the heading merged across or alone in the task
 * column) over rows that name their own tasks: else it is a task whose
 * measures follow.  The section is rd's, "一、…". */
static bool
numbered_section(struct reader *rd, size_t i, const struct tgrid *g)
{
	const struct trow *r = &rd->d->rows[i];
	const struct tcell *no = interp_cell_at(rd, g, COL_TASK_NO), *head, *t;
	static const char *const marks[] = { "、", "．", "." };
	struct tgrid next;
	char *one, *num;

	if (no == NULL || no->text == NULL || trow_texts(r, &t) != 2 ||
	    plan_lone_number(no->text) == -1 || strpbrk(no->text,
	    "0123456789") != NULL || i + 1 >= rd->d->nrows ||
	    rd->d->rows[i + 1].kind != TROW_CELLS)
		return false;
	head = other_text(r, no);
	if (head == NULL || (head->colspan < 2 &&
	    head != interp_cell_at(rd, g, COL_TASK)))
		return false;
	trow_grid(&rd->d->rows[i + 1], &next);
	t = interp_cell_at(rd, &next, COL_TASK);
	if (rd->h.pos[COL_TASK] != -1 && (t == NULL || text_blank(t->text) ||
	    (t->flags & TCELL_MERGED_UP) || plan_is_ditto(t->text)))
		return false;
	one = table_one_line(head->text, rd->latin_spaced);
	num = text_squash(no->text);
	for (size_t k = 0; k < ARRAY_LEN(marks); k++)
		if (text_ends(num, marks[k]))
			num[strlen(num) - strlen(marks[k])] = '\0';
	free(rd->section);
	rd->section = xasprintf("%s、%s", num, one);
	free(num);
	free(one);
	return true;
}

/* Whether row r (grid g), in a table without a task column, is a task's
 * heading: its number in the 序号 column, its title merged across the
 * rest (1 | 加强行政保护, over rows numbered （1）, 1.1 or not at all):
 * taken. */
static bool
numbered_task(struct reader *rd, const struct trow *r, const struct tgrid *g)
{
	const struct tcell *no = interp_cell_at(rd, g, COL_TASK_NO), *head, *t;
	char *title;

	if (rd->h.pos[COL_TASK] != -1 || no == NULL || no->text == NULL ||
	    trow_texts(r, &t) != 2 || plan_lone_number(no->text) == -1)
		return false;
	head = other_text(r, no);
	if (head == NULL || head->colspan < 2)
		return false;
	title = table_one_line(head->text, rd->latin_spaced);
	(void)interp_take_task(rd, no->text, title, r->loc);
	free(title);
	return true;
}

static int
read_row(struct reader *rd, size_t i)
{
	const struct trow *r = &rd->d->rows[i];
	const struct tcell *only;
	char *c[COL_COUNT] = { NULL }, *units_cell = NULL;
	struct tgrid g;
	size_t k;
	bool merged[COL_COUNT] = { false };
	const char *why;
	int rc = 0, no;

	if (r->kind == TROW_CELLS && (r->flags & TROW_NEW_TABLE))
		new_table(rd, r);
	/* A header's second row names the columns under its spans. */
	if (rd->after_header && !rd->foreign && table_header_second_row(r)) {
		table_header_sub(&rd->h, r);
		rd->after_header = false;
		return 0;
	}
	rd->after_header = false;
	if (rd->foreign || trow_texts(r, &only) == 0 || interp_lone_row(rd, r))
		return 0;
	if (r->kind != TROW_CELLS)
		return 0;
	if (table_header_repeated(r)) {
		/* A page's (or a continued table's) top: the row after it
		 * may finish the one before. */
		rd->continues = true;
		rd->after_header = true;
		return 0;
	}
	trow_grid(r, &g);
	if (numbered_section(rd, i, &g) || numbered_task(rd, r, &g))
		return 0;
	for (k = 0; k < INTERP_NWANTED; k++)
		c[interp_wanted[k]] = column(rd, &g, interp_wanted[k], &merged[interp_wanted[k]]);
	rd->task_merges = rd->task_merges || merged[COL_TASK];
	carry_down(rd, r, c, merged, false);
	/* Units in a lead and a support column (牵头单位, 配合单位) read
	 * as one units cell marking their roles; the units column's own
	 * cell stays in units_cell. */
	if (rd->h.pos[COL_LEAD] != -1 || rd->h.pos[COL_SUPPORT] != -1) {
		units_cell = c[COL_UNITS];
		c[COL_UNITS] = units_join(units_cell, c[COL_LEAD],
		    c[COL_SUPPORT]);
	}
	if (interp_lone_text_row(rd, r, c) || interp_note_row(rd, r, c))
		goto out;
	if ((rc = take_plan_cells(rd, c[COL_PLAN], c[COL_YEAR], r->loc)) != 0)
		goto out;
	if (*c[COL_SECTION] != '\0') {
		free(rd->section);
		rd->section = xstrdup(c[COL_SECTION]);
	}
	if (continues_above(rd, r, c, merged[COL_DEADLINE])) {
		rd->continues = false;
		join_row(rd, r, &g, c);
		join_units_kept(rd, c, units_cell);
		goto out;
	}
	/* A task cell carried over the page's end: its text goes on the
	 * task's title, and the row is the task's next measure. */
	if (((r->flags & TROW_CONTINUES) || rd->continues) && rd->have_task &&
	    !merged[COL_TASK] && *c[COL_TASK] != '\0' && *c[COL_TASK_NO] == '\0' &&
	    plan_item_number(c[COL_TASK], &(const char *){ NULL }) == -1) {
		append(rd, &rd->task_title, COL_TASK, c[COL_TASK]);
		if (rd->task != NULL) {
			free(rd->task->title);
			rd->task->title = xstrdup(rd->task_title);
		}
		plan_warn_at(rd->p, r->loc, "task cell continued from the page "
		    "before: its title is now \"%s\"", rd->task_title);
		merged[COL_TASK] = true;
	}
	rd->continues = false;
	/* A task cell merged over rows whose 序号 goes up: it numbers rows. */
	no = plan_lone_number(c[COL_TASK_NO]);
	if (rd->have_task && rd->h.pos[COL_TASK_NO] != -1 &&
	    (no == -1 || (no == rd->last_no && !rd->last_cn)))
		rd->task_numbers = true;
	if (merged[COL_TASK] && rd->have_task && no != -1 &&
	    interp_counts_rows(rd, no))
		rd->row_numbers = true;
	if (!merged[COL_TASK] && (rc = interp_take_task(rd, c[COL_TASK_NO], c[COL_TASK],
	    r->loc)) != 0)
		goto out;
	/* Each row a task: without a 序号 to number them, in order. */
	if (rd->h.rows_are_tasks && rd->h.pos[COL_TASK_NO] == -1 &&
	    *c[COL_MEASURE] != '\0') {
		rd->task_no = rd->have_task ? rd->task_no + 1 : 1;
		rd->have_task = true;
		rd->task = NULL;
	}
	rd->last_no = no;
	rd->last_cn = no != -1 && !strpbrk(c[COL_TASK_NO], "0123456789");
	if (*c[COL_MEASURE] == '\0') {
		if ((*c[COL_UNITS] != '\0' || *c[COL_DEADLINE] != '\0') &&
		    !table_row_of_notes(r))
			plan_warn_at(rd->p, r->loc, merged[COL_MEASURE] ?
			    "row has units or a deadline under a measure cell "
			    "merged from the row above; not read (give the row "
			    "its own measure cell)" : "row has units or a deadline "
			    "but no measure; skipped");
		goto out;
	}
	if (!rd->have_task) {
		plan_warn_at(rd->p, r->loc, "measure before any task (its task "
		    "cell is empty); put under task 1");
		(void)interp_take_task(rd, "1", "", r->loc);
	} else if ((why = interp_next_tasks_row(rd, i, c, merged)) != NULL) {
		plan_warn_at(rd->p, r->loc, "measure %s: read as the next "
		    "task's (%d), check it", why, rd->task_no + 1);
		free(rd->task_title);
		rd->task_title = xstrdup("");
		rd->task_no++;
		rd->task = NULL;
	}
	carry_down(rd, r, c, merged, true);
	if (rd->task == NULL)
		rd->task = plan_add_task_at(rd->p, rd->task_no, rd->section,
		    rd->task_title, place(rd, r, &g, COL_TASK));
	rd->last = plan_add_measure_at(rd->task, c[COL_MEASURE],
	    c[COL_DEADLINE], c[COL_UNITS], place(rd, r, &g, COL_MEASURE));
	plan_set_loc(&rd->last->deadline_loc, place(rd, r, &g, COL_DEADLINE));
	deadline_from_text(rd, rd->last);
	keep_units(rd, c, units_cell);
	check_cells(rd, r, &g, c);
out:
	for (k = 0; k < COL_COUNT; k++)
		free(c[k]);
	free(units_cell);
	return rc;
}

/* The section and task headings right above the header (一、… then
 * （一）… over a table without a task column), read as those between
 * its tables are: title_read took only the last as the section. */
static void
heading_rows(struct reader *rd, size_t start, size_t header)
{
	size_t i = header;
	char *t;

	while (i > start && (t = trow_lone_text(&rd->d->rows[i - 1],
	    rd->latin_spaced)) != NULL) {
		bool heading = interp_heading(t);

		free(t);
		if (!heading)
			break;
		i--;
	}
	for (; i < header; i++)
		(void)interp_lone_row(rd, &rd->d->rows[i]);
}

int
interp_plan(const struct table_doc *d, struct plan **out, struct error *err)
{
	struct reader rd = { .last_no = -1 };
	size_t start, header, i;
	int rc = 0;

	*out = NULL;
	start = title_table_start(d);
	/* A header with a deadline column first; else one without. */
	for (header = start; header < d->nrows; header++)
		if (table_header_at(d, header, &rd.h) &&
		    rd.h.pos[COL_DEADLINE] != -1)
			break;
	for (header = header < d->nrows ? header : start;
	    header < d->nrows; header++)
		if (table_header_at(d, header, &rd.h))
			break;
	if (header == d->nrows)		/* no table: perhaps paragraphs */
		return prose_plan(d, out, err);
	rd.d = d;
	rd.p = plan_new(d->source);
	rd.err = err;
	rd.task_title = xstrdup("");
	rd.section = xstrdup("");
	table_latin_spacing(d, header, rd.h.pos, COL_COUNT, &rd.latin_spaced,
	    rd.col_spaced);
	title_read(d, start, header, rd.latin_spaced, rd.p, &rd.section);
	heading_rows(&rd, start, header);
	rd.p->units_order = table_units_order(d, header,
	    &rd.p->units_order_loc);
	for (i = 0; i < d->nwarnings; i++)
		plan_warn_at(rd.p, d->warnings[i].loc, "%s", d->warnings[i].msg);
	if (rd.h.pos[COL_DEADLINE] == -1)
		plan_warn_at(rd.p, d->rows[header].loc, "the table has no "
		    "deadline column: each measure's deadline is read from the "
		    "end of its text (…，6月底前完成。 or （年底前）): check them");
	table_header_warn_unread(d, header, rd.p);
	rd.after_header = true;
	for (i = header + 1; i < d->nrows && rc == 0; i++)
		rc = read_row(&rd, i);
	if (rc == 0 && rd.year != 0)
		rd.p->year = rd.year;
	else if (rc == 0 && rd.title_cell && plan_year_in(rd.p->title) != 0)
		rd.p->year = plan_year_in(rd.p->title);
	if (rc == 0 && plan_measure_count(rd.p) == 0)
		rc = error_set(err, EXIT_DATAERR, "%s:%s: the task table has no "
		    "measures", d->source, d->rows[header].loc);
	free(rd.task_title);
	free(rd.section);
	for (size_t k = 0; k < ARRAY_LEN(units_cols); k++)
		free(rd.above[units_cols[k]]);
	free(rd.note);
	if (rc != 0) {
		plan_free(rd.p);
		return rc;
	}
	*out = rd.p;
	return 0;
}
