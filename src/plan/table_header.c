/* table_header: a task table's header row (table_header.h). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "plan/plan.h"
#include "plan/table_header.h"

/* Without a support column beside it, 牵头单位 is the units column: such
 * a column often marks the roles itself ("甲牵头，乙配合"). */
static void
lone_lead(struct table_header *h)
{
	if (h->pos[COL_SUPPORT] == -1 && h->pos[COL_UNITS] == -1) {
		h->pos[COL_UNITS] = h->pos[COL_LEAD];
		h->pos[COL_LEAD] = -1;
	}
}

/* Two columns named for the measure and none for the task (目标任务 |
 * 推进措施): the first is the task's; two for the task and none for the
 * measure (重点任务 | 工作任务): the second is the measure's.  second[]
 * holds where each name's second column is, or -1. */
static void
pair_task_measure(struct table_header *h, const int *second)
{
	if (h->pos[COL_TASK] == -1 && second[COL_MEASURE] != -1) {
		h->pos[COL_TASK] = h->pos[COL_MEASURE];
		h->pos[COL_MEASURE] = second[COL_MEASURE];
	} else if (h->pos[COL_MEASURE] == -1 && second[COL_TASK] != -1)
		h->pos[COL_MEASURE] = second[COL_TASK];
}

/* The column the header reads at grid position pos, or -1. */
static int
col_at(const struct table_header *h, int pos)
{
	for (int k = 0; k < COL_COUNT; k++)
		if (h->pos[k] == pos)
			return k;
	return -1;
}

/* Whether the header reads the column at grid position pos. */
static bool
reads_at(const struct table_header *h, int pos)
{
	return col_at(h, pos) >= 0;
}

bool
table_header_second_row(const struct trow *r)
{
	struct table_header h;
	size_t n = 0;

	if (r->kind != TROW_CELLS)
		return false;
	for (size_t j = 0; j < r->ncells; j++) {
		const struct tcell *c = &r->cells[j];

		if (c->text == NULL || text_blank(c->text) ||
		    (c->flags & TCELL_MERGED_UP))
			continue;
		/* 启动时间 beside 完成时间 under 时间安排: a column not
		 * read, named so. */
		if (plan_column(c->text) >= 0)
			n++;
		else if (!plan_column_unread(c->text))
			return false;
	}
	return n > 0 && !table_header_read(r, &h);
}

void
table_header_sub(struct table_header *h, const struct trow *r)
{
	int pos = 0, col;

	for (size_t j = 0; j < r->ncells; j++) {
		const struct tcell *c = &r->cells[j];

		col = c->text != NULL && !(c->flags & TCELL_MERGED_UP) ?
		    plan_column(c->text) : -1;
		if (col >= 0) {
			for (int k = 0; k < COL_COUNT; k++)
				if (h->pos[k] == pos && k != col)
					h->pos[k] = -1;
			h->pos[col] = pos;
		}
		pos += c->colspan;
	}
	lone_lead(h);
}

bool
table_header_read(const struct trow *r, struct table_header *h)
{
	bool named[COL_COUNT];
	int second[COL_COUNT], pos = 0, col, i, n = 0;
	const char *deadline[2] = { NULL, NULL };	/* the two names */

	for (i = 0; i < COL_COUNT; i++)
		h->pos[i] = second[i] = -1;
	h->width = 0;
	if (r->kind != TROW_CELLS)
		return false;
	for (size_t j = 0; j < r->ncells; j++) {
		col = r->cells[j].text != NULL ? plan_column(r->cells[j].text) : -1;
		if (col == COL_DEADLINE && (h->pos[col] == -1 ||
		    second[col] == -1))
			deadline[h->pos[col] != -1] = r->cells[j].text;
		if (col >= 0 && h->pos[col] == -1)
			h->pos[col] = pos;
		else if (col >= 0 && second[col] == -1)
			second[col] = pos;
		n += col >= 0;
		pos += r->cells[j].colspan;
	}
	h->width = pos;
	/* A schedule (进度安排) beside a deadline column (完成时限): the
	 * deadlines are the latter's. */
	if (plan_column_schedule(deadline[0]) &&
	    deadline[1] != NULL && !plan_column_schedule(deadline[1])) {
		second[COL_DEADLINE] = h->pos[COL_DEADLINE];
		h->pos[COL_DEADLINE] = -1;
		for (size_t j = 0, at = 0; j < r->ncells;
		    at += (size_t)r->cells[j++].colspan)
			if (r->cells[j].text == deadline[1])
				h->pos[COL_DEADLINE] = (int)at;
	}
	/* A row that names two columns is a header: its other cells may
	 * name the columns it lacks by their shape (承担单位, 实施时间;
	 * table_header_warn_unread says so).  A row of data seldom holds
	 * two columns' names. */
	for (size_t j = 0, at = 0; n >= 2 && j < r->ncells;
	    at += (size_t)r->cells[j++].colspan)
		if (r->cells[j].text != NULL &&
		    (col = plan_column_guess(r->cells[j].text)) >= 0 &&
		    h->pos[col] == -1 && !reads_at(h, (int)at))
			h->pos[col] = (int)at;
	pair_task_measure(h, second);
	lone_lead(h);
	for (i = 0; i < COL_COUNT; i++)
		named[i] = h->pos[i] != -1;
	if ((h->rows_are_tasks = plan_columns_rows_are_tasks(named))) {
		h->pos[COL_MEASURE] = h->pos[COL_TASK];
		h->pos[COL_TASK] = -1;
	}
	return plan_columns_task_table(named);
}

