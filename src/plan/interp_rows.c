/* interp_rows: a task table's rows that hold no measure: sections,
 * notes under the table, text alone in a column (interp_reader.h). */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "plan/interp_reader.h"
#include "plan/table_notes.h"

static const char *const brackets[] = { "（", "(", NULL };

/* Whether t is numbered in brackets: （一）…, (2)…. */
static bool
bracket_numbered(const char *t)
{
	const char *rest;

	return text_starts_any(t, brackets) && plan_item_number(t, &rest) != -1;
}

bool
interp_heading(const char *t)
{
	return plan_is_section(t) || bracket_numbered(t);
}

/* Whether heading t, in a table without a task column, is a task: numbered
 * in brackets under a section that is not (一、… then （一）…). */
static bool
sub_heading(const struct reader *rd, const char *t)
{
	return rd->h.pos[COL_TASK] == -1 && *rd->section != '\0' &&
	    bracket_numbered(t) && !text_starts_any(rd->section, brackets);
}

/* A row of one text: a section ("一、…", or any text across the table),
 * a task's heading under one (sub_heading), or a note kept out of the
 * measures.  False when r is no such row. */
bool
interp_lone_row(struct reader *rd, const struct trow *r)
{
	const struct tcell *only;
	char *t;

	if (trow_texts(r, &only) != 1)
		return false;
	if (plan_is_page_number(only->text))
		return true;
	if (r->kind != TROW_PARAGRAPH && only->colspan <= 1 &&
	    !plan_is_section(only->text))
		return false;
	t = table_one_line(only->text, rd->latin_spaced);
	if (sub_heading(rd, t)) {
		/* Its number and title; the 序号 below numbers measures. */
		(void)interp_take_task(rd, "", t, r->loc);
		rd->row_numbers = true;
		free(t);
		return true;
	}
	if (plan_is_section(t) || (r->kind == TROW_CELLS && only->colspan > 1)) {
		free(rd->section);
		rd->section = t;
		return true;
	}
	free(t);
	return true;
}

/* Whether row r starts a page and the measure above ends mid-sentence
 * (…第2条措 / 施：组织开展…): r goes on with it, whatever it looks like. */
static bool
cut_by_page(const struct reader *rd, const struct trow *r)
{
	static const char *const ends[] = { "。", "；", ";", ".", NULL };

	if (!(r->flags & TROW_CONTINUES) && !rd->continues)
		return false;
	if (rd->last == NULL || rd->last->text == NULL)
		return false;
	for (size_t k = 0; ends[k] != NULL; k++)
		if (text_ends(rd->last->text, ends[k]))
			return false;
	return true;
}

/* Whether row r (cells c), text alone in one column, is no task row and
 * was taken care of: in the 序号 column and no number, a note under the
 * table (注：…, 联系人：…) is left out, other text is the section of the
 * rows after it, warned (a title typed into the first column without
 * merging its row); a labelled note alone in the measure column is left
 * out, warned (a measure without units or deadline would be stored). */
bool
interp_lone_text_row(struct reader *rd, const struct trow *r, char **c)
{
	const struct tcell *only;
	int col = -1;
	const char *t;

	if (trow_texts(r, &only) != 1)
		return false;
	for (size_t k = 0; k < INTERP_NWANTED; k++)
		if (*c[interp_wanted[k]] != '\0') {
			if (col != -1)
				return false;
			col = (int)interp_wanted[k];
		}
	if (col == COL_MEASURE && plan_is_note(t = c[COL_MEASURE]) &&
	    !cut_by_page(rd, r)) {
		plan_warn_at(rd->p, r->loc, "a note alone in its row (\"%s\") "
		    "is left out: no measure", t);
		return true;
	}
	if (col != COL_TASK_NO || plan_lone_number(t = c[COL_TASK_NO]) != -1 ||
	    plan_outline_parent(t) != -1)
		return false;
	if (plan_is_note(t))
		return true;
	plan_warn_at(rd->p, r->loc, "text alone in the 序号 column (\"%s\") "
	    "is no task number: read as the section of the rows after it", t);
	free(rd->section);
	rd->section = xstrdup(t);
	return true;
}

/* Whether row r (cells c), without a task number or a deadline, is a
 * note under the table (注：…) that a text file's or a PDF's columns cut
 * into cells, or a line it wraps onto (not in Word or Excel, whose rows
 * do not wrap): left out, warned at its start;
 * what it says of the units' order is taken (table_notes.h). */
bool
interp_note_row(struct reader *rd, const struct trow *r, char **c)
{
	const struct tcell *first;
	enum units_order o;
	char *more;

	if (*c[COL_TASK_NO] != '\0' || *c[COL_DEADLINE] != '\0' ||
	    trow_texts(r, &first) == 0) {
		free(rd->note);
		rd->note = NULL;
		return false;
	}
	if (plan_is_note(first->text) && !cut_by_page(rd, r)) {
		free(rd->note);
		rd->note = table_row_text(r);
		rd->note_loc = r->loc;
		plan_warn_at(rd->p, r->loc, "a note under the table (\"%s\") "
		    "is left out: no measure", rd->note);
	} else if (rd->note != NULL && !rd->d->breaks_typed) {
		more = table_row_text(r);
		rd->note = xrealloc(rd->note, strlen(rd->note) +
		    strlen(more) + 1);
		strcat(rd->note, more);
		free(more);
	} else
		return false;
	if ((o = units_order_in(rd->note)) > rd->p->units_order) {
		rd->p->units_order = o;
		free(rd->p->units_order_loc);
		rd->p->units_order_loc = xstrdup(rd->note_loc);
	}
	return true;
}
