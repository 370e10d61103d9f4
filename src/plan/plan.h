/* plan: a work plan in memory (title, year, tasks, measures, units), as
 * the readers produce it and the store loads it.  A plain data model, so
 * its structs are public; build it with the functions below. */
#ifndef DEADLINED_PLAN_H
#define DEADLINED_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include "plan/deadline.h"
#include "plan/units.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/util.h"

/* The most digits of a task number, in every reader: an int holds it, and
 * an export's task_no column reads back.  Large tables do number past 999:
 * no smaller limit, or a reader would fold later tasks into an earlier
 * one without a word. */
#define PLAN_TASK_NO_DIGITS 6

struct plan_measure {
	int64_t id;		/* store id; 0 before storing */
	/* Its texts are in the plan's arena: text a copy of its own, the
	 * deadline and units cells interned (a plan repeats them). */
	const char *text;
	const char *deadline_text;
	struct deadline deadline;	/* set by plan_resolve */
	const char *units_text;	/* the cell as written (whitespace folded);
				 * NULL in store_load_plans' plans */
	struct unit_ref *units;	/* set by plan_resolve or plan_set_units,
				 * in the plan's arena */
	size_t nunits;
	int line;		/* the source line it starts on (text and CSV;
				 * stored), else 0 */
	char *loc;		/* where it starts: "12" (a line), "page 3",
				 * "Sheet1!B7", "table 1 row 4"; NULL: unknown */
	char *deadline_loc;	/* where its deadline stands */
};

struct plan_task {
	int64_t id;
	int no;
	char *section;		/* "" when the plan has no sections */
	char *title;
	struct plan_measure *measures;
	size_t nmeasures, cap;
	int line;		/* as a measure's */
	char *loc;
	struct arena *arena;	/* the plan's, for its measures' texts */
};

struct plan_warning {
	char *loc;		/* NULL when it concerns the whole file */
	char *msg;
};

struct plan {
	int64_t id;
	char *title;
	int year;		/* 0 until known */
	char *source;		/* file name used in messages */
	struct plan_task *tasks;
	size_t ntasks, cap;
	struct plan_warning *warnings;
	size_t nwarnings, wcap;
	/* The order of the names in the units cells, as a note or a header
	 * of the plan says it (units.h), and where it says so (NULL when
	 * it does not); plan_resolve applies it. */
	enum units_order units_order;
	char *units_order_loc;
	/* Where task numbers first start again in a new section (一、 1, 2;
	 * 二、 1, 2), the tasks then numbered through the plan
	 * (plan_number_through); NULL when they do not. */
	char *restart_loc;
	/* The measures' texts and units, exactly sized, and the units'
	 * names and groups, one copy of each (plan_set_units): a loaded
	 * plan of 100,000 measures names a few hundred units, and malloc's
	 * headers and rounding for each small piece would cost more. */
	struct arena *arena;
};

struct plan *plan_new(const char *source);
void plan_free(struct plan *p);
/* Free an array of n plans and the array. */
void plans_free(struct plan **plans, size_t n);

/* A task or measure at a place (loc: "12", "page 3", or NULL); its line
 * is loc's when loc is a line number (plan_loc_line). */
struct plan_task *plan_add_task_at(struct plan *p, int no,
    const char *section, const char *title, const char *loc);
/* Texts are copied into the plan's arena, their whitespace folded
 * (text_squash); a NULL units_text stays NULL; the deadline's place is the measure's until
 * changed. */
struct plan_measure *plan_add_measure_at(struct plan_task *t,
    const char *text, const char *deadline_text, const char *units_text,
    const char *loc);
/* The same at a line (0: nowhere). */
struct plan_task *plan_add_task(struct plan *p, int no, const char *section,
    const char *title, int line);
struct plan_measure *plan_add_measure(struct plan_task *t, const char *text,
    const char *deadline_text, const char *units_text, int line);
/* Room for n measures in t in all, exactly, when there is less: for a
 * loader that knows how many come. */
void plan_reserve_measures(struct plan_task *t, size_t n);
/* Set field, one of m's texts (&m->text, &m->deadline_text or
 * &m->units_text; m a measure of p), to text, folded as
 * plan_add_measure_at folds it; what it replaces stays in p's arena
 * until the plan is freed. */