bool
table_header_at(const struct table_doc *d, size_t i, struct table_header *h)
{
	const struct trow *sub = i + 1 < d->nrows ? &d->rows[i + 1] : NULL;
	bool named[COL_COUNT];

	if (table_header_read(&d->rows[i], h))
		return true;
	/* What the first row lacks, a second under its spanning cells may
	 * name (责任分工 over 牵头单位 | 配合单位). */
	if (d->rows[i].kind != TROW_CELLS || sub == NULL ||
	    !table_header_second_row(sub))
		return false;
	table_header_sub(h, sub);
	for (int k = 0; k < COL_COUNT; k++)
		named[k] = h->pos[k] != -1;
	if (h->rows_are_tasks) {	/* as table_header_read left it */
		named[COL_TASK] = true;
		named[COL_MEASURE] = false;
	}
	return plan_columns_task_table(named);
}

bool
table_header_repeated(const struct trow *r)
{
	struct table_header h;

	return (r->flags & TROW_HEADER) || table_header_read(r, &h);
}

/* Whether row sub names a column in grid columns [pos, pos + span). */
static bool
names_under(const struct trow *sub, int pos, int span)
{
	int at = 0;

	for (size_t j = 0; j < sub->ncells; j++) {
		const struct tcell *c = &sub->cells[j];

		if (at >= pos && at < pos + span && c->text != NULL &&
		    !(c->flags & TCELL_MERGED_UP) && plan_column(c->text) >= 0)
			return true;
		at += c->colspan;
	}
	return false;
}

void
table_header_warn_unread(const struct table_doc *d, size_t header,
    struct plan *p)
{
	const struct trow *r = &d->rows[header], *sub = NULL;
	struct table_header h;
	int pos = 0, col, guess;

	(void)table_header_read(r, &h);
	if (header + 1 < d->nrows &&
	    table_header_second_row(&d->rows[header + 1]))
		sub = &d->rows[header + 1];
	for (size_t j = 0; j < r->ncells; pos += r->cells[j++].colspan) {
		const struct tcell *c = &r->cells[j];
		char *name;

		if (c->text == NULL || text_blank(c->text) ||
		    (c->flags & TCELL_MERGED_UP))
			continue;
		if ((col = plan_column(c->text)) >= 0 && reads_at(&h, pos))
			continue;
		if ((col < 0 && plan_column_unread(c->text)) || (sub != NULL &&
		    names_under(sub, pos, c->colspan)))
			continue;
		name = text_squash(c->text);
		name[utf8_cut(name, strlen(name), 48)] = '\0';
		/* Named by its shape (the units a lone lead's are the
		 * units: lone_lead). */
		if (col < 0 && plan_column_guess(c->text) >= 0 &&
		    (guess = col_at(&h, pos)) >= 0)
			plan_warn_at(p, c->loc != NULL ? c->loc : r->loc,
			    "column \"%s\" is read as %s by its name's end: "
			    "check the import (README, \"Importing plans\")",
			    name, plan_column_title((enum col)guess));
		else
			plan_warn_at(p, c->loc != NULL ? c->loc : r->loc,
			    "column \"%s\" is not read: %s", name, col < 0 ?
			    "no column of a task table is called so (README, "
			    "\"Importing plans\")" : plan_column_schedule(c->text) ?
			    "a schedule, beside the deadline column" :
			    "a column before it has that name");
		free(name);
	}
}
