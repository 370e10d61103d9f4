/* interp_tasks: which task a task table's row is (interp_reader.h):
 * the number and title its cells give, whether its 序号 numbers rows,
 * and where a task ends though its cell says nothing (a section's or a
 * page's end). */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/interp_reader.h"
#include "plan/table_header.h"

/* Whether a 序号 of no on this row may number rows: never one left
 * blank or said again, and one more than the row before's, or 1 after a
 * task's 一 (its measures numbered afresh). */
bool
interp_counts_rows(const struct reader *rd, int no)
{
	return !rd->task_numbers && rd->last_no != -1 &&
	    (no == rd->last_no + 1 || (rd->last_cn && no == 1));
}

/* Whether s is a number in brackets alone: （1）, (2). */
static bool
bracketed_number(const char *s)
{
	static const char *const opens[] = { "（", "(", NULL };
	const char *rest;

	return text_starts_any(s, opens) && plan_item_number(s, &rest) != -1 &&
	    text_blank(rest);
}

/* Take the task of a row: a number in a 序号 column (which wins) or
 * before the title, and the title.  Empty (or merged), or a measure's
 * outline number under it: the task above goes on.  EXIT_DATAERR for a
 * number that is not one and no title to tell the task by. */
int
interp_take_task(struct reader *rd, const char *no_cell, const char *title_cell,
    const char *loc)
{
	const char *title = title_cell;
	int no = -1, prefix;
	bool row_no;

	if ((prefix = plan_item_number(title_cell, &title)) == -1)
		title = title_cell;
	/* A number in brackets ("（1）") numbers a measure of the task
	 * above, as an outline number ("1.2") does: the task goes on. */
	if (rd->have_task && *title_cell == '\0' && bracketed_number(no_cell))
		return 0;
	/* An outline number ("1.2") is a measure's of its task: the task
	 * row above ("1") goes on. */
	if (*no_cell != '\0' && (no = plan_lone_number(no_cell)) == -1 &&
	    (no = plan_outline_parent(no_cell)) == -1 && *title == '\0')
		return error_set(rd->err, EXIT_DATAERR, "%s:%s: task number "
		    "\"%s\" is not a number", rd->p->source, loc, no_cell);
	row_no = no != -1 && plan_lone_number(no_cell) == no;
	/* The same title under the next row's number: the 序号 numbers
	 * rows. */
	if (rd->have_task && row_no && no != rd->task_no && *title != '\0' &&
	    strcmp(title, rd->task_title) == 0 && interp_counts_rows(rd, no))
		rd->row_numbers = true;
	/* So does one above a title left blank (not merged: a writer's
	 * "ditto"), the task above going on. */
	if (rd->have_task && row_no && *title_cell == '\0' &&
	    *rd->task_title != '\0' && interp_counts_rows(rd, no))
		rd->row_numbers = true;
	if (rd->row_numbers && row_no) {
		if (*title == '\0')
			return 0;
		no = prefix;
	}
	if (no == -1)
		no = prefix;
	if (no == -1 && *title == '\0')
		return 0;
	if (rd->have_task && ((no != -1 && no == rd->task_no) ||
	    (no == -1 && strcmp(title, rd->task_title) == 0))) {
		/* The title of a task that had none: a cell merged down
		 * its rows, read from text positions, puts it midway. */
		if (*title != '\0' && *rd->task_title == '\0') {
			free(rd->task_title);
			rd->task_title = xstrdup(title);
			if (rd->task != NULL) {
				free(rd->task->title);
				rd->task->title = text_squash(title);
			}
		}
		return 0;
	}
	if (no == -1)
		no = rd->have_task ? rd->task_no + 1 : 1;
	free(rd->task_title);
	rd->task_title = xstrdup(title);
	rd->task_no = no;
	rd->have_task = true;
	rd->task = NULL;
	return 0;
}

/* Whether row j's cell at col holds text of its own. */
static bool
cell_written(const struct reader *rd, size_t j, enum col col)
{
	const struct tcell *t;
	struct tgrid g;

	trow_grid(&rd->d->rows[j], &g);
	t = interp_cell_at(rd, &g, col);
	return t != NULL && !(t->flags & TCELL_MERGED_UP) && t->text != NULL &&
	    !text_blank(t->text);
}

/* Why row i (cells c), a measure with its 序号 and task cells empty, is
 * the next task's, not the task above's: NULL when it is the task
 * above's.  Calc prints a task cell merged over a page's end on the
 * next page only (its text clipped on this one), so no task goes on
 * past a section heading, nor past a page's end where, in a table that
 * merges its task cells, the empty cell is not merged with the one
 * above and the next page's first row names a task. */
const char *
interp_next_tasks_row(const struct reader *rd, size_t i, char **c,
    const bool *merged)
{
	const struct trow *r = &rd->d->rows[i];
	size_t j = i + 1;

	if (rd->task == NULL || *c[COL_TASK] != '\0' ||
	    *c[COL_TASK_NO] != '\0' || rd->h.pos[COL_TASK] == -1)
		return NULL;
	if (strcmp(rd->task->section, rd->section) != 0)
		return "after a section heading has an empty task cell";
	if (!rd->task_merges || merged[COL_TASK] || merged[COL_TASK_NO] ||
	    (r->flags & TROW_CONTINUES) || rd->continues)
		return NULL;
	/* The next row of cells, past the clipped text and a repeated
	 * header: the next page's first. */
	while (j < rd->d->nrows && (rd->d->rows[j].kind != TROW_CELLS ||
	    table_header_repeated(&rd->d->rows[j])))
		j++;
	if (j == rd->d->nrows || !(rd->d->rows[j].flags & TROW_CONTINUES) ||
	    !(cell_written(rd, j, COL_TASK_NO) ||
	    cell_written(rd, j, COL_TASK)))
		return NULL;
	return "at a page's end has an empty task cell not merged with "
	    "the one above, and the next page opens a task";
}
