/* deadline_steps: steps to an end, three or more, each with its verb or
 * its stage's name ("3月底前制定方案，6月底前启动实施，12月底前完成"):
 * what is due is the last.  Part of the deadline grammar (deadline.c),
 * which hands it the reader of one part. */
#ifndef DEADLINED_DEADLINE_STEPS_H
#define DEADLINED_DEADLINE_STEPS_H

#include <stdbool.h>

#include "plan/deadline_kind.h"

/* How one part of a deadline is read for a plan's year: whole, not
 * split again, so that hostile text cannot make the grammar recurse. */
typedef struct deadline (*deadline_part_reader)(const char *text, int year);

/* A step named by its stage rather than a verb (6月—10月集中整治,
 * 9月底前初验): a date, then at most DEADLINE_STAGE_MAX Chinese
 * characters (no figure, no clause's end, no 每 or 各 of a period).  Its
 * date into *dl, or false. */
#define DEADLINE_STAGE_MAX 6
bool deadline_staged(const char *part, int year, deadline_part_reader read,
    struct deadline *dl);

/* The steps' end into *dl, each step read by read; false when s is no
 * such steps. */
bool deadline_steps(const char *s, int year, deadline_part_reader read,
    struct deadline *dl);

#endif
