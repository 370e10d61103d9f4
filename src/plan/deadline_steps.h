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

/* The steps' end into *dl, each step read by read; false when s is no
 * such steps. */
bool deadline_steps(const char *s, int year, deadline_part_reader read,
    struct deadline *dl);

#endif