void plan_set_text(struct plan *p, struct plan_measure *m,
    const char **field, const char *text);
/* Replace the place *field (a measure's loc or deadline_loc). */
void plan_set_loc(char **field, const char *loc);

/* Set m's units (a measure of p) to a copy of u[0..n) in p's arena;
 * the caller keeps u.  Units replaced stay in the arena until the plan
 * is freed. */
void plan_set_units(struct plan *p, struct plan_measure *m,
    const struct unit_ref *u, size_t n);

/* Record a warning at loc (NULL: the whole file); it is shown as
 * "SOURCE:LOC: msg" (plan_put_place). */
void plan_warn_at(struct plan *p, const char *loc, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* The same at a line (0: the whole file). */
void plan_warn(struct plan *p, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* "SOURCE:LOC" ("plan.txt:12", "plan.xlsx:Sheet1!A12") or, for a NULL
 * or empty loc, "SOURCE" into b. */
void plan_put_place(struct buf *b, const struct plan *p, const char *loc);
/* The line a place names: n for "n", else 0. */
int plan_loc_line(const char *loc);

/* Parse every measure's deadline (for p->year) and units; warn, with the
 * deadline's line, about deadlines the grammar does not know and measures
 * with no unit. */
void plan_resolve(struct plan *p);
/* When the task numbers start again in each section, and only so (no
 * number twice in one section), number the tasks 1, 2, … through the
 * plan in their order, a task's number being its key in the store;
 * p->restart_loc says where the first restart was. */
void plan_number_through(struct plan *p);

/* If title starts with a task number ("1.", "1．", "1、", full-width
 * digits too, at most PLAN_TASK_NO_DIGITS), return the number and set
 * *rest past it and the spaces that follow; else return -1. */
int plan_number_prefix(const char *title, const char **rest);
/* A heading's or a task's number at the start of t: plan_number_prefix's,
 * or a bracketed one, "（一）", "(1)"; -1 for none.  *rest is past it. */
int plan_item_number(const char *t, const char **rest);
/* A task number standing alone in a (序号) cell ("12", "１２", "十二",
 * "3."); -1 for anything else. */
int plan_lone_number(const char *cell);
/* The task's number in a measure's outline number in a 序号 cell ("1.2"
 * and "1.2.3" are measures of task 1); -1 for anything else. */
int plan_outline_parent(const char *cell);
/* Whether s is a page number: "- 8 -", "—8—", "第 8 页", "8". */
bool plan_is_page_number(const char *s);
/* Whether s marks the annex: "附件", "附件1", "附件 2：". */
bool plan_is_annex(const char *s);
/* Whether a cell says "as above" in words: 同上, 同上。, 同前. */
bool plan_is_ditto(const char *s);
/* Append a cell's next line to b.  Chinese wraps anywhere, so lines join
 * without a space, except between two ASCII letters or digits ("ISO" and
 * "9001") and, when the document spaces them (latin_spaced), between a
 * Chinese character and one of those ("面向" and "2035 年"). */
void plan_join_line(struct buf *b, const char *line, bool latin_spaced);
/* Count, on the lines of text, where a Chinese character meets an ASCII
 * letter or digit with one space between them ("面向 2035") and without
 * ("第1项"): how a document writes them, for plan_join_line. */
void plan_count_latin(const char *text, int *spaced, int *unspaced);
/* Whether s is a section heading: a Chinese numeral and 、 ("一、…"). */
bool plan_is_section(const char *s);
/* Whether s is a labelled note, as under a table: a short label and a
 * colon (注：…, 备注：…, 联系人：张三, 填报单位：…). */
bool plan_is_note(const char *s);
/* A year (19xx or 20xx, not part of a longer number) in s; 0 if none. */
int plan_year_in(const char *s);
/* Whether s ends with a word that names a plan (清单, 计划, 方案, 要点 …):
 * a document's title rather than a subtitle or a note. */
bool plan_names_plan(const char *s);
/* The title of a plan whose document names none: the file's base name
 * without its extension (a new string). */
char *plan_name_title(const char *name);

size_t plan_measure_count(const struct plan *p);
/* Count of measures whose deadline kind is DL_UNKNOWN. */
size_t plan_unknown_count(const struct plan *p);

#endif
