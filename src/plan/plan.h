/* plan: a work plan in memory (title, year, tasks, measures, units), as
 * the readers produce it and the store loads it.  A plain data model, so
 * its structs are public; build it with the functions below. */
#ifndef DEADLINED_PLAN_H
#define DEADLINED_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include "plan/deadline.h"
#include "plan/units.h"
#include "base/buf.h"
#include "base/util.h"

/* The most digits of a task number, in every reader: an int holds it, and
 * an export's task_no column reads back.  Large tables do number past 999:
 * no smaller limit, or a reader would fold later tasks into an earlier
 * one without a word. */
#define PLAN_TASK_NO_DIGITS 6

struct plan_measure {
	int64_t id;		/* store id; 0 before storing */
	char *text;
	char *deadline_text;
	struct deadline deadline;	/* set by plan_resolve */
	char *units_text;	/* the cell as written (whitespace folded) */
	struct unit_ref *units;	/* set by plan_resolve */
	size_t nunits;
	int line;		/* where the measure starts in the source */
	int deadline_line;	/* where its deadline stands */
};

struct plan_task {
	int64_t id;
	int no;
	char *section;		/* "" when the plan has no sections */
	char *title;
	struct plan_measure *measures;
	size_t nmeasures, cap;
	int line;
};

struct plan_warning {
	int line;		/* 0 when it concerns the whole file */
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
	/* Where the "lines" of a plan read from a document are: line N
	 * (measures', tasks' and warnings' line) is places[N - 1], such as
	 * "page 3" or "Sheet1!A12".  None for text and CSV, whose lines are
	 * lines. */
	char **places;
	size_t nplaces, pcap;
};

struct plan *plan_new(const char *source);
void plan_free(struct plan *p);
/* Free an array of n plans and the array. */
void plans_free(struct plan **plans, size_t n);

struct plan_task *plan_add_task(struct plan *p, int no, const char *section,
    const char *title, int line);
/* Texts are copied and their whitespace folded (text_squash). */
struct plan_measure *plan_add_measure(struct plan_task *t, const char *text,
    const char *deadline_text, const char *units_text, int line);

/* Record a warning; it is shown as "SOURCE:LINE: msg" (plan_put_place). */
void plan_warn(struct plan *p, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* A new place ("page 3"), returned as the line number that stands for
 * it. */
int plan_add_place(struct plan *p, const char *place);
/* "SOURCE:LINE", "SOURCE:PLACE" ("plan.xlsx:Sheet1!A12") or, for line 0,
 * "SOURCE" into b. */
void plan_put_place(struct buf *b, const struct plan *p, int line);

/* Parse every measure's deadline (for p->year) and units; warn, with the
 * deadline's line, about deadlines the grammar does not know and measures
 * with no unit. */
void plan_resolve(struct plan *p);

/* If title starts with a task number ("1.", "1．", "1、", full-width
 * digits too, at most PLAN_TASK_NO_DIGITS), return the number and set
 * *rest past it and the spaces that follow; else return -1. */
int plan_number_prefix(const char *title, const char **rest);
/* Whether s is a page number: "- 8 -", "—8—", "第 8 页", "8". */
bool plan_is_page_number(const char *s);
/* Whether s marks the annex: "附件", "附件1", "附件 2：". */
bool plan_is_annex(const char *s);
/* Whether s is a section heading: a Chinese numeral and 、 ("一、…"). */
bool plan_is_section(const char *s);
/* A year (19xx or 20xx, not part of a longer number) in s; 0 if none. */
int plan_year_in(const char *s);

size_t plan_measure_count(const struct plan *p);
/* Count of measures whose deadline kind is DL_UNKNOWN. */
size_t plan_unknown_count(const struct plan *p);

#endif
