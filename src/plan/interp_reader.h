/* interp_reader: the state of reading a task table's rows below its
 * header, shared by interp.c (rows into tasks and measures),
 * interp_tasks.c (which task a row is) and interp_rows.c (rows that are
 * none: sections, notes, lone texts). */
#ifndef DEADLINED_INTERP_READER_H
#define DEADLINED_INTERP_READER_H

#include <stdbool.h>

#include "base/util.h"
#include "plan/columns.h"
#include "plan/plan.h"
#include "plan/table.h"
#include "plan/table_header.h"

/* The columns a measure row is read from. */
#define INTERP_NWANTED 10
extern const enum col interp_wanted[INTERP_NWANTED];

/* The state of reading rows below the header. */
struct reader {
	const struct table_doc *d;
	struct plan *p;
	struct table_header h;
	bool have_task;
	int task_no;
	bool row_numbers;	/* the 序号 column numbers rows (measures),
				 * not tasks: tasks are counted instead */
	bool task_numbers;	/* a 序号 left blank or said again on the
				 * next row: it numbers tasks */
	int last_no;		/* the row before's 序号, -1: none */
	bool last_cn;		/* written in Chinese numerals (一) */
	char *task_title;
	char *section;
	struct plan_task *task;		/* NULL until its first measure */
	struct plan_measure *last;	/* the measure read last */
	char *above[COL_COUNT];	/* its units columns' cells, as written */
	bool task_merges;	/* the table merges task cells down */
	bool continues;		/* a repeated header said the next row may
				 * continue the one before */
	bool after_header;	/* the row before was a header: this one may
				 * be its second row */
	bool foreign;		/* in a table without the task table's
				 * columns: skipped */
	char *note;		/* the note under the table being read */
	const char *note_loc;
	bool title_cell;	/* the title came from a "plan" column */
	int year;		/* from a "year" column, 0 until one */
	const char *year_loc;
	bool latin_spaced;	/* the document's way (table_latin_spacing) */
	bool col_spaced[COL_COUNT];	/* each column's */
	struct error *err;
};

/* The cell at column col of row g, NULL when the column is absent. */
const struct tcell *interp_cell_at(const struct reader *rd,
    const struct tgrid *g, enum col col);
/* Whether a 序号 of no on this row may number rows (measures). */
bool interp_counts_rows(const struct reader *rd, int no);
/* Start task NO_CELL (its number; "" for the title's own) titled
 * TITLE_CELL, unless it is the task being read.  0, or an error for a
 * number that is none. */
int interp_take_task(struct reader *rd, const char *no_cell,
    const char *title_cell, const char *loc);

/* Why row i (cells c, merged as said), a measure with its 序号 and task
 * cells empty, is the next task's: NULL when it is the task above's. */
const char *interp_next_tasks_row(const struct reader *rd, size_t i,
    char **c, const bool *merged);

/* A row of one text: a section ("一、…", or any text across the table),
 * a task's heading under one (（一）… in a table without a task column),
 * or a note kept out of the measures.  False when r is no such row. */
bool interp_lone_row(struct reader *rd, const struct trow *r);
/* Whether text t reads as a heading: a section's, or numbered in
 * brackets (（一）…). */
bool interp_heading(const char *t);
/* Whether row r (cells c), text alone in one column, is no task row and
 * was taken care of (a note, or a section typed into the 序号 column). */
bool interp_lone_text_row(struct reader *rd, const struct trow *r, char **c);
/* Whether row r (cells c) is a note under the table, or a line it wraps
 * onto, and was left out. */
bool interp_note_row(struct reader *rd, const struct trow *r, char **c);

#endif
